"""Companion fonts whose punctuation glyphs are half width, for compressed marks in PDF.

Why: CLREQ compresses punctuation (。“ → 1.5 em, a line-end 。 to half width). Drawing the
full-width glyph 0.5 em closer to its neighbour makes the glyph boxes overlap in the PDF,
and text extractors (poppler's ``pdftotext``, used by our checks and by many readers)
then split the line or reorder it. So a compressed mark is drawn from a companion font
built from the same face, in which each compressible mark has its empty half removed
(closing marks: advance shortened; opening marks: outline moved left and advance
shortened). Same outlines, same Unicode mapping: the text layer stays exact and the
boxes never overlap.

Built once per face with fontTools (about a second) and cached next to the parsed font
metrics (``_fontcache``); with the cache off it is built into a temporary folder per
process. A face that cannot be built gets no companion: its marks are then not compressed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from pathlib import Path

_LOCK = threading.Lock()
_DONE: dict[str, str | None] = {}  # font name -> companion name (None: none possible)
_TMP: list[tempfile.TemporaryDirectory[str]] = []


def _cache_dir() -> Path:
    if os.environ.get("DOCTOOLS_FONT_CACHE", "1") == "0":
        if not _TMP:
            _TMP.append(tempfile.TemporaryDirectory(prefix="doctools-halfpunct-"))
        return Path(_TMP[0].name)
    base = os.environ.get("DOCTOOLS_CACHE") or os.environ.get("DOCTOOLS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "doctools")
    return Path(base) / "fonts"


def _build(source: Path, target: Path, caps: dict[str, tuple[float, float]], ps_name: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), lazy=True)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = [1, 2, 3, 4, 6]
    opts.notdef_outline = True
    opts.hinting = False
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "VORG", "BASE", "STAT"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in caps])
    sub.subset(font)
    upm = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    glyf, hmtx = font["glyf"], font["hmtx"]
    for ch, (left, right) in caps.items():
        name = cmap.get(ord(ch))
        if name is None:
            continue
        adv, lsb = hmtx[name]
        g = glyf[name]
        if left > 0:
            dx = round(left * upm)
            if g.isComposite():
                for comp in g.components:
                    comp.x -= dx
            elif g.numberOfContours > 0:
                g.coordinates.translate((-dx, 0))
            g.recalcBounds(glyf)
            hmtx[name] = (adv - dx, getattr(g, "xMin", lsb - dx))
        elif right > 0:
            hmtx[name] = (adv - round(right * upm), lsb)
    names = font["name"]
    for rec in names.names:
        if rec.nameID in (1, 3, 4):
            rec.string = f"{rec.toUnicode()} HalfPunct"
        elif rec.nameID == 6:
            rec.string = f"{ps_name}-HalfPunct"
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(fd)
    try:
        font.save(tmp)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def companion(font: str, caps: dict[str, tuple[float, float]]) -> str | None:
    """The registered reportlab name of ``font``'s half-punctuation companion, built on
    first use from ``caps`` (char → (left, right) em removed), or None when none can be
    made (no marks, not a shipped/configured face, fontTools failed)."""
    with _LOCK:
        if font in _DONE:
            return _DONE[font]
        _DONE[font] = None
        if not caps:
            return None
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from doctools.writers import _fonts

        try:
            spec = _fonts.spec(font)
        except Exception:  # a font not from the manifests: no companion, nothing compressed
            return None
        st = spec.path.stat()
        key = hashlib.sha256(repr(sorted(caps.items())).encode()).hexdigest()[:12]
        tag = f"{spec.path.stem}-{st.st_size}-{st.st_mtime_ns}-{key}-v1"
        target = _cache_dir() / f"{tag}.halfpunct.ttf"
        name = f"{font}-HalfPunct"
        try:
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                _build(spec.path, target, caps, font)
            pdfmetrics.registerFont(TTFont(name, str(target)))
        except Exception:  # a face fontTools cannot subset: marks stay full width
            return None
        _DONE[font] = name
        return name


__all__ = ["companion"]
