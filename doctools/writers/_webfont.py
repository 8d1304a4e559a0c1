"""A subset of a shipped face as a WOFF2 ``@font-face`` rule, for self-contained HTML.

Why: the review page must read on a machine without Chinese fonts (a fresh Linux box, a
locked-down office PC); relying on system fonts turns every Hanzi into a box. The page
embeds the shipped Noto Sans SC, cut down to the characters it uses (fontTools' subsetter)
and compressed as WOFF2 (Brotli), as a ``data:`` URI — no network, no CDN. One weight only:
a page that wants emphasis uses size and colour (a synthesised bold would be drawn from
outlines the browser makes up, and a second face would double the page's weight).
"""

from __future__ import annotations

import base64
import io

from doctools.errors import ConfigError


def subset_woff2(role: str, text: str) -> bytes:
    """WOFF2 bytes of the role's regular face holding the glyphs of ``text``'s characters."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from doctools.writers import _fonts

    spec = _fonts.spec(_fonts.chain(role)[0])
    try:
        import brotli  # noqa: F401  # fontTools writes WOFF2 through it
    except ImportError as exc:
        raise ConfigError("WOFF2 needs the brotli package (pip install brotli)") from exc
    font = TTFont(str(spec.path), lazy=True)
    cmap = font.getBestCmap()
    wanted = sorted({ord(c) for c in text if ord(c) in cmap} | {0x20})
    opts = subset.Options()
    opts.flavor = "woff2"
    opts.hinting = False
    opts.desubroutinize = True
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence notices of the OFL face
    opts.name_languages = [0x409]
    opts.layout_features = ["kern", "liga", "locl", "palt", "ccmp"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=wanted)
    sub.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff2"
    font.save(buf)
    return buf.getvalue()


def font_face_css(family: str, text: str, role: str = "hei") -> str:
    """An ``@font-face`` rule naming ``family``, its source the WOFF2 subset as a data URI."""
    data = base64.b64encode(subset_woff2(role, text)).decode("ascii")
    return (f"@font-face{{font-family:'{family}';font-style:normal;font-weight:400;font-display:block;"
            f"src:url(data:font/woff2;base64,{data}) format('woff2')}}")


__all__ = ["font_face_css", "subset_woff2"]
