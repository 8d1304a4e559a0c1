"""Brief quality: recall and precision of hand-checked key facts, doctools vs TextRank.

Corpus: ``tests/data/corpus/<slug>.raw.txt`` (real State Council work reports, scraped
form) with hand-checked facts in ``tests/data/corpus/facts/<slug>.tsv`` (kind figure /
target / task / problem, each text verbatim in the report) — documents the brief was not
written against — plus the development example (its facts listed below, marked "dev").

Both systems read the same cleaned Simplified edition (doctools' cleaner + converter).

* doctools: ``make_brief`` items — figures (their clause), targets, 力争 goals, task gists,
  problems, summary sentences.
* baseline: TextRank over sentences (own numpy implementation of Mihalcea & Tarau 2004:
  similarity = shared character bigrams / (log|Si| + log|Sj|), PageRank d = 0.85; no
  Chinese word segmenter is installed, so bigrams stand in for words), duplicate sentences
  removed, the top k in document order with k = the number of doctools items (same budget).

A fact is *found* when one item holds all of its numbers (same value, unit and hedge) and
at least half of its character bigrams (facts without numbers: 60 %). Precision = items
that match some fact / items; the fact lists are not exhaustive (a brief lists more
figures than the hand-checked ones), so precision is a lower bound for both systems.

Usage: ``python benchmarks/brief_quality.py [--verbose]``
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from doctools.brief._structure import norm, sentences  # noqa: E402
from doctools.brief.extract import make_brief  # noqa: E402
from doctools.brief.model import Brief  # noqa: E402
from doctools.brief.numexpr import find  # noqa: E402
from doctools.brief.write import prepare  # noqa: E402
from doctools.model import Document  # noqa: E402
from doctools.pipeline import load_clean  # noqa: E402
from doctools.tables import load_table  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"
EXAMPLE_FACTS = [  # hand-checked against the example (development document)
    ("figure", "实现地区生产总值2405.16亿元，同比（下同）增长9.3%"), ("figure", "新增“四上”企业574家，增长38%"),
    ("figure", "规模以上工业总产值超680亿元，增长21.1%"), ("figure", "全年举办展会204场、展览面积682.9万平方米"),
    ("figure", "琶洲试验区营收3668.52亿元、企业数量超3.2万家"),
    ("figure", "新一代信息技术服务业营收超520亿元，增长23.9%"),
    ("figure", "全社会研发投入强度3.35%"), ("figure", "带动全区新增就业2.55万人"),
    ("target", "地区生产总值增长6%左右"), ("target", "固定资产投资额增长8%左右"),
    ("target", "一般公共预算收入基本持平"),
    ("target", "城乡居民收入增长与经济增长基本同步"), ("target", "经济金融风险有效防范"),
    ("task", "聚焦创新核心地位，增强高质量发展引领力"), ("task", "聚焦人民根本利益，增强高质量发展向心力"),
    ("problem", "科技创新潜力仍未充分发挥"), ("problem", "国资国企改革任务艰巨"),
]


def bigrams(text: str) -> set[str]:
    t = norm(text).replace("，", "").replace("、", "")
    return {t[i:i + 2] for i in range(len(t) - 1)}


def num_keys(text: str) -> set[tuple[str, ...]]:
    return {e.key for e in find(text) if e.kind in ("number", "percent")}


def matches(fact: str, item: str) -> bool:
    nums = num_keys(fact)
    fb = bigrams(fact)
    if not fb:
        return False
    cover = len(fb & bigrams(item)) / len(fb)
    if nums:
        return nums <= num_keys(item) and cover >= 0.5
    return cover >= 0.6 or (len(norm(item)) >= 6 and norm(item) in norm(fact))


def brief_items(b: Brief) -> list[str]:
    seen: dict[str, None] = {}
    for _, text, _ in b.items():
        seen.setdefault(text)
    return list(seen)


def textrank(doc: Document, k: int) -> list[str]:
    sents = [s.text for s in sentences(list(doc.blocks))]
    if not sents:
        return []
    grams = [bigrams(s) for s in sents]
    n = len(sents)
    w = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            shared = len(grams[i] & grams[j])
            if shared and len(grams[i]) > 1 and len(grams[j]) > 1:
                w[i, j] = w[j, i] = shared / (math.log(len(grams[i])) + math.log(len(grams[j])))
    out_sum = w.sum(axis=1)
    out_sum[out_sum == 0] = 1.0
    m = (w / out_sum[:, None]).T
    score = np.ones(n) / n
    for _ in range(100):
        new = 0.15 / n + 0.85 * m @ score
        if np.abs(new - score).sum() < 1e-9:
            break
        score = new
    top = sorted(np.argsort(-score)[:k])
    return [sents[i] for i in top]


def evaluate(facts: list[tuple[str, str]], items: list[str]) -> tuple[dict[str, tuple[int, int]], float]:
    per: dict[str, tuple[int, int]] = {}
    for kind, fact in facts:
        hit = any(matches(fact, it) for it in items)
        f, t = per.get(kind, (0, 0))
        per[kind] = (f + hit, t + 1)
    used = sum(1 for it in items if any(matches(fact, it) for _, fact in facts))
    return per, used / len(items) if items else 0.0


def _recall(per: dict[str, tuple[int, int]]) -> tuple[int, int]:
    return sum(f for f, _ in per.values()), sum(t for _, t in per.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list the facts each system missed")
    args = ap.parse_args()
    docs: list[tuple[str, Path, list[tuple[str, str]]]] = []
    for facts_path in sorted((CORPUS / "facts").glob("*.tsv")):
        slug = facts_path.stem
        raw = CORPUS / f"{slug}.raw.txt"
        if raw.is_file():
            rows = load_table(facts_path, min_cols=2).rows
            docs.append((slug, raw, [(r.cells[0], r.cells[1]) for r in rows if r.cells[0] != "kind"]))
    docs.append(("haizhu-2022 (dev)", EXAMPLE, EXAMPLE_FACTS))
    print(f"{'document':28} {'facts':>5} | {'doctools R':>10} {'P':>5} {'items':>5} | {'TextRank R':>10} {'P':>5}"
          f" | by kind (doctools/TextRank found of n)")
    tot = {"d": [0, 0], "t": [0, 0], "dp": [], "tp": []}
    for slug, path, facts in docs:
        doc = prepare(load_clean(path))
        b = make_brief(doc)
        items = brief_items(b)
        base = textrank(doc, len(items))
        per_d, p_d = evaluate(facts, items)
        per_t, p_t = evaluate(facts, base)
        fd, n = _recall(per_d)
        ft, _ = _recall(per_t)
        tot["d"][0] += fd
        tot["d"][1] += n
        tot["t"][0] += ft
        tot["t"][1] += n
        tot["dp"].append(p_d)  # type: ignore[attr-defined]
        tot["tp"].append(p_t)  # type: ignore[attr-defined]
        kinds = " ".join(f"{k}:{per_d[k][0]}/{per_t[k][0]} of {per_d[k][1]}" for k in sorted(per_d))
        print(f"{slug:28} {n:5} | {fd / n:10.0%} {p_d:5.0%} {len(items):5} | {ft / n:10.0%} {p_t:5.0%} | {kinds}")
        if args.verbose:
            for kind, fact in facts:
                if not any(matches(fact, it) for it in items):
                    print(f"    doctools missed {kind}: {fact}")
    rd, rt = tot["d"][0] / tot["d"][1], tot["t"][0] / tot["t"][1]
    pd, pt = float(np.mean(tot["dp"])), float(np.mean(tot["tp"]))
    print(f"{'ALL (micro recall, mean P)':28} {tot['d'][1]:5} | {rd:10.0%} {pd:5.0%} {'':5} | {rt:10.0%} {pt:5.0%}")
    print(f"ratio doctools/TextRank: recall {rd / rt if rt else float('inf'):.1f}x, "
          f"precision {pd / pt if pt else float('inf'):.1f}x")


if __name__ == "__main__":
    main()
