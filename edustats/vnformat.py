"""Vietnamese number forms: read them from documents and spreadsheets, write them for briefings.

Vietnamese writes a decimal comma and a dot between thousands: ``22,5%`` is 22.5 percent and
``1.830`` is one thousand eight hundred and thirty. Documents also write leading zeros
(``09 trường``), units in words (``35 triệu đồng``) and fractions of communes (``(10/10) xã``).

Pitfall: ``1.234`` is 1234 in Vietnamese but 1.234 in English. The rule used here: a dot
followed by exactly three digits (and only groups of three) is a thousands separator; a comma
is always the decimal mark when a dot-grouping is present or when it is followed by other
than three digits. ``1,234`` alone is read the Vietnamese way, as 1.234.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "ParsedNumber",
    "parse_vn_number",
    "parse_vn_decimal",
    "format_number",
    "format_percent",
    "format_count",
    "format_ratio",
    "format_rate_with_counts",
    "numbers_in_text",
    "decimals_of",
    "round_half_up",
    "NUMBER_PATTERN",
]

# A number as written in the documents: digits with optional dot groups and a decimal comma,
# or an English decimal point. Bounded quantifiers keep the regex linear-time.
NUMBER_PATTERN = r"\d{1,15}(?:[.,]\d{1,15}){0,5}"
_NUMBER_RE = re.compile(NUMBER_PATTERN)

_UNIT_WORDS = [
    (re.compile(r"^tỷ\s+đồng$|^tỉ\s+đồng$"), "billion_vnd"),
    (re.compile(r"^triệu\s+đồng$|^triệu$|^tr\.?đ?$"), "million_vnd"),
    (re.compile(r"^nghìn\s+đồng$|^ngàn\s+đồng$"), "thousand_vnd"),
    (re.compile(r"^đồng$|^vnđ$|^vnd$|^đ$"), "vnd"),
    (re.compile(r"^(trường|xã|lớp|giáo viên|người|học sinh|trẻ|phòng|bản|nhóm|điểm trường|"
                r"thị trấn|đơn vị|cháu|em|cán bộ|nhân viên)$"), "count"),
]


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from Vietnamese text.

    ``value`` is the number (22.5 for ``"22,5%"``), ``unit`` one of ``percent``, ``count``,
    ``million_vnd`` … or ``None`` when the text names none, ``decimals`` the number of decimal
    places written (the published precision), and ``numerator``/``denominator`` for ``a/b``.
    """

    value: float
    unit: str | None = None
    decimals: int = 0
    numerator: float | None = None
    denominator: float | None = None


def parse_vn_decimal(token: str) -> tuple[float, int]:
    """Read one number token written the Vietnamese way; return (value, decimals written).

    Examples
    --------
    >>> parse_vn_decimal("90,14")
    (90.14, 2)
    >>> parse_vn_decimal("1.830")
    (1830.0, 0)
    >>> parse_vn_decimal("1.234.567,5")
    (1234567.5, 1)
    >>> parse_vn_decimal("22.5")   # an English decimal point: not a group of three digits
    (22.5, 1)
    """
    t = token.strip()
    if not re.fullmatch(NUMBER_PATTERN, t):
        raise ValueError(f"{token!r} is not a number written as digits (e.g. 22,5 or 1.830)")
    if "," in t and "." in t:
        # both marks: the last one is the decimal mark
        if t.rfind(",") > t.rfind("."):
            int_part, dec = t.rsplit(",", 1)
            grouped = int_part.split(".")
        else:  # English 1,234.5
            int_part, dec = t.rsplit(".", 1)
            grouped = int_part.split(",")
        if not all(len(g) == 3 for g in grouped[1:]):
            raise ValueError(f"{token!r}: thousands groups must have three digits")
        return float("".join(grouped) + "." + dec), len(dec)
    if "," in t:
        parts = t.split(",")
        if len(parts) == 2:
            return float(parts[0] + "." + parts[1]), len(parts[1])
        if all(len(g) == 3 for g in parts[1:]):  # 1,234,567 English grouping
            return float("".join(parts)), 0
        raise ValueError(f"{token!r} has several decimal commas")
    if "." in t:
        parts = t.split(".")
        if all(len(g) == 3 for g in parts[1:]):
            return float("".join(parts)), 0
        if len(parts) == 2:
            return float(t), len(parts[1])
        raise ValueError(f"{token!r}: thousands groups must have three digits")
    return float(t), 0


