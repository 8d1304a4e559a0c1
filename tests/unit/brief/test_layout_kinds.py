"""Layouts of a notice/plan brief read back: complete DOCX and Markdown, a PDF that shortens
with a truthful note, headings kept with their first item, footer and properties, English
labels, quotes, tile values and the chart font. Documents are real ones of the corpus."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from doctools.brief import make_brief
from doctools.brief.model import Brief
from doctools.model import Document
from doctools.writers._briefview import build, title_case, typographic
from doctools.writers.brief import brief_files, write_brief
from doctools.writers.brief_pdf import fit_value

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


def _load(slug: str) -> Document:
    from doctools.convert import to_simplified
    from doctools.pipeline import load_clean

    return to_simplified(load_clean(CORPUS / f"{slug}.raw.txt"))


@pytest.fixture(scope="module")
def baotou(tmp_path_factory: pytest.TempPathFactory) -> tuple[Brief, dict[str, Path]]:
    out = tmp_path_factory.mktemp("baotou")
    brief = make_brief(_load("baotou-2022-digital-government"), generated="2026-01-02")
    paths = write_brief(brief, out, "baotou", missing_reason="no model in this test")
    return brief, {p.name.removeprefix("baotou.brief."): p for p in paths}


def _pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")


def _plain(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            texts += [c.text for c in row.cells]
    return _plain("\n".join(texts))


def test_docx_and_markdown_are_complete_the_pdf_says_what_it_leaves_out(baotou: tuple[Brief, dict[str, Path]]) -> None:
    brief, files = baotou
    assert len(brief.steps) == 90
    body = _docx_text(files["zh-Hans.docx"])
    md = _plain(files["zh-Hans.md"].read_text(encoding="utf-8"))
    for s in brief.steps:
        assert _plain(s.text) in body and _plain(s.text) in md, s.text
    for g in brief.goals:
        assert _plain(g.text) in body, g.text
    pages = _pages(files["zh-Hans.pdf"])
    assert len([p for p in pages if p.strip()]) <= 2
    pdf = _plain(" ".join(pages))
    assert "为控制在两页内，本PDF从以下各部分末尾略去若干项" in pdf
    assert _plain("完整内容见本摘要的DOCX、Markdown、JSON版") in pdf


def test_pdf_alone_makes_no_claim_about_other_formats(tmp_path: Path) -> None:
    brief = make_brief(_load("baotou-2022-digital-government"), generated="2026-01-02")
    files = brief_files(brief, "b", langs="zh-Hans", formats="pdf")
    (tmp_path / "b.pdf").write_bytes(files["b.brief.zh-Hans.pdf"])
    pdf = _plain(" ".join(_pages(tmp_path / "b.pdf")))
    assert "略去若干项" in pdf and "完整内容见" not in pdf


def test_no_heading_stands_alone_at_a_page_foot(baotou: tuple[Brief, dict[str, Path]]) -> None:
    brief, files = baotou
    view = build(brief, "zh-Hans")
    headings = {view.label(k) for k in ("figures", "goals", "measures", "steps", "duties", "problems", "summary")}
    headings |= {f"{t.label}{t.gist}" for t in view.tasks}
    for page in _pages(files["zh-Hans.pdf"])[:-1]:
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        body = lines[:-1]  # the last line is the footer
        assert _plain(body[-1]) not in {_plain(h) for h in headings}, body[-1]
    import docx

    d = docx.Document(str(files["zh-Hans.docx"]))
    texts = [p.text for p in d.paragraphs]
    must_keep = {view.label(k) for k in ("figures", "measures", "steps", "summary")} & set(texts)
    must_keep |= {f"{t.label}{t.gist}" for t in view.tasks if t.points}  # a lead keeps with its points
    kept = [p.text for p in d.paragraphs if p.paragraph_format.keep_with_next]
    assert len(must_keep) >= 5
    for h in must_keep:
        assert any(k == h or k.startswith(h + "（") for k in kept), h


def test_footer_has_title_and_date_the_hash_is_a_property(baotou: tuple[Brief, dict[str, Path]]) -> None:
    import docx
    from pypdf import PdfReader

    brief, files = baotou
    assert brief.source.date == "2022年4月14日"
    last = [ln for ln in _pages(files["zh-Hans.pdf"])[0].splitlines() if ln.strip()][-1]
    assert brief.title in last and "2022年4月14日" in last
    pdf = " ".join(_pages(files["zh-Hans.pdf"]))
    assert brief.source.sha256 not in pdf and "baotou-2022-digital-government.raw.txt" not in pdf
    meta = PdfReader(str(files["zh-Hans.pdf"])).metadata
    assert brief.source.sha256 in (meta.subject or "") and brief.source.sha256 in str(meta.get("/Keywords"))
    d = docx.Document(str(files["zh-Hans.docx"]))
    footer = " ".join(p.text for p in d.sections[0].footer.paragraphs)
    assert brief.title in footer and brief.source.sha256 not in footer
    assert brief.source.sha256 in d.core_properties.keywords and brief.source.sha256 in d.core_properties.comments


def test_english_labels_title_case_typographic_quotes_no_install_hint(baotou: tuple[Brief, dict[str, Path]]) -> None:
    _, files = baotou
    pdf = " ".join(" ".join(p.split()) for p in _pages(files["en.pdf"]))
    for label in ("Main Measures", "Who Does What, by When", "Goals"):
        assert label in pdf, label
    assert "Summarised from “" in pdf
    assert "install" not in pdf and "[untranslated]" in pdf
    assert title_case("who does what, by when") == "Who Does What, by When"
    assert typographic('the "one-stop" service and the district\'s plan') == \
        "the “one-stop” service and the district’s plan"


def test_english_tile_value_never_wraps_inside_its_number_or_unit() -> None:
    from doctools.resources import templates_dir
    from doctools.writers import _template
    from doctools.writers.brief_pdf import _Styles

    st = _Styles(_template.load(templates_dir() / "brief.toml"), True)
    text, style = fit_value("6.829 million square metres", st.big, 80)
    number, unit = text.split(" ")  # one ordinary space: the only place a line may break
    assert number == "6.829\u00a0million" and unit == "square\u00a0metres"
    assert style.size_pt < st.big.size_pt  # shrunk to fit the tile
    text, _ = fit_value("more than 68 billion yuan", st.big, 200)
    assert text == "more\u00a0than\u00a068\u00a0billion yuan"


def test_chart_is_set_in_the_text_family() -> None:
    from reportlab.graphics.shapes import Group, String

    from doctools.writers import _fonts
    from doctools.writers._briefchart import drawing

    latin = _fonts.register_role("latin")
    d = drawing([("gross regional product", 9.3), ("exhibition area", 51.3)], 250, role="latin",
                title="Growth of Headline Indicators (%)")
    strings = [s for g in d.contents if isinstance(g, Group) for s in g.contents if isinstance(s, String)]
    assert strings and all(s.fontName == latin for s in strings)
    assert d.bars.valueAxis.labels.fontName == latin and d.bars.barLabels.fontName == latin


def test_a_long_title_is_cut_in_the_footer_and_the_date_stays(tmp_path: Path) -> None:
    from doctools.brief.model import Brief, Sentence, SourceInfo
    from doctools.writers.brief_pdf import write_pdf

    title = ("某省推进某项建设领导小组改革开放新高地执行小组办公室关于印发"
             "某省关于加快对接某协定经贸新规则扎实推进高水平开放实施意见的通知")
    brief = Brief(title, SourceInfo(title=title, generated="2026-01-02", date="2022年3月23日"), kind="policy",
                  summary=(Sentence("为加快全面对接经贸新规则，制定本意见。", "b1.s0"),))
    write_pdf(brief, tmp_path / "t.pdf", "zh-Hans")
    last = [ln for ln in _pages(tmp_path / "t.pdf")[0].splitlines() if ln.strip()][-1]
    assert "…" in last and last.rstrip().endswith("1") and "2022年3月23日" in last


def test_parenthesised_responsible_bodies_are_not_duties() -> None:
    from doctools.model import Block, Document, Metadata

    doc = Document(Metadata(title="某省关于扩大开放的实施意见", source_path="x.txt", language="zh-Hans"), (
        Block("b1", "heading", "重点任务", level=1, label="一、"),
        Block("b2", "list_item", "扩大出口。建立商品税率对比清单。（合肥海关负责）"
              "巩固传统产品出口优势。（省商务厅牵头，合肥海关配合）", label="1."),
        Block("b3", "paragraph", "省商务厅负责统筹协调全省对外开放工作。"),
    ))
    b = make_brief(doc)
    assert [d.text for d in b.duties] == ["省商务厅负责统筹协调全省对外开放工作"]
    assert b.steps[0].responsible == "合肥海关负责；省商务厅牵头，合肥海关配合"


def test_steps_table_cells_do_not_repeat_the_column_header() -> None:
    """The 责任单位 column holds the bodies; 牵头/配合 stay, and a sub-list's numbers are not
    shown among unnumbered rows."""
    from doctools.model import Block, Document, Metadata
    from doctools.writers._briefview import steps_table

    def item(i: str, lead: str, rest: str, who: str) -> Block:
        return Block(i, "paragraph", f"{lead}{rest}（{who}）", lead=lead)

    doc = Document(Metadata(title="某省关于支持数字经济发展的若干政策", source_path="x.txt", language="zh-Hans"), (
        Block("b1", "heading", "支持平台建设", level=1, label="一、"),
        item("b2", "培育各类平台。", "对综合型平台给予奖补，最高3000万元。", "责任单位：省经济和信息化厅、省财政厅"),
        item("b3", "推动企业上云。", "建立服务商资源池。", "责任单位：省经济和信息化厅"),
        Block("b4", "heading", "支持网络建设", level=1, label="二、"),
        item("b5", "加快网络升级改造。", "支持企业建设内网。", "责任单位：省通信管理局"),
        Block("b6", "list_item", "推进外网建设。扩大网络覆盖范围。（省通信管理局牵头，省经济和信息化厅配合）",
              label="1．"),
    ))
    b = make_brief(doc)
    rows, header, _ = steps_table(build(b, "zh-Hans"))
    assert header[-1] == "责任单位"
    assert [r[-1] for r in rows] == ["省经济和信息化厅、省财政厅", "省经济和信息化厅", "省通信管理局",
                                     "省通信管理局牵头，省经济和信息化厅配合"]
    assert [r[0] for r in rows] == ["培育各类平台", "推动企业上云", "加快网络升级改造", "推进外网建设"]
