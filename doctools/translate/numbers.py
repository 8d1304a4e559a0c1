"""Chinese numeric expressions → exact English (万/亿 scaling, qualifiers, ranges, ordinals).

Why deterministic code and not the model: numbers are what readers check first and what
NMT models alter most (argos#499, LibreTranslate#587). Every expression is parsed into a
:class:`NumberExpr` (exact :class:`~decimal.Decimal` value, unit, qualifier, span) and
rendered by rule::

    2405.16亿元   → 240.516 billion yuan        2.55万人   → 25,500 people
    682.9万平方米 → 6.829 million square metres 超680亿元  → more than 68 billion yuan
    6%左右        → about 6%                    3.2个百分点 → 3.2 percentage points
    2—3万元       → 20,000 to 30,000 yuan       第130届    → 130th
    600余场       → more than 600 events        2022年     → 2022
    三十万人      → 300,000 people              一千二百万元 → 12 million yuan

Chinese numerals have one value parser, :func:`doctools.numerals.cn_value` (万/亿 sections:
一万二千 = 12000, 三亿五千万 = 350,000,000), used by the cleaner, the brief and the translator.
A Chinese-numeral *amount* is only taken when it is unambiguous: two or more characters
starting with a digit or 十, a valid numeral, and followed by a unit or classifier
(三十万人, 超十万平方米) — or holding 亿 (十四亿多人民). So 一是, 一批, 一体化, 十四五, 一带一路, 万一, 千万 ('must'),
千家万户 and 三至五万 (a range it cannot render) stay Chinese for the translator.

Units and classifiers come from ``doctools/data/numbers/units.tsv``, qualifiers (超, 左右, 余 …)
from ``doctools/data/numbers/qualifiers.tsv`` — the tables the brief reads too. A classifier
(个, 家, 项 …) is dropped when its noun follows (``10家企业`` → ``10 企业``: the noun is
translated elsewhere) and replaced by its stand-alone noun, if it has one, at the end of a
clause (``新增10家。`` → ``10 firms``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from doctools.numerals import BIG, DIGITS, cn_value, fold
from doctools.resources import data_path
from doctools.tables import load_table

_SCALES = {"万亿": 12, "萬億": 12, "千亿": 11, "千億": 11, "百亿": 10, "百億": 10, "十亿": 9,
           "十億": 9, "亿": 8, "億": 8, "千万": 7, "千萬": 7, "百万": 6, "百萬": 6, "十万": 5,
           "十萬": 5, "万": 4, "萬": 4}
_ORDINAL_WORDS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                  "eighth", "ninth", "tenth"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


@dataclass(frozen=True)
class Unit:
    zh: str
    kind: str  # measure | classifier | ordinal
    singular: str
    plural: str
    not_before: str = ""  # 人 not before 口/民/才: 人口, 人民 are other words


@dataclass(frozen=True)
class NumberExpr:
    """One numeric expression found in Chinese text.

    ``value`` is exact (scaled: 2.55万 → 25500); ``high`` is the upper end of a range;
    ``kind`` is number, percent, ordinal, year or date; ``unit`` the Chinese unit or
    classifier as written ('' when none); ``qualifier`` the English qualifier ('' when
    none); ``en`` the English rendering; ``start``/``end`` the span in the parsed text.
    """

    text: str
    start: int
    end: int
    kind: str
    value: Decimal
    high: Decimal | None
    unit: str
    unit_en: str
    qualifier: str
    en: str
    scaled: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """Unit table keyed by every spelling (Simplified and variants)."""
    table = load_table(data_path("numbers", "units.tsv"), min_cols=3)
    out: dict[str, Unit] = {}
    for row in table.rows:
        if row.get(0) == "zh":
            continue
        unit = Unit(row.get(0), row.get(2), row.get(3), row.get(4), row.get(6))
        for spelling in [row.get(0), *(v.strip() for v in row.get(1).split(",") if v.strip())]:
            out.setdefault(spelling, unit)
    return out


@lru_cache(maxsize=1)
def qualifiers() -> dict[str, tuple[str, str, str]]:
    """Every spelling of a hedge the grammar renders → (position, English, not-before characters)."""
    out: dict[str, tuple[str, str, str]] = {}
    for row in load_table(data_path("numbers", "qualifiers.tsv"), min_cols=3).rows:
        if not row.get(3):
            continue  # 第: the ordinal grammar's own
        for spelling in [row.get(0), *(v.strip() for v in row.get(1).split(",") if v.strip())]:
            out.setdefault(spelling, (row.get(2), row.get(3), row.get(4)))
    return out


@lru_cache(maxsize=4)
def _q(position: str) -> dict[str, str]:
    return {w: en for w, (pos, en, _) in qualifiers().items() if pos == position}


def _q_alt(position: str) -> str:
    """Qualifiers at ``position``, longest first, each barred before its ``not_before`` characters."""
    table = qualifiers()
    out = []
    for w in sorted((w for w, q in table.items() if q[0] == position), key=len, reverse=True):
        bar = table[w][2]
        out.append(re.escape(w) + (f"(?![{re.escape(bar)}])" if bar else ""))
    return "|".join(out)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _unit_alt(kinds: tuple[str, ...]) -> str:
    """Units of ``kinds``, longest first, each barred before its ``not_before`` characters."""
    table = units()
    out = []
    for w in sorted((w for w, u in table.items() if u.kind in kinds), key=len, reverse=True):
        bar = table[w].not_before
        out.append(re.escape(w) + (f"(?![{re.escape(bar)}])" if bar else ""))
    return "|".join(out)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CNNUM = r"[零〇一二两兩三四五六七八九十百千]+"
_CNRUN = "零〇一二两兩三四五六七八九十百千万萬亿億"
_BIG_SCALE = {"万亿": 12, "萬億": 12, "亿": 8, "億": 8, "万": 4, "萬": 4}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    unit_alt = _unit_alt(("measure", "classifier"))
    ord_alt = _unit_alt(("measure", "classifier", "ordinal"))
    scale = _alt(_SCALES)
    inner = _q_alt("mid")
    one = rf"(?:{_NUM})(?:{inner})?(?:{scale})?(?:{inner})?"
    pct = r"(?:%|‰)"
    return re.compile(
        rf"""
        (?P<ord>第(?P<ordn>{_NUM}|{_CNNUM})(?P<ordu>{ord_alt})?)
      | (?P<pctcn>(?P<pq>{_q_alt('pre')})?百分之(?P<pcn>{_NUM}|{_CNNUM})(?P<psq>{_q_alt('post')})?)
      | (?P<date>(?:(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})(?:[-~—–至到](?P<m2>\d{{1,2}}))?月
                 (?:份|(?P<d>\d{{1,2}})[日号號])?)
      | (?P<past>近(?P<pn>{_NUM}|{_CNNUM})年(?!底|末|初))
      | (?P<yend>(?P<yy>\d{{4}})年(?P<ye>底|末|初|上半年|下半年))
      | (?P<cexpr>
          (?P<cq>{_q_alt('pre')})?
          (?<![{_CNRUN}\d.点點数數几幾])(?<![{_CNRUN}][至到~—–\-、个個])
          (?P<ca>[{_CNRUN}]+)(?:[点點](?P<cf>[零〇一二三四五六七八九]+))?
          (?P<ci>{inner})?(?P<cs>{_alt(_BIG_SCALE)})?
          (?:(?P<cu>{unit_alt})|(?<=[亿億]))(?P<csq>{_q_alt('post')})?
        )
      | (?P<expr>
          (?P<q>{_q_alt('pre')})?
          (?P<a>{one})(?P<apct>{pct})?(?P<aunit>{unit_alt})?
          (?:\s*[-~—–至到]\s*(?P<b>{one})(?P<bpct>{pct})?(?P<bunit>{unit_alt})?)?
          (?P<sq>{_q_alt('post')})?
        )
        """,
        re.VERBOSE,
    )


def _to_decimal(s: str) -> Decimal | None:
    if s[:1].isdigit():
        return Decimal(s.replace(",", ""))
    value = cn_value(s)
    return None if value is None else Decimal(value)


def _split_one(s: str) -> tuple[Decimal, int | None, str]:
    """'2.55万' → (2.55, 4, ''); '600余' → (600, None, 'more than')."""
    m = re.match(rf"({_NUM})", s)
    assert m
    rest = s[m.end():]
    qual = ""
    for q, en in _q("mid").items():
        if q in rest:
            qual = en
            rest = rest.replace(q, "")
    exp = _SCALES.get(rest) if rest else None
    return Decimal(m.group(1).replace(",", "")), exp, qual


def plain(d: Decimal) -> str:
    """Exact decimal text without exponent or trailing zeros (240.5160 → 240.516)."""
    s = format(d.normalize(), "f")
    return s


def group(d: Decimal, keep: str | None = None) -> str:
    """Thousands separators; ``keep`` preserves the source's decimals (8.10 stays 8.10)."""
    text = keep.replace(",", "") if keep is not None else plain(d)
    whole, dot, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if len(whole) > 4 or (len(whole) == 4 and not frac):
        whole = f"{int(whole):,}"
    return f"{sign}{whole}{dot}{frac}"


