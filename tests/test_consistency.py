"""Consistency checks that can fail: GRIM with its informativeness, rounding named, parts that partition,
comparators, bounds from the catalogue, the district rule from the universalisation module."""
import math
import re

import pandas as pd
import pytest

import edustats as es
from edustats.consistency import (check_documents, fraction_verdict, grim_consistent, grim_share_ruled_out,
                                  grim_verdict, numerators_matching)
from edustats.examples import load_counts
from edustats.indicators.universalization import DISTRICT_SHARE

TARGETS = es.load_targets()
COLS = ["id", "source", "locality", "kind", "year", "level", "indicator", "comparator", "value", "unit",
        "numerator", "denominator", "decimals"]


def frame(*rows):
    """A small targets table: (id, kind, level, indicator, comparator, value, unit[, num, den, decimals])."""
    recs = []
    for r in rows:
        r = list(r) + [math.nan, math.nan, ""][len(r) - 7:] if len(r) < 10 else list(r)
        i, kind, level, ind, comp, value, unit, num, den, dec = r
        recs.append(dict(id=i, source="t.txt", locality="Huyện A", kind=kind, year=2023, level=level, indicator=ind,
                         comparator=comp, value=float(value), unit=unit, numerator=num, denominator=den, decimals=dec))
    return pd.DataFrame(recs, columns=COLS)


def finding(f, i, check):
    g = f[(f["id"] == i) & (f["check"] == check)]
    assert len(g) == 1, f
    return g.iloc[0]


# --- GRIM ----------------------------------------------------------------------------------------

def test_share_ruled_out_agrees_with_scrutiny():
    # scrutiny: grim_total("87.50", 45:55, percent = TRUE) == 9955:9945 (tests/testthat/test-grim-stats.R)
    assert [grim_share_ruled_out(2, n, rounding="half_up") for n in range(45, 56)] == \
        [(10000 - n) / 10000 for n in range(45, 56)]


def test_wide_n_ranges_cannot_fail():
    # the issue: with N 20-5000 every 0- or 1-decimal percentage is reachable
    assert grim_share_ruled_out(0, 20, 5000) == 0.0
    assert grim_share_ruled_out(1, 20, 5000) == 0.0
    assert grim_verdict(54, 0, 20, 5000)[0] == "not informative"
    assert "rules out 0% of 0-decimal percentages" in grim_verdict(54, 0, 20, 5000)[1]


def test_whole_number_share_of_a_small_known_set():
    # 67% of 14 communes: 9/14 = 64,3%, 10/14 = 71,4% — impossible; 86% of whole percentages ruled out
    status, detail = grim_verdict(67, 0, 14, what="communes of the district")
    assert status == "inconsistent" and "rules out 86% of 0-decimal percentages" in detail
    assert grim_verdict(64, 0, 14)[0] == "ok"


def test_printed_precision_decides_grim():
    # "90,10%" at N = 91: 82/91 = 90,1099% prints 90,11 (2 decimals) but 90,1 (1 decimal)
    assert not grim_consistent(90.1, 2, 91) and grim_consistent(90.1, 1, 91)
    f = check_documents(frame(("b1", "baseline", "all", "mobilisation_rate", "=", 90.1, "percent", 82, 91, "2")))
    for check in ("grim", "fraction"):   # 90,1099 prints 90,10 only if truncated
        assert finding(f, "b1", check)["status"] == "warning"
        assert "truncation" in finding(f, "b1", check)["detail"]
    f = check_documents(frame(("b1", "baseline", "all", "mobilisation_rate", "=", 90.1, "percent", 82, 91, "2")),
                        rounding="half_up")
    assert "impossible under rounding half up" in finding(f, "b1", "grim")["detail"]
    f1 = check_documents(frame(("b1", "baseline", "all", "mobilisation_rate", "=", 90.1, "percent", 82, 91, "1")))
    assert finding(f1, "b1", "grim")["status"] == "ok"


