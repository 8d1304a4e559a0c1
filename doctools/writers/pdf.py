"""PDF writer (reportlab): embedded subset TrueType fonts, kinsoku line breaking, outline.

What it guarantees, and why:
- every character is drawn with a font that has it (per-character fallback,
  ``_fonts.runs``); characters no font has are *reported* (Notices + a logged warning),
  never silently dropped from the text layer;
- no unembedded base-14 font: ``initialFontName`` is a shipped TrueType face;
- lines never start with ，。、：；！？）》」』”’…— nor end with （《「『“‘ (``kinsoku``);
- a PDF bookmark for the title and every heading, nested by level;
- page numbers as the template says (``— 1 —`` odd right / even left for ``official``);
- metadata: title, author, subject, language, creator; SOURCE_DATE_EPOCH is honoured by
  reportlab for the timestamps.

``write(doc, path, template="official", progress=None, author=None, subject=None)`` returns a
:class:`RenderResult`. ``progress(done, total)`` is called as blocks are laid out.
Own layouts (the brief): ``story = build_story(doc, template, english)``, add flowables
(``_pdflayout.TextBlock([(text, template.style("figure"))], ...)`` or any reportlab
flowable), then ``build_pdf(story, path, template, title=…, language=…)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doctools.errors import OutputError
from doctools.model import Block, Document, Notice
from doctools.writers._atomic import atomic_path

log = logging.getLogger("doctools.writers.pdf")

Progress = Callable[[int, int], None]


@dataclass
class RenderResult:
    """What a writer produced: the file, its page count and what the reader should know."""

    path: Path
    pages: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)  # char -> block ids
    notices: list[Notice] = field(default_factory=list)
    template: str = ""


def missing_notices(doc: Document, step: str) -> tuple[dict[str, list[str]], list[Notice]]:
    """Characters no shipped/configured font has, per block, as warnings naming them."""
    from doctools.writers import _fonts

    missing: dict[str, list[str]] = {}
    for b in doc.blocks:
        for ch in sorted(_fonts.missing_chars(b.full_text)):
            missing.setdefault(ch, []).append(b.id)
    notices = [
        Notice(step=step, level="warning",
               message=f"no font has U+{ord(ch):04X} {ch!r}: it will print blank ({len(ids)} block(s))",
               block_id=ids[0])
        for ch, ids in sorted(missing.items())
    ]
    for n in notices:
        log.warning("%s", n.message)
    return missing, notices


def document_title(doc: Document) -> str:
    if doc.metadata.title:
        return doc.metadata.title
    for b in doc.blocks:
        if b.kind == "title":
            return b.full_text
    return ""


def build_story(doc: Document, template: Any, english: bool) -> list[Any]:
    """Blocks → TextBlock flowables; run-in headings and paragraph leads share a paragraph.

    Each heading is preceded by a :class:`~doctools.writers._pdfpage.KeepWithNext` guard
    (the heading and the least legal part of what follows must fit, else a new page); a
    truncated source ends with the template's ``source_note``.
    """
    from reportlab.platypus import PageBreak

    from doctools.nobreak import is_traditional
    from doctools.writers._pdflayout import Bookmark, TextBlock
    from doctools.writers._pdfpage import KeepWithNext

    story: list[Any] = []
    blocks = doc.blocks
    has_title = any(b.kind == "title" for b in blocks)
    prev_level = -1
    i = 0
    grid = template.page.line_pitch_pt if template.page.grid_lines else 0.0
    kw: dict[str, Any] = {"english": english, "traditional": is_traditional(doc.metadata.language or ""),
                          "grid": grid}
    guards: list[tuple[KeepWithNext, int]] = []
    while i < len(blocks):
        b: Block = blocks[i]
        mark: Bookmark | None = None
        key = f"heading{b.level}" if b.kind == "heading" else ("body" if b.kind == "paragraph" else b.kind)
        if template.style(key).page_break_before and story:
            story.append(PageBreak())
        if b.kind == "heading":
            st = template.style(f"heading{b.level}")
            level = min((b.level or 1) - (0 if has_title else 1), prev_level + 1)
            prev_level = level
            mark = Bookmark(b.id, b.full_text, max(level, 0))
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if b.run_in and nxt is not None and nxt.kind == "paragraph":
                sep = " " if english and not b.full_text.endswith(" ") else ""  # Latin needs a word space
                segs = [(b.full_text + sep, st), *_para_segments(nxt, template)]
                # one paragraph: its own orphan control keeps the heading line with the next
                story.append(TextBlock(segs, template.style("body"), bookmark=mark, block_id=b.id, **kw))
                i += 2
                continue
            tb = TextBlock([(b.full_text, st)], st, bookmark=mark, block_id=b.id,
                           tag=f"H{min(6, max(level, 0) + 1)}", **kw)
            tb.keepWithNext = False  # the guard keeps it with what follows
            guard = KeepWithNext(tb, None)
            guards.append((guard, len(story) + 2))
            story.append(guard)
            story.append(tb)
        elif b.kind == "title":
            st = template.style("title")
            mark = Bookmark(b.id, b.full_text, 0)
            prev_level = 0
            story.append(TextBlock([(b.full_text, st)], st, bookmark=mark, block_id=b.id, tag="H1", **kw))
        elif b.kind == "paragraph":
            story.append(TextBlock(_para_segments(b, template), template.style("body"), block_id=b.id, **kw))
        else:
            st = template.style(b.kind)
            story.append(TextBlock([(b.full_text, st)], st, block_id=b.id, **kw))
        i += 1
    note = truncation_note(doc)
    if note:
        st = template.style("source_note")
        story.append(TextBlock([(note, st)], st, block_id="source.truncated", **kw))
    for guard, at in guards:  # what follows the heading: a paragraph, or the next heading's guard
        guard.nxt = story[at] if at < len(story) and isinstance(story[at], (TextBlock, KeepWithNext)) else None
    return story


def truncation_note(doc: Document) -> str | None:
    """The closing note of an edition whose source is cut short (the cleaner sets
    ``metadata.extra["source.truncated"]`` to its reason), in the edition's language."""
    if "source.truncated" not in doc.metadata.extra:
        return None
    from doctools.writers._template import label

    return label("truncated", doc.metadata.language or "und")


