"""A tiny REAL argos package (SentencePiece + random-weight CTranslate2), built once per session.

argos reads its environment at import time, so the temp argos home is set in os.environ
before anything imports ``argostranslate``; the package is installed with argos's own
installer. Random weights give gibberish: tests assert structure, never content.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctools.model import Block, Document, Metadata

ENGLISH = [
    "The district government work report reviews the past year and sets the targets for this year.",
    "Gross regional product reached 240.516 billion yuan, up 9.3 percent year on year.",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 % , . ; : ( ) - + [ ]",
    "We will promote high-quality development and improve the business environment.",
]


def corpus(example: Path) -> list[str]:
    text = example.read_text(encoding="utf-8")
    return [s for s in re.split(r"(?<=[。！？；\n])", text) if s.strip()] + ENGLISH * 20


def retarget(src: Path, dst: Path, from_code: str) -> Path:
    """Copy a package zip under another source code (same model files): a zt package."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            name = item.filename.replace("translate-zh_en", f"translate-{from_code}_en")
            if name.endswith("metadata.json"):
                meta = json.loads(data)
                meta["from_code"] = from_code
                data = json.dumps(meta).encode()
            zout.writestr(name, data)
    return dst


@pytest.fixture(scope="session")
def argos_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temp argos home in the environment (set before the first argos import)."""
    home = tmp_path_factory.mktemp("argos")
    env = {
        "ARGOS_PACKAGES_DIR": str(home / "packages"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "DOCTOOLS_CACHE_DIR": str(home / "doctools-cache"),
    }
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield home
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def package_file(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Path:
    """The built .argosmodel (≈1.4 s, once per session)."""
    from doctools.translate.buildmodel import build_package

    out = tmp_path_factory.mktemp("pkg") / "translate-zh_en-0_0_1.argosmodel"
    return build_package(out, corpus(example_path))


@pytest.fixture(scope="session")
def installed_model(argos_env: Path, package_file: Path):  # type: ignore[no-untyped-def]
    """zh→en installed with argos's installer into the temp home (plus a zt copy)."""
    from doctools.translate.models import install_file

    info = install_file(package_file)
    install_file(retarget(package_file, package_file.with_name("translate-zt_en-0_0_1.argosmodel"), "zt"))
    return info


@pytest.fixture(scope="session")
def translator(installed_model):  # type: ignore[no-untyped-def]
    from doctools.translate import load_translator

    return load_translator("zh", "en")


@pytest.fixture
def memory(tmp_path: Path):  # type: ignore[no-untyped-def]
    from doctools.translate.memory import Memory

    m = Memory(tmp_path / "tm.sqlite3")
    yield m
    m.close()


def small_doc() -> Document:
    """A hand-built Simplified document: title, salutation, headings, paragraphs with numbers."""
    long = "，".join(f"第{i}项任务推进城市更新和老旧小区微改造，完成投资{i}.5亿元" for i in range(1, 30)) + "。"
    blocks = (
        Block("b1", "title", "海珠区2022年政府工作报告"),
        Block("b3", "salutation", "各位代表："),
        Block("b4", "paragraph", "现在，我代表区人民政府向大会报告政府工作。请予审议。"),
        Block("b5", "heading", "2021年工作回顾", level=1, label="一、"),
        Block("b6", "paragraph", "经济发展稳中有进。实现地区生产总值2405.16亿元，增长9.3%！新增“四上”企业574家。",
              lead="经济发展稳中有进。"),
        Block("b7", "heading", "创新驱动发展", level=2, label="（一）"),
        Block("b8", "paragraph", long),
        Block("b9", "list_item", "超680亿元的第130届广交会在琶洲举办；2.55万人参会。"),
    )
    return Document(Metadata(title="海珠区2022年政府工作报告", script="Hans", language="zh-Hans",
                             source_sha256="0" * 64), blocks)


@pytest.fixture
def doc() -> Document:
    return small_doc()


def clear_packages(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
