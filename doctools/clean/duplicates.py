"""clean.duplicates: a paragraph, or a run of paragraphs, repeated later is kept once.

Examples (keys compare text with whitespace removed and full/half width folded)::

    A B C D  B' C' E     (B'≡B, C'≡C)       → A B C D E      (run of 2 removed)
    A(long) … A(long)                        → first kept     (one long paragraph)
    各位代表： … 各位代表：  (short, alone)   → both kept      (see rule below)
    X … X-with-one-word-changed              → both kept, Notice "near-duplicate"

Rule, and why: a repeated *long* block (≥ ``SINGLE_MIN`` characters of folded text) is a
scraping artefact — real reports do not repeat a whole paragraph. A *short* line (a
heading such as "（一）總體要求" or an address "各位代表！") may legitimately recur, so it
is removed only as part of a repeated *run* of at least two consecutive blocks whose
folded text totals ≥ ``RUN_MIN`` characters: that is a pasted block, not a recurring
heading. The first occurrence always stays; every removal is an Edit (action remove,
rule ``duplicates.run`` / ``duplicates.paragraph``) naming the source line of the copy and,
in ``after``, nothing — ``before`` holds the removed text, the Notice-free audit trail
says where the kept copy is (``duplicates.run:first=L``).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from doctools.clean._text import fold, new_notices
from doctools.model import Block, Document, Edit, Notice
from doctools.transform import step

NAME = "clean.duplicates"
SINGLE_MIN = 20  # folded characters: a lone repeated block this long is a duplicate
RUN_MIN = 20  # folded characters in a repeated run of ≥ 2 blocks
NEAR_MIN = 30  # blocks shorter than this are not checked for near-duplication
NEAR_RATIO = 0.9
NEAR_CANDIDATES = 20  # latest blocks per shared head/tail compared: bounds the cost on long texts
NEAR_BUDGET = 10  # exact-ratio work (length × length) allowed per character of the document (+ a floor)
RUN_CANDIDATES = 32  # latest earlier copies of a line a repeated run is compared with (and the first)


def _line(b: Block) -> int | None:
    return b.lines[0] if b.lines else None


def units(blocks: tuple[Block, ...]) -> list[list[int]]:
    """Block indices grouped by source line: a run-in heading and its body (``b27``,
    ``b27.2``) are one unit, so a second run compares what the first run compared."""
    out: list[list[int]] = []
    base_prev = None
    for i, b in enumerate(blocks):
        base = b.id.split(".")[0]
        if out and base == base_prev and "." in b.id:
            out[-1].append(i)
        else:
            out.append([i])
        base_prev = base
    return out


def find(keys: list[str]) -> dict[int, tuple[int, str]]:
    """Index of each removed unit → (index of the kept original, rule name).

    Linear time. A run can only start where the next unit matches too, so runs are looked
    up by the pair (this key, next key): a short line recurring thousands of times under
    different headings ("全面完成任务。") finds no candidate at all, where comparing it with
    every earlier copy was quadratic. Of many earlier places of one pair, the first and the
    latest ``RUN_CANDIDATES`` are compared. A run that is not removed is shorter than
    ``RUN_MIN`` characters, so each comparison stops within a few units, and a removed run
    is skipped over: the extension work is paid once. A unit whose key is empty (only
    invisible characters) matches nothing.
    """
    first: dict[str, int] = {}  # key → its first kept unit
    pairs: dict[tuple[str, str], list[int]] = {}  # (key, next key) → kept units where that pair starts
    removed: dict[int, tuple[int, str]] = {}
    i = 0
    n = len(keys)
    while i < n:
        key = keys[i]
        best_len, best_j = 0, -1
        seen = pairs.get((key, keys[i + 1])) if key and i + 1 < n else None
        if seen:
            for j in seen[:1] + seen[max(1, len(seen) - RUN_CANDIDATES):]:
                k = 0
                while (
                    i + k < n and j + k < i and keys[j + k] == keys[i + k] and keys[i + k] and (j + k) not in removed
                ):
                    k += 1
                if k > best_len:
                    best_len, best_j = k, j
        if best_len < 2 and key in first:  # a lone repeat: compared with the first copy
            best_len, best_j = 1, first[key]
        if best_len >= 2 and sum(len(keys[i + t]) for t in range(best_len)) >= RUN_MIN:
            for t in range(best_len):
                removed[i + t] = (best_j + t, "duplicates.run")
            i += best_len
            continue
        if best_len >= 1 and len(key) >= SINGLE_MIN:
            removed[i] = (best_j, "duplicates.paragraph")
        elif key:
            first.setdefault(key, i)
            if i + 1 < n:
                pairs.setdefault((key, keys[i + 1]), []).append(i)
        i += 1
    return removed


def near_duplicates(keys: list[str]) -> tuple[list[tuple[int, int, float]], bool]:
    """(later, earlier, ratio) for long units very similar but not equal to an earlier one,
    and whether the check was cut short.

    A cheap prefilter (same first or last 8 folded characters, then difflib's quick
    bounds, both linear) picks the pairs worth an exact ratio. The exact ratio costs up to
    the product of the two lengths, so the pairs measured share a budget proportional to
    the document's length (``NEAR_BUDGET`` per character): many long, similar paragraphs
    cannot make this step quadratic — past the budget the check stops (and says so).
    """
    out: list[tuple[int, int, float]] = []
    heads: dict[str, list[int]] = {}
    tails: dict[str, list[int]] = {}
    budget = NEAR_BUDGET * (sum(map(len, keys)) + 200_000)
    for i, key in enumerate(keys):
        if len(key) < NEAR_MIN:
            continue
        cands = sorted(set(heads.get(key[:8], [])[-NEAR_CANDIDATES:] + tails.get(key[-8:], [])[-NEAR_CANDIDATES:]))
        for j in cands:
            if keys[j] == key:
                continue
            sm = SequenceMatcher(None, keys[j], key, autojunk=False)
            if sm.real_quick_ratio() < NEAR_RATIO or sm.quick_ratio() < NEAR_RATIO:
                continue
            budget -= len(keys[j]) * len(key)
            if budget < 0:
                return out, True
            ratio = sm.ratio()
            if ratio >= NEAR_RATIO:
                out.append((i, j, ratio))
                break
        heads.setdefault(key[:8], []).append(i)
        tails.setdefault(key[-8:], []).append(i)
    return out, False


@step(NAME)
def clean_duplicates(doc: Document) -> Document:
    """Remove repeated blocks/runs (Edits); report near-duplicates (Notices)."""
    groups = units(doc.blocks)
    keys = ["".join(fold(doc.blocks[i].full_text) for i in g) for g in groups]
    removed = find(keys)
    edits = []
    for u, g in enumerate(groups):
        if u in removed:
            j, rule = removed[u]
            orig = doc.blocks[groups[j][0]]
            for i in g:
                b = doc.blocks[i]
                ref = f"{rule}:first={_line(orig) or orig.id}"
                edits.append(Edit(NAME, ref, "remove", b.id, b.full_text, "", None, _line(b)))
    drop = {i for u in removed for i in groups[u]}
    kept_units = [g for u, g in enumerate(groups) if u not in removed]
    kept_keys = [k for u, k in enumerate(keys) if u not in removed]
    notices = []
    near, cut = near_duplicates(kept_keys)
    for i, j, ratio in near:
        later, earlier = doc.blocks[kept_units[i][0]], doc.blocks[kept_units[j][0]]
        notices.append(
            Notice(
                NAME,
                "warning",
                f"near-duplicate of line {_line(earlier) or earlier.id} ({ratio:.0%} similar); kept",
                later.id,
                _line(later),
            )
        )
    if cut:
        notices.append(Notice(NAME, "info", "near-duplicate check stopped early: too many long, similar "
                              "paragraphs to compare them all (exact duplicates were all removed)"))
    fresh = new_notices(doc, notices)
    if not edits and not fresh:
        return doc
    kept = tuple(b for i, b in enumerate(doc.blocks) if i not in drop)
    return doc.with_changes(blocks=kept, edits=tuple(edits), notices=fresh)


__all__ = ["NAME", "clean_duplicates", "find", "near_duplicates", "units"]
