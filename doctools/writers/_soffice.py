"""LibreOffice as a checker: a private fontconfig and profile, then DOCX → PDF.

Why: DOCX names fonts, it does not carry them. LibreOffice resolves the names through
fontconfig, so to see our DOCX as a reader with the right fonts would, the soffice process
gets ``FONTCONFIG_FILE`` pointing at a file that adds ``fonts/`` and aliases the role names
a template writes (仿宋, 宋体, 黑体, 楷体, SimSun, …) to the shipped families. A throw-away
``-env:UserInstallation`` profile lets parallel conversions run without colliding.
(Note: an XML comment containing two hyphens makes fontconfig reject the whole file.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from doctools import office
from doctools.errors import ConfigError, OutputError
from doctools.resources import fonts_dir

# role → names a DOCX may use for it (Windows Chinese names and their English forms)
ALIASES: dict[str, tuple[str, ...]] = {
    "fangsong": ("仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312", "STFangsong", "华文仿宋"),
    "song": ("宋体", "SimSun", "NSimSun", "新宋体", "STSong", "华文宋体", "方正小标宋简体",
             "方正小标宋_GBK", "华文中宋", "STZhongsong"),
    "hei": ("黑体", "SimHei", "微软雅黑", "Microsoft YaHei", "STHeiti", "华文黑体"),
    "kai": ("楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312", "STKaiti", "华文楷体"),
    "latin": ("Times New Roman",),
}


def fontconfig_xml(extra_dirs: tuple[Path, ...] = ()) -> str:
    """A fontconfig file: the system config, our fonts/ folder, role-name aliases."""
    from doctools.writers import _fonts

    parts = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
             "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>",
             f"  <dir>{escape(str(fonts_dir().resolve()))}</dir>"]
    parts += [f"  <dir>{escape(str(d.resolve()))}</dir>" for d in extra_dirs]
    for role, names in ALIASES.items():
        fam = _fonts.family(role)
        for name in names:
            parts.append(
                f'  <match target="pattern"><test name="family"><string>{escape(name)}</string></test>'
                f'<edit name="family" mode="assign" binding="strong"><string>{escape(fam)}</string></edit></match>'
            )
    parts.append("</fontconfig>")
    return "\n".join(parts) + "\n"


def soffice() -> str:
    exe = office.find()
    if exe is None:
        raise ConfigError("LibreOffice (soffice) not found")
    return exe


def convert_to_pdf(docx: Path, outdir: Path, timeout: float = 300, profile: Path | None = None) -> Path:
    """Convert ``docx`` to PDF in ``outdir`` with the private fontconfig and a throw-away
    profile (or ``profile``, a folder reused across calls: faster, but not for parallel use)."""
    import os

    soffice()
    with tempfile.TemporaryDirectory(prefix="doctools-soffice-") as tmp:
        t = Path(tmp)
        fc = t / "fonts.conf"
        fc.write_text(fontconfig_xml(), encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(fc), HOME=str(t))
        try:
            return office.convert(docx, "pdf", outdir, timeout=timeout, env=env, profile=profile)
        except office.OfficeError as exc:
            raise OutputError(f"{docx}: LibreOffice conversion failed ({exc})") from exc


__all__ = ["ALIASES", "convert_to_pdf", "fontconfig_xml", "soffice"]
