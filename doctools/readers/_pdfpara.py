"""Lines of a PDF → page furniture removed (as Edits) and paragraphs rebuilt.

Furniture (``read.pdf`` edits, action ``remove``):

* **page numbers** — the first or last line of a page matching a ``page_number`` row of
  ``data/readers/pdf_layout.tsv`` (``— 3 —``, ``-3-``, ``第3页 共20页``, ``3/20``); the
  rule is that row (``readers/pdf_layout.tsv:7``);
* **running headers and footers** — a line among the top or bottom two of a page whose
  text (digits folded, spaces removed) recurs at the same height on at least half of the
  pages, and on two at least: rule ``pdf.running_header`` / ``pdf.running_footer``.

Paragraphs: a PDF breaks lines at the text width, so consecutive lines are joined unless
something says the paragraph ended. The signals, measured on the document itself rather
than on any one producer's spacing (a layout change, justified or ragged, must not
matter):

1. a change of type size (a title or heading set larger) — except that two lines of the
   same larger size with no sentence end between them are one wrapped title;
2. extra space before the line (more than 1.4 × the usual line pitch of the column);
3. the line starts with a numbering label (一、 （一） 1. 第三章) after a sentence end;
4. the line is indented against the column's left edge and the line before it;
5. the previous line stopped short although the first word of this line would have fit
   there (so the break was the author's, not the line width's) — kinsoku pushes, long
   numbers and the no-break spans a CJK layout keeps whole (a number with its unit, a
   name: ``doctools.nobreak``) that do not fit never end a paragraph this way;
6. the previous line ends with 。！？；： and the document marks paragraphs neither by a
   first-line indent nor by space between them (then that is the only signal left);
7. the two lines are set wholly in different faces — except the body of a run-in heading
   whose sentence ended at the line's end (a document with first-line indents, the next
   line in the body face and not indented).

Chinese is joined without a space; a space is put back only between two Latin words.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from doctools.errors import ConfigError
from doctools.model import Edit
from doctools.readers._pdflines import Line, is_cjk
from doctools.resources import data_path
from doctools.tables import load_table

STEP = "read.pdf"
TABLE = "readers/pdf_layout.tsv"
EDGE_LINES = 2  # lines at the top and the bottom of a page that may be furniture
GAP_RATIO = 1.4
INDENT_EM = 0.8
_SENTENCE_END = re.compile(r"[。！？；：!?;:…][”’」』）)》〉\]】]*$")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Rule:
    kind: str
    regex: re.Pattern[str]
    ref: str


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The layout table, compiled; ConfigError naming the line of a bad row."""
    table = load_table(data_path(*TABLE.split("/")), name=TABLE, min_cols=2)
    out: list[Rule] = []
    for row in table.rows:
        kind, pattern = row.get(0), row.get(1)
        if kind not in ("page_number", "paragraph_start"):
            raise ConfigError(f"{row.ref}: kind must be page_number or paragraph_start")
        try:
            out.append(Rule(kind, re.compile(pattern), row.ref))
        except re.error as exc:
            raise ConfigError(f"{row.ref}: bad regex ({exc})") from exc
    return tuple(out)


def page_number_rule(text: str) -> str | None:
    key = _WS.sub("", text)
    return next((r.ref for r in rules() if r.kind == "page_number" and r.regex.fullmatch(key)), None)


def starts_paragraph(text: str) -> bool:
    return any(r.kind == "paragraph_start" and r.regex.match(text) for r in rules())


@dataclass
class Paragraph:
    """Rebuilt paragraph: text, the numbered source lines it came from, their raw text."""

    text: str
    lines: list[int] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    page: int = 0


def _edges(page_lines: list[Line]) -> list[tuple[int, str, int]]:
    """(index in the page's list, side, depth) of the top and bottom EDGE_LINES lines."""
    order = sorted(range(len(page_lines)), key=lambda i: -page_lines[i].baseline)
    out: dict[int, tuple[int, str, int]] = {}
    for depth in range(min(EDGE_LINES, len(order))):
        out.setdefault(order[-1 - depth], (order[-1 - depth], "bottom", depth))
        out.setdefault(order[depth], (order[depth], "top", depth))
    return list(out.values())


