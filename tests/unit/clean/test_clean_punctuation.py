"""clean.punctuation: half-width marks in Chinese text become full width; nothing else."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from doctools.clean.punctuation import clean_punctuation, fix
from doctools.model import Document


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("現在,我代表區人民政府", "現在，我代表區人民政府"),
        ("總體要求是:堅持", "總體要求是：堅持"),
        ("各位代表!這些成績", "各位代表！這些成績"),
        ("是否可行?我們認為", "是否可行？我們認為"),
        ("一是擴大內需;二是", "一是擴大內需；二是"),
        ("(一)聚焦創新", "（一）聚焦創新"),
        ("細顆粒物(PM2.5)濃度", "細顆粒物（PM2.5）濃度"),
        ("增長6%, 固定資產投資", "增長6%，固定資產投資"),
        ("現在 , 我代表", "現在，我代表"),
        ("各位代表:", "各位代表："),
        ("(1)糧食", "（1）糧食"),
    ],
)
def test_converted(text: str, want: str) -> None:
    assert fix(text)[0] == want


@pytest.mark.parametrize(
    "text",
    [
        "1,000億元",
        "上午10:30開幕",
        "增長8.1%",
        "PM2.5濃度",
        "“1+6+N”政策體系",
        "5G基站",
        "2022-01-05",
        "Hello, world! (see p. 3)",
        "見https://www.gov.cn/zhengce",
        "比例為1:2:3",
        "ratio 3:1 in 2021",
    ],
)
def test_unchanged(text: str) -> None:
    assert fix(text)[0] == text


def test_brackets_convert_as_a_pair() -> None:
    out, changes = fix("廣州塔(Canton Tower)景區")
    assert out == "廣州塔（Canton Tower）景區"
    assert [c[0] for c in changes] == [3, 16]


def test_edit_per_mark_with_offsets(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("甲,乙:丙")
    out = clean_punctuation(doc)
    assert out.blocks[0].text == "甲，乙：丙"
    assert [(e.offset, e.before, e.after, e.rule) for e in out.edits] == [
        (1, ",", "，", "punctuation.halfwidth"),
        (3, ":", "：", "punctuation.halfwidth"),
    ]
    assert clean_punctuation(out) is out


@pytest.mark.parametrize(
    "text",
    [
        "詳見http://www.gov.cn/a?b=1&c=(2)",
        "詳見http://www.gov.cn/a?b=1&c=(2)。",
        "網址:https://www.haizhu.gov.cn/gkmlpt/content/8/8123/post_8123456.html#1",
        "詳見www.gov.cn/zhengce/index.htm?x=1,2;y=(3)",
        "來信請寄zhengce(1)@gov.cn",
        "來信請寄xinfang_2022@haizhu.gov.cn",
        "檔案見D:\\資料\\報告(修訂稿),第2版.docx",
        "檔案存於/home/user/reports/2022(final).txt",
        "下載ftp://ftp.example.org/pub/a,b;c(d).zip",
    ],
)
def test_addresses_keep_their_marks(text: str) -> None:
    out = fix(text)[0]
    # the address itself is byte-for-byte unchanged; only marks outside it may change
    for address in ("http://www.gov.cn/a?b=1&c=(2)", "www.gov.cn/zhengce/index.htm?x=1,2;y=(3)",
                    "zhengce(1)@gov.cn", "D:\\資料\\報告(修訂稿),第2版.docx",
                    "/home/user/reports/2022(final).txt", "ftp://ftp.example.org/pub/a,b;c(d).zip"):
        if address in text:
            assert address in out, out


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # marks around an address are sentence punctuation and still convert
        ("網址:https://www.gov.cn/a?b=1,請查閱", "網址：https://www.gov.cn/a?b=1，請查閱"),
        ("(見http://www.gov.cn/a?b=(2))附件", "（見http://www.gov.cn/a?b=(2)）附件"),
        ("郵箱xf@gov.cn, 電話12345", "郵箱xf@gov.cn，電話12345"),
        ("詳見http://www.gov.cn/a(附件)", "詳見http://www.gov.cn/a（附件）"),
    ],
)
def test_marks_next_to_addresses_convert(text: str, want: str) -> None:
    assert fix(text)[0] == want


def test_url_fix_is_idempotent() -> None:
    once = fix("詳見http://www.gov.cn/a?b=1&c=(2),以及(一)項")[0]
    assert once == "詳見http://www.gov.cn/a?b=1&c=(2)，以及（一）項"
    assert fix(once)[0] == once
