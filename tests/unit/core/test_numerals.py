"""The one home of Chinese numerals and full-width number forms, below every stage."""

from __future__ import annotations

import subprocess
import sys

import pytest

from doctools.numerals import cn_to_int, cn_value, fold


@pytest.mark.parametrize(("text", "value"), [
    ("十", 10), ("十五", 15), ("一百零五", 105), ("一万二千", 12000), ("一万二", 12000), ("三百五", 350),
    ("三亿五千万", 350_000_000), ("一万亿", 10**12), ("两千", 2000), ("十四五", None), ("两三", None),
    ("十十", None), ("万", None), ("二〇二二", None),
])
def test_values(text: str, value: int | None) -> None:
    assert cn_value(text) == value


def test_positional_digit_strings_and_labels() -> None:
    assert cn_value("二〇二二", positional=True) == 2022
    assert cn_to_int("十十") == 0 and cn_to_int("九") == 9


def test_fold_is_one_for_one() -> None:
    text = "增长３７．２％，＋５～－３"
    assert fold(text) == "增长37.2%，+5~-3"
    assert len(fold(text)) == len(text)


def test_the_cleaner_reads_numerals_without_importing_the_translator() -> None:
    code = ("import sys\nfrom doctools.clean import clean\nfrom doctools.readers import read_data\n"
            "clean(read_data('标题\\n一、回顾\\n（二）措施\\n正文。\\n'.encode(), 'x.txt'))\n"
            "print(sorted(m for m in sys.modules if m.startswith('doctools.translate')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"
