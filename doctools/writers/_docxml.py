"""Low-level WordprocessingML helpers python-docx lacks (East Asian fonts, lang, fields).

Why: python-docx's ``font.name`` writes only ``w:ascii``/``w:hAnsi``; Chinese text is set
in the ``w:eastAsia`` font, and any ``*Theme`` attribute wins over explicit names. Word is
strict about child order inside ``w:rPr``/``w:pPr``, so insertions follow the schema order.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement as OxmlElement  # re-exported: writers/docx.py uses X.OxmlElement
from docx.oxml.ns import qn as qn

# schema order of w:rPr and w:pPr children (ECMA-376 CT_RPr / CT_PPrBase)
_RPR = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
        "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
        "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split()
_PPR = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
        "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
        "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def child(parent: Any, tag: str, order: tuple[str, ...] | list[str]) -> Any:
    """The ``w:<tag>`` child of ``parent``, created at its schema position when missing."""
    el = parent.find(qn(f"w:{tag}"))
    if el is not None:
        return el
    el = OxmlElement(f"w:{tag}")
    idx = order.index(tag)
    later = {qn(f"w:{t}") for t in order[idx + 1:]}
    for i, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def rpr_child(rpr: Any, tag: str) -> Any:
    return child(rpr, tag, _RPR)


def ppr_child(ppr: Any, tag: str) -> Any:
    return child(ppr, tag, _PPR)


def set_fonts(rpr: Any, east_asia: str, latin: str, hint: bool = True) -> None:
    """Explicit font names for every script slot; theme attributes removed (they would win).

    ``hint`` makes Word set ambiguous characters (“”‘’…—) in the East Asian font: right for
    Chinese text (full-width quotes), wrong for English (so English documents pass False).
    """
    rf = rpr_child(rpr, "rFonts")
    for a in _THEME_ATTRS:
        if rf.get(qn(a)) is not None:
            del rf.attrib[qn(a)]
    rf.set(qn("w:ascii"), latin)
    rf.set(qn("w:hAnsi"), latin)
    rf.set(qn("w:eastAsia"), east_asia)
    rf.set(qn("w:cs"), latin)
    if hint:
        rf.set(qn("w:hint"), "eastAsia")
    elif rf.get(qn("w:hint")) is not None:
        del rf.attrib[qn("w:hint")]


def set_lang(rpr: Any, val: str, east_asia: str) -> None:
    lang = rpr_child(rpr, "lang")
    lang.set(qn("w:val"), val)
    lang.set(qn("w:eastAsia"), east_asia)
    lang.set(qn("w:bidi"), "ar-SA")


def set_val(parent: Any, tag: str, val: str | None, order: str = "r") -> Any:
    el = child(parent, tag, _RPR if order == "r" else _PPR)
    if val is not None:
        el.set(qn("w:val"), val)
    return el


def remove(parent: Any, tag: str) -> None:
    for el in parent.findall(qn(f"w:{tag}")):
        parent.remove(el)


def strip_theme(root: Any) -> None:
    """Remove theme font/colour references anywhere under ``root`` (styles.xml)."""
    for rf in root.iter(qn("w:rFonts")):
        for a in _THEME_ATTRS:
            if rf.get(qn(a)) is not None:
                del rf.attrib[qn(a)]
    for c in root.iter(qn("w:color")):
        for a in ("w:themeColor", "w:themeShade", "w:themeTint"):
            if c.get(qn(a)) is not None:
                del c.attrib[qn(a)]


def add_field(paragraph: Any, instr: str, placeholder: str, rpr_xml: Any | None = None) -> None:
    """Append a complex field (``PAGE``) to a python-docx paragraph."""
    import copy

    def run_with(el: Any) -> None:
        r = OxmlElement("w:r")
        if rpr_xml is not None:
            r.append(copy.deepcopy(rpr_xml))
        r.append(el)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    run_with(it)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    t = OxmlElement("w:t")
    t.text = placeholder
    run_with(t)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


__all__ = ["add_field", "child", "ppr_child", "remove", "rpr_child", "set_fonts", "set_lang", "set_val", "strip_theme"]


CORE_LIMIT = 255  # characters: OOXML core properties longer than this are refused by python-docx


def set_core(props: Any, **values: object) -> None:
    """Set core properties (title, subject, …), cutting text at the format's 255-character limit.

    A title comes from the document (or from the machine's English of it), so its length is
    not ours to choose; the full text stays in the body.
    """
    for key, value in values.items():
        if isinstance(value, str) and len(value) > CORE_LIMIT:
            value = value[: CORE_LIMIT - 1].rstrip() + "…"
        setattr(props, key, value)
