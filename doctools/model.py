"""The canonical document model: small, typed, immutable data with no I/O.

Every reader produces a :class:`Document`; every transform maps a Document to a new
Document; every writer consumes one. JSON lives in :mod:`doctools.serialize`, never here,
so the model stays data, not behaviour (the lesson of docling-core's 5,500-line model).

Shape::

    Document(schema_version, metadata, blocks, edits, notices)
      Block(id, kind, text, orig, level, label, lead, run_in, lines, attrs)
      Edit(step, rule, action, block_id, before, after, offset, line)
      Notice(step, level, message, block_id, line)

Block ids are derived from the source line a block came from (``b27``; a second block cut
from the same line is ``b27.2``), so they stay the same through every transform and every
derived edition (Simplified, English, brief) keeps them: alignment needs no heuristics.
Sentence ids are ``<block id>.s<n>`` as produced by :func:`doctools.clean.sentences.split`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, get_args

SCHEMA_VERSION = "1.0"

BlockKind = Literal[
    "title",  # the document title (one, first)
    "subtitle",  # a line under the title: date, meeting, speaker
    "salutation",  # 各位代表： — the addressee line
    "heading",  # numbered section heading; ``level`` and ``label`` set
    "paragraph",  # body text; ``lead`` set when it opens with a run-in heading sentence
    "list_item",  # an item of a list that is not a heading
    "closing",  # signature, date line, end matter of the text itself
]
BLOCK_KINDS: tuple[str, ...] = get_args(BlockKind)

EditAction = Literal["remove", "replace", "split", "merge", "retag"]
EDIT_ACTIONS: tuple[str, ...] = get_args(EditAction)

NoticeLevel = Literal["info", "warning", "error"]
NOTICE_LEVELS: tuple[str, ...] = get_args(NoticeLevel)


@dataclass(frozen=True)
class Block:
    """One block of the document.

    ``text`` is the cleaned text *without* the numbering label; ``orig`` is the source text
    of the line(s) it came from, untreated (None: the block was made by a transform, not
    read). For headings, ``level`` is 1..4 and ``label`` the numbering marker as it stands
    in the text (``一、``, ``（一）``, ``1.``, ``（1）``); both are None for other kinds.
    ``lead`` is the run-in heading sentence a paragraph opens with (a prefix of ``text``),
    None when there is none. ``run_in`` on a heading means the source continued the body on
    the same line: the next block is that body and a writer may set both in one paragraph.
    ``lines`` are the 1-based source line numbers the block came from.
    """

    id: str
    kind: BlockKind
    text: str
    orig: str | None = None
    level: int | None = None
    label: str | None = None
    lead: str | None = None
    run_in: bool = False
    lines: tuple[int, ...] = ()
    attrs: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")
        if self.kind == "heading":
            if not isinstance(self.level, int) or not 1 <= self.level <= 6:
                raise ValueError(f"heading {self.id} needs an integer level 1..6")
        elif self.level is not None:
            raise ValueError(f"{self.kind} block {self.id} cannot have a level")
        if self.lead is not None and not self.text.startswith(self.lead):
            raise ValueError(f"block {self.id}: lead must be a prefix of text")

    @property
    def full_text(self) -> str:
        """The text as a reader sees it: numbering label, then text."""
        return f"{self.label or ''}{self.text}"


@dataclass(frozen=True)
class Edit:
    """One change a transform made: the audit trail of cleaning and conversion.

    ``rule`` names what is responsible: a data file and line (``clean/chrome.tsv:7``), an
    OpenCC config (``opencc:t2s``) or a named code rule (``punctuation.halfwidth``).
    ``offset`` is the character offset in the block's text *before* the edit (None: the
    whole block). ``line`` is the 1-based source line (None: not from the source).
    """

    step: str
    rule: str
    action: EditAction
    block_id: str | None
    before: str
    after: str
    offset: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Notice:
    """Something a human should look at that was *not* changed (near-duplicate, ambiguity)."""

    step: str
    level: NoticeLevel
    message: str
    block_id: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Metadata:
    """What is known about the document as a whole.

    ``script`` is ``Hant``, ``Hans``, ``mixed``, ``Latn`` or ``unknown``; ``variant`` the
    regional vocabulary detected (``TW``, ``HK``, ``CN``; None: no signal). ``language`` is a
    BCP-47 tag of the text as it now stands (``zh-Hant``, ``zh-Hans``, ``en``).
    ``edition`` names a derived edition (``zh-Hans``, ``en``, ``brief``; None: the source
    edition) and ``derived_from`` the sha256 of the source it was made from.
    """

    title: str = ""
    source_path: str | None = None
    source_sha256: str | None = None
    encoding: str | None = None
    script: str = "unknown"
    variant: str | None = None
    language: str = "und"
    edition: str | None = None
    derived_from: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """A whole document: metadata, ordered blocks, the edits that made it, open notices."""

    metadata: Metadata
    blocks: tuple[Block, ...] = ()
    edits: tuple[Edit, ...] = ()
    notices: tuple[Notice, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def block(self, block_id: str) -> Block:
        """The block with this id; KeyError when there is none."""
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)

    def headings(self, level: int | None = None) -> tuple[Block, ...]:
        """Headings in order; only those of ``level`` when given."""
        return tuple(
            b for b in self.blocks if b.kind == "heading" and (level is None or b.level == level)
        )

    def with_changes(
        self,
        *,
        blocks: tuple[Block, ...] | None = None,
        edits: tuple[Edit, ...] = (),
        notices: tuple[Notice, ...] = (),
        metadata: Metadata | None = None,
    ) -> Document:
        """A new Document with blocks replaced and edits/notices *appended*."""
        return replace(
            self,
            blocks=self.blocks if blocks is None else blocks,
            edits=self.edits + tuple(edits),
            notices=self.notices + tuple(notices),
            metadata=self.metadata if metadata is None else metadata,
        )


def plain_text(doc: Document) -> str:
    """The document text, one block per line, title first (the ``.txt`` projection)."""
    return "\n".join(b.full_text for b in doc.blocks)


__all__ = [
    "BLOCK_KINDS",
    "EDIT_ACTIONS",
    "NOTICE_LEVELS",
    "SCHEMA_VERSION",
    "Block",
    "BlockKind",
    "Document",
    "Edit",
    "EditAction",
    "Metadata",
    "Notice",
    "NoticeLevel",
    "plain_text",
]
