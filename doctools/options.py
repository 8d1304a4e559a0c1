"""What a document run makes and how: the options every command and executor hands the pipeline.

One frozen dataclass, validated once (ConfigError naming the option), hashed into the reuse
key of a batch (:meth:`Options.fingerprint`): options that change an output are in the key,
options that only change how a run goes (time budget, size limit) are not.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from doctools.errors import ConfigError

EDITIONS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "en", "brief")
DEFAULT_EDITIONS = ("zh-Hans", "en", "brief")
FORMATS = ("docx", "pdf", "json", "md", "txt")
DEFAULT_FORMATS = ("docx", "pdf")
BRIEF_LANGS = ("zh-Hans", "en")
BRIEF_FORMATS = ("json", "md", "pdf", "docx")
DEVICES = ("auto", "cpu", "cuda")
DEFAULT_TM_MIN = 85
DEFAULT_TIMEOUT = 900.0  # seconds per document: generous (a long report translates in ~35 s here)
DEFAULT_MAX_MB = 8.0
MAX_MB = 512.0  # what any reader reads at most (doctools.readers.MAX_BYTES)
MAX_TIMEOUT = 7 * 24 * 3600.0

# keys that change how a run goes, not what it makes (kept out of the reuse key)
_NOT_IN_KEY = ("max_mb", "timeout", "keep_documents")


@dataclass(frozen=True)
class Options:
    """Everything that decides what one document's run produces.

    ``editions`` in the order they are reported; ``formats`` for editions (the brief takes
    those of ``BRIEF_FORMATS`` among them); ``glossary``/``terms`` are table paths;
    ``beam`` None = the engine's default; ``tm_min`` the lowest fuzzy match (percent) taken
    from the translation memory; ``use_model`` False = no translation model even if one is
    installed; ``bilingual`` writes the English as the two-column review file instead; ``source_edition``
    renders the cleaned source itself (``doctools render``); ``keep_documents`` returns
    the edition models in the result (single-document commands).
    """

    editions: tuple[str, ...] = DEFAULT_EDITIONS
    formats: tuple[str, ...] = DEFAULT_FORMATS
    template: str = "official"
    template_en: str = "report"
    brief_langs: tuple[str, ...] = BRIEF_LANGS
    glossary: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    beam: int | None = None
    tm_min: int = DEFAULT_TM_MIN
    cache: bool = True
    use_model: bool = True
    device: str = "auto"
    bilingual: bool = False
    source_edition: bool = False
    reference_docx: str | None = None
    review: bool = True
    max_mb: float = DEFAULT_MAX_MB
    timeout: float = DEFAULT_TIMEOUT
    keep_documents: bool = False

    def __post_init__(self) -> None:
        bad = [e for e in self.editions if e not in EDITIONS]
        if bad:
            raise ConfigError(f"unknown edition(s): {', '.join(bad)} (use {', '.join(EDITIONS)})")
        bad = [f for f in self.formats if f not in FORMATS]
        if bad:
            raise ConfigError(f"unknown format(s): {', '.join(bad)} (use {', '.join(FORMATS)})")
        bad = [lang for lang in self.brief_langs if lang not in BRIEF_LANGS]
        if bad:
            raise ConfigError(f"unknown brief language(s): {', '.join(bad)} (use {', '.join(BRIEF_LANGS)})")
        if self.beam is not None and not 1 <= self.beam <= 16:
            raise ConfigError(f"beam must be between 1 and 16, not {self.beam}")
        if not 0 <= self.tm_min <= 100:
            raise ConfigError(f"tm_min must be a percentage between 0 and 100, not {self.tm_min}")
        if self.device not in DEVICES:
            raise ConfigError(f"unknown device {self.device!r} (use {', '.join(DEVICES)})")
        if not (math.isfinite(self.max_mb) and 0 < self.max_mb <= MAX_MB):
            raise ConfigError(f"max_mb must be a number over 0 and at most {MAX_MB:g} (MB), not {self.max_mb}")
        if not (math.isfinite(self.timeout) and 1 <= self.timeout <= MAX_TIMEOUT):
            raise ConfigError(f"the time budget per document must be between 1 and {MAX_TIMEOUT:g} seconds, "
                              f"not {self.timeout}")

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 2**20)

    @property
    def brief_formats(self) -> tuple[str, ...]:
        return tuple(f for f in self.formats if f in BRIEF_FORMATS)

    def fingerprint(self) -> str:
        """Hash of what changes the outputs: options, the tables they name, installed models, code."""
        relevant = asdict(self)
        for k in _NOT_IN_KEY:
            relevant.pop(k)
        for key in ("glossary", "terms"):
            relevant[key] = [_file_digest(Path(p)) for p in relevant[key]]
        for key in ("template", "template_en", "reference_docx"):
            value = relevant[key]
            if value and Path(value).suffix:
                relevant[key] = _file_digest(Path(value))
        if "en" in self.editions or "brief" in self.editions:
            relevant["models"] = installed_models()
        if "en" in self.editions:
            relevant["memory"] = memory_generation()  # approved translations imported since
        blob = json.dumps(relevant, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob + code_version().encode()).hexdigest()[:16]


def installed_models() -> list[str]:
    """Names of the installed translation packages: installing one changes the English outputs."""
    from doctools.translate.models import packages_dir

    try:
        return sorted(p.name for p in packages_dir().iterdir() if p.is_dir())
    except OSError:
        return []


def memory_generation() -> str:
    """Which state of the translation memory's approved translations the English is made from
    (a TMX import changes it, so the English is redone); the model's cache does not count."""
    from doctools.errors import DoctoolsError
    from doctools.translate.memory import Memory

    try:
        with Memory() as memory:
            return f"{memory.path}:{memory.generation()}"
    except DoctoolsError:
        return "unavailable"


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return f"missing:{path}"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of doctools' code, data, templates: a rerun after any change redoes work."""
    from doctools import __version__
    from doctools.resources import PACKAGE_DIR, templates_dir

    h = hashlib.sha256(__version__.encode())
    for root in (PACKAGE_DIR, templates_dir()):
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
                h.update(str(p.relative_to(root)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


__all__ = [
    "BRIEF_FORMATS",
    "BRIEF_LANGS",
    "DEFAULT_EDITIONS",
    "DEFAULT_FORMATS",
    "DEVICES",
    "EDITIONS",
    "FORMATS",
    "Options",
    "code_version",
    "installed_models",
    "memory_generation",
]
