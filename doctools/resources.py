"""The only code that knows where templates/, fonts/ and doctools/data/ live.

Data files ship inside the package (``doctools/data``); templates and fonts live at the
project root in a checkout. ``DOCTOOLS_HOME`` points elsewhere (an installed copy).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def project_root() -> Path:
    """The folder holding templates/ and fonts/: ``DOCTOOLS_HOME``, else the checkout the
    package runs from, else ``<prefix>/share/doctools`` of a regular (non-editable) install."""
    env = os.environ.get("DOCTOOLS_HOME")
    if env:
        return Path(env)
    checkout = PACKAGE_DIR.parent
    if (checkout / "templates").is_dir():
        return checkout
    installed = Path(sys.prefix) / "share" / "doctools"
    return installed if (installed / "templates").is_dir() else checkout


def data_path(*parts: str) -> Path:
    """A file under doctools/data (phrase tables, glossaries, chrome patterns)."""
    return DATA_DIR.joinpath(*parts)


def templates_dir() -> Path:
    return project_root() / "templates"


def fonts_dir() -> Path:
    return project_root() / "fonts"


__all__ = ["DATA_DIR", "PACKAGE_DIR", "data_path", "fonts_dir", "project_root", "templates_dir"]
