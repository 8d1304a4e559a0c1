"""Memory matching: grading, bands, repair of numbers/dates/terms, the index against a full scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.translate.glossary import Glossary, Term, load_glossary
from doctools.translate.memory import MachineRow, Memory, Unit
from doctools.translate.tm_match import FuzzyIndex, Matcher, band, bigrams, index_for, similarity
from doctools.translate.tm_repair import MASK_NUMBER, MASK_TERM, masked, repair

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
GL = Glossary([Term("海珠区", "Haizhu District", "", "t:1"), Term("荔湾区", "Liwan District", "", "t:2")])


def test_similarity_and_bands() -> None:
    assert similarity("坚持高质量发展。", "坚持高质量发展。") == 100
    assert similarity("坚持高质量发展。", "坚持高质量发展，") == 87  # 1 of 8 characters differs, floored
    assert similarity("abcdefghij" * 2, "abcdefghij" * 2 + "x") == 95  # never rounded up to 100
    assert [band(s) for s in (100, 99, 95, 94, 85, 84, 75, 74)] == [
        "exact", "nearly exact", "nearly exact", "high", "high", "medium", "medium", "low"]
    assert bigrams("发展") == {"发展"} and bigrams("发") == {"发"} and bigrams("") == set()


def test_mask_numbers_and_terms() -> None:
    assert masked("海珠区增长6.9%，新增574家。", GL) == f"{MASK_TERM * 3}增长{MASK_NUMBER}，新增{MASK_NUMBER}。"


@pytest.mark.parametrize(("new", "old", "english", "want"), [
    ("增长6.7%，上涨2%。", "增长6.9%，上涨1.4%。", "grew by 6.9 percent, and rose by 1.4 percent.",
     "grew by 6.7 percent, and rose by 2 percent."),
    ("城镇新增就业1314万人。", "城镇新增就业1312万人。", "13.12 million new urban jobs were added.",
     "13.14 million new urban jobs were added."),
    # rounded in the English
    ("实现生产总值2500亿元。", "实现生产总值2405.16亿元。", "GDP reached 240.52 billion yuan.",
     "GDP reached 250 billion yuan."),
    ("新增企业12000家。", "新增企业8000家。", "8,000 new firms.", "12,000 new firms."),
    ("——2022年3月5日在第五次会议上", "——2021年3月5日在第四次会议上", "at the Fourth Session on March 5, 2021",
     "at the Fifth Session on March 5, 2022"),
    ("第十四个五年规划", "第十三个五年规划", "the 13th Five-Year Plan", "the 14th Five-Year Plan"),
    ("二、2022年工作任务", "二、2019年工作任务", "II. Tasks for 2019", "II. Tasks for 2022"),
    ("荔湾区经济增长。", "海珠区经济增长。", "Haizhu District's economy grew.", "Liwan District's economy grew."),
])
def test_repair_puts_the_new_values_in(new: str, old: str, english: str, want: str) -> None:
    r = repair(new, old, english, GL)
    assert r.target == want and r.complete and r.changed


@pytest.mark.parametrize(("new", "old", "english"), [
    # the qualifier differs: its English is not ours to change
    ("增长超过7%。", "增长7%左右。", "grew by about 7 percent."),
    # one old value, two new ones
    ("投资7%，消费8%。", "投资7%，消费7%。", "investment and consumption grew by 7 percent."),
    ("增长8%。", "增长7%。", "grew by seven percent."),  # not found in the English
    ("增长8%。", "增长7%。", "grew by 7 percent, 7 percent more."),  # said twice for once in the source
])
def test_repair_refuses_what_it_cannot_know(new: str, old: str, english: str) -> None:
    r = repair(new, old, english, GL)
    assert not r.complete and r.target == english


def test_repair_keeps_the_nearest_number() -> None:
    # 7 is within half a unit of 6.9 written "7", but "7 percent" belongs to the 7% of the source
    r = repair("增长6.5%，投资增长7%。", "增长6.9%，投资增长7%。", "grew by 6.9 percent, investment by 7 percent.", GL)
    assert r.target == "grew by 6.5 percent, investment by 7 percent." and r.complete


def test_repair_reports_numbers_without_a_counterpart() -> None:
    r = repair("增长6%，新增10家。", "增长5%。", "grew by 5 percent.", GL)
    assert r.target == "grew by 6 percent." and r.missing == ["10家"]


def memory_with(tmp_path: Path, *pairs: tuple[str, str]) -> Memory:
    m = Memory(tmp_path / "tm.db")
    m.add_units(Unit(s, t, "imported", changed="20200101T000000Z") for s, t in pairs)
    return m


def test_matcher_grades_exact_repaired_fuzzy_and_none(tmp_path: Path) -> None:
    with memory_with(tmp_path,
                     ("国内生产总值增长6.9%。", "GDP grew by 6.9 percent."),
                     ("坚持稳中求进工作总基调，全面深化改革开放。",
                      "We upheld the general principle of pursuing progress."),
                     ("我们要坚定信心。", "We must stay confident."),
                     ("国内生产总值增长6.9%左右。", "GDP grew by about 6.9 percent.")) as m:
        got = Matcher(m, GL).lookup(["国内生产总值增长6.9%。", "国内生产总值增长6.5%。",
                                     "坚持稳中求进工作总基调，全面深化改革。", "国内生产总值增长6.5%以上。",
                                     "完全不同的一句话。", " 国内生产总值增长 6.9% 。"])
    exact, repaired, fuzzy, unrepaired, none, spaced = got
    assert exact is not None and (exact.kind, exact.score, exact.label) == ("exact", 100, "TM exact")
    assert repaired is not None and (repaired.kind, repaired.score) == ("repaired", 100)
    assert repaired.target == "GDP grew by 6.5 percent." and repaired.label == "TM repaired"
    assert fuzzy is not None and fuzzy.kind == "fuzzy" and 85 <= fuzzy.score < 95 and fuzzy.band == "high"
    assert fuzzy.label == f"TM fuzzy {fuzzy.score}%"
    # 以上 vs 左右: the qualifier cannot be repaired, so the match is graded on the raw text
    assert unrepaired is not None and unrepaired.kind == "fuzzy" and unrepaired.refused
    assert unrepaired.score == similarity("国内生产总值增长6.5%以上。", "国内生产总值增长6.9%左右。")
    assert none is None
    assert spaced is not None and spaced.kind == "exact"


def test_machine_output_is_never_a_memory_match(tmp_path: Path) -> None:
    with Memory(tmp_path / "tm.db") as m:
        m.put_many([MachineRow("k", "model", "坚持高质量发展。", "ZX1", False, "Adhere to quality.")])
        m.add_units([Unit("坚持高质量发展，", "carried", "machine")])
        assert not m.has_translations()
        assert Matcher(m).lookup(["坚持高质量发展。"]) == [None]


def test_index_follows_the_memory(tmp_path: Path) -> None:
    with memory_with(tmp_path, ("坚持高质量发展。", "Pursue quality.")) as m:
        first = index_for(m, GL)
        assert index_for(m, GL) is first and len(first) == 1
        m.put_many([MachineRow("k", "model", "x", "y", False, "z")])  # the cache does not touch the index
        assert index_for(m, GL) is first
        m.add_units([Unit("推动高质量发展。", "Promote quality.")])
        assert len(index_for(m, GL)) == 2


def corpus_lines() -> list[str]:
    out: list[str] = []
    for p in sorted(CORPUS.glob("cn-gov-report-20*.zhs.txt")):
        out.extend(line for line in p.read_text(encoding="utf-8").split("\n") if line.strip())
    return out


def test_index_finds_what_a_full_scan_finds() -> None:
    """On the corpus (≈3,600 real segments): every query's best match by the index equals the
    best of a full scan, for queries that are near copies of memory entries."""
    gl = load_glossary()
    lines = corpus_lines()
    memory, queries = lines[::2], lines[1::2]
    idx = FuzzyIndex(enumerate(memory), gl)
    # near copies: a query made from an entry by changing one character in ten
    probes = [m[:3] + "新" + m[4:] if len(m) >= 10 else m + "了" for m in memory[::25]]
    checked = 0
    for q in [*probes, *queries[::15]]:
        qm = masked(q, gl)
        scan = idx.scan(qm)
        if not scan:
            assert all(similarity(qm, idx.masked[p]) < 75 for p in idx.candidates(qm))
            continue
        best = max(similarity(qm, idx.masked[p]) for p in scan)
        got = max((similarity(qm, idx.masked[p]) for p in idx.candidates(qm)), default=0)
        assert got == best, q
        checked += 1
    assert checked >= len(probes)
