import math

import pytest
from hypothesis import given, strategies as st

from edustats.vnformat import (format_count, format_number, format_percent, format_rate_with_counts,
                               numbers_in_text, parse_vn_decimal, parse_vn_number, round_half_up)


@pytest.mark.parametrize("text, value, unit", [
    ("22,5%", 22.5, "percent"),
    ("90,14", 90.14, None),
    ("1.234", 1234.0, None),
    ("1.234.567", 1234567.0, None),
    ("35 triệu đồng", 35.0, "million_vnd"),
    ("09 trường", 9.0, "count"),
    ("(10/10)", 100.0, "percent"),
    ("100% (10/10)", 100.0, "percent"),
    ("22.5", 22.5, None),
    ("  78,5 % ", 78.5, "percent"),
    (17, 17.0, None),
])
def test_parse_vietnamese_forms(text, value, unit):
    p = parse_vn_number(text)
    assert p.value == pytest.approx(value)
    assert p.unit == unit


@pytest.mark.parametrize("text", ["", "abc", "22,5x", "1.23.4", "5 MB", "1,2,3", float("nan"), True, "(1/0)"])
def test_unparseable_is_an_error_not_nan(text):
    with pytest.raises(ValueError):
        parse_vn_number(text)


def test_decimals_are_the_published_precision():
    assert parse_vn_number("90,14%").decimals == 2
    assert parse_vn_decimal("22,5") == (22.5, 1)


def test_formatting():
    assert format_percent(22.5) == "22,5%"
    assert format_count(1830) == "1.830"
    assert format_number(1234567.5, 1) == "1.234.567,5"
    assert format_rate_with_counts(22.513, 412, 1830) == "22,5% (412 / 1.830)"
    assert format_percent(float("nan")) == "–"


def test_numbers_in_text_reads_a_document_clause():
    clause = "Phấn đấu từ 95% giáo viên mầm non, 80% giáo viên tiểu học; phổ cập THCS đạt 90,14%"
    assert numbers_in_text(clause) == [95, 80, 90.14]


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_format_then_parse_round_trips(x, decimals):
    s = format_number(x, decimals)
    back = parse_vn_number(s).value
    # written half up, as published (0,975 → 0,98), and read back exactly
    assert math.isclose(back, round_half_up(x, decimals), rel_tol=1e-12, abs_tol=1e-9)
