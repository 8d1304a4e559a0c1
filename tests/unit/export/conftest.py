"""Fixtures for batch tests (helpers live in export_support.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_support import EXAMPLE, argos_env, doctools_in


@pytest.fixture(scope="session")
def argos_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private argos home with the tiny REAL package the tests build installed (random
    weights: its English is gibberish; it checks paths, files and QA, never wording)."""
    from doctools.translate.buildmodel import build_package

    home = tmp_path_factory.mktemp("argos-home")
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = [s for s in re.split(r"(?<=[。！？；\n])", text) if s.strip()]
    english = ["The district government reviews the past year and sets the targets.",
               "Gross regional product reached 240.516 billion yuan, up 9.3 percent."] * 30
    pkg = build_package(tmp_path_factory.mktemp("pkg") / "translate-zh_en-0_0_1.argosmodel", lines + english)
    proc = doctools_in(["models", "install", str(pkg)], argos_env(home))
    assert proc.returncode == 0, proc.stderr
    return home
