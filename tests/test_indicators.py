"""Indicators on small tables worked by hand, bad input, and invariants (hypothesis)."""
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import edustats as es
from edustats import indicators as ind
from edustats.errors import DataError
from edustats.vnformat import round_half_up


def pop(locality="A", year=2021, ages=range(6, 11), n=100):
    return pd.DataFrame({"locality": locality, "year": year, "age": list(ages), "population": n})


def enr(rows, locality="A", year=2021, level="primary"):
    return pd.DataFrame([dict(locality=locality, year=year, level=level, age=a, enrolment=e) for a, e in rows])


# ---------------------------------------------------------------- hand-worked values
def test_ger_ner_two_localities_vectorised():
    e = pd.concat([enr([(6, 95), (7, 100), (11, 30)], "A"), enr([(6, 50), (8, 60)], "B")])
    p = pd.concat([pop("A"), pop("B", n=50)])
    ger = ind.gross_enrolment_ratio(e, p, "primary")
    ner = ind.net_enrolment_rate(e, p, "primary")
    # A: 225 pupils / 500 children = 45%; NER counts ages 6-10 only: 195 / 500 = 39%
    # B: 110 / 250 = 44% for both
    assert ger[["locality", "numerator", "denominator", "value"]].values.tolist() == [
        ["A", 225.0, 500.0, 45.0], ["B", 110.0, 250.0, 44.0]]
    assert ner["value"].tolist() == [39.0, 44.0]
    assert list(ger.columns) == ["locality", "year", "indicator", "level", "numerator", "denominator", "value", "unit"]


def test_ger_may_exceed_100_but_ner_may_not():
    e = enr([(6, 110), (12, 20)])
    p = pop(ages=[6, 7, 8, 9, 10], n=20)  # 100 children
    assert ind.gross_enrolment_ratio(e, p, "primary")["value"].item() == 130.0
    with pytest.raises(DataError, match=r"110 > 100.*cannot exceed 100"):
        ind.net_enrolment_rate(e, p, "primary")


def test_mobilisation_kindergarten_counts_children_of_the_age_group_at_any_level():
    e = pd.DataFrame({"locality": "A", "year": 2022, "level": ["kindergarten"] * 3 + ["primary"],
                      "age": [3, 4, 5, 5], "enrolment": [30, 32, 33, 2]})
    p = pop(year=2022, ages=[3, 4, 5], n=34)
    r = ind.mobilisation_rate(e, p, "kindergarten")
    assert (r["numerator"].item(), r["denominator"].item()) == (97.0, 102.0)
    assert r["value"].round(2).item() == 95.1


def test_flow_rates_sum_to_100_and_flag_transfers():
    e = pd.DataFrame({"locality": "A", "year": [2021] * 2 + [2022] * 3, "grade": [1, 2, 1, 2, 3],
                      "enrolment": [100, 90, 100, 101, 88]})
    r = pd.DataFrame({"locality": "A", "year": 2022, "grade": [1, 2, 3], "repeaters": [4, 1, 0]})
    f = ind.flow_rates(e, r, "primary")
    w = f.pivot_table(index="grade", columns="indicator", values="value")
    # grade 1: promoted = 101 - 1 = 100 of 100 → 100%, repeaters 4 → 4%, dropout −4%: transfers in
    assert w.loc[1].to_dict() == {"dropout_rate": -4.0, "promotion_rate": 100.0, "repetition_rate": 4.0}
    assert f.loc[(f["grade"] == 1) & (f["indicator"] == "dropout_rate"), "outside_bounds"].item()
    assert (w.sum(axis=1).round(9) == 100).all()


def test_survival_to_grade_5_with_repetition():
    # p = 90, r = 5 in every grade: each step 0.9 / 0.95; to grade 5: (0.9/0.95)^4
    fl = pd.DataFrame([dict(locality="A", year=2021, grade=g, indicator=i, value=v)
                       for g in range(1, 5) for i, v in (("promotion_rate", 90.0), ("repetition_rate", 5.0))])
    s = ind.survival_rate(fl)
    assert s.loc[s["grade"] == 5, "value"].round(4).item() == round(100 * (0.9 / 0.95) ** 4, 4)


def test_teacher_norms_reproduce_a_shortage_and_a_surplus():
    c = pd.DataFrame({"locality": "X", "year": 2022, "level": ["preschool", "primary", "primary", "lower-secondary"],
                      "sessions": [2, 2, 1, 1], "classes": [200, 300, 50, 150]})
    t = pd.DataFrame({"locality": "X", "year": 2022, "level": ["preschool", "primary", "lower-secondary"],
                      "teachers": [300, 420, 370]})
    out = ind.teacher_surplus_shortage(c, t, groups={"preschool+primary": ["preschool", "primary"],
                                                     "lower-secondary": ["lower-secondary"]})
    o = out.set_index("level")
    # required: 200×2,2 = 440; 300×1,5 + 50×1,2 = 510; 150×1,9 = 285
    assert o.loc["preschool+primary", ["teachers_required", "teachers_in_post", "shortage"]].tolist() == [950.0, 720.0, 230.0]
    assert o.loc["lower-secondary", ["teachers_required", "surplus", "status"]].tolist() == [285.0, 85.0, "thừa"]
    assert "300 lớp × 1,50 + 50 lớp × 1,20 = 510" in o.loc["preschool+primary", "calculation"]


