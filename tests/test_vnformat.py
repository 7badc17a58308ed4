import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from edustats.vnformat import (format_count, format_number, format_percent, format_rate_with_counts, format_ratio,
                               numbers_in_text, parse_vn_decimal, parse_vn_number, round_as, round_half_up,
                               rounds_to)


@pytest.mark.parametrize("text, value, unit", [
    ("22,5%", 22.5, "percent"),
    ("90,14", 90.14, None),
    ("1.234", 1234.0, None),
    ("1.830", 1830.0, None),
    ("1.234.567", 1234567.0, None),
    ("35 triệu đồng", 35.0, "million_vnd"),
    ("09 trường", 9.0, "count"),
    ("1.830 em", 1830.0, "count"),
    ("(10/10)", 100.0, "percent"),
    ("100% (10/10)", 100.0, "percent"),
    ("22.5", 22.5, None),
    ("  78,5 % ", 78.5, "percent"),
    (17, 17.0, None),
    (np.int64(17), 17.0, None),
])
def test_parse_vietnamese_forms(text, value, unit):
    p = parse_vn_number(text)
    assert p.value == pytest.approx(value)
    assert p.unit == unit


@pytest.mark.parametrize("text, value, decimals", [
    # a thousands group cannot start with 0 and cannot follow four digits: only the English decimal fits
    ("0.500", 0.5, 3),
    ("0.125", 0.125, 3),
    ("1234.567", 1234.567, 3),
    # several commas cannot be a Vietnamese decimal comma: only English thousands fit
    ("1,234,567", 1234567.0, 0),
    ("1,234.5", 1234.5, 1),
    ("1.234.567,50", 1234567.5, 2),
    ("0,500", 0.5, 3),
    ("1234,567", 1234.567, 3),
])
def test_separators_read_only_when_one_pattern_fits(text, value, decimals):
    assert parse_vn_decimal(text) == (value, decimals)
    assert parse_vn_number(text).value == value


@pytest.mark.parametrize("text, named", [
    ("1,234", "'1,234'"),          # 1,234 (Vietnamese decimal) or 1 234 (English thousands)
    ("1,830 em", "'1,830 em'"),    # 1,83 pupils is no count, 1 830 a guess
    ("1,830", "'1,830'"),
    ("12,345%", "'12,345%'"),
    ("1.23.4", "'1.23.4'"),
    ("1,234,56", "'1,234,56'"),
    ("1,5 trường", "'1,5 trường'"),  # a count of schools is whole
])
def test_ambiguous_or_malformed_numbers_are_errors_naming_the_text(text, named):
    with pytest.raises(ValueError) as e:
        parse_vn_number(text)
    assert named in str(e.value)


def test_the_ambiguity_message_says_both_readings():
    with pytest.raises(ValueError, match=r"dấu phẩy thập phân \(1,234\).*\(1\.234\).*1\.234 as a decimal.*1234 as a whole number"):
        parse_vn_decimal("1,234")


@pytest.mark.parametrize("text", ["", "abc", "22,5x", "1.23.4", "5 MB", "1,2,3", float("nan"), True, "(1/0)",
                                  np.float32("nan")])
def test_unparseable_is_an_error_not_nan(text):
    with pytest.raises(ValueError):
        parse_vn_number(text)


