"""Independent audit: hand-computed boundary cases against the primary sources.

Universalisation: Nghị định 20/2014/NĐ-CP, Điều 6-21, and Thông tư 07/2016/TT-BGDĐT, Điều 2, as
codified in shared/reference/legal/ (read article by article for this audit). Indicators: UNESCO
UIS glossary (out-of-school rate, SDG 4.1.4; survival rate by grade; effective transition rate)
and GSO's "Hệ thống chỉ tiêu thống kê cấp huyện" definitions (gso.gov.vn, 2019). Progress rules:
UNDP's published Progress Chart 2022 categories (shared/reference/undp_progress_chart_2022.csv)
and open-sdg's sdg-build ``sdg/ProgressMeasure.py``.

Every expected value below was worked out by hand before the code was run; the arithmetic is in
the comment beside it.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from edustats.errors import DataError
from edustats.indicators import access as A
from edustats.indicators import efficiency as E
from edustats.indicators import universalization as U
from edustats.progress_rules import statcan_aggregate, statcan_progress, statcan_score, unsd_progress


# ---------------------------------------------------------------- 1. universalisation, communes
def _level(standard, dbkk, **cells):
    r = pd.DataFrame([{"locality": "X", "year": 2023, "dbkk": dbkk, **cells}])
    return U.classify_universalization(r, standard).iloc[0]


def _counts(col, n, d):
    return {f"{col}_numerator": n, f"{col}_denominator": d}


COMMUNES = [
    # Điều 6.2.b: completion 84/100 < 85 (normal) although attendance 95/100 = 95 meets 6.2.a → 0
    ("6.2 normal", "pcgd_preschool5", False,
     {**_counts("age5_enrolment_rate", 95, 100), **_counts("age5_completion_rate", 84, 100)}, 0),
    # Điều 6.2 ĐBKK: 90/100 ≥ 90 and 80/100 ≥ 80 → 1
    ("6.2 ĐBKK", "pcgd_preschool5", True,
     {**_counts("age5_enrolment_rate", 90, 100), **_counts("age5_completion_rate", 80, 100)}, 1),
    # Điều 9.2.a has no ĐBKK concession: intake 89/100 < 90 in an ĐBKK commune → 0
    ("9.2.a ĐBKK", "pcgd_primary", True,
     {**_counts("net_intake_rate", 89, 100), "completion_by_14": 100.0, "completion_by_11": 100.0}, 0),
    # Điều 10.1.c: completion at 11 79 < 80 → stays at 1 (intake 95 meets 10.1.b, by-14 80 meets 9.2.b)
    ("10.1.c normal", "pcgd_primary", False,
     {"net_intake_rate": 95.0, "completion_by_14": 80.0, "completion_by_11": 79.0}, 1),
    # ĐBKK at every primary minimum: intake 98 (11.1.b, no concession), by-14 70 (9.2.b), at 11 80 (11.1.c) → 3
    ("11.1 ĐBKK minima", "pcgd_primary", True,
     {"net_intake_rate": 98.0, "completion_by_14": 70.0, "completion_by_11": 80.0}, 3),
    # the chain: by-14 79,99 < 80 (Điều 9.2.b) loses every level, whatever the level-3 rates → 0
    ("9.2.b chain", "pcgd_primary", False,
     {"net_intake_rate": 100.0, "completion_by_14": 79.99, "completion_by_11": 100.0}, 0),
    # Điều 14.2.a: literacy level 0 stops PCGD THCS level 1 → 0
    ("14.2.a literacy", "pcgd_lower_secondary", False,
     {"diploma_15_18": 100.0, "upper_or_vocational_15_18": 100.0, "pcgd_primary_level": 1, "literacy_level": 0}, 0),
    # ĐBKK: diploma 80/100 meets 15.1.b (80) not 16.1.b (90); upper/vocational 69 < 70 (16.1.c) → 2
    ("15.1 ĐBKK", "pcgd_lower_secondary", True,
     {**_counts("diploma_15_18", 80, 100), **_counts("upper_or_vocational_15_18", 69, 100),
      "pcgd_primary_level": 1, "literacy_level": 1}, 2),
    # ĐBKK: diploma 90/100 (16.1.b: 90) and 70/100 (16.1.c: 70), primary and literacy at 1 → 3
    ("16.1 ĐBKK", "pcgd_lower_secondary", True,
     {**_counts("diploma_15_18", 90, 100), **_counts("upper_or_vocational_15_18", 70, 100),
      "pcgd_primary_level": 1, "literacy_level": 1}, 3),
    # integer comparison: 1 999 / 2 857 = 69,9965% < 70 (100·1 999 = 199 900 < 70·2 857 = 199 990) → 0
    ("14.2.b ĐBKK 1999/2857", "pcgd_lower_secondary", True,
     {**_counts("diploma_15_18", 1999, 2857), "upper_or_vocational_15_18": 100.0,
      "pcgd_primary_level": 1, "literacy_level": 1}, 0),
    # 2 000 / 2 857 = 70,0035%: 200 000 ≥ 199 990 → 1
    ("14.2.b ĐBKK 2000/2857", "pcgd_lower_secondary", True,
     {**_counts("diploma_15_18", 2000, 2857), "upper_or_vocational_15_18": 100.0,
      "pcgd_primary_level": 1, "literacy_level": 1}, 1),
    # Điều 20.1 / 21.1 ĐBKK: 15-25 at level 1 = 90 (met), 15-35 at level 2 = 89,99 (not) → 1
    ("20-21 ĐBKK", "literacy", True, {"literate_l1_15_25": 90.0, "literate_l2_15_35": 89.99}, 1),
    # ĐBKK communes are read on their own ages: the 15-35 / 15-60 columns at 10% are ignored → 2
    ("20-21 ĐBKK ages", "literacy", True,
     {"literate_l1_15_25": 90.0, "literate_l1_15_35": 10.0, "literate_l2_15_35": 90.0, "literate_l2_15_60": 10.0}, 2),
    # Điều 10.1.c second half: two 11-year-olds neither finished nor in a primary class → 1
    ("10.1.c condition", "pcgd_primary", False,
     {"net_intake_rate": 100.0, "completion_by_14": 100.0, "completion_by_11": 100.0,
      "age11_not_completed_not_in_primary": 2}, 1),
    # TT 07/2016 Điều 2: 60 of 100 is "ít nhất 60%" → literacy level 2 stands
    ("TT07 60/100", "literacy", False,
     {"literate_l1_15_35": 95.0, "literate_l2_15_60": 95.0, **_counts("disabled_access", 60, 100)}, 2),
    # Điều 6.2.a: 94,99 < 95 → 0
    ("6.2.a 94,99", "pcgd_preschool5", False, {"age5_enrolment_rate": 94.99, "age5_completion_rate": 90.0}, 0),
]


@pytest.mark.parametrize("name,standard,dbkk,cells,expected", COMMUNES, ids=[c[0] for c in COMMUNES])
def test_commune_levels_worked_by_hand(name, standard, dbkk, cells, expected):
    assert int(_level(standard, dbkk, **cells)["level"]) == expected


def test_persons_short_worked_by_hand():
    # 2 000 / 2 857 ĐBKK is level 1; level 2 needs 80% (Điều 15.1.b): 100 n ≥ 80 · 2 857 = 228 560,
    # n ≥ 2 285,6 → 2 286, i.e. 286 more graduates (2 285 / 2 857 = 79,98%)
    out = _level("pcgd_lower_secondary", True, **_counts("diploma_15_18", 2000, 2857),
                 upper_or_vocational_15_18=100.0, pcgd_primary_level=1, literacy_level=1)
    assert (out["binding_criterion"], out["margin_persons"], out["binding_article"]) == ("diploma_15_18", -286.0, "Điều 15.1.b")
    assert _level("pcgd_lower_secondary", True, **_counts("diploma_15_18", 2286, 2857), upper_or_vocational_15_18=100.0,
                  pcgd_primary_level=1, literacy_level=1)["level"] == 2
    assert _level("pcgd_lower_secondary", True, **_counts("diploma_15_18", 2285, 2857), upper_or_vocational_15_18=100.0,
                  pcgd_primary_level=1, literacy_level=1)["level"] == 1


# ---------------------------------------------------------------- 1. universalisation, districts and provinces
def _share(kind, standard, levels, level):
    if kind == "district":
        t = pd.DataFrame({"district": "D", "year": 2023, "commune": range(len(levels)), "standard": standard,
                          "level": levels})
        return U.district_universalization(t, level).iloc[0]
    t = pd.DataFrame({"province": "P", "year": 2023, "district": range(len(levels)), "standard": standard,
                      "level": levels})
    return U.province_universalization(t, level).iloc[0]


SHARES = [
    # (kind, standard, levels, level assessed, met, units short, article)
    # Điều 15.2 (95%): 10 at 3 + 9 at 2 = 19 of 20 at ≥ 2 = 95% → met
    ("district", "pcgd_lower_secondary", [3] * 10 + [2] * 9 + [1], 2, True, 0, "Điều 15.2"),
    ("district", "pcgd_lower_secondary", [2] * 18 + [1] * 2, 2, False, 1, "Điều 15.2"),     # 90% < 95%
    ("district", "pcgd_lower_secondary", [3] * 29 + [2], 3, False, 1, "Điều 16.2"),         # 96,7% < 100%
    ("district", "pcgd_lower_secondary", [3] * 30, 3, True, 0, "Điều 16.2"),
    ("district", "pcgd_preschool5", [1] * 26 + [0] * 3, 1, False, 1, "Điều 6.3"),           # 89,66% < 90%
    ("district", "pcgd_preschool5", [1] * 27 + [0] * 3, 1, True, 0, "Điều 6.3"),            # 90%
    ("district", "pcgd_primary", [3] * 17 + [2] * 2, 3, False, 1, "Điều 11.2"),             # 89,47%
    ("district", "literacy", [1] * 9 + [0], 1, True, 0, "Điều 20.2"),
    ("province", "literacy", [1] * 17 + [0] * 2, 1, False, 1, "Điều 20.3"),                # 89,47% < 90%
    ("province", "literacy", [2] * 18 + [0] * 2, 1, True, 0, "Điều 20.3"),                 # 90%
    ("province", "literacy", [2] * 19 + [1], 2, False, 1, "Điều 21.3"),                    # 95% < 100%
    ("province", "pcgd_lower_secondary", [1] * 9 + [0], 1, False, 1, "Điều 14.4"),
    ("province", "pcgd_preschool5", [1] * 12, 1, True, 0, "Điều 6.4"),
]


@pytest.mark.parametrize("kind,standard,levels,level,met,short,article", SHARES,
                         ids=[f"{s[0]}-{s[6]}-{s[2].count(s[3]) if s[4] else 'short'}" for s in SHARES])
def test_district_and_province_rules_worked_by_hand(kind, standard, levels, level, met, short, article):
    out = _share(kind, standard, levels, level)
    assert (bool(out["met"]), int(out["units_short"]), out["article"]) == (met, short, f"NĐ 20/2014 {article}")


@pytest.mark.parametrize("levels,expected", [([3] * 19 + [1], 2),      # ≥2: 95% (15.2 met); ≥3: 95% < 100%
                                             ([3] * 18 + [1] * 2, 1),  # ≥2: 90% < 95%; ≥1: 100%
                                             ([3] * 20, 3)])
def test_district_level_of_lower_secondary_worked_by_hand(levels, expected):
    t = pd.DataFrame({"district": "D", "year": 2023, "commune": range(20), "standard": "pcgd_lower_secondary",
                      "level": levels})
    assert U.district_levels(t)["level"].item() == expected


# ---------------------------------------------------------------- 2. access: out-of-school (SDG 4.1.4)
def test_out_of_school_lower_secondary_counts_every_level():
    # 400 children aged 11-14; in school: 350 in THCS, 15 + 5 still in primary, 5 aged 14 in THPT = 375;
    # the 40 fifteen-year-olds in THCS are outside the age group. 25 / 400 = 6,25% (SDG and pre-2019 alike:
    # all of them are in primary or secondary)
    enr = pd.DataFrame({"locality": "A", "year": 2021,
                        "level": ["lower-secondary", "primary", "primary", "upper-secondary", "lower-secondary"],
                        "age": [12, 11, 12, 14, 15], "enrolment": [350, 15, 5, 5, 40]})
    pop = pd.DataFrame({"locality": "A", "year": 2021, "age": [11, 12, 13, 14], "population": 100})
    out = A.out_of_school_rate(enr, pop, "lower-secondary")
    assert out[["numerator", "denominator", "value"]].values.tolist() == [[25.0, 400.0, 6.25]]
    assert A.out_of_school_rate(enr, pop, "lower-secondary", definition="uis_pre2019")["value"].item() == 6.25


def test_out_of_school_primary_sdg_and_pre2019():
    # 500 children aged 6-10; 470 in primary, 10 six-year-olds in kindergarten, 5 ten-year-olds in grade 6.
    # SDG 4.1.4 ("not enrolled in pre-primary, primary, secondary or higher"): 15 / 500 = 3%;
    # UIS before 2019 ("enrolled in primary or secondary school"): 25 / 500 = 5%. A commune with no pupils: 100%.
    enr = pd.DataFrame({"locality": "A", "year": 2021, "level": ["primary", "kindergarten", "lower-secondary"],
                        "age": [8, 6, 10], "enrolment": [470, 10, 5]})
    pop = pd.DataFrame({"locality": "A", "year": 2021, "age": range(6, 11), "population": 100})
    pop = pd.concat([pop, pop.assign(locality="B")], ignore_index=True)
    assert A.out_of_school_rate(enr, pop)[["locality", "value"]].values.tolist() == [["A", 3.0], ["B", 100.0]]
    assert A.out_of_school_rate(enr, pop, definition="uis_pre2019")["value"].tolist() == [5.0, 100.0]


def test_out_of_school_refuses_pupils_without_an_age():
    # Found by the audit: 10 primary pupils whose age is missing were silently left out of the numerator,
    # so they were counted out of school (3% instead of 1%). A row that cannot be placed in or out of the
    # age group must be refused, naming it (common brief: nothing silently dropped).
    enr = pd.DataFrame({"locality": "A", "year": 2021, "level": ["primary", "kindergarten", "lower-secondary", "primary"],
                        "age": [8, 6, 10, np.nan], "enrolment": [470, 10, 5, 10]})
    pop = pd.DataFrame({"locality": "A", "year": 2021, "age": range(6, 11), "population": 100})
    with pytest.raises(DataError, match=r"row 3, column 'age'"):
        A.out_of_school_rate(enr, pop)
    with pytest.raises(DataError, match=r"row 3, column 'age'"):
        A.net_enrolment_rate(enr, pop, "primary")


# ---------------------------------------------------------------- 2. efficiency
def test_within_year_rates_gso_worked_by_hand():
    # GSO: rates of year t over start-of-year enrolment: 140 / 150 = 93,33%, 6 / 150 = 4%, 4 / 150 = 2,67%
    sy = pd.DataFrame({"locality": "A", "year": 2022, "grade": [1], "enrolment_start": [150], "promoted": [140],
                       "repeaters": [6], "dropouts": [4]})
    out = E.within_year_rates(sy, "primary")
    assert out["value"].round(3).tolist() == [93.333, 4.0, 2.667] and set(out["denominator"]) == {150.0}


def test_first_grade_completion_lower_secondary_lag_three_years():
    # GSO: THCS graduates of t over grade 6 of t − 3: 180 / 200 (grade 6 in 2020) = 90%, not 180 / 190 (2021)
    c = pd.DataFrame({"locality": "A", "year": [2023], "completers": [180]})
    e = pd.DataFrame({"locality": "A", "year": [2020, 2021], "grade": [6, 6], "enrolment": [200, 190]})
    assert E.first_grade_completion_rate(c, e, "lower-secondary")[["denominator", "value"]].values.tolist() == [[200.0, 90.0]]


def test_flow_rates_uis_worked_by_hand():
    # grade 1: 100 in 2021; 2022 grade 2 has 95 of whom 3 repeat, grade 1 has 4 repeaters:
    # p = (95 − 3) / 100 = 92%, r = 4%, d = 4%. Grade 9 with graduates: 95 / 100, 2 repeat, 3% drop out.
    e = pd.DataFrame({"locality": "A", "year": [2021, 2021, 2022, 2022, 2022], "grade": [1, 2, 1, 2, 3],
                      "enrolment": [100, 90, 104, 95, 88]})
    r = pd.DataFrame({"locality": "A", "year": 2022, "grade": [1, 2, 3], "repeaters": [4, 3, 1]})
    f = E.flow_rates(e, r, "primary")
    assert f[f["grade"] == 1]["value"].tolist() == [92.0, 4.0, 4.0]
    with pytest.raises(DataError, match="year=2022, grade=2"):
        E.flow_rates(e, r[r["grade"] != 2], "primary")
    e9 = pd.DataFrame({"locality": "A", "year": [2021, 2022], "grade": [9, 9], "enrolment": [100, 98]})
    r9 = pd.DataFrame({"locality": "A", "year": [2022], "grade": [9], "repeaters": [2]})
    g9 = pd.DataFrame({"locality": "A", "year": [2021], "graduates": [95]})
    assert E.flow_rates(e9, r9, "lower-secondary", graduates=g9)["value"].tolist() == [95.0, 2.0, 3.0]


def test_survival_worked_by_hand():
    # steps p/(1 − r): 0,90/0,95 = 0,947368; 0,95/1 = 0,95; 0,80/0,80 = 1 → 100; 94,737; 90,0; 90,0
    fl = pd.DataFrame({"locality": "A", "year": 2021, "grade": [1, 1, 2, 2, 3, 3],
                       "indicator": ["promotion_rate", "repetition_rate"] * 3, "value": [90., 5., 95., 0., 80., 20.]})
    assert E.survival_rate(fl)["value"].round(3).tolist() == [100.0, 94.737, 90.0, 90.0]


def test_survival_without_any_repetition_rate_is_undefined_not_a_crash():
    # Found by the audit: flows holding promotion rates only raised a bare KeyError('repetition_rate')
    # (the ≥ 100 check ran before the missing column was added). Without repetition rates the steps
    # p / (1 − r) are unknown, so survival past grade 1 is undefined, as for a missing grade.
    fl = pd.DataFrame({"locality": "A", "year": 2021, "grade": [1, 2], "indicator": "promotion_rate",
                       "value": [90.0, 95.0]})
    out = E.survival_rate(fl)
    assert out["value"].iloc[0] == 100.0 and out["value"].iloc[1:].isna().all()
    assert out["note"].iloc[1] == "undefined: promotion or repetition rate of grade 1 missing"


def test_effective_transition_refuses_missing_repeaters():
    # UIS: ETR = (E_6,t+1 − R_6,t+1) / (E_5,t − R_5,t+1). Worked: (117 − 3) / (120 − 2) = 96,61%.
    # Found by the audit: with the grade-5 repeaters row absent the code took 0 and gave 114 / 120 = 95%,
    # the very substitution flow_rates was fixed to refuse.
    e = pd.DataFrame({"locality": "A", "year": [2021, 2022], "grade": [5, 6], "enrolment": [120, 117]})
    r = pd.DataFrame({"locality": "A", "year": [2022, 2022], "grade": [5, 6], "repeaters": [2, 3]})
    assert E.effective_transition_rate(e, r, "primary")["value"].round(2).item() == 96.61
    with pytest.raises(DataError, match="year=2022, grade=5"):
        E.effective_transition_rate(e, r[r["grade"] == 6], "primary")
    with pytest.raises(DataError, match="year=2022, grade=6"):
        E.effective_transition_rate(e, r[r["grade"] == 5], "primary")


# ---------------------------------------------------------------- 3. progress rules
UNDP_ROWS = [
    # (fixture row_id, args, kwargs, hand-computed ratio, published category)
    # row 15 AFG SE_TOT_CPLR: (65/54)^(1/5) − 1 = 0,037777; (97/54)^(1/15) − 1 = 0,039821; 0,94867 < 0,95: fair
    (15, (54.0, 2015, 65.0, 2020, 97.0, 2030, True), {}, 0.037777 / 0.039821, "acceleration_needed"),
    # row 16 AGO EN_MAT_DOMCMPG (decrease): (1,32418/1,99394)^(1/4) − 1 = −0,097268;
    # (0,5/1,99394)^(1/15) − 1 = −0,088093; −1 · −0,097268 / 0,088093 = 1,1042: on track
    (16, (1.99394, 2015, 1.32418, 2019, 0.5, 2030, False), {}, 0.097268 / 0.088093, "on_track"),
    # row 20 ALB ER_RSK_LBREDS (not increase, no target, limits 0,01/−0,005/−0,01 on the CAGR):
    # (25/56)^(1/7) − 1 = −0,108822; −CAGR = 0,1088 ≥ 0,01: on track
    (20, (56.0, 2015, 25.0, 2022, np.nan, 2030, False),
     dict(no_target=True, cagr_limits=(0.01, -0.005, -0.01), achievable=False), 0.108822, "on_track"),
    # row 33 ATF ER_MTN_GRNCVI (not decrease, flat 5,84 → 5,84): CAGR 0 < 0,001 but ≥ −0,0005: fair
    (33, (5.84, 2015, 5.84, 2018, np.nan, 2030, True),
     dict(no_target=True, cagr_limits=(0.001, -0.0005, -0.001), achievable=False), 0.0, "acceleration_needed"),
    # row 37 AUS SI_RMT_COST_SC (decrease, 11,11575 → −0,55667): target/x_t = −1,796 < 1, not achieved;
    # Re[(−0,050080)^(1/5)] = 0,549474 · cos 36° = 0,444530, CAGR_a = −0,555470;
    # (1/11,11575)^(1/14) − 1 = −0,158043; ratio 0,555470 / 0,158043 = 3,5147: on track
    (37, (11.11575, 2016, -0.55667, 2021, 1.0, 2030, False), {}, 0.555470 / 0.158043, "on_track"),
]


@pytest.fixture(scope="module")
def undp_fixture():
    from pathlib import Path
    f = Path(__file__).resolve().parents[2] / "shared" / "reference" / "undp_progress_chart_2022.csv"
    if not f.exists():
        pytest.skip("shared/reference not beside the repository")
    return pd.read_csv(f).set_index("row_id")


@pytest.mark.parametrize("row_id,args,kw,ratio,category", UNDP_ROWS, ids=[str(r[0]) for r in UNDP_ROWS])
def test_undp_rows_rederived_by_hand(undp_fixture, row_id, args, kw, ratio, category):
    fx = undp_fixture.loc[row_id]
    # the inputs above are the fixture's own
    assert (fx["base_value"], fx["base_year"], fx["latest_value"], fx["latest_year"]) == pytest.approx(args[:4])
    r, c, _ = unsd_progress(*args, undp=True, **kw)
    assert float(r) == pytest.approx(ratio, abs=2e-4)
    names = {"acceleration_needed": "Fair progress but acceleration needed", "on_track": "On Track"}
    assert str(c) == category and fx["published_category"] == names[category]


def test_statcan_progress_and_aggregate_by_hand():
    # sdg-build: R = sign · direction · CAGR_o / |CAGR_r|, thresholds 0,95 / 0,6 / 0.
    # 40 (2015) → 48 (2020), target 80 by 2030: (1,2)^(1/5) − 1 = 0,037137; 2^(1/15) − 1 = 0,047294;
    # R = 0,78524: moderate; score 7,1429 · 0,78524 − 4,2857 = 1,32317
    r, c, _ = statcan_progress(40.0, 2015, 48.0, 2020, 80.0, 2030, True, False)
    assert float(r) == pytest.approx(0.037137 / 0.047294, abs=1e-4) and str(c) == "moderate_progress"
    assert float(statcan_score(r, False)) == pytest.approx(7.1429 * 0.785237 - 4.2857, abs=1e-3)
    # aggregate: scores 1,32317, R = 0,3 → 4,1667 · 0,3 − 2,5 = −1,24999, and one achieved (5):
    # mean 5,07318 / 3 = 1,69106: moderate; a series without a score is left out (n = 3)
    s = [float(statcan_score(r, False)), float(statcan_score(0.3, False)), 5.0, float("nan")]
    m, status, k = statcan_aggregate(s, [False, False, True, False])
    assert m == pytest.approx((1.32317 - 1.24999 + 5.0) / 3, abs=1e-3) and status == "moderate_progress" and k == 3
    # sdg-build's target_achieved is all() over the scored series only: [achieved, no score] → achieved
    assert statcan_aggregate([5.0, float("nan")], [True, False])[1] == "target_achieved"


def test_rates_refuse_a_population_missing_an_age_of_the_group():
    # Found by the audit: a population table without the 14-year-olds gave a denominator of 300 for the
    # 11-14 age group, so 280 pupils aged 11-14 (70 per age) read as 6,67% out of school; with the
    # 100 fourteen-year-olds it is 120 / 400 = 30%. A missing age is missing data, not 0 people.
    enr = pd.DataFrame({"locality": "A", "year": 2021, "level": "lower-secondary", "age": [11, 12, 13, 14],
                        "enrolment": 70})
    pop = pd.DataFrame({"locality": "A", "year": 2021, "age": [11, 12, 13, 14], "population": 100})
    assert A.out_of_school_rate(enr, pop, "lower-secondary")["value"].item() == 30.0
    with pytest.raises(DataError, match=r"locality=A, year=2021.*14"):
        A.out_of_school_rate(enr, pop[pop["age"] != 14], "lower-secondary")
    with pytest.raises(DataError, match=r"locality=A, year=2021.*14"):
        A.net_enrolment_rate(enr, pop[pop["age"] != 14], "lower-secondary")


def test_district_rule_finding_for_a_target_due_in_2025_is_not_a_crash():
    # Found by the audit: "đến năm 2025" is the usual horizon of the 2020-2025 resolutions. A district
    # target "≥ 8 communes at PCGD tiểu học mức độ 3 by 2025" made consistency build its hypothetical
    # commune table with year 2025, which district_universalization refuses (no districts from 1/7/2025):
    # the whole check raised a DataError about 10 rows the user never wrote. The arithmetic of the rule
    # (Điều 11.2: 9 of 10 communes) does not depend on the year: 8 of 10 = 80% < 90%, and the finding
    # says the due date falls after the districts were abolished.
    from edustats import consistency as C
    cl = pd.DataFrame({"district": "D", "year": 2023, "locality": [f"c{i}" for i in range(10)],
                       "standard": "pcgd_primary", "level": 3})
    row = dict(source="s", id="x-1", locality="D", kind="target", indicator="communes_pcgd_primary_level3",
               comparator=">=", value=8)
    before = C._district_findings(pd.DataFrame([{**row, "year": 2023}]), cl)
    after = C._district_findings(pd.DataFrame([{**row, "year": 2025}]), cl)
    assert before[0][3] == after[0][3] == "ok"
    assert "the district rule needs 90% (9 of 10)" in before[0][4] and after[0][4].startswith(before[0][4])
    assert "1/7/2025" in after[0][4] and "1/7/2025" not in before[0][4]


@pytest.mark.xfail(strict=True, reason=(
    "Interpretation, not a clear fix: Điều 21.1 (XMC mức độ 2) does not write 'bảo đảm tiêu chuẩn ... mức độ 1' "
    "as Điều 10.1.a, 11.1.a, 15.1.a and 16.1.a do, yet the criteria table chains literacy level 2 to level 1 "
    "(its own note says so). Read literally, a commune with 95% of 15-60-year-olds literate at level 2 meets "
    "Điều 21.1 even with 89,99% of 15-35-year-olds at level 1; the code says level 0. A single 'level' cannot "
    "hold 'level 2 but not level 1', so the choice is the coordinator's / ministry guidance's"))
def test_literacy_level_2_read_literally_has_no_level_1_prerequisite():
    assert int(_level("literacy", False, literate_l1_15_35=89.99, literate_l2_15_60=95.0)["level"]) == 2


def test_age_filtered_rates_refuse_rows_without_an_age():
    # Same gap as the out-of-school rate, found in two more age-filtered rates: 5 six-year-old new
    # entrants whose age is missing were left out of the net intake rate (Điều 9.2.a's "trẻ em 6 tuổi vào
    # lớp 1"): 90 / 100 = 90% instead of an error; 10 fifteen-to-eighteen-year-olds without an age were left
    # out of Điều 14.2.b's diploma rate, numerator and denominator alike.
    ne = pd.DataFrame({"locality": "A", "year": 2022, "age": [6, np.nan], "new_entrants": [90, 5]})
    pop = pd.DataFrame({"locality": "A", "year": 2022, "age": [6], "population": [100]})
    with pytest.raises(DataError, match=r"row 1, column 'age'"):
        A.net_intake_rate(ne, pop)
    at = pd.DataFrame({"locality": "A", "year": 2021, "age": [15, 16, 17, 18, np.nan],
                       "population": [90, 88, 86, 86, 10], "completed": [60, 82, 82, 80, 2]})
    with pytest.raises(DataError, match=r"row 4, column 'age'"):
        E.completion_by_age(at, (15, 18), "lower-secondary", "lower_secondary_diploma_15_18")
    # with every age given: (60 + 82 + 82 + 80) / (90 + 88 + 86 + 86) = 304 / 350 = 86,86%
    assert E.completion_by_age(at.iloc[:4], (15, 18), "lower-secondary",
                               "lower_secondary_diploma_15_18")["value"].round(2).item() == 86.86
