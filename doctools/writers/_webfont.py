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
import struct

from doctools.errors import ConfigError

BROTLI_QUALITY = 9  # 11 (the maximum) costs ~15x the time for ~3% fewer bytes


def subset_woff2(role: str, text: str) -> bytes:
    """WOFF2 bytes of the role's regular face holding the glyphs of ``text``'s characters."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.sfnt import SFNTReader

    from doctools.writers import _fonts

    spec = _fonts.spec(_fonts.chain(role)[0])
    font = TTFont(str(spec.path), lazy=True)
    cmap = font.getBestCmap()
    wanted = sorted({ord(c) for c in text if ord(c) in cmap} | {0x20})
    opts = subset.Options()
    opts.hinting = False
    opts.desubroutinize = True
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence notices of the OFL face
    opts.name_languages = [0x409]
    opts.layout_features = ["kern", "liga", "locl", "palt", "ccmp"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=wanted)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)  # compiled once, so glyf and loca agree
    reader = SFNTReader(io.BytesIO(buf.getvalue()))
    flavor = int.from_bytes(str(reader.sfntVersion).encode("latin-1"), "big")
    return woff2({str(tag): reader[tag] for tag in reader.keys()}, flavor=flavor)


def _base128(n: int) -> bytes:
    """WOFF2's UIntBase128: 7 bits a byte, most significant first, high bit = more follows."""
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


def woff2(tables: dict[str, bytes], flavor: int, quality: int = BROTLI_QUALITY) -> bytes:
    """A WOFF2 file (W3C WOFF 2.0) of these sfnt tables, every table untransformed.

    Why our own container: fontTools' WOFF2 writer always compresses at Brotli's slowest
    level and transforms glyf in pure Python — about 4 s for one review page's subset, where
    untransformed tables at quality 9 take about 0.15 s for a file a few percent larger.
    """
    try:
        import brotli
    except ImportError as exc:
        raise ConfigError("WOFF2 needs the brotli package (pip install brotli)") from exc
    order = sorted(tables, key=lambda t: (t == "loca", t))  # loca right after glyf (WOFF2 §5.1)
    if "glyf" in order and "loca" in order:
        order.remove("loca")
        order.insert(order.index("glyf") + 1, "loca")
    directory = b""
    for tag in order:
        null = 3 if tag in ("glyf", "loca") else 0  # transform version meaning "not transformed"
        directory += struct.pack(">B4s", 63 | (null << 6), tag.encode("latin-1")) + _base128(len(tables[tag]))
    stream: bytes = brotli.compress(b"".join(tables[t] for t in order), mode=brotli.MODE_FONT, quality=quality)
    sfnt_size = 12 + 16 * len(order) + sum((len(tables[t]) + 3) & ~3 for t in order)
    length = 48 + len(directory) + len(stream)
    padded = (length + 3) & ~3
    header = struct.pack(">4sIIHHIIHHIIIII", b"wOF2", flavor, padded, len(order), 0, sfnt_size, len(stream),
                         1, 0, 0, 0, 0, 0, 0)
    return header + directory + stream + b"\0" * (padded - length)


def font_face_css(family: str, text: str, role: str = "hei") -> str:
    """An ``@font-face`` rule naming ``family``, its source the WOFF2 subset as a data URI."""
    data = base64.b64encode(subset_woff2(role, text)).decode("ascii")
    return (f"@font-face{{font-family:'{family}';font-style:normal;font-weight:400;font-display:block;"
            f"src:url(data:font/woff2;base64,{data}) format('woff2')}}")


__all__ = ["font_face_css", "subset_woff2", "woff2"]
