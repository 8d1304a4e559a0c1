"""The shipped fonts, their manifest and per-character fallback (doctools.writers._fonts)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from doctools.resources import fonts_dir
from doctools.writers import _fontcache, _fonts

ROOT = Path(__file__).resolve().parents[3]


def test_manifest_lists_existing_truetype_files_with_licences() -> None:
    data = tomllib.loads((fonts_dir() / "fonts.toml").read_text(encoding="utf-8"))
    assert data["font"], "no fonts in manifest"
    for entry in data["font"]:
        path = fonts_dir() / entry["file"]
        assert path.is_file(), path
        assert path.read_bytes()[:4] == b"\x00\x01\x00\x00", f"{path} is not TrueType (glyf)"
        assert (fonts_dir() / entry["licence_file"]).is_file()
        assert entry["licence"] == "OFL-1.1"
        assert len(entry["sha256"]) == 64


def test_sha256_matches_manifest() -> None:
    for f in _fonts.fonts():
        assert _fonts.sha256_ok(f) is True, f.name


def test_roles_resolve_to_expected_families() -> None:
    assert _fonts.family("song") == "Noto Serif SC"
    assert _fonts.family("serif") == "Noto Serif SC"
    assert _fonts.family("hei") == "Noto Sans SC"
    assert _fonts.family("kai") == "LXGW WenKai"
    assert _fonts.family("fangsong") == "Noto Serif SC"  # mapped: no free FangSong
    assert _fonts.family("latin") == "Liberation Serif"
    assert _fonts.chain("song", bold=True)[0] == "NotoSerifSC-Bold"


def test_unknown_role_is_a_config_error() -> None:
    from doctools.errors import ConfigError

    with pytest.raises(ConfigError):
        _fonts.chain("comic")


def test_runs_split_by_coverage_and_keep_every_char() -> None:
    text = "Growth 增长 5.2%，瀝滘"
    rs = _fonts.runs(text, "latin")
    assert "".join(t for _, t in rs) == text
    assert rs[0] == ("LiberationSerif-Regular", "Growth ")
    assert any(name.startswith("NotoSerifSC") and "增长" in t for name, t in rs)


def test_cjk_role_keeps_latin_in_its_own_face() -> None:
    assert _fonts.runs("2022年GDP增长", "hei") == [("NotoSansSC-Regular", "2022年GDP增长")]


def test_missing_chars_names_only_what_no_font_has() -> None:
    assert _fonts.missing_chars("海珠\U0001F600滘\nA\U000E0100") == {"\U0001F600", "\U000E0100"}
    assert _fonts.font_for("song", "\U0001F600") is None
    rs = _fonts.runs("甲\U0001F600乙", "song")
    assert "".join(t for _, t in rs) == "甲\U0001F600乙"


def test_example_fully_covered_by_each_cjk_face() -> None:
    text = (ROOT / "examples" / "haizhu-2022.raw.txt").read_text(encoding="utf-8", errors="replace")
    text = text.replace("\ufffd", "")
    cov = _fonts.coverage(text)
    for name in ("NotoSerifSC-Regular", "NotoSansSC-Regular", "LXGWWenKai-Regular"):
        assert cov[name] == 0, name


def test_user_font_file_takes_a_role(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "fonts.toml"
    kai = fonts_dir() / "LXGWWenKai-Regular.ttf"
    user.write_text(
        f'[[font]]\nname = "MyFangSong"\nfamily = "My FangSong"\nfile = "{kai}"\nroles = ["fangsong"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("DOCTOOLS_FONTS", str(user))
    _fonts.reset()
    try:
        assert _fonts.family("fangsong") == "My FangSong"
        assert _fonts.runs("公文", "fangsong") == [("MyFangSong", "公文")]
        assert _fonts.family("song") == "Noto Serif SC"
    finally:
        monkeypatch.delenv("DOCTOOLS_FONTS")
        _fonts.reset()


def test_metric_cache_rebuilds_the_same_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    monkeypatch.setenv("DOCTOOLS_CACHE", str(tmp_path))
    path = fonts_dir() / "LiberationSerif-Regular.ttf"  # small and upm 2048: the scaled case
    fresh = TTFont("fresh-liberation", str(path))
    assert _fontcache.load("x", path) is None  # nothing cached yet
    _fontcache.store(fresh, path)
    cached = _fontcache.load("cached-liberation", path)
    assert cached is not None
    assert cached.face.charToGlyph == fresh.face.charToGlyph
    assert cached.face.charWidths == fresh.face.charWidths
    assert [cached.face.hmetrics[i] for i in range(50)] == fresh.face.hmetrics[:50]
    assert list(cached.face.glyphPos) == fresh.face.glyphPos
    assert cached.face.glyphToChar[fresh.face.charToGlyph[ord("A")]] == [ord("A")]
    assert cached.stringWidth("Hello", 12) == fresh.stringWidth("Hello", 12)


def test_cached_font_embeds_and_reads_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    monkeypatch.setenv("DOCTOOLS_CACHE", str(tmp_path))
    path = fonts_dir() / "LXGWWenKai-Regular.ttf"
    _fontcache.store(TTFont("k1", str(path)), path)
    font = _fontcache.load("cached-kai", path)
    pdfmetrics.registerFont(font)
    out = tmp_path / "k.pdf"
    c = canvas.Canvas(str(out))
    c.setFont("cached-kai", 14)
    c.drawString(72, 700, "楷体缓存测试 Kai 123")
    c.save()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "楷体缓存测试 Kai 123" in text


def test_manifest_has_data_header() -> None:
    head = (fonts_dir() / "fonts.toml").read_text(encoding="utf-8").splitlines()[:12]
    for key in ("# Purpose:", "# Source:", "# Columns:"):
        assert any(ln.startswith(key) for ln in head)
