"""``doctools convert`` end to end: formats, report, --terms, doctools.toml, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from doctools.cli import run

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"


@pytest.fixture(scope="module")
def example_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("cvt") / "out.json"
    assert run(["convert", str(EXAMPLE), "--to", "zh-Hans", "-o", str(out)]) == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_json_edition_of_the_example(example_json: dict[str, Any]) -> None:
    meta = example_json["metadata"]
    assert (meta["edition"], meta["language"], meta["script"]) == ("zh-Hans", "zh-Hans", "Hans")
    assert meta["derived_from"] and meta["extra"]["convert.source_variant"] == "TW"
    phrase = [e for e in example_json["edits"] if e["step"] == "convert.zh_hans" and e["rule"] != "opencc:t2s"]
    assert len(phrase) == 66
    text = "".join(b["text"] for b in example_json["blocks"])
    for wrong in ("最佳化", "网际网路", "套用", "捷运", "人工智慧", "带著", "民众办实事"):
        assert wrong not in text
    for kept in ("经济指标", "核心", "新增", "智慧城市", "最佳范例奖", "档案"):
        assert kept in text


def test_txt_and_md_outputs(tmp_path: Path) -> None:
    for suffix in (".txt", ".md"):
        out = tmp_path / f"out{suffix}"
        assert run(["convert", str(EXAMPLE), "-o", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert "海珠区2022年政府工作报告" in text and "优化" in text


def test_stdout_without_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["convert", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.startswith("海珠区2022年政府工作报告")


def test_markdown_report_lists_every_change_in_context(tmp_path: Path) -> None:
    rep = tmp_path / "review.md"
    assert run(["convert", str(EXAMPLE), "-o", str(tmp_path / "o.txt"), "--report", str(rep)]) == 0
    md = rep.read_text(encoding="utf-8")
    assert "phrase-level changes: **66**" in md
    assert md.count("~~") == 2 * 66
    assert "~~最佳化~~**优化**" in md and "### `convert/tw_cn_vocabulary.tsv:" in md
    assert "## Ambiguous spots left unchanged" in md and "**民众**生活质量" in md


def test_html_report(tmp_path: Path) -> None:
    rep = tmp_path / "review.html"
    assert run(["convert", str(EXAMPLE), "-o", str(tmp_path / "o.json"), "--report", str(rep)]) == 0
    html = rep.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<del>") == 66
    assert "<del>捷运</del><ins>地铁</ins>" in html and "<mark>民众</mark>" in html


def test_terms_option_overrides(tmp_path: Path) -> None:
    terms = tmp_path / "terms.tsv"
    terms.write_text("# Purpose: local choices\n最佳化\t最优化\n", encoding="utf-8")
    out = tmp_path / "o.txt"
    assert run(["convert", str(EXAMPLE), "-o", str(out), "--terms", str(terms)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "最优化" in text and "面貌不断优化" not in text


def test_config_file_names_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.tsv").write_text("捷运\t轨道交通\n", encoding="utf-8")
    (tmp_path / "doctools.toml").write_text('[convert]\nterms = ["mine.tsv"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["convert", str(EXAMPLE), "-o", "o.txt"]) == 0
    assert "轨道交通18号线" in (tmp_path / "o.txt").read_text(encoding="utf-8")


def test_traditional_edition_from_simplified(tmp_path: Path) -> None:
    src = tmp_path / "s.txt"
    src.write_text("政府工作报告\n\n各位代表：\n我们发展人工智能和互联网，优化营商环境。\n", encoding="utf-8")
    out = tmp_path / "tw.json"
    assert run(["convert", str(src), "--to", "zh-Hant-TW", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["metadata"]["edition"] == "zh-Hant-TW"
    assert "網際網路" in "".join(b["text"] for b in data["blocks"])
    assert any(e["rule"] == "opencc:s2twp" for e in data["edits"])


@pytest.mark.parametrize(("target", "suffix"), [("zh-Hant-TW", ".md"), ("zh-Hant-HK", ".html")])
def test_traditional_edition_report_lists_its_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, suffix: str
) -> None:
    """The TW/HK editions are audited like zh-Hans: the report lists every change it counts."""
    src = ROOT / "tests" / "data" / "convert" / "haizhu-2022.zhs.txt"
    rep = tmp_path / f"review{suffix}"
    assert run(["convert", str(src), "--to", target, "-o", str(tmp_path / "o.json"), "--report", str(rep)]) == 0
    counted = int(re.search(r": (\d+) phrase changes", capsys.readouterr().err).group(1))  # type: ignore[union-attr]
    text = rep.read_text(encoding="utf-8")
    assert counted > 50
    if suffix == ".md":
        assert f"phrase-level changes: **{counted}** by 1 rule," in text
        assert text.count("~~") == 2 * counted
        assert "### `opencc:s2twp` 互聯網 → 網際網路 (5)" in text and "產業~~互聯網~~**網際網路**" in text
    else:
        assert f"phrase-level changes: <b>{counted}</b>" in text and text.count("<del>") == counted


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


def test_missing_input_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.txt")]) == 1
    assert _one_line_error(capsys).startswith("doctools: error:")
    assert not (tmp_path / "o.txt").exists()


def test_binary_input_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 20)
    assert run(["convert", str(bad)]) == 1
    assert _one_line_error(capsys).startswith("doctools: error:")


def test_bad_terms_and_formats_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["convert", str(EXAMPLE), "--terms", str(tmp_path / "missing.tsv")]) == 2
    assert "table not found" in _one_line_error(capsys)
    assert run(["convert", str(EXAMPLE), "-o", str(tmp_path / "o.xyz")]) == 2
    assert "unknown output format" in _one_line_error(capsys)
    assert run(["convert", str(EXAMPLE), "--report", str(tmp_path / "r.pdf")]) == 2
    assert "unknown report format" in _one_line_error(capsys)
    assert run(["convert", str(EXAMPLE), "--to", "zh-Latn"]) == 2


def test_bad_config_file_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "doctools.toml").write_text("[convert\nterms = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["convert", str(EXAMPLE)]) == 2
    assert "doctools.toml" in _one_line_error(capsys)
