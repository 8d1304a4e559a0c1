"""The review page renders in a real browser (headless Chromium), offline and self-contained,
and reads without any system Chinese font (a private fontconfig that has none)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from export_support import EXAMPLE, run_cli

pytestmark = pytest.mark.slow

SECTIONS = ["summary", "editions", "conversions", "ambiguities", "chrome", "duplicates", "cleaning",
            "translation", "brief", "problems"]


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        pytest.fail("chromium is not installed: `make test` installs it (Debian package chromium)")
    return exe


def _browser(args: list[str], profile: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120, env=env)


def _no_cjk_fonts(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig knows one Latin font and nothing else."""
    from doctools.resources import fonts_dir

    (folder / "fonts").mkdir(parents=True)
    shutil.copy(fonts_dir() / "LiberationSerif-Regular.ttf", folder / "fonts")
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    f"  <dir>{folder / 'fonts'}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
                    encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(folder))
    listed = subprocess.run(["fc-list"], capture_output=True, text=True, env=env).stdout
    assert "Liberation" in listed and "Noto" not in listed and "CJK" not in listed, listed
    return env


@pytest.fixture(scope="module")
def review_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    proc = run_cli(["export", str(EXAMPLE), "-o", str(out), "--editions", "zh-Hans,brief", "--formats", "json"])
    assert "Traceback" not in proc.stderr
    page = out / "haizhu-2022" / "haizhu-2022.review.html"
    assert page.is_file(), proc.stderr
    return page


def test_page_is_self_contained(review_page: Path) -> None:
    html = review_page.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html
    assert "src:url(data:font/woff2;base64," in html


def test_sections_and_tables_render_in_chromium(review_page: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        dom = _browser(["--dump-dom", review_page.as_uri()], Path(profile)).stdout
    for sid in SECTIONS:
        assert f'<section id="{sid}">' in dom, sid
    assert [m for m in re.findall(r'<section id="(\w+)">', dom)] == SECTIONS  # word-level changes early
    assert dom.count("<table>") >= 5
    # the cleaning the example needs is visible: chrome lines and the duplicated run
    assert "基本介紹" in dom and "聯絡我們" in dom
    assert re.search(r"Duplicates removed \((\d+)\)", dom) and "Duplicates removed (0)" not in dom
    # vocabulary as “旧 → 新”, never run together; the script conversion as one line
    assert '最佳化<span class="arrow">→</span>优化' in dom and "最佳化优化" not in dom
    m = re.search(r"([\d,]+) word-level change\(s\)", dom)
    assert m and int(m.group(1).replace(",", "")) > 20
    assert re.search(r"Script conversion</b> \(opencc:t2s\): [\d,]+ character\(s\) changed in \d+ block\(s\)", dom)
    assert dom.index("word-level change") < dom.index("Script conversion")


def test_no_tofu_without_system_cjk_fonts(review_page: Path, tmp_path: Path) -> None:
    """Printed under a fontconfig with no Chinese font, every character is drawn from the
    page's own embedded font: none falls back to the Latin face (whose .notdef is a box)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    env = _no_cjk_fonts(tmp_path / "fc")
    printed = tmp_path / "review.pdf"
    shot = tmp_path / "review.png"
    with tempfile.TemporaryDirectory() as profile:
        _browser([f"--print-to-pdf={printed}", "--no-pdf-header-footer", review_page.as_uri()], Path(profile), env)
        _browser([f"--screenshot={shot}", "--window-size=1200,1600", review_page.as_uri()], Path(profile), env)
    assert shot.is_file() and shot.stat().st_size > 20_000  # a page of text and tables, not an empty canvas
    fonts: Counter[str] = Counter()
    cjk = 0
    stack: list[object] = list(extract_pages(str(printed)))
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            fonts[obj.fontname.split("+", 1)[-1]] += 1
            cjk += 1 if any(0x3000 <= ord(c) <= 0x9FFF for c in obj.get_text()) else 0
        elif hasattr(obj, "__iter__"):
            stack.extend(obj)  # type: ignore[arg-type]
    assert cjk > 1000
    assert set(fonts) == {"NotoSansSC-Regular"}, fonts  # no character drawn from a fallback face
