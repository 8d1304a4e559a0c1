"""Translate a whole Document into its English edition, aligned to the source ids.

Flow: segments (shared sentence splitter, long ones cut at ；/，) → protect terms and numbers
as placeholders → translation memory lookup → one document-level engine call for the
misses (deduplicated) → restore placeholders → QA → English blocks with the *same ids*,
kinds and levels, so writers, the bilingual view and the brief align by id.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace

from doctools.model import Block, Document
from doctools.translate import numbers
from doctools.translate.engine import Translator, load_translator
from doctools.translate.glossary import Glossary, load_glossary
from doctools.translate.memory import Memory, key
from doctools.translate.protect import Protected, choose_style, protect, restore
from doctools.translate.qa import QAReport, SegmentRecord, check_segment
from doctools.translate.segment import Segment, segments

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
    if (m := re.fullmatch(r"([零一二三四五六七八九十百]+)[、.．]", lab)) and (n := numbers.cn_to_int(m.group(1))):
        return f"{roman(n) if n < 40 else n}. "
    if (m := re.fullmatch(r"[（(]([零一二三四五六七八九十百]+)[）)]", lab)) and (n := numbers.cn_to_int(m.group(1))):
        return f"({n}) "
    if m := re.fullmatch(r"(\d+)[、.．]", lab):
        return f"{m.group(1)}. "
    if m := re.fullmatch(r"[（(](\d+)[）)]", lab):
        return f"({m.group(1)}) "
    if m := re.fullmatch(r"第([零一二三四五六七八九十百\d]+)[章部分节節篇]+", lab):
        part = m.group(1)
        return f"Part {int(part) if part.isdigit() else numbers.cn_to_int(part)}. "
    return numbers.render_en(lab).strip() + " "


def _style(tr: Translator) -> str:
    style = getattr(tr, "_placeholder_style", None)
    if style is None:
        style = choose_style(tr.round_trips)
        tr._placeholder_style = style
    return style


def translate_segments(
    segs: list[Segment], tr: Translator, glossary: Glossary | None, memory: Memory | None,
    progress: Progress | None = None,
) -> tuple[list[SegmentRecord], QAReport]:
    """Translate segments (memory first, then one engine call); records + QA, in order."""
    t0 = time.perf_counter()
    style = _style(tr)
    prot: list[Protected] = [protect(s.text, glossary, style) for s in segs]
    settings = tr.settings_key() + f":ph{style}"
    keys = [key(tr.model_id, settings, p.text) for p in prot]
    hits = memory.get_many(keys) if memory is not None else {}
    todo: dict[str, str] = {}
    for k, p in zip(keys, prot, strict=True):
        if k not in hits and k not in todo:
            todo[k] = p.text
    done_base = len(segs) - len(todo)

    def inner(done: int, total: int) -> None:
        if progress:
            progress(done_base + done, len(segs))

    hyps = tr.translate(list(todo.values()), progress=inner if progress else None)
    fresh = {k: (h.text, h.hit_cap) for k, h in zip(todo, hyps, strict=True)}
    if memory is not None:
        memory.put_many((k, tr.model_id, todo[k], t, c) for k, (t, c) in fresh.items())
    report = QAReport(model_id=tr.model_id, out_tokens=sum(h.tokens for h in hyps))
    records: list[SegmentRecord] = []
    for s, k, p in zip(segs, keys, prot, strict=True):
        cached = k in hits
        raw, cap = hits[k] if cached else fresh[k]
        r = restore(raw, p.slots, style)
        rec = SegmentRecord(s.id, s.block_id, s.text, r.text, cached, cap)
        records.append(rec)
        terms = [(sl.source, sl.en) for sl in p.slots if sl.kind == "term"]
        report.flags.extend(check_segment(rec, terms=terms, lost=[sl.source for sl in r.lost]))
    report.segments = records
    report.cache_hits = sum(1 for r in records if r.cached)
    report.seconds = time.perf_counter() - t0
    if progress:
        progress(len(segs), len(segs))
    return records, report


def _english_block(block: Block, recs: list[SegmentRecord]) -> Block:
    parts = [r.target for r in recs if r.target]
    text = " ".join(parts)
    lead = None
    if block.lead:
        n = len(block.lead)
        lead_parts = [r.target for r in recs if r.target and _sentence_end(block, r.id) <= n]
        lead = " ".join(lead_parts) or None
    return replace(block, text=text, label=label_en(block.label), lead=lead,
                   attrs={**block.attrs, "segments": str(len(recs))})


def _sentence_end(block: Block, seg_id: str) -> int:
    from doctools.clean.sentences import split

    sid = ".".join(seg_id.split(".")[: block.id.count(".") + 2])
    for s in split(block.text, block.id):
        if s.id == sid:
            return s.end
    return len(block.text) + 1


def translate_document(
    doc: Document, *, translator: Translator | None = None, glossary: Glossary | None = None,
    cache: bool | Memory = True, progress: Progress | None = None,
) -> tuple[Document, QAReport]:
    """The English edition of ``doc`` (same block ids) and its QA report.

    ``translator``: a loaded model (load once per worker with :func:`load_translator`);
    ``cache``: True = the shared translation memory, False = none, or a :class:`Memory`.
    Raises ModelMissingError (naming the install command) when no model is installed.
    """
    tr = translator or load_translator("zh", "en", script=doc.metadata.script)
    gl = (glossary if glossary is not None else load_glossary()).for_script(doc.metadata.script)
    memory = cache if isinstance(cache, Memory) else (Memory() if cache else None)
    segs = segments(doc.blocks, tr.count_tokens, tr.max_input_tokens)
    records, report = translate_segments(segs, tr, gl, memory, progress)
    if memory is not None and not isinstance(cache, Memory):
        memory.close()
    by_block: dict[str, list[SegmentRecord]] = {}
    for r in records:
        by_block.setdefault(r.block_id, []).append(r)
    blocks = tuple(_english_block(b, by_block.get(b.id, [])) for b in doc.blocks)
    title = next((b.text for b in blocks if b.kind == "title"), "")
    if not title and doc.metadata.title:
        title = translate_text(doc.metadata.title, tr, gl)
    md = doc.metadata
    extra = {**md.extra, "translation.model": tr.model_id, "translation.beam": str(tr.beam_size),
             "translation.segments": str(len(records)), "translation.severe": str(report.severe),
             "translation.cache_hits": str(report.cache_hits)}
    meta = replace(md, title=title, script="Latn", language="en", edition="en",
                   derived_from=md.source_sha256 or md.derived_from, extra=extra)
    return replace(doc, metadata=meta, blocks=blocks, edits=(), notices=()), report


def translate_text(text: str, translator: Translator, glossary: Glossary | None = None) -> str:
    """One string (any length) → English, without memory: for titles and captions."""
    segs = [s for s in segments([Block("t", "paragraph", text)], translator.count_tokens,
                                translator.max_input_tokens)]
    records, _ = translate_segments(segs, translator, glossary, None)
    return " ".join(r.target for r in records if r.target)


__all__ = ["label_en", "load_translator", "translate_document", "translate_segments", "translate_text"]
