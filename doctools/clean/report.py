"""What the cleaner found and changed, summarised for ``doctools inspect`` (pure data).

Kept apart from the CLI so the numbers are testable and other commands (export, batch
reports) can reuse them without rich.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from doctools.model import Document, Edit


@dataclass(frozen=True)
class Removal:
    lines: tuple[int, ...]  # source lines removed (consecutive group)
    text: str  # first removed text (shortened by the renderer)
    rule: str
    kept: tuple[int, ...] = ()  # source lines of the kept copy (duplicates)


@dataclass(frozen=True)
class Summary:
    title: str
    source: str | None
    encoding: str | None
    script: str
    language: str
    script_counts: dict[str, str]
    kinds: dict[str, int]
    outline: tuple[tuple[int, str, str, int | None, bool], ...]  # level, label, text, line, run_in
    leads: int
    chrome: tuple[Removal, ...]
    duplicates: tuple[Removal, ...]
    punctuation: int
    punctuation_marks: dict[str, int]
    whitespace: int
    salutations: tuple[str, ...] = ()
    subtitles: tuple[str, ...] = ()
    lossless: str | None = "not checked"  # None: checked and lossless; else what differs
    lossless_skipped: str = ""  # why the check was not run (e.g. the input is a saved model)
    notices: tuple[str, ...] = field(default=())


def _groups(edits: list[Edit]) -> list[list[Edit]]:
    """Consecutive-line groups of removals of the same kind of rule."""
    out: list[list[Edit]] = []
    for e in edits:
        if (
            out
            and e.line is not None
            and out[-1][-1].line is not None
            and e.line == out[-1][-1].line + 1
            and e.rule.split(":")[0] == out[-1][-1].rule.split(":")[0]
        ):
            out[-1].append(e)
        else:
            out.append([e])
    return out


def _kept_line(rule: str) -> int | None:
    _, _, first = rule.partition(":first=")
    return int(first) if first.isdigit() else None


def summarise(doc: Document, raw: Document | None = None, *, skipped: str = "") -> Summary:
    """The inspect summary of a cleaned Document.

    ``raw`` is the reader's Document of the *source file* (not a saved model, whose blocks
    are already cleaned): with it, losslessness is checked. Without it, ``skipped`` says why
    the check was not run.
    """
    from doctools.clean.lossless import check

    m = doc.metadata
    chrome = tuple(
        Removal((x.line,) if x.line is not None else (), x.before, x.rule)
        for x in doc.edits
        if x.step == "clean.chrome"
    )
    dups: list[Removal] = []
    for g in _groups([e for e in doc.edits if e.step == "clean.duplicates"]):
        kept = tuple(k for k in (_kept_line(e.rule) for e in g) if k is not None)
        lines = tuple(e.line for e in g if e.line is not None)
        dups.append(Removal(lines, g[0].before, g[0].rule.split(":")[0], kept))
    punct = [e for e in doc.edits if e.step == "clean.punctuation"]
    outline = tuple(
        (b.level or 0, b.label or "", b.text, b.lines[0] if b.lines else None, b.run_in) for b in doc.headings()
    )
    notices = tuple(
        f"{n.level}: {n.message}" + (f" (line {n.line})" if n.line else "") for n in doc.notices
    )
    return Summary(
        title=m.title,
        source=m.source_path,
        encoding=m.encoding,
        script=m.script,
        language=m.language,
        script_counts={k.removeprefix("script."): v for k, v in m.extra.items() if k.startswith("script.")},
        kinds=dict(Counter(b.kind for b in doc.blocks)),
        outline=outline,
        leads=sum(1 for b in doc.blocks if b.lead),
        chrome=chrome,
        duplicates=tuple(dups),
        punctuation=len(punct),
        punctuation_marks=dict(Counter(e.after for e in punct).most_common()),
        whitespace=sum(1 for e in doc.edits if e.step == "clean.whitespace"),
        salutations=tuple(b.text for b in doc.blocks if b.kind == "salutation"),
        subtitles=tuple(b.text for b in doc.blocks if b.kind == "subtitle"),
        lossless=check(raw, doc) if raw is not None else "not checked",
        lossless_skipped="" if raw is not None else (skipped or "not checked"),
        notices=notices,
    )


def span(lines: tuple[int, ...]) -> str:
    """``29–43`` / ``7`` / ``3, 5``: a compact source-line range."""
    if not lines:
        return "-"
    if len(lines) > 1 and list(lines) == list(range(lines[0], lines[-1] + 1)):
        return f"{lines[0]}–{lines[-1]}"
    return ", ".join(str(n) for n in lines)


__all__ = ["Removal", "Summary", "span", "summarise"]