def test_qualified_share_standard_changes_with_level():
    t = pd.DataFrame({"locality": "A", "year": 2022, "level": ["primary"] * 3, "degree": ["cao đẳng", "đại học", "thạc sĩ"],
                      "teachers": [20, 75, 5]})
    assert ind.qualified_teacher_share(t, "primary")["value"].item() == 80.0
    assert ind.qualified_teacher_share(t, "primary", threshold="above")["value"].item() == 5.0


def test_evaluation_shares_tt27_and_tt58():
    ev = pd.DataFrame({"locality": "A", "year": 2022, "level": "primary",
                       "category": ["Hoàn thành xuất sắc", "Hoàn thành tốt", "Hoàn thành", "Chưa hoàn thành"],
                       "pupils": [50, 110, 230, 10]})
    r = ind.evaluation_shares(ev, "tt27", "primary").set_index("indicator")["value"]
    assert r.to_dict() == {"primary_eval_completed_share": 97.5, "primary_eval_good_share": 40.0,
                           "primary_eval_not_completed_share": 2.5}


def test_universalization_binding_and_district():
    r = pd.DataFrame({"locality": ["A", "B"], "year": 2022, "dbkk": [False, True],
                      "net_intake_rate": [99.0, 96.0], "completion_by_14": [95.0, 75.0], "completion_by_11": [85.0, 72.0]})
    out = ind.classify_universalization(r, "pcgd_primary").set_index("locality")
    # A: level 2 (95 ≤ 99, 80 ≤ 85); level 3 fails on completion by 11 (85 < 90)
    assert out.loc["A", ["level", "binding_criterion", "margin"]].tolist() == [2, "completion_by_11", -5.0]
    # B (ĐBKK): level 2 (70 ≤ 72); level 3 fails: intake 96 < 98 (−2) and completion 72 < 80 (−8) → completion binds
    assert out.loc["B", ["level", "binding_criterion", "margin"]].tolist() == [2, "completion_by_11", -8.0]


def test_national_standard_schools_in_force():
    rec = pd.DataFrame({"locality": "MT", "school": list("abcdefghi"), "level": ["preschool"] * 5 + ["primary"] * 2 + ["lower-secondary"] * 2,
                        "recognised_year": [2019, 2020, 2021, 2022, 2023, 2020, 2023, 2021, 2023]})
    out = ind.national_standard_schools(rec, [2023], by_level=False)
    assert out.loc[out["indicator"] == "national_standard_schools", "value"].item() == 9.0


# ---------------------------------------------------------------- bad input
def test_negative_count_names_the_row():
    e = enr([(6, 95), (7, -3)])
    with pytest.raises(DataError, match=r"enrolment, row 1, column 'enrolment': found -3; expected a count ≥ 0"):
        ind.gross_enrolment_ratio(e, pop(), "primary")


def test_missing_count_is_an_error_not_nan():
    e = enr([(6, 95), (7, None)])
    with pytest.raises(DataError, match=r"row 1, column 'enrolment': found nan; expected a number \(not missing\)"):
        ind.gross_enrolment_ratio(e, pop(), "primary")


def test_zero_denominator_is_named():
    with pytest.raises(DataError, match=r"found 'locality=A, year=2021: 0'; expected a denominator > 0"):
        ind.gross_enrolment_ratio(enr([(6, 5)]), pop(n=0), "primary")


def test_missing_denominator_is_named():
    e = pd.concat([enr([(6, 5)], "A"), enr([(6, 5)], "B")])
    with pytest.raises(DataError, match=r"found 'locality=B, year=2021'; expected a denominator \(population of official age\)"):
        ind.gross_enrolment_ratio(e, pop("A"), "primary")


def test_duplicated_keys():
    p = pd.concat([pop(), pop()])
    with pytest.raises(DataError, match=r"one row per locality, year, age \(this key is duplicated\)"):
        ind.gross_enrolment_ratio(enr([(6, 5)]), p, "primary")


def test_age_outside_level():
    with pytest.raises(DataError, match=r"column 'age': found 25; expected an age between 3 and 18 for level primary"):
        ind.gross_enrolment_ratio(enr([(6, 5), (25, 1)]), pop(), "primary")


def test_grade_outside_level():
    e = pd.DataFrame({"locality": "A", "year": [2021, 2022], "grade": [3, 11], "enrolment": [10, 10]})
    r = pd.DataFrame({"locality": "A", "year": [2022], "grade": [3], "repeaters": [1]})
    with pytest.raises(DataError, match=r"column 'grade': found 11; expected a grade of lower-secondary \(6-9"):
        ind.flow_rates(e, r, "lower-secondary")