_FULL_RE = re.compile(
    r"^\(?\s*(?P<num>[-−]?\s*" + NUMBER_PATTERN + r")\s*(?:/\s*(?P<den>" + NUMBER_PATTERN + r"))?\s*\)?"
    r"\s*(?P<unit>%|[^\d\s].{0,40})?$"
)

_PCT_AND_FRACTION_RE = re.compile(
    r"^(?P<pct>" + NUMBER_PATTERN + r")\s*%\s*\(\s*(?P<num>" + NUMBER_PATTERN + r")\s*/\s*(?P<den>"
    + NUMBER_PATTERN + r")\s*\)$")


def parse_vn_number(text) -> ParsedNumber:
    """Parse a number as Vietnamese documents and spreadsheets write it.

    Accepts ``22,5%``, ``90,14``, ``1.234``, ``35 triệu đồng``, ``09 trường``, ``(10/10)``,
    a plain Python number, and English decimals such as ``22.5``. Anything else raises
    ``ValueError`` saying what was expected: nothing is turned into NaN.

    Examples
    --------
    >>> parse_vn_number("22,5%")
    ParsedNumber(value=22.5, unit='percent', decimals=1, numerator=None, denominator=None)
    >>> parse_vn_number("1.234").value
    1234.0
    >>> parse_vn_number("35 triệu đồng").unit
    'million_vnd'
    >>> parse_vn_number("09 trường")
    ParsedNumber(value=9.0, unit='count', decimals=0, numerator=None, denominator=None)
    >>> parse_vn_number("100% (10/10)").denominator
    10.0
    >>> parse_vn_number("(10/10)")
    ParsedNumber(value=100.0, unit='percent', decimals=0, numerator=10.0, denominator=10.0)
    """
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not a number")
    if isinstance(text, (int, float)):
        if isinstance(text, float) and not math.isfinite(text):
            raise ValueError(f"{text!r} is not a finite number")
        return ParsedNumber(float(text))
    s = str(text).strip().replace("\u00a0", " ")
    both = _PCT_AND_FRACTION_RE.match(s)
    if both:  # "100% (10/10)": the percentage as published, with the counts behind it
        value, decimals = parse_vn_decimal(both.group("pct"))
        num, _ = parse_vn_decimal(both.group("num"))
        den, _ = parse_vn_decimal(both.group("den"))
        if den == 0:
            raise ValueError(f"{text!r}: a fraction with denominator 0")
        return ParsedNumber(value, "percent", decimals, num, den)
    m = _FULL_RE.match(s)
    if not s or not m:
        raise ValueError(f"{text!r} is not a number (expected e.g. 22,5% or 1.830 or 35 triệu đồng)")
    num_txt = m.group("num").replace("−", "-").replace(" ", "")
    sign = -1.0 if num_txt.startswith("-") else 1.0
    value, decimals = parse_vn_decimal(num_txt.lstrip("-"))
    value *= sign
    unit_txt = (m.group("unit") or "").strip().lower()
    if m.group("den"):
        den, _ = parse_vn_decimal(m.group("den"))
        if den == 0:
            raise ValueError(f"{text!r}: a fraction with denominator 0")
        if unit_txt and unit_txt != "%":
            raise ValueError(f"{text!r}: unexpected words after a fraction")
        return ParsedNumber(100.0 * value / den, "percent", decimals, value, den)
    if not unit_txt:
        return ParsedNumber(value, None, decimals)
    if unit_txt == "%":
        return ParsedNumber(value, "percent", decimals)
    for pattern, unit in _UNIT_WORDS:
        if pattern.match(unit_txt):
            return ParsedNumber(value, unit, decimals)
    raise ValueError(f"{text!r}: unknown unit {unit_txt!r} (expected %, triệu đồng, or a counted noun)")


