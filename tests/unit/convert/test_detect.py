"""Script and regional-vocabulary detection."""

from __future__ import annotations

from pathlib import Path

from doctools.convert import detect
from doctools.convert.detect import script_of, variant_of

ROOT = Path(__file__).resolve().parents[3]


def test_traditional_with_taiwan_vocabulary() -> None:
    script, variant, signals = detect("推動產業數位化，最佳化營商環境，發展人工智慧與網際網路。")
    assert (script, variant) == ("Hant", "TW")
    assert signals["TW"]["最佳化"] == 1


def test_simplified_mainland() -> None:
    script, variant, signals = detect("推动产业数字化，优化营商环境，发展人工智能和互联网。")
    assert (script, variant) == ("Hans", "CN")
    assert "TW" not in signals


def test_hong_kong_vocabulary() -> None:
    assert detect("立法會通過撥款，政府統計處公布數據，市民可乘的士或港鐵。")[1] == "HK"


def test_mixed_and_unknown() -> None:
    assert script_of(50, 40) == "mixed"
    assert script_of(0, 0) == "unknown"
    assert detect("hello world")[:2] == ("unknown", None)
    assert detect("這是繁體字，这是简体字，這裡還有繁體，这里还有简体")[0] == "mixed"


def test_variant_prefers_regional_words_over_remaining_mainland_ones() -> None:
    assert variant_of({"CN": {"项目": 9}, "TW": {"最佳化": 4}}) == "TW"
    assert variant_of({"CN": {"项目": 30}, "TW": {"最佳化": 2}}) == "CN"
    assert variant_of({}) is None


def test_example_is_traditional_with_taiwan_vocabulary() -> None:
    text = (ROOT / "examples" / "haizhu-2022.raw.txt").read_text(encoding="utf-8")
    script, variant, signals = detect(text)
    assert (script, variant) == ("Hant", "TW")
    assert signals["TW"]["最佳化"] >= 14