def test_missing_column():
    with pytest.raises(DataError, match=r"expected a column named 'population'"):
        ind.gross_enrolment_ratio(enr([(6, 5)]), pop().drop(columns="population"), "primary")


def test_unknown_evaluation_category():
    ev = pd.DataFrame({"locality": "A", "year": 2022, "level": "primary", "category": ["Giỏi"], "pupils": [5]})
    with pytest.raises(DataError, match=r"found 'Giỏi'; expected a category of scale tt27"):
        ind.evaluation_shares(ev, "tt27", "primary")


def test_completed_above_population():
    a = pd.DataFrame({"locality": "A", "year": 2021, "age": [15], "population": [10], "completed": [11]})
    with pytest.raises(DataError, match="at most the population of that age"):
        ind.completion_by_age(a, (15, 18), "lower-secondary", "lower_secondary_diploma_15_18")


# ---------------------------------------------------------------- catalogue
def test_catalogue_functions_exist_and_cover_targets():
    cat = es.indicator_catalogue()
    for f in set(cat["function"]) - {""}:
        assert hasattr(ind, f), f
    assert set(es.load_targets()["indicator"]) - {""} <= set(cat["code"])
    assert cat[["formula", "source"]].ne("").all().all()


# ---------------------------------------------------------------- properties
counts = st.integers(min_value=0, max_value=500)


@settings(max_examples=60, deadline=None)
@given(e1=st.integers(1, 500), e2_next=counts, r_next=counts, r_same=counts)
def test_promotion_repetition_dropout_sum_to_100(e1, e2_next, r_next, r_same):
    r_next = min(r_next, e2_next)
    e = pd.DataFrame({"locality": "A", "year": [2021, 2022, 2022], "grade": [1, 1, 2], "enrolment": [e1, 50, e2_next]})
    r = pd.DataFrame({"locality": "A", "year": 2022, "grade": [1, 2], "repeaters": [r_same, r_next]})
    f = ind.flow_rates(e, r, "primary")
    g1 = f[f["grade"] == 1]
    assert abs(g1["value"].sum() - 100.0) < 1e-9


@settings(max_examples=60, deadline=None)
@given(in_age=st.lists(counts, min_size=5, max_size=5), over_age=counts, extra=st.lists(counts, min_size=5, max_size=5))
def test_ner_never_exceeds_ger(in_age, over_age, extra):
    e = enr([(a, n) for a, n in zip(range(6, 11), in_age)] + [(12, over_age)])
    p = pd.DataFrame({"locality": "A", "year": 2021, "age": range(6, 11),
                      "population": [n + x + 1 for n, x in zip(in_age, extra)]})
    assert ind.net_enrolment_rate(e, p, "primary")["value"].item() <= ind.gross_enrolment_ratio(e, p, "primary")["value"].item()


@settings(max_examples=80, deadline=None)
@given(diploma=st.floats(0, 100), upper=st.floats(0, 100), bump=st.floats(0, 20), dbkk=st.booleans(),
       prim=st.integers(0, 3), lit=st.integers(0, 2))
def test_classification_is_monotone_in_the_rates(diploma, upper, bump, dbkk, prim, lit):
    base = pd.DataFrame({"locality": ["A"], "year": [2021], "dbkk": [dbkk], "diploma_15_18": [diploma],
                         "upper_or_vocational_15_18": [upper], "pcgd_primary_level": [prim], "literacy_level": [lit]})
    lv = lambda d: ind.classify_universalization(d, "pcgd_lower_secondary")["level"].item()  # noqa: E731
    assert lv(base.assign(diploma_15_18=min(100.0, diploma + bump))) >= lv(base)
    assert lv(base.assign(upper_or_vocational_15_18=min(100.0, upper + bump))) >= lv(base)
    assert lv(base.assign(dbkk=True)) >= lv(base.assign(dbkk=False))


