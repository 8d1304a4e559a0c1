"""clean.punctuation: half-width , : ; ! ? ( ) in Chinese text become ，：；！？（）.

Examples::

    現在,我代表區人民政府          → 現在，我代表區人民政府
    總體要求是:堅持               → 總體要求是：堅持
    各位代表!這些成績             → 各位代表！這些成績
    (一)聚焦創新                  → （一）聚焦創新
    細顆粒物(PM2.5)濃度           → 細顆粒物（PM2.5）濃度   (pair around Chinese text)
    1,000 · 10:30 · 8.1% · PM2.5 · 1+6+N · 5G · 2022-01-05     → unchanged
    Hello, world! (see p. 3)      → unchanged (Latin context)
    詳見http://www.gov.cn/a?b=1&c=(2)。 → unchanged inside the URL (also e-mail, file path)

URLs (with a scheme or ``www.``), e-mail addresses and file paths (``C:\\…``, ``/a/b/c``)
are protected: no mark inside them changes width, and their brackets never pair with
brackets outside. A URL ends before trailing ``, . ; : ! ?`` and before an unbalanced
``)``, since in running text those belong to the sentence, not the address.

"Chinese context": a mark is converted when the nearest non-space character before or
after it is a Han character or full-width punctuation, and it does not sit between two
ASCII digits (thousands separators, times, ratios). Brackets convert as a pair when the
text inside or right outside contains Chinese; an unpaired bracket converts only next to
Chinese. Spaces around a converted mark are dropped (full-width marks carry their own
spacing). Each change is one Edit with its offset in the text before the step.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from doctools.clean._text import CHINESE_CONTEXT, chinese_context
from doctools.model import Block, Document, Edit
from doctools.transform import step

NAME = "clean.punctuation"
FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
RULE = "punctuation.halfwidth"


_PROTECTED = re.compile(
    r"""
      (?:https?|ftps?|file)://[!-~]+            # URL with a scheme: any printable ASCII
    | (?<![A-Za-z0-9.@-])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#][!-~]*)?
    | [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+   # e-mail
    | (?<![A-Za-z0-9])[A-Za-z]:\\[^\s，。；：！？、“”‘’《》]+  # Windows path
    | (?<![A-Za-z0-9/:.])(?:~|\.{1,2})?(?:/[A-Za-z0-9._~()-]+){2,}/?  # POSIX path, 2+ parts
    """,
    re.VERBOSE,
)
_TRAIL = ",.;:!?'\"("
_MARK = re.compile("[" + re.escape("".join(FULL)) + "]")
_BRACKET = re.compile(r"[()]")


def _trim(s: str) -> int:
    """Length of ``s`` without the sentence punctuation glued to its end."""
    n = len(s)
    while n:
        ch = s[n - 1]
        if ch in _TRAIL or (ch == ")" and s.count("(", 0, n) < s.count(")", 0, n)):
            n -= 1
            continue
        break
    return n


def protected_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each URL, e-mail address and file path in ``text``."""
    out: list[tuple[int, int]] = []
    for m in _PROTECTED.finditer(text):
        n = _trim(m.group(0))
        if n:
            out.append((m.start(), m.start() + n))
    return out


def _neighbour(text: str, i: int, direction: int) -> int:
    """Index of the nearest non-space character from ``i`` in ``direction`` (-1: none)."""
    j = i + direction
    while 0 <= j < len(text) and text[j] in " \t":
        j += direction
    return j if 0 <= j < len(text) else -1


def _pairs(text: str, skip: set[int]) -> dict[int, int]:
    """Matching ASCII bracket positions (both directions), ignoring those in ``skip``."""
    stack: list[int] = []
    out: dict[int, int] = {}
    for m in _BRACKET.finditer(text):
        i = m.start()
        if i in skip:
            continue
        if m.group() == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            out[i], out[j] = j, i
    return out


def positions(text: str) -> list[int]:
    """Offsets of the half-width marks to convert.

    Computed to a fixpoint: a mark converted to full width is Chinese context for its
    neighbours (``(,`` → ``（，``), so the result is what a second pass would give too —
    the step is idempotent. Every condition only grows with the set of chosen marks, so
    the fixpoint is unique; a work list re-examines just the marks whose neighbour (or
    whose bracket partner's neighbour) was chosen, which keeps a long line linear.
    """
    marks = [m.start() for m in _MARK.finditer(text)]
    if not marks:
        return []
    locked = {i for a, b in protected_spans(text) for i in range(a, b)}
    pairs = _pairs(text, locked)
    # static Chinese context inside a bracket pair: the next such character after ``lo``
    # (found by bisection in one regex pass) makes the test O(log n)
    context = [m.start() for m in CHINESE_CONTEXT.finditer(text)] if pairs else []
    chosen: set[int] = set()
    near: dict[int, tuple[int, int]] = {}  # mark → (neighbour before, neighbour after)
    watchers: dict[int, list[int]] = {}  # position → marks whose decision reads it
    for i in marks:
        if i in locked:
            continue
        b, a = _neighbour(text, i, -1), _neighbour(text, i, 1)
        near[i] = (b, a)
        if text[i] in "()" and i in pairs:
            lo, hi = min(i, pairs[i]), max(i, pairs[i])
            reads = (_neighbour(text, lo, -1), _neighbour(text, hi, 1))
        else:
            reads = (b, a)
        for j in reads:
            if j >= 0:
                watchers.setdefault(j, []).append(i)

    def chinese(j: int) -> bool:
        return j >= 0 and (j in chosen or chinese_context(text[j]))

    def ok(i: int) -> bool:
        ch = text[i]
        b, a = near[i]
        if ch in "()":
            if i in pairs:
                lo, hi = min(i, pairs[i]), max(i, pairs[i])
                k = bisect_right(context, lo)
                return (
                    (k < len(context) and context[k] < hi)
                    or chinese(_neighbour(text, lo, -1))
                    or chinese(_neighbour(text, hi, 1))
                )
            return chinese(a if ch == "(" else b)
        before, after = (text[b] if b >= 0 else ""), (text[a] if a >= 0 else "")
        if before.isascii() and before.isdigit() and after.isascii() and after.isdigit():
            return False  # 1,000 · 10:30 · 1:2
        if ch == ":" and before.isascii() and before.isalpha() and after == "/":
            return False  # scheme of a URL
        return chinese(b) or chinese(a)

    todo = [i for i in reversed(marks) if i in near]
    while todo:
        i = todo.pop()
        if i in chosen or not ok(i):
            continue
        new = [i, pairs[i]] if i in pairs else [i]
        for j in new:
            if j not in chosen:
                chosen.add(j)
                todo.extend(w for w in watchers.get(j, ()) if w not in chosen)
    return sorted(chosen)


def fix(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """The fixed text and (offset, before, after) of each change (offsets in ``text``).

    Spaces before a converted mark and after it are dropped; ``before`` holds the mark
    and the spaces after it. Built from slices between the marks (a long line is not
    copied character by character).
    """
    pos = positions(text)
    if not pos:
        return text, []
    out: list[str] = []
    changes: list[tuple[int, str, str]] = []
    i = 0
    n = len(text)
    for p in pos:
        out.append(text[i:p])
        while out and out[-1].endswith((" ", "\t")):  # spaces already emitted before the mark
            left = out.pop().rstrip(" \t")
            if left:
                out.append(left)
                break
        j = p + 1
        while j < n and text[j] in " \t":
            j += 1
        mark = FULL[text[p]]
        changes.append((p, text[p:j], mark))
        out.append(mark)
        i = j
    out.append(text[i:])
    return "".join(out), changes


def _fix_block(b: Block) -> tuple[Block, list[tuple[str, int, str, str]]]:
    """Fix label, text and lead consistently; changes as (field, offset, before, after)."""
    changes: list[tuple[str, int, str, str]] = []
    label = b.label
    if label:
        label, ch = fix(label)
        changes += [("label", *c) for c in ch]
    text, ch = fix(b.text)
    changes += [("text", *c) for c in ch]
    lead = b.lead
    if lead is not None:
        lead = fix(lead)[0]
        if not text.startswith(lead):
            lead = None
    if not changes:
        return b, []
    return replace(b, label=label, text=text, lead=lead), changes


@step(NAME)
def clean_punctuation(doc: Document) -> Document:
    """Convert half-width marks in Chinese context; one Edit per mark."""
    blocks: list[Block] = []
    edits: list[Edit] = []
    for b in doc.blocks:
        nb, changes = _fix_block(b)
        blocks.append(nb)
        line = b.lines[0] if b.lines else None
        for field, off, before, after in changes:
            rule = RULE if field == "text" else f"{RULE}.label"
            edits.append(Edit(NAME, rule, "replace", b.id, before, after, off, line))
    if not edits:
        return doc
    return doc.with_changes(blocks=tuple(blocks), edits=tuple(edits))


__all__ = ["FULL", "NAME", "clean_punctuation", "fix", "positions", "protected_spans"]