def test_grim_runs_on_baselines_not_targets():
    f = check_documents(TARGETS)
    grim = f[f["check"] == "grim"]
    base = TARGETS[(TARGETS["kind"] == "baseline") & (TARGETS["unit"] == "percent")]
    assert set(grim["id"]) == set(base["id"])          # 9 baselines, no target
    # no document states a denominator for them: not informative, and said so with the share
    assert (grim["status"] == "not informative").all()
    assert grim["detail"].str.contains(r"0% of values ruled out|possible for every N").all()


def test_stated_denominator_is_used():
    f = check_documents(frame(("b1", "baseline", "all", "mobilisation_rate", "=", 54, "percent", 81, 150, "0")))
    assert "N = 150 (stated in the document)" in finding(f, "b1", "grim")["detail"]
    assert finding(f, "b1", "grim")["status"] == "not informative"   # 150 > 100: every whole percent possible
    f = check_documents(frame(("b1", "baseline", "all", "mobilisation_rate", "=", 57, "percent", 4, 7, "0")))
    assert finding(f, "b1", "grim")["status"] == "ok"   # 4/7 = 57,1%
    f = check_documents(frame(("b1", "baseline", "all", "mobilisation_rate", "=", 55, "percent", 4, 7, "0")))
    assert finding(f, "b1", "grim")["status"] == "inconsistent"


def test_known_sizes_reach_grim():
    t = frame(("b1", "baseline", "all", "communes_meeting_pcgd_preschool5_share", "=", 67, "percent"))
    f = check_documents(t, sizes={("Huyện A", "communes_meeting_pcgd_preschool5_share"): (14, 14, "communes")})
    assert finding(f, "b1", "grim")["status"] == "inconsistent"


@pytest.mark.parametrize("value, d, num, den, rounding, status", [
    (66.6, 1, 2, 3, "up_or_down", "warning"),      # truncated: 66,67 rounds to 66,7
    (66.6, 1, 2, 3, "trunc", "ok"),
    (66.7, 1, 2, 3, "half_up", "ok"),
    (62, 0, 5, 8, "up_or_down", "ok"),             # 62,5: either way at .5
    (62, 0, 5, 8, "half_up", "warning"),           # only half-even gives 62
    (62, 0, 5, 8, "half_even", "ok"),
    (61, 0, 5, 8, "up_or_down", "inconsistent"),
    (100, 0, 10, 10, "half_up", "ok"),
])
def test_fraction_rounding_conventions(value, d, num, den, rounding, status):
    st, detail = fraction_verdict(value, d, num, den, rounding)
    assert st == status
    assert "rounding" in detail or "under" in detail  # the convention is named


def test_every_grim_and_fraction_verdict_names_its_rounding():
    f = check_documents(frame(("b1", "baseline", "all", "mobilisation_rate", "=", 57, "percent", 4, 7, "0")),
                        rounding="half_even")
    for check in ("grim", "fraction"):
        assert "half to even" in finding(f, "b1", check)["detail"]


def test_numerators_matching_is_the_strength():
    assert len(numerators_matching(40, 0, 2400, "half_up")) == 24           # 948 … 971
    assert numerators_matching(40, 0, 2400, "up_or_down")[-1] == 972         # 972/2400 = 40,5
    assert numerators_matching(90.14, 2, 355) == [320]


# --- bounds ---------------------------------------------------------------------------------------

def test_bounds_come_from_the_catalogue():
    f = check_documents(frame(("g", "baseline", "primary", "ger", "=", 105, "percent"),
                              ("n", "baseline", "all", "mobilisation_rate", "=", -3, "percent"),
                              ("c", "baseline", "primary", "completion_rate", "=", 140, "percent")))
    assert f[(f["id"] == "g") & (f["check"] == "bounds")].empty   # a GER may exceed 100
    assert "negative share" in finding(f, "n", "bounds")["detail"]
    assert finding(f, "c", "bounds")["status"] == "inconsistent"


# --- parts and totals ------------------------------------------------------------------------------