def test_universalization_thresholds_are_the_decree_s():
    # Nghị định 20/2014, Điều 16 (PCGD THCS mức độ 3), as quoted by Luật Huy Thành
    # (luathuythanh.vn/tieu-chuan-cong-nhan-dat-chuan-pho-cap-giao-duc-trung-hoc-co-so-muc-do-3.html):
    # diploma 15-18 >= 95% (ĐBKK 90%), 15-18 in upper secondary / GDTX / vocational >= 80% (ĐBKK 70%)
    r = pd.DataFrame({"locality": ["A", "B", "C", "D"], "year": 2021, "dbkk": [False, False, True, True],
                      "diploma_15_18": [95.0, 94.9, 90.0, 90.0], "upper_or_vocational_15_18": [80.0, 99.0, 70.0, 69.9],
                      "pcgd_primary_level": 3, "literacy_level": 2})
    out = ind.classify_universalization(r, "pcgd_lower_secondary").set_index("locality")
    assert out["level"].to_dict() == {"A": 3, "B": 2, "C": 3, "D": 2}
    assert out.loc["B", "binding_criterion"] == "diploma_15_18" and out.loc["B", "margin"] == pytest.approx(-0.1)
    assert out.loc["D", "binding_criterion"] == "upper_or_vocational_15_18"
    # Điều 14 (level 1): 80% (ĐBKK 70%), with PCGD tiểu học and XMC at level 1 (thuvienphapluat.vn)
    one = ind.classify_universalization(r.assign(diploma_15_18=80.0, pcgd_primary_level=1, literacy_level=1,
                                                 dbkk=False), "pcgd_lower_secondary")
    assert one["level"].tolist() == [1, 1, 1, 1]
    # Điều 20-21 (XMC): 90% of 15-35 (ĐBKK: of 15-25) at level 1, 90% of 15-60 (ĐBKK: of 15-35) at level 2
    # (thuvienphapluat.vn, Điều 21; lawnet.vn, Điều 20). The ĐBKK concession is the age group, not the rate.
    lit = pd.DataFrame({"locality": ["A", "B"], "year": 2021, "dbkk": [False, True],
                        "literate_l1_15_35": [92.0, None], "literate_l2_15_60": [89.9, None],
                        "literate_l1_15_25": [None, 95.0], "literate_l2_15_35": [None, 89.9]})
    out = ind.classify_universalization(lit, "literacy").set_index("locality")
    assert out["level"].to_dict() == {"A": 1, "B": 1}
    assert out.loc["A", "binding_criterion"] == "literate_l2_15_60" and out.loc["A", "binding_threshold"] == 90.0
    assert out.loc["B", "binding_criterion"] == "literate_l2_15_35" and out.loc["B", "binding_threshold"] == 90.0
    # Điều 10.1.c: the remaining 11-year-olds must all be in primary classes: not in the input, so to confirm
    p = ind.classify_universalization(pd.DataFrame({"locality": ["A"], "year": [2021], "dbkk": [False],
                                                    "net_intake_rate": [96.0], "completion_by_14": [95.0],
                                                    "completion_by_11": [85.0]}), "pcgd_primary")
    assert p["level"].item() == 2 and "Điều 10.1.c" in p["conditions_to_confirm"].item()


def test_teacher_norms_are_the_circulars():
    # TTLT 06/2015/TTLT-BGDĐT-BNV as summarised by thuvienphapluat.vn: at most 2,5 teachers per
    # nursery group, 2,2 per two-session kindergarten class, 1,2 per one-session class
    c = pd.DataFrame({"locality": "A", "year": 2022, "level": ["nursery", "kindergarten", "kindergarten"],
                      "sessions": [2, 2, 1], "classes": [10, 20, 5]})
    req = ind.teachers_required(c, date="2022-09-05")  # groups and classes add up to one preschool level
    assert req[["level", "teachers_required", "calculation"]].to_dict("records") == [
        {"level": "preschool", "teachers_required": 75.0,
         "calculation": "10 nhóm × 2,50 + 20 lớp × 2,20 + 5 lớp × 1,20 = 75"}]  # 25 + 44 + 6
    assert req["norm"].item() == "TT 16/2017, TTLT 06/2015 (tối đa / maxima)"  # the output says they are maxima
    # with no date, the row's year picks the norms: 2022 = school year 2021-2022, TTLT 06/2015, the same 75;
    # 2025 = 2024-2025, TT 19/2023: the one-session classes get 2,2 too: 25 + 44 + 11 = 80
    assert ind.teachers_required(c)["teachers_required"].item() == 75.0
    assert ind.teachers_required(c.assign(year=2025))["teachers_required"].item() == 80.0
    # Thông tư 16/2017, Điều 7-8: THCS 1,90, ethnic boarding THCS 2,20, THPT 2,25, provincial
    # ethnic boarding 2,40, specialised THPT 3,10
    assert [ind.teacher_norm("lower-secondary"), ind.teacher_norm("lower-secondary", 1, "ethnic-boarding"),
            ind.teacher_norm("upper-secondary"), ind.teacher_norm("upper-secondary", 1, "ethnic-boarding"),
            ind.teacher_norm("upper-secondary", 1, "specialised")] == [1.9, 2.2, 2.25, 2.4, 3.1]


# ---------------------------------------------------------------- published computations
# Official statistical yearbooks of the provincial Statistics Offices (General Statistics Office,
# then under the Ministry of Planning and Investment) print the counts and the ratios computed
# from them side by side; the functions must give the printed ratio at the printed precision.
HOA_BINH_2021 = "Cục Thống kê tỉnh Hòa Bình, Niên giám thống kê 2021, p. 613 (thongkehoabinh.gso.gov.vn/NienGiam/niengiam2021/files/basic-html/page613.html)"
HOA_BINH_2022 = "Cục Thống kê tỉnh Hòa Bình, Niên giám thống kê 2022, table 233, p. 663 (…/niengiam2022/files/basic-html/page663.html)"
QUANG_NGAI_2016 = "Cục Thống kê tỉnh Quảng Ngãi, Niên giám thống kê 2016, tables 211-212 (thongkequangngai.com/niengiam2016/files/assets/basic-html/page321.html, page322.html)"


