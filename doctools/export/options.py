"""Export options: what to make, where, how; plus the fingerprint reruns compare."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

EDITIONS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "en", "brief")
DEFAULT_EDITIONS = ("zh-Hans", "en", "brief")
FORMATS = ("docx", "pdf", "json", "md", "txt")
DEFAULT_FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class ExportOptions:
    """Everything that decides what an export produces (and so whether a rerun may skip)."""

    out_dir: Path = Path("out")
    editions: tuple[str, ...] = DEFAULT_EDITIONS
    formats: tuple[str, ...] = DEFAULT_FORMATS
    template: str = "official"
    template_en: str = "report"
    brief_langs: tuple[str, ...] = ("zh-Hans", "en")
    glossary: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    beam: int | None = None
    cache: bool = True
    jobs: int = 1
    force: bool = False
    fail_fast: bool = False
    max_mb: float = 8.0
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def fingerprint(self) -> str:
        """Hash of the options that change outputs (not jobs/force/fail_fast/out_dir)."""
        relevant = asdict(self)
        for k in ("out_dir", "jobs", "force", "fail_fast", "include", "exclude"):
            relevant.pop(k)
        for key in ("glossary", "terms"):
            relevant[key] = [_file_digest(Path(p)) for p in relevant[key]]
        if Path(self.template).suffix:
            relevant["template"] = _file_digest(Path(self.template))
        if "en" in self.editions or "brief" in self.editions:
            relevant["models"] = installed_models()
        blob = json.dumps(relevant, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob + code_version().encode()).hexdigest()[:16]


def installed_models() -> list[str]:
    """Names of the installed translation packages: installing one changes the English outputs."""
    from doctools.translate.models import packages_dir

    folder = packages_dir()
    try:
        return sorted(p.name for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []


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


__all__ = ["DEFAULT_EDITIONS", "DEFAULT_FORMATS", "EDITIONS", "FORMATS", "ExportOptions", "code_version"]
