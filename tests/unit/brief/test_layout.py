"""The written brief read back: PDF (pages, fonts, exact text layer, chart), DOCX, Markdown, CLI."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from doctools.brief import make_brief
from doctools.brief.model import Brief, from_json
from doctools.model import Document
from doctools.writers._briefchart import chart_data, drawing
from doctools.writers._briefview import build
from doctools.writers.brief import write_brief

pytestmark = pytest.mark.slow


def chart_label_lines(d: object) -> list[str]:
    """The category labels a chart Drawing draws (Groups of String runs), top to bottom,
    wrapped lines of one label joined."""
    from reportlab.graphics.shapes import Group, String

    labels: list[tuple[float, str]] = []
    for g in getattr(d, "contents", []):
        if isinstance(g, Group) and g.contents and all(isinstance(s, String) for s in g.contents):
            labels.append((g.contents[0].y, "".join(s.text for s in g.contents)))
    return [t for _, t in sorted(labels, key=lambda x: -x[0])]


@pytest.fixture(scope="module")
def outputs(example_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> tuple[Brief, dict[str, Path]]:
    out = tmp_path_factory.mktemp("brief")
    brief = make_brief(example_doc, generated="2026-01-02")
    paths = write_brief(brief, out, "example", missing_reason="no model in this test")
    return brief, {p.name.removeprefix("example.brief."): p for p in paths}


def _raw_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", text)


def _plain(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_all_files_written(outputs: tuple[Brief, dict[str, Path]]) -> None:
    _, files = outputs
    assert sorted(files) == ["en.docx", "en.md", "en.pdf", "json", "zh-Hans.docx", "zh-Hans.md", "zh-Hans.pdf"]
    assert not list(files["json"].parent.glob("*.part"))


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_pdf_one_or_two_pages_fonts_embedded(outputs: tuple[Brief, dict[str, Path]], lang: str) -> None:
    from pypdf import PdfReader

    from doctools.proofing import pdftext as _pdfcheck

    path = outputs[1][f"{lang}.pdf"]
    assert 1 <= len(PdfReader(str(path)).pages) <= 2
    fonts = _pdfcheck.fonts(path)
    assert fonts and all(f.embedded for f in fonts)
    assert not any("Helvetica" in f.name for f in fonts)


def test_pdf_text_layer_is_exact(outputs: tuple[Brief, dict[str, Path]]) -> None:
    brief, files = outputs
    text = _raw_text(files["zh-Hans.pdf"])
    view = build(brief, "zh-Hans")
    expected = [brief.title, *view.targets, *view.summary]
    expected += [f"{t.label}{t.gist}" for t in view.tasks]
    expected += [f"{lab}{t}" for lab, t in view.problems]
    expected += [f.indicator for f in view.tiles + view.table]
    expected += [f.qualifier_pre + f.value + f.unit for f in view.tiles if f.has_value]
    for item in expected:
        assert _plain(item) in text, item


def test_chart_values_match_figures(outputs: tuple[Brief, dict[str, Path]]) -> None:
    brief, _ = outputs
    data = chart_data(brief)
    assert data[0] == ("地区生产总值", 9.3)
    expected = [(f.indicator, f.change_pct) for f in brief.figures if f.change_pct is not None]
    assert data == expected[: len(data)]
    from doctools.writers import _fonts

    _fonts.register_role("song")
    d = drawing(data, 250, role="song")
    assert list(reversed(d.bars.data[0])) == [v for _, v in data]
    assert chart_label_lines(d) == [n for n, _ in data]


def test_english_pdf_numbers_and_untranslated_marker(outputs: tuple[Brief, dict[str, Path]]) -> None:
    text = _raw_text(outputs[1]["en.pdf"])
    for s in ("240.516 billion yuan", "+9.3%", "3rd in the city", "more than 68 billion yuan",
              "6.829 million square metres", "25,500 people", "gross regional product: growth of about 6%",
              "[untranslated]", "no translation model was available"):
        assert _plain(s) in text, s
    assert "modelsinstall" not in text  # the install hint goes to the command's output, never the page


def test_docx_read_back(outputs: tuple[Brief, dict[str, Path]]) -> None:
    import docx
    from docx.oxml.ns import qn

    brief, files = outputs
    d = docx.Document(str(files["zh-Hans.docx"]))
    texts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    body = _plain("\n".join(texts))
    for item in [*(t.text for t in brief.targets), *(p.text for p in brief.problems), *(t.gist for t in brief.tasks)]:
        assert _plain(item) in body, item
    runs = [r for p in d.paragraphs for r in p.runs if r.text.strip()]
    assert all(r._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs)
    assert d.inline_shapes, "the chart picture is missing"
    footer = _plain(" ".join(p.text for p in d.sections[0].footer.paragraphs))
    assert brief.title in footer and brief.source.sha256 not in footer  # the hash is a property, not on the page
    assert brief.source.sha256 in d.core_properties.keywords
    assert len(brief.goals) == 15 and all(_plain(g.text) in body for g in brief.goals)  # the DOCX is complete


def test_markdown_and_json(outputs: tuple[Brief, dict[str, Path]]) -> None:
    brief, files = outputs
    md = files["zh-Hans.md"].read_text(encoding="utf-8")
    assert "> 地区生产总值增长6%左右" in md
    assert brief.tasks_note in md
    restored = from_json(files["json"].read_text(encoding="utf-8"))
    assert restored.figures == brief.figures and restored.english


def test_cli_writes_requested_formats(tmp_path: Path) -> None:
    EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "haizhu-2022.raw.txt"
    from doctools.cli import run

    rc = run(["brief", str(EXAMPLE), "-o", str(tmp_path), "--lang", "zh-Hans", "--format", "json,md", "--no-model"])
    assert rc == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["haizhu-2022.brief.json", "haizhu-2022.brief.zh-Hans.md"]
    assert run(["brief", str(EXAMPLE), "-o", str(tmp_path), "--format", "pptx"]) == 2


def test_a_brief_with_a_title_past_the_core_property_limit_is_written(example_doc: Document, tmp_path: Path) -> None:
    """The English title of a brief comes from the machine, and may be long: the DOCX is still
    written (the core property is cut at 255 characters, the page keeps it whole)."""
    from dataclasses import replace

    import docx

    brief = make_brief(example_doc, generated="2026-01-02")
    brief = replace(brief, title="标题" * 200)
    paths = write_brief(brief, tmp_path, "long", langs="zh-Hans", formats="docx", missing_reason="none")
    d = docx.Document(str(paths[0]))
    assert len(d.core_properties.title) == 255
    assert "标题" * 200 in "".join(p.text for p in d.paragraphs)
