"""Derived editions: the Simplified (mainland) edition and Traditional (TW/HK) editions.

Order of the Simplified chain, and why (see also :mod:`doctools.convert`):

1. OpenCC ``t2s`` converts characters (and OpenCC's own Traditional phrases);
2. doctools' phrase layer then matches *Simplified* keys (最佳化, 套用, 网际网路) with
   context, exceptions and the guard list.

Matching after ``t2s`` means one key covers every Traditional spelling (臺/台, 裡/裏,
綫/線, 爲/為 all fold to one Simplified form) and context patterns are written once; the
OpenCC layering principle (vocabulary before characters) is kept *within* the phrase layer,
where the context-dependent repairs and the user's terms outrank general vocabulary.

The Simplified edition of a Document is built in :mod:`.simplified` (whole-document passes);
this module holds the plain-text transform, the edition metadata and the Traditional
editions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from doctools.errors import ConfigError
from doctools.model import Block, Document, Edit, Metadata, Notice

from . import _opencc
from .detect import detect
from .phrases import Hit, PhraseTable
from .terms import phrase_table

STEP_HANS = "convert.zh_hans"
REGIONS = {"TW": ("s2twp", "zh-Hant-TW"), "HK": ("s2hk", "zh-Hant-HK")}


def convert_text(text: str, table: PhraseTable | None = None) -> tuple[str, list[Hit], list[Hit]]:
    """t2s then the phrase layer on one string: (result, changes, review spots).

    Hit offsets refer to the t2s output. This is the whole Simplified transform for plain
    text (what the speed benchmark times).
    """
    t = _opencc.convert("t2s", text)
    return (table or phrase_table()).apply(t)


def _doc_text(doc: Document) -> str:
    return "\n".join([doc.metadata.title, *(b.full_text for b in doc.blocks)])


def _segments(block: Block) -> list[str]:
    """Text pieces converted separately so a run-in ``lead`` stays a prefix of ``text``."""
    if block.lead and block.text.startswith(block.lead) and block.lead != block.text:
        return [block.lead, block.text[len(block.lead) :]]
    return [block.text]


def _edition_meta(doc: Document, *, edition: str, language: str, script: str, variant: str | None,
                  title: str, source: tuple[str, str | None, dict[str, dict[str, int]]]) -> Metadata:
    src_script, src_variant, signals = source
    extra = dict(doc.metadata.extra)
    extra["convert.source_script"] = src_script
    extra["convert.source_variant"] = src_variant or ""
    extra["convert.signals"] = "; ".join(
        f"{reg}: " + ", ".join(f"{w}×{n}" for w, n in list(words.items())[:12]) for reg, words in signals.items()
    )
    derived = doc.metadata.derived_from or doc.metadata.source_sha256
    return replace(doc.metadata, title=title, script=script, variant=variant, language=language,
                   edition=edition, derived_from=derived, extra=extra)


_SYNC = re.compile(r"[\s，。、；：！？,.;:!?]")
"""Characters no conversion changes or spans: both texts are cut at them and compared piece by piece."""
LONG_PIECE = 2_000


def _regions(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """Changed regions (i1, i2, j1, j2) of two conversions of one text, in order.

    difflib costs up to the product of the lengths: a block of one long line took minutes.
    Both texts hold the same punctuation and spaces in the same order (a conversion never
    changes or crosses them), so they are cut there and each pair of pieces is compared
    alone. A piece longer than ``LONG_PIECE`` with no such character in it (no real text
    has one) is one region; if the cuts do not pair up, the whole text is compared as before
    when it is short, and is one region when it is long.
    """
    cuts_a = [m.start() for m in _SYNC.finditer(before)]
    cuts_b = [m.start() for m in _SYNC.finditer(after)]
    if len(cuts_a) != len(cuts_b) or any(before[i] != after[j] for i, j in zip(cuts_a, cuts_b, strict=True)):
        return _diff(before, after, 0, 0)
    out: list[tuple[int, int, int, int]] = []
    pa = pb = 0
    for i, j in zip([*cuts_a, len(before)], [*cuts_b, len(after)], strict=True):
        if before[pa:i] != after[pb:j]:
            out += _diff(before[pa:i], after[pb:j], pa, pb)
        pa, pb = i + 1, j + 1
    return out


def _diff(a: str, b: str, base_a: int, base_b: int) -> list[tuple[int, int, int, int]]:
    import difflib

    if max(len(a), len(b)) > LONG_PIECE:
        return [(base_a, base_a + len(a), base_b, base_b + len(b))] if a != b else []
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(base_a + i1, base_a + i2, base_b + j1, base_b + j2) for op, i1, i2, j1, j2 in ops if op != "equal"]


def _window(config: str, source: str, final: str, r: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """The smallest window around region ``r`` (≤3 characters a side) that ``config``
    converts on its own exactly as it stands in ``final``; None when there is none."""
    i1, i2, j1, j2 = r
    for size in range(7):
        for left in range(min(size, 3) + 1):
            right = size - left
            if right > 3:
                continue
            a, b, c, d = i1 - left, i2 + right, j1 - left, j2 + right
            if a < 0 or c < 0 or b > len(source) or d > len(final):
                continue
            if _opencc.convert(config, source[a:b]) == final[c:d]:
                return a, b, c, d
    return None


def _phrase_edits(step: str, config: str, block: Block, source: str, chars: str, final: str) -> list[Edit]:
    """Phrase-level edits of a regional config on top of plain ``s2t``.

    Each changed region is widened to the smallest window the config converts the same
    way on its own, so an edit names a whole phrase (智能→智慧, 互聯網→網際網路) rather
    than character fragments; a region that only validates together with the next one or
    two (difflib splits 互聯網→網際網路) is merged with them. ``chars`` is ``s2t(source)``,
    which keeps ``source``'s length, so indices are shared.
    """
    line = block.lines[0] if block.lines else None
    regions = _regions(chars, final)
    out: list[Edit] = []
    delta = 0
    k = 0
    while k < len(regions):
        found, used = None, 1
        if len(chars) == len(source):
            for n in range(1, 4):
                if k + n > len(regions):
                    break
                first, last = regions[k], regions[k + n - 1]
                found = _window(config, source, final, (first[0], last[1], first[2], last[3]))
                if found:
                    used = n
                    break
        lo, hi, jlo, jhi = found or regions[k]
        out.append(Edit(step, f"opencc:{config}", "replace", block.id, chars[lo:hi], final[jlo:jhi], lo + delta, line))
        delta += (jhi - jlo) - (hi - lo)
        k += used
    return out


def _bases(pieces: list[str]) -> list[int]:
    out, n = [], 0
    for p in pieces:
        out.append(n)
        n += len(p)
    return out


def to_traditional(doc: Document, region: str = "TW") -> Document:
    """A Traditional edition from Simplified input: OpenCC ``s2twp`` (TW) or ``s2hk`` (HK).

    Audited like the Simplified edition: one ``opencc:s2t`` edit per block for characters,
    and one edit per vocabulary/variant change the regional config made on top of it.
    Traditional input passes through unchanged.
    """
    if region not in REGIONS:
        raise ConfigError(f"unknown region {region!r}; use TW or HK")
    config, language = REGIONS[region]
    step = f"convert.zh_hant_{region.lower()}"
    source = detect(_doc_text(doc))
    if source[0] == "Hant":
        note = Notice(step, "info", "input script is Hant: passed through unchanged")
        meta = _edition_meta(doc, edition=language, language=language, script="Hant", variant=source[1],
                             title=doc.metadata.title, source=source)
        return doc.with_changes(metadata=meta, notices=(note,))
    blocks: list[Block] = []
    edits: list[Edit] = []
    for b in doc.blocks:
        segs = _segments(b)
        chars = [_opencc.convert("s2t", s) for s in segs]
        final = [_opencc.convert(config, s) for s in segs]
        label = _opencc.convert(config, b.label) if b.label else b.label
        line = b.lines[0] if b.lines else None
        char_full = f"{_opencc.convert('s2t', b.label) if b.label else ''}{''.join(chars)}"
        if char_full != b.full_text:
            edits.append(Edit(step, "opencc:s2t", "replace", b.id, b.full_text, char_full, None, line))
        for seg, ch, fi, base in zip(segs, chars, final, _bases(chars), strict=True):
            for e in _phrase_edits(step, config, b, seg, ch, fi):
                edits.append(replace(e, offset=(e.offset or 0) + base))
        blocks.append(replace(b, text="".join(final), label=label, lead=final[0] if b.lead else None))
    title = _opencc.convert(config, doc.metadata.title)
    meta = _edition_meta(doc, edition=language, language=language, script="Hant", variant=region,
                         title=title, source=source)
    return doc.with_changes(blocks=tuple(blocks), edits=tuple(edits), metadata=meta)


__all__ = ["REGIONS", "STEP_HANS", "convert_text", "to_traditional"]
