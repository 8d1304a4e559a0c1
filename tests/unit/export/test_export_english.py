"""The English edition in a batch, with a tiny REAL argos package installed (random
weights: the text is gibberish, so this checks the path, files and QA, not the wording);
and without one: skipped with the install command, other editions produced, exit 1."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from export_support import EXAMPLE, argos_env, doctools_in

pytestmark = pytest.mark.slow


def test_english_edition_with_an_installed_model(argos_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = doctools_in(["export", str(EXAMPLE), "-o", str(out), "--editions", "en", "--formats", "pdf,json",
                      "--json"], argos_env(argos_home))
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["editions"]["en"]["status"] == "ok", doc
    english = json.loads((out / "haizhu-2022" / "haizhu-2022.en.json").read_text(encoding="utf-8"))
    model = json.loads((out / "haizhu-2022" / "haizhu-2022.model.json").read_text(encoding="utf-8"))
    assert [b["id"] for b in english["blocks"]] == [b["id"] for b in model["blocks"]]
    assert english["metadata"]["language"] == "en"
    pdf_text = subprocess.run(["pdftotext", str(out / "haizhu-2022" / "haizhu-2022.en.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert "240.516 billion yuan" in " ".join(pdf_text.split())  # numbers pass as protected placeholders
    review = (out / "haizhu-2022" / "haizhu-2022.review.html").read_text(encoding="utf-8")
    translation = review[review.index('<section id="translation">'):review.index('<section id="brief">')]
    assert "<table>" in translation  # gibberish output raises QA flags, listed for the editor


def test_missing_model_skips_english_and_says_how_to_install(tmp_path: Path) -> None:
    home = tmp_path / "empty-argos"
    out = tmp_path / "out"
    proc = doctools_in(["export", str(EXAMPLE), "-o", str(out), "--editions", "zh-Hans,en", "--formats", "json"],
                     argos_env(home))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    doc = data["documents"][0]
    assert doc["status"] == "partial"
    assert doc["editions"]["zh-Hans"]["status"] == "ok"
    assert doc["editions"]["en"]["status"] == "skipped"
    assert "doctools models install" in doc["editions"]["en"]["message"]
    assert (out / "haizhu-2022" / "haizhu-2022.zh-Hans.json").is_file()


def test_translate_command_and_export_give_the_same_english(argos_home: Path, tmp_path: Path) -> None:
    """One pipeline: the command translates the same Simplified edition with the same model
    and settings as the batch, so the English is the same (Traditional input included)."""
    env = argos_env(argos_home)
    out = tmp_path / "out"
    proc = doctools_in(["export", str(EXAMPLE), "-o", str(out), "--editions", "en", "--formats", "json",
                        "--no-cache"], env)
    assert proc.returncode == 0, proc.stderr
    single = tmp_path / "single.en.json"
    proc = doctools_in(["translate", str(EXAMPLE), "-o", str(single), "--no-cache"], env)
    assert proc.returncode == 0, proc.stderr
    batch = json.loads((out / "haizhu-2022" / "haizhu-2022.en.json").read_text(encoding="utf-8"))
    alone = json.loads(single.read_text(encoding="utf-8"))
    assert [(b["id"], b["text"]) for b in batch["blocks"]] == [(b["id"], b["text"]) for b in alone["blocks"]]
    assert batch["metadata"]["extra"]["translation.model"] == alone["metadata"]["extra"]["translation.model"]
