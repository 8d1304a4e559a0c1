"""The small Python API: load, clean, save — usable again and again in one process."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import doctools


def test_api_twice_in_one_process(example_path: Path, tmp_path: Path) -> None:
    raw = doctools.load(example_path)
    first = doctools.clean(raw)
    importlib.import_module("doctools.clean")  # the subpackage import must not break the API

    second = doctools.clean(raw)
    assert first == second
    assert doctools.clean(first).blocks == first.blocks  # idempotent
    out = doctools.save(second, tmp_path / "doc.json")
    again = doctools.load(out)
    assert again == second
    assert json.loads(out.read_text(encoding="utf-8"))["metadata"]["title"] == "海珠區2022年政府工作報告"


def test_public_names() -> None:
    assert set(doctools.__all__) >= {"load", "clean", "save", "Document", "DoctoolsError"}
    for name in doctools.__all__:
        assert hasattr(doctools, name), name
