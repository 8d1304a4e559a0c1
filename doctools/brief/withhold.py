"""Withhold, don't refuse: items the faithfulness check finds fault with are left out.

A brief with one figure the check cannot confirm (a full-width ％ the extractor read
differently, a clause cut wrongly) is still a good brief without that figure. ``withhold``
runs the check, removes every item with a finding, records it in ``Brief.withheld`` as
(key, text, reason) — the JSON, the manifest and the review page show them — and checks
again until nothing is found. The brief is refused (FaithfulnessError) only when nothing
faithful of substance remains.

What a key removes::

    figure.3, target.1, goal.0, plan.2,
    problem.4, summary.0, duty.1, step.5   that item
    task.2                                  the whole task (its gist is not faithful)
    task.2.1                                that sub-point of task 2
    task.2.responsible / .deadline          that field (set to ""); likewise for steps
    title                                   the title (set to ""; the page shows none)
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from doctools.brief.check import findings
from doctools.brief.model import Brief, Withheld
from doctools.errors import FaithfulnessError
from doctools.model import Document

_GROUPS = {"figure": "figures", "target": "targets", "goal": "goals", "plan": "plan_figures",
           "problem": "problems", "summary": "summary", "duty": "duties", "step": "steps", "task": "tasks"}
MAX_ROUNDS = 4


def _text_of(brief: Brief, key: str) -> str:
    for k, text, _ in brief.items():
        if k == key:
            return text
    if key == "title":
        return brief.title
    m = re.match(r"(\w+)\.(\d+)", key)
    if m and m.group(1) in _GROUPS:
        items = getattr(brief, _GROUPS[m.group(1)])
        i = int(m.group(2))
        if i < len(items):
            item = items[i]
            return str(getattr(item, "text", "") or getattr(item, "gist", ""))
    return ""


def _remove(brief: Brief, keys: set[str]) -> Brief:
    """The brief without the items (or fields) the keys name (see the module docstring)."""
    changes: dict[str, Any] = {}
    if "title" in keys:
        changes["title"] = ""
    for prefix, attr in _GROUPS.items():
        items = list(getattr(brief, attr))
        kept = []
        for i, item in enumerate(items):
            if f"{prefix}.{i}" in keys:
                continue
            fields: dict[str, Any] = {}
            for name in ("responsible", "deadline"):
                if f"{prefix}.{i}.{name}" in keys:
                    fields[name] = ""
            if prefix == "task":
                drop = {int(k.rsplit(".", 1)[1]) for k in keys
                        if k.startswith(f"task.{i}.") and k.rsplit(".", 1)[1].isdigit()}
                if drop:
                    fields["points"] = tuple(p for j, p in enumerate(item.points) if j not in drop)
            kept.append(dataclasses.replace(item, **fields) if fields else item)
        if len(kept) != len(items) or any(a is not b for a, b in zip(kept, items, strict=False)):
            changes[attr] = tuple(kept)
    return dataclasses.replace(brief, **changes) if changes else brief


def withhold(brief: Brief, source: Document) -> Brief:
    """The faithful part of ``brief`` with what was left out listed in ``withheld``;
    FaithfulnessError when nothing faithful of substance remains."""
    withheld = list(brief.withheld)
    for _ in range(MAX_ROUNDS):
        found = findings(brief, source)
        if not found:
            break
        reasons: dict[str, str] = {}
        for key, reason in found:
            reasons.setdefault(key, reason)
        withheld += [Withheld(key, _text_of(brief, key), reason) for key, reason in reasons.items()]
        brief = _remove(brief, set(reasons))
    else:
        found = findings(brief, source)
        if found:  # removal did not converge: say what is still wrong
            raise FaithfulnessError(f"brief is not faithful to its source: {found[0][0]}: {found[0][1]}")
    brief = dataclasses.replace(brief, withheld=tuple(withheld))
    if not brief.substantive():
        first = f"; first: {withheld[0].key}: {withheld[0].reason}" if withheld else ""
        raise FaithfulnessError(f"brief is not faithful to its source: nothing faithful remains "
                                f"({len(withheld)} item(s) withheld{first})")
    return brief


__all__ = ["withhold"]
