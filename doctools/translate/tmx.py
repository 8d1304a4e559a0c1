"""TMX 1.4b in and out: the exchange format every CAT tool reads and writes.

Reading uses lxml's ``iterparse`` and frees each ``<tu>`` once it is read, so a memory of
millions of units is read in constant memory; DTDs, external entities and the network are
never touched (a TMX names ``tmx14.dtd``, which must not be fetched). translate-toolkit's
``tmxfile`` was weighed and not taken: it builds the whole tree in memory, pulls in a large
dependency set, and gives neither the loose language matching nor the line numbers a
one-line error needs. Its parsing would be the same lxml underneath.

What reading does, per ``<tu>``:

* picks the source ``<tuv>`` and the target one by language, matched loosely
  (``zh``, ``zh-CN``, ``zh-Hans``, ``ZH-CN``, ``zh_CN`` are all Chinese; an exact tag wins,
  then a Simplified one); TMX 1.1's ``lang`` attribute is read like ``xml:lang``;
* strips inline markup to text: ``bpt``/``ept``/``ph``/``it``/``ut`` hold native codes and
  are dropped (their tails kept), ``hi`` holds text and is kept;
* converts a Traditional source (by its tag, or by its characters when untagged or
  mislabelled) to Simplified with :func:`doctools.convert.convert_text`, since the memory
  is keyed by Simplified source;
* keeps dates (``changedate`` before ``creationdate``, on the ``tu`` or the target ``tuv``),
  authors, ``prop``/``note`` items and the doctools origin (``<prop type="x-doctools-origin">``).

A file that is not well-formed XML, or not TMX, raises :class:`InputError` naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from doctools.errors import InputError
from doctools.translate.memory import ORIGINS, Unit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORIGIN_PROP = "x-doctools-origin"
MODEL_PROP = "x-doctools-model"
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TU_ATTRS = frozenset({"creationdate", "changedate", "creationid", "changeid", "srclang"})


def lang_parts(tag: str) -> list[str]:
    """``ZH_cn`` → ``['zh', 'cn']``: lower case, ``_`` read as ``-``."""
    return [p for p in tag.strip().replace("_", "-").lower().split("-") if p]


def lang_score(tag: str, wanted: str) -> int:
    """3 same tag, 2 same language and script family, 1 same language, 0 another language."""
    have, want = lang_parts(tag), lang_parts(wanted)
    if not have or not want or have[0] != want[0]:
        return 0
    if have == want:
        return 3
    return 2 if is_traditional(tag) == is_traditional(wanted) else 1


def is_traditional(tag: str) -> bool:
    """zh-Hant, zh-TW, zh-HK, zh-MO (any case or separator)."""
    return bool(_TRADITIONAL & set(lang_parts(tag)[1:]))


def tmx_date(value: str | None) -> str:
    """A TMX date (``YYYYMMDDThhmmssZ``) from what tools write (also ISO 8601 with dashes); '' if none."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) < 8:
        return ""
    digits = (digits + "000000")[:14]
    return f"{digits[:8]}T{digits[8:]}Z"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def seg_text(seg: Any) -> str:
    """The text of a ``<seg>``: inline codes dropped, highlighted text kept."""
    parts = [seg.text or ""]
    for child in seg:
        name = _local(child.tag)
        if name == "hi":
            parts.append(seg_text(child))
        elif name and name not in _CODES and name != "sub":
            parts.append(seg_text(child))  # an unknown element: keep its text rather than lose it
        parts.append(child.tail or "")
    return "".join(parts)


@dataclass
class ReadCount:
    """What a read saw: units taken, units without both languages, sources converted."""

    units: int = 0
    skipped: int = 0
    converted: int = 0


class TmxReader:
    """Iterate the (source, target) units of a TMX file; counts in ``self.count`` afterwards."""

    def __init__(self, path: Path | str, source: str = "zh-CN", target: str = "en",
                 origin: str | None = None) -> None:
        if origin is not None and origin not in ORIGINS:
            raise InputError(f"origin must be one of {', '.join(ORIGINS)}")
        self.path = Path(path)
        self.source, self.target, self.origin = source, target, origin
        self.count = ReadCount()

    def __iter__(self) -> Iterator[Unit]:
        from lxml import etree

        if not self.path.is_file():
            raise InputError(f"{self.path}: no such file")
        seen_root = False
        try:
            events = etree.iterparse(str(self.path), events=("start", "end"), resolve_entities=False,
                                     no_network=True, load_dtd=False, huge_tree=True, remove_comments=True)
            for event, el in events:
                name = _local(el.tag)
                if event == "start":
                    if not seen_root:
                        if name != "tmx":
                            raise InputError(f"{self.path}:{el.sourceline}: not a TMX file (root element <{name}>)")
                        seen_root = True
                    continue
                if name != "tu":
                    continue
                unit = self._unit(el)
                parent = el.getparent()
                el.clear(keep_tail=False)
                if parent is not None:  # drop read units so memory stays flat
                    while el.getprevious() is not None:
                        del parent[0]
                if unit is None:
                    self.count.skipped += 1
                else:
                    self.count.units += 1
                    yield unit
        except etree.XMLSyntaxError as exc:
            line = exc.lineno if exc.lineno else (exc.position[0] if exc.position else 0)
            msg = str(exc.msg or exc).split(", line ")[0].strip()
            raise InputError(f"{self.path}:{max(1, line)}: malformed TMX: {msg}") from None
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read ({exc})") from None
        if not seen_root:
            raise InputError(f"{self.path}:1: not a TMX file")

    def _unit(self, tu: Any) -> Unit | None:
        tuvs: list[tuple[str, Any]] = []
        props: list[tuple[str, str, str]] = []
        origin = model = ""
        for child in tu:
            name = _local(child.tag)
            if name == "tuv":
                lang = child.get(XML_LANG) or child.get("lang") or ""
                seg = next((c for c in child if _local(c.tag) == "seg"), None)
                if seg is None:
                    raise InputError(f"{self.path}:{child.sourceline}: malformed TMX: <tuv> without <seg>")
                tuvs.append((lang, child))
            elif name == "prop":
                ptype, value = child.get("type") or "", (child.text or "").strip()
                if ptype == ORIGIN_PROP and value in ORIGINS:
                    origin = value
                elif ptype == MODEL_PROP:
                    model = value
                else:
                    props.append(("prop", ptype, child.text or ""))
            elif name == "note":
                props.append(("note", "", child.text or ""))
        for attr, value in sorted(tu.attrib.items()):
            if attr not in _TU_ATTRS:
                props.append(("attr", _local(attr), value))
        src = _pick(tuvs, self.source)
        tgt = _pick(tuvs, self.target)
        if src is None or tgt is None:
            return None
        source = _clean(seg_text(_seg(src[1])))
        target = _clean(seg_text(_seg(tgt[1])))
        if not source or not target:
            return None
        simplified = _simplified(source, src[0])
        if simplified != source:
            self.count.converted += 1
        tv = tgt[1]
        return Unit(
            source=simplified, target=target, origin=self.origin or origin or "imported",
            changed=tmx_date(tu.get("changedate") or tv.get("changedate")),
            created=tmx_date(tu.get("creationdate") or tv.get("creationdate")),
            creator=tu.get("creationid") or tv.get("creationid") or "",
            changer=tu.get("changeid") or tv.get("changeid") or "",
            model=model, target_lang=tgt[0] or self.target, extra=tuple(props),
        )