def english_amount(value: Decimal, *, scaled: bool, source: str | None = None) -> str:
    """A number in English: million/billion/trillion for scaled values ≥ 1 million."""
    if scaled:
        for exp, word in ((12, "trillion"), (9, "billion"), (6, "million")):
            if abs(value) >= Decimal(10) ** exp:
                return f"{plain(value.scaleb(-exp))} {word}"
        return group(value)
    return group(value, source)


def _unit_words(unit: Unit | None, value: Decimal, alone: bool) -> str:
    if unit is None:
        return ""
    if unit.kind == "classifier":
        return unit.plural if alone and unit.plural and value != 1 else ""
    return unit.singular if value == 1 else unit.plural


def ordinal(n: int, words: bool = False) -> str:
    """130 → 130th; with ``words`` 1..10 → first..tenth."""
    if words and 0 < n <= 10:
        return _ORDINAL_WORDS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _render_ord(m: re.Match[str]) -> tuple[str, Decimal, str, str] | None:
    raw = m.group("ordn")
    value = _to_decimal(raw)
    if value is None:
        return None
    n = int(value)
    u = m.group("ordu") or ""
    unit = units().get(u)
    en = ordinal(n, words=not raw[0].isdigit())
    word = ""
    if unit is not None and unit.kind == "ordinal" and unit.singular == "quarter":
        word = "quarter"
    return (f"{en} {word}".strip(), Decimal(n), u, word)


