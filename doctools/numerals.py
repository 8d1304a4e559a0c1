"""Chinese numerals and full-width number forms: the one place that reads them.

Below every stage (the cleaner reads heading labels with it, the translator and the brief
read amounts with it), so no stage imports another for a number. Two facts live here:

* the value of a Chinese numeral (:func:`cn_value`: 一万二千 = 12000, 三亿五千万 =
  350,000,000; digit strings such as 二〇二二 only when positional);
* the half-width form of full-width digits and number signs (:func:`fold`: ３７．２％ →
  37.2%), one character for one, so positions in folded text are positions in the source.
"""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_FOLD = str.maketrans("０１２３４５６７８９．％＋－～", "0123456789.%+-~")


def fold(text: str) -> str:
    """Full-width digits and number signs (．％＋－～) as half-width ones, one for one."""
    return text.translate(_FOLD)


def cn_value(s: str, *, positional: bool = False) -> int | None:
    """A Chinese numeral's value, or None when ``s`` is not one.

    Sections of 万 and 亿 scale what precedes them: 十万 = 100000, 一万二千 = 12000,
    一千二百万 = 12000000, 三亿五千万 = 350000000, 一万亿 = 10**12; 零 marks a gap
    (一千零五 = 1005); a trailing digit abbreviates the next unit down (一万二 = 12000,
    三百五 = 350). A bare 十 counts as 一十 anywhere, a bare 百/千 only first (百万).
    Digit strings (二〇二二) count only with ``positional``; anything else that is not a
    well-formed numeral (两三, 十四五, 十十, 万) is None.
    """
    if not s or any(c not in DIGITS and c not in UNITS and c not in BIG for c in s):
        return None
    if all(c in DIGITS for c in s):
        if len(s) == 1:
            return DIGITS[s]
        return int("".join(str(DIGITS[c]) for c in s)) if positional else None
    total = high = section = 0  # 亿 part, 万 part, part below 万
    digit: int | None = None
    last_unit, prev, zero = 10**4, 0, False
    for i, ch in enumerate(s):
        if ch in DIGITS:
            if digit is not None:
                return None  # two digits in a row: 两三, 十四五
            if DIGITS[ch] == 0:
                zero = True
            else:
                digit = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            if unit >= last_unit or (digit is None and unit != 10 and i):
                return None
            section += (digit or 1) * unit
            digit, last_unit, prev, zero = None, unit, unit, False
        else:
            big = BIG[ch]
            part = section + (digit or 0)
            if big == 10**4:
                if not part or high:
                    return None
                high = part * big
            else:
                if not part + high or total:
                    return None
                total, high = (part + high) * big, 0
            section, digit, last_unit, prev, zero = 0, None, 10**4, big, False
    if digit is not None and not zero and prev >= 100 and s[-1] in DIGITS:
        digit *= prev // 10  # 一万二 = 一万二千
    return total + high + section + (digit or 0)


def cn_to_int(s: str) -> int:
    """:func:`cn_value` (digit strings allowed) for heading labels; 0 for a malformed
    numeral (十十), so a garbled label never stops a translation. New code: use cn_value."""
    value = cn_value(s, positional=True)
    return 0 if value is None else value



__all__ = ["BIG", "DIGITS", "UNITS", "cn_to_int", "cn_value", "fold"]