def numbers_in_text(text: str) -> list[float]:
    """All numbers written in a text, read the Vietnamese way (``90,14`` → 90.14).

    Examples
    --------
    >>> numbers_in_text("95% giáo viên mầm non, 80% giáo viên tiểu học; 22,5% và 1.830 em")
    [95.0, 80.0, 22.5, 1830.0]
    """
    out = []
    for tok in _NUMBER_RE.findall(text):
        tok = tok.rstrip(".,")
        try:
            out.append(parse_vn_decimal(tok)[0])
        except ValueError:
            # "19/8/2021"-style tokens are split by the regex; a malformed group is skipped,
            # it cannot be a target value
            continue
    return out


def decimals_of(x: float) -> int:
    """Decimal places a number is written with (its published precision).

    >>> decimals_of(90.14), decimals_of(22.5), decimals_of(100.0)
    (2, 1, 0)
    """
    s = f"{float(x):.10g}"
    return len(s.split(".")[1]) if "." in s and "e" not in s else 0


def round_half_up(x: float, decimals: int) -> float:
    """Round as Vietnamese statistics publish: halves go up (8,25 → 8,3), unlike Python's ``round``.

    >>> round_half_up(8.25, 1), round(8.25, 1)
    (8.3, 8.2)
    """
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def format_number(x: float, decimals: int = 0, *, trim: bool = False) -> str:
    """Write a number the Vietnamese way: dot between thousands, decimal comma.

    Examples
    --------
    >>> format_number(1830)
    '1.830'
    >>> format_number(22.5, 1)
    '22,5'
    >>> format_number(-1234567.891, 2)
    '-1.234.567,89'
    >>> format_number(8.25, 1)    # half up, as published
    '8,3'
    >>> format_number(10.0, 2, trim=True), format_number(1.50, 2, trim=True)   # trailing decimal zeros dropped
    ('10', '1,5')
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    # half-up rounding as Vietnamese statistics publish (8,25 → 8,3), not Python's half-even
    q = Decimal(repr(float(abs(x)))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    s = f"{q:,.{decimals}f}"  # 1,234,567.89
    s = s.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    if trim and "," in s:  # only decimals are trimmed: 10 stays 10
        s = s.rstrip("0").rstrip(",")
    return ("-" if x < 0 and q != 0 else "") + s


def format_percent(x: float, decimals: int = 1, *, trim: bool = True) -> str:
    """Percentage in Vietnamese format: ``22,5%``; ``trim`` drops a trailing ``,0``.

    Examples
    --------
    >>> format_percent(22.5)
    '22,5%'
    >>> format_percent(95.0)
    '95%'
    >>> format_percent(90.14, 2)
    '90,14%'
    """
    s = format_number(x, decimals, trim=trim)
    return s + "%" if s != "–" else s


def format_count(x: float) -> str:
    """A whole count in Vietnamese format: ``1.830``.

    >>> format_count(1830)
    '1.830'
    """
    return format_number(round(x) if x is not None and math.isfinite(x) else x, 0)


def format_ratio(numerator: float, denominator: float) -> str:
    """``412 / 1.830``: the counts a rate was computed from.

    >>> format_ratio(412, 1830)
    '412 / 1.830'
    """
    return f"{format_count(numerator)} / {format_count(denominator)}"


def format_rate_with_counts(rate: float, numerator: float | None = None, denominator: float | None = None,
                            decimals: int = 1) -> str:
    """A rate with its counts beside it, as a briefing shows it.

    >>> format_rate_with_counts(22.51, 412, 1830)
    '22,5% (412 / 1.830)'
    >>> format_rate_with_counts(54.0)
    '54%'
    """
    s = format_percent(rate, decimals)
    if numerator is not None and denominator is not None and all(
            isinstance(v, (int, float)) and math.isfinite(v) for v in (numerator, denominator)):
        s += f" ({format_ratio(numerator, denominator)})"
    return s
