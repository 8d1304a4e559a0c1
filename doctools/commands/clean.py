"""``doctools clean`` and ``doctools inspect``: read + clean one document, write or show it.

``clean INPUT -o OUT`` writes the format OUT's suffix names (.json model, .txt, .md, and
.docx/.pdf once those writers exist). Without ``-o`` it prints to stdout: the indented
tree dump by default (what a reviewer reads), or ``--to txt|md|json``.
``inspect INPUT`` prints one screen: encoding and script, blocks by kind, the heading
outline, chrome and duplicates removed (source line numbers), punctuation fixes, notices.
Heavy imports (rich, opencc via the cleaner) happen inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from doctools.errors import InputError

if TYPE_CHECKING:
    from doctools.clean.report import Summary
    from doctools.model import Document


def _load_clean(path: str, disable: tuple[str, ...] = ()) -> tuple[Document, Document]:
    """(raw, cleaned); InputError when nothing but chrome was there."""
    from doctools.clean import CLEAN_CHAIN, clean
    from doctools.pipeline import load

    raw = load(path)
    out = clean(raw, CLEAN_CHAIN.without(disable) if disable else CLEAN_CHAIN)
    if not out.blocks:
        raise InputError(f"{path}: no body text left after cleaning (every line was chrome)")
    return raw, out


def _step_names() -> list[str]:
    """CLEAN_CHAIN's step names, spelled out so importing this module stays cheap (tested)."""
    return [
        "clean.controls",
        "clean.whitespace",
        "clean.chrome",
        "clean.duplicates",
        "clean.punctuation",
        "clean.structure",
        "clean.truncation",
        "clean.script",
    ]


@click.command("clean")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False, path_type=str),
    help="Write here; the suffix picks the format (.json .txt .md …).",
)
@click.option(
    "--to", "to", type=click.Choice(["tree", "txt", "md", "json"]), default="tree", show_default=True,
    help="Stdout format when no -o is given.",
)
@click.option("--disable", multiple=True, type=click.Choice(_step_names()), help="Skip a cleaning step (repeatable).")
def clean(input_path: str, output: str | None, to: str, disable: tuple[str, ...]) -> None:
    """Read INPUT, clean it, and write the model or a text projection.

    With -o the output's suffix picks the format: .json (the model with every edit),
    .txt (one block per line, title first), .md (Markdown with headings). Without -o the
    indented block tree is printed (or --to txt|md|json). Exit 1 with a one-line message
    when INPUT cannot be read or holds no text.
    """
    _, doc = _load_clean(input_path, disable)
    if output:
        from doctools.writers import write

        path = write(doc, Path(output))
        click.echo(f"wrote {path} ({len(doc.blocks)} blocks, {len(doc.edits)} edits)", err=True)
        return
    if to == "tree":
        from doctools.serialize import tree

        click.echo(tree(doc))
    else:
        from doctools.writers.text import RENDERERS

        click.echo(RENDERERS[f".{to}"](doc), nl=False)


@click.command("inspect")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=str))
@click.option("--width", type=int, default=None, help="Console width (default: the terminal's).")
def inspect(input_path: str, width: int | None) -> None:
    """Show what the reader detected and what the cleaner removed and changed."""
    from doctools.clean.report import summarise

    raw, doc = _load_clean(input_path)
    if Path(input_path).suffix.lower() != ".json":
        _render(summarise(doc, raw), width=width)
        return
    # a saved model: its blocks are already cleaned, so they are not the "raw" side of the
    # lossless check; the source file it names is, if it is still there unchanged
    source, why = _model_source(raw, Path(input_path))
    _render(summarise(doc, source, skipped=why), width=width)


def _model_source(model: Document, model_path: Path) -> tuple[Document | None, str]:
    """The raw source Document a saved model was cleaned from, or (None, why not)."""
    import hashlib

    from doctools.pipeline import load

    m = model.metadata
    if m.edition:
        return None, f"input is a model of the {m.edition} edition: not checked"
    if not m.source_path:
        return None, "input is a model that names no source file: not checked"
    named = Path(m.source_path)
    found = next((p for p in (named, model_path.parent / named.name) if p.is_file()), None)
    if found is None or found.suffix.lower() == ".json":
        return None, f"input is a model; its source {m.source_path} is not here: not checked"
    data = found.read_bytes()
    if m.source_sha256 and hashlib.sha256(data).hexdigest() != m.source_sha256:
        return None, f"input is a model; its source {found} changed since: not checked"
    try:
        return load(found), ""
    except InputError as exc:
        return None, f"input is a model; its source is unreadable ({exc}): not checked"


