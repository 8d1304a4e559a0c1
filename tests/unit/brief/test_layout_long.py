"""Long content never crashes the PDF layout (the targets box splits, lists are shortened
with a note), layout failures are exit 1, and write_brief leaves no file on failure."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from doctools.brief import make_brief, tables
from doctools.brief.model import Brief
from doctools.errors import DoctoolsError
from doctools.model import Document
from doctools.writers.brief import write_brief
from doctools.writers.brief_pdf import write_pdf

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"
LONG = ("the district will keep improving the quality and efficiency of development in every field of work "
        "while strengthening services for enterprises and residents alike ") * 3


def _long_english(brief: Brief, text: str = LONG) -> Brief:
    """Every free item as long English (what a real model may give for the whole brief)."""
    en = {k: f"{text.strip()} ({k})" for k, _, _ in brief.items()}
    en.update({f"figure.{i}.indicator": "gross output value of industrial enterprises above designated size"
               for i in range(len(brief.figures))})
    return dataclasses.replace(brief, english={**en, "_engine": "model"})


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_long_english_brief_lays_out_on_two_pages_with_a_shortening_note(example_doc: Document,
                                                                         tmp_path: Path) -> None:
    from pypdf import PdfReader

    brief = _long_english(make_brief(example_doc, generated="2026-01-02"), LONG[:160])
    path = tmp_path / "long.en.pdf"
    pages = write_pdf(brief, path, "en")  # was: LayoutError (the targets box taller than a page)
    assert pages == len(PdfReader(str(path)).pages) <= 2
    text = " ".join(_pdf_text(path).split())
    assert "To fit two pages, this PDF leaves out items from the end of" in text


def test_extreme_english_never_crashes(example_doc: Document, tmp_path: Path) -> None:
    brief = _long_english(make_brief(example_doc, generated="2026-01-02"), LONG * 2)
    path = tmp_path / "huge.en.pdf"
    assert write_pdf(brief, path, "en") >= 2  # more pages rather than a LayoutError
    assert "To fit two pages" in " ".join(_pdf_text(path).split())


def test_long_goals_split_across_pages_in_chinese(example_doc: Document, tmp_path: Path) -> None:
    brief = make_brief(example_doc, generated="2026-01-02")
    many = brief.goals * 6  # a report with very many 力争 goals
    path = tmp_path / "goals.pdf"
    assert write_pdf(dataclasses.replace(brief, goals=many), path, "zh-Hans") <= 2
    assert tables.label("shortened").split("：")[0] in "".join(_pdf_text(path).split())


def test_write_brief_is_all_or_none_on_a_failing_move(example_doc: Document, tmp_path: Path) -> None:
    brief = make_brief(example_doc, generated="2026-01-02")
    (tmp_path / "x.brief.zh-Hans.md").mkdir()  # the last move cannot replace a folder
    with pytest.raises(DoctoolsError):
        write_brief(brief, tmp_path, "x", langs="zh-Hans", formats="json,md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.brief.zh-Hans.md"]  # json removed, no staging


def test_write_brief_is_all_or_none_on_a_failing_layout(example_doc: Document, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import doctools.writers.brief_pdf as lp

    def fail(*_: object, **__: object) -> int:  # stands in for a layout error reportlab cannot be made to raise cheaply
        raise DoctoolsError("brief PDF layout failed")

    monkeypatch.setattr(lp, "write_pdf", fail)
    brief = make_brief(example_doc, generated="2026-01-02")
    with pytest.raises(DoctoolsError):
        write_brief(brief, tmp_path, "x", langs="zh-Hans", formats="json,md,pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def argos_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from doctools.translate.buildmodel import build_package

    home = tmp_path_factory.mktemp("argos-home")
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = [s for s in re.split(r"(?<=[。！？；\n])", text) if s.strip()]
    english = ["The district government reviews the past year and sets the targets.",
               "Gross regional product reached 240.516 billion yuan, up 9.3 percent."] * 30
    pkg = build_package(tmp_path_factory.mktemp("pkg") / "translate-zh_en-0_0_1.argosmodel", lines + english)
    env = dict(os.environ)
    env.update({"ARGOS_PACKAGES_DIR": str(home / "packages"), "XDG_DATA_HOME": str(home / "data"),
                "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
                "DOCTOOLS_CACHE_DIR": str(home / "doctools-cache")})
    proc = subprocess.run([sys.executable, "-m", "doctools", "models", "install", str(pkg)], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return env


def test_cli_brief_with_an_installed_model(argos_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "x"
    proc = subprocess.run([sys.executable, "-m", "doctools", "brief", str(EXAMPLE), "--format", "pdf,json",
                           "-o", str(out)], env=argos_env, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr  # was: exit 2, LayoutError, json + zh pdf left behind
    assert sorted(p.name for p in out.iterdir()) == [
        "haizhu-2022.brief.en.pdf", "haizhu-2022.brief.json", "haizhu-2022.brief.zh-Hans.pdf"]
