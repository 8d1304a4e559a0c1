"""Make the dirty test inputs ``<slug>.raw.txt`` (+ ``<slug>.truth.json``) from real texts.

Why: the cleaner must be right for the whole family of scraped mainland reports, not for
the one example it was written against. Each ``<slug>.source.txt`` is a real government
text (see SOURCES.md). This script damages it the way mirror/encyclopedia sites do, in a
different style per document, and records the ground truth (which output lines are
chrome, which are the duplicated copy) so tests can demand exact recovery:

* OpenCC ``s2twp`` (Traditional characters, Taiwan phrasing) on the body;
* half-width , : ; ! ( ) in most lines; indentation of ASCII spaces, ideographic spaces,
  NBSP or a tab; trailing spaces; zero-width spaces; blank lines;
* chrome in one of three site styles (Traditional encyclopedia, Simplified government
  mirror, encyclopedia with edit links and references), never inside a body line;
* one run of 4–8 consecutive body lines repeated later with fresh noise (other indent and
  punctuation width) — the cleaner must remove exactly that copy;
* line ends and encodings vary (LF, CRLF, UTF-8 with BOM).

Deterministic (seeded per slug). Usage:
``.venv/bin/python tests/data/clean/make_dirty.py [--check]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# slug → (style, entry name (Simplified), line ending, encoding)
DOCS: dict[str, tuple[str, str, str, str]] = {
    "gov-report-2009": ("encyclopedia", "2009年国务院政府工作报告", "\n", "utf-8"),
    "gov-report-2019": ("mirror", "2019年政府工作报告", "\r\n", "utf-8"),
    "gov-report-2020": ("wiki", "2020年国务院政府工作报告", "\n", "utf-8-sig"),
    "gov-report-2022": ("encyclopedia", "2022年国务院政府工作报告", "\n", "utf-8"),
}

HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "（": "(", "）": ")"})
INDENTS = ("", "", "  ", "\u3000\u3000", "\u00a0\u00a0", "\t")


def _s2twp(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2twp").convert(text)


def _noisy(line: str, rng: random.Random) -> str:
    """Indentation, half-width punctuation, zero-width space, trailing spaces."""
    if rng.random() < 0.85:
        line = line.translate(HALF)
    if rng.random() < 0.1 and len(line) > 6:
        k = rng.randrange(2, len(line) - 2)
        line = line[:k] + "\u200b" + line[k:]
    trail = " " * rng.choice((0, 0, 0, 1, 3))
    return rng.choice(INDENTS) + line + trail


def _top(style: str, entry: str) -> list[str]:
    name = _s2twp(entry)
    if style == "encyclopedia":
        return [name, "", f"{name}是由國務院發布的報告。", "", "目錄", "基本介紹", ""]
    if style == "mirror":  # Simplified furniture of a mainland mirror site
        return ["当前位置：首页 > 政务公开 > 政府工作报告", "【字号：大 中 小】", ""]
    return [name, f"《{name}》是國務院總理在全國人民代表大會上發表的政府工作報告。", "播報", "編輯", ""]


def _bottom(style: str) -> list[str]:
    if style == "encyclopedia":
        return ["", "相關詞條", "", "熱門詞條", "", "聯絡我們"]
    if style == "mirror":
        return ["", "分享到：", "打印本页", "关闭窗口", "扫一扫在手机打开当前页"]
    return ["", "參考資料", "[1] 政府工作報告．中國政府網．2020-05-29[引用日期2020-06-01]", "詞條標籤", "快懂百科"]


def build(slug: str) -> tuple[str, dict[str, object], str]:
    """(file text, truth, encoding)."""
    style, entry, eol, encoding = DOCS[slug]
    rng = random.Random(zlib.crc32(slug.encode()))
    source = [ln for ln in (HERE / f"{slug}.source.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    body = _s2twp("\n".join(source)).split("\n")
    # the duplicated run: start in the middle part, copy inserted further down
    k = rng.randint(4, 8)
    start = rng.randint(len(body) // 4, len(body) // 2)
    after = rng.randint(start + k + 5, len(body) - 5)
    lines: list[tuple[str, str]] = [(t, "chrome" if t.strip() else "blank") for t in _top(style, entry)]
    for i, text in enumerate(body):
        lines.append((_noisy(text, rng), "body"))
        if style == "wiki" and text[:2] in ("一、", "二、", "三、"):
            lines.append(("編輯", "chrome"))  # section edit link under each chapter heading
        if rng.random() < 0.15:
            lines.append(("", "blank"))
        if i == after:
            lines += [(_noisy(t, rng), "dup") for t in body[start : start + k]]
    lines += [(t, "chrome" if t.strip() else "blank") for t in _bottom(style)]
    truth = {
        "source": f"{slug}.source.txt",
        "style": style,
        "chrome_lines": [n for n, (_, tag) in enumerate(lines, 1) if tag == "chrome"],
        "duplicate_lines": [n for n, (_, tag) in enumerate(lines, 1) if tag == "dup"],
        "duplicate_of_source_lines": [start + 1, start + k],
    }
    return eol.join(t for t, _ in lines) + eol, truth, encoding


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when a file on disk is not current")
    args = ap.parse_args(argv)
    stale = 0
    for slug in DOCS:
        text, truth, encoding = build(slug)
        raw, tru = HERE / f"{slug}.raw.txt", HERE / f"{slug}.truth.json"
        data = text.encode(encoding)
        truth_text = json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
        if args.check:
            ok = raw.exists() and raw.read_bytes() == data and tru.read_text(encoding="utf-8") == truth_text
            stale += not ok
            print(f"{'ok   ' if ok else 'STALE'} {slug}")
            continue
        raw.write_bytes(data)
        tru.write_text(truth_text, encoding="utf-8")
        print(f"wrote {slug}: {len(truth['chrome_lines'])} chrome, {len(truth['duplicate_lines'])} duplicate lines")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
