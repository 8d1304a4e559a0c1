"""With a translation model installed, the brief's free sentences go through the engine.

Uses a tiny REAL argos package (SentencePiece + random-weight CTranslate2, built by
``doctools.translate.buildmodel``) unpacked into a temporary packages folder: the output is
gibberish, so the test checks structure — every free item translated, none left marked,
numbers and glossary terms of the fixed parts still deterministic.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from doctools.brief import make_brief
from doctools.brief.english import english
from doctools.model import Document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "haizhu-2022.raw.txt"
    from doctools.translate.buildmodel import build_package

    text = EXAMPLE.read_text(encoding="utf-8")
    lines = [s for s in re.split(r"(?<=[。！？；\n])", text) if s.strip()]
    lines += ["Gross regional product reached 240.516 billion yuan, up 9.3 percent.",
              "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 % , . ; : ( ) - + [ ]"] * 20
    root = tmp_path_factory.mktemp("argos")
    pkg = build_package(root / "translate-zh_en-0_0_1.argosmodel", lines)
    target = root / "packages"
    with zipfile.ZipFile(pkg) as z:
        z.extractall(target)
    return target


def test_free_sentences_translated_when_model_installed(
    packages: Path, example_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("DOCTOOLS_CACHE_DIR", str(packages.parent / "cache"))
    from doctools.translate.engine import load_translator

    brief = make_brief(example_doc)
    out, untranslated, reason = english(brief, translator=load_translator("zh", "en"))
    assert out.english.get("_engine") == "model" and reason == ""
    assert untranslated == []
    assert all(out.english[f"task.{i}"] for i in range(len(brief.tasks)))
    assert all(out.english[f"problem.{i}"] for i in range(len(brief.problems)))
    # fixed parts stay deterministic, never through the model
    assert out.english["figure.0.value"] == "240.516 billion yuan"
    assert out.english["target.0"] == "gross regional product: growth of about 6%"
    assert all(out.english[f"goal.{i}"] for i in range(len(brief.goals)))
