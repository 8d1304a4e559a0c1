"""The review page renders in a real browser (headless Chromium), offline and self-contained."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from export_support import EXAMPLE, run_cli

pytestmark = pytest.mark.slow

SECTIONS = ["summary", "editions", "chrome", "duplicates", "cleaning", "conversions", "ambiguities",
            "translation", "brief", "problems"]


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        pytest.fail("chromium is not installed: `make test` installs it (Debian package chromium)")
    return exe


def _browser(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    base = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120)


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
    assert "@import" not in html


def test_sections_and_tables_render_in_chromium(review_page: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        dom = _browser(["--dump-dom", review_page.as_uri()], Path(profile)).stdout
    for sid in SECTIONS:
        assert f'<section id="{sid}">' in dom, sid
    assert dom.count("<table>") >= 5
    # the cleaning the example needs is visible: chrome lines and the duplicated run
    assert "基本介紹" in dom and "聯絡我們" in dom
    assert re.search(r"Duplicates removed \((\d+)\)", dom) and "Duplicates removed (0)" not in dom


def test_screenshot_is_not_blank(review_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "review.png"
    with tempfile.TemporaryDirectory() as profile:
        _browser([f"--screenshot={shot}", "--window-size=1200,1600", review_page.as_uri()], Path(profile))
    assert shot.is_file() and shot.stat().st_size > 20_000  # a page of text and tables, not an empty canvas
