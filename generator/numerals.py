"""Chinese numerals for provision numbers (一 … 九十九 and beyond) in both directions."""
from __future__ import annotations

import cn2an

DIGITS = "零一二三四五六七八九"


def to_int(chinese: str) -> int:
    """'二十一' -> 21. Raises ValueError on anything that is not a plain Chinese numeral."""
    try:
        value = cn2an.cn2an(chinese, "strict")
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(f"not a Chinese numeral: {chinese!r}") from exc
    if int(value) != value:
        raise ValueError(f"not a whole number: {chinese!r}")
    return int(value)


def to_chinese(n: int) -> str:
    """21 -> '二十一' (the form used in 第二十一条, without a leading 一 before 十)."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    return cn2an.an2cn(n)
