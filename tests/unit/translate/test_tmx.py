"""TMX import/export: loose languages, inline codes, Traditional sources, dates, errors, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.cli import run
from doctools.errors import InputError
from doctools.translate.memory import MachineRow, Memory, Unit
from doctools.translate.tmx import TmxReader, is_traditional, lang_score, read_tmx, tmx_date, write_tmx

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n'
        '<header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
        'adminlang="en" srclang="zh-CN" o-tmf="t"/>\n<body>\n')
TAIL = "</body>\n</tmx>\n"


def tu(zh: str, en: str, zh_lang: str = "zh-CN", en_lang: str = "en-US", attrs: str = "", inner: str = "") -> str:
    return (f"<tu{attrs}>{inner}<tuv xml:lang=\"{zh_lang}\"><seg>{zh}</seg></tuv>"
            f"<tuv xml:lang=\"{en_lang}\"><seg>{en}</seg></tuv></tu>\n")


def tmx(tmp_path: Path, *tus: str, name: str = "m.tmx") -> Path:
    p = tmp_path / name
    p.write_text(HEAD + "".join(tus) + TAIL, encoding="utf-8")
    return p


@pytest.mark.parametrize("tag", ["zh", "zh-CN", "zh-Hans", "ZH-CN", "zh_CN", "zh-cn", "zh-Hans-CN", "zh-TW"])
def test_chinese_tags_match_loosely(tag: str) -> None:
    assert lang_score(tag, "zh-CN") > 0
    assert lang_score(tag, "en") == 0


def test_language_preference_and_script() -> None:
    assert lang_score("zh-CN", "zh-CN") > lang_score("zh-Hans", "zh-CN") > lang_score("zh-TW", "zh-CN")
    assert lang_score("en-US", "en") > 0 and lang_score("EN_gb", "en") > 0 and lang_score("fr", "en") == 0
    assert is_traditional("zh-Hant") and is_traditional("zh_TW") and is_traditional("ZH-HK")
    assert not is_traditional("zh-CN") and not is_traditional("zh")


def test_dates_are_normalised() -> None:
    assert tmx_date("20200105T101112Z") == "20200105T101112Z"
    assert tmx_date("2020-01-05T10:11:12Z") == "20200105T101112Z"
    assert tmx_date("2020-01-05") == "20200105T000000Z"
    assert tmx_date("") == "" and tmx_date(None) == "" and tmx_date("05") == ""


def test_inline_codes_are_stripped_and_highlighted_text_kept(tmp_path: Path) -> None:
    p = tmx(tmp_path, tu('经济<bpt i="1">&lt;b&gt;</bpt>增长<ept i="1">&lt;/b&gt;</ept><ph>&lt;br/&gt;</ph>6%。',
                         'The <it pos="begin">&lt;i&gt;</it>economy <hi type="b">grew <hi>by</hi></hi> 6%.'
                         '<ut>{\\b}</ut>'))
    (u,) = read_tmx(p)
    assert u.source == "经济增长6%。"
    assert u.target == "The economy grew by 6%."


def test_languages_sides_and_skips(tmp_path: Path) -> None:
    p = tmx(tmp_path,
            tu("发展经济。", "Develop.", zh_lang="ZH_cn", en_lang="EN"),
            "<tu><tuv lang=\"zh\"><seg>旧格式。</seg></tuv><tuv lang=\"en-GB\"><seg>Old style.</seg></tuv></tu>\n",
            "<tu><tuv xml:lang=\"zh-CN\"><seg>只有中文。</seg></tuv>"
            "<tuv xml:lang=\"fr\"><seg>Français.</seg></tuv></tu>\n",
            tu("", "Empty source."),
            # the English side is listed first: sides are found by language, not by position
            "<tu><tuv xml:lang=\"en\"><seg>First English.</seg></tuv>"
            "<tuv xml:lang=\"zh\"><seg>后中文。</seg></tuv></tu>\n")
    r = TmxReader(p)
    units = list(r)
    assert [(u.source, u.target) for u in units] == [("发展经济。", "Develop."), ("旧格式。", "Old style."),
                                                   ("后中文。", "First English.")]
    assert (r.count.units, r.count.skipped) == (3, 2)
    assert units[0].target_lang == "EN"


def test_traditional_sources_become_simplified_keys(tmp_path: Path) -> None:
    p = tmx(tmp_path,
            tu("經濟發展穩中有進。", "Steady progress.", zh_lang="zh-TW"),
            tu("網際網路產業最佳化升級。", "The internet industry was upgraded.", zh_lang="zh-CN"),  # mislabelled
            tu("乾隆年间。", "In the Qianlong reign.", zh_lang="zh-CN"))  # Simplified text with one 乾: unchanged
    r = TmxReader(p)
    assert [u.source for u in r] == ["经济发展稳中有进。", "互联网产业优化升级。", "乾隆年间。"]
    assert r.count.converted == 2


def test_source_language_option_picks_the_tuv(tmp_path: Path) -> None:
    both = ("<tu><tuv xml:lang=\"zh-TW\"><seg>軟體。</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>软件。</seg></tuv>"
            "<tuv xml:lang=\"en\"><seg>Software.</seg></tuv></tu>\n")
    p = tmx(tmp_path, both)
    assert [u.source for u in TmxReader(p, source="zh-CN")] == ["软件。"]
    tw = TmxReader(p, source="zh-TW")
    assert [u.source for u in tw] == ["软件。"] and tw.count.converted == 1  # the zh-TW side, converted


@pytest.mark.parametrize(("body", "line", "words"), [
    ("<tu><tuv xml:lang=\"zh\"><seg>a</tuv></tu>\n", 6, "mismatch"),
    ("<tu><tuv xml:lang=\"zh\"><seg>R&D & more</seg></tuv></tu>\n", 6, "Entity"),
    ("<tu>\n<tuv xml:lang=\"zh\"></tuv></tu>\n", 7, "without <seg>"),
])
def test_malformed_tmx_names_the_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    p = tmp_path / "bad.tmx"
    p.write_text(HEAD + body + TAIL, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_tmx(p)
    msg = str(exc.value)
    assert msg.startswith(f"{p}:{line}: malformed TMX") and words in msg and "\n" not in msg


def test_not_tmx_and_missing(tmp_path: Path) -> None:
    p = tmp_path / "x.xml"
    p.write_text('<?xml version="1.0"?>\n<html><body/></html>\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"x.xml:2: not a TMX file"):
        read_tmx(p)
    with pytest.raises(InputError, match="no such file"):
        read_tmx(tmp_path / "nope.tmx")
    empty = tmp_path / "e.tmx"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"e\.tmx:1: malformed TMX"):
        read_tmx(empty)


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    p = tmp_path / "xxe.tmx"
    p.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file://{secret}">]>\n'
                 '<tmx version="1.4"><header/><body>'
                 '<tu><tuv xml:lang="zh"><seg>机密&x;。</seg></tuv><tuv xml:lang="en"><seg>Secret &x;.</seg></tuv></tu>'
                 '</body></tmx>\n', encoding="utf-8")
    units = read_tmx(p)
    assert all("TOPSECRET" not in u.target and "TOPSECRET" not in u.source for u in units)


def test_duplicates_newest_wins(tmp_path: Path) -> None:
    p = tmx(tmp_path,
            tu("增长6%。", "New.", attrs=' changedate="20210101T000000Z"'),
            tu("增长6%。", "Old.", attrs=' changedate="20190101T000000Z"'),
            tu("增长6%。", "Created later but changed earlier.", attrs=' creationdate="20200101T000000Z"'),
            tu("坚持。", "First.", attrs=' creationdate="20200101T000000Z"'),
            tu("坚持。", "Same date, later in file.", attrs=' creationdate="20200101T000000Z"'))
    with Memory(tmp_path / "m.db") as m:
        done = m.add_units(TmxReader(p))
        assert (done.added, done.kept) == (2, 3)
        assert {u.source: u.target for u in m.units()} == {"增长6%。": "New.", "坚持。": "Same date, later in file."}
        older = tmx(tmp_path, tu("增长6%。", "Older still.", attrs=' changedate="20000101T000000Z"'), name="o.tmx")
        assert m.add_units(TmxReader(older)).kept == 1
        newer = tmx(tmp_path, tu("增长 6%。", "Newest.", attrs=' changedate="20220101T000000Z"'), name="n.tmx")
        assert m.add_units(TmxReader(newer)).replaced == 1  # same source after normalisation
        assert {u.source: u.target for u in m.units()}["增长 6%。"] == "Newest."


def test_a_human_translation_beats_a_carried_machine_one(tmp_path: Path) -> None:
    with Memory(tmp_path / "m.db") as m:
        m.add_units([Unit("坚持。", "Human.", "imported", changed="20200101T000000Z")])
        assert m.add_units([Unit("坚持。", "Machine.", "machine", changed="20240101T000000Z")]).kept == 1
        assert [u.target for u in m.units()] == ["Human."]


ROUND = [
    tu("现在，我代表国务院，向大会报告政府工作。", "On behalf of the State Council, I will now report.",
       attrs=' tuid="1" creationdate="20160305T000000Z" creationid="aligner" changedate="20160306T000000Z" '
             'changeid="editor" usagecount="3"',
       inner='<note>checked &amp; approved</note><prop type="x-doctools-origin">reviewed</prop>'
             '<prop type="client">State Council</prop><prop type="x-doctools-model">none</prop>'),
    tu("國內生產總值增長6.9%。", "GDP grew by 6.9 percent.", zh_lang="zh-Hant"),
    tu("&lt;b&gt;与&amp;“引号”", "&lt;b&gt; &amp; “quotes” ' \"", en_lang="en-GB"),
]


def test_round_trip_import_export_import_loses_nothing(tmp_path: Path) -> None:
    src = tmx(tmp_path, *ROUND)
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert run(["tm", "import", str(src), "--memory", str(first)]) == 0
    with Memory(first) as m:  # the model's cache is exported too, as origin machine
        m.put_many([MachineRow("k1", "zh_en-1.9", "坚持高质量发展。", "Pursue ZX1.", False, "Pursue quality.")])
        held = sorted(m.units(), key=lambda u: u.source)
    out1, out2 = tmp_path / "out1.tmx", tmp_path / "out2.tmx"
    assert run(["tm", "export", "-o", str(out1), "--memory", str(first)]) == 0
    assert run(["tm", "import", str(out1), "--memory", str(second)]) == 0
    with Memory(second) as m:
        again = sorted(m.units(), key=lambda u: u.source)
    machine = next(u for u in held if u.origin == "machine")
    assert (machine.target, machine.model) == ("Pursue quality.", "zh_en-1.9")
    fields = [(u.source, u.target, u.origin, u.changed, u.created, u.creator, u.changer, u.model, u.target_lang,
               sorted(u.extra)) for u in held]
    assert fields == [(u.source, u.target, u.origin, u.changed, u.created, u.creator, u.changer, u.model,
                       u.target_lang, sorted(u.extra)) for u in again]
    first_unit = next(u for u in again if u.source.startswith("现在"))
    assert first_unit.origin == "reviewed" and first_unit.creator == "aligner" and first_unit.changer == "editor"
    assert ("note", "", "checked & approved") in first_unit.extra and ("attr", "usagecount", "3") in first_unit.extra
    assert any(u.source == "国内生产总值增长6.9%。" for u in again)
    assert run(["tm", "export", "-o", str(out2), "--memory", str(second)]) == 0
    assert [(u.source, u.target) for u in read_tmx(out1)] == [(u.source, u.target) for u in read_tmx(out2)]


def test_export_filters_origins_and_writes_valid_tmx(tmp_path: Path) -> None:
    from lxml import etree

    db = tmp_path / "m.db"
    with Memory(db) as m:
        m.add_units([Unit("一。", "One.", "imported"), Unit("二。", "Two.", "reviewed")])
        m.put_many([MachineRow("k", "model", "三。", "ZX1.", False, "Three.")])
    out = tmp_path / "r.tmx"
    assert run(["tm", "export", "-o", str(out), "--origin", "reviewed,machine", "--memory", str(db)]) == 0
    root = etree.parse(str(out)).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None and header.get("srclang") == "zh-CN" and header.get("creationtool") == "doctools"
    origins = [p.text for p in root.iter("prop") if p.get("type") == "x-doctools-origin"]
    assert sorted(origins) == ["machine", "reviewed"]
    assert run(["tm", "export", "-o", str(out), "--origin", "bogus", "--memory", str(db)]) == 2


def test_cli_import_errors_are_one_line_and_store_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmx(tmp_path, tu("一。", "One."), name="good.tmx")
    bad = tmp_path / "bad.tmx"
    bad.write_text(HEAD + tu("二。", "Two.") + "<tu><tuv xml:lang=\"zh\"><seg>三</tuv></tu>\n" + TAIL, encoding="utf-8")
    db = tmp_path / "m.db"
    assert run(["tm", "import", str(good), str(bad), "--memory", str(db)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"{bad}:7: malformed TMX" in err
    with Memory(db) as m:
        assert len(m) == 0  # checked before anything was stored
    nopair = tmx(tmp_path, tu("一。", "Un.", en_lang="fr"), name="fr.tmx")
    assert run(["tm", "import", str(nopair), "--memory", str(db)]) == 2


def test_cli_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    db = tmp_path / "m.db"
    src = tmx(tmp_path, *ROUND)
    assert run(["tm", "import", str(src), "--memory", str(db)]) == 0
    capsys.readouterr()
    assert run(["tm", "stats", "--memory", str(db)]) == 0
    out = capsys.readouterr().out
    assert "units: 3 (imported 2, reviewed 1, machine 0)" in out and "20160306T000000Z" in out
    assert run(["tm", "stats", "--json", "--memory", str(db)]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["origins"] == {"imported": 2, "reviewed": 1, "machine": 0} and st["source_chars"] > 20


def test_large_tmx_streams(tmp_path: Path) -> None:
    n = 20_000
    p = tmp_path / "big.tmx"
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(HEAD)
        for i in range(n):
            fh.write(tu(f"第{i}句话的内容。", f"Sentence {i}."))
        fh.write(TAIL)
    r = TmxReader(p)
    with Memory(tmp_path / "m.db") as m:
        done = m.add_units(r)
        assert done.added == n and len(m) == n
    out = tmp_path / "o.tmx"
    with Memory(tmp_path / "m.db") as m:
        assert write_tmx(out, m.units()) == n
    assert sum(1 for _ in TmxReader(out)) == n


def _import_worker(db: str, tmx_path: str) -> None:
    with Memory(Path(db)) as m:
        m.add_units(TmxReader(tmx_path))


def _cache_worker(db: str, n: int) -> None:
    with Memory(Path(db)) as m:
        for i in range(n):
            m.put_many([MachineRow(f"k{i}", "model", f"源{i}", f"raw{i}", False, f"en{i}")])
            m.get_many([f"k{i}"])


def test_import_while_workers_write_the_cache(tmp_path: Path) -> None:
    """An import (batches of short transactions) and an export worker's cache writes share the file."""
    import multiprocessing as mp

    p = tmp_path / "big.tmx"
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(HEAD + "".join(tu(f"第{i}条。", f"Item {i}.") for i in range(3000)) + TAIL)
    db = tmp_path / "m.db"
    Memory(db).close()
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_import_worker, args=(str(db), str(p))),
             ctx.Process(target=_cache_worker, args=(str(db), 200))]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [proc.exitcode for proc in procs] == [0, 0]
    with Memory(db) as m:
        st = m.stats()
    assert st["origins"] == {"imported": 3000, "reviewed": 0, "machine": 200} and st["model_cache"] == 200


def test_an_old_cache_table_is_dropped(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.sqlite3"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE tm (key TEXT PRIMARY KEY, model TEXT, source TEXT, target TEXT, hit_cap INTEGER)")
    con.execute("INSERT INTO tm VALUES ('k', 'm', 's', 't', 0)")
    con.commit()
    con.close()
    with Memory(db) as m:
        tables = {r[0] for r in m.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "tm" not in tables and "units" in tables and len(m) == 0