def _printed(x, decimals):
    return round_half_up(x, decimals)


def test_pupil_teacher_ratios_reproduce_hoa_binh_yearbook_2021():
    # HOA_BINH_2021, school year 2021-2022: teachers 5,452 preschool; 4,527 primary; 3,501 lower
    # secondary; 1,553 upper secondary (9,581 general teachers); children and pupils 56,811;
    # 86,413; 57,804; 26,498 (170,715). Printed: "10 students/teacher" (preschool), 19, 17, 17.
    levels = ["preschool", "primary", "lower-secondary", "upper-secondary"]
    e = pd.DataFrame({"locality": "Hòa Bình", "year": 2021, "level": levels, "enrolment": [56811, 86413, 57804, 26498]})
    t = pd.DataFrame({"locality": "Hòa Bình", "year": 2021, "level": levels, "teachers": [5452, 4527, 3501, 1553]})
    assert t["teachers"].iloc[1:].sum() == 9581 and e["enrolment"].iloc[1:].sum() == 170715  # the page's totals
    printed = {"preschool": 10, "primary": 19, "lower-secondary": 17, "upper-secondary": 17}
    for level, value in printed.items():
        r = ind.pupil_teacher_ratio(e, t, level).iloc[0]
        assert _printed(r["value"], 0) == value, (level, r["value"], HOA_BINH_2021)
    # 57,804 / 3,501 = 16.51: printed 17, so the yearbook rounds to whole pupils, half up
    assert ind.pupil_teacher_ratio(e, t, "lower-secondary")["value"].item() == pytest.approx(16.5107, abs=1e-4)


def test_pupils_per_class_reproduce_the_yearbooks():
    # HOA_BINH_2021 prints 26 (primary), 31 (lower secondary), 36 (upper secondary) pupils per class
    # for 2021-2022; the classes of that year are in HOA_BINH_2022, table 233: 3,277; 1,837; 732.
    levels = ["primary", "lower-secondary", "upper-secondary"]
    e = pd.DataFrame({"locality": "Hòa Bình", "year": 2021, "level": levels, "enrolment": [86413, 57804, 26498]})
    c = pd.DataFrame({"locality": "Hòa Bình", "year": 2021, "level": levels, "classes": [3277, 1837, 732]})
    got = {lv: _printed(ind.pupil_class_ratio(e, c, lv)["value"].item(), 0) for lv in levels}
    assert got == {"primary": 26, "lower-secondary": 31, "upper-secondary": 36}, HOA_BINH_2022
    # QUANG_NGAI_2016: preschool children 45,632 (2015) and 51,345 (2016) in 1,810 and 1,819 classes
    # and groups; printed "Số học sinh bình quân một lớp học" 25,2 and 28,23
    e = pd.DataFrame({"locality": "Quảng Ngãi", "year": [2015, 2016], "level": "preschool", "enrolment": [45632, 51345]})
    c = pd.DataFrame({"locality": "Quảng Ngãi", "year": [2015, 2016], "level": "preschool", "classes": [1810, 1819]})
    r = ind.pupil_class_ratio(e, c, "preschool").set_index("year")["value"]
    assert (_printed(r[2015], 1), _printed(r[2016], 2)) == (25.2, 28.23), QUANG_NGAI_2016
    assert es.format_number(r[2016], 2) == "28,23"


def test_district_needs_every_commune_for_lower_secondary_level_3():
    # Điều 16: "Đối với huyện: Có 100% số xã đạt chuẩn ... mức độ 3"; elsewhere at least 90% (Điều 14)
    c = pd.DataFrame({"district": "X", "year": 2023, "commune": range(20), "level": [3] * 19 + [2]})
    lo3 = ind.district_universalization(c, 3, standard="pcgd_lower_secondary")
    assert lo3[["numerator", "denominator", "value", "threshold", "met"]].iloc[0].tolist() == [19.0, 20.0, 95.0, 100.0, False]
    assert bool(ind.district_universalization(c, 3, standard="pcgd_primary")["met"].item())  # 95% >= 90%
    assert bool(ind.district_universalization(c.assign(level=3), 3, standard="pcgd_lower_secondary")["met"].item())


