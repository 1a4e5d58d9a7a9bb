"""The few primitives whose results must be bit-for-bit the same in Python and in selfcheck.js:
comparison with a relative tolerance, ceiling of a quotient, number display and phrase filling.
selfcheck.js implements each of these with the same steps; keep the two in step."""
from __future__ import annotations

import math
import re

TOLERANCE = 1e-9  # relative: a share computed as 450 / 600 x 100 equals its whole-number threshold
LARGEST = 1e15  # figures from here up are neither exact in floating point nor shown digit for digit


def compare(a: float, b: float) -> int:
    if abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1):
        return 0
    return -1 if a < b else 1


def holds(a: float, comparator: str, b: float) -> bool:
    c = compare(a, b)
    return {">=": c >= 0, ">": c > 0, "<=": c <= 0, "<": c < 0, "=": c == 0}[comparator]


def ceil_div(base: float, amount: float) -> int:
    """⌈base ÷ amount⌉, where a quotient within tolerance of a whole number counts as that number."""
    q = base / amount
    nearest = math.floor(q + 0.5)
    return int(nearest) if compare(q, nearest) == 0 else math.ceil(q)


def fmt(x: float, rounding: str = "nearest") -> str:
    """26 -> '26', 66.666 -> '66.67'; rounding 'up' for gaps (never understated); shares and rates are
    shown half-up to two decimals (4100/5200 -> '78.85'), as an applicant would round them."""
    if x == math.floor(x) and abs(x) < LARGEST:
        return str(int(x))
    scaled = abs(x) * 100
    cents = {"nearest": math.floor(scaled + 0.5), "up": math.ceil(scaled - TOLERANCE), "down": math.floor(scaled + TOLERANCE)}[rounding]
    sign = "-" if x < 0 and cents else ""
    whole, frac = math.floor(cents / 100), cents % 100  # as selfcheck.js computes them (doubles)
    return sign + str(whole) + ("." + f"{frac:02d}".rstrip("0") if frac else "")


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values) -> str:
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)