def _para_segments(b: Block, template: Any) -> list[tuple[str, Any]]:
    body = template.style("body")
    if b.lead and len(b.lead) < len(b.text):
        return [(b.lead, template.style("lead")), (b.text[len(b.lead):], body)]
    if b.lead:
        return [(b.text, template.style("lead"))]
    return [(b.text, body)]


def resolve_template(doc: Document, template: Any = "official") -> Any:
    """A Template for ``doc``: a name, a path or a Template; English follows ``english``."""
    from doctools.writers import _template

    if isinstance(template, _template.Template):
        return template
    return _template.for_document(template or "official", doc.metadata.language or "und")


def write(doc: Document, path: Path | str, **options: Any) -> RenderResult:
    """Render ``doc`` as PDF at ``path`` (atomically).

    Options: ``template`` (name, path or Template), ``progress(done, total)``, ``author``,
    ``subject``, ``extra_story`` (flowables appended after the document's blocks).
    """
    from doctools.writers import _template
    from doctools.writers._sanitize import sanitize

    out = Path(path)
    template = resolve_template(doc, options.get("template"))
    english = _template.is_english(doc.metadata.language or "und")
    doc, cleaned = sanitize(doc, "render.pdf")
    missing, notices = missing_notices(doc, "render.pdf")
    notices = cleaned + notices
    story = build_story(doc, template, english)
    story.extend(options.get("extra_story") or ())
    meta = doc.metadata
    pages = build_pdf(
        story, out, template,
        title=document_title(doc),
        author=options.get("author") or meta.extra.get("author", "doctools"),
        subject=options.get("subject") or meta.extra.get("subject") or subject_line(doc),
        keywords=keywords(doc),
        language=meta.language or "und",
        progress=options.get("progress"),
    )
    return RenderResult(out, pages=pages, missing=missing, notices=notices, template=template.name)


