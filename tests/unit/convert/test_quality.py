"""Quality gates on real documents: the example, mainland reports and policies (issue 3).

Each document is converted whole (its lines joined), as the document path converts it:
document rules (``discourse.tsv``) see the whole text; context never crosses a line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from doctools.convert import convert_text
from doctools.convert._opencc import convert as occ
from doctools.convert.quality import damaged, edit_distance, levenshtein, score
from doctools.tables import load_table

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data" / "convert"


def _pair(kind: str, inp: str, ref: str) -> tuple[list[str], list[str]]:
    ref_lines = (ROOT / ref).read_text(encoding="utf-8").split("\n")
    if kind == "raw-lines":
        return (ROOT / inp).read_text(encoding="utf-8").split("\n"), ref_lines
    return [occ("s2twp", line) for line in ref_lines], ref_lines


def _manifest(split: str) -> list[tuple[str, str, str, str]]:
    """Pairs of eval.tsv with this split; corpus documents not listed there are held out."""
    rows = load_table(DATA / "eval.tsv", min_cols=5).rows
    out = [(r.get(0), r.get(2), r.get(3), r.get(4)) for r in rows
           if r.get(1) == split and (ROOT / r.get(4)).exists()]
    if split == "heldout":
        listed = {r.get(0) for r in rows}
        for p in sorted((ROOT / "tests" / "data" / "corpus").glob("*.zhs.txt")):
            slug = p.name.removesuffix(".zhs.txt")
            if slug not in listed:
                out.append((slug, "s2twp", "", str(p.relative_to(ROOT))))
    return out


def _convert(lines: list[str]) -> list[str]:
    return convert_text("\n".join(lines))[0].split("\n")


def _run(inp: list[str], ref: list[str]) -> tuple[float, list[tuple[str, str, str]]]:
    hyp = _convert(inp)
    base = [occ("t2s", line) for line in inp]
    return score(hyp, ref).cer, damaged(base, hyp, ref)


def test_example_meets_target_with_no_damaged_word() -> None:
    cer, dmg = _run(*_pair("raw-lines", "examples/haizhu-2022.raw.txt", "tests/data/convert/haizhu-2022.zhs.txt"))
    assert cer <= 0.0005 and dmg == []


def test_example_baselines_are_worse() -> None:
    inp, ref = _pair("raw-lines", "examples/haizhu-2022.raw.txt", "tests/data/convert/haizhu-2022.zhs.txt")
    t2s = score([occ("t2s", s) for s in inp], ref).cer
    tw2sp = [occ("tw2sp", s) for s in inp]
    assert t2s > 0.005 and score(tw2sp, ref).cer > t2s
    assert len(damaged([occ("t2s", s) for s in inp], tw2sp, ref)) > 40


def test_held_out_documents_meet_the_cer_target() -> None:
    pairs = _manifest("heldout")
    assert pairs, "no held-out pair present"
    errors = chars = 0
    over: list[tuple[str, float]] = []
    for slug, kind, inp, ref in pairs:
        i, r = _pair(kind, inp, ref)
        s = score(_convert(i), r)
        errors, chars = errors + s.errors, chars + s.chars
        if s.cer > 0.002:
            over.append((slug, s.cer))
    assert errors / chars <= 0.002  # pooled over every held-out document
    assert over == []  # and on each one


def test_held_out_documents_have_no_damaged_word() -> None:
    for _slug, kind, inp, ref in _manifest("heldout"):
        assert _run(*_pair(kind, inp, ref))[1] == [], _slug


def test_absolute_zhiyuan_is_reported_not_changed() -> None:
    """cn-gov-report-2020's 予以支援 is a correct mainland word: left alone, reported for review."""
    text = "举全国之力予以支援，调派4万多名医务人员驰援。加大对民营企业的支援力度。"
    out, changes, review = convert_text(text)
    assert out == "举全国之力予以支援，调派4万多名医务人员驰援。加大对民营企业的支持力度。"
    assert [(h.before, h.after) for h in changes] == [("支援", "支持")]
    assert [(h.start, h.rule.review) for h in review] == [(7, True)]


def test_dev_documents() -> None:
    for slug, kind, inp, ref in _manifest("dev"):
        cer, dmg = _run(*_pair(kind, inp, ref))
        assert cer <= 0.002 and dmg == [], slug


@pytest.mark.parametrize("split", ["breadth", "breadth-heldout"])
def test_policies_of_every_kind_lose_no_word(split: str) -> None:
    """State Council policies of every kind (tests/data/convert/policies): no word damaged in
    any of them. Their pooled error rate is held at most at 0.3%, the level first measured
    (breadth 0.14%, breadth-heldout 0.23%; OpenCC t2s alone about 1%): what is left is
    mostly words left for review on purpose (支援 at the end of a clause, 档案 for 文件)."""
    pairs = _manifest(split)
    assert pairs
    errors = chars = 0
    for slug, kind, inp, ref in pairs:
        i, r = _pair(kind, inp, ref)
        hyp = _convert(i)
        s = score(hyp, r)
        errors, chars = errors + s.errors, chars + s.chars
        assert damaged([occ("t2s", line) for line in i], hyp, r) == [], slug
    assert errors / chars <= 0.003


def test_reference_is_current() -> None:
    proc = subprocess.run([sys.executable, str(DATA / "make_reference.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_measures() -> None:
    assert levenshtein("kitten", "sitting") == 3
    assert edit_distance("推动优化发展", "推动最佳化发展") == 2
    s = score(["优化营商环境"], ["优化营商环境"])
    assert s.errors == 0 and s.chars == 6
    assert score(["指针"], ["指标"]).cer == 0.5
    assert damaged(["经济指标"], ["经济指针"], ["经济指标"]) == [("标", "针", "经济指标")]
    assert damaged(["最佳化"], ["优化"], ["优化"]) == []
    with pytest.raises(ValueError):
        score(["a"], ["a", "b"])
