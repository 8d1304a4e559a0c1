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
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress, count
from operator import attrgetter
from pathlib import Path

from doctools.model import Block, Document, Edit, Notice

from . import _opencc
from .detect import SAMPLE, SAMPLE_WINDOWS, detect, regional_vocabulary
from .edition import STEP_HANS, _edition_meta
from .phrases import PhraseTable, RawHit, Rule
from .terms import phrase_table, resolve_terms

_Placed = tuple[int, int, RawHit]  # (piece index, offset in the piece, hit)
_Change = tuple[int, str, str, str]  # (offset in the block, rule ref, before, after): a phrase Edit
_TEXT, _LEAD, _LABEL, _ID, _LINES = map(attrgetter, ("text", "lead", "label", "id", "lines"))
_new = object.__new__
_set = object.__setattr__


def _edit(block_id: str, rule: str, before: str, after: str, offset: int | None, line: int | None) -> Edit:
    """An ``Edit`` of this step, built without ``__init__``: a frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__`` (Edit has no validation to skip), and a
    document makes one Edit per block; item stores into the fresh instance dict (which
    shares its keys with every other Edit) are ~2× cheaper. Field order as declared."""
    new = _new(Edit)
    d = new.__dict__
    d["step"] = STEP_HANS
    d["rule"] = rule
    d["action"] = "replace"
    d["block_id"] = block_id
    d["before"] = before
    d["after"] = after
    d["offset"] = offset
    d["line"] = line
    return new


def _pieces(doc: Document) -> tuple[list[str], list[int], list[str]]:
    """(title + every block's segments, indices of the blocks that have two segments,
    every block's text).

    A block with a run-in ``lead`` has two segments (lead, rest) so the converted lead
    stays a prefix of the converted text; others have one. Built with C-level passes
    (``attrgetter``, ``compress``): only blocks that have a lead are looked at one by one.
    """
    blocks = doc.blocks
    texts = [doc.metadata.title, *map(_TEXT, blocks)]
    leads = list(map(_LEAD, blocks))
    splits = [i for i in compress(range(len(leads)), leads)
              if (lead := leads[i]) != (t := texts[i + 1]) and t.startswith(lead)]
    if not splits:
        return texts, splits, texts[1:]
    out: list[str] = []
    pos = 0
    for i in splits:
        out += texts[pos : i + 1]
        lead, t = leads[i], texts[i + 1]
        out += (lead, t[len(lead) :])
        pos = i + 2
    out += texts[pos:]
    return out, splits, texts[1:]


def _per_block(parts: list[str], splits: list[int]) -> list[str]:
    """Each block's text from its (converted) pieces; ``parts[0]``, the title, left out."""
    if not splits:
        return parts[1:]
    out: list[str] = []
    pos = 1
    for j, bi in enumerate(splits):
        k = bi + 1 + j  # the block's first piece
        out += parts[pos:k]
        out.append(parts[k] + parts[k + 1])
        pos = k + 2
    out += parts[pos:]
    return out


def _detection_text(texts: list[str]) -> str:
    """What detection reads: the pieces joined by line breaks, or for a long document
    ``SAMPLE_WINDOWS`` evenly spaced windows of that joined text, cut from the pieces
    without joining megabytes first (what :func:`.detect.sample` would take). Windows by
    character, not whole pieces: a document of one huge line (or of a few) is sampled
    inside it — picking every n-th piece once skipped all its text, and it was not
    converted at all."""
    lengths = [len(t) + 1 for t in texts]  # each piece with its line break
    total = sum(lengths) - 1
    if total <= SAMPLE:
        return "\n".join(texts)
    ends = list(accumulate(lengths))
    size = (SAMPLE - SAMPLE_WINDOWS) // SAMPLE_WINDOWS
    step = total // SAMPLE_WINDOWS
    windows: list[str] = []
    for w in range(SAMPLE_WINDOWS):
        a, b = w * step, w * step + size
        k = bisect_right(ends, a)
        parts: list[str] = []
        while a < b and k < len(texts):
            begin = ends[k] - lengths[k]
            parts.append(texts[k][a - begin : b - begin])
            if b - begin > len(texts[k]):
                parts.append("\n")
            a, k = ends[k], k + 1
        windows.append("".join(parts))
    return "\n".join(windows)


