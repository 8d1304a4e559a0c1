"""The English edition from a translation memory in a batch (issue 15): with a memory of
other years' official translations (TMX) and no model, ``doctools export`` of a held-out
report writes an English edition: memory matches are the official English, the rest is
marked untranslated; the edition is partial and the manifest counts each origin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_support import ROOT, argos_env, doctools_in
from lxml import etree

pytestmark = pytest.mark.slow
TM = ROOT / "tests" / "data" / "tm"
REPORT = ROOT / "tests" / "data" / "corpus" / "cn-gov-report-2022.raw.txt"


def test_export_english_from_memory_without_a_model(tmp_path: Path) -> None:
    env = argos_env(tmp_path / "home")  # no argos package installed there
    for year in (2016, 2019, 2020, 2021):
        proc = doctools_in(["tm", "import", str(TM / f"GR{year}.tmx")], env)
        assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    proc = doctools_in(["export", str(REPORT), "-o", str(out), "--editions", "en", "--formats", "json,md",
                        "--json"], env)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1  # partial: what the memory does not cover is untranslated
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["status"] == "partial"
    assert doc["editions"]["en"]["status"] == "partial"
    assert "untranslated" in doc["editions"]["en"]["message"]
    assert doc["counts"]["en.tm-exact"] > 20 and doc["counts"]["en.untranslated"] > 0
    assert any("no translation model installed" in w for w in doc["warnings"])
    english = (out / "cn-gov-report-2022" / "cn-gov-report-2022.en.md").read_text(encoding="utf-8")
    assert "[Untranslated:" in english
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    official = {"".join(tuv.find("seg").itertext()).strip()
                for year in (2016, 2019, 2020, 2021)
                for tuv in etree.parse(str(TM / f"GR{year}.tmx")).iter("tuv") if tuv.get(lang, "").startswith("en")}
    found = sum(1 for e in official if len(e) > 30 and e in english)
    assert found >= 20, found  # approved English reaches the reader word for word
    model = json.loads((out / "cn-gov-report-2022" / "cn-gov-report-2022.en.json").read_text(encoding="utf-8"))
    assert model["metadata"]["extra"]["translation.model"] == "none"
    review = (out / "cn-gov-report-2022" / "cn-gov-report-2022.review.html").read_text(encoding="utf-8")
    section = review[review.index('<section id="translation">'):]
    assert "English segments by origin" in section
    assert "TM exact" in section and "untranslated" in section  # each segment's origin, for the editor


def test_importing_approved_translations_redoes_the_english(tmp_path: Path) -> None:
    """The memory's approved translations are part of the reuse key: a rerun after a TMX import
    does not keep English made without them."""
    env = argos_env(tmp_path / "home")
    doctools_in(["tm", "import", str(TM / "GR2021.tmx")], env)
    out = tmp_path / "out"
    args = ["export", str(REPORT), "-o", str(out), "--editions", "en", "--formats", "md", "--json"]
    first = json.loads(doctools_in(args, env).stdout)["documents"][0]
    again = json.loads(doctools_in(args, env).stdout)["documents"][0]
    assert not first["reused"] and again["reused"]
    assert doctools_in(["tm", "import", str(TM / "GR2020.tmx")], env).returncode == 0
    after = json.loads(doctools_in(args, env).stdout)["documents"][0]
    assert not after["reused"]
    assert after["counts"]["en.tm-exact"] > first["counts"]["en.tm-exact"]
