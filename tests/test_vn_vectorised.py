"""The vectorised Vietnamese number reader (``parse_vn_numbers``) against the scalar one
(``parse_vn_number``): identical values, units, decimals and fractions, identical refusals (same
message), on hand-picked edge cases and on random strings built from the characters that matter."""
import math
import random

import numpy as np
import pytest

from edustats.vnformat import parse_vn_number, parse_vn_numbers

HAND = [
    # plain, decimal comma, decimal point, with and without the thousands rule
    "0", "7", "09", "2021", "123456789012345", "1234567890123456", "22,5", "22.5", "90,14", "0,5", "0.500",
    "0,500", "1,234", "1.234", "1.830", "12,345", "12.345", "123,456", "1234,567", "1234.567", "0,125", "0.125",
    "1.234.567", "1.234.567,5", "1,234,567.5", "1,234,567", "1.23.4", "1,2,3", "1..2", "1,,2", ",5", ".5", "5,", "5.",
    "1,0000", "1.0000", "3,14159265358979", "3.141592653589793", "99,99", "100,00", "1,23456789012345",
    # signs and percent
    "-3", "-0", "-22,5%", "−4,5", "- 5", "--5", "+5", "22,5%", "22,5 %", "22,5  %", "22,5%%", "%", "-%", "100%",
    "1,234%", "12,345%", "0,75%", "7 %",
    # whitespace, units, fractions, words
    "", " ", " 5", "5 ", "\u00a05", "5\u00a0%", "1 234", "35 triệu đồng", "09 trường", "1.830 em", "2,5 trường",
    "(10/10)", "100% (10/10)", "10/0", "3/4", "3/4 xã", "50 %(1/2)", "abc", "NaN", "nan", "inf", "1e5", "1E5",
    "٣", "٢٠٢١", "１２", "2021-2022", "22,5%abc", "x22", "22x", "0x1F",
    # numbers given as numbers
    17, 17.5, np.int64(3), np.float64(2.25), True, float("nan"), float("inf"),
]


def _scalar(x):
    try:
        p = parse_vn_number(x)
    except ValueError as exc:
        return ("error", str(exc))
    return (p.value, p.unit, p.decimals, p.numerator, p.denominator)


def _vector(row):
    if row["error"] is not None:
        return ("error", row["error"])
    n = None if math.isnan(row["numerator"]) else row["numerator"]
    d = None if math.isnan(row["denominator"]) else row["denominator"]
    return (row["value"], row["unit"], int(row["decimals"]), n, d)


def _same(a, b):
    if a[0] == "error" or b[0] == "error":
        return a == b
    # values compared bit for bit (the sign of zero included)
    return (np.float64(a[0]).tobytes() == np.float64(b[0]).tobytes() and a[1:] == b[1:])


def _random_strings(n, seed):
    rng = random.Random(seed)
    alphabet = "0123456789" * 4 + ".,,..%- " + "−/()xa"
    out = []
    for _ in range(n):
        k = rng.randint(1, 12)
        out.append("".join(rng.choice(alphabet) for _ in range(k)))
    # numbers as spreadsheets write them: digits, one or two separators, a percent sign
    for _ in range(n):
        s = str(rng.randint(0, 10 ** rng.randint(1, 15)))
        if rng.random() < 0.7:
            s += rng.choice(".,") + str(rng.randint(0, 10 ** rng.randint(1, 15))).zfill(rng.randint(1, 6))
        if rng.random() < 0.2:
            s = rng.choice(["-", "−", "- "]) + s
        if rng.random() < 0.3:
            s += rng.choice(["%", " %", " người", " trường", "  "])
        out.append(s)
    return out


@pytest.mark.parametrize("texts", [HAND, _random_strings(400, 1), _random_strings(400, 2)],
                         ids=["hand-picked", "random-1", "random-2"])
def test_vectorised_reader_equals_scalar_reader(texts):
    got = parse_vn_numbers(texts)
    assert len(got) == len(texts)
    bad = [(t, _scalar(t), _vector(r)) for t, (_, r) in zip(texts, got.iterrows()) if not _same(_scalar(t), _vector(r))]
    assert bad == []


def test_random_strings_exercise_both_paths():
    """The random strings hold both kinds: read (fast path and fallback) and refused; a check that
    compares only refusals could not fail on a wrong value."""
    texts = _random_strings(400, 1)
    got = parse_vn_numbers(texts)
    assert got["error"].isna().sum() > 200 and got["error"].notna().sum() > 100
    assert (got["unit"] == "percent").sum() > 20


def test_hand_values():
    r = parse_vn_numbers(["45,3", "1.234", "0.500", "-22,5%", "1,234", "45,3"])
    assert r["value"].tolist()[:4] == [45.3, 1234.0, 0.5, -22.5]
    assert r["decimals"].tolist()[:4] == [1, 0, 3, 1]
    assert r["unit"].tolist()[:4] == [None, None, None, "percent"]
    assert r["error"].iloc[4].startswith("'1,234' không rõ nghĩa")
    assert r.iloc[5].equals(r.iloc[0])
