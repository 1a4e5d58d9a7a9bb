"""Chinese numerals for provision numbers (一 … 九十九 and beyond) in both directions."""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"
WRITTEN_DIGITS = "〇一二三四五六七八九"  # digit by digit, as a year is written: 二〇二五


def to_digits(n: int) -> str:
    """2025 -> '二〇二五' (each digit on its own, as years and Word's ideographDigital write them)."""
    return "".join(WRITTEN_DIGITS[int(d)] for d in str(n))


def from_digits(chinese: str) -> int:
    """'二〇二五' or '二零二五' -> 2025; ValueError on anything else."""
    if not chinese or any(c not in WRITTEN_DIGITS + "零" for c in chinese):
        raise ValueError(f"not Chinese digits: {chinese!r}")
    return int("".join(str(WRITTEN_DIGITS.index(c)) if c in WRITTEN_DIGITS else "0" for c in chinese))


def to_int(chinese: str) -> int:
    """'二十一' -> 21. Raises ValueError on anything that is not a plain Chinese numeral."""
    if chinese in _SMALL:
        return _SMALL[chinese]
    import cn2an  # imported only when needed: it takes 0.2 s to load

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
    import cn2an

    return cn2an.an2cn(n)


# 零 … 九十九 (the numbers of provisions) and 一百 … 一亿 (as in 每千平方米), read without cn2an
_SMALL = {to_chinese(n): n for n in range(100)} | {"一" + c: 10 ** k for c, k in (("百", 2), ("千", 3), ("万", 4), ("亿", 8))}
