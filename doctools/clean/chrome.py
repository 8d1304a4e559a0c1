"""clean.chrome: remove site furniture lines listed in ``data/clean/chrome.tsv``.

Examples::

    海珠區2022年政府工作報告是由海珠區發布的報告。  (2nd line)  → removed (edge pattern)
    基本介紹 / 相關詞條 / 熱門詞條 / 聯絡我們 / 參考資料 / 編輯   → removed (line patterns)
    …聯絡我們的群眾…  (inside a body sentence)                   → kept: whole lines only

A pattern matches a *whole* line, never a part of one. ``line`` patterns (furniture that
is never body text) apply anywhere; ``edge`` patterns (lead sentences, copyright and date
stamps that could resemble prose) apply only in the edge runs: from the top, the chrome
lines interleaved with at most two short title-like lines (title, subtitle); from the
bottom, the unbroken run of chrome lines. Every removal is an Edit naming the table line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from doctools.clean._text import fold
from doctools.errors import ConfigError
from doctools.model import Block, Document, Edit
from doctools.resources import data_path
from doctools.tables import load_table
from doctools.transform import step

NAME = "clean.chrome"
TABLE = "clean/chrome.tsv"
TOP_TITLE_LINES = 2  # short lines the top edge run may pass over (title, subtitle)
TITLE_LIKE_MAX = 120  # titles of notices and plans run long (关于印发…（2021—2023年）的通知)


@dataclass(frozen=True)
class Pattern:
    text: str
    kind: str  # exact | regex | rule (a named code rule, not a table row)
    where: str  # edge | line
    ref: str
    regex: re.Pattern[str] | None = None

    def matches(self, line: str) -> bool:
        if self.regex is not None:  # the line as it stands, or width-folded (a second run)
            return bool(self.regex.fullmatch(line) or self.regex.fullmatch(unicodedata.normalize("NFKC", line)))
        key = fold(line)
        return key == fold(self.text) or key.strip("[]【】") == fold(self.text).strip("[]【】")


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    """The chrome table, compiled; ConfigError naming the line of a bad row."""
    table = load_table(data_path(*TABLE.split("/")), name=TABLE, min_cols=3)
    out: list[Pattern] = []
    for row in table.rows:
        text, kind, where = row.get(0), row.get(1), row.get(2)
        if kind not in ("exact", "regex") or where not in ("edge", "line"):
            raise ConfigError(f"{row.ref}: type must be exact|regex and where edge|line")
        rx = None
        if kind == "regex":
            try:
                rx = re.compile(text)
            except re.error as exc:
                raise ConfigError(f"{row.ref}: bad regex ({exc})") from exc
        out.append(Pattern(text, kind, where, row.ref, rx))
    return tuple(out)


@lru_cache(maxsize=1)
def _exact_index() -> dict[str, Pattern]:
    """Folded exact pattern (brackets stripped) → its first row: one dict lookup per line."""
    out: dict[str, Pattern] = {}
    for p in patterns():
        if p.kind == "exact":
            out.setdefault(fold(p.text).strip("[]【】"), p)
    return out


@lru_cache(maxsize=2)
def _any_regex(edge: bool) -> re.Pattern[str]:
    """All regex patterns (edge ones only when ``edge``) as one alternation: one C-level
    test rejects the ordinary line, which is nearly every line."""
    chosen = [p.text for p in patterns() if p.regex is not None and (edge or p.where == "line")]
    try:
        return re.compile("|".join(f"(?:{t})" for t in chosen))
    except re.error:  # a row with inline flags cannot join an alternation: test every line
        return re.compile(".*", re.S)


def match(line: str, *, edge: bool) -> Pattern | None:
    """The first pattern matching the whole ``line`` (edge patterns only when ``edge``)."""
    text = line.strip()
    if not text:
        return None
    p = _exact_index().get(fold(text).strip("[]【】"))
    if p is not None and (edge or p.where == "line"):
        return p
    folded = unicodedata.normalize("NFKC", text)
    quick = _any_regex(edge)
    if not (quick.fullmatch(text) or quick.fullmatch(folded)):
        return None
    for p in patterns():
        if p.regex is not None and (edge or p.where == "line"):
            if p.regex.fullmatch(text) or p.regex.fullmatch(folded):
                return p
    return None


def _title_like(text: str) -> bool:
    """Short, no sentence mark inside (either width): a title, subtitle or address line."""
    t = fold(text)
    return 0 < len(t) <= TITLE_LIKE_MAX and not any(c in t[:-1] for c in "。!?;")


ENTRY_TITLE = Pattern("(encyclopedia entry name above the document's own title)", "rule", "edge", "chrome.entry_title")


def _entry_title(units: list[tuple[list[int], str]], top_end: int, hit: dict[int, Pattern]) -> int | None:
    """The encyclopedia entry-name line, when the page also carries the document's own title.

    Encyclopedia pages open with the entry name ("2009年國務院政府工作報告"), then the lead
    sentence that repeats it ("…是由國務院發布的報告。"), then the text, which may start
    with its own title ("2009年政府工作報告"). The entry name is furniture only when (1) a
    chrome lead sentence starts with it and (2) a later title-like line in the top run
    names the same kind of document (same last two characters). Without a second title
    the entry name is the only title there is and stays.
    """
    kept = [u for u in range(top_end) if u not in hit]
    if len(kept) < 2:
        return None
    first, second = units[kept[0]][1].strip(), units[kept[1]][1].strip()
    key = fold(first)
    lead = any(
        fold(units[u][1]).lstrip("《〈「『\"“").startswith(key) and hit[u].kind == "regex" for u in hit if u < top_end
    )
    if lead and not second.endswith(("：", ":")) and len(key) >= 2 and fold(second)[-2:] == key[-2:]:
        return kept[0]
    return None


def _units(blocks: tuple[Block, ...]) -> list[tuple[list[int], str]]:
    """Blocks grouped by source line (``b27`` + ``b27.2``) with the line's text.

    On a second run the blocks are already structured; judging the same *lines* with the
    same texts as the first run makes the step idempotent.
    """
    out: list[tuple[list[int], str]] = []
    for i, b in enumerate(blocks):
        if out and "." in b.id and blocks[out[-1][0][0]].id == b.id.split(".")[0]:
            idx, text = out[-1]
            out[-1] = ([*idx, i], text + b.full_text)
        else:
            out.append(([i], b.full_text))
    return out


def find(blocks: tuple[Block, ...]) -> dict[int, Pattern]:
    """Index → pattern of every chrome block."""
    units = _units(blocks)
    hit: dict[int, Pattern] = {}  # unit index → pattern
    skipped = 0
    top_end = 0
    for u, (_, text) in enumerate(units):  # top edge run
        p = match(text, edge=True)
        if p is not None:
            hit[u] = p
        elif skipped < TOP_TITLE_LINES and _title_like(text):
            skipped += 1
        else:
            break
        top_end = u + 1
    entry = _entry_title(units, top_end, hit)
    if entry is not None:
        hit[entry] = ENTRY_TITLE
    for u in range(len(units) - 1, top_end - 1, -1):  # bottom edge run
        p = match(units[u][1], edge=True)
        if p is None:
            break
        hit[u] = p
    for u, (_, text) in enumerate(units):  # whole-line furniture anywhere
        if u not in hit:
            p = match(text, edge=False)
            if p is not None:
                hit[u] = p
    return {i: p for u, p in hit.items() for i in units[u][0]}


@step(NAME)
def clean_chrome(doc: Document) -> Document:
    """Drop chrome lines; one ``remove`` Edit each, with the table line responsible."""
    found = find(doc.blocks)
    if not found:
        return doc
    edits = [
        Edit(NAME, found[i].ref, "remove", b.id, b.text, "", None, b.lines[0] if b.lines else None)
        for i, b in enumerate(doc.blocks)
        if i in found
    ]
    kept = tuple(b for i, b in enumerate(doc.blocks) if i not in found)
    return doc.with_changes(blocks=kept, edits=tuple(edits))


__all__ = ["NAME", "Pattern", "clean_chrome", "find", "match", "patterns"]
