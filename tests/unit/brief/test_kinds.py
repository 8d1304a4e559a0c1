"""Every kind of official document gets its own brief; what cannot be placed gets figures
and key sentences, never nothing.

Policy documents are real ones of the corpus (tests/data/corpus, sources in SOURCES.md),
read through the real cleaner and converter. No full statistical bulletin could be found in
public repositories (see SOURCES.md), so the bulletin and the speech below are short
passages WRITTEN FOR THESE TESTS in the genre's wording, not quotations of real documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.brief import make_brief
from doctools.brief.check import findings
from doctools.brief.kinds import detect
from doctools.model import Block, Document, Metadata


def load_simplified(path: Path) -> Document:
    from doctools.convert import to_simplified
    from doctools.pipeline import load_clean

    return to_simplified(load_clean(path))


CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture(scope="module")
def new_media() -> Document:
    return load_simplified(CORPUS / "gov-2018-new-media.raw.txt")


@pytest.fixture(scope="module")
def anhui() -> Document:
    return load_simplified(CORPUS / "anhui-2021-industrial-internet.raw.txt")


@pytest.fixture(scope="module")
def baotou() -> Document:
    return load_simplified(CORPUS / "baotou-2022-digital-government.raw.txt")


def _doc(title: str, *texts: str | Block) -> Document:
    blocks = [t if isinstance(t, Block) else Block(f"b{i}", "paragraph", t) for i, t in enumerate(texts)]
    return Document(Metadata(title=title, source_path="x.txt", language="zh-Hans"), tuple(blocks))


# written for the tests in the wording of a city bulletin (not a real document)
BULLETIN = _doc(
    "某市2023年国民经济和社会发展统计公报",
    "初步核算，全年全市地区生产总值3210.5亿元，按不变价格计算，比上年增长5.6%。",
    Block("h1", "heading", "综合", level=1, label="一、"),
    "年末全市常住人口512.3万人，比上年末增加2.1万人。",
    "全年居民消费价格比上年上涨0.4%。",
    Block("h2", "heading", "农业", level=1, label="二、"),
    "全年粮食产量185.2万吨，比上年下降1.3%。",
)


def test_kinds_from_title_and_structure(new_media: Document, example_doc: Document) -> None:
    assert detect(new_media) == "policy"
    assert detect(example_doc) == "work_report"
    assert detect(BULLETIN) == "statistical_bulletin"
    speech = _doc("在全市经济工作会议上的讲话", "同志们：", "今年全市地区生产总值增长6%。",
                  "我们要把握大势，抓住机遇。", "各级各部门要狠抓落实。")
    assert detect(speech) == "speech"
    assert detect(_doc("随笔", "春天来了。", "我们去公园。", "花开了。")) == "other"


def test_bulletin_keeps_every_indicator_in_its_order_with_period_and_section() -> None:
    b = make_brief(BULLETIN)
    assert b.kind == "statistical_bulletin"
    rows = [(f.indicator, f.value + f.unit, f.change, f.period, f.section) for f in b.figures]
    assert rows == [
        ("地区生产总值", "3210.5亿元", "增长5.6%", "全年", ""),
        ("全市常住人口", "512.3万人", "增加2.1万人", "年末", "综合"),  # the period moves out of the indicator
        ("居民消费价格", "", "上涨0.4%", "全年", "综合"),
        ("粮食产量", "185.2万吨", "下降1.3%", "全年", "农业"),
    ]
    assert b.summary[0].text.startswith("初步核算")
    assert findings(b, BULLETIN) == []


def test_policy_goals_measures_and_duties(new_media: Document) -> None:
    b = make_brief(new_media)
    assert b.kind == "policy"
    assert b.goals[0].text.startswith("到2022年，建成以中国政府网政务新媒体为龙头") and b.goals[0].year == "2022"
    assert [t.gist for t in b.tasks] == ["明确工作职责", "加强功能建设", "规范运维管理", "强化保障措施"]
    assert "推进政务公开，强化解读回应" in b.tasks[1].points
    assert any(d.text == "国务院办公厅是全国政务新媒体工作的主管单位" for d in b.duties)
    assert any("还存在功能定位不清晰" in p.text for p in b.problems)
    assert b.summary[0].text.startswith("为推动政务新媒体健康有序发展")
    assert findings(b, new_media) == [] and b.source.date == "2018年12月7日"


def test_policy_support_figures_container_headings_and_responsible(anhui: Document) -> None:
    b = make_brief(anhui)
    gists = [t.gist for t in b.tasks]
    assert gists[:2] == ["支持工业互联网平台建设", "支持企业数字化、网络化、智能化转型"]
    assert "网络体系强基行动" in gists and "总体要求" not in gists and "行动步骤" not in gists  # container → children
    assert b.tasks[0].responsible == "责任单位：省经济和信息化厅、省财政厅"
    assert b.plan_figures[0].text == "对跨行业跨领域工业互联网平台省级给予奖补，最高3000万元"
    assert b.goals[0].year == "2023" and any("新增“皖企登云”企业2万家" in g.text for g in b.goals)
    assert not any("解释" in d.text for d in b.duties)  # 由…负责解释 is the closing formula, not a duty


def test_steps_carry_deadline_and_responsible_body(baotou: Document) -> None:
    b = make_brief(baotou)
    step = next(s for s in b.steps if s.text.startswith("全面提升“12345\"政务热线服务水平"))
    assert (step.label, step.deadline, step.responsible) == ("3．", "6月底完成", "牵头考核单位：市政府办公室、市公安局")
    assert len(b.steps) == 90
    assert not any("包括牵头" in s.responsible for s in b.steps)  # （包括牵头单位自身） names no body


def test_regulation_chapters_and_time_limits() -> None:
    doc = _doc("某州数据管理暂行办法",
               "第一章　总则　　第一条 　为规范数据管理，制定本办法。",
               "第二章　目录管理　　第二条 　政务部门应当自情形发生之日起10个工作日内更新目录。",
               "第三章　附则　　第三条 　本办法自颁布之日起施行，有效期2年。")
    b = make_brief(doc)
    assert b.kind == "policy"
    assert [(t.label, t.gist) for t in b.tasks] == [("第二章", "目录管理")]
    assert [(s.label, s.text, s.deadline) for s in b.steps] == [
        ("第二条", "政务部门应当自情形发生之日起10个工作日内更新目录", "10个工作日内"),
        ("第三条", "本办法自颁布之日起施行，有效期2年", "有效期2年")]
    assert findings(b, doc) == []


def test_unplaceable_text_gets_figures_and_key_sentences_never_nothing() -> None:
    doc = _doc("会议纪实", "会议于上午召开，听取了各单位的汇报。", "全年完成投资120亿元，增长8.5%。",
               "会议强调，要抓好下一阶段的各项工作。", "会议要求各单位于6月底前报送材料。")
    b = make_brief(doc)
    assert b.kind == "other" and b.figures and b.summary
    assert b.figures[0].value + b.figures[0].unit == "120亿元"
