"""The main job: batch export of every edition of many documents (``doctools export``).

    from doctools.export import ExportOptions, export
    manifest = export(["reports/"], ExportOptions(out_dir=Path("out"), jobs=2))

Per document: ``OUTDIR/<name>/<name>.model.json``, ``<name>.<edition>.<ext>`` for each
edition and format, ``<name>.review.html``; per batch ``OUTDIR/manifest.json``.
"""

from __future__ import annotations

from doctools.export.inputs import discover
from doctools.export.manifest import Manifest
from doctools.export.options import ExportOptions
from doctools.export.runner import Events, run_batch


def export(paths: list[str], options: ExportOptions, events: Events | None = None) -> Manifest:
    """Discover inputs and run the batch; OutputError only when out_dir is unusable."""
    found = discover(paths, options.include, options.exclude)
    return run_batch(found.inputs, options, found.notes, events)


__all__ = ["ExportOptions", "Manifest", "export"]
