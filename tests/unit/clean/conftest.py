"""Fixtures for the cleaner's tests: raw/cleaned example and a raw-document builder."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.clean import clean
from doctools.model import Document
from doctools.pipeline import load
from doctools.readers.txt import document_from_lines

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data" / "clean"


def raw_doc(*lines: str) -> Document:
    """A raw Document as the text reader makes it from these lines (blank lines skipped)."""
    return document_from_lines(list(lines), source="test.txt", sha256="0" * 64, encoding="utf-8")


@pytest.fixture(scope="session")
def make_doc():  # type: ignore[no-untyped-def]
    """The raw-document builder (a fixture, so test modules need not import conftest)."""
    return raw_doc


@pytest.fixture(scope="session")
def example_raw(example_path: Path) -> Document:
    return load(example_path)


@pytest.fixture(scope="session")
def example_clean(example_raw: Document) -> Document:
    return clean(example_raw)
