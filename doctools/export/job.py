"""One document of a batch: read → clean → editions → review page, never raising.

Every stage is timed and guarded: doctools' own errors become a one-line message on the
document's entry (the batch goes on), anything else becomes "internal error in <stage>".
The document is ``failed`` when it cannot be read or cleaned, ``partial`` when an edition
failed or was skipped for a missing model, ``ok`` otherwise. Editions that make no sense
for a document (an English text has no Simplified edition) are ``n/a`` and do not count.
Heavy state (translator, fonts) lives in :data:`_WORKER` and is loaded once per process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from doctools.errors import DoctoolsError, InputError, ModelMissingError
from doctools.export.inputs import InputFile
from doctools.export.manifest import DocEntry, EditionResult, OutputEntry, sha256_file
from doctools.export.options import ExportOptions
from doctools.model import Document

Progress = Callable[[str, str], None]  # (document name, stage)

_WORKER: dict[str, Any] = {}


class _Stop(Exception):
    """The document cannot go on (read/clean failed)."""


def _han_share(doc: Document) -> float:
    text = "".join(b.text for b in doc.blocks)
    if not text:
        return 0.0
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf") / len(text)


class DocumentJob:
    """Runs the stages of one document and fills its manifest entry."""

    def __init__(self, item: InputFile, options: ExportOptions, progress: Progress | None = None) -> None:
        self.item = item
        self.opt = options
        self.progress = progress
        self.folder = options.out_dir / item.name
        self.entry = DocEntry(name=item.name, input=str(item.path))
        self.review: dict[str, Any] = {}

    # --- helpers -------------------------------------------------------------------------
    @contextmanager
    def stage(self, name: str, edition: str | None = None, fatal: bool = False) -> Iterator[None]:
        if self.progress:
            self.progress(self.item.name, name)
        t0 = time.perf_counter()
        try:
            yield
        except ModelMissingError as exc:
            self._fail(name, edition, str(exc), "skipped", fatal)
        except DoctoolsError as exc:
            self._fail(name, edition, str(exc), "failed", fatal)
        except MemoryError:
            self._fail(name, edition, "out of memory", "failed", fatal)
        except Exception as exc:  # a bug must not stop the batch
            self._fail(name, edition, f"internal error in {name}: {type(exc).__name__}: {exc}", "failed", fatal)
        finally:
            self.entry.timings[name] = round(self.entry.timings.get(name, 0.0) + time.perf_counter() - t0, 4)

    def _fail(self, stage: str, edition: str | None, message: str, status: str, fatal: bool) -> None:
        message = " ".join(message.split())
        if edition:
            self.entry.editions[edition] = EditionResult(status, message)
        (self.entry.warnings if status == "skipped" else self.entry.errors).append(
            f"{edition or stage}: {message}"
        )
        if fatal:
            raise _Stop(message)

    def out(self, edition: str, fmt: str) -> Path:
        return self.folder / f"{self.item.name}.{edition}.{fmt}"

    def record(self, path: Path, edition: str, fmt: str) -> None:
        self.entry.outputs.append(
            OutputEntry(
                path=path.relative_to(self.opt.out_dir).as_posix(),
                edition=edition,
                format=fmt,
                sha256=sha256_file(path),
                bytes=path.stat().st_size,
            )
        )

    def write_doc(self, doc: Document, edition: str, template: str) -> None:
        from doctools.writers import write_with_notices

        for fmt in self.opt.formats:
            path = self.out(edition, fmt)
            options: dict[str, Any] = {"template": template} if fmt in ("docx", "pdf") else {}
            _, notices = write_with_notices(doc, path, **options)
            self.record(path, edition, fmt)
            for n in notices:
                message = f"{edition}: {n.message}"
                if message not in self.entry.warnings:
                    self.entry.warnings.append(message)

    # --- the run -------------------------------------------------------------------------
    def run(self) -> DocEntry:
        try:
            self._run()
        except _Stop:
            pass
        e = self.entry
        self._settle_status()
        if e.status == "failed" and not e.editions:
            e.editions = {ed: EditionResult("failed", "document could not be read") for ed in self.opt.editions}
        return e

    def _settle_status(self) -> None:
        e = self.entry
        if e.errors and not e.outputs:
            e.status = "failed"
        elif e.errors or any(r.status in ("failed", "skipped") for r in e.editions.values()):
            e.status = "partial"
        else:
            e.status = "ok"

    def _run(self) -> None:
        from doctools.pipeline import load

        doc: Document | None = None
        with self.stage("read", fatal=True):
            path = self.item.path
            limit = int(self.opt.max_mb * 2**20)
            try:
                size = path.stat().st_size
            except OSError:
                size = 0  # read_path below gives the precise error
            if size > limit:
                raise InputError(
                    f"{path}: {size / 2**20:.1f} MB is over the {self.opt.max_mb:g} MB limit per document "
                    "(--max-mb to raise it)"
                )
            doc = load(path)
            self.entry.input_sha256 = doc.metadata.source_sha256  # every reader hashes the raw bytes
        assert doc is not None
        with self.stage("clean", fatal=True):
            from doctools.clean import clean

            doc = clean(doc)
        from doctools.serialize import to_json
        from doctools.writers._atomic import write_text

        model_path = self.folder / f"{self.item.name}.model.json"
        with self.stage("model", fatal=True):
            write_text(model_path, to_json(doc))
            self.record(model_path, "model", "json")
        self.review["model"] = doc
        chinese = _han_share(doc) >= 0.05
        simplified: Document | None = None
        for edition in self.opt.editions:
            if not chinese and edition != "en":
                self.entry.editions[edition] = EditionResult("n/a", "not a Chinese document")
                continue
            if edition == "zh-Hans":
                with self.stage("convert", edition):
                    simplified = self._simplified(doc)
                    self.write_doc(simplified, edition, self.opt.template)
                    self.entry.editions[edition] = EditionResult("ok")
            elif edition in ("zh-Hant-TW", "zh-Hant-HK"):
                with self.stage("convert", edition):
                    from doctools.convert import to_traditional

                    trad = to_traditional(self._simplified(doc), region=edition.rsplit("-", 1)[1])
                    self.write_doc(trad, edition, self.opt.template)
                    self.entry.editions[edition] = EditionResult("ok")
            elif edition == "en":
                if not chinese:
                    self.entry.editions[edition] = EditionResult("n/a", "the document is not Chinese")
                    continue
                with self.stage("translate", edition):
                    self._english(doc)
            elif edition == "brief":
                with self.stage("brief", edition):
                    self._brief(doc)
        with self.stage("review"):
            from doctools.export.review import render_review

            self._settle_status()  # the page shows the status the manifest will record
            path = self.folder / f"{self.item.name}.review.html"
            write_text(path, render_review(self.entry, self.review))
            self.record(path, "review", "html")

    def _simplified(self, doc: Document) -> Document:
        cached = self.review.get("zh-Hans")
        if isinstance(cached, Document):
            return cached
        from doctools.convert import to_simplified

        terms = None
        if self.opt.terms:
            from doctools.convert import load_terms

            terms = load_terms([Path(p) for p in self.opt.terms])
        result: Document = to_simplified(doc, terms=terms) if terms is not None else to_simplified(doc)
        self.review["zh-Hans"] = result
        return result

    def _english(self, doc: Document) -> None:
        from doctools.translate import translate_document

        translator = _translator()
        source = self._simplified(doc)
        options: dict[str, Any] = {"translator": translator, "cache": self.opt.cache}
        if self.opt.glossary:
            from doctools.translate import load_glossary

            options["glossary"] = load_glossary([Path(p) for p in self.opt.glossary])
        english, qa = translate_document(source, **options)
        self.review["qa"] = qa
        self.entry.qa_severe = int(getattr(qa, "severe", 0) or 0)
        self.write_doc(english, "en", self.opt.template_en)
        self.entry.editions["en"] = EditionResult(
            "ok", f"{self.entry.qa_severe} severe QA flag(s)" if self.entry.qa_severe else ""
        )

    def _brief(self, doc: Document) -> None:
        from doctools.brief import make_brief, write_brief

        brief = make_brief(self._simplified(doc))
        self.review["brief"] = brief
        fmts = tuple(f for f in self.opt.formats if f in ("docx", "pdf", "json", "md"))
        translator, reason = None, ""
        if "en" in self.opt.brief_langs:
            try:
                translator = _translator()
            except ModelMissingError as exc:
                reason = str(exc)
        paths = write_brief(brief, self.folder, self.item.name, self.opt.brief_langs, fmts,
                            translator=translator, missing_reason=reason)
        for p in paths:
            edition = p.name[len(self.item.name) + 1 : -len(p.suffix)]  # "brief", "brief.en", …
            self.record(p, edition, p.suffix.lstrip("."))
        self.entry.editions["brief"] = EditionResult("ok")


def _translator() -> Any:
    """The zh→en translator of this worker, loaded once (ModelMissingError when none)."""
    if "translator" not in _WORKER:
        try:
            from doctools.translate import load_translator

            _WORKER["translator"] = load_translator("zh", "en")
        except ModelMissingError as exc:
            _WORKER["translator"] = exc
    value = _WORKER["translator"]
    if isinstance(value, Exception):
        raise value
    return value


def warm_up(options: ExportOptions) -> None:
    """Load heavy things once per worker process so documents do not pay for them."""
    for name in ("doctools.clean", "doctools.convert", "doctools.writers.pdf", "doctools.writers.docx"):
        try:
            __import__(name)
        except Exception:  # a stage reports its own failure later
            continue
    if "en" in options.editions:
        try:
            _translator()
        except Exception:  # reported per document by the en stage
            pass


def run_document(item: InputFile, options: ExportOptions, progress: Progress | None = None) -> DocEntry:
    return DocumentJob(item, options, progress).run()


__all__ = ["DocumentJob", "run_document", "warm_up"]