def _convert_all(config: str, pieces: list[str]) -> tuple[list[str], str | None]:
    """OpenCC on every piece, in one call when the pieces can be joined by line breaks:
    (converted pieces, their join by line breaks, or None when converted one by one)."""
    joined = "\n".join(pieces)
    if joined.count("\n") == len(pieces) - 1:
        conv = _opencc.convert(config, joined)
        out = conv.split("\n")
        if len(out) == len(pieces):
            return out, conv
    return [_opencc.convert(config, p) for p in pieces], None


def _apply_all(table: PhraseTable, pieces: list[str], joined: str | None
               ) -> tuple[list[str], list[_Placed], list[_Placed]]:
    """The phrase layer on every piece: (outputs, changes, review spots), hits placed by piece.

    ``joined``: the pieces joined by line breaks (no piece holding one), when known.
    """
    if joined is None:
        joined = "\n".join(pieces)
        if joined.count("\n") != len(pieces) - 1:  # a piece holds a line break: piece by piece
            outs: list[str] = []
            changes: list[_Placed] = []
            review: list[_Placed] = []
            for i, p in enumerate(pieces):
                o, c, r = table.scan(p)
                outs.append(o)
                changes += [(i, h[0], h) for h in c]
                review += [(i, h[0], h) for h in r]
            return outs, changes, review
    out, c, r = table.scan(joined)
    return out.split("\n") if out is not joined else pieces, _place(c, joined), _place(r, joined)


def _place(hits: list[RawHit], joined: str) -> list[_Placed]:
    """Hits of the joined text placed by piece: hits come in text order, so counting the
    line breaks between consecutive hits (C-level) finds each one's piece."""
    placed: list[_Placed] = []
    piece = last = base = 0
    for h in hits:
        s = h[0]
        n = joined.count("\n", last, s)
        if n:
            piece += n
            base = joined.rfind("\n", last, s) + 1
        last = s
        placed.append((piece, s - base, h))
    return placed


def _review_notice(block: Block, pos: int, h: RawHit, line: int | None) -> Notice:
    _start, before, _after, rule = h
    return Notice(STEP_HANS, "info", f"left {before!r} unchanged at offset {pos}: "
                  f"{rule.note or 'ambiguous'} ({rule.ref})", block.id, line)


def _phrase_audit(blocks: tuple[Block, ...], splits: list[int], conv: list[str], changes: list[_Placed],
                  review: list[_Placed]) -> tuple[dict[int, list[_Change]], list[Notice]]:
    """Phrase changes by block index, as (offset, rule ref, before, after) (only blocks
    that have any), and review notices in order.

    Offsets are in the block's text as it stood just before each edit (changes earlier in
    the block already applied); a review spot's offset is in the converted text. Hits come
    in text order, so a running sum per block gives each edit's shift. The Edits are made
    in :func:`_convert_doc`'s pass over the blocks, which reads each block once.
    """
    seconds = [bi + 2 + j for j, bi in enumerate(splits)]  # second piece of each split block

    def where(i: int) -> tuple[int, int]:
        """(block index, where piece ``i`` starts in its block's text); block -1: the title."""
        m = bisect_right(seconds, i)
        return i - 1 - m, (len(conv[i - 1]) if m and seconds[m - 1] == i else 0)

    found: dict[int, list[_Change]] = {}
    moved: dict[int, list[tuple[int, int]]] = {}  # (offset in the t2s text, length change)
    cur, delta = -1, 0
    block_changes: list[_Change] = []
    done: list[tuple[int, int]] = []
    for i, off, h in changes:
        if seconds:
            bi, base = where(i)
        else:  # no block in two pieces: piece i is block i - 1
            bi, base = i - 1, 0
        if bi < 0:
            continue
        if bi != cur:
            cur, delta = bi, 0
            block_changes = found[bi] = []
            done = moved[bi] = []
        pos = off + base
        _start, before, after, rule = h
        block_changes.append((pos + delta, rule.ref, before, after))
        d = len(after) - len(before)
        done.append((pos, d))
        delta += d
    notices: list[Notice] = []
    shifts: dict[int, tuple[list[int], list[int]]] = {}  # block → (change offsets, running length change)
    for i, off, h in review:
        bi, base = where(i)
        if bi < 0:
            continue
        b, pos = blocks[bi], off + base
        moves = moved.get(bi)
        if moves:  # the length change of the block's phrase edits before ``pos`` (they come in text order)
            if bi not in shifts:
                shifts[bi] = ([p for p, _ in moves], list(accumulate(d for _, d in moves)))
            offsets, running = shifts[bi]
            k = bisect_left(offsets, pos)
            if k:
                pos += running[k - 1]
        notices.append(_review_notice(b, pos, h, b.lines[0] if b.lines else None))
    return found, notices