def _seg(tuv: Any) -> Any:
    return next(c for c in tuv if _local(c.tag) == "seg")


def _pick(tuvs: list[tuple[str, Any]], wanted: str) -> tuple[str, Any] | None:
    best: tuple[str, Any] | None = None
    best_score = 0
    for lang, tuv in tuvs:
        score = lang_score(lang, wanted)
        if score > best_score:
            best, best_score = (lang, tuv), score
    return best


def _clean(text: str) -> str:
    return " ".join(_INVALID_XML.sub("", text).split())


def _simplified(text: str, tag: str) -> str:
    """Simplified text of a source segment: by its tag, or by its characters."""
    from doctools.convert import convert_text
    from doctools.convert.detect import script_counts, script_of

    if not is_traditional(tag):
        hant, hans = script_counts(text)
        if not hant or script_of(hant, hans) not in ("Hant", "mixed"):
            return text
    return convert_text(text)[0]


def read_tmx(path: Path | str, source: str = "zh-CN", target: str = "en") -> list[Unit]:
    """Every unit of a TMX file (small files and tests; large ones: iterate :class:`TmxReader`)."""
    return list(TmxReader(path, source, target))


# --- writing -------------------------------------------------------------------------------
def _text(s: str) -> str:
    return escape(_INVALID_XML.sub("", s))


def _attr(s: str) -> str:
    return quoteattr(_INVALID_XML.sub("", s))


def tu_xml(u: Unit, source_lang: str = "zh-CN") -> str:
    """One ``<tu>``: dates and authors, origin and model props, kept props/notes, both ``<tuv>``."""
    attrs = "".join(f" {a}={_attr(v)}" for a, v in (("creationdate", u.created), ("creationid", u.creator),
                                                     ("changedate", u.changed), ("changeid", u.changer)) if v)
    attrs += "".join(f" {t}={_attr(v)}" for k, t, v in u.extra if k == "attr" and t not in _TU_ATTRS)
    lines = [f"    <tu{attrs}>"]
    lines += [f"      <note>{_text(v)}</note>" for k, _, v in u.extra if k == "note"]
    lines.append(f'      <prop type="{ORIGIN_PROP}">{u.origin}</prop>')
    if u.model:
        lines.append(f'      <prop type="{MODEL_PROP}">{_text(u.model)}</prop>')
    lines += [f"      <prop type={_attr(t)}>{_text(v)}</prop>" for k, t, v in u.extra if k == "prop"]
    lines.append(f"      <tuv xml:lang={_attr(source_lang)}><seg>{_text(u.source)}</seg></tuv>")
    lines.append(f"      <tuv xml:lang={_attr(u.target_lang or 'en')}><seg>{_text(u.target)}</seg></tuv>")
    lines.append("    </tu>")
    return "\n".join(lines) + "\n"


def write_tmx(path: Path | str, units: Iterable[Unit], *, source_lang: str = "zh-CN",
              tool_version: str = "", notes: Iterable[str] = ()) -> int:
    """Write a TMX 1.4b file atomically (streamed: units are not held in memory); the count."""
    from doctools.writers._atomic import atomic_path

    header = (f'  <header creationtool="doctools" creationtoolversion={_attr(tool_version or _version())} '
              f'datatype="plaintext" segtype="sentence" adminlang="en" srclang={_attr(source_lang)} '
              f'o-tmf="doctools">\n')
    header += "".join(f"    <note>{_text(n)}</note>\n" for n in notes)
    header += "  </header>\n"
    n = 0
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        fh.write(header)
        fh.write("  <body>\n")
        for u in units:
            fh.write(tu_xml(u, source_lang))
            n += 1
        fh.write("  </body>\n</tmx>\n")
    return n


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("doctools")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


__all__ = ["ORIGIN_PROP", "ReadCount", "TmxReader", "is_traditional", "lang_score", "read_tmx", "seg_text",
           "tmx_date", "tu_xml", "write_tmx"]
