"""Transforms: pure, named ``Document -> Document`` steps folded in order by a Chain.

A step is any callable with a ``name`` attribute (dotted: ``clean.chrome``,
``convert.zh_hans``); it never mutates its input and appends the Edits it made. A Chain
is an ordered, inspectable list of steps with ``disable`` (markdown-it's Ruler idea).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from doctools.model import Document


class Step(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class NamedStep:
    """Wrap a plain function as a Step with a name."""

    name: str
    func: Callable[[Document], Document]

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


def step(name: str) -> Callable[[Callable[[Document], Document]], NamedStep]:
    """Decorator: ``@step("clean.chrome")`` makes a function a named Step."""

    def wrap(func: Callable[[Document], Document]) -> NamedStep:
        return NamedStep(name, func)

    return wrap


@dataclass(frozen=True)
class Chain:
    """Ordered steps; ``names`` shows the order, ``without`` disables some."""

    steps: tuple[Step, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.steps)

    def without(self, names: Iterable[str]) -> Chain:
        drop = set(names)
        unknown = drop - set(self.names)
        if unknown:
            raise KeyError(f"no such step: {', '.join(sorted(unknown))}")
        return Chain(tuple(s for s in self.steps if s.name not in drop))

    def __call__(self, doc: Document) -> Document:
        for s in self.steps:
            doc = s(doc)
        return doc


def chain(steps: Sequence[Step]) -> Chain:
    return Chain(tuple(steps))


__all__ = ["Chain", "NamedStep", "Step", "chain", "step"]
