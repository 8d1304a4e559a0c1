"""Simplified input: mainland text passes through byte-identical; Simplified text that still
carries Taiwan vocabulary (converted by OpenCC t2s alone) gets the phrase layer only."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.cli import run
from doctools.convert import detect, phrase_table, to_simplified
from doctools.convert._opencc import convert as occ
from doctools.convert.detect import regional_vocabulary
from doctools.convert.quality import score
from doctools.model import Block, Document, Metadata, plain_text
from doctools.pipeline import load_clean

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "corpus"
POLICIES = ROOT / "tests" / "data" / "convert" / "policies"
MAINLAND = [*sorted(CORPUS.glob("*.zhs.txt")), ROOT / "tests" / "data" / "convert" / "haizhu-2022.zhs.txt",
            *sorted(POLICIES.glob("*.zhs.txt"))]


def _lines_doc(lines: list[str]) -> Document:
    blocks = tuple(Block(f"b{i}", "paragraph", s, lines=(i,)) for i, s in enumerate(lines, 1) if s)
    return Document(metadata=Metadata(title="", source_path="t.txt", script="Hans"), blocks=blocks)


@pytest.mark.parametrize("path", MAINLAND, ids=lambda p: p.name)
def test_mainland_documents_pass_through_byte_identical(path: Path) -> None:
    doc = load_clean(path)
    out = to_simplified(doc)
    assert out.blocks == doc.blocks and out.edits == doc.edits
    assert plain_text(out) == plain_text(doc)
    assert out.metadata.title == doc.metadata.title
    assert [n.message for n in out.notices[len(doc.notices):]] == ["input script is Hans: passed through unchanged"]


@pytest.mark.parametrize("path", MAINLAND, ids=lambda p: p.name)
def test_mainland_documents_show_no_regional_vocabulary(path: Path) -> None:
    script, variant, signals = detect(path.read_text(encoding="utf-8"))
    assert script == "Hans" and not regional_vocabulary(variant, signals)


def test_the_phrase_layer_alone_changes_no_mainland_original() -> None:
    """Detection keeps mainland text away from the phrase layer; the layer itself must not
    need that protection either: no shipped row (context rules, document rules) changes a
    word of any mainland original, so a mainland passage inside a converted document is safe."""
    table = phrase_table()
    changed = [(path.name, h.before, h.after, h.rule.ref) for path in MAINLAND
               for h in table.apply(path.read_text(encoding="utf-8"))[1]]
    assert changed == []


def test_t2s_only_example_gets_the_phrase_layer() -> None:
    """The example converted with t2s alone: Simplified characters, every Taiwan word left."""
    raw = (ROOT / "examples" / "haizhu-2022.raw.txt").read_text(encoding="utf-8").split("\n")
    ref = (ROOT / "tests" / "data" / "convert" / "haizhu-2022.zhs.txt").read_text(encoding="utf-8").split("\n")
    t2s = [occ("t2s", s) for s in raw]
    script, variant, signals = detect("\n".join(t2s))
    assert (script, variant) == ("Hans", "TW") and signals["TW"]["最佳化"] >= 14
    out = to_simplified(_lines_doc(t2s))
    text = plain_text(out)
    assert "最佳化" not in text and "套用" not in text
    assert not any(e.rule == "opencc:t2s" for e in out.edits)  # characters untouched
    assert sum(1 for e in out.edits if e.step == "convert.zh_hans") >= 60
    assert "phrase layer only" in out.notices[0].message
    hyp = {b.id: b.text for b in out.blocks}
    got = [hyp.get(f"b{i}", "") for i in range(1, len(ref) + 1)]
    assert score(got, ref).cer <= 0.0005  # as good as from the Traditional input


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.zhs.txt")), ids=lambda p: p.name)
def test_t2s_only_corpus_documents_lose_their_taiwan_words(path: Path) -> None:
    ref = path.read_text(encoding="utf-8").split("\n")
    t2s = [occ("t2s", occ("s2twp", s)) for s in ref]
    before = score(t2s, ref).errors
    out = to_simplified(_lines_doc(t2s))
    hyp = {b.id: b.text for b in out.blocks}
    after = score([hyp.get(f"b{i}", "") for i in range(1, len(ref) + 1)], ref)
    assert after.errors * 4 <= before and after.cer <= 0.002


def test_a_quoted_taiwan_name_changes_nothing() -> None:
    once = "两岸交流持续扩大，台北捷运与上海地铁开展合作。推动经济高质量发展，优化营商环境，支持企业创新。"
    doc = _lines_doc([once])
    out = to_simplified(doc)
    assert out.blocks == doc.blocks and "passed through unchanged" in out.notices[-1].message
    twice = "台北捷运代表团来访，考察上海地铁。台北捷运与上海地铁签署合作备忘录。"
    doc = _lines_doc([twice])
    out = to_simplified(doc)  # TW by its signals: the phrase layer runs, and its exceptions keep the name
    assert out.blocks == doc.blocks and not out.edits


def test_convert_command_on_t2s_only_text(tmp_path: Path) -> None:
    src = tmp_path / "t2s.txt"
    raw = (ROOT / "examples" / "haizhu-2022.raw.txt").read_text(encoding="utf-8")
    src.write_text(occ("t2s", raw), encoding="utf-8")
    out = tmp_path / "out.txt"
    assert run(["convert", str(src), "--to", "zh-Hans", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "最佳化" not in text and "优化" in text
