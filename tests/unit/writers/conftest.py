"""Documents for the writer tests: built by hand (every block kind) and the cleaned example."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.model import Block, Document, Metadata

ROOT = Path(__file__).resolve().parents[3]

# Punctuation-dense body text: many chances for a bad line start/end.
ZH_BODY = (
    "过去一年，我们坚持稳中求进工作总基调（坚持“六稳”“六保”），全力推动经济社会高质量发展。"
    "实现地区生产总值2405.16亿元，同比增长9.3%；新增“四上”企业574家！"
    "这一年……我们深感责任重大——必须以《政府工作报告》为纲，落实「十四五」规划、『双统筹』要求？"
    "是的：推进“一区一谷一圈”建设，加快数字经济发展，打造GDP超千亿元的产业集群，建设琶洲人工智能与数字经济试验区。"
) * 3


def zh_document(language: str = "zh-Hans") -> Document:
    blocks = (
        Block("b1", "title", "海珠区2022年政府工作报告"),
        Block("b2", "subtitle", "——2022年1月5日在广州市海珠区第十七届人民代表大会第一次会议上"),
        Block("b3", "salutation", "各位代表："),
        Block("b4", "paragraph", ZH_BODY),
        Block("b5", "heading", "2021年工作回顾", level=1, label="一、"),
        Block("b6", "paragraph", "强化创新策源功能。" + ZH_BODY, lead="强化创新策源功能。"),
        Block("b7", "heading", "聚焦创新核心地位，增强高质量发展引领力。", level=2, label="（一）", run_in=True),
        Block("b7.2", "paragraph", "强化战略科技力量，高水平支撑科技自立自强，全面激发创新创造活力。" * 2),
        Block("b8", "heading", "建设琶洲试验区", level=3, label="1."),
        Block("b9", "heading", "打造人工智能产业集群", level=4, label="（1）"),
        Block("b10", "list_item", "（一）完善数字基础设施（含5G基站、数据中心）；"),
        Block("b11", "paragraph", ZH_BODY),
        Block("b12", "closing", "海珠区人民政府"),
    )
    return Document(Metadata(title="海珠区2022年政府工作报告", language=language, script="Hans"), blocks)


EN_BODY = (
    "Over the past year we adhered to the general principle of seeking progress while keeping "
    "performance stable, fully promoted high-quality economic and social development, and achieved "
    "a regional GDP of 240.516 billion yuan, up 9.3% year on year. Internationalization, "
    "digitalization and decarbonization (the “three transformations”) accelerated; 574 new "
    "enterprises above designated size were added. "
) * 3


def en_document() -> Document:
    blocks = (
        Block("b1", "title", "Haizhu District 2022 Government Work Report"),
        Block("b3", "salutation", "Fellow deputies,"),
        Block("b4", "paragraph", EN_BODY),
        Block("b5", "heading", "Review of work in 2021", level=1, label="I. "),
        Block("b6", "paragraph", "Strengthen innovation. " + EN_BODY, lead="Strengthen innovation. "),
        Block("b7", "heading", "Focus on innovation.", level=2, label="(1) ", run_in=True),
        Block("b7.2", "paragraph", EN_BODY),
    )
    return Document(Metadata(title="Haizhu District 2022 Government Work Report", language="en"), blocks)


@pytest.fixture
def zh_doc() -> Document:
    return zh_document()


@pytest.fixture
def en_doc() -> Document:
    return en_document()


@pytest.fixture(scope="session")
def example_doc() -> Document:
    """The cleaned example (the cleaner exists); Simplified edition when convert exists."""
    from doctools.pipeline import load_clean

    doc = load_clean(ROOT / "examples" / "haizhu-2022.raw.txt")
    try:
        from doctools.convert import to_simplified

        return to_simplified(doc)
    except Exception:  # the converter is another helper's work in progress: fall back
        return doc


@pytest.fixture(scope="session")
def example_pdf(example_doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from doctools.writers import pdf

    out = tmp_path_factory.mktemp("example") / "example.pdf"
    pdf.write(example_doc, out, template="official")
    return out
