"""Shared test set-up: keep every test offline-capable and rooted at the project."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE
