"""Planning scenarios (issue #21): inputs validated, classes per school, levels linked, teachers by qualification,
need against supply never netted. Every expected number is worked by hand in the comment beside it."""
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import edustats as es
from edustats.errors import DataError
from edustats.indicators import teachers as T
from edustats.scenarios import (EnrolmentScenario, PreschoolScenario, SystemScenario, TeacherScenario, age_population,
                                apportion, compare_scenarios, need_from_projection, need_vs_supply, planning_section,
                                project_enrolment, project_system, project_teacher_qualification,
                                project_teacher_stock, qualification_outlook, read_base_enrolment)

LEGAL = Path(__file__).resolve().parents[2] / "shared" / "reference" / "legal"
PRIMARY = list(range(1, 6))


def flat(rate):
    return {g: rate for g in PRIMARY}


def sc(name="s", intake=100, p=95, r=3, **kw):
    return EnrolmentScenario(name, intake, flat(p), flat(r), **kw)


BASE = pd.DataFrame({"locality": "A", "year": 2022, "level": "primary", "grade": [1, 1, 2, 2, 3, 4, 5],
                     "age": [6, 7, 7, 8, 8, 9, 10], "enrolment": [90, 10, 95, 5, 100, 100, 100]})
POP6 = pd.DataFrame({"year": [2023, 2024], "population": [100, 100]})


# ---------------------------------------------------------------- 1. base enrolment read correctly
def test_500_pupils_by_grade_and_age_read_as_500():
    b = read_base_enrolment(BASE, "primary")
    assert b["enrolment"].tolist() == [100, 100, 100, 100, 100] and b["enrolment"].sum() == 500
    out = project_enrolment(BASE, POP6, "primary", sc(), 2023)
    assert out[(out["year"] == 2022) & (out["grade"] == "all")]["enrolment"].item() == 500


def test_two_localities_kept_apart_and_two_years_refused():
    two = pd.concat([BASE, BASE.assign(locality="B", enrolment=BASE["enrolment"] * 2)])
    b = read_base_enrolment(two, "primary")
    assert b.groupby("locality")["enrolment"].sum().to_dict() == {"A": 500, "B": 1000}
    out = project_enrolment(two, POP6, "primary", sc(), 2023)
    tot = out[(out["grade"] == "all") & (out["year"] == 2022)].set_index("locality")["enrolment"]
    assert tot.to_dict() == {"A": 500, "B": 1000}
    years = pd.concat([BASE, BASE.assign(year=2023)])
    with pytest.raises(DataError, match="several years(.|\n)*latest: 2023"):
        read_base_enrolment(years, "primary")
    assert read_base_enrolment(years, "primary", year=2023)["year"].unique().tolist() == [2023]


def test_grades_of_other_levels_left_out_by_level_or_refused():
    nine = pd.DataFrame({"year": 2022, "grade": range(1, 10), "enrolment": 100})
    with pytest.raises(DataError, match=r"row 7, column 'grade': found 6; expected lớp 1–5"):
        read_base_enrolment(nine, "primary")
    with_level = nine.assign(level=["primary"] * 5 + ["lower-secondary"] * 4)
    assert read_base_enrolment(with_level, "primary")["enrolment"].sum() == 500  # not 900


def test_missing_grade_and_missing_year_refused_clearly():
    with pytest.raises(DataError, match="thiếu lớp 3"):
        read_base_enrolment(pd.DataFrame({"year": 2022, "grade": [1, 2, 4, 5], "enrolment": 100}), "primary")
    with pytest.raises(DataError, match="column 'year'"):
        read_base_enrolment(pd.DataFrame({"grade": PRIMARY, "enrolment": 100}), "primary")
    with pytest.raises(DataError, match="whole number of pupils"):
        read_base_enrolment(pd.DataFrame({"year": 2022, "grade": PRIMARY, "enrolment": [100, 100.5, 100, 100, 100]}),
                            "primary")


# ---------------------------------------------------------------- 2. scenarios validated
@pytest.mark.parametrize("scenario, message", [
    (sc(p=97, r=5), r"promotion \+ repetition, lớp/grade 1': found '97 \+ 5'; expected tổng ≤ 100"),
    (EnrolmentScenario("s", 100, {**flat(95), 3: -1}, flat(3)), r"promotion, lớp/grade 3': found -1"),
    (sc(intake=-5), r"intake_rate': found -5"),
    (EnrolmentScenario("s", 0.98, flat(0.95), flat(0.03)), r"column 'promotion'.*percent \(97, not 0.97\)"),
    (sc(intake=0.98), r"column 'intake_rate'.*percent \(98, not 0.98\)"),
    (sc(promotion_target={1: 97, 2: 97}, target_year=2025), r"promotion_target': found '\(không có / none\)'; expected thiếu lớp 3, 4, 5"),
    (sc(promotion_target=flat(97)), r"target_year': found '\(không có / none\)'; expected năm đạt mục tiêu"),
    (sc(target_year=2025), r"target_year': found 2025; expected promotion_target"),
    (sc(promotion_target=flat(97), target_year=2022), r"a year after the base year 2022"),
    (sc(promotion_target=flat(99), target_year=2025), r"promotion_target \+ repetition_target, lớp/grade 1': found '99 \+ 3'"),
    (EnrolmentScenario("s", 100, {g: 95 for g in range(1, 5)}, flat(3)), r"missing grades \[5\]"),
    (sc(sessions=3), r"sessions': found 3"),
])
def test_each_invalid_scenario_refused_naming_it(scenario, message):
    with pytest.raises(DataError) as e:
        project_enrolment(BASE, POP6, "primary", scenario, 2024)
    assert "kịch bản / scenario 's' (primary)" in str(e.value)
    assert re.search(message, str(e.value)), str(e.value)


def test_fractions_converted_with_a_notice_when_asked():
    frac = EnrolmentScenario("s", 1.0, flat(0.95), flat(0.03), fractions="convert")
    with pytest.warns(UserWarning, match="đổi sang phần trăm"):
        out = project_enrolment(BASE, POP6, "primary", frac, 2023)
    ref = project_enrolment(BASE, POP6, "primary", sc(), 2023)
    assert out["enrolment"].tolist() == ref["enrolment"].tolist()  # 500 stays 500, not 4,9
    assert out.attrs["notices"] and "converted to percent" in out.attrs["notices"][0]


def test_promotion_plus_repetition_at_exactly_100_is_allowed_and_conserves():
    out = project_enrolment(BASE, POP6, "primary", sc(p=97, r=3), 2024)
    tot = out[out["grade"] == "all"].set_index("year")
    # no one leaves but graduates: 500 − 97 graduates (97% of 100) + 100 entrants = 503
    assert tot.loc[2022, "dropouts"] == 0 and tot.loc[2022, "graduates"] == 97
    assert tot.loc[2023, "enrolment"] == 500 - 97 + 100


def test_cohort_flow_conserves_whole_pupils():
    base = pd.DataFrame({"year": 2022, "grade": [6, 7, 8, 9], "enrolment": [90, 90, 90, 90]})
    comp = pd.DataFrame({"year": [2023], "completers": [90]})
    s = EnrolmentScenario("no dropout", 100, {g: 95 for g in range(6, 10)}, {g: 5 for g in range(6, 10)})
    out = project_enrolment(base, comp, "lower-secondary", s, 2023)
    e = out[(out["year"] == 2023) & (out["grade"] != "all")].set_index("grade")["enrolment"]
    # 90 split 95/5: 85,5 / 4,5 → floors 85 / 4, the last pupil to the first largest remainder: 86 / 4
    assert e.to_dict() == {6: 94, 7: 90, 8: 90, 9: 90}
    assert apportion(90, [95, 5, 0]) == [86, 4, 0]
    t = out[out["grade"] == "all"].set_index("year")
    assert t.loc[2023, "enrolment"] == t.loc[2022, "enrolment"] - t.loc[2022, "graduates"] - t.loc[2022, "dropouts"] + 90


def test_secondary_entrants_refused_from_the_entry_age_population():
    base = pd.DataFrame({"year": 2022, "grade": [6, 7, 8, 9], "enrolment": 90})
    s = EnrolmentScenario("s", 95, {g: 95 for g in range(6, 10)}, {g: 3 for g in range(6, 10)})
    with pytest.raises(DataError, match="completers of the previous level"):
        project_enrolment(base, pd.DataFrame({"year": [2023], "population": [100]}), "lower-secondary", s, 2023)


def test_rates_move_towards_targets_and_intake_moves_over_time():
    hold = sc("giữ", p=90, r=0)
    better = sc("cải thiện", p=90, r=0, promotion_target=flat(100), target_year=2024)
    out = compare_scenarios(project_enrolment, [hold, better], base_enrolment=BASE, entry_population=POP6,
                            level="primary", end_year=2024)
    tot = out[(out["grade"] == "all") & (out["year"] == 2024)].set_index("scenario")["enrolment"]
    assert tot["cải thiện"] > tot["giữ"]
    moving = sc(intake={2023: 90, 2025: 100})
    pop = pd.DataFrame({"year": [2023, 2024, 2025], "population": [100, 100, 100]})
    o = project_enrolment(BASE, pop, "primary", moving, 2025)
    ent = o[o["grade"] == 1].set_index("year")["entrants"]
    assert ent.loc[2023] == 90 and ent.loc[2024] == 95 and ent.loc[2025] == 100  # straight line 90 → 100


# ---------------------------------------------------------------- 3. classes per school, whole teachers
def test_five_classes_for_schools_of_36_20_15_12():
    s = pd.DataFrame({"school": list("ABCD"), "region": 3, "level": "primary", "grade": 1,
                      "pupils": [36, 20, 15, 12], "sessions": 2})
    for date in ("2022-09-05", "2024-09-05"):  # the charter's 35 and TT 20/2023's region-3 average 35
        assert T.classes_per_school(s, date)["classes"].sum() == 5
    lb = T.classes_lower_bound(83, "primary", 3, "2024-09-05")
    assert lb["classes_lower_bound"] == 3 and lb["label"].startswith("cận dưới / lower bound")


def test_1000_region1_primary_pupils_need_40_classes_and_60_teachers():
    s = pd.DataFrame({"school": "A", "region": 1, "level": "primary", "grade": PRIMARY, "pupils": 200, "sessions": 2})
    new = T.teachers_needed_per_school(s, "2024-09-05").iloc[0]
    assert (new["classes"], new["teachers_needed"]) == (40, 60)  # ⌈200/25⌉ × 5 = 40; 40 × 1,5 = 60
    old = T.teachers_needed_per_school(s, "2023-09-05").iloc[0]
    assert (old["classes"], old["teachers_needed"]) == (30, 45)  # before 16/12/2023: ⌈200/35⌉ × 5 = 30; × 1,5
    # one-session classes: 40 × 1,2 = 48; 43,5 would be rounded up, never to a half teacher
    s1 = s.assign(sessions=1)
    assert T.teachers_needed_per_school(s1, "2024-09-05")["teachers_needed"].item() == 48
    odd = pd.DataFrame({"school": "A", "region": 3, "level": "primary", "grade": 1, "pupils": [35 * 29],
                        "sessions": 2})
    assert T.teachers_needed_per_school(odd, "2024-09-05")["teachers_needed"].item() == 44  # 29 × 1,5 = 43,5 → 44


def test_region_boundaries_and_dates():
    assert [T.class_size_basis("primary", r, "2024-01-01") for r in (1, 2, 3)] == [25, 30, 35]
    assert [T.class_size_basis("lower-secondary", r, "2024-01-01") for r in (1, 2, 3)] == [35, 40, 45]
    assert [T.norms_regime(d) for d in ("2023-12-15", "2023-12-16", "2023-12-17")] == ["2017", "2023", "2023"]
    s = pd.DataFrame({"school": "A", "region": 1, "level": "primary", "grade": 1, "pupils": [24, 25, 26],
                      "sessions": 2, "locality": ["x", "y", "z"]})
    assert T.classes_per_school(s, "2024-01-01")["classes"].tolist() == [1, 1, 2]  # 24, 25 → 1; 26 → 2


def test_invalid_school_rows_refused_naming_them():
    with pytest.raises(DataError, match="column 'region': found 4; expected vùng 1, 2 hoặc 3"):
        T.classes_per_school(pd.DataFrame({"school": "A", "region": [4], "level": "primary", "grade": 1,
                                           "pupils": 20, "sessions": 2}))
    s = pd.DataFrame({"school": ["A", "B", "C"], "region": 1, "level": ["primary", "primary", "lower-secondary"],
                      "grade": [7, 1, 6], "pupils": [20, 20, 20], "sessions": 2, "multigrade_group": ["", "", "g"]})
    with pytest.raises(DataError) as e:
        T.classes_per_school(s, "2024-01-01", multigrade_cap=20)
    msg = str(e.value)  # rows as a spreadsheet counts them (header = row 1)
    assert "row 2, column 'grade': found 7" in msg and "row 4, column 'multigrade_group'" in msg
    mg = pd.DataFrame({"school": "A", "region": 1, "level": "primary", "grade": [1, 2], "pupils": [6, 7],
                       "sessions": 2, "multigrade_group": "g1"})
    with pytest.raises(DataError, match="multigrade_cap"):
        T.classes_per_school(mg)
    c = T.classes_per_school(mg, "2024-01-01", multigrade_cap=15)
    assert c[["grade", "pupils", "classes", "multigrade"]].to_dict("records") == [
        {"grade": "1, 2", "pupils": 13, "classes": 1, "multigrade": True}]


def test_norms_are_data_with_their_status_said():
    n = T.teacher_norms_table()
    assert set(n["regime"]) == {"2017", "2023"} and n["source"].str.len().gt(20).all()
    assert n["verified"].str.match(r"secondary copy: https?://").all() and n["quote"].str.len().gt(20).all()
    assert set(n[n["regime"] == "2017"]["valid_to"]) == {"2023-12-15"}
    assert set(n[n["regime"] == "2023"]["valid_from"]) == {"2023-12-16"}
    assert [T.teacher_norm("primary", 2, date=d) for d in ("2020-01-01", "2025-01-01")] == [1.5, 1.5]


def test_outputs_say_the_norms_are_maxima():
    c = pd.DataFrame({"locality": "A", "year": 2025, "level": "primary", "sessions": 2, "classes": [10]})
    r = T.teachers_required(c).iloc[0]
    assert r["calculation"] == "10 lớp × 1,50 = 15" and r["norm"] == "TT 20/2023, TT 19/2023 (tối đa / maxima)"
    t = c.drop(columns=["sessions", "classes"]).assign(teachers=15)
    assert T.teacher_surplus_shortage(c, t)["norm"].item() == "TT 20/2023, TT 19/2023 (tối đa / maxima)"
    s = pd.DataFrame({"school": "A", "region": 1, "level": "primary", "grade": 1, "pupils": [50], "sessions": 2})
    assert T.teachers_needed_per_school(s, "2024-09-05")["calculation"].item().endswith("(tối đa)")
    assert T.teachers_by_norm(50, "primary", 1, 2, date="2024-09-05")["calculation"].endswith("(tối đa)")
    out = project_enrolment(BASE, POP6, "primary", sc(), 2023)
    assert "teachers_estimate" in out.columns and "teachers_lower_bound" not in out.columns
    assert out.attrs["teachers_estimate"].startswith("ước tính") and "tối đa" in out.attrs["teachers_estimate"]


def test_nd71_quotes_are_the_decree_words():
    text = " ".join((LEGAL / "nd-71-2020-nang-chuan-giao-vien.txt").read_text(encoding="utf-8").split())
    r = T.nd71_roadmap()
    for q in list(r["quote_group"]) + list(r["quote_milestone"]):
        assert " ".join(q.split()) in text, q[:60]
    assert r.drop_duplicates("level").set_index("level")["phase1_share"].to_dict() == {
        "preschool": 60, "primary": 50, "lower-secondary": 60}
    assert r[r["level"] == "primary"]["years_left_required"].tolist() == [8, 7]  # trung cấp 8, cao đẳng 7


# ---------------------------------------------------------------- 4. linked levels
def test_secondary_entrants_come_from_primary_graduates():
    base = pd.concat([BASE, pd.DataFrame({"locality": "A", "year": 2022, "level": "lower-secondary",
                                          "grade": [6, 7, 8, 9], "enrolment": 90})])
    pop = pd.DataFrame({"locality": "A", "year": 2022, "age": range(0, 15), "population": 100})
    s = SystemScenario("x", primary=sc(p=95, r=3),
                       lower_secondary=EnrolmentScenario("THCS", 80, {g: 95 for g in range(6, 10)},
                                                         {g: 3 for g in range(6, 10)}),
                       preschool=PreschoolScenario("MN", {a: 50 for a in range(6)}))
    out = project_system(base, pop, s, 2024)
    g5 = out[(out["level"] == "primary") & (out["grade"] == 5)].set_index("year")["graduates"]
    ent = out[(out["level"] == "lower-secondary") & (out["grade"] == 6)].set_index("year")["entrants"]
    assert g5.loc[2022] == 95 and ent.loc[2023] == 76  # 80% of the 95 who finished grade 5 in 2022
    assert ent.loc[2024] == round(0.8 * g5.loc[2023])
    mn = out[out["level"].isin(["nursery", "kindergarten"]) & (out["year"] == 2024)]
    assert mn["enrolment"].sum() == 300  # 50% of 100 at each age 0-5
    with pytest.raises(DataError, match="a scenario for primary"):
        project_system(base, pop, SystemScenario("y", lower_secondary=s.lower_secondary), 2024)


def test_population_aged_forward_from_single_ages():
    p = pd.DataFrame({"locality": "A", "year": 2021, "age": range(0, 8), "population": [10, 20, 30, 40, 50, 60, 70, 80]})
    a = age_population(p, 2025).set_index(["year", "age"])["population"]
    assert a[(2025, 6)] == 30 and a[(2025, 4)] == 10 and a[(2025, 2)] == 10  # aged; unborn = base age 0


# ---------------------------------------------------------------- 5. teachers: stock and flow
def test_teacher_stock_identity_and_old_answer():
    slow = project_teacher_qualification(340, 60, 2022, 2025, TeacherScenario("chậm", hires=15, upgrading=20))
    fast = project_teacher_qualification(340, 60, 2022, 2025, TeacherScenario("nhanh", hires=15, upgrading=45))
    assert slow["share_qualified"].iloc[-1] < 95 <= fast["share_qualified"].iloc[-1]
    assert slow["total"].iloc[1] == 400 - 12 + 15  # 10 of 340 and 2 of 60 retire (3%), 15 hired


@pytest.mark.parametrize("scenario, message", [
    (TeacherScenario("s", upgrading=90, retirement=20), r"upgrading \+ retirement \(required\)': found '90 \+ 20'"),
    (TeacherScenario("s", retirement=-3), r"retirement, qualified': found -3"),
    (TeacherScenario("s", hires=-5), r"hires': found -5"),
    (TeacherScenario("s", hires=2.5), r"whole number of teachers"),
    (TeacherScenario("s", hires_qualified=1.0), r"percent \(100, not 1.0\)"),
    (TeacherScenario("s", training_years=0), r"training_years"),
    (TeacherScenario("s", hires="need"), r"need= "),
])
def test_each_invalid_teacher_scenario_refused(scenario, message):
    with pytest.raises(DataError) as e:
        project_teacher_stock({"qualified": 100, "required": 20}, 2022, 2025, scenario)
    assert re.search(message, str(e.value)), str(e.value)


def test_negative_or_fractional_stock_refused():
    with pytest.raises(DataError, match="required': found -5"):
        project_teacher_stock({"qualified": 100, "required": -5}, 2022, 2025, TeacherScenario("s"))
    with pytest.raises(DataError, match="≥ exempt"):
        project_teacher_qualification(100, 10, 2022, 2025, TeacherScenario("s"), exempt=8, in_training=5)


def test_no_negative_stock_no_share_above_100_over_many_scenarios():
    rng = np.random.default_rng(21)
    for _ in range(200):
        up = float(rng.uniform(0, 60))
        s = TeacherScenario("r", hires=int(rng.integers(0, 30)), hires_qualified=float(rng.uniform(1.01, 100)),
                            upgrading=up, training_years=int(rng.integers(1, 4)),
                            retirement={"qualified": float(rng.uniform(0, 30)), "required": float(rng.uniform(0, 100 - up)),
                                        "in_training": float(rng.uniform(0, 10)), "exempt": float(rng.uniform(0, 100))})
        stock = {k: int(rng.integers(0, 50)) for k in ("qualified", "required", "exempt", "in_training", "upgraded")}
        if sum(stock.values()) == 0:
            continue
        out = project_teacher_stock(stock, 2020, 2030, s)
        assert (out[["qualified", "upgraded", "in_training", "required", "exempt", "below_other"]] >= 0).all().all()
        assert (out["share_qualified"].dropna().between(0, 100)).all() and (out["nd71_share"].dropna().between(0, 100)).all()
        assert (out["total"] == out[["qualified", "upgraded", "in_training", "required", "exempt", "below_other"]].sum(axis=1)).all()


def test_exempt_group_gone_by_2027_and_in_training_counts_for_the_decree():
    s = TeacherScenario("s", upgrading=50, training_years=3, retirement=0)
    out = project_teacher_stock({"qualified": 80, "required": 10, "exempt": 10}, 2022, 2028, s).set_index("year")
    assert out.loc[2023, "exempt"] == 8 and out.loc[2027, "exempt"] == 0  # 10 leave evenly over 2023-2027
    # 2023: 5 of 10 start a three-year course; nobody has finished, yet 5 of 10 count for the decree
    assert out.loc[2023, ["in_training", "upgraded", "nd71_share"]].tolist() == [5, 0, 50.0]
    assert out.loc[2026, "upgraded"] == 5 and out.loc[2026, "share_qualified"] < 100


def test_preschool_2025_answer_reports_decree_milestone_and_local_target_apart():
    s = TeacherScenario("kế hoạch", hires=15, upgrading=20, retirement=3, training_years=2)
    out = project_teacher_qualification(340, 60, 2022, 2025, s, exempt=15, in_training=5)
    o = qualification_outlook(out, local_target=95).iloc[0]
    # By hand, 2025: the 340 qualified lose 3% a year and gain 15 hires: 340 − 10 + 15 = 345, 345 − 10 + 15 = 350,
    # 350 − 11 + 15 = 354 (3% of 340, 345, 350 = 10,2, 10,35, 10,5 rounded half up). The exempt 15 leave evenly
    # by 2027: 12, 9, 6. Training takes two years: 13 upgraded, 11 in training, 18 still required by 2025.
    # Qualified 354 + 13 = 367; total 367 + 18 + 11 + 6 = 402; 367 / 402 = 91,29% → "91,3%"
    assert o["Tỷ lệ đạt chuẩn"] == "91,3%" and o["Đạt chỉ tiêu địa phương?"] == "chưa đạt"  # 367 / 402
    # the decree's group: 18 required + 11 in training + 13 upgraded = 42, of whom 13 + 11 = 24 done or in training
    assert o["NĐ 71/2020: đang học hoặc đã xong (số / nhóm phải nâng chuẩn)"] == "24 / 42"  # 13 done + 11 in training
    assert o["Mốc NĐ 71/2020 (Điều 4, đến 31/12/2025)"] == "ít nhất 60%" and o["Ngoài nhóm phải nâng chuẩn (Điều 2)"] == 6
    # without the exempt group and the training state the same stock reads differently
    plain = project_teacher_qualification(340, 60, 2022, 2025, TeacherScenario("x", hires=15, upgrading=20))
    # By hand (3% retire, rounded half up per state; 20% of those required start a one-year course):
    # original qualified 340 → 345 → 350 → 354 (as above); upgraded 12 (⌊0,2 × 60 + 0,5⌋) → 12 − 0 + 9 = 21 →
    # 21 − 1 + 7 = 27; required 60 − 2 − 12 = 46 → 46 − 1 − 9 = 36 → 36 − 1 − 7 = 28.
    # 2025: (354 + 27) / (354 + 27 + 28) = 381 / 409 = 93,15% → 93,2
    assert plain.set_index("year").loc[2025, ["qualified", "not_qualified", "total"]].tolist() == [381, 28, 409]
    assert round(float(plain["share_qualified"].iloc[-1]), 1) == 93.2


# ---------------------------------------------------------------- 6. need against supply, never netted
def test_shortage_never_netted_across_levels_or_communes():
    c = pd.DataFrame({"district": "D", "locality": ["X", "X", "Y"], "year": 2022,
                      "level": ["preschool", "primary", "primary"], "sessions": 2, "classes": [100, 100, 20]})
    t = pd.DataFrame({"district": "D", "locality": ["X", "X", "Y"], "year": 2022,
                      "level": ["preschool", "primary", "primary"], "teachers": [120, 180, 20]})
    g = T.teacher_surplus_shortage(c, t, by=["district", "year"], groups={"MN+TH": ["preschool", "primary"]},
                                   unit="locality").iloc[0]
    # preschool X: 220 needed, 120 → thiếu 100; primary X: 150, 180 → thừa 30; primary Y: 30, 20 → thiếu 10
    assert (g["shortage"], g["surplus"], g["status"]) == (110, 30, "thiếu và thừa") and np.isnan(g["gap"])
    p = T.teacher_surplus_shortage(c, t, by=["district", "year"], unit="locality").set_index("level")
    assert p.loc["primary", ["shortage", "surplus"]].tolist() == [10, 30]  # not "thừa 20"
    # without unit=: the communes both tables name are kept apart by default, never netted
    d = T.teacher_surplus_shortage(c, t, by=["district", "year"]).set_index("level")
    assert d.loc["primary", ["shortage", "surplus"]].tolist() == [10, 30]
    assert d.loc["primary", "basis"].startswith("theo từng locality, không bù trừ")
    # the district's pooled figure (primary: 150 + 30 = 180 needed, 180 + 20 = 200 in post: thừa 20, X's surplus
    # netted against Y's shortage) only when asked, and labelled as netted
    pooled = T.teacher_surplus_shortage(c, t, by=["district", "year"], pooled=True).set_index("level")
    assert pooled.loc["primary", ["shortage", "surplus"]].tolist() == [0, 20]
    assert "bù trừ" in pooled.loc["primary", "basis"] and "pooled" in pooled.loc["primary", "basis"]
    with pytest.raises(ValueError, match="pooled=True"):
        T.teacher_surplus_shortage(c, t, by=["district", "year"], pooled=True, unit="locality")


def test_need_vs_supply_year_by_year_with_district_totals_side_by_side():
    need = pd.DataFrame({"district": "D", "locality": ["X", "Y", "X", "Y"], "year": [2025, 2025, 2030, 2030],
                         "level": "primary", "teachers_needed": [50, 40, 55, 40]})
    sup = need.drop(columns="teachers_needed").assign(teachers=[40, 50, 40, 50])
    r = need_vs_supply(need, sup, area="district")
    assert r["by_area"][["year", "shortage", "surplus"]].to_dict("records") == [
        {"year": 2025, "shortage": 10, "surplus": 10}, {"year": 2030, "shortage": 15, "surplus": 10}]


def test_need_vs_supply_never_duplicates_supply():
    need = pd.DataFrame({"district": "D", "locality": ["X", "Y"], "year": 2025, "level": "primary",
                         "teachers_needed": [50, 40]})
    # 90 teachers held by the district: compared at the district, 90 needed (50 + 40) and 90 in post
    dist = pd.DataFrame({"district": "D", "year": 2025, "level": "primary", "teachers": [90]})
    r = need_vs_supply(need, dist, area="district")
    u = r["by_unit"].iloc[0]
    assert (u["teachers_needed"], u["teachers"], u["shortage"], u["surplus"]) == (90, 90, 0, 0)  # not thừa 90
    assert "compared at the district" in u["basis"] and len(r["by_unit"]) == 1
    # the same with a locality column left blank on the district's row
    blank = dist.assign(locality=[None])
    assert need_vs_supply(need, blank)["by_unit"][["shortage", "surplus"]].values.tolist() == [[0, 0]]
    # two supply rows per commune (split by qualification): summed per commune first. X: 30 + 20 = 50
    # against 50 → 0; Y: 25 + 20 = 45 against 40 → thừa 5. Cross-joined they would read thiếu 20 + 30 + 15 + 20.
    split = pd.DataFrame({"district": "D", "locality": ["X", "X", "Y", "Y"], "year": 2025, "level": "primary",
                          "qualification": ["standard", "below"] * 2, "teachers": [30, 20, 25, 20]})
    r = need_vs_supply(need, split, area="district")
    assert r["by_unit"][["locality", "teachers", "shortage", "surplus"]].values.tolist() == [["X", 50, 0, 0],
                                                                                        ["Y", 45, 0, 5]]
    assert r["by_area"][["shortage", "surplus"]].values.tolist() == [[0, 5]]
    # district and commune rows mixed in one supply table: refused, naming the row
    mixed = pd.concat([split, dist.assign(locality=[None])], ignore_index=True)
    with pytest.raises(DataError, match="row 6, column 'locality'"):
        need_vs_supply(need, mixed)


def test_need_from_projection_per_school_and_lower_bound():
    # year 2025 = school year 2024-2025, under Thông tư 20/2023 (read on 5/9/2024)
    proj = pd.DataFrame({"scenario": "s", "locality": "A", "year": 2025, "level": "primary", "grade": 1, "age": np.nan,
                         "enrolment": [83]})
    sch = pd.DataFrame({"locality": "A", "school": list("ABCD"), "region": 3, "level": "primary", "grade": 1,
                        "pupils": [36, 20, 15, 12], "sessions": 2})
    per = need_from_projection(proj, sch).iloc[0]
    lb = need_from_projection(proj).iloc[0]
    # classes to open: 2 + 1 + 1 + 1 = 5. Teachers (TT 20/2023, region 3: 35 a class, one teacher per 17 pupils
    # left over, pro rata, rounded up once per school): A ⌊36/35⌋ = 1 × 1,5 + 1/17 = 1,56 → 2; B 20/17 = 1,18 → 2;
    # C 15/17 = 0,88 → 1; D 12/17 = 0,71 → 1: 6
    assert (per["classes"], per["teachers_needed"]) == (5, 6)
    # read in whole multiples (the literal alternative): A 1,5 + ⌊1/17⌋ → 2; B ⌊20/17⌋ = 1; C 0; D 0: 3
    assert need_from_projection(proj, sch, leftover="whole").iloc[0]["teachers_needed"] == 3
    # 2024 = school year 2023-2024, read on 5/9/2023: TT 16/2017, no leftover rule: A 2 × 1,5 = 3; B, C, D
    # 1 × 1,5 → 2 each: 9
    assert need_from_projection(proj.assign(year=2024), sch).iloc[0]["teachers_needed"] == 9
    # on the locality's total: ⌈83/35⌉ = 3 classes (a lower bound); teachers ⌊83/35⌋ = 2 × 1,5 + 13/17 = 3,76 → 4
    assert (lb["classes"], lb["teachers_needed"]) == (3, 4) and lb["basis"].startswith("cận dưới")


def test_a_small_school_that_opens_a_class_gets_a_teacher():
    # a region-3 primary school with 15 pupils: one class; pro rata 15/17 = 0,88 → 1 teacher
    s = pd.DataFrame({"school": "C", "region": 3, "level": "primary", "grade": 1, "pupils": [15], "sessions": 2})
    r = T.teachers_needed_per_school(s, "2024-09-05").iloc[0]
    assert (r["classes"], r["teachers_needed"], r["leftover_reading"], r["note"]) == (1, 1, "pro-rata", "")
    assert "15 / 17 = 0,88" in r["calculation"]
    # every size from 1 to 16 pupils: one class and one teacher (k/17 ≤ 16/17 < 1 → 1)
    many = pd.DataFrame({"school": [f"S{p}" for p in range(1, 17)], "region": 3, "level": "primary", "grade": 1,
                         "pupils": range(1, 17), "sessions": 2})
    out = T.teachers_needed_per_school(many, "2024-09-05")
    assert out["classes"].tolist() == [1] * 16 and out["teachers_needed"].tolist() == [1] * 16
    # the literal reading gives 0 teachers, and says so in the note
    w = T.teachers_needed_per_school(s, "2024-09-05", leftover="whole").iloc[0]
    assert (w["teachers_needed"], w["leftover_reading"]) == (0, "whole")
    assert w["note"].startswith("0 giáo viên cho 15 học sinh") and "'whole'" in w["note"]
    # 17 pupils: 17/17 = 1 either way
    assert T.teachers_needed_per_school(s.assign(pupils=17), "2024-09-05", leftover="whole")["teachers_needed"].item() == 1


def test_hiring_to_need_closes_the_gap_up_to_a_cap():
    need = {2023: 120, 2024: 130}
    out = project_teacher_stock({"qualified": 100}, 2022, 2024, TeacherScenario("fill", hires="need", max_hires=15,
                                                                                retirement=0), need=need).set_index("year")
    assert out.loc[2023, ["hires", "total", "shortage"]].tolist() == [15, 115, 5]
    assert out.loc[2024, ["hires", "total", "shortage", "surplus"]].tolist() == [15, 130, 0, 0]


def test_planning_section_shows_district_totals_unnetted():
    t = es.load_targets()
    plan = planning_section(t[t["source"].str.startswith("002")])
    assert plan["title"] == "Cần bao nhiêu lớp, giáo viên đến 2025/2030"
    tab = next(v for k, v in plan["tables"].items() if "không bù trừ" in k).set_index("Cấp học")
    # commune by commune (example data): preschool 169 short and 96 spare, never shown as "thiếu 73"
    assert tab.loc["Mầm non", ["Tổng thiếu", "Tổng thừa"]].tolist() == ["169", "96"]
    lac_son = planning_section(t[t["source"].str.startswith("000")])
    first = next(iter(lac_son["tables"].values()))
    assert {"Chỉ tiêu địa phương (nghị quyết)", "Mốc NĐ 71/2020 (Điều 4, đến 31/12/2025)"} <= set(first.columns)
    assert lac_son["figure"] is not None


def test_nd71_article_2_boundaries_month_by_month():
    r = pd.DataFrame({"level": ["preschool"] * 3 + ["primary"] * 6 + ["lower-secondary"] * 2,
                      "degree": ["trung cấp"] * 3 + ["trung cấp"] * 3 + ["cao đẳng"] * 3 + ["cao đẳng"] * 2,
                      "months_left_2020": [83, 84, 85, 95, 96, 97, 83, 84, 85, 83, 84]})
    assert T.nd71_status(r)["nd71"].tolist() == ["exempt", "required", "required",   # 84 months: Điều 2.1
                                                  "exempt", "required", "required",   # trung cấp: 96 (Điều 2.2)
                                                  "exempt", "required", "required",   # cao đẳng: 84 (Điều 2.2)
                                                  "exempt", "required"]               # THCS: 84 (Điều 2.3)
    assert T.nd71_status(pd.DataFrame({"level": ["preschool"], "degree": ["cao đẳng"], "months_left_2020": [0]}))[
        "nd71"].item() == "qualified"
    with pytest.raises(DataError, match="column 'level': found 'upper-secondary'"):
        T.nd71_status(pd.DataFrame({"level": ["upper-secondary"], "degree": ["cao đẳng"], "months_left_2020": [100]}))


def test_primary_exempt_group_stays_until_2028():
    s = TeacherScenario("s", retirement=0)
    p = project_teacher_stock({"qualified": 10, "exempt": 12}, 2022, 2028, s, level="primary").set_index("year")
    assert p.loc[2027, "exempt"] == 2 and p.loc[2028, "exempt"] == 0  # 12 over 2023-2028: 2 a year
    assert project_teacher_stock({"qualified": 10, "exempt": 12}, 2022, 2028, s, level="primary",
                                 exempt_until=2027).set_index("year").loc[2027, "exempt"] == 0


def test_teacher_balance_year_by_year_per_commune_never_netted():
    from edustats.scenarios import teacher_balance
    need = pd.DataFrame({"district": "D", "locality": ["X", "X", "Y", "Y"], "year": [2024, 2025] * 2,
                         "level": "preschool", "teachers_needed": [30, 34, 20, 20]})
    stocks = pd.DataFrame({"district": "D", "locality": ["X", "Y"], "level": "preschool", "qualified": [28, 25]})
    r = teacher_balance(need, stocks, TeacherScenario("giữ", hires=2, retirement=0), area="district")
    u = r["by_unit"].set_index(["locality", "year"])
    assert u.loc[("X", 2025), ["teachers_needed", "teachers", "shortage"]].tolist() == [34, 30, 4]  # 28 + 2 hired
    assert r["by_area"][["year", "shortage", "surplus"]].to_dict("records") == [
        {"year": 2024, "shortage": 2, "surplus": 5}, {"year": 2025, "shortage": 4, "surplus": 7}]  # not "thừa 3"
    with pytest.raises(DataError, match="need lacks years"):
        project_teacher_stock({"qualified": 10}, 2022, 2024, TeacherScenario("n", hires="need"), need={2023: 12})


def test_english_planning_section_keeps_the_two_measures_apart():
    t = es.load_targets()
    plan = planning_section(t[t["source"].str.startswith("000")], lang="en")
    tab = next(iter(plan["tables"].values()))
    assert plan["title"] == "How many classes and teachers by 2025/2030"
    assert {"Local target (resolution)", "Decree 71/2020 milestone (Art. 4, by 31/12/2025)"} <= set(tab.columns)
    assert tab["Local target met?"].tolist() == ["not met", "not met"]


# ---------------------------------------------------------------- 7. the circulars' texts, quoted and coded
def _one(level, pupils, region, date, sessions=2, **kw):
    s = pd.DataFrame({"school": "A", "region": region, "level": level, "grade": {"primary": 1, "lower-secondary": 6,
                      "upper-secondary": 10}[level], "pupils": [pupils], "sessions": sessions})
    return T.teachers_needed_per_school(s, date, **kw).iloc[0]


def test_tt20_leftover_pupils_below_at_above_each_threshold():
    # primary, region 1: 25 a class (Điều 3 khoản 2), one more teacher per 12 left over (Điều 7). Whole multiples:
    W = dict(leftover="whole")
    got = {p: _one("primary", p, 1, "2024-01-01", **W)["teachers_needed"] for p in (1011, 1012, 1023, 1024, 1025)}
    assert got == {1011: 60,   # 40 × 1,5 + ⌊11/12⌋ = 0
                   1012: 61,   # 12 left: + 1
                   1023: 61,   # 23 left: ⌊23/12⌋ = 1
                   1024: 62,   # 24 left: 2
                   1025: 62}   # 41 classes × 1,5 = 61,5 → 62, nothing left
    # pro rata (default): 60 + 11/12 = 60,92 → 61; 61; 60 + 23/12 = 61,92 → 62; 62; 61,5 → 62
    assert {p: _one("primary", p, 1, "2024-01-01")["teachers_needed"] for p in (1011, 1012, 1023, 1024, 1025)} == {
        1011: 61, 1012: 61, 1023: 62, 1024: 62, 1025: 62}
    # where the two readings differ most: 1.000 pupils + 1 left: 60 + 1/12 → 61 pro rata, 60 whole
    assert [_one("primary", 1001, 1, "2024-01-01", leftover=r)["teachers_needed"] for r in ("pro-rata", "whole")] == [61, 60]
    # primary, regions 2 and 3: 30/15 and 35/17 (whole multiples at the thresholds)
    assert [_one("primary", p, 2, "2024-01-01", **W)["teachers_needed"] for p in (314, 315)] == [15, 16]  # 10 × 1,5 + 0 / 1
    assert [_one("primary", p, 3, "2024-01-01", **W)["teachers_needed"] for p in (366, 367)] == [15, 16]  # ⌊16/17⌋ = 0, 1
    # lower secondary, region 1: 35 a class, one per 17 (Điều 12 khoản 1 điểm c): 10 × 1,9 + ⌊16/17⌋, ⌊17/17⌋
    assert [_one("lower-secondary", p, 1, "2024-01-01", **W)["teachers_needed"] for p in (366, 367)] == [19, 20]
    # pro rata: 19 + 16/17 = 19,94 → 20
    assert _one("lower-secondary", 366, 1, "2024-01-01")["teachers_needed"] == 20
    # upper secondary, regions 1/2/3: one per 17/20/22 (Điều 17 khoản 1 điểm d)
    assert [_one("upper-secondary", p, 1, "2024-01-01", **W)["teachers_needed"] for p in (366, 367)] == [23, 24]  # 22,5 (+1)
    assert [_one("upper-secondary", p, 2, "2024-01-01", **W)["teachers_needed"] for p in (819, 820, 821)] == [45, 46, 46]
    assert [_one("upper-secondary", p, 3, "2024-01-01", **W)["teachers_needed"] for p in (471, 472)] == [23, 24]  # 22,5 (+1)
    assert T.pupils_per_extra_teacher("primary", 1, "2023-12-15") is None  # TT 16/2017 had no such rule


def test_remainder_is_the_schools_not_each_session_groups():
    # 150 region-1 primary pupils, 60 one-session + 90 two-session: the school's 150 / 25 = 6 classes, nothing
    # left (split by sessions it would be 60 = 2 × 25 + 10 and 90 = 3 × 25 + 15, two remainders and an extra
    # teacher: 2,4 + 4,5 + ⌊15/12⌋ = 7,9 → 8). Six classes at the norm averaged over the pupils:
    # (60 × 1,2 + 90 × 1,5) / 150 = 1,38; 6 × 1,38 = 8,28 → 9
    s = pd.DataFrame({"school": "A", "region": 1, "level": "primary", "grade": [1, 2], "pupils": [60, 90],
                      "sessions": [1, 2]})
    for reading in ("pro-rata", "whole"):
        r = T.teachers_needed_per_school(s, "2024-09-05", leftover=reading).iloc[0]
        assert (round(r["norm_teachers"], 2), r["teachers_needed"]) == (8.28, 9)
        assert "⌊150 / 25⌋ = 6 lớp × 1,38" in r["calculation"] and "(60 × 1,20 + 90 × 1,50) / 150" in r["calculation"]


def test_old_and_new_norms_either_side_of_16_december_2023():
    old, new = _one("primary", 1012, 1, "2023-12-15"), _one("primary", 1012, 1, "2023-12-16")
    assert (old["classes"], old["teachers_needed"]) == (29, 44)  # ⌈1.012/35⌉ = 29 classes × 1,5 = 43,5 → 44
    assert (new["classes"], new["teachers_needed"]) == (41, 61)  # classes to open ⌈1.012/25⌉ = 41; norm 40 × 1,5 + 1
    assert new["calculation"] == "⌊1.012 / 25⌋ = 40 lớp × 1,50 + 12 / 12 = 1,00 = 61 (tối đa)"
    # a class size the province set for a special school (Điều 3 khoản 4) replaces the regional average
    s = pd.DataFrame({"school": "A", "region": 1, "level": "primary", "grade": 1, "pupils": [40], "sessions": 2,
                      "pupils_per_class": [20]})
    assert T.teachers_needed_per_school(s, "2024-01-01")["teachers_needed"].item() == 3  # 2 × 1,5
    with pytest.raises(DataError, match="column 'pupils_per_class': found 0"):
        T.teachers_needed_per_school(s.assign(pupils_per_class=0), "2024-01-01")
    with pytest.raises(ValueError, match="leftover='half'"):
        T.teachers_needed_per_school(s, "2024-01-01", leftover="half")


def test_years_are_school_years_read_on_5_september_of_their_first_year():
    # year Y = school year (Y−1)-Y, its norms those in force on 5/9/(Y−1)
    assert [T.norms_regime(y) for y in (2022, 2023, 2024, 2025, 2026)] == ["2017", "2017", "2017", "2023", "2023"]
    # ten one-session kindergarten classes: 10 × 1,2 = 12 under TTLT 06/2015 (2022, and 2024 = 2023-2024, which
    # began before 16/12/2023); 10 × 2,2 = 22 under TT 19/2023 (2025 = 2024-2025). No date given: each row's year.
    k = pd.DataFrame({"locality": "A", "year": [2022, 2024, 2025], "level": "kindergarten", "sessions": 1, "classes": 10})
    r = T.teachers_required(k)
    assert r["teachers_required"].tolist() == [12.0, 12.0, 22.0]
    assert r["norm"].tolist() == ["TT 16/2017, TTLT 06/2015 (tối đa / maxima)"] * 2 + ["TT 20/2023, TT 19/2023 (tối đa / maxima)"]
    # the same through the balance: 12 in post in 2022 are enough, in 2025 they lack 10
    t = k.drop(columns=["sessions", "classes"]).assign(teachers=12)
    b = T.teacher_surplus_shortage(k, t)
    assert b["shortage"].tolist() == [0.0, 0.0, 10.0]
    # a given date still overrides the rows' years
    assert T.teachers_required(k, date="2024-01-01")["teachers_required"].tolist() == [22.0, 22.0, 22.0]
    # with no year and no date, which norms apply cannot be known: refused
    with pytest.raises(DataError, match="column 'year'"):
        T.teachers_required(k.drop(columns="year"), by=["locality"])


def test_years_given_as_floats_are_years_not_timestamps():
    # 2025.0 is the school year 2024-2025 (new norms), not 2.025 nanoseconds after 1970
    assert T.norms_regime(2025.0) == "2023" and T.norms_regime(np.float64(2024.0)) == "2017"
    r = T.teachers_by_norm(1000, "primary", 1, 2, date=2025.0)
    assert (r["norm_classes"], r["norm_teachers"]) == (40, 60.0)  # 1.000 / 25 = 40 × 1,5; not 29 / 43,5
    for bad in (2025.5, "2025", True, "not a date"):
        with pytest.raises(DataError, match="invalid date"):
            T.norms_regime(bad)


def _pre(rows, date, **kw):
    s = pd.DataFrame(rows)
    s = s.assign(region=3, sessions=s["sessions"] if "sessions" in s else 2)
    return T.teachers_needed_per_school(s, date, **kw)


def test_tt19_children_left_over_and_a_lone_short_group():
    # 3-12 months (age 0): groups of 15 at 2,5, one more teacher per 6 left over (Điều 5 khoản 1 điểm a, c)
    r = _pre({"school": ["A", "B", "C"], "level": "nursery", "grade": 0, "pupils": [20, 21, 27]}, "2023-12-16")
    assert r["teachers_needed"].tolist() == [4, 4, 5]  # 2,5 + 5/6 = 3,33 → 4; 2,5 + 6/6 → 4; 2,5 + 12/6 = 4,5 → 5
    w = _pre({"school": ["A", "B", "C"], "level": "nursery", "grade": 0, "pupils": [20, 21, 27]}, "2023-12-16",
             leftover="whole")
    assert w["teachers_needed"].tolist() == [3, 4, 5]  # 2,5 + ⌊5/6⌋ → 3; 2,5 + 1 → 4; 2,5 + 2 → 5
    # 4-5 years (age 4): classes of 30 at 2,2, one per 14 left over: 43 → 2,2 + ⌊13/14⌋ = 2,2 → 3; 44 → 3,2 → 4
    r = _pre({"school": ["A", "B"], "level": "kindergarten", "grade": 4, "pupils": [43, 44]}, "2024-01-01",
             leftover="whole")
    assert r["teachers_needed"].tolist() == [3, 4]
    # pro rata: 2,2 + 13/14 = 3,13 → 4 (and 44: 4)
    assert _pre({"school": ["A"], "level": "kindergarten", "grade": 4, "pupils": [43]}, "2024-01-01")[
        "teachers_needed"].tolist() == [4]
    # 5-6 years (age 5): classes of 35 at 2,2, one per 16 left over: 50 → 2,2 + 15/16 = 3,14 → 4; 51 → 3,2 → 4
    r = _pre({"school": ["A", "B"], "level": "kindergarten", "grade": 5, "pupils": [50, 51]}, "2024-01-01")
    assert r["teachers_needed"].tolist() == [4, 4]
    # a school with only one group, short of children: 2,0 (điểm đ); at the group size it is a group (2,5 → 3)
    r = _pre({"school": ["A", "B"], "level": "nursery", "grade": 2, "pupils": [10, 25]}, "2024-01-01")
    assert r["teachers_needed"].tolist() == [2, 3]
    assert "duy nhất" in r["calculation"].iloc[0]
    # a lone group of 14 infants: 2,0 (the clause's own figure, below 14/6 = 2,33)
    assert _pre({"school": "A", "level": "nursery", "grade": [0], "pupils": [14]}, "2024-01-01")[
        "norm_teachers"].item() == 2.0
    # two short age groups in one school are not "only one group": each counts per child. At exact multiples
    # (6/6 + 16/8 = 3) both readings agree; off them they differ
    assert _pre({"school": "A", "level": "nursery", "grade": [0, 1], "pupils": [6, 16]}, "2024-01-01")[
        "teachers_needed"].item() == 3
    both = {"school": "A", "level": "nursery", "grade": [0, 1], "pupils": [5, 10]}
    assert _pre(both, "2024-01-01")["teachers_needed"].item() == 3  # 5/6 + 10/8 = 2,08 → 3
    assert _pre(both, "2024-01-01", leftover="whole")["teachers_needed"].item() == 1  # ⌊5/6⌋ + ⌊10/8⌋ = 0 + 1
    # 5 infants and 10 five-year-olds in one school: 5/6 + 10/16 = 1,46 → 2 (one preschool staff, rounded once);
    # in whole multiples 0 + 0 = 0, and the note says so
    mix = {"school": "A", "level": ["nursery", "kindergarten"], "grade": [0, 5], "pupils": [5, 10]}
    r = _pre(mix, "2024-01-01").iloc[0]
    assert (r["level"], round(r["norm_teachers"], 2), r["teachers_needed"]) == ("preschool", 1.46, 2)
    w = _pre(mix, "2024-01-01", leftover="whole").iloc[0]
    assert w["teachers_needed"] == 0 and w["note"].startswith("0 giáo viên cho 15 học sinh")


def test_lone_group_rule_applies_per_school_location():
    # one school, two sites (điểm trường), each with a single short group: 2,0 at each site (điểm đ) = 4
    rows = {"school": "A", "site": ["X", "Y"], "level": ["nursery", "kindergarten"], "grade": [2, 5], "pupils": [10, 20]}
    r = _pre(rows, "2024-01-01").iloc[0]
    assert (r["norm_teachers"], r["teachers_needed"]) == (4.0, 4)
    # without the site column the school has two groups, not one: per child, 10/10 + 20/16 = 2,25 → 3
    no_site = {k: v for k, v in rows.items() if k != "site"}
    assert _pre(no_site, "2024-01-01")["teachers_needed"].item() == 3
    # an age listed with no children opens no group: the site still has only one group, 2,0
    empty_age = {"school": "A", "level": "nursery", "grade": [1, 2], "pupils": [0, 10]}
    assert _pre(empty_age, "2024-01-01")["norm_teachers"].item() == 2.0
    # the same age at two sites is two rows, not a duplicate
    two = {"school": "A", "site": ["X", "Y"], "level": "nursery", "grade": [2, 2], "pupils": [10, 12]}
    assert _pre(two, "2024-01-01")["norm_teachers"].item() == 4.0


def test_ttlt_06_2015_per_child_before_16_december_2023():
    rows = {"school": ["A", "B", "C", "D"], "level": ["nursery", "kindergarten", "kindergarten", "kindergarten"],
            "grade": [2, 3, 3, 3], "pupils": [10, 11, 21, 22], "sessions": [2, 2, 1, 1]}
    # TTLT 06/2015 Điều 3's group maxima (25 for 25-36 months and for 3-4 years) tell that these sites cannot
    # form a group, so the user's short_of_children flag is no longer needed (Điều 5 khoản 3 điểm b): one
    # teacher per 10 (25-36 months), 11 (3-4 years, two sessions), 21 (one session): 10/10 = 1; 11/11 = 1;
    # 21/21 = 1; 22/21 = 1,05 → 2
    assert _pre(rows, "2023-12-15")["teachers_needed"].tolist() == [1, 1, 1, 2]
    assert _pre({**rows, "short_of_children": True}, "2023-12-15")["teachers_needed"].tolist() == [1, 1, 1, 2]
    # the same children a day later, under TT 19/2023: a lone short group or class gets 2,0
    assert _pre(rows, "2023-12-16")["teachers_needed"].tolist() == [2, 2, 2, 2]
    # 10 five-year-olds in a one-session class before 16/12/2023: 10/29 = 0,34 → 1
    assert _pre({"school": "A", "level": "kindergarten", "grade": [5], "pupils": [10], "sessions": [1]},
                "2023-12-15")["teachers_needed"].item() == 1
    # a full class and children left over: 40 five-year-olds, two sessions: 2,2 + 5/16 = 2,51 → 3; one session:
    # 1,2 + 5/29 = 1,37 → 2 (the old code gave ⌈40/35⌉ = 2 classes: 4,4 → 5 and 2,4 → 3)
    full = {"school": ["A", "B"], "level": "kindergarten", "grade": 5, "pupils": [40, 40], "sessions": [2, 1]}
    assert _pre(full, "2023-12-15")["teachers_needed"].tolist() == [3, 2]
    with pytest.raises(DataError, match="column 'grade': found 4"):
        _pre({"school": "A", "level": "nursery", "grade": [4], "pupils": [5]}, "2024-01-01")


def _has_number(quote: str, v: float) -> bool:
    forms = {f"{v:.2f}", f"{v:.1f}", f"{v:g}", f"0{v:g}"}  # "08 trẻ" is written with a leading zero
    forms |= {f.replace(".", ",") for f in forms}
    return any(re.search(rf"(?<![\d,.]){re.escape(f)}(?![\d])", quote) for f in forms)


# Every norm cell, typed here by hand from the quotes (teacher_norms.csv etc.), so a wrong cell fails.
# Teachers per class: (regime, level, sessions, school type) → value.
_NU = {}
for _ss in (1, 2):
    _NU.update({("2017", "nursery", _ss, "regular"): 2.5,             # TTLT 06/2015 Đ5.3a "Tối đa 2,5 giáo viên/nhóm trẻ"
                ("2017", "primary", _ss, "semi-boarding"): 1.5,       # TT 16/2017 Đ6.3b "bán trú cấp tiểu học … 1,5"
                ("2017", "primary", _ss, "disabled"): 1.5,            # ibid. "người khuyết tật cấp tiểu học … 1,5"
                ("2023", "nursery", _ss, "regular"): 2.5,             # TT 19/2023 Đ5.1a "tối đa 2,5 giáo viên/nhóm trẻ"
                ("2023", "kindergarten", _ss, "regular"): 2.2})       # TT 19/2023 Đ5.1b "tối đa 2,2 giáo viên/lớp"
    for _rg in ("2017", "2023"):
        _NU.update({(_rg, "lower-secondary", _ss, "regular"): 1.9,    # TT 16 Đ7 / TT 20 Đ12.1a "tối đa 1,9"
                    (_rg, "lower-secondary", _ss, "ethnic-boarding"): 2.2,  # "nội trú … tối đa 2,2(0)"
                    (_rg, "lower-secondary", _ss, "semi-boarding"): 2.2,    # "bán trú … THCS … 2,2(0)"
                    (_rg, "lower-secondary", _ss, "disabled"): 2.2,         # "người khuyết tật cấp THCS … 2,2(0)"
                    (_rg, "upper-secondary", _ss, "regular"): 2.25,         # TT 16 Đ8.3a / TT 20 Đ17.1a "2,25" / "2.25"
                    (_rg, "upper-secondary", _ss, "ethnic-boarding"): 2.4,  # "nội trú tỉnh … 2,40" / "2.4"
                    (_rg, "upper-secondary", _ss, "specialised"): 3.1})     # "chuyên … 3,10" / "3.1"
_NU.update({("2017", "kindergarten", 2, "regular"): 2.2, ("2017", "kindergarten", 1, "regular"): 1.2,  # TTLT Đ5.3a
            ("2017", "primary", 2, "regular"): 1.5, ("2017", "primary", 1, "regular"): 1.2,            # TT 16 Đ6.3
            ("2023", "primary", 2, "regular"): 1.5, ("2023", "primary", 1, "regular"): 1.2})           # TT 20 Đ7.1a
