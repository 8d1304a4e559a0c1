"""JSON round-trip of the model, its JSON Schema, and the tree dump humans read.

The schema is *generated* from the dataclasses (:func:`json_schema`) and checked in at
``doctools/data/document.schema.json``; a test fails when the two differ, so the file can
never drift from the code. Regenerate with ``python -m doctools.serialize``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from doctools.errors import InputError
from doctools.model import SCHEMA_VERSION, Block, Document, Edit, Metadata, Notice

_NESTED: dict[str, type] = {"metadata": Metadata, "blocks": Block, "edits": Edit, "notices": Notice}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def jsonable(obj: Any) -> dict[str, Any]:
    """A dataclass instance as a JSON-ready dict (tuples become lists); shared by the models."""
    result: dict[str, Any] = _plain(dataclasses.asdict(obj))
    return result


def to_dict(doc: Document) -> dict[str, Any]:
    """A JSON-ready dict (tuples become lists)."""
    return jsonable(doc)


def to_json(doc: Document) -> str:
    """Pretty, stable JSON with non-ASCII kept readable."""
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _tuple_fields(cls: type) -> tuple[tuple[str, ...], frozenset[str]]:
    """Field names of ``cls`` and those typed as tuples (type hints are slow: once per class)."""
    hints = get_type_hints(cls)
    names = tuple(f.name for f in dataclasses.fields(cls))
    return names, frozenset(n for n in names if get_origin(hints[n]) is tuple)


def _build(cls: type, data: dict[str, Any]) -> Any:
    names, tuples = _tuple_fields(cls)
    kwargs: dict[str, Any] = {}
    for name in names:
        if name not in data:
            continue
        value = data[name]
        if name in _NESTED and cls is Document:
            sub = _NESTED[name]
            value = _build(sub, value) if name == "metadata" else tuple(_build(sub, v) for v in value)
        elif name in tuples and isinstance(value, list):
            value = tuple(value)
        kwargs[name] = value
    return cls(**kwargs)


def from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a Document; InputError when the data is not a doctools model."""
    if not isinstance(data, dict) or "metadata" not in data:
        raise InputError("not a doctools model (no 'metadata')")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise InputError(f"model schema_version {version!r} is not supported (want {SCHEMA_VERSION})")
    try:
        doc: Document = _build(Document, data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(f"invalid doctools model: {exc}") from exc
    return doc


def from_json(text: str) -> Document:
    """Parse model JSON; InputError on anything that is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    return from_dict(data)


# --- JSON Schema generated from the dataclasses ------------------------------------------


def _type_schema(tp: Any) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin in (typing.Union, types.UnionType):
        args = get_args(tp)
        return {"anyOf": [_type_schema(a) for a in args]}
    if origin is tuple:
        item = get_args(tp)[0]
        return {"type": "array", "items": _type_schema(item)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(get_args(tp)[1])}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return {"$ref": f"#/$defs/{tp.__name__}"}
    simple = {str: "string", int: "integer", bool: "boolean", float: "number", type(None): "null"}
    if tp in simple:
        return {"type": simple[tp]}
    raise TypeError(f"no schema for {tp!r}")


def _class_schema(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls)
    props = {f.name: _type_schema(hints[f.name]) for f in dataclasses.fields(cls)}
    required = [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    return {
        "type": "object",
        "description": doc,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a serialised Document, derived from the dataclasses."""
    schema = _class_schema(Document)
    schema["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://doctools.invalid/schema/document-{SCHEMA_VERSION}.json",
        "title": "doctools Document",
        **schema,
        "$defs": {c.__name__: _class_schema(c) for c in (Metadata, Block, Edit, Notice)},
    }


SCHEMA_PATH = Path(__file__).parent / "data" / "document.schema.json"


def schema_text() -> str:
    """The schema as it is checked in (stable key order, trailing newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


# --- tree dump -------------------------------------------------------------------------------


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def tree(doc: Document, width: int = 60) -> str:
    """An indented outline for reviewers: headings nest, paragraphs under them."""
    m = doc.metadata
    out = [
        f"document {m.title!r} [{m.language}; script {m.script}; variant {m.variant or '-'};"
        f" encoding {m.encoding or '-'}]"
    ]
    depth = 0
    for b in doc.blocks:
        if b.kind == "heading":
            depth = (b.level or 1) - 1
            out.append(f"{'  ' * depth}h{b.level} {b.id} [{b.label or ''}] {_short(b.text, width)}")
            depth += 1
            continue
        pad = "  " * (depth if b.kind not in ("title", "subtitle") else 0)
        lead = f" «{_short(b.lead, 24)}»" if b.lead else ""
        out.append(f"{pad}{b.kind} {b.id}{lead} {_short(b.text, width)}")
    if doc.edits:
        out.append(f"edits: {len(doc.edits)}")
    if doc.notices:
        out.append(f"notices: {len(doc.notices)}")
    return "\n".join(out) + "\n"


def main() -> int:
    """Write the checked-in schema file from the code."""
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
