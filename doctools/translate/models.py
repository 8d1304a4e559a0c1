"""Translation models: list, install and pick argos packages (no translation here).

Why argos's package API and nothing more: the user installs models the argos way
(``argospm`` or a ``.argosmodel`` file) and doctools must find the same packages, but
argos's translate path is slow and reaches the network (its sentencizer), so
:mod:`doctools.translate.engine` loads the package's files itself.

``argostranslate.package`` reads ``ARGOS_PACKAGES_DIR`` / ``XDG_*`` at import time and
is cheap to import (unlike ``argostranslate.translate``, which pulls torch via stanza).

Two Chinese source codes exist: ``zh`` (Simplified-trained) and ``zt`` (Traditional). The
package matching the script of the edition being translated is preferred, the other
accepted.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from doctools.errors import ConfigError, DoctoolsError, ModelMissingError


@dataclass(frozen=True)
class ModelInfo:
    """One installed argos package."""

    from_code: str
    to_code: str
    version: str
    path: Path
    name: str

    @property
    def model_id(self) -> str:
        """Stable id for the translation memory: pair, version and model file size."""
        size = (self.path / "model" / "model.bin").stat().st_size if (self.path / "model" / "model.bin").exists() else 0
        return f"argos:{self.from_code}-{self.to_code}:{self.version}:{size}"


def packages_dir() -> Path:
    """Where argos installs packages (the same rule argos applies)."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


def installed() -> list[ModelInfo]:
    """Every installed translate package, read from its metadata.json (no argos import)."""
    out: list[ModelInfo] = []
    root = packages_dir()
    if not root.is_dir():
        return out
    for d in sorted(root.iterdir()):
        meta = d / "metadata.json"
        if not meta.is_file():
            continue
        try:
            m = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if m.get("type", "translate") != "translate" or not (d / "model").is_dir():
            continue
        out.append(ModelInfo(m.get("from_code", "?"), m.get("to_code", "?"),
                             str(m.get("package_version", "?")), d, d.name))
    return out


def source_codes(script: str | None) -> tuple[str, ...]:
    """Argos source codes to try for an edition of this script, best first."""
    if script in ("Hant",):
        return ("zt", "zh")
    return ("zh", "zt")


def find(from_code: str = "zh", to_code: str = "en", *, script: str | None = None) -> ModelInfo:
    """The package to use; ModelMissingError naming the install command when there is none.

    ``from_code`` "zh" means "Chinese": the zh/zt package matching ``script`` is picked.
    """
    codes = source_codes(script) if from_code in ("zh", "zt") else (from_code,)
    if from_code == "zt" and script is None:
        codes = ("zt", "zh")
    pkgs = installed()
    for code in codes:
        cands = [p for p in pkgs if p.from_code == code and p.to_code == to_code]
        if cands:
            return max(cands, key=lambda p: _version_key(p.version))
    raise ModelMissingError(
        f"no {from_code}→{to_code} translation model installed in {packages_dir()}; "
        f"run `doctools models install {codes[0]} {to_code}` (online) or "
        f"`doctools models install FILE.argosmodel`"
    )


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in v.replace("_", ".").split("."))


def install_file(path: Path) -> ModelInfo:
    """Install a downloaded ``.argosmodel`` file with argos's installer."""
    if not path.is_file():
        raise ConfigError(f"model file not found: {path}")
    import zipfile

    if not zipfile.is_zipfile(path):
        raise ConfigError(f"not an .argosmodel (zip) file: {path}")
    import argostranslate.package as ap

    before = {p.path for p in installed()}
    try:
        ap.install_from_path(path)
    except Exception as exc:  # argos raises plain exceptions on a malformed package
        raise ConfigError(f"cannot install {path.name}: {exc}") from exc
    new = [p for p in installed() if p.path not in before]
    if new:
        return new[0]
    with zipfile.ZipFile(path) as z:
        top = z.namelist()[0].split("/")[0]
    for p in installed():
        if p.path.name == top:
            return p
    raise ConfigError(f"{path.name} installed no translate package")


def install_pair(from_code: str, to_code: str) -> ModelInfo:
    """Download and install the package for a pair from the argos index (needs network)."""
    import contextlib
    import io

    import argostranslate.package as ap
    import argostranslate.settings as aset

    offline = DoctoolsError("cannot reach the argos package index (offline?); download the .argosmodel "
                            "elsewhere and run `doctools models install FILE.argosmodel`")
    index = Path(aset.local_package_index)
    index.unlink(missing_ok=True)  # a stale index would hide the failure; argos retries forever without one
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            ap.update_package_index()
        except Exception as exc:
            raise offline from exc
    if not index.is_file():
        raise offline
    try:
        available = ap.get_available_packages()
    except Exception as exc:
        raise DoctoolsError(f"unreadable argos package index {index}: {type(exc).__name__}") from exc
    match = [p for p in available if p.from_code == from_code and p.to_code == to_code]
    if not match:
        raise ConfigError(f"the argos index has no {from_code}→{to_code} package")
    try:
        ap.install_from_path(match[0].download())
    except Exception as exc:
        raise DoctoolsError(f"download of {from_code}→{to_code} failed: {type(exc).__name__}: {exc}") from exc
    return find(from_code, to_code)


__all__ = ["ModelInfo", "find", "install_file", "install_pair", "installed", "packages_dir", "source_codes"]
