"""Inputs for batch tests: good documents in several encodings and every kind of bad one."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"
DOCTOOLS = [sys.executable, "-m", "doctools"]

# A short public text (the opening of the example report), small enough for fast batches.
SHORT_TW = (
    "海珠區2022年政府工作報告\n\n各位代表:\n  現在,我代表區人民政府,向大會報告政府工作,請予審議。\n"
    "一、2021年工作回顧\n  過去一年,實現地區生產總值2405.16億元,增長9.3%。\n"
    "二、2022年工作安排\n  今年經濟社會發展主要預期目標是:地區生產總值增長6%左右。\n"
    "  (一)聚焦創新核心地位,增強高質量發展引領力。強化創新策源功能。\n"
)
SHORT_CN = SHORT_TW.replace("區", "区").replace("報告", "报告").replace("億", "亿")


def make_bad_inputs(folder: Path) -> dict[str, Path]:
    """Write every bad input of issue 7 into ``folder``; name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        p = folder / name
        p.write_bytes(data)
        files[name] = p

    put("empty.txt", b"")
    put("blank.txt", b" \n\t\n\xe3\x80\x80\n\n")
    put("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4)
    put("truncated.txt", SHORT_TW.encode("utf-8")[:-1] + "區".encode()[:2])
    return files


def make_good_inputs(folder: Path) -> dict[str, Path]:
    """Good documents that must succeed: GB18030, Big5, UTF-16 with BOM, UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "gb18030.txt": SHORT_CN.encode("gb18030"),
        "big5.txt": SHORT_TW.encode("big5"),
        "utf16.txt": codecs.BOM_UTF16_LE + SHORT_TW.encode("utf-16-le"),
        "utf8.txt": SHORT_TW.encode("utf-8"),
    }
    out = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out


def run_cli(args: list[str], cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DOCTOOLS, *args], cwd=cwd or ROOT, capture_output=True, text=True, timeout=timeout,
        env=_env(),
    )


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.pop("DOCTOOLS_DEBUG", None)
    env["COLUMNS"] = "160"
    return env


def files_on_disk(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


@pytest.fixture()
def example() -> Path:
    return EXAMPLE


def argos_env(home: Path) -> dict[str, str]:
    """An environment whose argos packages, caches and translation memory live under ``home``."""
    import os

    env = dict(os.environ)
    env.pop("DOCTOOLS_DEBUG", None)
    env.update({
        "ARGOS_PACKAGES_DIR": str(home / "packages"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "DOCTOOLS_CACHE_DIR": str(home / "doctools-cache"),
        "COLUMNS": "160",
    })
    return env


def doctools_in(args: list[str], env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DOCTOOLS, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
