"""Proof-reading checks of printed output: what a proof-reader marks, counted by machine.

``pdftext`` reads a PDF's text layer back (pdftotext, pdffonts) and ``typeset`` counts
typesetting faults line by line (forbidden line starts and ends, split numbers and names,
spacing, widows, orphans, short last lines) in our PDFs and in LibreOffice's print of our
DOCX. Used by the tests and ``benchmarks/typeset_check.py``; it sits above readers and
writers, since it reads what the writers print.
"""