def _render_date(m: re.Match[str]) -> str | None:
    month = int(m.group("m"))
    m2 = int(m.group("m2")) if m.group("m2") else None
    if not 1 <= month <= 12 or (m2 is not None and not month < m2 <= 12):
        return None
    text = _MONTHS[month - 1] + (f"-{_MONTHS[m2 - 1]}" if m2 else "")
    if m.group("d"):
        day = int(m.group("d"))
        if not 1 <= day <= 31:
            return None
        text = f"{day} {text}"
    if m.group("y"):
        text = f"{text} {m.group('y')}"
    return text


def _lead(s: str) -> str:
    """The leading digits of an expression part ('2.55万' → '2.55')."""
    m = re.match(_NUM, s)
    return m.group(0) if m else s


def _is_year(a: str, unit: str, scaled: bool, pct: bool) -> bool:
    return unit == "年" and not scaled and not pct and re.fullmatch(r"(19|20)\d\d", a) is not None


def _expr(m: re.Match[str], text: str) -> NumberExpr | None:
    a_raw, b_raw = m.group("a"), m.group("b")
    a_val, a_exp, a_q = _split_one(a_raw)
    b_val, b_exp, b_q = _split_one(b_raw) if b_raw else (None, None, "")
    pct = m.group("bpct") or m.group("apct") or ""
    unit_zh = m.group("bunit") or m.group("aunit") or ""
    if b_raw and m.group("aunit") and m.group("bunit") and m.group("aunit") != m.group("bunit"):
        return None
    exp = b_exp if (b_raw and a_exp is None) else a_exp  # 2—3万 → both scaled by 万
    a_num = _lead(a_raw)
    if _is_year(a_num, unit_zh, a_exp is not None, bool(pct)) and (
        b_raw is None or re.fullmatch(r"(19|20)\d\d", _lead(b_raw))
    ):
        en = a_num + (f"-{_lead(b_raw)}" if b_raw else "")
        return NumberExpr(m.group(0), m.start(), m.end(), "year", a_val, b_val, "年", "", "", en)
    # a bare number glued to Latin letters (5G, S8, A4) is a name, not a quantity
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    glued = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
    if not unit_zh and not pct and glued:
        return None
    if not unit_zh and not pct and a_exp is None and not b_raw and len(a_num.replace(",", "")) > 12:
        return None  # an identifier, not an amount
    scaled = exp is not None
    value = a_val.scaleb(exp) if exp is not None else a_val
    high = b_val.scaleb(b_exp) if (b_val is not None and b_exp is not None) else b_val
    unit = units().get(unit_zh)
    tail = text[m.end():m.end() + 1]
    alone = not tail or not ("\u4e00" <= tail <= "\u9fff")
    qualifier = _q("pre").get(m.group("q") or "", "") or a_q or b_q
    suffix = _q("post").get(m.group("sq") or "", "")
    if suffix == "about":
        qualifier = "about"
    year_like = not scaled and not unit_zh and not pct and re.fullmatch(r"(19|20)\d\d", a_num)

    def amount(v: Decimal, raw: str, is_scaled: bool) -> str:
        if year_like or (not is_scaled and not unit_zh and not pct
                         and re.fullmatch(r"(19|20)\d\d", raw)):
            return raw
        src = None if is_scaled else _lead(raw)
        return english_amount(v, scaled=is_scaled, source=src) + ("%" if pct == "%" else pct)

    words = _unit_words(unit, high if high is not None else value, alone)
    if pct:
        words = ""
    if high is not None and b_raw and year_like and re.fullmatch(r"(19|20)\d\d", b_raw):
        body = f"{a_raw}-{b_raw}"
    elif high is not None and b_raw:
        body = f"{amount(value, a_raw, scaled)} to {amount(high, b_raw, b_exp is not None)}"
    else:
        body = amount(value, a_raw, scaled)
    en = f"{body} {words}".strip()
    if qualifier:
        en = f"{qualifier} {en}"
    if suffix and suffix != "about":
        en = f"{suffix} {en}" if suffix == "up to" else f"{en} {suffix}"
    kind = "percent" if pct else "number"
    return NumberExpr(m.group(0), m.start(), m.end(), kind, value, high, unit_zh,
                      unit.plural if unit and unit.kind != "classifier" else "", qualifier or suffix, en,
                      scaled)


