"""The English edition in a batch, with a tiny REAL argos package installed (random
weights: the text is gibberish, so this checks the path, files and QA, not the wording);
and without one: skipped with the install command, other editions produced, exit 1."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from export_support import EXAMPLE, ROOT

pytestmark = pytest.mark.slow


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "ARGOS_PACKAGES_DIR": str(home / "packages"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "DOCTOOLS_CACHE_DIR": str(home / "doctools-cache"),
        "COLUMNS": "160",
    })
    return env


def _doctools(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "doctools", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def argos_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from doctools.translate.buildmodel import build_package

    home = tmp_path_factory.mktemp("argos-home")
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = [s for s in re.split(r"(?<=[。！？；\n])", text) if s.strip()]
    english = ["The district government reviews the past year and sets the targets.",
               "Gross regional product reached 240.516 billion yuan, up 9.3 percent."] * 30
    pkg = build_package(tmp_path_factory.mktemp("pkg") / "translate-zh_en-0_0_1.argosmodel", lines + english)
    proc = _doctools(["models", "install", str(pkg)], _env(home))
    assert proc.returncode == 0, proc.stderr
    return home


def test_english_edition_with_an_installed_model(argos_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _doctools(["export", str(EXAMPLE), "-o", str(out), "--editions", "en", "--formats", "pdf,json",
                      "--json"], _env(argos_home))
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
    proc = _doctools(["export", str(EXAMPLE), "-o", str(out), "--editions", "zh-Hans,en", "--formats", "json"],
                     _env(home))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    doc = data["documents"][0]
    assert doc["status"] == "partial"
    assert doc["editions"]["zh-Hans"]["status"] == "ok"
    assert doc["editions"]["en"]["status"] == "skipped"
    assert "doctools models install" in doc["editions"]["en"]["message"]
    assert (out / "haizhu-2022" / "haizhu-2022.zh-Hans.json").is_file()
