"""QA checks on crafted records; translation memory under parallel writers."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest

from doctools.translate.memory import MachineRow, Memory, cache_dir, key, normalise
from doctools.translate.qa import SegmentRecord, check_segment, loops, number_needles


def rec(src: str, tgt: str, cap: bool = False) -> SegmentRecord:
    return SegmentRecord("b1.s0", "b1", src, tgt, False, cap)


def checks(src: str, tgt: str, **kw) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.check for f in check_segment(rec(src, tgt, kw.pop("cap", False)), **kw)}


def test_good_translation_has_no_flags() -> None:
    assert checks("实现地区生产总值2405.16亿元，增长9.3%。",
                  "Gross regional product reached 240.516 billion yuan, up 9.3%.") == set()


@pytest.mark.parametrize(("src", "tgt", "check"), [
    ("坚持高质量发展。", "", "empty"),
    ("坚持高质量发展。", "坚持高质量发展。", "untranslated"),
    ("坚持高质量发展。", "Adhere to 高质量 development.", "han_left"),
    ("增长9.3%，新增574家。", "It grew 9.8%, adding 574 firms.", "number_missing"),
    ("坚持高质量发展。", "development development development development of the", "repetition"),
    ("坚持高质量发展和创新驱动。", "x", "length_ratio"),
])
def test_each_check_fires(src: str, tgt: str, check: str) -> None:
    assert check in checks(src, tgt)


def test_cap_terms_and_lost_placeholders() -> None:
    got = checks("海珠区坚持发展。", "The district develops.", cap=True,
                 terms=[("海珠区", "Haizhu District")], lost=["海珠区"])
    assert {"decoding_cap", "term_missing", "placeholder_lost"} <= got


def test_needles_and_loops() -> None:
    assert number_needles("2.55万人，第130届，超680亿元") == ["25,500", "130th", "68 billion"]
    assert loops("a b a b a b a b") == "a b"
    assert loops("片區片區片區片區") == "片區"
    assert loops("the plan of the year") is None


def test_memory_key_and_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert normalise("增长ZX1 。\u3000") == normalise("增长ZX1 。")
    assert key("m", "s", "a  b") == key("m", "s", "a b") != key("m2", "s", "a b")
    monkeypatch.setenv("DOCTOOLS_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    m = Memory()
    assert m.path.parent == tmp_path / "c"
    assert m.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    m.close()


def _writer(path: str, n: int, who: int) -> None:
    m = Memory(Path(path))
    for i in range(n):
        m.put_many([MachineRow(f"k{who}-{i}", "model", f"src{i}", f"tgt{i}", False)])
        m.get_many([f"k{1 - who}-{i}"])
    m.close()


def test_parallel_writers_do_not_collide(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite3"
    Memory(path).close()
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(path), 150, w)) for w in (0, 1)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    m = Memory(path)
    assert len(m) == 300
    assert m.get_many(["k0-7", "k1-149"]) == {"k0-7": ("tgt7", False), "k1-149": ("tgt149", False)}
    m.close()