def test_observations_loader_refuses_an_ambiguous_cell(tmp_path):
    from edustats.errors import DataError
    from edustats.loaders import load_observations
    p = tmp_path / "o.csv"
    p.write_text("locality,indicator,year,value\nNa Mèo,mobilisation_rate,2021,\"1,234\"\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_observations(p)
    assert "row 2, column 'value': found '1,234'" in str(e.value) and "ambiguous" in str(e.value)


def test_decimals_are_the_published_precision():
    assert parse_vn_number("90,14%").decimals == 2
    assert parse_vn_number("90,10%").decimals == 2  # trailing zero kept
    assert parse_vn_decimal("22,5") == (22.5, 1)


def test_formatting():
    assert format_percent(22.5) == "22,5%"
    assert format_count(1830) == "1.830"
    assert format_number(1234567.5, 1) == "1.234.567,5"
    assert format_rate_with_counts(22.513, 412, 1830) == "22,5% (412 / 1.830)"


@pytest.mark.parametrize("na", [None, float("nan"), np.nan, np.float32("nan"), pd.NA, pd.NaT, np.datetime64("NaT"),
                                float("inf")])
def test_every_missing_kind_prints_as_a_dash(na):
    assert format_number(na) == "—"
    assert format_number(na, 2) == "—"
    assert format_percent(na) == "—"
    assert format_count(na) == "—"
    assert format_rate_with_counts(54.0, na, 150) == "54%"   # counts shown only when both are there


def test_numpy_numbers_are_numbers():
    assert format_count(np.int64(1830)) == "1.830"
    assert format_number(np.float32(22.5), 1) == "22,5"
    assert format_rate_with_counts(np.float64(54.0), np.int64(81), np.int64(150)) == "54% (81 / 150)"
    assert format_ratio(np.int32(412), np.uint16(1830)) == "412 / 1.830"


@pytest.mark.parametrize("x, count, number", [(2.5, "3", "3"), (0.5, "1", "1"), (1830.5, "1.831", "1.831"),
                                              (-2.5, "-3", "-3"), (3.5, "4", "4")])
def test_formatters_round_halves_up_alike(x, count, number):
    assert format_count(x) == count
    assert format_number(x) == number


@given(st.integers(min_value=-10 ** 6, max_value=10 ** 6))
def test_count_and_number_agree_on_every_half(k):
    assert format_count(k + 0.5) == format_number(k + 0.5, 0) == format_number(Fraction(2 * k + 1, 2), 0)


@pytest.mark.parametrize("x, d, rounding, expected", [
    (Fraction(200, 3), 1, "half_up", ["66.7"]),
    (Fraction(200, 3), 1, "trunc", ["66.6"]),
    (Fraction(500, 8), 0, "half_up", ["63"]),
    (Fraction(500, 8), 0, "half_even", ["62"]),
    (Fraction(500, 8), 0, "up_or_down", ["62", "63"]),
    (Fraction(1500, 400), 1, "half_even", ["3.8"]),   # 3,75 → 3,8 (8 is even)
    (Fraction(1300, 400), 1, "half_even", ["3.2"]),   # 3,25 → 3,2
    (8.25, 1, "half_up", ["8.3"]),
    (-2.5, 0, "half_up", ["-3"]),
])
def test_rounding_conventions_by_hand(x, d, rounding, expected):
    assert [str(v) for v in round_as(x, d, rounding)] == expected


def test_rounds_to_uses_the_printed_precision():
    # "90,10%" is printed with two decimals: 82/91 = 90,1099% prints 90,11, not 90,10
    assert not rounds_to(Fraction(8200, 91), "90,10")
    assert rounds_to(Fraction(8200, 91), "90,1")
    assert rounds_to(Fraction(8200, 91), 90.1, 2) is False


def test_numbers_in_text_reads_a_document_clause():
    clause = "Phấn đấu từ 95% giáo viên mầm non, 80% giáo viên tiểu học; phổ cập THCS đạt 90,14%"
    assert numbers_in_text(clause) == [95, 80, 90.14]


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_format_then_parse_round_trips(x, decimals):
    s = format_number(x, decimals)
    if decimals == 3 and "." not in s and not s.startswith("0"):
        # "1,000": a decimal comma with three decimals and no thousands dot is also an English thousands
        # comma; the parser refuses it rather than guess
        with pytest.raises(ValueError, match="ambiguous"):
            parse_vn_number(s)
        return
    back = parse_vn_number(s).value
    # written half up, as published (0,975 → 0,98), and read back exactly
    assert math.isclose(back, round_half_up(x, decimals), rel_tol=1e-12, abs_tol=1e-9)
    assert Decimal(str(back)) == round_as(x, decimals, "half_up")[0]
