"""Build GR<year>.tmx (both sides) from the committed Chinese lines and the copied English side.

Usage: python tests/data/tm/make_tmx.py ENGLISH_DIR [YEAR …]

ENGLISH_DIR holds GR<year>.en.tsv (``index<TAB>first 12 characters of the zh segment<TAB>english``,
one line per translation unit of liuzeyi11/GovernmentWorkReportCorpus
government_report_tmx_file/GR<year>.tmx, copied with the search tool's read_file; see
SOURCES.md). The Chinese comes from tests/data/corpus/cn-gov-report-<year>.zhs.txt (one unit a
line). Alignment is checked unit by unit with the 12-character prefixes; where the corpus file
joined two units into one line (documented in tests/data/corpus/SOURCES.md), the English of both
units is joined with a space. Any other mismatch stops the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
# the day each report was delivered (tests/data/corpus/SOURCES.md): the units' creation date
DATES = {2016: "20160305", 2019: "20190305", 2020: "20200522", 2021: "20210305", 2022: "20220305"}


def align(zh: list[str], rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(zh line, English) pairs; rows whose prefix continues the current line are joined."""
    out: list[tuple[str, str]] = []
    i = 0
    for n, line in enumerate(zh, start=1):
        if i >= len(rows) or not line.startswith(rows[i][0]):
            raise SystemExit(f"line {n}: {line[:12]!r} != unit {i + 1} {rows[i][0] if i < len(rows) else None!r}")
        english = [rows[i][1]]
        pos = len(rows[i][0])
        i += 1
        nxt = zh[n] if n < len(zh) else None
        while i < len(rows) and (nxt is None or not nxt.startswith(rows[i][0])):
            at = line.find(rows[i][0], pos)
            if at < 0:
                raise SystemExit(f"line {n}: unit {i + 1} ({rows[i][0]!r}) is neither in it nor the next line")
            english.append(rows[i][1])
            pos = at + len(rows[i][0])
            i += 1
        out.append((line, " ".join(english)))
    if i != len(rows):
        raise SystemExit(f"{len(rows) - i} English units left over")
    return out


def build(english_dir: Path, year: int) -> Path:
    from doctools.translate.memory import Unit
    from doctools.translate.tmx import write_tmx

    zh = [line for line in (CORPUS / f"cn-gov-report-{year}.zhs.txt").read_text(encoding="utf-8").split("\n")
          if line.strip()]
    rows = []
    for raw in (english_dir / f"GR{year}.en.tsv").read_text(encoding="utf-8").split("\n"):
        if raw.strip():
            _, prefix, en = raw.split("\t")
            rows.append((prefix, en))
    pairs = align(zh, rows)
    date = f"{DATES[year]}T000000Z"
    units = [Unit(z, e, "imported", created=date, target_lang="en-US") for z, e in pairs]
    out = HERE / f"GR{year}.tmx"
    notes = [f"State Council Government Work Report {year}, Chinese and official English, sentence-aligned.",
             "Source: liuzeyi11/GovernmentWorkReportCorpus government_report_tmx_file/"
             f"GR{year}.tmx at commit 6b81a7e5b9a63b5c6b0e9a9d1ddca4c13af28907 (see SOURCES.md)."]
    write_tmx(out, units, source_lang="zh-CN", tool_version="make_tmx", notes=notes)
    print(f"{out.name}: {len(units)} units from {len(rows)} English units")
    return out


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    years = [int(y) for y in argv[1:]] or sorted(DATES)
    for y in years:
        build(Path(argv[0]), y)


if __name__ == "__main__":
    main(sys.argv[1:])
