"""What is expensive and shared between documents: built once per worker, reused by every run.

A worker (the CLI process itself, a local worker process, a Ray actor) makes one
:class:`Context` for its :class:`~doctools.options.Options` and hands it to
:func:`doctools.pipeline.run` for every document: the translation model is loaded once and
serves both the English edition and the brief's English; glossary, user phrase tables and
the translation memory are read once; fonts and their metrics are loaded by ``warm``.
Everything is loaded lazily, so a run that needs no translator never pays for one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from doctools.errors import ConfigError, DoctoolsError
from doctools.options import Options

if TYPE_CHECKING:
    from doctools.translate.engine import Translator
    from doctools.translate.glossary import Glossary
    from doctools.translate.memory import Memory

_UNSET: Any = object()


def cores_per_worker(workers: int) -> int:
    """This machine's cores shared fairly among ``workers`` (at least one each): every
    executor gives each worker's translator the same thread plan, so outputs agree."""
    from doctools.translate.engine import cores

    return max(1, cores() // max(1, workers))


class Context:
    """Loaded-once state of one worker for one set of options."""

    def __init__(self, options: Options, threads: int | None = None, memory_path: Path | None = None) -> None:
        self.options = options
        self.threads = threads
        self.memory_path = memory_path  # None: the user's memory (DOCTOOLS_CACHE_DIR)
        self._translator: Any = _UNSET
        self._glossary: Any = _UNSET
        self._terms: Any = _UNSET
        self._memory: Any = _UNSET

    # --- translation ----------------------------------------------------------------------
    def translator(self) -> Translator:
        """The zh→en translator (loaded on first use); ModelMissingError / ConfigError when
        there is none or it cannot be loaded — remembered, so each document gets the same line."""
        if self._translator is _UNSET:
            try:
                if not self.options.use_model:
                    from doctools.errors import ModelMissingError

                    raise ModelMissingError("translation model use is turned off (--no-model)")
                from doctools.translate.engine import load_translator

                kwargs: dict[str, Any] = {}
                if self.options.beam is not None:
                    kwargs["beam_size"] = self.options.beam
                if self.threads:
                    from doctools.translate.engine import thread_plan

                    kwargs["threads"] = thread_plan(self.threads)
                kwargs["device"] = self.options.device
                # the source of every translation is the Simplified edition, so one choice:
                # the zh (Simplified-trained) package, a zt one only when no zh is installed
                self._translator = load_translator("zh", "en", script="Hans", **kwargs)
            except DoctoolsError as exc:
                self._translator = exc
            except Exception as exc:  # a broken package (unreadable files): one line, not a dead worker
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                self._translator = ConfigError(f"the installed translation model cannot be loaded: {first}")
        if isinstance(self._translator, DoctoolsError):
            raise self._translator
        tr: Translator = self._translator
        return tr

    def translator_or_none(self) -> tuple[Translator | None, str]:
        """(translator, "") or (None, the one-line reason there is none)."""
        try:
            return self.translator(), ""
        except DoctoolsError as exc:
            return None, str(exc)

    def glossary(self) -> Glossary:
        if self._glossary is _UNSET:
            from doctools.translate.glossary import load_glossary

            self._glossary = load_glossary([Path(p) for p in self.options.glossary])
        glossary: Glossary = self._glossary
        return glossary

    def terms(self) -> Any:
        """User phrase rules for the Simplified edition (None: the shipped tables only)."""
        if self._terms is _UNSET:
            self._terms = None
            if self.options.terms:
                from doctools.convert import load_terms

                self._terms = load_terms([Path(p) for p in self.options.terms])
        return self._terms

    def memory(self) -> Memory:
        """The translation memory of this worker: approved translations (TMX imports, reviewed
        English) and the model's earlier output (used only when ``Options.cache``)."""
        if self._memory is _UNSET:
            from doctools.translate.memory import Memory

            self._memory = Memory(self.memory_path)
        memory: Memory = self._memory
        return memory

    # --- life cycle -------------------------------------------------------------------------
    def validate(self) -> None:
        """Fail once, before any document, on what would fail every document: an unknown
        template, a malformed term table or glossary (ConfigError)."""
        from doctools.writers._template import load as load_template

        load_template(self.options.template)
        load_template(self.options.template_en)
        self.terms()
        if "en" in self.options.editions or "brief" in self.options.editions:
            self.glossary()

    def warm(self) -> None:
        """Load heavy modules and the model up front, so documents do not pay for them."""
        for name in ("doctools.clean", "doctools.convert", "doctools.writers.pdf", "doctools.writers.docx"):
            try:
                __import__(name)
            except Exception:  # a stage reports its own failure later, per document
                continue
        if "en" in self.options.editions or "brief" in self.options.editions:
            self.translator_or_none()

    def close(self) -> None:
        if self._memory is not _UNSET:
            self._memory.close()
        self._memory = _UNSET


__all__ = ["Context", "cores_per_worker"]