def test_parts_on_the_documents():
    f = check_documents(TARGETS)
    assert finding(f, "000-08", "parts_sum")["status"] == "ok"
    assert finding(f, "000-08", "parts_sum")["detail"] == "≥ 10 = ≥ 9 + ≥ 1 (000-09, 000-10)"
    assert finding(f, "004-34", "parts_sum")["detail"].startswith("≥ 9 = ≥ 5 + ≥ 2 + ≥ 2")


def test_parts_that_do_not_partition_the_total_are_not_checked():
    # 5 preschools + 3 primary schools against 10 schools of every level: other levels are not listed
    f = check_documents(frame(("w", "target", "all", "national_standard_schools", "=", 10, "count"),
                              ("p1", "target", "preschool", "national_standard_schools", "=", 5, "count"),
                              ("p2", "target", "primary", "national_standard_schools", "=", 3, "count")))
    assert f[f["check"] == "parts_sum"].empty


def test_parts_that_partition_must_add_up():
    rows = [("w", "target", "all", "national_standard_schools", "=", 10, "count"),
            ("p1", "target", "preschool+primary+lower-secondary", "national_standard_schools", "=", 8, "count"),
            ("p2", "target", "upper-secondary", "national_standard_schools", "=", 1, "count")]
    f = check_documents(frame(*rows))
    assert finding(f, "w", "parts_sum")["status"] == "inconsistent"
    assert "the parts allow 9, the whole 10" in finding(f, "w", "parts_sum")["detail"]
    rows[1] = ("p1", "target", "preschool+primary+lower-secondary", "national_standard_schools", "=", 9, "count")
    assert finding(check_documents(frame(*rows)), "w", "parts_sum")["status"] == "ok"
    # nursery + kindergarten partition preschool
    f = check_documents(frame(("w", "target", "preschool", "national_standard_schools", "=", 5, "count"),
                              ("a", "target", "nursery", "national_standard_schools", "=", 2, "count"),
                              ("b", "target", "kindergarten", "national_standard_schools", "=", 3, "count")))
    assert finding(f, "w", "parts_sum")["status"] == "ok"


def test_comparators_are_respected():
    ge = [("w", "target", "all", "new_national_standard_schools", ">=", 10, "count"),
          ("p1", "target", "preschool+primary+lower-secondary", "new_national_standard_schools", ">=", 8, "count"),
          ("p2", "target", "upper-secondary", "new_national_standard_schools", ">=", 1, "count")]
    # "at least 10" with parts "at least 8 + at least 1": possible, but meeting the parts is not enough
    assert finding(check_documents(frame(*ge)), "w", "parts_sum")["status"] == "warning"
    ge[1] = ("p1", "target", "preschool+primary+lower-secondary", "new_national_standard_schools", ">=", 12, "count")
    assert finding(check_documents(frame(*ge)), "w", "parts_sum")["status"] == "ok"   # ≥ 13 meets ≥ 10
    le = [("w", "target", "all", "new_national_standard_schools", "<=", 10, "count"),
          ("p1", "target", "preschool+primary+lower-secondary", "new_national_standard_schools", ">=", 10, "count"),
          ("p2", "target", "upper-secondary", "new_national_standard_schools", ">", 0, "count")]
    assert finding(check_documents(frame(*le)), "w", "parts_sum")["status"] == "inconsistent"  # ≥ 11 vs ≤ 10


def test_a_part_larger_than_its_whole_with_two_rows():
    f = check_documents(frame(("w", "target", "all", "national_standard_schools", "=", 3, "count"),
                              ("p", "target", "primary", "national_standard_schools", "=", 5, "count")))
    assert finding(f, "w", "part_within_whole")["status"] == "inconsistent"
    f = check_documents(frame(("w", "target", "all", "national_standard_schools", ">=", 3, "count"),
                              ("p", "target", "primary", "national_standard_schools", ">=", 5, "count")))
    assert f[f["check"] == "part_within_whole"].empty   # at least 5 of at least 3: fine


# --- district rule --------------------------------------------------------------------------------

