"""The Simplified (mainland) edition of a Document: whole-document passes, per-block audit.

The chain is that of :func:`doctools.convert.edition.convert_text` (OpenCC ``t2s`` for
characters, then doctools' phrase layer on the Simplified result), but a document is not
converted block by block: every piece of text (the title, each block's run-in ``lead`` and
the rest of its text, each label) is joined into one string with line breaks, OpenCC runs
once and the phrase layer runs once over it (phrase context never crosses a line break,
so this is exactly a per-piece conversion), and the results are split back. Per-block
calls cost far more than the conversion itself (OpenCC's per-call overhead, regex set-up,
one Edit and Block per call); one pass keeps the document path within a small factor of
bare ``t2s`` (``benchmarks/convert_speed.py``).

Which input gets which treatment (detection runs on a sample, see :mod:`.detect`):

* Traditional or mixed script: ``t2s`` + phrase layer; one ``opencc:t2s`` edit per block
  whose characters changed, one edit per phrase change (rule = ``table:line``, offset in
  the block text as it stood just before that edit), review spots as Notices;
* Simplified script that still carries Taiwan/Hong Kong vocabulary (a text converted by
  ``t2s`` alone: 最佳化, 套用…; :func:`.detect.regional_vocabulary`): the phrase layer only,
  characters untouched;
* Simplified mainland text (or no Chinese at all): passed through unchanged.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path

from doctools.model import Block, Document, Edit, Notice

from . import _opencc
from .detect import SAMPLE, detect, regional_vocabulary
from .edition import STEP_HANS, _edition_meta
from .phrases import Hit, PhraseTable, Rule
from .terms import phrase_table, resolve_terms

_Placed = tuple[int, int, Hit]  # (piece index, offset in the piece, hit)


def _edit(block_id: str, rule: str, before: str, after: str, offset: int | None, line: int | None) -> Edit:
    """An ``Edit`` of this step, built without ``__init__``: a frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__`` (Edit has no validation to skip), and a
    document makes one Edit per block; a dict update is ~2× cheaper."""
    new = object.__new__(Edit)
    new.__dict__.update(step=STEP_HANS, rule=rule, action="replace", block_id=block_id, before=before,
                        after=after, offset=offset, line=line)
    return new


def _pieces(doc: Document) -> tuple[list[str], list[int], list[str]]:
    """(title + every block's segments, segments per block, labels): what gets converted.

    A block with a run-in ``lead`` has two segments (lead, rest) so the converted lead
    stays a prefix of the converted text; others have one.
    """
    texts = [doc.metadata.title]
    counts: list[int] = []
    labels: list[str] = []
    for b in doc.blocks:
        lead = b.lead
        if lead and lead != b.text and b.text.startswith(lead):
            texts += (lead, b.text[len(lead) :])
            counts.append(2)
        else:
            texts.append(b.text)
            counts.append(1)
        labels.append(b.label or "")
    return texts, counts, labels


def _detection_text(texts: list[str]) -> str:
    """The pieces detection reads: all of them, or evenly spaced ones for a long document
    (detection samples anyway; joining megabytes first would cost more than detecting)."""
    total = sum(map(len, texts))
    step = max(1, -(-total // (2 * SAMPLE)))
    return "\n".join(texts[::step])


def _convert_all(config: str, pieces: list[str]) -> list[str]:
    """OpenCC on every piece, in one call when the pieces can be joined by line breaks."""
    joined = "\n".join(pieces)
    if joined.count("\n") == len(pieces) - 1:
        out = _opencc.convert(config, joined).split("\n")
        if len(out) == len(pieces):
            return out
    return [_opencc.convert(config, p) for p in pieces]


def _apply_all(table: PhraseTable, pieces: list[str]) -> tuple[list[str], list[_Placed], list[_Placed]]:
    """The phrase layer on every piece: (outputs, changes, review spots), hits placed by piece."""
    joined = "\n".join(pieces)
    if joined.count("\n") != len(pieces) - 1:  # a piece holds a line break: piece by piece
        outs: list[str] = []
        changes: list[_Placed] = []
        review: list[_Placed] = []
        for i, p in enumerate(pieces):
            o, c, r = table.apply(p)
            outs.append(o)
            changes += [(i, h.start, h) for h in c]
            review += [(i, h.start, h) for h in r]
        return outs, changes, review
    out, c, r = table.apply(joined)
    starts = list(accumulate((len(p) + 1 for p in pieces), initial=0))
    return out.split("\n"), _place(c, starts), _place(r, starts)


def _place(hits: list[Hit], starts: list[int]) -> list[_Placed]:
    placed: list[_Placed] = []
    i = 0
    for h in hits:  # hits come in text order
        while starts[i + 1] <= h.start:
            i += 1
        placed.append((i, h.start - starts[i], h))
    return placed


def _review_notice(block: Block, pos: int, h: Hit, line: int | None) -> Notice:
    return Notice(STEP_HANS, "info", f"left {h.before!r} unchanged at offset {pos}: "
                  f"{h.rule.note or 'ambiguous'} ({h.rule.ref})", block.id, line)


def _phrase_audit(doc: Document, counts: list[int], conv: list[str], changes: list[_Placed],
                  review: list[_Placed]) -> tuple[dict[int, list[Edit]], dict[int, list[Notice]]]:
    """Phrase edits and review notices by block index (only blocks that have any).

    Offsets are in the block's text as it stood just before each edit (changes earlier in
    the block already applied); a review spot's offset is in the converted text.
    """
    firsts = list(accumulate(counts, initial=1))  # index of each block's first piece

    def where(i: int) -> tuple[int, int]:
        """(block index, where piece ``i`` starts in its block's text); block -1: the title."""
        bi = bisect_right(firsts, i) - 1
        return bi, (len(conv[i - 1]) if bi >= 0 and i > firsts[bi] else 0)

    blocks = doc.blocks
    edits: dict[int, list[Edit]] = {}
    moved: dict[int, list[tuple[int, int]]] = {}  # (offset in the t2s text, length change)
    for i, off, h in changes:
        bi, base = where(i)
        if bi < 0:
            continue
        b, pos = blocks[bi], off + base
        done = moved.setdefault(bi, [])
        delta = sum(d for _p, d in done)
        line = b.lines[0] if b.lines else None
        edits.setdefault(bi, []).append(_edit(b.id, h.rule.ref, h.before, h.after, pos + delta, line))
        done.append((pos, len(h.after) - len(h.before)))
    notices: dict[int, list[Notice]] = {}
    for i, off, h in review:
        bi, base = where(i)
        if bi < 0:
            continue
        b, pos = blocks[bi], off + base
        pos += sum(d for p, d in moved.get(bi, ()) if p < pos)
        notices.setdefault(bi, []).append(_review_notice(b, pos, h, b.lines[0] if b.lines else None))
    return edits, notices


def _copy_block(b: Block, text: str, label: str, lead: str) -> Block:
    """``b`` with its converted text, label and lead; a dict copy without re-validation
    (3× cheaper than ``dataclasses.replace``): the lead stays a prefix by construction."""
    nb: Block = object.__new__(Block)
    d = b.__dict__.copy()
    object.__setattr__(nb, "__dict__", d)
    d["text"] = text
    if b.label:
        d["label"] = label
    if b.lead:
        d["lead"] = lead
    return nb


def _convert_doc(
    doc: Document, table: PhraseTable, pieces: tuple[list[str], list[int], list[str]], chars: bool
) -> tuple[tuple[Block, ...], list[Edit], list[Notice], str]:
    """(blocks, edits, notices, title) of the edition; ``chars``: run OpenCC ``t2s`` first."""
    texts, counts, labels = pieces
    conv = _convert_all("t2s", texts) if chars else texts
    outs, changes, review = _apply_all(table, conv)
    conv_labels = _convert_all("t2s", labels) if chars and any(labels) else labels
    phrase_edits, review_notices = _phrase_audit(doc, counts, conv, changes, review)
    firsts = list(accumulate(counts, initial=1))[:-1]  # each block's first piece
    new_texts = [outs[k] if n == 1 else outs[k] + outs[k + 1] for k, n in zip(firsts, counts, strict=True)]
    leads = [outs[k] for k in firsts]  # a block's lead, when it has one, is its first piece
    # per block, in order: its character edit (when its characters changed), then its phrase edits
    char: list[Edit | None] = [None] * len(counts)
    if chars:
        char = [
            None if (after := label + (conv[k] if n == 1 else conv[k] + conv[k + 1]))
            == (before := b.label + b.text if b.label else b.text)
            else _edit(b.id, "opencc:t2s", before, after, None, b.lines[0] if b.lines else None)
            for b, label, k, n in zip(doc.blocks, conv_labels, firsts, counts, strict=True)
        ]
    if phrase_edits:
        edits: list[Edit] = []
        last = 0
        for bi in sorted(phrase_edits):
            edits += [e for e in char[last : bi + 1] if e is not None]
            edits += phrase_edits[bi]
            last = bi + 1
        edits += [e for e in char[last:] if e is not None]
    else:
        edits = [e for e in char if e is not None]
    notices = [n for bi in sorted(review_notices) for n in review_notices[bi]]
    blocks = [
        b if text == b.text and (label if b.label else b.label) == b.label else _copy_block(b, text, label, lead)
        for b, text, label, lead in zip(doc.blocks, new_texts, conv_labels, leads, strict=True)
    ]
    return tuple(blocks), edits, notices, outs[0]


def to_simplified(doc: Document, *, terms: Sequence[Rule] | Sequence[str | Path] | None = None) -> Document:
    """The mainland Simplified edition of ``doc`` (same block ids), with its audit trail.

    ``terms`` adds user rules (or table paths) that override shipped rows of the same key.
    See the module docstring for which input gets which treatment.
    """
    table = phrase_table(resolve_terms(terms))
    gc_was_on = gc.isenabled()
    gc.disable()  # one Block and Edit per block, all acyclic: collections would only rescan them
    try:
        return _edition(doc, table)
    finally:
        if gc_was_on:
            gc.enable()


def _edition(doc: Document, table: PhraseTable) -> Document:
    texts, counts, labels = _pieces(doc)
    source = detect(_detection_text(texts))
    script, variant, signals = source
    phrases_only = script == "Hans" and regional_vocabulary(variant, signals)
    if script in ("Hans", "unknown") and not phrases_only:
        note = Notice(STEP_HANS, "info", f"input script is {script}: passed through unchanged")
        hans = script == "Hans"
        meta = _edition_meta(doc, edition="zh-Hans", language="zh-Hans" if hans else doc.metadata.language,
                             script="Hans" if hans else doc.metadata.script, variant=variant,
                             title=doc.metadata.title, source=source)
        return doc.with_changes(metadata=meta, notices=(note,))
    blocks, edits, notices, title = _convert_doc(doc, table, (texts, counts, labels), chars=not phrases_only)
    if phrases_only:
        words = ", ".join(list(signals.get(variant or "", {}))[:6])
        notices.insert(0, Notice(STEP_HANS, "info", f"input script is Hans but its vocabulary is {variant} "
                                 f"({words}): phrase layer only, characters unchanged"))
    meta = _edition_meta(doc, edition="zh-Hans", language="zh-Hans", script="Hans", variant="CN",
                         title=title, source=source)
    return doc.with_changes(blocks=blocks, edits=tuple(edits), notices=tuple(notices), metadata=meta)


__all__ = ["to_simplified"]
