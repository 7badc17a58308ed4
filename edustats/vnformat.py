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
import numbers
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

__all__ = [
    "ParsedNumber",
    "parse_vn_number",
    "parse_vn_numbers",
    "parse_vn_decimal",
    "format_number",
    "format_percent",
    "format_count",
    "format_ratio",
    "format_rate_with_counts",
    "numbers_in_text",
    "decimals_of",
    "round_half_up",
    "round_as",
    "rounds_to",
    "ROUNDINGS",
    "DEFAULT_ROUNDING",
    "rounding_label",
    "published_text",
    "is_missing",
    "MISSING",
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


_GROUPED = re.compile(r"[1-9]\d{0,2}(?:X\d{3})+")  # X: the grouping mark; a leading group has no leading zero


def _grouped(int_part: str, mark: str) -> bool:
    """Whether ``int_part`` is digits grouped in threes by ``mark`` (1.234.567 or 1,234,567)."""
    return re.fullmatch(_GROUPED.pattern.replace("X", re.escape(mark)), int_part) is not None


def parse_vn_decimal(token: str) -> tuple[float, int]:
    """Read one number token written the Vietnamese (or plainly English) way; return (value, decimals written).

    A token is read only when its separators fit exactly one reading:

    - Vietnamese: dots between groups of three, a decimal comma (``1.234.567,5``, ``22,5``, ``1.830``);
    - English: commas between groups of three, a decimal point (``1,234,567.5``, ``22.5``, ``0.500``).

    ``1.830`` is read the Vietnamese way (1 830), as the documents write counts. A token that fits
    both readings with different values (``1,234``: 1,234 in Vietnamese, 1 234 in English) or
    neither (``1.23.4``) raises ``ValueError`` naming the text: the number is never guessed.

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
    >>> parse_vn_decimal("0.500")  # a group cannot start with 0: an English decimal, precision kept
    (0.5, 3)
    >>> parse_vn_decimal("1,234")
    Traceback (most recent call last):
    ...
    ValueError: '1,234' không rõ nghĩa: ... / is ambiguous: a Vietnamese decimal comma (1.234 as a decimal) or an English thousands comma (1234 as a whole number); write 1.234 or 1234 for the whole number
    """
    t = str(token).strip()
    if not re.fullmatch(NUMBER_PATTERN, t):
        raise ValueError(f"{token!r} không phải số viết bằng chữ số / is not a number written as digits "
                         f"(e.g. 22,5 or 1.830)")
    readings = set()
    # Vietnamese: [grouped-by-dots or plain digits] [, decimals]
    int_vn, _, dec_vn = t.partition(",")
    if "," not in dec_vn and (int_vn.isdigit() or _grouped(int_vn, ".")) and (dec_vn == "" or dec_vn.isdigit()):
        readings.add((float(int_vn.replace(".", "") + ("." + dec_vn if dec_vn else "")), len(dec_vn)))
    # English: [grouped-by-commas or plain digits] [. decimals]
    int_en, _, dec_en = t.partition(".")
    if "." not in dec_en and (int_en.isdigit() or _grouped(int_en, ",")) and (dec_en == "" or dec_en.isdigit()):
        readings.add((float(int_en.replace(",", "") + ("." + dec_en if dec_en else "")), len(dec_en)))
    if len(readings) == 2 and "," not in t:
        # "1.830": a dot before exactly three digits is a Vietnamese thousands dot, as the documents write
        readings = {r for r in readings if r[1] == 0}
    if len(readings) == 1:
        return readings.pop()
    if not readings:
        raise ValueError(f"{token!r}: dấu chấm, dấu phẩy không theo cách viết Việt Nam (1.234.567,5) hay Anh "
                         f"(1,234,567.5) / its dots and commas fit neither Vietnamese (1.234.567,5) nor English "
                         f"(1,234,567.5) writing: thousands groups have three digits, and one decimal mark")
    vn, en = sorted(readings, key=lambda r: -r[1])
    raise ValueError(f"{token!r} không rõ nghĩa: dấu phẩy thập phân ({format_number(vn[0], vn[1])}) hay dấu phẩy "
                     f"ngăn nghìn kiểu Anh ({format_number(en[0])}); viết {format_number(en[0])} hoặc {int(en[0])} "
                     f"cho số nguyên / is ambiguous: a Vietnamese decimal comma ({vn[0]:g} as a decimal) or an "
                     f"English thousands comma ({int(en[0])} as a whole number); write {format_number(en[0])} or "
                     f"{int(en[0])} for the whole number")


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
    if isinstance(text, (bool, np.bool_)):
        raise ValueError(f"{text!r} is not a number")
    if isinstance(text, numbers.Real):
        if not math.isfinite(float(text)):
            raise ValueError(f"{text!r} is not a finite number")
        return ParsedNumber(float(text))
    try:
        return _parse_text(text)
    except ValueError as exc:
        msg = str(exc)
        raise ValueError(msg if msg.startswith(repr(str(text))) else f"{str(text)!r}: {msg}") from None


def _parse_text(text) -> ParsedNumber:
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
            if unit == "count" and not float(value).is_integer():
                raise ValueError(f"{text!r}: {unit_txt!r} là số đếm, phải là số nguyên, mà số đọc được là "
                                 f"{format_number(value, decimals)} / {unit_txt!r} is a count, which must be a whole number")
            return ParsedNumber(value, unit, decimals)
    raise ValueError(f"{text!r}: unknown unit {unit_txt!r} (expected %, triệu đồng, or a counted noun)")


# The forms a spreadsheet column mostly holds, read without the scalar parser: digits, one decimal comma
# or point followed by other than three digits (three digits would need the thousands rule), an optional
# minus sign and an optional "%" (or " %"). Everything else goes through :func:`parse_vn_number` itself.
_FAST_RE = r"^(?P<sign>-?)(?P<int>[0-9]{1,15})(?:(?P<sep>[.,])(?P<frac>[0-9]{1,2}|[0-9]{4,15}))?(?P<pct> ?%)?$"


def parse_vn_numbers(texts) -> pd.DataFrame:
    """:func:`parse_vn_number` over many texts at once, with exactly its answers and its refusals.

    Each distinct text is read once: the common forms (``45,3``, ``-2``, ``22,5%``, ``0.75``) by
    Arrow's compute kernels, the others by :func:`parse_vn_number`; a refused text gets the
    scalar parser's own message in ``error`` and NaN in ``value`` (nothing is coerced).

    Parameters
    ----------
    texts : sequence of str
        The cells, e.g. a DataFrame column.

    Returns
    -------
    DataFrame
        One row per text, in order: ``value`` (float), ``unit`` (``None`` or a unit code),
        ``decimals`` (int, the decimal places written), ``numerator``, ``denominator`` (float,
        NaN unless the text is a fraction ``a/b``) and ``error`` (``None`` or the message).

    Examples
    --------
    >>> r = parse_vn_numbers(["22,5%", "1.830", "0.75", "1,234", "22,5%"])
    >>> r[["value", "unit", "decimals"]].values.tolist()
    [[22.5, 'percent', 1], [1830.0, None, 0], [0.75, None, 2], [nan, None, 0], [22.5, 'percent', 1]]
    >>> print(r.loc[3, "error"].split(" / ")[1])
    is ambiguous: a Vietnamese decimal comma (1.234 as a decimal) or an English thousands comma (1234 as a whole number); write 1.234 or 1234 for the whole number
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = texts.to_numpy(dtype=object, na_value=None) if isinstance(texts, pd.Series) else np.asarray(
        list(texts) if not isinstance(texts, np.ndarray) else texts, dtype=object)
    codes, uniq = pd.factorize(arr)
    if len(codes) and codes.min() < 0:   # None or NaN among the texts: refused by the scalar parser, as a value
        codes, uniq = pd.factorize(arr, use_na_sentinel=False)
    uniq = np.asarray(uniq, dtype=object)
    k = len(uniq)
    value = np.full(k, np.nan)
    numer = np.full(k, np.nan)
    denom = np.full(k, np.nan)
    decimals = np.zeros(k, np.int64)
    unit = np.full(k, None, dtype=object)
    error = np.full(k, None, dtype=object)
    is_str = np.fromiter((type(u) is str for u in uniq), bool, k)
    fast = np.zeros(k, bool)
    if is_str.any():
        where = np.flatnonzero(is_str)
        m = pc.extract_regex(pa.array(uniq[where].tolist(), pa.string()), _FAST_RE)
        hit = np.asarray(m.is_valid().to_numpy(zero_copy_only=False), bool)
        if hit.any():
            g = m.filter(pa.array(hit))
            int_, sep, frac = (g.field(n) for n in ("int", "sep", "frac"))
            has_frac = pc.not_equal(pc.utf8_length(frac), 0)
            body = pc.if_else(has_frac, pc.binary_join_element_wise(int_, frac, "."), int_)
            v = pc.cast(body, pa.float64()).to_numpy(zero_copy_only=False)
            sign = np.where(np.asarray(pc.equal(g.field("sign"), "-").to_numpy(zero_copy_only=False), bool), -1.0, 1.0)
            rows = where[hit]
            value[rows] = v * sign
            decimals[rows] = pc.utf8_length(frac).to_numpy(zero_copy_only=False)
            pct = np.asarray(pc.not_equal(g.field("pct"), "").to_numpy(zero_copy_only=False), bool)
            unit[rows[pct]] = "percent"
            fast[rows] = True
    for j in np.flatnonzero(~fast):
        try:
            p = parse_vn_number(uniq[j])
        except ValueError as exc:
            error[j] = str(exc)
            continue
        value[j], unit[j], decimals[j] = p.value, p.unit, p.decimals
        if p.numerator is not None:
            numer[j], denom[j] = p.numerator, p.denominator
    index = texts.index if isinstance(texts, pd.Series) else None
    out = pd.DataFrame({"value": value[codes], "decimals": decimals[codes], "numerator": numer[codes],
                        "denominator": denom[codes]}, index=index)
    out.insert(1, "unit", pd.Series(unit[codes], index=out.index, dtype=object))
    out["error"] = pd.Series(error[codes], index=out.index, dtype=object)
    return out


def numbers_in_text(text: str) -> list[float]:
    """All numbers written in a text, read the Vietnamese way (``90,14`` → 90.14).

    A token that is ambiguous (``1,830``: 1,83 or 1 830) or malformed is left out, never guessed;
    use :func:`parse_vn_number` on it to get the error that says why.

    Examples
    --------
    >>> numbers_in_text("95% giáo viên mầm non, 80% giáo viên tiểu học; 22,5% và 1.830 em")
    [95.0, 80.0, 22.5, 1830.0]
    >>> numbers_in_text("1,830 em; 0.500")
    [0.5]
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


def decimals_of(x) -> int:
    """Decimal places a number is written with (its published precision).

    Given text (``"90,10"``, ``"0.500"``), the decimals written, trailing zeros included; given a
    float, the shortest decimals that show it, which loses trailing zeros (90.10 → 1): keep the
    published text, or a ``decimals`` column, wherever the precision matters.

    >>> decimals_of(90.14), decimals_of(22.5), decimals_of(100.0)
    (2, 1, 0)
    >>> decimals_of("90,10"), decimals_of(90.10)
    (2, 1)
    """
    if isinstance(x, str):
        return parse_vn_number(x).decimals
    s = f"{float(x):.10g}"
    return len(s.split(".")[1]) if "." in s and "e" not in s else 0


# Rounding conventions a published figure may follow. "up_or_down" accepts either neighbour at an
# exact .5, as the R package scrutiny does by default (grim(), rounding = "up_or_down").
ROUNDINGS = ("half_up", "half_even", "trunc", "up_or_down")
DEFAULT_ROUNDING = "up_or_down"
_ROUNDING_LABELS = {
    "half_up": ("làm tròn nửa lên (8,25 → 8,3)", "half up (8.25 → 8.3)"),
    "half_even": ("làm tròn nửa về số chẵn (8,25 → 8,2)", "half to even (8.25 → 8.2)"),
    "trunc": ("cắt bỏ phần thừa (8,29 → 8,2)", "truncation (8.29 → 8.2)"),
    "up_or_down": ("ở đúng ,5 lên hoặc xuống đều được", "either way at an exact .5"),
}


def rounding_label(rounding: str, lang: str = "both") -> str:
    """How a rounding convention is named in a verdict.

    >>> rounding_label("half_even", "en")
    'half to even (8.25 → 8.2)'
    """
    if rounding not in _ROUNDING_LABELS:
        raise ValueError(f"rounding {rounding!r}: expected one of {', '.join(ROUNDINGS)}")
    vi, en = _ROUNDING_LABELS[rounding]
    return {"vi": vi, "en": en}.get(lang, f"{vi} / {en}")


def _exact(x) -> Fraction:
    """An exact rational for a count ratio (Fraction), a Decimal, a text or a float (its shortest repr)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, Decimal):
        return Fraction(x)
    if isinstance(x, str):
        return Fraction(Decimal(x))
    return Fraction(Decimal(repr(float(x))))


def round_as(x, decimals: int, rounding: str = "half_up") -> tuple[Decimal, ...]:
    """The value(s) ``x`` shows at ``decimals`` places under a rounding convention.

    Exact: a ratio of counts may be given as a :class:`fractions.Fraction` (2/3 is not 0.666…7).
    ``up_or_down`` gives both neighbours when ``x`` is exactly halfway, one value otherwise.

    .. math:: \\mathrm{half\\ up}(x) = \\lfloor 10^d x + \\tfrac12 \\rfloor / 10^d \\ (x \\ge 0), \\qquad
              \\mathrm{trunc}(x) = \\lfloor 10^d x \\rfloor / 10^d

    References
    ----------
    Jung, L. (2024), *scrutiny: Error detection in science*, R package, ``rounding`` argument of
    ``grim()`` ("up_or_down", "up", "down", "even", "trunc", …).

    Examples
    --------
    >>> from fractions import Fraction
    >>> [str(v) for v in round_as(Fraction(5, 8) * 100, 0, "half_even")], [str(v) for v in round_as(62.5, 0, "up_or_down")]
    (['62'], ['62', '63'])
    >>> [str(v) for v in round_as(Fraction(200, 3), 1, "trunc")], [str(v) for v in round_as(Fraction(200, 3), 1)]
    (['66.6'], ['66.7'])
    """
    if rounding not in ROUNDINGS:
        raise ValueError(f"rounding {rounding!r}: expected one of {', '.join(ROUNDINGS)}")
    q = _exact(x) * 10 ** decimals
    sign = -1 if q < 0 else 1
    a = abs(q)
    lo = a.numerator // a.denominator
    frac = a - lo
    if rounding == "trunc":
        ks = [lo]
    elif frac != Fraction(1, 2):
        ks = [lo + (1 if frac > Fraction(1, 2) else 0)]
    elif rounding == "half_up":
        ks = [lo + 1]
    elif rounding == "half_even":
        ks = [lo + (lo % 2)]
    else:
        ks = [lo, lo + 1]
    return tuple(Decimal(sign * k).scaleb(-decimals) for k in ks)


def rounds_to(x, reported, decimals: int | None = None, rounding: str = DEFAULT_ROUNDING) -> bool:
    """Whether ``x`` prints as ``reported`` at ``decimals`` places under ``rounding``.

    ``reported`` is best given as the published text (``"90,10"``): its decimals are then those
    printed, trailing zeros included.

    >>> from fractions import Fraction
    >>> rounds_to(Fraction(320, 355) * 100, "90,14"), rounds_to(Fraction(5, 8) * 100, "62", rounding="half_up")
    (True, False)
    """
    if isinstance(reported, str):
        p = parse_vn_number(reported)
        value, d = p.value, p.decimals if decimals is None else decimals
    else:
        value, d = float(reported), decimals_of(reported) if decimals is None else decimals
    rep = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-d))
    return any(v == rep for v in round_as(x, d, rounding))


def round_half_up(x: float, decimals: int) -> float:
    """Round as Vietnamese statistics publish: halves go up (8,25 → 8,3), unlike Python's ``round``.

    >>> round_half_up(8.25, 1), round(8.25, 1)
    (8.3, 8.2)
    """
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


MISSING = "—"


def is_missing(x) -> bool:
    """Whether a scalar is a missing value of any kind: None, NaN (float or numpy), ``pd.NA``, ``NaT``.

    >>> [is_missing(v) for v in (None, float("nan"), np.float32("nan"), pd.NA, pd.NaT, 0, "")]
    [True, True, True, True, True, False, False]
    """
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        r = pd.isna(x)
    except (TypeError, ValueError):
        return False
    return bool(r) if isinstance(r, (bool, np.bool_)) else False


def published_text(value, decimals: int) -> str:
    """The number as the document printed it, Vietnamese style, trailing zeros kept: ``90,10``.

    >>> published_text(90.1, 2), published_text(1830, 0)
    ('90,10', '1.830')
    """
    return format_number(value, decimals)


def format_number(x, decimals: int = 0, *, trim: bool = False) -> str:
    """Write a number the Vietnamese way: dot between thousands, decimal comma, halves rounded up.

    Missing values of every kind (``None``, NaN, ``pd.NA``, ``NaT``) and infinities print as
    ``—``; numpy integers and floats are numbers like any other.

    Examples
    --------
    >>> format_number(1830)
    '1.830'
    >>> format_number(22.5, 1)
    '22,5'
    >>> format_number(-1234567.891, 2)
    '-1.234.567,89'
    >>> format_number(8.25, 1), format_number(2.5), format_number(np.int64(1830))   # half up, as published
    ('8,3', '3', '1.830')
    >>> format_number(10.0, 2, trim=True), format_number(1.50, 2, trim=True)   # trailing decimal zeros dropped
    ('10', '1,5')
    >>> format_number(pd.NA), format_number(np.nan)
    ('—', '—')
    """
    if is_missing(x):
        return MISSING
    if isinstance(x, (bool, np.bool_, str)):
        x = float(x)  # as float() reads it; Vietnamese text goes through parse_vn_number first
    if not isinstance(x, (numbers.Real, Decimal, Fraction)):
        raise TypeError(f"{x!r} is not a number")
    if isinstance(x, (float, np.floating)) and not math.isfinite(float(x)):
        return MISSING
    ex = _exact(x if isinstance(x, (Fraction, Decimal)) else (int(x) if isinstance(x, (int, np.integer)) else float(x)))
    q = round_as(abs(ex), decimals, "half_up")[0]
    s = f"{q:,.{decimals}f}"  # 1,234,567.89
    s = s.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    if trim and "," in s:  # only decimals are trimmed: 10 stays 10
        s = s.rstrip("0").rstrip(",")
    return ("-" if ex < 0 and q != 0 else "") + s


def format_percent(x, decimals: int = 1, *, trim: bool = True) -> str:
    """Percentage in Vietnamese format: ``22,5%``; ``trim`` drops a trailing ``,0``.

    Examples
    --------
    >>> format_percent(22.5)
    '22,5%'
    >>> format_percent(95.0)
    '95%'
    >>> format_percent(90.14, 2), format_percent(np.float64("nan"))
    ('90,14%', '—')
    """
    s = format_number(x, decimals, trim=trim)
    return s + "%" if s != MISSING else s


def format_count(x) -> str:
    """A whole count in Vietnamese format: ``1.830``; a half rounds up, as in :func:`format_number`.

    >>> format_count(1830), format_count(2.5), format_count(np.int64(7)), format_count(None)
    ('1.830', '3', '7', '—')
    """
    return format_number(x, 0)


def format_ratio(numerator, denominator) -> str:
    """``412 / 1.830``: the counts a rate was computed from.

    >>> format_ratio(412, 1830)
    '412 / 1.830'
    """
    return f"{format_count(numerator)} / {format_count(denominator)}"


def format_rate_with_counts(rate, numerator=None, denominator=None, decimals: int = 1) -> str:
    """A rate with its counts beside it, as a briefing shows it.

    >>> format_rate_with_counts(22.51, 412, 1830)
    '22,5% (412 / 1.830)'
    >>> format_rate_with_counts(54.0, np.int64(81), np.int64(150)), format_rate_with_counts(54.0)
    ('54% (81 / 150)', '54%')
    """
    s = format_percent(rate, decimals)
    if not is_missing(numerator) and not is_missing(denominator) and all(
            isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) and math.isfinite(float(v))
            for v in (numerator, denominator)):
        s += f" ({format_ratio(numerator, denominator)})"
    return s