def build_pdf(
    story: list[Any], out: Path, template: Any, *, title: str, author: str = "doctools", subject: str = "",
    keywords: list[str] | None = None, language: str = "und", progress: Progress | None = None,
) -> int:
    """Lay ``story`` (TextBlocks and any reportlab flowables) out on the template's pages and
    write the PDF atomically; returns the page count. The brief writer builds its own story
    (``build_story`` + its elements) and calls this."""
    from reportlab import rl_config
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from doctools.writers import _fonts, _template
    from doctools.writers._pdflayout import TextBlock
    from doctools.writers._pdfpage import page_number_drawer
    from doctools.writers._pdftags import Tagger

    english = _template.is_english(language)
    initial = _fonts.register_role(template.style("body").font_role(english))
    total = sum(1 for f in story if isinstance(f, TextBlock))
    page = template.page
    mm = _template.MM

    tagger = Tagger()

    class _Doc(BaseDocTemplate):  # type: ignore[misc]  # reportlab ships no types: the base is Any
        done = 0

        def afterFlowable(self, flowable: Any) -> None:  # reportlab hook
            if isinstance(flowable, TextBlock) and progress is not None:
                self.done += 1
                progress(min(self.done, total), total)

        def beforeDocument(self) -> None:  # reportlab hook: the canvas exists now
            self.canv._doctools_tags = tagger

        def _endBuild(self) -> None:  # the structure tree goes in after the last page, before saving
            self._doSave = 0
            super()._endBuild()
            tagger.finish(self.canv, _pdf_lang(language))
            self.canv.save()

    with atomic_path(out) as tmp:
        d = _Doc(
            str(tmp),
            pagesize=(page.width_mm * mm, page.height_mm * mm),
            leftMargin=page.left_mm * mm, rightMargin=page.right_mm * mm,
            topMargin=page.top_mm * mm, bottomMargin=page.bottom_mm * mm,
            title=title, author=author, subject=subject, creator="doctools", producer="doctools (reportlab)",
            keywords=keywords or [], lang=_pdf_lang(language), initialFontName=initial, initialFontSize=12,
        )
        frame = Frame(d.leftMargin, d.bottomMargin, d.width, d.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        numbers = page_number_drawer(template)

        def onpage(canv: Any, doc_: Any) -> None:
            canv.showOutline()  # open the bookmarks pane: the outline is the table of contents
            if numbers is not None:
                numbers(canv, doc_)

        d.addPageTemplates([PageTemplate(id="main", frames=[frame], onPage=onpage)])
        if not story:  # an empty document is still one (blank) page, not a page-less PDF
            from reportlab.platypus import Spacer

            story = [Spacer(1, 1)]
        a85 = rl_config.useA85
        rl_config.useA85 = 0  # binary streams: smaller files, no ASCII85 pass (~10% faster)
        try:
            d.build(story)
        except Exception as exc:  # reportlab raises bare LayoutError etc.: one line for the user
            raise OutputError(f"{out}: PDF layout failed ({type(exc).__name__}: {exc})") from exc
        finally:
            rl_config.useA85 = a85
        return int(d.page)


_EDITIONS = {"zh-Hans": "Simplified Chinese edition", "zh-Hant": "Traditional Chinese edition",
             "zh-Hant-TW": "Traditional Chinese edition (Taiwan)",
             "zh-Hant-HK": "Traditional Chinese edition (Hong Kong)",
             "en": "English translation", "brief": "summary brief"}


def subject_line(doc: Document) -> str:
    """What the file is, said once: "Simplified Chinese edition (zh-Hans)", "English
    translation (en)"; the language tag only when it adds something."""
    m = doc.metadata
    name = _EDITIONS.get(m.edition or "", f"{m.edition} edition" if m.edition else "")
    lang = m.language if m.language and m.language != "und" else ""
    if name and lang:
        return f"{name} ({lang})"
    return name or lang


def keywords(doc: Document) -> list[str]:
    """Edition and language tags, each once, in that order."""
    out: list[str] = []
    for k in (doc.metadata.edition, doc.metadata.language):
        if k and k != "und" and k not in out:
            out.append(k)
    return out


def _pdf_lang(language: str) -> str:
    low = language.lower()
    if low.startswith("en"):
        return "en-US"
    if low in ("zh-hant", "zh-tw", "zh-hk") or "hant" in low:
        return "zh-TW"
    if low.startswith("zh"):
        return "zh-CN"
    return language


__all__ = [
    "RenderResult", "build_pdf", "build_story", "document_title", "keywords", "missing_notices", "resolve_template",
    "subject_line", "truncation_note", "write",
]
