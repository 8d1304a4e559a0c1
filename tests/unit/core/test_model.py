"""The model: validation, JSON round-trip, schema that cannot drift, tree dump."""

from __future__ import annotations

import json

import jsonschema
import pytest

from doctools.errors import InputError
from doctools.model import SCHEMA_VERSION, Block, Document, Edit, Metadata, Notice, plain_text
from doctools.serialize import SCHEMA_PATH, from_json, json_schema, schema_text, to_dict, to_json, tree


def sample() -> Document:
    return Document(
        metadata=Metadata(title="海珠区报告", source_path="x.txt", source_sha256="ab", encoding="utf-8",
                          script="Hans", language="zh-Hans", extra={"k": "v"}),
        blocks=(
            Block("b1", "title", "海珠区报告", orig="海珠區報告", lines=(1,)),
            Block("b3", "salutation", "各位代表：", orig="各位代表:", lines=(3,)),
            Block("b4", "heading", "工作回顾", level=1, label="一、", lines=(4,)),
            Block("b5", "heading", "聚焦创新。", level=2, label="（一）", run_in=True, lines=(5,)),
            Block("b5.2", "paragraph", "强化功能。发挥优势。", lead="强化功能。", lines=(5,), attrs={"a": "b"}),
        ),
        edits=(Edit("clean.punctuation", "punctuation.halfwidth", "replace", "b3", ":", "：", 4, 3),),
        notices=(Notice("clean.duplicates", "warning", "near-duplicate of b4", "b5", 5),),
    )


def test_round_trip_is_exact() -> None:
    doc = sample()
    assert from_json(to_json(doc)) == doc


def test_serialised_model_validates_against_checked_in_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(to_dict(sample()), schema)
    assert to_dict(sample())["schema_version"] == SCHEMA_VERSION


def test_checked_in_schema_matches_the_code() -> None:
    # Fails when a field is added/removed/retyped without `python -m doctools.serialize`.
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_schema_requires_kind_and_integer_level() -> None:
    block = json_schema()["$defs"]["Block"]["properties"]
    assert "heading" in block["kind"]["enum"] and "salutation" in block["kind"]["enum"]
    assert {"type": "integer"} in block["level"]["anyOf"]


def test_schema_rejects_a_bad_kind() -> None:
    data = to_dict(sample())
    data["blocks"][0]["kind"] = "banner"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
    with pytest.raises(InputError):
        from_json(json.dumps(data))


@pytest.mark.parametrize("text", ["{", "[]", '{"metadata": {}, "schema_version": "9.0"}'])
def test_bad_json_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        from_json(text)


def test_heading_needs_level_and_others_refuse_one() -> None:
    with pytest.raises(ValueError):
        Block("b1", "heading", "x")
    with pytest.raises(ValueError):
        Block("b1", "paragraph", "x", level=1)
    with pytest.raises(ValueError):
        Block("b1", "paragraph", "abc", lead="x")


def test_tree_dump_nests_headings() -> None:
    lines = tree(sample()).splitlines()
    assert lines[0].startswith("document '海珠区报告'")
    assert "h1 b4 [一、] 工作回顾" in lines
    assert "  h2 b5 [（一）] 聚焦创新。" in lines
    assert any(line.startswith("    paragraph b5.2 «强化功能。»") for line in lines)


def test_plain_text_keeps_labels() -> None:
    assert plain_text(sample()).splitlines()[2] == "一、工作回顾"


def test_with_changes_appends() -> None:
    doc = sample()
    new = doc.with_changes(edits=(Edit("s", "r", "remove", None, "a", ""),))
    assert len(new.edits) == len(doc.edits) + 1 and new.blocks == doc.blocks
