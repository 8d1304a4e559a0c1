"""LibreOffice (``soffice``) as a converter, run safely: the one place that starts it.

Used by the readers (``.doc``/``.wps``/``.rtf``/``.odt`` → DOCX) and by the writers'
checks (DOCX → PDF, ``doctools.writers._soffice``). Why a module of its own: readers must
not import writers, and both need the same care —

* a throw-away profile (``-env:UserInstallation``) per call, so parallel conversions do
  not fight over one profile and nothing the user configured (macros, add-ons) runs;
* the process in its own session, killed as a whole group when it overruns its timeout
  (``soffice`` starts ``soffice.bin``; killing only the parent would leave it running);
* output into a private folder, the one expected file picked up from there.

LibreOffice is optional at run time: :func:`find` returns None when it is missing and
callers say which Debian package brings it (:data:`PACKAGE`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

PACKAGE = "libreoffice-writer-nogui"
DEFAULT_TIMEOUT = 120.0


class OfficeError(Exception):
    """LibreOffice is missing, failed, overran its timeout or produced nothing."""


def find() -> str | None:
    """The soffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def run(args: list[str], *, timeout: float, env: dict[str, str] | None = None) -> None:
    """Run soffice with ``args`` in its own process group; kill the group on timeout.

    OfficeError on a missing soffice, a non-zero exit or the timeout (one line each)."""
    exe = find()
    if exe is None:
        raise OfficeError(f"LibreOffice (soffice) not found; install the Debian package {PACKAGE}")
    proc = subprocess.Popen([exe, *args], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        raise OfficeError(f"LibreOffice took longer than {timeout:g} s and was stopped") from exc
    except BaseException:  # Ctrl-C or any error while waiting: never leave soffice behind
        _kill_group(proc)
        raise
    finally:
        _kill_group(proc, only_children=True)
    if proc.returncode != 0:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise OfficeError(f"LibreOffice failed (exit {proc.returncode}{': ' + last[0][:160] if last[0] else ''})")


def _kill_group(proc: subprocess.Popen[bytes], *, only_children: bool = False) -> None:
    """SIGKILL the process group soffice started (its oosplash/soffice.bin children too)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if not only_children:
        proc.wait()


def convert(src: Path, to: str, outdir: Path, *, timeout: float = DEFAULT_TIMEOUT,
            env: dict[str, str] | None = None, profile: Path | None = None) -> Path:
    """Convert ``src`` with ``--convert-to <to>`` (``docx``, ``pdf``) into ``outdir``;
    return the new file. ``profile`` reuses a profile folder (faster, not for parallel
    use); by default a fresh one is made and removed. ``HOME`` points into the private
    folder unless ``env`` sets it, so LibreOffice writes nothing in the user's home."""
    with tempfile.TemporaryDirectory(prefix="doctools-office-") as tmp:
        t = Path(tmp)
        outdir.mkdir(parents=True, exist_ok=True)
        prof = (profile or t / "profile").resolve()
        run_env = dict(os.environ) if env is None else dict(env)
        if env is None or "HOME" not in env:
            run_env["HOME"] = str(t)
        run([f"-env:UserInstallation={prof.as_uri()}", "--headless", "--norestore", "--nologo",
             "--nodefault", "--nolockcheck", "--convert-to", to, "--outdir", str(outdir), str(src)],
            timeout=timeout, env=run_env)
    ext = to.split(":", 1)[0]
    result = outdir / f"{src.stem}.{ext}"
    if not result.is_file():
        raise OfficeError(f"LibreOffice produced no .{ext} file (the input may be damaged or of another type)")
    return result


__all__ = ["DEFAULT_TIMEOUT", "PACKAGE", "OfficeError", "convert", "find", "run"]
