"""clean.truncation: say when the source text is cut short, on the model and as a Notice.

Examples::

    …重点抓好以下十个方面工作：（一）…（九）…  (end of text)   → truncated: 10 announced, 9 follow
    …建立了家庭经济困难学生资助体系，        (end of text)   → truncated: ends mid-sentence
    一、2008年工作回顾 （一）…（三）…          (no 二、)       → truncated: numbering stops after 一、
    …而努力奋斗！                              (end of text)   → complete

Scraped and excerpted reports are often cut: a page that ends inside a section, a copy of
the opening only. Three signals, in order of strength (the first that holds is the reason):

1. **Announced count**: a paragraph announces a number of parts (``以下十个方面``; the
   pattern is the ``announce`` row of ``data/clean/structure.tsv``; ``几`` counts as two)
   and the numbered headings beneath it, one level deeper than the announcing section,
   run to the end of the text with fewer parts than announced.
2. **Mid-sentence end**: the last body block (closing/signature lines aside) is prose —
   eight or more ideographs with Chinese punctuation inside — that does not end with
   sentence-final punctuation (。！？… and closing quotes/brackets after them); or the text
   ends with a numbered heading with nothing under it.
3. **A numbering that stops at one**: the top heading level holds a single heading, and
   it is number one (一、 with no 二、): a numbered text has at least two.

The step changes no text. It sets ``metadata.extra["source.truncated"]`` to a one-line
reason (writers print "原文至此中断" / "The source text ends here" where that key is, and
every derived edition keeps ``metadata.extra``) and records the same reason as a warning
Notice on the last body block. When the signal goes away (a second run on a repaired
text) the key is removed again.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from doctools.clean._text import cjk_count, new_notices
from doctools.clean.structure import label_number, rules
from doctools.model import Block, Document, Notice
from doctools.transform import step

NAME = "clean.truncation"
KEY = "source.truncated"
PROSE_MIN_HAN = 8
MAX_PARTS = 50  # a larger count ("以下300项") announces items, not the sections of a text
_FINAL = "。！？!?…．.‥"
_CLOSERS = "”’」』）)》〉】］]\"'"
_INNER_PUNCT = "，、：；。,;:"
_SEVERAL = 2  # 几/幾: "several", at least two


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in ("几", "幾"):
        return _SEVERAL
    return label_number(f"{word.replace('两', '二').replace('兩', '二')}、")


def _announced(blocks: tuple[Block, ...]) -> str | None:
    """Signal 1: an announced count the sections that follow (to the end) fall short of."""
    announce = [r.regex for r in rules() if r.kind == "announce"]
    level = 0  # level of the section the current block is in (0: before any heading)
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            level = b.level or 0
            continue
        if b.kind != "paragraph":
            continue
        m = next((m for rx in announce if (m := rx.search(b.text))), None)
        want = _count(m.group(1)) if m else None
        if m is None or want is None or want > MAX_PARTS:
            continue
        after = [h for h in blocks[i + 1 :] if h.kind == "heading"]
        if not after or (after[0].level or 0) <= level:
            continue  # the parts are not headings under this section (一是…二是…)
        child = after[0].level
        series: list[Block] = []
        for h in after:
            if (h.level or 0) <= level:
                series = []  # closed by a heading of the announcing section's level: not at the end
                break
            if h.level == child:
                series.append(h)
        if series and len(series) < want:
            first, last = series[0].label or "", series[-1].label or ""
            return (f"the source text appears cut short: it announces {want} parts ({m.group(0)}) but only "
                    f"{len(series)} follow ({first}–{last}) and the text ends there")
    return None


def _body_end(blocks: tuple[Block, ...]) -> Block | None:
    return next((b for b in reversed(blocks) if b.kind != "closing"), None)


def _without_trailing_notes(text: str) -> str:
    """The text without the bracketed notes it ends with: a finished item of a plan often
    closes on who is responsible, after its full stop (…局面。（牵头单位：市委宣传部））."""
    pairs = {"）": "（", ")": "("}
    while text and text[-1] in pairs:
        close, depth = text[-1], 0
        for i in range(len(text) - 1, -1, -1):
            if text[i] == close:
                depth += 1
            elif text[i] == pairs[close]:
                depth -= 1
                if depth == 0:
                    break
        else:
            return text  # unbalanced: keep it as it is
        if i == 0:
            return text  # the whole block is a note (（此件公开发布）): judged as written
        text = text[:i].rstrip()
    return text


def _mid_sentence(blocks: tuple[Block, ...]) -> str | None:
    """Signal 2: the last body block is prose cut mid-sentence, or a heading with no text."""
    last = _body_end(blocks)
    if last is None:
        return None
    if last.kind == "heading":
        prose = any(a.kind == "heading" and b.kind == "paragraph" for a, b in pairwise(blocks))
        if prose:
            head = last.full_text[:30]
            return f"the source text appears cut short: it ends with the heading {head} and no text under it"
        return None
    if last.kind not in ("paragraph", "list_item"):
        return None
    text = _without_trailing_notes(last.text.rstrip()).rstrip(_CLOSERS)
    if not text or text[-1] in _FINAL:
        return None
    if cjk_count(last.text) < PROSE_MIN_HAN or not any(c in last.text for c in _INNER_PUNCT):
        return None
    return f"the source text appears cut short: its last paragraph ends mid-sentence (…{last.text[-12:]})"


def _stops_at_one(blocks: tuple[Block, ...]) -> str | None:
    """Signal 3: the top numbering level holds one heading, number one."""
    heads = [b for b in blocks if b.kind == "heading" and b.level is not None and b.label]
    if not heads:
        return None
    top = min(b.level for b in heads if b.level is not None)
    at_top = [b for b in heads if b.level == top]
    if len(at_top) != 1 or label_number(at_top[0].label or "") != 1 or at_top[0] is blocks[-1]:
        return None
    return (f"the source text appears cut short: its numbered sections stop after {at_top[0].label} "
            "(a numbered text has at least a second part)")


def reason(doc: Document) -> str | None:
    """Why ``doc`` looks cut short (one line), or None."""
    blocks = doc.blocks
    return _announced(blocks) or _mid_sentence(blocks) or _stops_at_one(blocks)


@step(NAME)
def clean_truncation(doc: Document) -> Document:
    """Set or clear ``metadata.extra[KEY]``; a warning Notice when set."""
    if doc.metadata.edition is not None:  # a derived edition carries its source's finding
        return doc
    why = reason(doc)
    extra = dict(doc.metadata.extra)
    if why is None:
        if KEY not in extra:
            return doc
        del extra[KEY]
        return doc.with_changes(metadata=replace(doc.metadata, extra=extra))
    last = _body_end(doc.blocks)
    notice = Notice(NAME, "warning", why, last.id if last else None, last.lines[0] if last and last.lines else None)
    notices = new_notices(doc, [notice])
    if extra.get(KEY) == why and not notices:
        return doc
    extra[KEY] = why
    return doc.with_changes(metadata=replace(doc.metadata, extra=extra), notices=notices)


__all__ = ["KEY", "NAME", "clean_truncation", "reason"]
