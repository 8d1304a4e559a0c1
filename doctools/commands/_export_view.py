"""What ``doctools export`` shows: a rich progress bar with per-document stage and ETA,
then a summary table. Kept apart from the runner, which knows nothing about terminals."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from doctools.export.inputs import InputFile
from doctools.export.manifest import DocEntry, Manifest

_STYLE = {"ok": "green", "partial": "yellow", "failed": "red", "skipped": "yellow", "cancelled": "magenta"}


class BatchView:
    def __init__(self, inputs: tuple[InputFile, ...], quiet: bool, verbose: bool) -> None:
        self.console = Console(stderr=True)
        self.quiet = quiet
        self.verbose = verbose
        self.total = len(inputs)
        self.progress = Progress(
            TextColumn("[bold]export"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[stage]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
            disable=quiet,
        )
        self.task = self.progress.add_task("export", total=self.total, stage="")
        self.stages: dict[str, str] = {}

    def __enter__(self) -> BatchView:
        self.progress.__enter__()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.progress.__exit__(et, ev, tb)

    def event(self, kind: str, name: str, payload: Any) -> None:
        if kind == "start":
            self.stages[name] = "queued"
        elif kind == "stage":
            self.stages[name] = str(payload)
        elif kind == "done":
            self.stages.pop(name, None)
            self.progress.advance(self.task)
            entry: DocEntry = payload
            if not self.quiet and entry.status != "ok":
                first = (entry.errors or entry.warnings or [""])[0]
                style = _STYLE.get(entry.status, "white")
                self.console.print(f"[{style}]{entry.status}[/] {name}: {first}", markup=True, highlight=False)
        running = ", ".join(f"{n}: {s}" for n, s in list(self.stages.items())[:3])
        self.progress.update(self.task, stage=running)

    def summary(self, manifest: Manifest, out_dir: Path) -> None:
        c = Console()
        s = manifest.summary()
        if not self.quiet:
            t = Table(title=f"doctools export → {out_dir}/", show_lines=False)
            t.add_column("document", overflow="fold")
            t.add_column("status", no_wrap=True)
            t.add_column("editions", no_wrap=True)
            t.add_column("files", justify="right")
            t.add_column("time s", justify="right")
            t.add_column("message", overflow="ellipsis", no_wrap=True, max_width=max(16, c.width - 62))
            for d in manifest.documents.values():
                eds = "\n".join(f"{k}: {v.status}" for k, v in d.editions.items())
                msg = (d.errors or d.warnings or [""])[0]
                status = f"[{_STYLE.get(d.status, 'white')}]{d.status}[/]" + (" (reused)" if d.reused else "")
                t.add_row(d.name, status, eds, str(len(d.outputs)), f"{sum(d.timings.values()):.1f}", msg)
            c.print(t)
            skipped = [n for n in manifest.notes if n.startswith("skipped ")]
            for note in manifest.notes:
                if self.verbose or note not in skipped:
                    c.print(f"note: {note}", highlight=False)
            if skipped and not self.verbose:
                c.print(f"note: {len(skipped)} file(s) skipped: unsupported types, special files or links "
                        "(--verbose lists them)",
                        highlight=False)
            if self.verbose:
                for d in manifest.documents.values():
                    for o in d.outputs:
                        c.print(f"  {out_dir / o.path}", highlight=False)
                    for w in d.warnings:
                        c.print(f"  [yellow]warning[/] {d.name}: {w}", highlight=False)
        reused = f" ({s['reused']} reused)" if s["reused"] else ""
        extra = "".join(f", {s[k]} {k}" for k in ("skipped", "cancelled") if s.get(k))
        c.print(
            f"{s['ok']} ok, {s['partial']} partial, {s['failed']} failed{extra}{reused}; "
            f"manifest: {out_dir / 'manifest.json'}",
            highlight=False,
        )