# Pupils per class: charters' maxima until 15/12/2023; TT 20/2023 Đ3.2 regional averages; TT 19 Đ5.1 largest group.
_BASIS = {**{("2017", lv, r): v for lv, v in (("primary", 35), ("lower-secondary", 45), ("upper-secondary", 45),
                                             ("nursery", 25), ("kindergarten", 35)) for r in (1, 2, 3)},
          **{("2023", "primary", r): v for r, v in ((1, 25), (2, 30), (3, 35))},
          **{("2023", lv, r): v for lv in ("lower-secondary", "upper-secondary") for r, v in ((1, 35), (2, 40), (3, 45))},
          **{("2023", lv, r): v for lv, v in (("nursery", 25), ("kindergarten", 35)) for r in (1, 2, 3)}}
# Pupils left over per extra teacher, TT 20/2023 Đ7.1, Đ12.1c, Đ17.1d: "12/15/17", "17/20/22".
_LEFT = {**{("primary", r): v for r, v in ((1, 12), (2, 15), (3, 17))},
         **{(lv, r): v for lv in ("lower-secondary", "upper-secondary") for r, v in ((1, 17), (2, 20), (3, 22))}}
# Preschool by age 0-5: (group max, children per teacher two sessions, one session). TT 19/2023 Đ5.1a-c; TTLT
# 06/2015 Đ3 (maxima) and Đ5.3b ("6 … 8 … 10", "11 … 14 … 16", "21 … 25 … 29").
_CHILD = {"2023": {0: (15, 6, None), 1: (20, 8, None), 2: (25, 10, None), 3: (25, 11, 11), 4: (30, 14, 14),
                   5: (35, 16, 16)},
          "2017": {0: (15, 6, None), 1: (20, 8, None), 2: (25, 10, None), 3: (25, 11, 21), 4: (30, 14, 25),
                   5: (35, 16, 29)}}


def test_every_norm_cell_matches_the_value_typed_from_its_quote():
    n = T.teacher_norms_table()
    got = {(r.regime, r.level, int(r.sessions), r.school_type): float(r.teachers_per_class) for r in n.itertuples()}
    assert len(got) == len(n) and got == _NU
    b = T.class_size_basis_table()
    assert {(r.regime, r.level, int(r.region)): int(r.pupils_per_class) for r in b.itertuples()} == _BASIS
    lft = T.leftover_pupil_norms_table()
    assert set(lft["regime"]) == {"2023"}
    assert {(r.level, int(r.region)): int(r.pupils_per_extra_teacher) for r in lft.itertuples()} == _LEFT
    p = T.preschool_child_norms_table()
    got = {}
    for r in p.itertuples():
        one = None if pd.isna(r.children_per_teacher_1s) else int(r.children_per_teacher_1s)
        got.setdefault(r.regime, {})[int(r.age)] = (int(r.group_max), int(r.children_per_teacher_2s), one)
    assert got == _CHILD
    # and the code reads the cells it should: a few through the public functions
    assert T.teacher_norm("kindergarten", 1, date="2023-12-15") == 1.2 and T.teacher_norm("kindergarten", 1, date="2023-12-16") == 2.2
    assert T.pupils_per_extra_teacher("lower-secondary", 2, "2024-01-01") == 20
    assert T.class_size_basis("upper-secondary", 2, "2024-01-01") == 40


def test_charter_schools_and_empty_sites_are_not_given_the_leftover_rule():
    # an ethnic boarding (nội trú) lower-secondary school of 30 pupils: its charter sets the class size (TT 20/2023
    # Điều 3 khoản 2 điểm d), so it keeps the class it opens at 2,20: ⌈30/35⌉ = 1 × 2,2 → 3, not ⌊30/35⌋ = 0
    s = pd.DataFrame({"school": "A", "region": 1, "level": "lower-secondary", "grade": 6, "pupils": [30], "sessions": 1,
                      "school_type": "ethnic-boarding"})
    assert T.teachers_needed_per_school(s, "2024-01-01")["teachers_needed"].item() == 3
    # a semi-boarding (bán trú) school is not exempt: the regional average 35 and the leftover rule, at its own 2,2:
    # ⌊30/35⌋ = 0 + 30/17 = 1,76 → 2; with 70 pupils 2 × 2,2 = 4,4 → 5 (a regular school: 2 × 1,9 = 3,8 → 4)
    semi = s.assign(school_type="semi-boarding")
    assert T.teachers_needed_per_school(semi, "2024-01-01")["teachers_needed"].item() == 2
    assert T.teachers_needed_per_school(semi.assign(pupils=70), "2024-01-01")["teachers_needed"].item() == 5
    assert T.teachers_needed_per_school(semi.assign(pupils=70, school_type="regular"), "2024-01-01")[
        "teachers_needed"].item() == 4
    # a school for the disabled: likewise 2,2 on the regional average (Điều 12 khoản 1 điểm b)
    assert T.teachers_needed_per_school(semi.assign(pupils=70, school_type="disabled"), "2024-01-01")[
        "teachers_needed"].item() == 5
    # a primary semi-boarding school before 16/12/2023: 1,5 a class whatever its sessions (TT 16/2017 Điều 6)
    assert T.teacher_norm("primary", 1, "semi-boarding", date="2022-09-05") == 1.5
    with pytest.raises(DataError, match="nearest: 'semi-boarding'"):
        T.teachers_needed_per_school(s.assign(school_type="semi boarding"), "2024-01-01")
    # a preschool site with no children of the only age it lists is not "one short group": 0, not 2,0
    z = pd.DataFrame({"school": "A", "region": 3, "level": "nursery", "grade": 1, "pupils": [0], "sessions": 2})
    assert T.teachers_needed_per_school(z, "2024-01-01")["teachers_needed"].item() == 0


def test_text_numbers_fractional_sessions_and_spreadsheet_rows_refused():
    s = pd.DataFrame({"school": ["A", "B"], "region": 1, "level": "primary", "grade": 1, "pupils": [20, 30],
                      "sessions": [2, 1.5]})
    with pytest.raises(DataError, match=r"row 3, column 'sessions': found 1.5"):
        T.teachers_needed_per_school(s, "2024-01-01")
    with pytest.raises(DataError, match=r"row 2, column 'region': found '1'; expected một số, không phải chữ"):
        T.classes_per_school(s.assign(region=["1", 1], sessions=2), "2024-01-01")
    with pytest.raises(DataError, match=r"row 3, column 'pupils': found '30'"):
        T.classes_per_school(s.assign(pupils=[20, "30"], sessions=2), "2024-01-01")
    with pytest.raises(DataError, match=r"row 2, column 'pupils': found -1"):  # check_table's rows, same convention
        T.classes_per_school(s.assign(pupils=[-1, 30], sessions=2), "2024-01-01")
    c = pd.DataFrame({"locality": "A", "year": 2025, "level": ["primary", "primary"], "sessions": [2, 1.5],
                      "classes": [10, 10]})
    with pytest.raises(DataError, match=r"row 3, column 'sessions': found 1.5"):
        T.teachers_required(c)
    with pytest.raises(DataError, match=r"row 2, column 'level': found 'primry'"):
        T.teachers_required(c.assign(level=["primry", "primary"], sessions=2))
    with pytest.raises(DataError, match="invalid sessions"):
        T.teachers_by_norm(100, "primary", 1, 1.5, date="2024-01-01")
    # the same convention in every teacher table: the first data row is row 2
    q = pd.DataFrame({"locality": "A", "year": 2022, "level": "preschool", "degree": ["tiến sỹ", "cao đẳng"],
                      "teachers": [1, 2]})
    with pytest.raises(DataError, match=r"row 2, column 'degree': found 'tiến sỹ'"):
        T.qualified_teacher_share(q, "preschool")
    with pytest.raises(DataError, match=r"row 3, column 'level': found 'upper-secondary'"):
        T.nd71_status(pd.DataFrame({"level": ["preschool", "upper-secondary"], "degree": "trung cấp",
                                    "months_left_2020": [90, 90]}))
    t = pd.DataFrame({"locality": "A", "year": 2025, "level": "primary", "teachers": [-4]})
    with pytest.raises(DataError, match=r"row 2, column 'teachers': found -4"):
        T.teacher_surplus_shortage(c.assign(sessions=2), t)