def test_universalization_missing_or_bad_cells_name_the_row_and_column():
    lit = pd.DataFrame({"locality": ["A", "B"], "year": 2021, "dbkk": [False, True],
                        "literate_l1_15_35": [92.0, None], "literate_l2_15_60": [None, None],
                        "literate_l1_15_25": [None, 101.0]})
    with pytest.raises(DataError) as err:
        ind.classify_universalization(lit, "literacy")
    msg = str(err.value)
    # the ĐBKK commune's level-2 column is missing altogether
    assert "column 'literate_l2_15_35'" in msg and "ĐBKK communes" in msg
    lit["literate_l2_15_35"] = [None, 95.0]
    with pytest.raises(DataError) as err:
        ind.classify_universalization(lit, "literacy")
    msg = str(err.value)
    assert ("rates, row 0, column 'literate_l2_15_60': found '(empty)'; expected tỷ lệ % từ 0 đến 100 hoặc số đếm / "
            "a percentage between 0 and 100 (this non-ĐBKK commune needs it)") in msg
    assert "rates, row 1, column 'literate_l1_15_25': found 101.0; expected tỷ lệ % từ 0 đến 100 / a percentage between 0 and 100" in msg
    # a cell the row does not need may stay empty (row 0 has no 15-25 rate, row 1 no 15-60 rate)
    assert "row 0, column 'literate_l1_15_25'" not in msg and "row 1, column 'literate_l2_15_60'" not in msg


def test_every_indicator_function_teaches_its_formula_source_example_and_pitfalls():
    import inspect

    from edustats.handbook import HANDBOOK_FUNCTIONS, formula_svg, handbook_entries

    public = set(es.indicator_catalogue()["function"]) - {""} | set(HANDBOOK_FUNCTIONS) | {
        "teacher_norm", "qualification_status"}
    for name in sorted(public):
        f = getattr(ind, name)
        doc = f.__doc__ or ""
        mod = inspect.getmodule(f).__doc__ or ""
        for part in (".. math::", "References", "Examples", ">>>"):
            assert part in doc, (name, part)
        assert "Pitfall" in doc or "Pitfall" in mod, (name, "pitfalls")
    for e in handbook_entries():  # every formula renders offline for the handbook
        for latex in e["latex"]:
            assert formula_svg(latex).startswith("<svg"), e["function"]


# ---------------------------------------------------------------- audit fixes (issue 11, point 5)
def _ages(level, rows, locality="A", year=2021):
    return pd.DataFrame([dict(locality=locality, year=year, level=lv, age=a, enrolment=e) for lv, a, e in rows])


def test_lower_secondary_out_of_school_counts_pupils_still_in_primary_as_in_school():
    # 400 children aged 11-14; 347 in lower secondary, 2 already in upper secondary, 18 still in primary
    e = _ages(None, [("lower-secondary", 11, 80), ("lower-secondary", 12, 90), ("lower-secondary", 13, 92),
                     ("lower-secondary", 14, 85), ("upper-secondary", 14, 2), ("primary", 11, 15), ("primary", 12, 3)])
    p = pop(ages=range(11, 15), n=100)
    r = ind.out_of_school_rate(e, p, "lower-secondary")
    # in school 347 + 2 + 18 = 367: out 33 / 400 = 8.25% (100 - ANER would say 51 / 400 = 12.75%)
    assert r[["numerator", "denominator", "value"]].values.tolist() == [[33.0, 400.0, 8.25]]
    assert 100 - ind.adjusted_net_enrolment_rate(e, p, "lower-secondary")["value"].item() == 12.75


def test_primary_out_of_school_follows_sdg_4_1_4():
    # 500 children aged 6-10: 479 in primary, 3 ten-year-olds in grade 6, 6 six-year-olds in kindergarten
    e = _ages(None, [("primary", 6, 90), ("primary", 7, 98), ("primary", 8, 99), ("primary", 9, 97),
                     ("primary", 10, 95), ("lower-secondary", 10, 3), ("kindergarten", 6, 6)])
    p = pop(ages=range(6, 11), n=100)
    # SDG 4.1.4: any level counts, 488 in school, 12 out: 2.4%
    assert ind.out_of_school_rate(e, p)[["numerator", "value"]].values.tolist() == [[12.0, 2.4]]
    # UIS before 2019: primary or secondary only, the 6 in kindergarten are out: 18 / 500 = 3.6%
    assert ind.out_of_school_rate(e, p, definition="uis_pre2019")[["numerator", "value"]].values.tolist() == [[18.0, 3.6]]
    with pytest.raises(ValueError, match="sdg, uis_pre2019"):
        ind.out_of_school_rate(e, p, definition="pre2015")


def test_survival_rate_is_undefined_after_a_missing_grade():
    # promotion 95, 96, (grade 3 missing), 97, 98 with no repetition: survival to grade 3 = 91.2%;
    # skipping grade 3 would give 0.95 * 0.96 * 0.97 = 88.46% to "grade 5" - undefined instead
    fl = pd.DataFrame([dict(locality="A", year=2021, grade=g, indicator=i, value=v)
                       for g, p_ in ((1, 95.0), (2, 96.0), (4, 97.0), (5, 98.0))
                       for i, v in (("promotion_rate", p_), ("repetition_rate", 0.0))])
    s = ind.survival_rate(fl).set_index("grade")
    assert s.loc[3, "value"] == pytest.approx(91.2) and s.loc[3, "note"] == ""
    assert s.loc[[4, 5, 6], "value"].isna().all() and s.loc[[4, 5, 6], "numerator"].isna().all()
    assert (s.loc[[4, 5, 6], "note"] == "undefined: promotion or repetition rate of grade 3 missing").all()
    # a repetition rate missing for one grade is missing data too
    s = ind.survival_rate(fl[~((fl["grade"] == 2) & (fl["indicator"] == "repetition_rate"))]).set_index("grade")
    assert s.loc[2, "value"] == 95.0 and s.loc[3:, "value"].isna().all()


