"""OpenCC converters, created once per config (the opencc import is deferred: it is heavy)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from doctools.errors import ConfigError


@cache
def converter(config: str) -> Callable[[str], str]:
    """``convert(text)`` for an OpenCC config name (``t2s``, ``s2twp``, ``s2hk``…)."""
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - opencc is a hard dependency
        raise ConfigError("the opencc package is not installed (pip install opencc)") from exc
    try:
        cc = opencc.OpenCC(config)
    except Exception as exc:
        raise ConfigError(f"OpenCC config {config!r} cannot be loaded ({exc})") from exc
    convert: Callable[[str], str] = cc.convert
    return convert


def convert(config: str, text: str) -> str:
    return converter(config)(text) if text else text


__all__ = ["convert", "converter"]
