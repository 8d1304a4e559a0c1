"""Fixtures for the reader tests (the page builder lives in reader_pages.py)."""

from __future__ import annotations

import pytest
from reader_pages import EXAMPLE, encyclopedia_page


@pytest.fixture(scope="session")
def example_raw() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_page(example_raw: str) -> str:
    return encyclopedia_page(example_raw)
