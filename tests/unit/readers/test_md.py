"""Markdown reader: rendered text as lines, markup gone, source line numbers as ids."""

from __future__ import annotations

import re

from doctools.clean import clean
from doctools.readers import md, txt

SAMPLE = """# 海珠区2022年政府工作报告

各位代表：
现在，我代表区人民政府，**向大会**报告政府工作，
请予审议。Growth was
strong.

## 一、2021年工作回顾

- 经济发展*稳中有进*
- 实现[地区生产总值](http://example.org)2405.16亿元\\
  同比增长9.3%

1. 第一项
2. 第二项 ~~删除~~

> 引用的话

```
code line 1
code line 2
```

| 指标 | 数值 |
|---|---|
| GDP | 2405.16亿元 |

<div><p>HTML 段落</p><script>var x = 1;</script></div>

---
标题二
======
行一<br>行二 ![图](a.png) `code` <span>内联</span>
"""


def test_rendered_lines_and_source_line_ids() -> None:
    got = [(b.id, b.text) for b in md.read(SAMPLE.encode("utf-8"), source="s.md").blocks]
    assert got == [
        ("b1", "海珠区2022年政府工作报告"),
        ("b3", "各位代表：现在，我代表区人民政府，向大会报告政府工作，请予审议。Growth was strong."),
        ("b8", "一、2021年工作回顾"),
        ("b10", "经济发展稳中有进"),
        ("b11", "实现地区生产总值2405.16亿元"),
        ("b12", "同比增长9.3%"),
        ("b14", "1. 第一项"),
        ("b15", "2. 第二项 删除"),
        ("b17", "引用的话"),
        ("b20", "code line 1"),
        ("b21", "code line 2"),
        ("b24", "指标"),
        ("b25", "数值"),
        ("b26", "GDP"),
        ("b27", "2405.16亿元"),
        ("b28", "HTML 段落"),
        ("b31", "标题二"),
        ("b33", "行一"),
        ("b34", "行二 图 code 内联"),
    ]


def test_raw_document_shape() -> None:
    doc = md.read(SAMPLE.encode("gb18030"), source="s.md")
    assert doc.metadata.encoding == "gb18030"
    assert all(b.kind == "paragraph" and b.text == b.orig and b.lines == (int(b.id[1:]),) for b in doc.blocks)
    assert md.NAME == "md" and ".md" in md.SUFFIXES
    assert md.read(b"  \n\n", source="w.md").blocks == ()


def test_text_copy_as_markdown_cleans_like_the_text_copy(example_raw: str) -> None:
    heading = re.compile(r"^\s*[一二三四五六七八九十]+、")
    lines = [ln.strip() for ln in example_raw.splitlines() if ln.strip()]
    source = "\n\n".join(("## " + ln) if heading.match(ln) else ln for ln in lines)
    page = [(b.kind, b.full_text) for b in clean(md.read(source.encode("utf-8"), source="e.md")).blocks]
    copy = [(b.kind, b.full_text) for b in clean(txt.read(example_raw.encode("utf-8"), source="e.txt")).blocks]
    assert page == copy
