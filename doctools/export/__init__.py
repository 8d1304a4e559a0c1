"""The main job: batch export of every edition of many documents (``doctools export``).

    from doctools.export import Batch, export
    from doctools.options import Options
    manifest = export(["reports/"], Batch(out_dir=Path("out"), options=Options(), jobs=2))

Per document: ``OUTDIR/<name>/<name>.model.json``, ``<name>.<edition>.<ext>`` for each
edition and format, ``<name>.review.html``; per batch ``OUTDIR/manifest.json``. What a
document becomes is decided by :mod:`doctools.pipeline`; this package finds the inputs,
runs them on an executor (local processes or Ray) and owns the output folder.
"""

from __future__ import annotations

from doctools.export.inputs import discover
from doctools.export.manifest import Manifest
from doctools.export.runner import Batch, Events, run_batch


def export(paths: list[str], batch: Batch, events: Events | None = None, include: tuple[str, ...] = (),
           exclude: tuple[str, ...] = ()) -> Manifest:
    """Discover inputs and run the batch; OutputError only when out_dir is unusable."""
    found = discover(paths, include, exclude, out_dir=batch.out_dir)
    return run_batch(found.inputs, batch, found.notes, events)


__all__ = ["Batch", "Manifest", "export"]
