"""The proof-reader's check (proofing/typeset.py) on our PDF and on LibreOffice's print of
our DOCX: every corpus report and the example, cleaned and converted, set in `official`."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from doctools.model import Block, Document, Metadata
from doctools.proofing import typeset as tc
from doctools.writers import pdf

ROOT = Path(__file__).resolve().parents[3]
DOCS = [ROOT / "examples" / "haizhu-2022.raw.txt", *sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))]


def _simplified(path: Path) -> Document:
    from doctools.convert import to_simplified
    from doctools.pipeline import load_clean

    return to_simplified(load_clean(path))


def test_checker_finds_each_fault(tmp_path: Path) -> None:
    """A page drawn by hand with split words and loose spacing (the checker must not be blind)."""
    from reportlab.pdfgen import canvas

    from doctools.writers import _fonts

    font = _fonts.register_role("song")
    out = tmp_path / "bad.pdf"
    c = canvas.Canvas(str(out), pagesize=(400, 300))
    page = ["一段文字的开头在这一页的最", "后一行。", "习近", "平总书记指出，产值2405.", "16亿元。",
            "最后一段，字", "间  距  很  大"]
    y = 260
    for text in page:
        c.setFont(font, 12)
        if "  " in text:  # half an em between characters
            x = 20.0
            for ch in text.replace("  ", ""):
                c.drawString(x, y, ch)
                x += 12 * 1.5
        else:
            c.drawString(20, y, text)
        y -= 20
    c.save()
    paras = [tc.Para("一段文字的开头在这一页的最后一行。"), tc.Para("习近平总书记指出，产值2405.16亿元。"),
             tc.Para("最后一段，字间距很大")]
    rep = tc.check(out, paras)
    assert rep.unmatched == 0
    assert rep.split_names == ["习近|平"]
    assert rep.split_numbers == ["2405.|16亿元"]
    assert rep.short_last == [] and rep.widows == [] and rep.orphans == []
    assert 0.45 < rep.max_gap_em < 0.55 and rep.max_gap_at == "间距很大"


def test_checker_measures_gaps_where_the_pdf_sets_them(tmp_path: Path) -> None:
    """Character spacing that runs across two font subsets (reportlab starts a new text
    operator at each: pdfminer.six drops the spacing there, its issue #1128), and a space
    of the text itself (not space the justifier added)."""
    from reportlab.pdfgen import canvas

    from doctools.writers import _fonts

    font = _fonts.register_role("song")
    out = tmp_path / "tc.pdf"
    c = canvas.Canvas(str(out), pagesize=(600, 400))
    filler = "".join(chr(0x4E00 + k) for k in range(300))  # fills the first 256-glyph subset
    y = 380.0
    for k in range(0, len(filler), 30):
        c.setFont(font, 12)
        c.drawString(20, y, filler[k:k + 30])
        y -= 16
    t = c.beginText()
    t.setTextOrigin(20, y - 20)
    t.setFont(font, 16)
    t.setCharSpace(1.28)  # 0.08 em after every glyph
    t.textOut("一丁新字一丁字新")  # subsets 0, 0, 1, 1, 0, 0, 1, 1: four text operators
    t.setTextOrigin(20 + 8 * (16 + 1.28), y - 20)
    t.textOut("再")
    c.drawText(t)
    c.setFont(font, 16)
    c.drawString(20, y - 50, "第三章\u3000目录管理")
    c.save()
    paras = [tc.Para(filler), tc.Para("一丁新字一丁字新再"), tc.Para("第三章\u3000目录管理")]
    rep = tc.check(out, paras)
    assert rep.unmatched == 0
    assert 0.075 < rep.max_gap_em < 0.085, (rep.max_gap_em, rep.max_gap_at)


def test_pdfminer_reads_our_justified_lines_where_they_are_set(tmp_path: Path) -> None:
    """pdfminer.six (and pdfplumber on it) drops character spacing after each text
    operator's last glyph; our lines switch font subsets inside a run, so each subset's
    piece is positioned on its own and no gap opens up where the text has none."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    from doctools.writers.kinsoku import is_cjk

    filler = "".join(chr(0x4E00 + k) for k in range(300))  # fills the first 256-glyph subset
    # aba-2021-government-data (tests/data/corpus): its first line is spread by 0.066 em
    art = ("第二十四条 \u3000政务数据共享分为无条件共享、有条件共享、不予共享等类型，"
           "并在编制政务数据资源目录时确定其共享类型。")
    doc = Document(Metadata(title="t", language="zh-Hans"), (
        Block("f", "paragraph", filler), *(Block(f"a{k}", "paragraph", art) for k in range(3))))
    out = tmp_path / "o.pdf"
    pdf.write(doc, out, template="official")
    chars: list[LTChar] = []
    stack: list[object] = list(extract_pages(str(out)))
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            chars.append(obj)
        elif hasattr(obj, "__iter__"):
            stack.extend(obj)
    rows: dict[int, list[LTChar]] = {}
    for ch in chars:
        rows.setdefault(round(ch.y0), []).append(ch)
    gaps = []
    for row in rows.values():
        row.sort(key=lambda ch: ch.x0)
        gaps += [round((b.x0 - a.x1) / a.size, 3) for a, b in itertools.pairwise(row)
                 if is_cjk(a.get_text()) and is_cjk(b.get_text()) and (a.get_text() + b.get_text()).isalpha()]
    assert max(gaps) <= 0.1 + 1e-3 and 0.05 < max(gaps), sorted(set(gaps))


def test_checker_counts_widows_orphans_and_short_last_lines(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from doctools.writers import _fonts

    font = _fonts.register_role("song")
    out = tmp_path / "pages.pdf"
    c = canvas.Canvas(str(out), pagesize=(400, 300))
    pages = [["甲段第一行文字", "甲段第二行文字", "乙段第一行"], ["乙段第二行文字", "乙段第三行", "丙段一行", "丙。"],
             ["丁段第一行", "丁段末行"]]
    for lines in pages:
        for k, text in enumerate(lines):
            c.setFont(font, 12)
            c.drawString(20, 260 - 20 * k, text)
        c.showPage()
    c.save()
    paras = [tc.Para("甲段第一行文字甲段第二行文字"), tc.Para("乙段第一行乙段第二行文字乙段第三行"),
             tc.Para("丙段一行丙。"), tc.Para("丁段第一行丁段末行")]
    rep = tc.check(out, paras)
    assert rep.orphans == ["乙段第一行"]  # first line alone at the foot of page 1
    assert rep.short_last == ["丙。"]
    assert rep.widows == []
    rep = tc.check(out, [*paras[:3], tc.Para("丁段第一行", heading=True), tc.Para("丁段末行")])
    assert rep.stranded_headings == []  # the heading opens page 3: fine


def test_printed_paragraphs_join_run_in_headings_and_add_the_note() -> None:
    doc = Document(Metadata(title="t", language="zh-Hans"), (
        Block("b1", "heading", "聚焦创新。", level=2, label="（一）", run_in=True),
        Block("b2", "paragraph", "强化战略科技力量。"),
        Block("b3", "heading", "工作回顾", level=1, label="一、"),
    ))
    paras = tc.printed_paragraphs(doc, note="（原文至此中断）")
    assert [p.text for p in paras] == ["（一）聚焦创新。强化战略科技力量。", "一、工作回顾", "（原文至此中断）"]
    assert [p.heading for p in paras] == [False, True, False]


@pytest.mark.slow
@pytest.mark.parametrize("path", DOCS, ids=[p.name.split(".")[0] for p in DOCS])
def test_our_pdf_has_no_typesetting_fault(path: Path, tmp_path: Path) -> None:
    doc = _simplified(path)
    out = tmp_path / "o.pdf"
    pdf.write(doc, out, template="official")
    rep = tc.check(out, tc.printed_paragraphs(doc, note=pdf.truncation_note(doc)))
    assert rep.unmatched == 0 and rep.lines > 50
    counts = rep.counts()
    gap = counts.pop("max_gap_em")
    assert all(v == 0 for v in counts.values()), (tc.summary(rep), rep.split_numbers[:3], rep.split_names[:3],
                                                   rep.widows[:3], rep.orphans[:3], rep.short_last[:3])
    assert gap <= 0.1 + 1e-3, rep.max_gap_at


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("path", [DOCS[0], DOCS[-1]], ids=["example", DOCS[-1].name.split(".")[0]])
def test_libreoffice_print_of_our_docx_splits_no_number_or_name(path: Path, tmp_path: Path) -> None:
    from doctools.writers import docx
    from doctools.writers._soffice import convert_to_pdf

    doc = _simplified(path)
    docx.write(doc, tmp_path / "o.docx", template="official")
    printed = convert_to_pdf(tmp_path / "o.docx", tmp_path / "lo")
    rep = tc.check(printed, tc.printed_paragraphs(doc, note=pdf.truncation_note(doc)))
    assert rep.unmatched == 0
    assert rep.split_numbers == [] and rep.split_names == []
    assert rep.bad_starts == [] and rep.bad_ends == []
    assert rep.widows == [] and rep.orphans == [] and rep.short_last == []


def _pages_of(doc: Document, tmp_path: Path) -> list[list[str]]:
    out = tmp_path / "p.pdf"
    pdf.write(doc, out, template="official")
    return [[ln.text for ln in page] for page in tc.read_lines(out)]


def test_no_orphan_no_widow_and_headings_keep_with_what_follows(tmp_path: Path) -> None:
    one = [Block(f"a{i}", "paragraph", f"第{i}行。") for i in range(21)]  # 21 of the 22 grid lines
    five = Block("p", "paragraph", "国" * (26 + 28 * 4))  # five lines
    pages = _pages_of(Document(Metadata(title="t", language="zh-Hans"), (*one, five)), tmp_path)
    assert len(pages[0]) == 21 and pages[1][0].startswith("国")  # not one line alone at the foot
    twenty = [Block(f"a{i}", "paragraph", f"第{i}行。") for i in range(18)]
    pages = _pages_of(Document(Metadata(title="t", language="zh-Hans"), (*twenty, five)), tmp_path)
    assert len(pages[0]) == 21 and len(pages[1]) == 2  # 4 + 1 would leave a widow: 3 + 2
    head = Block("h", "heading", "工作回顾", level=1, label="一、")
    pages = _pages_of(Document(Metadata(title="t", language="zh-Hans"), (*one[:20], head, five)), tmp_path)
    assert pages[1][0] == "一、工作回顾"  # the heading did not stay alone at the foot of page 1