def test_flow_rates_do_not_take_absent_repeaters_as_zero():
    # grade 6 had 100 pupils in 2021; grade 7 has 97 in 2022 of whom 3 repeat: promotion 94%, not 97%
    e = pd.DataFrame({"locality": "A", "year": [2021, 2021, 2022, 2022, 2022], "grade": [6, 7, 6, 7, 8],
                      "enrolment": [100, 98, 101, 97, 95]})
    r = pd.DataFrame({"locality": "A", "year": [2022, 2022], "grade": [6, 8], "repeaters": [3, 1]})
    with pytest.raises(DataError) as err:
        ind.flow_rates(e, r, "lower-secondary")
    msg = str(err.value)
    assert "locality=A, year=2022, grade=7" in msg and "số học sinh lưu ban lớp 7 năm 2022" in msg
    assert "a missing row is not taken as 0" in msg and len(err.value.problems) == 2  # grade 6's and grade 7's need
    r7 = pd.concat([r, pd.DataFrame({"locality": ["A"], "year": [2022], "grade": [7], "repeaters": [3]})])
    f = ind.flow_rates(e, r7, "lower-secondary").set_index(["grade", "indicator"])["value"]
    assert f[6, "promotion_rate"] == 94.0 and f[6, "repetition_rate"] == 3.0 and f[6, "dropout_rate"] == 3.0
    # an explicit 0 is data, and accepted
    r0 = pd.concat([r, pd.DataFrame({"locality": ["A"], "year": [2022], "grade": [7], "repeaters": [0]})])
    assert ind.flow_rates(e, r0, "lower-secondary").set_index(["grade", "indicator"])["value"][6, "promotion_rate"] == 97.0


# ---------------------------------------------------------------- Vietnamese definitions (issue 11, point 6)
def test_within_year_rates_follow_gso_and_differ_from_uis_on_the_same_pupils():
    # Grade 6, school year 2021: 100 pupils in September; 2 leave during the year; in May 95 are promoted
    # and 3 held back. Over the summer 4 of the promoted do not come back; grade 7 in 2022 has 91 + 2
    # repeaters; grade 6 in 2022 has 3 repeaters.
    sy = pd.DataFrame({"locality": "A", "year": [2021], "grade": [6], "enrolment_start": [100], "promoted": [95],
                       "repeaters": [3], "dropouts": [2]})
    vn = ind.within_year_rates(sy, "lower-secondary").set_index("indicator")
    assert vn["value"].to_dict() == {"promotion_rate": 95.0, "repetition_rate": 3.0, "dropout_rate": 2.0}
    assert (vn["denominator"] == 100).all() and (vn["definition"] == "gso_within_year").all()
    e = pd.DataFrame({"locality": "A", "year": [2021, 2022, 2022], "grade": [6, 6, 7], "enrolment": [100, 104, 93]})
    r = pd.DataFrame({"locality": "A", "year": [2022, 2022], "grade": [6, 7], "repeaters": [3, 2]})
    uis = ind.flow_rates(e, r, "lower-secondary").set_index("indicator")["value"]
    # UIS: promotion (93 - 2) / 100 = 91%, repetition 3%, dropout 6% (the 4 summer leavers included)
    assert uis.to_dict() == {"promotion_rate": 91.0, "repetition_rate": 3.0, "dropout_rate": 6.0}


def test_within_year_rates_by_level_and_bad_input():
    sy = pd.DataFrame({"locality": "A", "year": 2022, "grade": [1, 2, 3, 4, 5],
                       "enrolment_start": [120, 118, 115, 110, 112], "dropouts": [1, 0, 0, 1, 0]})
    lv = ind.within_year_rates(sy, "primary", per="level")
    # 2 of 575: 0.3478%
    assert lv[["indicator", "numerator", "denominator"]].values.tolist() == [["dropout_rate", 2.0, 575.0]]
    assert round_half_up(lv["value"].item(), 2) == 0.35
    with pytest.raises(DataError, match=r"column 'grade': found 6; expected a grade of primary \(1-5\)"):
        ind.within_year_rates(sy.assign(grade=[1, 2, 3, 4, 6]), "primary")
    with pytest.raises(DataError, match="start-of-year enrolment > 0"):
        ind.within_year_rates(sy.assign(enrolment_start=[0, 118, 115, 110, 112]), "primary")
    with pytest.raises(DataError, match="promoted \\(lên lớp\\), repeaters \\(lưu ban\\) hoặc dropouts"):
        ind.within_year_rates(sy.drop(columns="dropouts"), "primary")