def test_district_rule_needs_the_number_of_communes():
    f = check_documents(TARGETS)
    assert finding(f, "004-31", "district_rule")["status"] == "not checked"


def test_district_rule_from_the_universalisation_module():
    cl = load_counts("commune_levels")   # Mường Tè's 14 communes (synthetic names)
    f = check_documents(TARGETS, commune_levels=cl)
    d = finding(f, "004-31", "district_rule")
    thr = DISTRICT_SHARE.get(("pcgd_primary", 3), 90.0)
    need = math.ceil(thr * 14 / 100)
    assert d["status"] == "ok"
    assert d["detail"] == (f"≥ 10 of 14 communes (trên số liệu minh họa / synthetic example data) at level 3 = ≥ 71,4%; the district rule needs {thr:g}% "
                           f"({need} of 14): the target alone does not make the district level 3, consistent "
                           f"with the district target of level 2")
    assert "8 of 14 communes (trên số liệu minh họa / synthetic example data) at level 2 = ≥ 57,1%" in finding(f, "004-33", "district_rule")["detail"]


def _communes(n, standard="pcgd_primary"):
    return pd.DataFrame({"district": "Huyện A", "year": 2023, "locality": [f"xã {i}" for i in range(n)],
                         "standard": standard, "level": 1})


def test_district_rule_cases():
    t = frame(("c", "target", "primary", "communes_pcgd_primary_level3", ">=", 10, "count"),
              ("d", "target", "primary", "pcgd_primary_level", ">=", 2, "level"))
    # 10 of 11 = 90,9% ≥ 90%: the communes' target would make the district level 3, above its own target
    assert finding(check_documents(t, commune_levels=_communes(11)), "c", "district_rule")["status"] == "warning"
    # more communes than the district has
    assert finding(check_documents(t, commune_levels=_communes(9)), "c", "district_rule")["status"] == "inconsistent"
    # a lower-secondary level 3 needs every commune (Điều 16): 13 of 14 is not enough
    t3 = frame(("c", "target", "lower-secondary", "communes_pcgd_lower_secondary_level3", "=", 13, "count"))
    d = finding(check_documents(t3, commune_levels=_communes(14, "pcgd_lower_secondary")), "c", "district_rule")
    assert f"needs {DISTRICT_SHARE[('pcgd_lower_secondary', 3)]:g}% (14 of 14)" in d["detail"]
    assert "92,9%" in d["detail"] and "does not make the district level 3" in d["detail"]


def test_findings_statuses_are_known():
    f = check_documents(TARGETS, commune_levels=load_counts("commune_levels"))
    assert set(f["status"]) <= {"ok", "warning", "inconsistent", "not informative", "not checked"}
    assert not f["detail"].str.contains(re.escape("NaN")).any()


from fractions import Fraction  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from edustats.vnformat import ROUNDINGS, round_as  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2), st.integers(1, 400), st.integers(0, 10 ** 4), st.sampled_from(ROUNDINGS))
def test_grim_agrees_with_brute_force_exact_rounding(d, n, step, rounding):
    # a percentage on the d-decimal grid, against every k = 0..n rounded exactly
    value = round(step * 10 ** -d, d) if step * 10 ** -d <= 100 else 100.0
    printed = Fraction(round(value * 10 ** d), 10 ** d)
    brute = [k for k in range(n + 1) if any(Fraction(v) == printed for v in round_as(Fraction(100 * k, n), d, rounding))]
    assert numerators_matching(value, d, n, rounding) == brute
    assert grim_consistent(value, d, n, rounding) == bool(brute)


@pytest.mark.parametrize("d, n", [(0, 7), (0, 14), (1, 37), (1, 200)])
def test_share_ruled_out_single_n_is_scrutinys_probability(d, n):
    # half up maps each k = 0..n-1 to its own grid value when n < 10^(d+2): n of 10^(d+2) values are reachable
    assert grim_share_ruled_out(d, n, rounding="half_up") == pytest.approx((10 ** (d + 2) - n) / 10 ** (d + 2))
