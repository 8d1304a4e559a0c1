"""Make the "scraped" ``<slug>.raw.txt`` of every ``<slug>.zhs.txt`` in this folder.

Why: the example input (``examples/haizhu-2022.raw.txt``) is a mainland report that a
Taiwan-based encyclopedia pushed through a Simplified→Traditional converter with Taiwan
vocabulary and then wrapped in site chrome. To measure the Simplified edition, the
cleaner and the brief on documents we have NOT tuned on, we need the same damage applied
to real Simplified originals whose true text we keep next to it. This script applies it,
deterministically (one seeded RNG per slug), so the pairs can be regenerated and diffed:

* OpenCC ``s2twp`` (Traditional characters + Taiwan phrases, as the example shows);
* half-width ``, : ; ! ( )`` in most paragraphs (the example has them almost everywhere,
  a few paragraphs keep the full-width forms);
* encyclopedia chrome: entry title, "X是由Y發布的報告。", "基本介紹" at the top and
  "相關詞條", "熱門詞條", "聯絡我們" at the bottom, separated by blank lines;
* indentation variations (none, two ASCII spaces, two ideographic spaces);
* one duplicated run of 3–15 consecutive body paragraphs, re-inserted further down.

Usage: ``.venv/bin/python tests/data/corpus/make_raw.py [--check]`` (``--check`` exits 1
when a ``.raw.txt`` on disk differs from what the script would write). A short summary per
document (duplicated line range, number of chrome lines) is printed for evaluators.
"""

from __future__ import annotations

import argparse
import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

# slug → (encyclopedia entry title, issuing body) in Simplified; converted with the body.
# None: the entry is titled with the document's own first line (its full title).
ENTRIES: dict[str, tuple[str | None, str]] = {
    "cn-gov-report-2009": ("2009年国务院政府工作报告", "国务院"),
    "cn-gov-report-2011": ("2011年国务院政府工作报告", "国务院"),
    "cn-gov-report-2013": ("2013年国务院政府工作报告", "国务院"),
    "cn-gov-report-2016": ("2016年国务院政府工作报告", "国务院"),
    "cn-gov-report-2019": ("2019年国务院政府工作报告", "国务院"),
    "cn-gov-report-2020": ("2020年国务院政府工作报告", "国务院"),
    "cn-gov-report-2021": ("2021年国务院政府工作报告", "国务院"),
    "cn-gov-report-2022": ("2022年国务院政府工作报告", "国务院"),
    "anhui-2021-industrial-internet": (None, "安徽省人民政府办公厅"),
    "anhui-2022-rcep": (None, "安徽省改革开放新高地执行小组办公室"),
    "aba-2021-government-data": (None, "阿坝州人民政府办公室"),
    "baotou-2022-digital-government": (None, "包头市人民政府办公室"),
    "beijing-2022-data-zones": (None, "北京市经济和信息化局"),
    "gov-2018-new-media": (None, "国务院办公厅"),
}

HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "（": "(", "）": ")"})
# Chrome is the site's own Traditional wording (not converted text): "發布", not s2twp's "釋出".
TOP_TAIL = "是由{issuer}發布的報告。"
INTRO = "基本介紹"
BOTTOM = ("相關詞條", "熱門詞條", "聯絡我們")
INDENTS = ("", "", "", "  ", "  ", "\u3000\u3000")
P_HALF_WIDTH = 0.85


@dataclass(frozen=True)
class RawResult:
    text: str
    dup_start: int  # 0-based index of the first duplicated body paragraph
    dup_len: int
    dup_insert_at: int  # body index before which the copy was inserted


def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2twp")


def make_raw(slug: str, zhs: str, converter=None) -> RawResult:  # type: ignore[no-untyped-def]
    """The scraped version of one Simplified document (pure apart from OpenCC)."""
    cc = converter or _converter()
    rng = random.Random(zlib.crc32(slug.encode("utf-8")))
    body = [line.strip() for line in zhs.splitlines() if line.strip()]
    title, issuer = ENTRIES.get(slug, (body[0], "有关部门"))
    title = title or body[0]

    n = len(body)
    dup_len = min(rng.randint(3, 15), max(3, n // 4))
    dup_start = rng.randint(1, max(1, n - dup_len - 2))
    dup_insert_at = rng.randint(dup_start + dup_len, n)
    with_dup = body[:dup_insert_at] + body[dup_start : dup_start + dup_len] + body[dup_insert_at:]

    out_body = []
    for para in with_dup:
        text = cc.convert(para)
        if rng.random() < P_HALF_WIDTH:
            text = text.translate(HALF_WIDTH)
        out_body.append(rng.choice(INDENTS) + text)

    entry = cc.convert(title)
    top = [entry, "", entry + TOP_TAIL.format(issuer=cc.convert(issuer)), "", INTRO, ""]
    bottom = ["", *(x for item in BOTTOM for x in (item, ""))][:-1]
    text = "\n".join(top + out_body + bottom) + "\n"
    return RawResult(text, dup_start, dup_len, dup_insert_at)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with files on disk, write nothing")
    args = ap.parse_args(argv)
    cc = _converter()
    stale = 0
    for src in sorted(HERE.glob("*.zhs.txt")):
        slug = src.name[: -len(".zhs.txt")]
        res = make_raw(slug, src.read_text(encoding="utf-8"), cc)
        dest = HERE / f"{slug}.raw.txt"
        summary = (
            f"{slug}: body lines {res.dup_start + 1}-{res.dup_start + res.dup_len} duplicated "
            f"before body line {res.dup_insert_at + 1}; 6 chrome lines on top, 5 at the bottom"
        )
        if args.check:
            same = dest.exists() and dest.read_text(encoding="utf-8") == res.text
            stale += not same
            print(("ok    " if same else "STALE ") + summary)
        else:
            dest.write_text(res.text, encoding="utf-8")
            print(summary)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
