"""One document, start to finish: the single place that decides what is made and how.

::

    result = run(source, options, context)      # never raises for a bad document

read → clean → model JSON → editions → review page. The decisions live here and nowhere
else: whether a document is Chinese (its metadata, set by ``clean.script``), that every
derived edition starts from the Simplified one (so ``translate``, ``brief`` and ``export``
agree), which translator and settings serve the English and the brief, what each output
is called, and what status each edition gets (ok / partial / failed / skipped / n/a, with
a one-line reason). Commands and executors (the CLI process, local worker processes, Ray
actors) call :func:`run` and only write what it returns: every file comes back as a
:class:`~doctools.results.Payload`, so the driver owns the disk.

Every stage is timed and guarded: doctools' own errors become one line on the document's
record, anything else "internal error in <stage>"; the document's time budget
(``Options.timeout``) turns a runaway document into a one-line failure.
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from doctools.context import Context
from doctools.errors import DoctoolsError, InputError, ModelMissingError
from doctools.model import Document, Notice
from doctools.options import Options
from doctools.results import DocEntry, DocumentResult, EditionResult, OutputEntry, Payload

Progress = Callable[[str, str], None]  # (document name, stage)

RETRIED = "retried once: the worker running it died"


@dataclass(frozen=True)
class Source:
    """One input: ``name`` (the output name, already safe), ``path`` as given, and its bytes
    when the driver read them (None: read ``path`` here, within ``Options.max_mb``)."""

    name: str
    path: str
    data: bytes | None = None


class DocumentTimeout(BaseException):
    """The document's time budget ran out (a BaseException: no ``except Exception`` inside
    a stage may swallow it)."""


class _Stop(Exception):
    """The document cannot go on (it cannot be read or cleaned)."""


def output_path(name: str, edition: str, fmt: str) -> str:
    """Where an output goes, relative to the output folder: ``<name>/<name>.<edition>.<fmt>``."""
    return f"{name}/{name}.{edition}.{fmt}"


def read_source(source: Source, max_bytes: int) -> Document:
    """The raw Document of a source (a saved ``.json`` model is taken as it is)."""
    from doctools.readers import read_bytes, read_data

    path = Path(source.path)
    data = source.data if source.data is not None else read_bytes(path, max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"{path}: {len(data) / 2**20:.1f} MB is over the {max_bytes / 2**20:g} MB limit per "
                         "document (--max-mb to raise it)")
    if path.suffix.lower() == ".json":
        from doctools.serialize import from_json

        try:
            doc = from_json(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: model JSON is not UTF-8") from exc
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from exc
    else:
        doc = read_data(data, path)
    return doc


def load(path: str | Path) -> Document:
    """A raw Document from an input file, or a saved model from ``*.json`` (library API)."""
    from doctools.readers import MAX_BYTES

    return read_source(Source(Path(path).stem, str(path)), MAX_BYTES)


def load_clean(path: str | Path) -> Document:
    """Load and clean (a saved model is cleaned again, which changes nothing: idempotent)."""
    from doctools.clean import clean

    return clean(load(path))


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this thread after ``seconds`` (SIGALRM; only in the main
    thread — elsewhere the executor's hard limit applies)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum: int, frame: Any) -> None:
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def failed(source: Source, message: str) -> DocumentResult:
    """The result of a document an executor could not run (its worker died, it overran)."""
    return DocumentResult(DocEntry(name=source.name, input=source.path, status="failed", errors=[message]))


def run(source: Source, options: Options, context: Context, progress: Progress | None = None) -> DocumentResult:
    """Make every edition ``options`` asks for; never raises for a bad document (only
    KeyboardInterrupt passes through)."""
    return _Run(source, options, context, progress).go()


class _Run:
    def __init__(self, source: Source, options: Options, context: Context, progress: Progress | None) -> None:
        self.src = source
        self.opt = options
        self.ctx = context
        self.progress = progress
        self.entry = DocEntry(name=source.name, input=source.path)
        self.payloads: list[Payload] = []
        self.docs: dict[str, Any] = {}
        self.stage_name = "read"

    # --- guarded stages ---------------------------------------------------------------------
    @contextlib.contextmanager
    def stage(self, name: str, edition: str | None = None, fatal: bool = False) -> Iterator[None]:
        self.stage_name = name
        if self.progress:
            self.progress(self.src.name, name)
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            yield
        except ModelMissingError as exc:
            self._fail(name, edition, str(exc), "skipped", fatal)
        except DoctoolsError as exc:
            self._fail(name, edition, str(exc), "failed", fatal)
        except MemoryError:
            self._fail(name, edition, "out of memory", "failed", fatal)
        except RecursionError:
            self._fail(name, edition, "input nested too deeply", "failed", fatal)
        except Exception as exc:  # a bug must not stop the batch
            self._fail(name, edition, f"internal error in {name}: {type(exc).__name__}: {exc}", "failed", fatal)
        finally:
            self.entry.timings[name] = round(self.entry.timings.get(name, 0.0) + time.perf_counter() - t0, 4)
            self.entry.cpu[name] = round(self.entry.cpu.get(name, 0.0) + time.process_time() - c0, 4)

    def _fail(self, stage: str, edition: str | None, message: str, status: str, fatal: bool) -> None:
        message = " ".join(message.split())
        if edition:
            self.entry.editions[edition] = EditionResult(status, message)
        (self.entry.warnings if status == "skipped" else self.entry.errors).append(f"{edition or stage}: {message}")
        if fatal:
            raise _Stop(message)

    def warn(self, message: str) -> None:
        message = " ".join(message.split())
        if message not in self.entry.warnings:
            self.entry.warnings.append(message)

    # --- outputs ------------------------------------------------------------------------------
    def add(self, rel: str, edition: str, fmt: str, data: bytes) -> None:
        self.payloads.append(Payload(rel, edition, fmt, data))
        self.entry.outputs.append(OutputEntry(rel, edition, fmt, hashlib.sha256(data).hexdigest(), len(data)))

    def render(self, doc: Document, edition: str, template: str) -> None:
        """Every asked format of an edition, as payloads; writer warnings go on the record."""
        for fmt in self.opt.formats:
            data, notices = _render(doc, fmt, template, self.opt.reference_docx)
            self.add(output_path(self.src.name, edition, fmt), edition, fmt, data)
            for n in notices:
                self.warn(f"{edition}: {n.message}")

    # --- the run ------------------------------------------------------------------------------
    def go(self) -> DocumentResult:
        try:
            with _time_budget(self.opt.timeout):
                self._run()
        except _Stop:
            pass
        except DocumentTimeout:
            self.payloads.clear()
            self.entry.outputs.clear()
            self.entry.errors.append(f"{self.stage_name}: timed out after {self.opt.timeout:g} s "
                                     "(--timeout-per-doc to allow more)")
            for ed in self.opt.editions:  # nothing of the document is written: no edition is ok
                self.entry.editions[ed] = EditionResult("failed", "timed out")
        self._settle()
        e = self.entry
        if e.status == "failed" and not e.editions:
            e.editions = {ed: EditionResult("failed", "document could not be read") for ed in self.opt.editions}
        return DocumentResult(e, self.payloads, self.docs if self.opt.keep_documents else {})

    def _settle(self) -> None:
        e = self.entry
        statuses = [r.status for r in e.editions.values()]
        if e.errors and not e.outputs:
            e.status = "failed"
        elif statuses and all(s == "n/a" for s in statuses):
            e.status = "skipped"  # nothing this document could be made into (not Chinese)
        elif e.errors or any(s in ("failed", "skipped", "partial") for s in statuses):
            e.status = "partial"
        else:
            e.status = "ok"

    def _run(self) -> None:
        with self.stage("read", fatal=True):
            raw = read_source(self.src, self.opt.max_bytes)
            self.entry.input_sha256 = raw.metadata.source_sha256 or (
                hashlib.sha256(self.src.data).hexdigest() if self.src.data is not None else None)
        with self.stage("clean", fatal=True):
            from doctools.clean import clean

            # a saved model is taken as it is (it may be a derived edition, already final)
            doc = raw if Path(self.src.path).suffix.lower() == ".json" else clean(raw)
        self.docs["model"] = doc
        with self.stage("model", fatal=True):
            from doctools.serialize import to_json

            self.add(f"{self.src.name}/{self.src.name}.model.json", "model", "json", to_json(doc).encode("utf-8"))
        if self.opt.source_edition:
            with self.stage("render", "source"):
                self.render(doc, "source", self.opt.template)
                self.entry.editions["source"] = EditionResult("ok")
        from doctools.clean.script import is_chinese

        chinese = is_chinese(doc)
        if not chinese and self.opt.editions:
            self.warn(f"not a Chinese document (script {doc.metadata.script}): nothing to make")
        for edition in self.opt.editions:
            if not chinese:
                self.entry.editions[edition] = EditionResult("n/a", "not a Chinese document")
            elif edition == "zh-Hans":
                with self.stage("convert", edition):
                    self.render(self.simplified(doc), edition, self.opt.template)
                    self.entry.editions[edition] = EditionResult("ok")
            elif edition in ("zh-Hant-TW", "zh-Hant-HK"):
                with self.stage("convert", edition):
                    from doctools.convert import to_traditional

                    trad = to_traditional(self.simplified(doc), region=edition.rsplit("-", 1)[1])
                    self.docs[edition] = trad
                    self.render(trad, edition, self.opt.template)
                    self.entry.editions[edition] = EditionResult("ok")
            elif edition == "en":
                with self.stage("translate", edition):
                    self.english(doc)
            elif edition == "brief":
                with self.stage("brief", edition):
                    self.brief(doc)
        if self.opt.review:
            with self.stage("review"):
                self.review()

    # --- editions -----------------------------------------------------------------------------
    def simplified(self, doc: Document) -> Document:
        """The Simplified edition, made once: every other edition starts from it."""
        cached = self.docs.get("zh-Hans")
        if isinstance(cached, Document):
            return cached
        from doctools.convert import to_simplified

        terms = self.ctx.terms()
        result: Document = to_simplified(doc, terms=terms) if terms is not None else to_simplified(doc)
        self.docs["zh-Hans"] = result
        return result

    def english(self, doc: Document) -> None:
        from doctools.translate import translate_document

        source = self.simplified(doc)
        try:
            translator, missing = self.ctx.translator(), ""
        except ModelMissingError as exc:  # (a model that cannot be loaded fails the edition)
            translator, missing = None, str(exc)
        memory = self.ctx.memory()
        if translator is None:
            if not memory.has_translations():
                raise ModelMissingError(missing)  # skipped, with the install command
            self.warn(f"en: no translation model installed: memory matches only, the rest marked untranslated "
                      f"({missing})")

        def segments_done(done: int, total: int) -> None:
            if self.progress:
                self.progress(self.src.name, f"translate {done}/{total}")

        english, qa = translate_document(source, translator=translator, glossary=self.ctx.glossary(),
                                         memory=memory, tm_min=self.opt.tm_min, cache=self.opt.cache,
                                         progress=segments_done if self.progress else None)
        self.docs["en"] = english
        self.docs["qa"] = qa
        self.entry.qa_severe = int(getattr(qa, "severe", 0) or 0)
        if self.opt.bilingual:  # the two-column review file instead of the plain edition
            from doctools.writers.bilingual import write_bilingual

            for fmt in (f for f in self.opt.formats if f in ("docx", "pdf")):
                data = _via_file(f"bilingual.{fmt}", lambda p: write_bilingual(source, english, p, qa=qa))
                self.add(output_path(self.src.name, "en.bilingual", fmt), "en.bilingual", fmt, data)
        else:
            self.render(english, "en", self.opt.template_en)
        self.entry.counts.update({f"en.{k}": v for k, v in qa.origins.items() if v})
        severe = self.entry.qa_severe
        notes = [f"{severe} severe QA flag(s)"] if severe else []
        if qa.untranslated:
            notes.append(f"{qa.untranslated} of {len(qa.segments)} segments untranslated")
        self.entry.editions["en"] = EditionResult("partial" if qa.untranslated else "ok", "; ".join(notes))

    def brief(self, doc: Document) -> None:
        from doctools.brief import make_brief
        from doctools.writers.brief import brief_files

        fmts = self.opt.brief_formats
        if not fmts:
            raise InputError("no brief format among the formats asked for (json, md, pdf, docx)")
        brief = make_brief(self.simplified(doc))  # checked once; what fails is withheld, not printed
        self.docs["brief"] = brief
        translator, missing = self.ctx.translator_or_none() if "en" in self.opt.brief_langs else (None, "")
        files = brief_files(brief, self.src.name, self.opt.brief_langs, fmts, translator=translator,
                            missing_reason=missing)
        for fname, data in files.items():
            stem, _, fmt = fname.rpartition(".")
            self.add(f"{self.src.name}/{fname}", stem[len(self.src.name) + 1:], fmt, data)  # "brief", "brief.en"
        for w in brief.withheld:
            self.warn(f"brief: withheld {w.key} ({w.reason}): {w.text[:80]}")
        if translator is None and "en" in self.opt.brief_langs:
            self.warn(f"brief: English free sentences left untranslated ({missing})")
        if brief.withheld:
            self.entry.counts["brief.withheld"] = len(brief.withheld)
        self.entry.editions["brief"] = EditionResult("ok", f"{brief.kind}" + (
            f"; {len(brief.withheld)} item(s) withheld" if brief.withheld else ""))

    def review(self) -> None:
        from doctools.export.review import render_review

        self._settle()  # the page shows the status the manifest will record
        view = {k: v for k, v in self.docs.items() if k in ("model", "zh-Hans", "qa", "brief")}
        html = render_review(self.entry, view)
        self.add(f"{self.src.name}/{self.src.name}.review.html", "review", "html", html.encode("utf-8"))


def _render(doc: Document, fmt: str, template: str, reference_docx: str | None) -> tuple[bytes, tuple[Notice, ...]]:
    """One edition in one format, as bytes (binary writers write a private temp file)."""
    from doctools.writers.text import RENDERERS

    if f".{fmt}" in RENDERERS:
        return RENDERERS[f".{fmt}"](doc).encode("utf-8"), ()
    from doctools.writers import write_with_notices

    options: dict[str, Any] = {"template": template}
    if reference_docx and fmt == "docx":
        options["reference_docx"] = Path(reference_docx)
    found: list[tuple[Notice, ...]] = []

    def write(p: Path) -> None:
        found.append(write_with_notices(doc, p, **options)[1])

    data = _via_file(f"edition.{fmt}", write)
    return data, found[0] if found else ()


def _via_file(name: str, write: Callable[[Path], Any]) -> bytes:
    """Bytes of what ``write`` puts into a private temp file (writers that only write paths)."""
    with tempfile.TemporaryDirectory(prefix="doctools-") as tmp:
        path = Path(tmp) / name
        write(path)
        return path.read_bytes()


__all__ = [
    "RETRIED",
    "DocumentTimeout",
    "Source",
    "failed",
    "load",
    "load_clean",
    "output_path",
    "read_source",
    "run",
]
