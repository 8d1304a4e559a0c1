"""Translate a whole Document into its English edition, aligned to the source ids.

Flow: segments (shared sentence splitter, long ones cut at ；/，) → translation memory
(exact, then fuzzy with numbers and terms repaired, :mod:`doctools.translate.tm_match`):
a match scoring ≥ ``tm_min`` is used as is → the rest go to the model when one is given:
terms and numbers protected as placeholders → the model's cache → one document-level engine
call for the misses (deduplicated) → placeholders restored → without a model, the rest is
*untranslated* → QA on every segment, memory matches included → English blocks with the
*same ids*, kinds and levels, so writers, the bilingual view and the brief align by id.

An untranslated stretch is shown in the English text as :data:`UNTRANSLATED` around the
Chinese: a reader of a handed-out copy sees at once that a passage is missing (in English),
and still has the original to get it translated; a run of such sentences in one paragraph
is one marker, not a stutter of them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace

from doctools.model import Block, Document
from doctools.numerals import cn_to_int
from doctools.translate import numbers
from doctools.translate.engine import MAX_INPUT_TOKENS, Translator, load_translator
from doctools.translate.glossary import Glossary, load_glossary
from doctools.translate.memory import MachineRow, Memory, key
from doctools.translate.protect import Protected, choose_style, protect, restore
from doctools.translate.qa import QAReport, SegmentRecord, check_segment
from doctools.translate.segment import Segment, segments
from doctools.translate.tm_match import FLOOR, Match, Matcher

DEFAULT_TM_MIN = 85
# a heading number at the start of memory English: "I. ", "12. ", "(3) ", "A. "
_EN_LABEL = re.compile(r"^\s*(?:(?:[IVXLC]+|\d+|[A-Z])[.．、]|\(\s*(?:\d+|[ivxlc]+|[a-z])\s*\))\s+")
UNTRANSLATED = "[Untranslated: {zh}]"

Progress = Callable[[int, int], None]

_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out, n = out + s, n - v
    return out


def label_en(label: str | None) -> str | None:
    """Heading labels: 一、→ "I. ", （一）→ "(1) ", 1. → "1. ", （1）→ "(1) "."""
    if not label:
        return label
    lab = label.strip()
    # a malformed numeral (十十) has no value: the label stays as written, never empty
    if (m := re.fullmatch(r"([零一二三四五六七八九十百]+)[、.．]", lab)) and (n := cn_to_int(m.group(1))):
        return f"{roman(n) if n < 40 else n}. "
    if (m := re.fullmatch(r"[（(]([零一二三四五六七八九十百]+)[）)]", lab)) and (n := cn_to_int(m.group(1))):
        return f"({n}) "
    if m := re.fullmatch(r"(\d+)[、.．]", lab):
        return f"{m.group(1)}. "
    if m := re.fullmatch(r"[（(](\d+)[）)]", lab):
        return f"({m.group(1)}) "
    if m := re.fullmatch(r"第([零一二三四五六七八九十百\d]+)[章部分节節篇]+", lab):
        part = m.group(1)
        return f"Part {int(part) if part.isdigit() else cn_to_int(part)}. "
    return numbers.render_en(lab).strip() + " "


def _style(tr: Translator) -> str:
    style = getattr(tr, "_placeholder_style", None)
    if style is None:
        style = choose_style(tr.round_trips)
        tr._placeholder_style = style
    return style


def memory_matches(texts: list[str], memory: Memory | None, glossary: Glossary | None,
                   tm_min: int = DEFAULT_TM_MIN, labels: dict[int, str] | None = None) -> list[Match | None]:
    """The memory match to use for each (Simplified) text: scored ≥ ``tm_min``, else None.

    ``labels``: heading labels (一、, （三）) of texts that open a labelled block. Memories keep
    the numbering in the unit ("一、2021年工作回顾" → "I. Review of …") while doctools renders
    labels apart, so such a text is looked up with its label first (the English label is then
    cut off the match), and without it when that finds nothing.
    """
    if memory is None or not texts or not memory.has_translations():
        return [None] * len(texts)
    labels = labels or {}
    order = sorted(labels)
    found = Matcher(memory, glossary, floor=min(FLOOR, tm_min)).lookup(
        [*texts, *(labels[i] + texts[i] for i in order)])
    out = [m if m is not None and m.score >= tm_min else None for m in found[:len(texts)]]
    for i, m in zip(order, found[len(texts):], strict=True):
        plain = out[i]
        if m is not None and m.score >= tm_min and (plain is None or m.score >= plain.score):
            out[i] = replace(m, target=_EN_LABEL.sub("", m.target, count=1) or m.target)
    return out


def _machine(segs: list[Segment], tr: Translator, glossary: Glossary | None, memory: Memory | None,
             progress: Progress | None, done_before: int, total: int,
             ) -> tuple[list[tuple[str, bool, bool, Protected, list[str]]], int]:
    """Model output per segment: (English, hit cap, from cache, protected source, lost slots); tokens made."""
    style = _style(tr)
    prot: list[Protected] = [protect(s.text, glossary, style) for s in segs]
    settings = tr.settings_key() + f":ph{style}"
    keys = [key(tr.model_id, settings, p.text) for p in prot]
    hits = memory.get_many(keys) if memory is not None else {}
    todo: dict[str, str] = {}
    for k, p in zip(keys, prot, strict=True):
        if k not in hits and k not in todo:
            todo[k] = p.text
    base = done_before + len(segs) - len(todo)

    def inner(done: int, _total: int) -> None:
        if progress:
            progress(base + done, total)

    hyps = tr.translate(list(todo.values()), progress=inner if progress else None)
    fresh = {k: (h.text, h.hit_cap) for k, h in zip(todo, hyps, strict=True)}
    out: list[tuple[str, bool, bool, Protected, list[str]]] = []
    plain: dict[str, tuple[str, str]] = {}
    for s, k, p in zip(segs, keys, prot, strict=True):
        raw, cap = hits[k] if k in hits else fresh[k]
        r = restore(raw, p.slots, style)
        out.append((r.text, cap, k in hits, p, [sl.source for sl in r.lost]))
        plain.setdefault(k, (s.text, r.text))
    if memory is not None:
        memory.put_many(MachineRow(k, tr.model_id, plain[k][0], raw, cap, plain[k][1])
                        for k, (raw, cap) in fresh.items())
    return out, sum(h.tokens for h in hyps)


def translate_segments(
    segs: list[Segment], tr: Translator | None, glossary: Glossary | None, memory: Memory | None,
    progress: Progress | None = None, *, tm_min: int = DEFAULT_TM_MIN, cache: bool = True,
    lookup: list[str] | None = None, labels: dict[int, str] | None = None,
) -> tuple[list[SegmentRecord], QAReport]:
    """Translate segments: memory first, then one engine call (or, without one, untranslated).

    ``lookup``: the Simplified text of each segment for the memory (default: its own text);
    ``labels``: heading labels by segment index (see :func:`memory_matches`);
    ``cache``: reuse and store the model's output in ``memory``.
    """
    t0 = time.perf_counter()
    matches = memory_matches(lookup if lookup is not None else [s.text for s in segs], memory, glossary, tm_min,
                             labels)
    rest = [i for i, m in enumerate(matches) if m is None]
    if progress:
        progress(len(segs) - len(rest), len(segs))
    machine: dict[int, tuple[str, bool, bool, Protected, list[str]]] = {}
    tokens = 0
    if tr is not None and rest:
        outs, tokens = _machine([segs[i] for i in rest], tr, glossary, memory if cache else None, progress,
                                len(segs) - len(rest), len(segs))
        machine = dict(zip(rest, outs, strict=True))
    report = QAReport(model_id=tr.model_id if tr is not None else "", out_tokens=tokens)
    records: list[SegmentRecord] = []
    for i, s in enumerate(segs):
        m = matches[i]
        if m is not None:
            origin = {"exact": "tm-exact", "repaired": "tm-repaired"}.get(m.kind, "tm-fuzzy")
            rec = SegmentRecord(s.id, s.block_id, s.text, m.target, False, False, origin, m.score,
                                m.source if m.kind != "exact" else "", m.changed)
            # no term check: approved English outranks the term base (its wording is the user's)
            report.flags.extend(check_segment(rec, unrepaired=m.refused))
        elif i in machine:
            text, cap, cached, p, lost = machine[i]
            rec = SegmentRecord(s.id, s.block_id, s.text, text, cached, cap)
            terms = [(sl.source, sl.en) for sl in p.slots if sl.kind == "term"]
            report.flags.extend(check_segment(rec, terms=terms, lost=lost))
        else:
            rec = SegmentRecord(s.id, s.block_id, s.text, "", False, False, "untranslated")
        records.append(rec)
    report.segments = records
    report.cache_hits = sum(1 for r in records if r.cached)
    report.count_origins()
    report.seconds = time.perf_counter() - t0
    if progress:
        progress(len(segs), len(segs))
    return records, report


def _english_block(block: Block, recs: list[SegmentRecord]) -> Block:
    pieces = _pieces(recs)
    text = " ".join(t for _, t in pieces)
    lead = None
    if block.lead:
        n = len(block.lead)
        lead = " ".join(t for last, t in pieces if _sentence_end(block, last) <= n) or None
    return replace(block, text=text, label=label_en(block.label), lead=lead,
                   attrs={**block.attrs, "segments": str(len(recs))})


def _pieces(recs: list[SegmentRecord]) -> list[tuple[str, str]]:
    """(id of the last segment, English) per piece: a run of untranslated segments is one marker."""
    out: list[tuple[str, str]] = []
    run: list[SegmentRecord] = []
    for r in [*recs, None]:
        if r is not None and r.origin == "untranslated":
            run.append(r)
            continue
        if run:
            out.append((run[-1].id, UNTRANSLATED.format(zh="".join(x.source for x in run).strip())))
            run = []
        if r is not None and r.target:
            out.append((r.id, r.target))
    return out


def _sentence_end(block: Block, seg_id: str) -> int:
    from doctools.clean.sentences import split

    sid = ".".join(seg_id.split(".")[: block.id.count(".") + 2])
    for s in split(block.text, block.id):
        if s.id == sid:
            return s.end
    return len(block.text) + 1


def _simplified_texts(segs: list[Segment], script: str | None) -> list[str] | None:
    """Memory keys are Simplified: a Traditional document is looked up converted."""
    if script not in ("Hant", "mixed"):
        return None
    from doctools.convert import convert_text

    return [convert_text(s.text)[0] for s in segs]


def _labels(doc: Document, segs: list[Segment]) -> dict[int, str]:
    """Segment index → the label of its block, for each segment that opens a labelled block."""
    labelled = {b.id: b.label.strip() for b in doc.blocks if b.label and b.label.strip()}
    out: dict[int, str] = {}
    seen: set[str] = set()
    for i, s in enumerate(segs):
        if s.block_id in labelled and s.block_id not in seen:
            out[i] = labelled[s.block_id]
        seen.add(s.block_id)
    return out


def translate_document(
    doc: Document, *, translator: Translator | None, glossary: Glossary | None = None,
    memory: Memory | bool = True, tm_min: int = DEFAULT_TM_MIN, progress: Progress | None = None,
    cache: bool = True,
) -> tuple[Document, QAReport]:
    """The English edition of ``doc`` (same block ids) and its QA report.

    ``translator``: a loaded model (the caller loads it once per worker with
    :func:`load_translator`), or None when no model is installed: then only memory matches
    are English and every other segment is marked untranslated (``report.untranslated``).
    ``memory``: True = the shared translation memory, False = none, or a :class:`Memory`;
    ``tm_min``: the lowest memory score used (CAT default 85); ``cache``: reuse the model's
    earlier output from the memory (False re-translates, the memory is still consulted).
    """
    tr = translator
    gl = (glossary if glossary is not None else load_glossary()).for_script(doc.metadata.script)
    mem = memory if isinstance(memory, Memory) else (Memory() if memory else None)
    try:
        measure = tr.count_tokens if tr is not None else None
        limit = tr.max_input_tokens if tr is not None else MAX_INPUT_TOKENS
        segs = segments(doc.blocks, measure, limit)
        records, report = translate_segments(segs, tr, gl, mem, progress, tm_min=tm_min, cache=cache,
                                             lookup=_simplified_texts(segs, doc.metadata.script),
                                             labels=_labels(doc, segs))
        title = ""
        if not any(b.kind == "title" for b in doc.blocks) and doc.metadata.title:
            title = _title(doc.metadata.title, tr, gl, mem, tm_min, doc.metadata.script)
    finally:
        if mem is not None and not isinstance(memory, Memory):
            mem.close()
    by_block: dict[str, list[SegmentRecord]] = {}
    for r in records:
        by_block.setdefault(r.block_id, []).append(r)
    blocks = tuple(_english_block(b, by_block.get(b.id, [])) for b in doc.blocks)
    title = next((b.text for b in blocks if b.kind == "title"), "") or title
    md = doc.metadata
    extra = {**md.extra, "translation.model": tr.model_id if tr is not None else "none",
             "translation.segments": str(len(records)), "translation.severe": str(report.severe),
             "translation.cache_hits": str(report.cache_hits), "translation.tm_min": str(tm_min),
             **{f"translation.origin.{k}": str(v) for k, v in report.origins.items()}}
    if tr is not None:
        extra["translation.beam"] = str(tr.beam_size)
    meta = replace(md, title=title, script="Latn", language="en", edition="en",
                   derived_from=md.source_sha256 or md.derived_from, extra=extra)
    return replace(doc, metadata=meta, blocks=blocks, edits=(), notices=()), report


def _title(text: str, tr: Translator | None, glossary: Glossary, memory: Memory | None, tm_min: int,
           script: str | None) -> str:
    segs = segments([Block("t", "paragraph", text)], tr.count_tokens if tr else None,
                    tr.max_input_tokens if tr else MAX_INPUT_TOKENS)
    records, _ = translate_segments(segs, tr, glossary, memory, tm_min=tm_min,
                                    lookup=_simplified_texts(segs, script))
    return " ".join(t for _, t in _pieces(records))


def translate_text(text: str, translator: Translator, glossary: Glossary | None = None) -> str:
    """One string (any length) → English by the model, without memory: for captions."""
    segs = [s for s in segments([Block("t", "paragraph", text)], translator.count_tokens,
                                translator.max_input_tokens)]
    records, _ = translate_segments(segs, translator, glossary, None)
    return " ".join(r.target for r in records if r.target)


__all__ = ["DEFAULT_TM_MIN", "UNTRANSLATED", "label_en", "load_translator", "memory_matches", "translate_document",
           "translate_segments", "translate_text"]