def _convert_doc(doc: Document, table: PhraseTable, texts: list[str], splits: list[int], orig: list[str],
                 chars: bool) -> tuple[tuple[Block, ...], list[Edit], list[Notice], str]:
    """(blocks, edits, notices, title) of the edition; ``chars``: run OpenCC ``t2s`` first.

    ``orig`` holds each block's text, as ``texts`` (from :func:`_pieces`) holds its pieces.
    """
    blocks = doc.blocks
    conv, joined = _convert_all("t2s", texts) if chars else (texts, None)
    outs, changes, review = _apply_all(table, conv, joined)
    phrase_changes, notices = _phrase_audit(blocks, splits, conv, changes, review)
    labels = list(map(_LABEL, blocks))
    labelled = list(compress(range(len(labels)), labels))
    if chars and labelled:
        conv_labels = dict(zip(labelled, _convert_all("t2s", [labels[i] for i in labelled])[0], strict=True))
    else:
        conv_labels = {i: labels[i] for i in labelled}
    leads = {bi: outs[bi + 1 + j] for j, bi in enumerate(splits)}  # a split block's converted lead
    # One pass over the blocks makes, in order, each block's character edit (when its
    # characters changed) and its phrase edits, and its new Block (only when something
    # changed: an unchanged block is the input object itself). Blocks are copied as a dict
    # copy without re-validation (3× cheaper than ``dataclasses.replace``): the lead stays
    # a prefix by construction. The loop runs once per block and is memory-bound (a long
    # document's blocks do not fit in the CPU caches): per-block values come from lists
    # and C-level getters (``attrgetter`` maps), and the Edit is built inline.
    edits: list[Edit] = []
    append = edits.append
    new_blocks = list(blocks)
    pending = iter(sorted(phrase_changes))
    nxt = next(pending, -1)
    for i, t, c, o, lab, bid, lines in zip(count(), orig, _per_block(conv, splits), _per_block(outs, splits),
                                           labels, map(_ID, blocks), map(_LINES, blocks)):
        # without ``chars``, ``c`` equals ``t`` and labels are unconverted: no character edit
        line = lines[0] if lines else None
        if lab:
            label = conv_labels[i]
            before, after = lab + t, label + c
            emit = after != before
            changed = c != t or label != lab
        else:
            before, after = t, c
            emit = changed = c != t
        if emit:  # _edit inlined: this runs for nearly every block
            e = _new(Edit)
            ed = e.__dict__
            ed["step"] = STEP_HANS
            ed["rule"] = "opencc:t2s"
            ed["action"] = "replace"
            ed["block_id"] = bid
            ed["before"] = before
            ed["after"] = after
            ed["offset"] = None
            ed["line"] = line
            append(e)
        if i == nxt:  # a block without phrase changes has o == c: ``changed`` already says
            for pos, ref, before, after in phrase_changes[i]:
                append(_edit(bid, ref, before, after, pos, line))
            nxt = next(pending, -1)
            changed = o != t or (lab and label != lab)
        if changed:
            b = blocks[i]
            nb = _new(Block)
            d = b.__dict__.copy()
            _set(nb, "__dict__", d)
            d["text"] = o
            if lab:
                d["label"] = label
            if d["lead"]:
                d["lead"] = leads.get(i, o)
            new_blocks[i] = nb
    return tuple(new_blocks), edits, notices, outs[0]


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
    texts, splits, orig = _pieces(doc)
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
    blocks, edits, notices, title = _convert_doc(doc, table, texts, splits, orig, chars=not phrases_only)
    if phrases_only:
        words = ", ".join(list(signals.get(variant or "", {}))[:6])
        notices.insert(0, Notice(STEP_HANS, "info", f"input script is Hans but its vocabulary is {variant} "
                                 f"({words}): phrase layer only, characters unchanged"))
    meta = _edition_meta(doc, edition="zh-Hans", language="zh-Hans", script="Hans", variant="CN",
                         title=title, source=source)
    return doc.with_changes(blocks=blocks, edits=tuple(edits), notices=tuple(notices), metadata=meta)


__all__ = ["to_simplified"]