def test_first_grade_completion_rate_uses_grade_1_four_years_earlier():
    c = pd.DataFrame({"locality": "A", "year": [2022, 2023], "completers": [212, 230]})
    e = pd.DataFrame({"locality": "A", "year": [2018, 2019, 2022], "grade": [1, 1, 1], "enrolment": [220, 225, 240]})
    r = ind.first_grade_completion_rate(c, e, "primary")
    # 212 / 220 = 96.36%; 230 / 225 = 102.22% (repeaters and transfers: a cohort ratio of counts)
    assert r[["year", "numerator", "denominator"]].values.tolist() == [[2022, 212.0, 220.0], [2023, 230.0, 225.0]]
    assert r["value"].round(2).tolist() == [96.36, 102.22] and r["outside_bounds"].tolist() == [False, True]
    # lower secondary: grade 6 three years earlier
    e6 = pd.DataFrame({"locality": "A", "year": [2019], "grade": [6], "enrolment": [200]})
    c9 = pd.DataFrame({"locality": "A", "year": [2022], "completers": [190]})
    assert ind.first_grade_completion_rate(c9, e6, "lower-secondary")["value"].item() == 95.0
    with pytest.raises(DataError, match="số học sinh lớp 1 năm 2020 .grade-1 enrolment 4 years before the completers of 2024"):
        ind.first_grade_completion_rate(c.assign(year=[2023, 2024]), e, "primary")


def test_catalogue_names_the_vietnamese_definition_first():
    cat = es.indicator_catalogue().set_index("code")
    for code in ("promotion_rate", "repetition_rate", "dropout_rate"):
        assert cat.loc[code, "definition"] == "gso_within_year" and cat.loc[code, "function"] == "within_year_rates"
        assert cat.loc[code, "alternative"].startswith("uis_reconstructed_cohort (flow_rates): ")
    assert cat.loc["completion_rate", "definition"] == "gso_first_grade_cohort"
    assert cat.loc["completion_rate", "function"] == "first_grade_completion_rate"
    assert cat.loc["out_of_school_rate", "definition"] == "uis_sdg_4_1_4"
    # the Vietnamese targets on "lên lớp" point to the GSO/ministry definition
    t = es.load_targets()
    codes = set(t.loc[t["label_vi"].str.contains("lên lớp", na=False), "indicator"])
    assert codes == {"promotion_rate"} and cat.loc["promotion_rate", "definition"] == "gso_within_year"
    d = es.catalogue.indicator_definitions()
    assert (d.groupby("code")["rank"].min() == 1).all()
    assert set(d["function"]) <= set(dir(ind))
    # where GSO's text was read, its words are quoted
    gso = d[d["definition"].str.startswith("gso")]
    assert gso.set_index("code").loc["dropout_rate", "quote"].startswith("Tỷ lệ học sinh bỏ học lớp n năm học t")


def test_reconcile_tries_the_vietnamese_and_the_uis_definition(tmp_path):
    from types import SimpleNamespace

    from edustats.reconcile import candidate_definitions

    def write(name, df):
        df.assign(synthetic=True).to_csv(tmp_path / f"{name}.csv", index=False)

    # grades 6-8 of lower secondary, school year 2021 (GSO: within the year) and 2022 (UIS needs it)
    write("school_year", pd.DataFrame({"locality": "A", "year": 2021, "grade": [6, 7, 8, 9],
                                       "enrolment_start": [100, 100, 100, 100], "promoted": [97, 96, 98, 99],
                                       "repeaters": [2, 2, 1, 0], "dropouts": [1, 2, 1, 1]}))
    write("enrolment", pd.DataFrame({"locality": "A", "year": [2021] * 4 + [2022] * 4, "grade": [6, 7, 8, 9] * 2,
                                     "enrolment": [100, 100, 100, 100, 101, 95, 94, 96]}))
    write("repeaters", pd.DataFrame({"locality": "A", "year": 2022, "grade": [6, 7, 8, 9], "repeaters": [2, 2, 1, 0]}))
    row = SimpleNamespace(indicator="promotion_rate", locality="A", year=2021, level="lower-secondary", value=97.5)
    c = candidate_definitions(row, tmp_path)
    assert [x["definition"].split(":")[0] for x in c] == ["GSO/ministry", "UIS reconstructed cohort, grades 6-8 of year 2021 (next year's enrolment and repeaters)"]
    # GSO: 390 / 400 = 97.5%; UIS, grades 6-8: (95 - 2) + (94 - 1) + (96 - 0) = 282 of 300 = 94%
    assert (c[0]["numerator"], c[0]["denominator"], c[0]["value"]) == (390.0, 400.0, 97.5)
    assert (c[1]["numerator"], c[1]["denominator"], c[1]["value"]) == (282.0, 300.0, 94.0)