def _furniture(pages: list[list[Line]]) -> dict[tuple[int, int], str]:
    """(page index, line index) → rule, for every furniture line. A line one in from the
    edge counts only when the edge line on its side is furniture too (a header above a
    page number), so the body's first and last lines are never candidates on their own."""
    found: dict[tuple[int, int], str] = {}
    depth_of: dict[tuple[int, int], tuple[str, int]] = {}
    keyed: dict[tuple[str, str], list[tuple[int, int, float]]] = defaultdict(list)
    for p, lines in enumerate(pages):
        for i, side, depth in _edges(lines):
            ln = lines[i]
            depth_of[(p, i)] = (side, depth)
            rule = page_number_rule(ln.text)
            if rule is not None:
                found[(p, i)] = rule
                continue
            key = re.sub(r"\d+", "#", _WS.sub("", ln.text))
            if key.strip("#"):
                keyed[(side, key)].append((p, i, ln.baseline))
    with_text = sum(1 for lines in pages if lines)
    need = max(2, (with_text + 1) // 2)
    for (side, _key), hits in keyed.items():
        if len({p for p, _, _ in hits}) < need:
            continue
        # the same height on the page (within a line): a title on page 1 is not a header
        common = Counter(round(y / 6) for _, _, y in hits).most_common(1)[0][0]
        same = [(p, i) for p, i, y in hits if abs(round(y / 6) - common) <= 1]
        if len({p for p, _ in same}) >= need:
            for p, i in same:
                found[(p, i)] = f"pdf.running_{'header' if side == 'top' else 'footer'}"
    edge_found = {(p, side) for (p, i) in found if depth_of[(p, i)][1] == 0 for side in [depth_of[(p, i)][0]]}
    return {k: v for k, v in found.items() if depth_of[k][1] == 0 or (k[0], depth_of[k][0]) in edge_found}


@dataclass(frozen=True)
class _Frame:
    """Per column slot: left and right text edges, body size and line pitch."""

    left: dict[int, float]
    right: dict[int, float]
    size: float
    pitch: float
    indent_style: bool
    gap_style: bool
    face: str  # the body's font (the most characters are set in it)


def _mode_edge(values: list[float], *, low: bool) -> float:
    """The left (right) text edge: the smallest (largest) position shared by at least 5%
    of the lines (2 at least), so one stray line does not move the margin."""
    counts = Counter(round(v) for v in values)
    need = max(2, len(values) // 20)
    common = [v for v, n in counts.items() if n >= need] or list(counts)
    return float(min(common) if low else max(common))


def _frame(lines: list[Line]) -> _Frame:
    by_col: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        by_col[ln.column].append(ln)
    left = {c: _mode_edge([ln.x0 for ln in ls], low=True) for c, ls in by_col.items()}
    right = {c: _mode_edge([ln.x1 for ln in ls], low=False) for c, ls in by_col.items()}
    sizes = Counter(round(ln.size, 1) for ln in lines for _ in range(max(1, len(ln.text))))
    size = sizes.most_common(1)[0][0] if sizes else 10.0
    gaps = [
        a.baseline - b.baseline
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and a.column == b.column and _same_size(a.size, size) and _same_size(b.size, size)
        and a.baseline > b.baseline
    ]
    pitch = statistics.median(gaps) if gaps else 1.4 * size
    indents = spaced = clear = 0
    for a, b in itertools.pairwise(lines):
        if a.page != b.page or a.column != b.column or not _SENTENCE_END.search(a.text):
            continue
        if right[a.column] - a.x1 < 4 * a.em or starts_paragraph(b.text):
            continue
        clear += 1
        indents += (b.x0 - left[b.column]) >= INDENT_EM * b.em
        spaced += (a.baseline - b.baseline) > GAP_RATIO * pitch
    faces = Counter(font for ln in lines if len(ln.fonts) == 1 for font in ln.fonts for _ in ln.text)
    return _Frame(left, right, size, pitch,
                  indent_style=clear >= 2 and indents * 2 >= clear,
                  gap_style=clear >= 2 and spaced * 2 >= clear,
                  face=faces.most_common(1)[0][0] if faces else "")


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= 0.12 * max(a, b, 1.0)


def _breaks(a: Line, b: Line, f: _Frame, a_starts: bool) -> bool:
    """Does a new paragraph start at ``b`` (the line after ``a``, which opened a paragraph
    when ``a_starts``)? See the module doc."""
    same_flow = a.page == b.page and a.column == b.column and a.baseline > b.baseline
    ends = bool(_SENTENCE_END.search(a.text))
    body_a, body_b = _same_size(a.size, f.size), _same_size(b.size, f.size)
    if not _same_size(a.size, b.size):
        return True
    if not body_a and not body_b:  # a wrapped title or heading set larger than the body
        return ends or starts_paragraph(b.text)
    if same_flow and a.baseline - b.baseline > GAP_RATIO * f.pitch:
        return True
    left = f.left.get(b.column, b.x0)
    if a.fonts and b.fonts and not a.fonts & b.fonts:  # set wholly in different faces
        # a new paragraph, unless it is the body of a run-in heading that ended with its
        # sentence at a line's end: paragraphs marked by first-line indents, and this line
        # in the body face and not indented (the rules below still see a short line)
        if not (ends and f.indent_style and f.face in b.fonts and b.x0 - left < INDENT_EM * b.em):
            return True
    right = f.right.get(a.column, a.x1)
    if _centered(b, left, right) and not ends and not starts_paragraph(b.text):
        # a centred block wrapped into balanced lines of similar width continues; any other
        # centred line starts anew (a speaker line under a full-width occasion line)
        return not (_centered(a, left, right) and abs((a.x1 - a.x0) - (b.x1 - b.x0)) <= 2 * b.em)
    if ends and starts_paragraph(b.text):
        return True
    if b.x0 - left >= INDENT_EM * b.em:
        if b.x0 - a.x0 >= 0.5 * b.em:  # indented against a continuation line
            return True
        if a_starts and abs(b.x0 - a.x0) < 0.5 * b.em:  # two first lines indented alike
            return True
    if right - a.x1 >= b.first + 0.5 * a.em:
        return True
    if ends and not f.indent_style and (not f.gap_style or not same_flow):
        return True
    return False


def _centered(ln: Line, left: float, right: float) -> bool:
    """Set in the middle of the column: equal room on both sides, more than a first-line
    indent of it (an indented line that stops two ems short is not centred)."""
    before, after = ln.x0 - left, right - ln.x1
    return before >= 2.5 * ln.em and abs(before - after) <= 0.75 * ln.em


def _join(left: str, right: str) -> str:
    """Two lines of one paragraph: Chinese joins as is; a space goes back only between
    words of Latin prose (a line that has word spaces near the break), never inside a
    number split across lines (CJK layouts break ``2405.16`` anywhere)."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if is_cjk(a) or is_cjk(b) or a.isspace() or b.isspace() or a in "-‐/":
        return left + right
    if (a.isdigit() and b.isdigit()) or b in "%‰.,;:!?)]}":
        return left + right
    if " " not in left[-24:] and " " not in right[:24]:
        return left + right
    return f"{left} {right}"


def rebuild(pages: list[list[Line]]) -> tuple[list[Paragraph], list[Edit]]:
    """Paragraphs of the document and the furniture-removal Edits (lines numbered from 1
    in reading order over the whole document, furniture included)."""
    furniture = _furniture(pages)
    edits: list[Edit] = []
    body: list[tuple[int, Line]] = []
    number = 0
    for p, lines in enumerate(pages):
        for i, ln in enumerate(lines):
            number += 1
            rule = furniture.get((p, i))
            if rule is not None:
                edits.append(Edit(STEP, rule, "remove", None, ln.text, "", None, number))
            elif ln.text:
                body.append((number, ln))
    if not body:
        return [], edits
    frame = _frame([ln for _, ln in body])
    paras: list[Paragraph] = []
    prev: Line | None = None
    for no, ln in body:
        if prev is None or _breaks(prev, ln, frame, len(paras[-1].lines) == 1):
            paras.append(Paragraph(ln.text, [no], [ln.text], ln.page))
        else:
            cur = paras[-1]
            cur.text = _join(cur.text, ln.text)
            cur.lines.append(no)
            cur.raw.append(ln.text)
        prev = ln
    return paras, edits


__all__ = ["STEP", "TABLE", "Paragraph", "page_number_rule", "rebuild", "rules", "starts_paragraph"]