def _cexpr(m: re.Match[str], text: str) -> NumberExpr | None:
    """A Chinese-numeral amount with its unit (三十万人, 超十万平方米, 三十多万元, 三点五亿元)."""
    ca, cf, cs = m.group("ca"), m.group("cf") or "", m.group("cs") or ""
    if ca[0] not in "一二两兩三四五六七八九十" or (len(ca) < 2 and not cf and not cs):
        return None  # 一批, 十年, 千万, 万一: single characters and bare 百/千/万 stay words
    if not m.group("cu") and not re.search("[亿億]", ca + cs):
        return None  # without a unit only 亿 amounts (十三亿人口); 十万火急 is an idiom
    base = cn_value(ca)
    if base is None or (cf and any(c in BIG for c in ca)):
        return None
    value = Decimal(f"{base}." + "".join(str(DIGITS[c]) for c in cf)) if cf else Decimal(base)
    exp = _BIG_SCALE.get(cs)
    value = value.scaleb(exp) if exp else value
    scaled = exp is not None or any(c in BIG for c in ca)
    unit_zh = m.group("cu") or ""
    unit = units().get(unit_zh)
    tail = text[m.end():m.end() + 1]
    alone = not tail or not ("\u4e00" <= tail <= "\u9fff")
    qualifier = _q("pre").get(m.group("cq") or "", "") or _q("mid").get(m.group("ci") or "", "")
    suffix = _q("post").get(m.group("csq") or "", "")
    if suffix == "about":
        qualifier = "about"
    en = f"{english_amount(value, scaled=scaled)} {_unit_words(unit, value, alone)}".strip()
    if qualifier:
        en = f"{qualifier} {en}"
    if suffix and suffix != "about":
        en = f"{suffix} {en}" if suffix == "up to" else f"{en} {suffix}"
    unit_en = unit.plural if unit and unit.kind != "classifier" else ""
    return NumberExpr(text[m.start():m.end()], m.start(), m.end(), "number", value, None, unit_zh,
                      unit_en, qualifier or suffix, en, scaled)


