"""Tagged PDF: a structure tree (Document → H1…H6 / P) over marked content, page numbers
as pagination artifacts, ``/MarkInfo << /Marked true >>``.

Why: screen readers, reflow on small screens and accessibility checkers read the
structure tree, not the drawing order. reportlab has no tagging API, but its catalog
accepts ``StructTreeRoot`` and ``MarkInfo``, its pages accept extra keys once named, and
its canvas takes raw operators — so this is cheap: each text flowable wraps what it
draws on a page in ``/P <</MCID n>> BDC … EMC`` (:meth:`Tagger.begin`/``end``), parts of
one paragraph split across pages join one structure element, and :meth:`Tagger.finish`
writes the tree and the parent tree just before the file is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase import pdfdoc

if "StructParents" not in pdfdoc.PDFPage.__NoDefault__:  # a page key reportlab does not list
    pdfdoc.PDFPage.__NoDefault__.append("StructParents")


@dataclass
class _Elem:
    role: str
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)


class Tagger:
    """Collects marked content while the document is drawn (attach as ``canv._doctools_tags``)."""

    def __init__(self) -> None:
        self.elems: list[_Elem] = []
        self.by_key: dict[object, _Elem] = {}
        self.next_mcid: dict[int, int] = {}

    def begin(self, canv: Any, key: object, role: str) -> None:
        """Open marked content for the element ``key`` (one per paragraph, however split)."""
        page = canv.getPageNumber() - 1
        mcid = self.next_mcid.get(page, 0)
        self.next_mcid[page] = mcid + 1
        elem = self.by_key.get(key)
        if elem is None:
            elem = self.by_key[key] = _Elem(role)
            self.elems.append(elem)
        elem.marks.append((page, mcid))
        canv._code.append(f"/{role} <</MCID {mcid}>> BDC")

    @staticmethod
    def end(canv: Any) -> None:
        canv._code.append("EMC")

    def finish(self, canv: Any, language: str) -> None:
        """Write StructTreeRoot, ParentTree and MarkInfo into the catalog (before save)."""
        D, A, N = pdfdoc.PDFDictionary, pdfdoc.PDFArray, pdfdoc.PDFName
        doc = canv._doc
        pages = doc.Pages.pages
        root = D({"Type": N("StructTreeRoot")})
        root_ref = doc.Reference(root)
        top = D({"Type": N("StructElem"), "S": N("Document"), "P": root_ref, "Lang": pdfdoc.PDFString(language)})
        top_ref = doc.Reference(top)
        kids = []
        parents: dict[int, dict[int, Any]] = {}
        for elem in self.elems:
            d = D({"Type": N("StructElem"), "S": N(elem.role), "P": top_ref})
            ref = doc.Reference(d)
            marks = []
            for page, mcid in elem.marks:
                if page >= len(pages):
                    continue
                marks.append(D({"Type": N("MCR"), "Pg": doc.Reference(pages[page]), "MCID": mcid}))
                parents.setdefault(page, {})[mcid] = ref
            d.dict["K"] = A(marks)
            kids.append(ref)
        top.dict["K"] = A(kids)
        nums: list[Any] = []
        for page_index, page in enumerate(pages):
            page.StructParents = page_index
            owned = parents.get(page_index, {})
            nums += [page_index, A([owned[m] for m in sorted(owned)])]
        root.dict["K"] = top_ref
        root.dict["ParentTree"] = doc.Reference(D({"Nums": A(nums)}))
        root.dict["ParentTreeNextKey"] = len(pages)
        cat = doc.Catalog
        cat.StructTreeRoot = root_ref
        cat.MarkInfo = D({"Marked": "true"})  # a bare PDF boolean


def artifact_begin(canv: Any) -> None:
    """Mark what follows as a pagination artifact (page numbers), outside the structure."""
    canv._code.append("/Artifact <</Type /Pagination>> BDC")


def artifact_end(canv: Any) -> None:
    canv._code.append("EMC")


__all__ = ["Tagger", "artifact_begin", "artifact_end"]
