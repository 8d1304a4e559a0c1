"""Helpers for the reader tests: a realistic saved encyclopedia page built from a text copy.

(A uniquely named module, not conftest: test modules import it, and ``conftest`` is a
name every test folder has.)

The page wraps the example's text in the furniture such sites have (top bar, header with
nav and search form, breadcrumb, entry toolbar, hidden spans, a link-list sidebar with
熱門詞條, related-entry links, footer, scripts, JSON-LD, comments) and inline markup
(<b>, <a>, <br>, source line wrapping inside Chinese text). Seeded, so deterministic.
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:億元|萬元|%|萬人|個|家)")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,4}")


def split_text_copy(raw: str) -> tuple[str, str, list[str], list[str]]:
    """(title, summary line, body lines, bottom chrome lines) of an encyclopedia text copy."""
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    title, summary, intro = lines[0], lines[1], lines[2]
    assert intro.strip() == "基本介紹", intro
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "相關詞條")
    return title, summary, lines[3:end], lines[end:]


def _inline(line: str, rng: random.Random) -> str:
    """Escape a line and decorate it with inline markup that must not change its text."""
    text = line.strip()
    out = html.escape(text, quote=False)
    m = _NUMBER.search(out)
    if m and rng.random() < 0.7:
        out = out[: m.start()] + f"<b>{m.group(0)}</b>" + out[m.end() :]
    m = _CJK_RUN.search(out, len(out) // 3)
    if m and rng.random() < 0.5:
        link = f'<a href="/wiki/{m.group(0)}" title="{m.group(0)}">{m.group(0)}</a>'
        out = out[: m.start()] + link + out[m.end() :]
    if rng.random() < 0.3:  # a hidden footnote marker inside the paragraph
        cut = out.rfind("。")
        if cut > 0:
            out = out[:cut] + '<sup class="ref" hidden>[1]</sup>' + out[cut:]
    if rng.random() < 0.3:  # the saved source wraps long Chinese lines
        pairs = [i for i in range(1, len(out)) if "\u4e00" <= out[i - 1] <= "\u9fff" and "\u4e00" <= out[i] <= "\u9fff"]
        if pairs:
            i = rng.choice(pairs)
            out = out[:i] + "\n        " + out[i:]
    return out


def encyclopedia_page(raw: str, *, seed: int = 7, charset: str = "utf-8") -> str:
    """A saved encyclopedia page (as text) whose main text is the text copy ``raw``."""
    rng = random.Random(seed)
    title, summary, body, _bottom = split_text_copy(raw)
    esc = html.escape
    parts: list[str] = []
    i = 0
    while i < len(body):
        line = body[i]
        if _HEADING.match(line):
            parts.append(f'<div class="para-title level-3"><h3>{_inline(line, rng)}</h3></div>')
        elif i + 1 < len(body) and not _HEADING.match(body[i + 1]) and rng.random() < 0.08:
            parts.append(f'<p class="para">{_inline(line, rng)}<br/>\n{_inline(body[i + 1], rng)}</p>')
            i += 1
        elif rng.random() < 0.3:
            parts.append(f'<div class="para" label-module="para">&nbsp;&nbsp;{_inline(line, rng)}</div>')
        else:
            parts.append(f"<p>{_inline(line, rng)}</p>")
        i += 1
    hot = "".join(
        f'<li><a href="/wiki/{n}">{n}</a><span class="count">{rng.randint(100, 9999)}</span></li>'
        for n in ("周杰倫", "颱風", "元宵節", "五月天", "台積電")
    )
    body_html = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} - 百科知識</title>
<link rel="stylesheet" href="/static/css/entry.css">
<style>body {{ font-family: "PingFang TC", sans-serif; }} .hide {{ display: none; }}</style>
<script>window.dataLayer = window.dataLayer || [];
function gtag(){{dataLayer.push(arguments);}} var tpl = "<p>不是正文</p>";</script>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "Article", "headline": "{esc(title)}"}}
</script>
</head>
<body class="entry-page">
<div id="top-bar" class="topbar">
  <a href="/">首頁</a> | <a href="/login">會員登入</a> | <a href="/register">免費註冊</a>
</div>
<header class="site-header">
  <div class="logo"><a href="/"><img src="/logo.png" alt="百科知識"></a></div>
  <nav class="main-nav"><ul>
    <li><a href="/c/people">人物</a></li><li><a href="/c/history">歷史</a></li>
    <li><a href="/c/politics">政治分類</a></li><li><a href="/c/economy">經濟分類</a></li>
  </ul></nav>
  <form class="search-form" action="/search">
    <input name="q" placeholder="搜尋詞條"><button type="submit">站內搜尋</button>
  </form>
</header>
<!-- 廣告位 top -->
<div id="wrapper" class="container">
  <div class="breadcrumb"><a href="/">首頁</a> &gt; <a href="/c/politics">政治</a> &gt; <span>{esc(title)}</span></div>
  <div class="row">
    <div class="col-main">
      <div class="entry-head">
        <h1 class="entry-title">{esc(title)}</h1>
        <div class="entry-toolbar"><a href="#edit">編輯</a> <a href="#share">分享</a> <a href="#fav">收藏</a></div>
      </div>
      <div class="lemma-summary"><p>{_inline(summary, rng)}</p></div>
      <div class="hide">本詞條由網友編輯，僅供參考</div>
      <div class="para-title level-2"><h2>基本介紹</h2></div>
      <div class="main-content">
{body_html}
      </div>
      <div class="entry-foot">
        <h3>相關詞條</h3>
        <ul class="entry-links">
          <li><a href="/wiki/海珠區">海珠區</a></li><li><a href="/wiki/廣州市">廣州市</a></li>
          <li><a href="/wiki/政府工作報告">政府工作報告</a></li>
        </ul>
      </div>
    </div>
    <div class="col-right">
      <div class="box"><div class="box-title">熱門詞條</div><ol>{hot}</ol></div>
      <aside class="sidebar"><h3>推薦閱讀</h3>
        <ul><li><a href="/a/1">廣州經濟發展概況</a></li><li><a href="/a/2">海珠區歷史沿革</a></li></ul>
      </aside>
    </div>
  </div>
</div>
<footer class="site-footer">
  <p><a href="/contact">聯絡我們</a> | <a href="/privacy">隱私權政策</a> | <a href="/terms">使用條款</a></p>
  <p>© 2024 百科知識 版權所有</p>
</footer>
<script>var ad = "廣告文字不應出現";</script>
<noscript><img src="/pixel.gif" alt="追蹤"></noscript>
</body>
</html>
"""
