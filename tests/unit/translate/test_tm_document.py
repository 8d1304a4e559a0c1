"""The English edition from memory: without a model, with one, Traditional input, thresholds, QA."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.cli import run
from doctools.model import Block, Document, Metadata
from doctools.translate import translate_document
from doctools.translate.memory import Memory, Unit
from doctools.translate.qa import ORIGINS

MEMORY = [
    ("现在，我代表区人民政府向大会报告政府工作。", "On behalf of the district government, I now report on its work."),
    ("实现地区生产总值2000亿元，增长8%！", "Gross regional product reached 200 billion yuan, up 8 percent!"),
    ("经济发展稳中有进。", "The economy made steady progress."),
    ("新增“四上”企业500家。", "Many new enterprises above designated size were added."),
    ("2020年工作回顾", "Review of our work in 2020"),
]


@pytest.fixture
def mem(tmp_path: Path):  # type: ignore[no-untyped-def]
    m = Memory(tmp_path / "tm.sqlite3")
    m.add_units(Unit(s, t, "imported", changed="20210101T000000Z") for s, t in MEMORY)
    yield m
    m.close()


def by_id(qa):  # type: ignore[no-untyped-def]
    return {r.id: r for r in qa.segments}


def test_without_a_model_memory_matches_are_english_and_the_rest_marked(mem: Memory, doc: Document) -> None:
    en, qa = translate_document(doc, translator=None, memory=mem)
    blocks = {b.id: b for b in en.blocks}
    assert [b.id for b in en.blocks] == [b.id for b in doc.blocks]
    assert blocks["b4"].text == ("On behalf of the district government, I now report on its work. "
                                 "[Untranslated: 请予审议。]")
    # 2000亿元 → 2405.16亿元 and 8% → 9.3%, in the memory's own wording
    assert "Gross regional product reached 240.516 billion yuan, up 9.3 percent!" in blocks["b6"].text
    assert blocks["b6"].text.startswith("The economy made steady progress. ")
    assert blocks["b6"].lead == "The economy made steady progress."
    assert blocks["b5"].text == "Review of our work in 2021" and blocks["b5"].label == "I. "
    assert blocks["b1"].text == "[Untranslated: 海珠区2022年政府工作报告]" == en.metadata.title
    assert blocks["b8"].text.startswith("[Untranslated: 第1项任务") and blocks["b8"].text.count("[Untranslated") == 1
    recs = by_id(qa)
    assert recs["b4.s0"].origin == "tm-exact" and recs["b4.s0"].origin_label == "TM exact"
    assert recs["b6.s1"].origin == "tm-repaired" and recs["b6.s1"].match == 100
    assert recs["b6.s1"].repairs == ("200 billion yuan → 240.516 billion yuan", "8% → 9.3%")
    assert recs["b4.s1"].origin == "untranslated" and recs["b4.s1"].target == ""
    assert set(qa.origins) == set(ORIGINS) and sum(qa.origins.values()) == len(qa.segments)
    assert qa.origins["tm-exact"] == 2 and qa.origins["tm-repaired"] == 2 and qa.origins["machine"] == 0
    assert qa.untranslated == qa.origins["untranslated"] > 0 and qa.memory_hits == 4 + qa.origins["tm-fuzzy"]
    assert en.metadata.extra["translation.model"] == "none"
    assert en.metadata.extra["translation.origin.untranslated"] == str(qa.untranslated)
    d = qa.to_dict()
    assert d["origins"] == qa.origins and {"id": "b6.s1", "origin": "tm-repaired", "label": "TM repaired", "match": 100,
                                           "repairs": ["200 billion yuan → 240.516 billion yuan", "8% → 9.3%"]} \
        in d["segment_origins"]
    assert "2 TM exact, 2 TM repaired" in qa.to_markdown() and "no model" in qa.to_markdown()


def test_an_unrepairable_match_is_flagged(mem: Memory, doc: Document) -> None:
    """新增“四上”企业574家 against 500家, whose English has no number: used at a lower threshold,
    it is flagged (the number is missing), never silently wrong."""
    _, strict = translate_document(doc, translator=None, memory=mem)
    assert by_id(strict)["b6.s2"].origin == "untranslated"  # graded on the raw text: below 85
    _, loose = translate_document(doc, translator=None, memory=mem, tm_min=60)
    rec = by_id(loose)["b6.s2"]
    assert rec.origin == "tm-fuzzy" and rec.target == "Many new enterprises above designated size were added."
    checks = {f.check for f in loose.flags if f.segment_id == "b6.s2"}
    assert {"number_missing", "tm_unrepaired", "tm_fuzzy"} <= checks


def test_threshold_decides_fuzzy_matches(tmp_path: Path) -> None:
    with Memory(tmp_path / "m.db") as m:
        m.add_units([Unit("坚持稳中求进工作总基调，全面深化改革开放。", "Pursue progress; deepen reform, open up.")])
        block = Block("p1", "paragraph", "坚持稳中求进工作总基调，全面深化改革。")
        doc = Document(Metadata(title="", script="Hans"), (block,))
        _, qa85 = translate_document(doc, translator=None, memory=m)
        _, qa95 = translate_document(doc, translator=None, memory=m, tm_min=95)
    (r85,), (r95,) = qa85.segments, qa95.segments
    assert r85.origin == "tm-fuzzy" and 85 <= (r85.match or 0) < 95 and r85.origin_label == f"TM fuzzy {r85.match}%"
    assert r95.origin == "untranslated"


def test_traditional_documents_are_looked_up_in_simplified(mem: Memory) -> None:
    doc = Document(Metadata(title="", script="Hant"), (Block("p1", "paragraph", "經濟發展穩中有進。"),))
    en, qa = translate_document(doc, translator=None, memory=mem)
    assert en.blocks[0].text == "The economy made steady progress." and qa.origins["tm-exact"] == 1


def test_no_memory_no_model_marks_everything(doc: Document) -> None:
    en, qa = translate_document(doc, translator=None, memory=False)
    assert qa.untranslated == len(qa.segments) and not qa.flags
    assert all(b.text.startswith("[Untranslated: ") for b in en.blocks if b.text)


def test_memory_first_then_the_model(translator, mem: Memory, doc: Document) -> None:  # type: ignore[no-untyped-def]
    en, qa = translate_document(doc, translator=translator, memory=mem)
    recs = by_id(qa)
    assert recs["b4.s0"].origin == "tm-exact" and recs["b4.s1"].origin == "machine"
    assert recs["b4.s0"].target == MEMORY[0][1]
    assert qa.origins["untranslated"] == 0 and qa.origins["machine"] == len(qa.segments) - qa.memory_hits
    assert qa.model_id == translator.model_id and qa.out_tokens > 0
    assert en.blocks[2].text.startswith(MEMORY[0][1] + " ")
    _, again = translate_document(doc, translator=translator, memory=mem)
    assert again.cache_hits == again.origins["machine"] and again.out_tokens == 0
    _, fresh = translate_document(doc, translator=translator, memory=mem, cache=False)
    assert fresh.cache_hits == 0 and fresh.origins == qa.origins  # the memory is still used


TEXT = "各位代表：\n  现在，我代表区人民政府向大会报告政府工作。请予审议。\n"


def test_translate_command_without_a_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    monkeypatch.setenv("DOCTOOLS_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "r.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert run(["translate", str(src), "--format", "txt"]) == 1  # nothing in memory: the install command
    assert "doctools models install" in capsys.readouterr().err
    with Memory() as m:
        m.add_units([Unit(MEMORY[0][0], MEMORY[0][1])])
    out = tmp_path / "r.en.txt"
    assert run(["translate", str(src), "-o", str(out), "--tm-min", "90"]) == 1  # partial: some untranslated
    text = out.read_text(encoding="utf-8")
    assert MEMORY[0][1] in text and "[Untranslated: 请予审议。]" in text
    err = capsys.readouterr().err
    assert "no translation model installed" in err and "1 TM exact" in err


DATA = Path(__file__).resolve().parents[2] / "data"


def test_held_out_report_from_a_memory_of_other_years(tmp_path: Path) -> None:
    """2022's report, no model, a memory of 2016/2019/2020/2021 (official English): memory
    matches are that English (numbers repaired), everything else is marked, nothing is lost."""
    from sacrebleu.metrics import CHRF

    from doctools.pipeline import load_clean
    from doctools.translate.memory import normalise_source
    from doctools.translate.tmx import read_tmx
    from doctools.writers.text import RENDERERS

    with Memory(tmp_path / "tm.db") as m:
        for year in (2016, 2019, 2020, 2021):
            m.add_units(read_tmx(DATA / "tm" / f"GR{year}.tmx"))
        held = {normalise_source(u.source): u.target for u in m.units()}
        doc = load_clean(DATA / "corpus" / "cn-gov-report-2022.zhs.txt")
        en, qa = translate_document(doc, translator=None, memory=m)
    official = {normalise_source(u.source): u.target for u in read_tmx(DATA / "tm" / "GR2022.tmx")}
    recs = qa.segments
    assert sum(qa.origins.values()) == len(recs) and qa.origins["machine"] == 0
    assert qa.memory_hits >= 0.1 * len(recs) and qa.origins["tm-repaired"] >= 5
    labelled = {b.id for b in doc.blocks if b.label}
    exact = [r for r in recs if r.origin == "tm-exact"]
    for r in exact:
        mem_en = held[normalise_source(r.source)] if r.block_id not in labelled else r.target
        assert r.target == mem_en
    flagged = {f.segment_id for f in qa.flags if f.check == "number_missing"}
    for r in (r for r in recs if r.origin == "tm-repaired"):
        assert r.repairs and r.id not in flagged
        for change in r.repairs:
            new = change.split(" → ")[1]
            assert new.split()[0].rstrip("%").lower() in r.target.lower()  # the new figure is in the English
    # the memory's English of other years against this year's official English
    pairs = [(r.target, official[normalise_source(r.source)]) for r in exact if normalise_source(r.source) in official]
    assert len(pairs) >= 40
    assert CHRF().corpus_score([h for h, _ in pairs], [[o for _, o in pairs]]).score > 75
    text = RENDERERS[".txt"](en)
    for r in recs:
        if r.origin == "untranslated":
            assert r.source.strip() in text
    assert text.count("[Untranslated: ") <= qa.untranslated
    blocks = {b.id: b for b in en.blocks}
    assert blocks["b1"].text == "REPORT ON THE WORK OF THE GOVERNMENT"
    assert "March 5, 2022" in blocks["b2"].text and "Fifth Session" in blocks["b2"].text  # repaired from 2021