OUTLINE_LEVELS = 2  # deeper headings are counted, not listed: inspect stays one screen
MAX_ROWS = 12


def _short(text: str, n: int = 28) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _render(s: Summary, width: int | None = None) -> None:
    """One screen of rich output for a Summary."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.tree import Tree

    from doctools.clean.report import span

    con = Console(width=width, highlight=False, soft_wrap=False)
    counts = s.script_counts
    script_detail = (
        f" ({counts.get('traditional', '?')} Traditional-only / {counts.get('simplified', '?')} "
        f"Simplified-only of {counts.get('han', '?')} Han characters)"
        if counts.get("han", "0") != "0"
        else ""
    )
    con.print(f"[bold]{escape(s.source or '-')}[/bold]")
    con.print(f"  encoding [cyan]{escape(s.encoding or '-')}[/cyan] · script [cyan]{s.script}[/cyan]"
              f"{script_detail} · language [cyan]{s.language}[/cyan]")
    con.print(f"  title [bold green]{escape(s.title) or '[red](none found)[/red]'}[/bold green]")
    for sub in s.subtitles:
        con.print(f"  subtitle {escape(sub)}")
    sal = " · ".join(escape(x) for x in s.salutations) or "[yellow](none found)[/yellow]"
    con.print(f"  salutation {sal}")
    kinds = " · ".join(f"{k} {v}" for k, v in s.kinds.items())
    con.print(f"  blocks: {kinds} · paragraphs with a lead sentence {s.leads}")

    shown = [h for h in s.outline if h[0] <= OUTLINE_LEVELS]
    deeper = len(s.outline) - len(shown)
    by_level = " · ".join(
        f"level {lv} {sum(1 for h in s.outline if h[0] == lv)}" for lv in sorted({h[0] for h in s.outline})
    )
    tree = Tree(f"[bold]headings[/bold] ({len(s.outline)}{': ' + by_level if by_level else ''})"
                + (f" [dim]— levels > {OUTLINE_LEVELS} not shown ({deeper})[/dim]" if deeper else ""))
    stack: list[tuple[int, Tree]] = [(0, tree)]
    for level, label, text, line, run_in in shown:
        while stack[-1][0] >= level:
            stack.pop()
        node = stack[-1][1].add(
            f"{escape(label)}{escape(_short(text, 30))} [dim]h{level} line {line or '-'}"
            f"{' run-in' if run_in else ''}[/dim]"
        )
        stack.append((level, node))
    con.print(tree)

    t = Table(title=None, show_header=True, header_style="bold", box=None, pad_edge=False)
    t.add_column("removed", style="yellow")
    t.add_column("lines", justify="right")
    t.add_column("text")
    t.add_column("rule / kept copy", style="dim")
    for r in s.chrome[:MAX_ROWS]:
        t.add_row("chrome", span(r.lines), escape(_short(r.text)), escape(r.rule))
    if len(s.chrome) > MAX_ROWS:
        t.add_row("chrome", "…", f"{len(s.chrome) - MAX_ROWS} more (see the JSON model's edits)", "")
    for r in s.duplicates:
        kept = f"copy of line {span(r.kept)}" if r.kept else r.rule
        t.add_row("duplicate", span(r.lines), escape(_short(r.text)), f"{escape(r.rule)}: {kept}")
    if s.chrome or s.duplicates:
        con.print(t)
    n_dup = sum(len(r.lines) for r in s.duplicates)
    con.print(f"  chrome lines removed {len(s.chrome)} · duplicate lines removed {n_dup}")
    marks = " ".join(f"{k}×{v}" for k, v in s.punctuation_marks.items())
    con.print(f"  punctuation fixes {s.punctuation}{f' ({marks})' if marks else ''} · "
              f"whitespace fixes {s.whitespace} blocks")
    if s.lossless_skipped:
        con.print(f"  lossless: [yellow]{escape(s.lossless_skipped)}[/yellow]")
    elif s.lossless is None:
        con.print("  lossless: [green]ok[/green] (every kept line's text is in the model, in order)")
    else:
        con.print(f"  lossless: [red]FAILED[/red] {escape(s.lossless)}")
    if s.notices:
        con.print(f"[bold yellow]notices ({len(s.notices)})[/bold yellow]")
        for n in s.notices[:8]:
            con.print(f"  {escape(n)}")
        if len(s.notices) > 8:
            con.print(f"  … {len(s.notices) - 8} more (see the JSON model)")
    else:
        con.print("  notices: none")