def parse(text: str) -> list[NumberExpr]:
    """Every numeric expression of ``text`` in order, spans in ``text``'s coordinates."""
    norm = fold(text).replace("，", ",")  # one for one: spans stay the source's
    out: list[NumberExpr] = []
    for m in _pattern().finditer(norm):
        if m.group("ord"):
            ordinal_parts = _render_ord(m)
            if ordinal_parts is None:
                continue
            en, val, u, word = ordinal_parts
            out.append(NumberExpr(text[m.start():m.end()], m.start(), m.end(), "ordinal", val, None,
                                  u, word, "", en))
        elif m.group("pctcn"):
            pval = _to_decimal(m.group("pcn"))
            if pval is None:
                continue
            val = pval
            q = _q("pre").get(m.group("pq") or "", "")
            sq = _q("post").get(m.group("psq") or "", "")
            if sq == "about":
                q, sq = "about", ""
            en = f"{q} {group(val, m.group('pcn') if m.group('pcn')[0].isdigit() else None)}%".strip()
            en = f"{sq} {en}" if sq == "up to" else f"{en} {sq}".strip()
            q = q or sq
            out.append(NumberExpr(text[m.start():m.end()], m.start(), m.end(), "percent", val, None,
                                  "", "", q, en))
        elif m.group("past"):
            pval = _to_decimal(m.group("pn"))
            if pval is None:
                continue
            val = pval
            n = group(val) if m.group("pn")[0].isdigit() else str(val)
            en = "the past year" if val == 1 else f"the past {n} years"
            out.append(NumberExpr(text[m.start():m.end()], m.start(), m.end(), "number", val, None,
                                  "年", "years", "", en))
        elif m.group("yend"):
            y = m.group("yy")
            en = {"底": f"the end of {y}", "末": f"the end of {y}", "初": f"early {y}",
                  "上半年": f"the first half of {y}", "下半年": f"the second half of {y}"}[m.group("ye")]
            out.append(NumberExpr(text[m.start():m.end()], m.start(), m.end(), "year", Decimal(y), None,
                                  "年", "", "", en))
        elif m.group("date"):
            en_date = _render_date(m)
            if en_date is not None:
                val = Decimal(int(m.group("m")))
                out.append(NumberExpr(text[m.start():m.end()], m.start(), m.end(), "date", val, None,
                                      "月", "", "", en_date))
        elif m.group("cexpr"):
            c = _cexpr(m, norm)
            if c is not None:
                out.append(replace(c, text=text[c.start:c.end]))
        else:
            e = _expr(m, norm)
            if e is not None:
                out.append(NumberExpr(text[e.start:e.end], e.start, e.end, e.kind, e.value, e.high,
                                      e.unit, e.unit_en, e.qualifier, e.en, e.scaled))
    return out


def render_en(text: str) -> str:
    """``text`` with every Chinese numeric expression rewritten in English.

    Spaces are added where an English rendering meets Han text on either side so the
    result reads as words (``增长8.1%`` → ``增长 8.1%``); the brief and the translator
    substitute these renderings for placeholders.
    """
    out: list[str] = []
    pos = 0
    for e in parse(text):
        out.append(text[pos:e.start])
        prev = text[e.start - 1] if e.start else ""
        nxt = text[e.end] if e.end < len(text) else ""
        en = e.en
        if prev and (("\u4e00" <= prev <= "\u9fff") or prev.isalnum()):
            en = " " + en
        if nxt and not nxt.isspace() and (("\u4e00" <= nxt <= "\u9fff") or nxt.isalnum()):
            en = en + " "
        out.append(en)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


__all__ = ["NumberExpr", "english_amount", "ordinal", "parse", "render_en", "units"]
