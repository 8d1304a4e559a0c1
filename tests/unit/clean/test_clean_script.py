"""clean.script: Traditional / Simplified / mixed detection with OpenCC."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from doctools.clean.script import clean_script, detect
from doctools.model import Document


@pytest.mark.parametrize(
    ("text", "script", "language"),
    [
        ("海珠區發布的報告，經濟穩定增長。", "Hant", "zh-Hant"),
        ("海珠区发布的报告，经济稳定增长。", "Hans", "zh-Hans"),
        ("海珠區發布的報告。海珠区发布的报告。经济稳定增长。", "mixed", "zh"),
        ("Hello world", "Latn", "und"),
        ("12345", "unknown", "und"),
        ("中国人民大会", "Hans", "zh-Hans"),
    ],
)
def test_detect(text: str, script: str, language: str) -> None:
    assert detect(text)[:2] == (script, language)


def test_step_sets_metadata_and_counts(make_doc: Callable[..., Document]) -> None:
    out = clean_script(make_doc("海珠區發布的報告"))
    assert (out.metadata.script, out.metadata.language) == ("Hant", "zh-Hant")
    assert int(out.metadata.extra["script.traditional"]) >= 3
    assert out.edits == ()
    assert clean_script(out) is out
