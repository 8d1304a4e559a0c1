"""clean.script: detect the writing system (Traditional / Simplified / mixed) of the text.

Examples::

    海珠區發布的報告   → Hant, zh-Hant   (區 發 報 change under OpenCC t2s)
    海珠区发布的报告   → Hans, zh-Hans   (区 发 报 change under OpenCC s2t)
    mostly both        → mixed, zh
    Hello world        → Latn, und       (no Han characters)

Counting rule: each distinct Han character is tested once with OpenCC ``t2s`` (does it
change → Traditional-only) and ``s2t`` (does it change → Simplified-only); occurrences
are then counted. The minority share ≤ ``MIXED_SHARE`` decides for the majority. Regional
vocabulary (``variant``: TW/HK/CN) is left to the convert stage.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from doctools.clean._text import CJK
from doctools.model import Document
from doctools.transform import step

if TYPE_CHECKING:  # opencc is imported lazily at run time
    from opencc import OpenCC

NAME = "clean.script"
_LATIN = re.compile("[A-Za-z]")
_CHUNK = 1 << 16
MIXED_SHARE = 0.2
MIN_HAN_SHARE = 0.3  # of the letters (Han + Latin): Chinese documents quote names and codes, but Han dominates
CHINESE_SCRIPTS = ("Hans", "Hant", "mixed")


@lru_cache(maxsize=2)
def _converter(config: str) -> OpenCC:
    import opencc  # heavy-ish, imported only when a document is cleaned

    return opencc.OpenCC(config)


def _changed(chars: list[str], config: str) -> set[str]:
    if not chars:
        return set()
    conv = _converter(config).convert("\n".join(chars)).split("\n")
    if len(conv) != len(chars):  # defensive: fall back to one call per character
        conv = [_converter(config).convert(c) for c in chars]
    return {c for c, d in zip(chars, conv, strict=True) if c != d}


def detect(text: str) -> tuple[str, str, dict[str, int]]:
    """(script, language tag, counts) for ``text``."""
    counts: Counter[str] = Counter()
    for k in range(0, len(text), _CHUNK):  # findall per chunk: a list of every ideograph at once
        counts.update(CJK.findall(text, k, k + _CHUNK))  # cost 80 bytes each (47 MB for 2 MB of text)
    latin = len(text) - len(_LATIN.sub("", text))
    han = sum(counts.values())
    if han == 0:
        return ("Latn", "und", {"han": 0}) if latin else ("unknown", "und", {"han": 0})
    if han < MIN_HAN_SHARE * (han + latin):  # an English text quoting a few Chinese words
        return "Latn", "und", {"han": han, "latin": latin}
    chars = sorted(counts)
    trad_chars = _changed(chars, "t2s")
    simp_chars = _changed(chars, "s2t")
    trad = sum(counts[c] for c in trad_chars - simp_chars)
    simp = sum(counts[c] for c in simp_chars - trad_chars)
    stats = {"han": han, "traditional": trad, "simplified": simp}
    if trad == 0 and simp == 0:
        return "unknown", "zh", stats  # only characters shared by both scripts
    if simp <= MIXED_SHARE * (trad + simp):
        return "Hant", "zh-Hant", stats
    if trad <= MIXED_SHARE * (trad + simp):
        return "Hans", "zh-Hans", stats
    return "mixed", "zh", stats


def is_chinese(doc: Document) -> bool:
    """The one rule for "is this a Chinese document?": its metadata as ``clean.script`` (or
    the edition that made it) set it; a document never cleaned is detected from its text."""
    md = doc.metadata
    script, language = md.script, md.language
    if script == "unknown" and language == "und":
        script, language, _ = detect("\n".join(b.full_text for b in doc.blocks))
    return script in CHINESE_SCRIPTS or language.startswith("zh")


@step(NAME)
def clean_script(doc: Document) -> Document:
    """Set Metadata.script/language (and extra counts); no Edit (the text is unchanged)."""
    if doc.metadata.edition is not None:  # a derived edition states its own script
        return doc
    script, language, stats = detect("\n".join(b.full_text for b in doc.blocks))
    extra = dict(doc.metadata.extra)
    extra.update({f"script.{k}": str(v) for k, v in stats.items()})
    meta = replace(doc.metadata, script=script, language=language, extra=extra)
    if meta == doc.metadata:
        return doc
    return doc.with_changes(metadata=meta)


__all__ = ["CHINESE_SCRIPTS", "MIN_HAN_SHARE", "NAME", "clean_script", "detect", "is_chinese"]
