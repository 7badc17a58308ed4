"""Assessment: verdicts on series with known trends, the standard rules, bad input, the CLI."""
import numpy as np
import pandas as pd
import pytest

import edustats as es

from edustats.assess import assess, assess_series, met_threshold, probability_text, required_path, verdict_notes
from edustats.cli import main
from edustats.errors import DataError
from edustats.progress_rules import (escap_progress, rule_workings, statcan_aggregate, statcan_progress,
                                     statcan_score, unsd_progress)
from edustats.projection import fit_logit, pad_series

YEARS = list(range(2018, 2023))


def one(values, target=22.5, comparator=">=", unit="percent", due=2025, years=YEARS, model="auto", **counts):
    obs = pd.DataFrame({"series": "s", "year": years, "value": values, **counts})
    spec = pd.DataFrame({"series": ["s"], "comparator": [comparator], "target": [target], "due_year": [due],
                         "unit": [unit]})
    return assess_series(obs, spec, model=model).iloc[0]


def one_noted(values, **kw):
    """:func:`one` with the verdict's sentence (:func:`verdict_notes`) as its ``note``, as people are shown it."""
    obs = pd.DataFrame({"series": "s", "year": kw.pop("years", YEARS), "value": values})
    spec = pd.DataFrame({"series": ["s"], "comparator": [kw.pop("comparator", ">=")], "target": [kw.pop("target", 22.5)],
                         "due_year": [kw.pop("due", 2025)], "unit": [kw.pop("unit", "percent")]})
    r = assess_series(obs, spec, **kw)
    assert r["note"].iloc[0] == ""          # assess_series keeps numbers; the sentence is built on demand
    r["note"] = verdict_notes(r)
    return r.iloc[0]


def test_rising_two_points_a_year_keeps_part_of_the_trend():
    # already at 22,9% (published threshold 22,45%): the default keeps part of the trend, and its band is
    # learned from real errors (wide: persistent changes, breaks), so "probable", not certainty
    r = one([15, 17.1, 18.9, 21.2, 22.9])
    assert r["model"] == "damped" and r["verdict"] == "probable" and 0.6 <= r["prob_met"] < 0.9
    assert 22.9 < r["projected"] < 22.9 + 3 * 1.975          # damped: between no trend and the full trend
    assert r["lo80"] < 22.45 < r["hi80"] and r["annual_change_pp"] == pytest.approx(1.975)
    # the straight line, asked for explicitly, is (over-)confident as before
    lin = one([15, 17.1, 18.9, 21.2, 22.9], model="linear")
    assert lin["verdict"] == "likely" and lin["lo95"] > 22.5


def test_flat_series_clearly_misses():
    r = one([15, 15.3, 14.8, 15.1, 15.0])
    assert r["verdict"] == "unlikely" and r["prob_met"] < 0.01
    # the pace required from 15% in 2022: 7,5 points in 3 years
    assert r["required_change_pp"] == pytest.approx(2.5)


def test_probability_falls_as_noise_grows():
    level = np.full(5, 25.0)                 # flat at 25%, above 22,45%: noise makes missing more likely
    shape = np.array([0.3, -0.5, 0.4, -0.2, 0.0])
    probs = [one(list(level + k * shape))["prob_met"] for k in (0.5, 2, 5, 10)]
    assert all(a > b for a, b in zip(probs, probs[1:])), probs
    assert probs[0] > 0.9 and probs[-1] < 0.7


def test_decrease_targets_use_the_other_tail():
    down = one([9, 8.4, 7.9, 7.2, 6.8], target=6, comparator="<=", years=list(range(2019, 2024)))
    up = one([9, 9.2, 9.1, 9.3, 9.4], target=6, comparator="<=", years=list(range(2019, 2024)))
    assert up["verdict"] == "unlikely" and up["prob_met"] < 0.01
    assert down["prob_met"] > 0.15 > up["prob_met"] and down["projected"] < 6.8  # falling: damped trend kept


def test_counts_use_a_linear_trend_when_asked():
    r = one([3, 4, 5, 6, 7], target=10, unit="count", model="linear")
    # a perfect line has no residual spread: projected 10 ≥ 9,5 (the published threshold), yet P is bounded
    assert r["model"] == "linear" and r["projected"] == pytest.approx(10.0) and r["prob_met"] == 0.995
    d = one([3, 4, 5, 6, 7], target=10, unit="count")       # default: damped, not the full line
    assert d["model"] == "damped" and 7 < d["projected"] < 10 and d["prob_met"] < 0.5


def test_logit_glm_matches_statsmodels():
    import statsmodels.api as sm
    k = np.array([30., 41, 47, 62, 70, 83]); n = np.array([200., 205, 198, 210, 202, 207]); x = np.arange(2017., 2023)
    X, M, Y, K, N = pad_series(np.zeros(6, int), x, 100 * k / n, k, n)
    fit = fit_logit(X, Y, M, np.array([2025.0]), K=K, N=N)
    ref = sm.GLM(np.column_stack([k, n - k]), sm.add_constant(x - x.mean()), family=sm.families.Binomial()).fit()
    assert fit["center"][0] == pytest.approx(ref.params[0] + ref.params[1] * (2025 - x.mean()), rel=1e-8)
    assert fit["glm"][0]


def test_projection_stays_inside_0_100():
    r = one([80, 88, 93, 96, 98], target=100)
    assert r["hi95"] <= 100 and r["projected"] < 100


def test_with_counts_the_glm_is_used():
    k = np.array([30, 34, 38, 41, 45]); n = np.full(5, 200)
    r = one(list(100 * k / n), numerator=k, denominator=n, model="logit")
    assert r["model"] == "logit-glm"


def test_one_observation_gives_required_path_only():
    r = one([15.0], years=[2022])
    assert r["verdict"] == "insufficient_data" and np.isnan(r["projected"])
    assert "required path only" in r["note"]
    assert required_path(2022, 15.0, 22.5, 2025)["value"].tolist() == [15.0, 17.5, 20.0, 22.5]


def test_two_observations_point_projection_without_interval():
    r = one([15.0, 17.0], years=[2021, 2022])
    assert r["verdict"] == "off_pace_low_confidence" and np.isnan(r["lo95"]) and "no interval" in r["note"]
    assert 17.0 < r["projected"] < 17.0 + 3 * 2.0 and np.isnan(r["prob_met"])
    lin = one([15.0, 17.0], years=[2021, 2022], model="linear")
    assert lin["verdict"] == "on_pace_low_confidence" and lin["projected"] == pytest.approx(23.0)


def test_observation_at_due_year_decides():
    r = one([20, 21, 22.46], years=[2023, 2024, 2025])
    assert r["verdict"] == "observed_met"  # 22,46 is published as 22,5


def test_met_threshold_at_published_precision():
    # never coarser than one decimal: 99,5% is not "100%", 96,8% is not "≥ 97%" (fresh reader, 2026-11-29)
    assert met_threshold(">=", 100) == (99.95, True)
    assert met_threshold("<", 4) == (3.95, False)
    assert met_threshold(">=", 97) == (96.95, True) and met_threshold("<=", 6) == (6.05, False)
    r = one([95.0, 96.0, 96.8], years=[2023, 2024, 2025], target=97)
    assert r["verdict"] == "observed_missed"


# ---------------------------------------------------------------- standard rules, worked by hand
def test_statcan_open_sdg_worked_example():
    # open-sdg sdg-build ProgressMeasure.methodology_2: cagr_o = (cur/base)^(1/(t-b)) - 1,
    # cagr_r = (target/base)^(1/(T-b)) - 1, ratio = cagr_o / cagr_r, thresholds 0.95 / 0.6 / 0.
    # Base 50 (2015), current 60 (2020), target 80 by 2030:
    # cagr_o = 1.2^(1/5) - 1 = 0.037137; cagr_r = 1.6^(1/15) - 1 = 0.031830; ratio = 1.16675
    r, c, basis = statcan_progress(50.0, 2015, 60.0, 2020, 80.0, 2030, True, False)
    assert float(r) == pytest.approx(1.16675, abs=5e-5) and c == "substantial_progress" and basis == "value"
    # same base, current 52: cagr_o = 1.04^(1/5) - 1 = 0.0078750, ratio 0.24741: limited progress
    r, c, _ = statcan_progress(50.0, 2015, 52.0, 2020, 80.0, 2030, True, False)
    assert float(r) == pytest.approx(0.24741, abs=5e-5) and c == "limited_progress"
    # current already at target: target achieved before any ratio
    assert statcan_progress(50.0, 2015, 81.0, 2020, 80.0, 2030, True, False)[1] == "target_achieved"


def test_unsd_ratio_worked_example():
    # UNSD Progress Chart 2023 rule: CAGR_a = (60/50)^(1/5) - 1 = 0.037137; v_2030 = 60 * 1.037137^10 = 86.4
    # ratio = (86.4 - 50) / (80 - 50) = 1.2133: on track
    r, c, _ = unsd_progress(50.0, 2015, 60.0, 2020, 80.0, 2030, True, False, version="2023")
    assert float(r) == pytest.approx(1.2133, abs=1e-4) and c == "on_track"
    r, c, _ = unsd_progress(50.0, 2015, 48.0, 2020, 80.0, 2030, True, False, version="2023")
    assert c == "deterioration"
    # 2022 rule (the default): CAGR_a / CAGR_r = 0.037137 / 0.031830 = 1.16675: on track
    r, c, _ = unsd_progress(50.0, 2015, 60.0, 2020, 80.0, 2030, True, False)
    assert float(r) == pytest.approx(1.16675, abs=5e-5) and c == "on_track"


def test_cagr_near_100_uses_the_complement():
    # 95% -> 97% towards 100%: complement 5 -> 3, gap to close 0.5 (100% is published from 99.5%)
    # observed (3/5)^(1/2) - 1 = -0.225403; required (0.5/5)^(1/6) - 1 = -0.318704; R = 0.70725
    r, c, basis = statcan_progress(95.0, 2019, 97.0, 2021, 100.0, 2025, True, True)
    assert basis == "complement" and float(r) == pytest.approx(0.70725, abs=5e-5) and c == "moderate_progress"
    # a zero base value for a count falls back to the absolute change
    r, c, basis = statcan_progress(0.0, 2019, 2.0, 2021, 5.0, 2025, True, False)
    assert basis == "linear" and float(r) == pytest.approx((2 / 2) / (5 / 6))


def test_escap_gap():
    X = np.array([[2018., 2019, 2020, 2021]]); Y = np.array([[15., 15.5, 16, 16.5]]); M = np.ones((1, 4), bool)
    gap, cat, v = escap_progress(X, Y, M, np.array([22.5]), np.array([2025.]), np.array([True]))
    # line 15 + 0.5/yr -> 18.5 in 2025; gap = (22.5 - 18.5) / (22.5 - 15) = 0.5333
    assert float(gap[0]) == pytest.approx(0.5333, abs=1e-4) and cat[0] == "accelerate"


def test_rules_score_slipping_back_past_a_met_target_as_deterioration():
    # Malnutrition 5% (2021) already met "<= 6% by 2025"; by 2023 it is 7%. The direction from the
    # base to the target (up) is not the desired direction (down): moving away is deterioration.
    # StatCan, as open-sdg's SeriesProgress.methodology_2 (sign * direction * cagr_o / abs(cagr_r)):
    # cagr_o = (7/5)^(1/2) - 1 = 0.183216; cagr_r = (6/5)^(1/4) - 1 = 0.046635; R = -3.92873
    r, c, basis = statcan_progress(5.0, 2021, 7.0, 2023, 6.0, 2025, False, True)
    assert basis == "value" and float(r) == pytest.approx(-3.92873, abs=5e-5) and c == "deterioration"
    # UNSD 2023: anticipated 7 * 1.183216^2 = 9.8; ratio = -1 * (9.8 - 5) / |6 - 5| = -4.8
    r, c, _ = unsd_progress(5.0, 2021, 7.0, 2023, 6.0, 2025, False, True, version="2023")
    assert float(r) == pytest.approx(-4.8, abs=1e-9) and c == "deterioration"
    # UNSD 2022: -1 * 0.183216 / 0.046635 = -3.92873 (and the base had met the target)
    r, c, _ = unsd_progress(5.0, 2021, 7.0, 2023, 6.0, 2025, False, True)
    assert float(r) == pytest.approx(-3.92873, abs=5e-5) and c == "deterioration"
    # ESCAP: the weighted line through (2021, 5) and (2023, 7) reaches 9 in 2025;
    # gap = -1 * (6 - 9) / |6 - 5| = 3: reverse the trend
    X = np.array([[2021., 2023]]); Y = np.array([[5., 7.]]); M = np.ones((1, 2), bool)
    gap, cat, v = escap_progress(X, Y, M, np.array([6.0]), np.array([2025.]), np.array([False]))
    assert float(v[0]) == pytest.approx(9.0) and float(gap[0]) == pytest.approx(3.0) and cat[0] == "reverse"
    # the ordinary "<=" case is unchanged: 9 -> 8 towards 6 keeps R = 0.057191 / 0.096398 = 0.59328 and gap (6 - 7) / (6 - 9) = 1/3
    assert float(statcan_progress(9.0, 2021, 8.0, 2023, 6.0, 2025, False, True)[0]) == pytest.approx(0.59328, abs=5e-5)
    gap, cat, v = escap_progress(np.array([[2021., 2023]]), np.array([[9., 8.]]), M, np.array([6.0]),
                                 np.array([2025.]), np.array([False]))
    assert float(gap[0]) == pytest.approx(1 / 3) and cat[0] == "accelerate"


# Statistics Canada's own published calculations: inputs, ratio, status and score for every
# indicator of the Canadian Indicator Framework with a quantitative target, as written by its
# pipeline to indicator_calculation_components.yml (github.com/sdg-data-canada-odd-donnees/
# cif-data-donnees-cic, commit 0004afd167193f28b9ca5d757999ad3dcb51fc28).
# (indicator, base, base year, current, current year, direction, target, target year, R, score, status)
STATCAN_PUBLISHED = [
    ("1-1-1", 14.5, 2015, 10.2, 2023, -1, 7.25, 2030, 0.9525901792032172, 2.5185563910306596, "substantial_progress"),
    ("11-1-1", 26866.0, 2016, 36058.0, 2024, -1, 13433.0, 2028, -0.6675781357974336, -5.0, "deterioration"),
    ("11-3-1", 63.0, 2005, 74.0, 2020, 1, 85.0, 2030, 0.8949392974311927, 2.106761907621266, "moderate_progress"),
    ("11-5-1", 19.3, 2016, 13.9, 2021, 1, 22.0, 2030, -6.76154243963871, -5.0, "deterioration"),
    ("11-6-1", 699.0, 2014, 683.4, 2022, -1, 490.0, 2030, 0.12830416881599752, -1.9653950197943832, "limited_progress"),
    ("12-1-1", 0.37, 2015, 14.63, 2024, 1, 60.0, 2030, 1.249622415033452, 4.640227948342444, "substantial_progress"),
    ("14-1-1", 0.9, 2015, 14.7, 2023, 1, 30.0, 2030, 1.5866947018068909, 5.0, "substantial_progress"),
    # the base (68,6%) had already met "55% by 2026"; the value has since fallen below it
    ("14-2-1", 68.5534591194968, 2015, 46.7336683417085, 2023, 1, 55.0, 2026, -2.3587220377696703, -5.0, "deterioration"),
    ("15-2-1", 42.0, 2019, 40.0, 2024, 1, 60.0, 2026, -0.18576295071190677, -3.274018486731302, "deterioration"),
    ("15-4-1", 10.1, 2015, 13.7, 2023, 1, 30.0, 2030, 0.5160064971944834, -0.34995572813974585, "limited_progress"),
    ("15-5-1", 70.0, 2015, 68.0, 2021, -1, 100.0, 2030, 0.20028868698657923, 5.0, "target_achieved"),
]


@pytest.mark.parametrize("row", STATCAN_PUBLISHED, ids=[r[0] for r in STATCAN_PUBLISHED])
def test_statcan_rule_reproduces_statistics_canada_published_calculations(row):
    _, vb, b, vt, t, direction, target, T, ratio, score, status = row
    # percent=False: open-sdg takes growth on the values themselves (no complement near 100)
    r, cat, basis = statcan_progress(vb, b, vt, t, target, T, direction == 1, False)
    assert basis == "value" and str(cat) == status
    assert float(r) == pytest.approx(ratio, rel=1e-12)  # published even where the target is achieved
    assert float(statcan_score(r, cat == "target_achieved")) == pytest.approx(score, abs=1e-12)


def test_statcan_score_and_aggregate_follow_the_published_lines():
    # Statistics Canada methodology, Figure 2: -60% -> -5, 60% -> 0, 130% -> +5, capped beyond
    # (to the four-decimal slopes of the reference implementation, hence abs=1e-3)
    s = statcan_score(np.array([-0.6, 0.0, 0.6, 0.95, 1.3, 2.0, -3.0, np.nan]), np.zeros(8, bool))
    assert s[:7].tolist() == pytest.approx([-5.0, -2.5, 0.0, 2.5, 5.0, 5.0, -5.0], abs=1e-3)
    assert np.isnan(s[7])
    # the category boundaries of the ratio and of the score coincide (0 / 0.6 / 0.95)
    assert statcan_score(np.array([0.95]), np.array([True]))[0] == 5.0
    # mean of 4.048 (R 1.16675), -1.469 (R 0.24741) and 5 (achieved) = 2.526: substantial progress
    m, status, k = statcan_aggregate([4.048, -1.469, 5.0], [False, False, True])
    assert m == pytest.approx(7.579 / 3, abs=1e-12) and (status, k) == ("substantial_progress", 3)
    # one unscored target is left out of the mean, and "target achieved" needs every target
    assert statcan_aggregate([5.0, float("nan"), 1.0], [True, False, False]) == (3.0, "substantial_progress", 2)
    assert statcan_aggregate([-3.0, -2.0], [False, False]) == (-2.5, "limited_progress", 2)


def test_rule_workings_show_every_intermediate_number():
    # 50 (2015) -> 60 (2020), target 80 by 2030, worked by hand in the two tests above
    w = rule_workings([2015, 2020], [50.0, 60.0], 80.0, 2030, percent=False).set_index(["rule", "step"])["value"]
    assert w["UNSD", "CAGR_a"] == pytest.approx(0.037137, abs=5e-7)
    assert w["UNSD", "CAGR_r"] == pytest.approx(0.031830, abs=5e-7)
    assert w["UNSD", "ratio"] == pytest.approx(1.16675, abs=5e-5)
    assert w["UNSD 2023", "v̂_T"] == pytest.approx(86.4, abs=1e-9)          # 60 * 1.2^2
    assert w["UNSD 2023", "ratio"] == pytest.approx(1.2133, abs=1e-4)
    assert w["StatCan", "CAGR_req"] == pytest.approx(0.031830, abs=5e-7)
    assert w["StatCan", "R"] == pytest.approx(1.16675, abs=5e-5)
    assert w["StatCan", "score"] == pytest.approx(7.1429 * 1.16675 - 4.2857, abs=1e-4)
    # two points, weights 1 and 2: the line passes through both, slope 2 a year, 80 in 2030, gap 0
    assert w["ESCAP", "slope"] == pytest.approx(2.0) and w["ESCAP", "v̂_T"] == pytest.approx(80.0)
    assert w["ESCAP", "gap"] == pytest.approx(0.0, abs=1e-9) and w["ESCAP", "category"] == "maintain"
    # near 100 the complement is used, and the anticipated value is read back on the 0-100 scale:
    # complement 5 -> 3 over 2 years, CAGR -0.225403; 3 * 0.774597^4 = 1.08, i.e. 98.92%
    w = rule_workings([2019, 2021], [95.0, 97.0], 100.0, 2025).set_index(["rule", "step"])["value"]
    assert w["all", "basis"] == "complement" and w["all", "d"] == -1.0
    assert w["UNSD 2023", "v̂_T"] == pytest.approx(98.92, abs=1e-9)
    assert w["UNSD 2023", "ratio"] == pytest.approx((98.92 - 95) / (99.5 - 95), abs=1e-9)
    # 2022 rule on the complement: -1 * -0.225403 / |(0.5/5)^(1/6) - 1| = 0.225403 / 0.318704 = 0.70725
    assert w["UNSD", "ratio"] == pytest.approx(0.70725, abs=5e-5)


def test_standard_rules_start_from_the_plan_s_base_year():
    # Observations 2017-2023; the plan starts in 2020, which has no observation: Statistics Canada
    # takes the first later year, 2021 (value 19). From 19 (2021) to 21 (2023), target 25 by 2025:
    # cagr_o = (21/19)^(1/2) - 1 = 0.051315; cagr_r = (25/19)^(1/4) - 1 = 0.071018; R = 0.72257
    obs = pd.DataFrame({"series": "s", "year": [2017, 2018, 2019, 2021, 2022, 2023],
                        "value": [15.0, 16.0, 17.0, 19.0, 20.0, 21.0]})
    spec = pd.DataFrame({"series": ["s"], "comparator": ">=", "target": 25.0, "due_year": 2025, "unit": "count",
                         "base_year": [2020]})
    r = assess_series(obs, spec).iloc[0]
    assert (r["rule_base_year"], r["rule_base_value"]) == (2021.0, 19.0)
    assert r["statcan_ratio"] == pytest.approx(0.72257, abs=5e-5) and r["statcan_category"] == "moderate_progress"
    # without a base year the first observation is the base: (21/15)^(1/6) - 1 = 0.057681,
    # (25/15)^(1/8) - 1 = 0.065936, R = 0.87480
    r0 = assess_series(obs, spec.drop(columns="base_year")).iloc[0]
    assert r0["rule_base_year"] == 2017.0 and r0["statcan_ratio"] == pytest.approx(0.87480, abs=5e-5)
    # a base year after the latest observation leaves the rules uncomputed, and says so
    r2 = assess_series(obs, spec.assign(base_year=2024)).iloc[0]
    assert np.isnan(r2["statcan_ratio"]) and r2["statcan_category"] is None
    assert "need two observations from the base year 2024 on" in r2["note"]


def test_assess_takes_the_base_year_from_the_document():
    # Na Mèo's resolution starts in 2021 (data/sources.csv, period_start): observations from 2017
    # count for the projection, but the rules measure progress from 2021
    tg = es.load_targets()
    tg = tg[tg["id"] == "001-14"]  # nursery mobilisation > 60% by 2025
    ob = pd.DataFrame({"locality": "Na Mèo", "indicator": tg["indicator"].item(), "level": tg["level"].item(),
                       "year": [2017, 2019, 2021, 2022, 2023], "value": [44.0, 50.0, 54.0, 55.5, 57.0]})
    r = assess(tg, ob).iloc[0]
    assert r["first_year"] == 2017 and r["rule_base_year"] == 2021 and r["rule_base_value"] == 54.0
    r_own = assess(tg.assign(base_year=2019), ob).iloc[0]  # a targets file may set its own
    assert r_own["rule_base_year"] == 2019


def test_own_targets_file_may_set_its_base_year(tmp_path):
    t = es.load_targets()
    t = t[t["id"] == "001-14"].assign(source="ke_hoach_cua_toi.docx", annual="TRUE", base_year="2019")
    t.to_csv(tmp_path / "t.csv", index=False)
    own = es.load_targets(tmp_path / "t.csv")  # Excel's TRUE is read as true
    assert bool(own["annual"].item()) is True and own["base_year"].item() == 2019
    ob = pd.DataFrame({"locality": "Na Mèo", "indicator": "mobilisation_rate", "level": "nursery",
                       "year": [2017, 2019, 2021, 2023], "value": [44.0, 50.0, 54.0, 57.0]})
    assert assess(own, ob)["rule_base_year"].item() == 2019
    t.assign(base_year="năm 2019").to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(DataError) as err:
        es.load_targets(tmp_path / "bad.csv")
    assert "row 2, column 'base_year': found 'năm 2019'" in str(err.value)


# ---------------------------------------------------------------- bad input
def test_bad_series_are_errors_naming_rows():
    obs = pd.DataFrame({"series": ["a", "a", "b", "c", "d"], "year": [2020, 2020, 2030, 2021, 2021],
                        "value": [10, 11, 5, 140, "x"]})
    spec = pd.DataFrame({"series": ["a", "b", "c", "d"], "comparator": [">=", ">=", ">=", "=>"],
                         "target": 50, "due_year": 2025, "unit": "percent"})
    with pytest.raises(DataError) as err:
        assess_series(obs, spec)
    msg = str(err.value)
    assert "observations, row 0, column 'year': found 2020; expected one value per year (series a repeats this year)" in msg
    assert "found 'series b'; expected at least one observation up to the due year 2025" in msg
    assert "row 3, column 'value': found 140; expected a percentage between 0 and 100" in msg
    assert "row 4, column 'value': found 'x'; expected a number" in msg
    assert "targets, row 3, column 'comparator': found '=>'" in msg


# ---------------------------------------------------------------- whole tables and the CLI
def test_assess_uses_the_documents_baseline_when_no_observation(tmp_path):
    import edustats as es
    t = es.load_targets()
    na_meo = t[(t["source"] == "001_51d59cd3eefeb0a9.txt")]
    obs = pd.DataFrame({"locality": ["Na Mèo"], "indicator": ["promotion_rate"], "year": [2022], "value": [96.0]})
    res = assess(na_meo, obs).set_index("id")
    # malnutrition: no observation, starts from the 2021 baseline of 9% (row 001-03)
    assert res.loc["001-18", "verdict"] == "insufficient_data"
    assert res.loc["001-18", "required_path"] == "2021: 9; 2022: 8,3; 2023: 7,5; 2024: 6,8; 2025: 6"
    assert res.loc["001-18", "path_start"] == "baseline 001-03"


def test_cli_assess_on_the_user_file_format(tmp_path, capsys):
    obs = tmp_path / "obs.csv"
    obs.write_text("locality,indicator,level,year,value,numerator,denominator\n"
                   "Na Mèo,malnutrition_rate,preschool,2021,9,18,200\n"
                   'Na Mèo,malnutrition_rate,preschool,2022,"8,2",17,208\n'
                   'Na Mèo,malnutrition_rate,preschool,2023,"7,3",15,205\n', encoding="utf-8")
    own = tmp_path / "own_targets.csv"
    own.write_text("id,source,locality,kind,year,level,indicator,comparator,value,unit,quote\n"
                   "X1,kế hoạch của xã,Na Mèo,target,2025,preschool,malnutrition_rate,<=,\"6,5\",percent,\n"
                   "X2,kế hoạch của xã,Na Mèo,target,2025,preschool,two_session_share,>=,50,percent,\n",
                   encoding="utf-8")
    out = tmp_path / "verdicts.csv"
    # judged as of the end of 2024, before the 2025 targets fall due (the default is today)
    assert main(["assess", "--targets", str(own), "--observations", str(obs), "--out", str(out), "--as-of", "2024"]) == 0
    printed = capsys.readouterr().out
    assert "Không đủ dữ liệu / Insufficient data" in printed
    v = pd.read_csv(out).set_index("id")
    assert v.loc["X1", "n_obs"] == 3 and v.loc["X1", "model"] == "damped"
    assert v.loc["X2", "verdict"] == "insufficient_data"


def test_cli_bad_observations_exit_2(tmp_path, capsys):
    obs = tmp_path / "obs.csv"
    obs.write_text("locality,indicator,year,value\nA,ner,2021,140\n", encoding="utf-8")
    assert main(["assess", "--observations", str(obs)]) == 2
    assert "found '140'; expected a value in [0, 100]" in capsys.readouterr().err


# ---- the audit cases of issue #11 (models at the bounds, honest probabilities)
def test_counts_near_100_percent_give_a_sensible_finite_distribution():
    # net intake 117, 118, 119, 119, 120 of 120 (2018-22), target "100%" by 2025: met only by 120/120
    # (119/120 = 99,17% is published as 99,2%). Before: 95% interval [0,10%; 99,99999%], P = 0,68.
    k = np.array([117, 118, 119, 119, 120]); n = np.full(5, 120)
    r = one(list(100 * k / n), target=100, numerator=k, denominator=n)
    assert r["model"] == "damped" and r["hi95"] == 100.0 and 90.0 < r["lo95"] < 99.0
    assert r["lo80"] > r["lo95"] and 0.6 < r["prob_met"] < 0.95
    # binomial noise of the next 120 pupils: wider than the same values without counts
    assert r["lo95"] < one(list(100 * k / n), target=100)["lo95"]


@pytest.mark.parametrize("value, k, n, comparator, target", [(100.0, 80, 80, ">=", 100), (0.0, 0, 50, "<=", 0)])
def test_series_stuck_at_a_bound_agree_with_the_statcan_rule(value, k, n, comparator, target):
    # before: the GLM diverged (β₀ ≈ 30) and gave P = 0,50 "uncertain" while Statistics Canada says "achieved"
    r = one([value] * 5, target=target, comparator=comparator, numerator=[k] * 5, denominator=[n] * 5)
    assert r["statcan_category"] == "target_achieved"
    assert r["verdict"] in ("likely", "probable") and 0.6 < r["prob_met"] < 0.995
    assert 0.0 <= r["lo95"] <= r["hi95"] <= 100.0 and r["hi95"] - r["lo95"] > 0


def test_no_exact_zero_or_one_and_the_note_says_why():
    # five equal values of 50% against "≥ 55": before P = 0,000
    flat = one([50.0] * 5, target=55)
    assert flat["verdict"] == "unlikely" and 0.005 <= flat["prob_met"] < 0.01
    # 20, 22, 24 under the straight line: a perfect fit, before P = 1,000
    lin = one_noted([20.0, 22.0, 24.0], years=[2020, 2021, 2022], target=25, unit="count", model="linear")
    assert lin["prob_met"] == 0.995 and "> 99%" in lin["note"] and "no finite series gives certainty" in lin["note"]
    assert lin["note"].index("xác suất") < lin["note"].index("probability")   # Vietnamese first
    assert probability_text(lin["prob_met"]) == "> 99%" and probability_text(0.005) == "< 1%"
    dm = one([20.0, 22.0, 24.0], years=[2020, 2021, 2022], target=25, unit="count")
    assert 0.3 < dm["prob_met"] < 0.9 and dm["hi80"] - dm["lo80"] > 2.0
    # all 100% without counts: before a zero-width interval
    full = one([100.0] * 5, target=100)
    assert full["hi95"] == 100.0 and full["lo95"] < 100.0 and full["prob_met"] <= 0.995


def test_malnutrition_with_and_without_counts_tell_the_same_story():
    # 12% → 9% in five years, N ≈ 200, target "≤ 6%" by 2025: before P = 0,33 with counts, 0,0009 without
    pct = [12.0, 11.0, 10.5, 10.0, 9.0]
    k = np.array([24, 22, 21, 20, 18]); n = np.full(5, 200)
    without = one(pct, target=6, comparator="<=")
    with_n = one(pct, target=6, comparator="<=", numerator=k, denominator=n)
    assert without["projected"] == pytest.approx(with_n["projected"])        # same point forecast
    assert 0.05 < without["prob_met"] < with_n["prob_met"] < 0.4             # same verdict class, counts wider
    assert with_n["hi80"] - with_n["lo80"] > without["hi80"] - without["lo80"]
    assert {without["verdict"], with_n["verdict"]} <= {"unlikely", "at_risk"}


def test_a_commune_gets_a_wider_band_than_a_province_with_the_same_rates():
    k = np.array([30, 34, 38, 41, 45]); vals = list(100 * k / 200)
    commune = one(vals, numerator=k // 2, denominator=np.full(5, 100))
    province = one(vals, numerator=k * 1000, denominator=np.full(5, 200_000))
    no_counts = one(vals)
    w = lambda r: r["hi80"] - r["lo80"]
    assert w(commune) > w(province) + 0.5
    assert w(province) == pytest.approx(w(no_counts), abs=0.05)   # 1/(4N) negligible for 200 000 pupils


@pytest.mark.parametrize("model", ["auto", "damped", "linear", "rw", "logit"])
@pytest.mark.parametrize("values, target", [([80, 88, 93, 96, 98], 100), ([20, 12, 6, 3, 1], 0)])
def test_percent_stays_inside_0_100_under_every_model(model, values, target):
    r = one(values, target=target, comparator=">=" if target else "<=", model=model)
    for c in ("projected", "lo80", "hi80", "lo95", "hi95"):
        assert 0.0 <= r[c] <= 100.0, (c, r[c])
    assert 0.005 <= r["prob_met"] <= 0.995


def test_normal_quantile_where_the_dispersion_is_not_estimated():
    # exactly logistic counts: Pearson χ²/df < 1, so φ is floored at 1 (binomial, not estimated): z, not t
    from scipy import stats as st
    from edustats.projection import grid_from_fit, LEVELS
    x = np.arange(2018.0, 2023); n = np.full(5, 1000.0)
    k = np.round(n / (1 + np.exp(-(-1.0 + 0.2 * (x - 2020)))))
    X, M, Y, K, N = pad_series(np.zeros(5, int), x, 100 * k / n, k, n)
    fit = fit_logit(X, Y, M, np.array([2025.0]), K=K, N=N)
    assert np.isinf(fit["df"][0])
    g = grid_from_fit(fit, True)[0]
    lo = 100 / (1 + np.exp(-(fit["center"][0] - st.norm.ppf(0.975) * fit["scale"][0])))
    assert g[list(LEVELS).index(0.025)] == pytest.approx(lo, rel=1e-9)
    # an over-dispersed series keeps Student t with n − 2 = 3 df
    k2 = np.array([300.0, 420, 380, 520, 470])
    X, M, Y, K, N = pad_series(np.zeros(5, int), x, 100 * k2 / n, k2, n)
    assert logit_df(X, Y, M, K, N) == 3.0


def logit_df(X, Y, M, K, N):
    return float(fit_logit(X, Y, M, np.array([2025.0]), K=K, N=N)["df"][0])


def test_the_note_says_how_much_trend_is_kept_and_how_wide_the_band_is():
    r = one_noted([15, 17.1, 18.9, 21.2, 22.9])
    kept = (r["projected"] - 22.9) / 3 / 1.975
    assert r["note"].startswith(f"dự báo giữ {round(100 * kept)}% nhịp thay đổi bình quân 2018–2022")
    width = r["hi80"] - r["lo80"]
    assert f"rộng {width:.1f}".replace(".", ",") in r["note"] and f"({width:.1f} percentage points wide" in r["note"]


def test_beyond_five_years_no_more_trend_and_the_band_grows_as_learned():
    from edustats.projection import damped_quantiles, load_calibration
    cal = load_calibration("national")
    x = np.arange(2018.0, 2023)[None, :]; y = np.array([[15, 17.1, 18.9, 21.2, 22.9]])
    q = damped_quantiles(x, y, np.ones((1, 5), bool), np.array([False]), np.array([[5.0, 10.0]]), cal)[0]
    # ratio unit (no transform): Q_10 = c + f_10 (Q_5 − c) with the same centre c, at every level on the side
    # of the last step (a rise: the median and above); f_10 learned on the training split (1,821 for national
    # ratios, wider than √2: errors of held-out countries grow faster than √h beyond 5 years)
    r2 = cal["beyond"]["ratio"][-1]
    assert r2 == pytest.approx(1.821)
    centres = (r2 * q[0] - q[1]) / (r2 - 1)
    assert centres[12:] == pytest.approx(np.full(13, centres[12]), rel=1e-9)
    assert (q[1, 20] - q[1, 12]) == pytest.approx(r2 * (q[0, 20] - q[0, 12]), rel=1e-9)
    # on the other side the last step's share of the scale is limited so that P(met) stays monotone in the
    # latest value (edustats.projection.monotone_scales): never wider than the learned growth, and in order
    c = centres[12]
    assert (q[1, :12] >= c + r2 * (q[0, :12] - c) - 1e-9).all()
    assert (np.diff(q[1]) >= 0).all()


def test_cli_calibration_profile(tmp_path, capsys):
    obs = tmp_path / "obs.csv"
    obs.write_text("locality,indicator,level,year,value\n" + "".join(
        f"Na Mèo,malnutrition_rate,preschool,{y},{v}\n" for y, v in [(2019, 12), (2020, 11), (2021, 10.5), (2022, 10),
                                                                    (2023, 9)]), encoding="utf-8")
    own = tmp_path / "own.csv"
    own.write_text("id,source,locality,kind,year,level,indicator,comparator,value,unit,quote\n"
                   "X1,kế hoạch,Na Mèo,target,2025,preschool,malnutrition_rate,<=,6,percent,\n", encoding="utf-8")
    out = tmp_path / "v.csv"
    assert main(["assess", "--targets", str(own), "--observations", str(obs), "--out", str(out),
                 "--calibration", "province"]) == 0
    v = pd.read_csv(out).iloc[0]
    assert v["model"] == "damped" and "các tỉnh (GSO 2002–2016)" in v["note"]
    national = one_noted([12, 11, 10.5, 10, 9], years=range(2019, 2024), comparator="<=", target=6)
    assert "42 nước" in national["note"] and national["hi80"] - national["lo80"] > v["hi80"] - v["lo80"]
    # the command line's default is the province profile (Vietnamese localities); --calibration national on request
    default_out, nat_out = tmp_path / "d.csv", tmp_path / "n.csv"
    assert main(["assess", "--targets", str(own), "--observations", str(obs), "--out", str(default_out)]) == 0
    assert main(["assess", "--targets", str(own), "--observations", str(obs), "--out", str(nat_out),
                 "--calibration", "national"]) == 0
    d, n = pd.read_csv(default_out).iloc[0], pd.read_csv(nat_out).iloc[0]
    assert "các tỉnh (GSO 2002–2016)" in d["note"] and "42 nước" not in d["note"]
    assert (d["lo80"], d["hi80"]) == (v["lo80"], v["hi80"])
    assert "42 nước" in n["note"] and (n["lo80"], n["hi80"]) == pytest.approx((national["lo80"], national["hi80"]))


def _random_series(n_series=1000, seed=16):
    """Series of 1-10 points with gaps, some after the due year, percent and ratio units, counts, base years."""
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n_series):
        k = int(rng.integers(1, 11))
        years = np.sort(rng.choice(np.arange(2010, 2025), size=k, replace=False))
        if rng.random() < 0.15:
            years = np.append(years, 2031)  # after every due year: not used, and said so
        level, step = rng.uniform(5, 95), rng.normal(0.8, 1.5)
        den = int(rng.integers(50, 3000))
        for y in years:
            p = float(np.clip(level + step * (y - 2010) + rng.normal(0, 2), 0, 100))
            num = round(p * den / 100)
            rows.append((f"s{s:04d}", int(y), 100 * num / den, float(num), float(den)))
    obs = pd.DataFrame(rows, columns=["series", "year", "value", "numerator", "denominator"])
    ids = [f"s{s:04d}" for s in range(n_series)]
    spec = pd.DataFrame({"series": ids, "comparator": rng.choice(["<=", ">=", ">", "<", "="], n_series),
                         "target": rng.choice([22.5, 80.0, 95.0, 99.7, 100.0, 6.0], n_series),
                         "due_year": rng.choice([2024, 2025, 2030], n_series), "unit": "percent",
                         "base_year": rng.choice([np.nan, 2015.0, 2021.0], n_series)})
    # ratio series (no bounds, no counts) for a tenth of them
    ratio = spec.index[::10]
    spec.loc[ratio, "unit"] = "ratio"
    return obs, spec


@pytest.mark.parametrize("model", ["auto", "linear"])
def test_assessing_in_chunks_or_shuffled_changes_nothing(model):
    obs, spec = _random_series()
    whole = assess_series(obs, spec, model=model, chunk_size=10 ** 6)
    # the verdicts cover every case the chunks must keep: due, insufficient, point, probabilities, late data
    assert {"insufficient_data", "likely", "unlikely", "observed_met"} <= set(whole["verdict"])
    assert whole["note"].str.contains("after the due year not used").any()
    for chunk, o, t in [(97, obs, spec), (1000, obs.sample(frac=1, random_state=1), spec.sample(frac=1, random_state=2)),
                        (333, obs.sample(frac=1, random_state=3), spec)]:
        part = assess_series(o, t, model=model, chunk_size=chunk)
        pd.testing.assert_frame_equal(part, whole, check_exact=False, rtol=1e-12, atol=0)


def test_the_verdict_note_states_the_trend_kept_and_the_band_of_the_forecast_shown():
    # the note's figures are read from the forecast itself: (projected − latest) / years ahead over the past
    # average change (48,1 − 40)/7 = 1,157 a year, and hi80 − lo80; Vietnamese first
    obs = pd.DataFrame({"series": "s", "year": range(2016, 2024),
                        "value": [40.0, 41.2, 42.9, 43.5, 45.1, 46.0, 47.4, 48.1]})
    tg = pd.DataFrame({"series": ["s"], "comparator": [">="], "target": [55], "due_year": [2027], "unit": ["percent"]})
    res = assess_series(obs, tg)
    r = res.iloc[0]
    kept = round(100 * (r["projected"] - 48.1) / 4 / ((48.1 - 40.0) / 7))
    r["note"] = verdict_notes(res).iloc[0]
    assert 0 < kept < 100                                     # damped: part of the trend, not all, not none
    vi, en = r["note"].split(" / ")
    assert vi.startswith(f"dự báo giữ {kept}% nhịp thay đổi bình quân 2016–2023 (1,16 điểm %/năm)")
    width = f"{r['hi80'] - r['lo80']:.1f}"
    assert f"khoảng 80%: {r['lo80']:.1f}–{r['hi80']:.1f}".replace(".", ",") in vi
    assert f"(rộng {width.replace('.', ',')} điểm %, sau 4 năm)" in vi
    assert f"the forecast keeps {kept}% of the 2016-2023 average change" in en and f"({width} percentage points wide" in en


def test_assess_series_keeps_numbers_and_verdict_notes_writes_the_sentence_before_the_rows_own_note():
    # a million series must not carry a million sentences: assess_series's note holds only what its numbers
    # cannot say; verdict_notes puts the forecast's sentence first, then that note, as assess() shows them
    obs = pd.DataFrame({"series": "s", "year": range(2016, 2024),
                        "value": [40.0, 41.2, 42.9, 43.5, 45.1, 46.0, 47.4, 48.1]})
    tg = pd.DataFrame({"series": ["s"], "comparator": [">="], "target": [55], "due_year": [2027],
                       "unit": ["percent"], "base_year": [2030]})
    res = assess_series(obs, tg)
    own = "standard rules not computed: they need two observations from the base year 2030 on"
    assert res["note"].tolist() == [own] and res.attrs["calibration"] == "national"
    note = verdict_notes(res).iloc[0]
    assert note.startswith("dự báo giữ ") and note.endswith("(World Bank EdStats); " + own)
    assert verdict_notes(res, "province").iloc[0].count("các tỉnh (GSO 2002–2016)") == 1
    # the same sentence assess() gives a planner's target
    tgt = pd.DataFrame({"id": ["T1"], "kind": "target", "source": "x", "locality": "A", "level": "primary",
                        "indicator": "net_enrolment_rate", "label_vi": "NER", "comparator": ">=", "value": 55.0,
                        "year": 2027, "unit": "percent", "base_year": 2030})
    shown = assess(tgt, obs.drop(columns="series").assign(locality="A", level="primary",
                                                            indicator="net_enrolment_rate"))
    assert shown["note"].tolist() == [note]


def test_compare_models_rows_carry_the_verdict_sentence_in_both_languages():
    # notebook 21 prints the damped row's note, Vietnamese or English half: both halves must be there
    from edustats.assess import compare_models
    obs = pd.DataFrame({"year": [2018, 2019, 2020, 2021, 2022], "value": [15.0, 17.1, 18.9, 21.2, 22.9]})
    m = compare_models(obs, ">=", 22.5, 2025).set_index("model")
    vi, en = m.loc["damped", "note"].split(" / ")
    assert vi.startswith("dự báo giữ ") and en.startswith("the forecast keeps ")
    assert m.loc["linear", "note"].startswith("khoảng 80%: ")     # no "kept trend" part for a straight line


# ---- audit of assess_series at national scale (issue #16 part 5): block boundaries, the caller's table, refusals
import importlib  # noqa: E402

_A = importlib.import_module("edustats.assess")   # the module (edustats.assess is the function)


@pytest.mark.parametrize("block", [1, 2, 3])
def test_the_whole_table_checks_see_a_defect_exactly_at_a_block_boundary(monkeypatch, block):
    monkeypatch.setattr(_A, "_BLOCK", block)
    years, codes = np.arange(2016.0, 2022.0), np.zeros(6, np.intp)
    assert _A._strictly_increasing(codes, years)
    for p in range(5):   # one bad pair (p, p + 1): inside a block or across two, for every block size
        y = years.copy()
        y[p + 1] = y[p]                                                    # a year repeated
        assert not _A._strictly_increasing(codes, y), p
        c = np.r_[np.ones(p + 1, np.intp), np.zeros(5 - p, np.intp)]      # series 1 before series 0
        assert not _A._strictly_increasing(c, years), p
    # counted once per row on either side of a boundary; code −1 (no target) never counted
    assert _A._count_codes(np.array([0, -1, 1, 1, -1, 2, 0]), np.array([1, 1, 1, 0, 1, 1, 1], bool), 3).tolist() == [2, 1, 1]
    # the caller's ids 0…n−1 are their own codes only when every one is in 0…n−1 (just inside / just outside)
    idx = pd.Index([0, 1, 2])
    assert _A._codes_in(idx, pd.Series([0, 2])).tolist() == [0, 2]
    assert _A._codes_in(idx, pd.Series([0, 3])).tolist() == [0, -1] and _A._codes_in(idx, pd.Series([-1, 2])).tolist() == [-1, 2]


def test_a_year_repeated_across_a_block_boundary_is_refused_and_blocks_change_no_number(monkeypatch):
    obs = pd.DataFrame({"series": [0, 0, 0, 1, 1, 1], "year": [2019, 2020, 2021, 2019, 2020, 2030],
                        "value": [40.0, 42.0, 44.0, 60.0, 59.0, 58.0]})
    tg = pd.DataFrame({"series": [0, 1], "comparator": ">=", "target": 50.0, "due_year": 2025, "unit": "percent"})
    whole = assess_series(obs, tg)
    assert whole["note"].tolist()[1] == ("two observations: point projection, no interval; "
                                         "1 observation(s) after the due year not used")
    monkeypatch.setattr(_A, "_BLOCK", 2)      # blocks of rows 0–1, 2–3, 4–5: the late 2030 row alone in the last
    pd.testing.assert_frame_equal(assess_series(obs, tg), whole, check_exact=True)
    rep = pd.DataFrame({"series": 0, "year": [2019, 2020, 2020, 2021], "value": [1.0, 2.0, 3.0, 4.0]})  # rows 1, 2
    with pytest.raises(DataError) as e:
        assess_series(rep, tg.iloc[:1])
    assert "row 1, column 'year': found 2020" in str(e.value) and "row 2, column 'year': found 2020" in str(e.value)


def test_the_callers_table_is_left_as_it_was():
    # ids 0…n−1 are used as codes without a copy and float values read in place: nothing may write to them
    obs = pd.DataFrame({"series": [1, 0, 0, 1, 0, 1], "year": [2020, 2021, 2019, 2019, 2030, 2021],
                        "value": [5.0, 7.0, 6.0, 4.0, 9.0, 6.5]})
    tg = pd.DataFrame({"series": [0, 1], "comparator": ">=", "target": 8.0, "due_year": 2025, "unit": "ratio"})
    before, tg_before = obs.copy(deep=True), tg.copy(deep=True)
    assert np.shares_memory(_A._codes_in(pd.Index([0, 1]), obs["series"]), obs["series"].to_numpy())
    assess_series(obs, tg, chunk_size=1)
    pd.testing.assert_frame_equal(obs, before, check_exact=True)
    pd.testing.assert_frame_equal(tg, tg_before, check_exact=True)


def test_a_numerator_that_is_not_a_number_is_refused():
    obs = pd.DataFrame({"series": "s", "year": [2019, 2020, 2021, 2022], "value": [40.0, 42.0, 44.0, 46.0],
                        "numerator": [80, 84, "abc", 92], "denominator": 200})
    tg = pd.DataFrame({"series": ["s"], "comparator": [">="], "target": [50.0], "due_year": [2025], "unit": ["percent"]})
    with pytest.raises(DataError, match="numerator"):
        assess_series(obs, tg, model="logit")


def test_compare_models_keeps_the_sentence_it_had():
    from edustats.assess import compare_models

    obs = pd.DataFrame({"year": [2018, 2019, 2020, 2021, 2022], "value": [15.0, 17.1, 18.9, 21.2, 22.9]})
    note = compare_models(obs, ">=", 22.5, 2025)["note"].iloc[0]     # the damped row; text as printed at 120b4e9
    assert note.startswith("dự báo giữ 36% nhịp thay đổi bình quân 2018–2022 (1,98 điểm %/năm)")


def test_years_as_text_in_any_row_order():
    obs = pd.DataFrame({"series": "a", "year": ["2021", "2020", "2019", "2018"], "value": [16.0, 14.0, 12.0, 10.0]})
    tg = pd.DataFrame({"series": ["a"], "comparator": [">="], "target": [20.0], "due_year": [2025], "unit": ["percent"]})
    r = assess_series(obs, tg).iloc[0]
    assert (r["first_year"], r["last_year"], r["last_value"]) == (2018, 2021, 16.0)


def test_observations_of_a_series_without_a_target_are_named():
    obs = pd.DataFrame({"series": ["a", "a", "zz"], "year": [2020, 2021, 2020], "value": [1.0, 2.0, 3.0]})
    tg = pd.DataFrame({"series": ["a"], "comparator": [">="], "target": [5.0], "due_year": [2025], "unit": ["ratio"]})
    with pytest.raises(DataError, match="a target for this series"):
        assess_series(obs, tg)


def test_assess_series_refuses_what_it_cannot_read_naming_each_cell_vietnamese_first():
    # audit16: repeated targets, inf, a half year, a fractional due year and a text count were not refused
    # (or were refused with a raw KeyError / InvalidIndexError); every problem now named at once
    obs = pd.DataFrame({"series": ["a", "a", "a", "b", "b"], "year": [2020, 2021, 2022.5, 2020, 2021],
                        "value": [1.0, float("inf"), 2.0, 3.0, 4.0], "numerator": [1, 2, 3, "x", ""],
                        "denominator": [10, 10, 10, 10, 10]})
    tg = pd.DataFrame({"series": ["a", "b"], "comparator": ">=", "target": 5.0, "due_year": [2025, 2025.5],
                       "unit": "ratio"})
    with pytest.raises(DataError) as e:
        assess_series(obs, tg)
    text = str(e.value)
    assert text.index("không đánh giá được") < text.index("cannot assess")
    # rows are the tables' index labels (what .loc takes in a notebook)
    for part in ("observations, row 1, column 'value': found inf; expected a number",
                 "observations, row 2, column 'year': found 2022.5; expected a year (a whole number)",
                 "observations, row 3, column 'numerator': found 'x'; expected a count (a number) or nothing",
                 "targets, row 1, column 'due_year': found 2025.5; expected a year (a whole number)",
                 "observations, dòng 3, cột 'numerator': gặp 'x'; cần một số đếm (một số) hoặc để trống"):
        assert part in text
    assert text.count("\n  ") == 8                          # four problems, each in both languages
    assert "row 4, column 'numerator'" not in text          # an empty count is allowed, as before
    twice = pd.DataFrame({"series": ["a", "a"], "comparator": ">=", "target": [5.0, 6.0], "due_year": 2025,
                          "unit": "ratio"})
    with pytest.raises(DataError, match="expected one target per series"):
        assess_series(obs.iloc[:1], twice)
    with pytest.raises(ValueError, match="unknown calibration profile 'bogus'"):
        assess_series(obs.iloc[:1], tg.iloc[:1], model="linear", calibration="bogus")


def test_verdict_notes_never_guesses_the_profile_and_applied_twice_gives_the_same_notes(tmp_path):
    # audit16: after a CSV round trip a province result claimed "42 countries"; twice doubled the sentence
    obs = pd.DataFrame({"series": "s", "year": range(2016, 2024),
                        "value": [40.0, 41.2, 42.9, 43.5, 45.1, 46.0, 47.4, 48.1]})
    tg = pd.DataFrame({"series": ["s"], "comparator": [">="], "target": [55], "due_year": [2027],
                       "unit": ["percent"], "base_year": [2030]})
    res = assess_series(obs, tg, calibration="province")
    once = verdict_notes(res)
    twice = verdict_notes(res.assign(note=once))
    assert once.tolist() == twice.tolist() and once.iloc[0].count("khoảng 80%") == 1
    assert once.iloc[0].endswith("; standard rules not computed: they need two observations from the base year 2030 on")
    res.to_csv(tmp_path / "r.csv", index=False)
    back = pd.read_csv(tmp_path / "r.csv", keep_default_na=False, na_values=[""])
    back["note"] = back["note"].fillna("")
    with pytest.raises(ValueError, match="which calibration profile"):
        verdict_notes(back)
    assert verdict_notes(back, "province").tolist() == once.tolist()


def test_the_readme_notebook_call_gives_the_verdicts_edustats_assess_prints(tmp_path):
    # fresh reader 3: es.assess in a notebook differed from the CLI on 86 of 87 targets (date, profile, and
    # annual targets judged year by year only in the CLI); the README's call now gives the CLI's table
    targets = es.load_targets()
    obs = es.load_observations("data/examples/observations.csv")
    api = es.annual_verdicts(es.assess(targets, obs, as_of="2026-11-29", calibration="province"), targets, obs)
    out = tmp_path / "v.csv"
    assert main(["assess", "--observations", "data/examples/observations.csv", "--as-of", "2026-11-29",
                 "--out", str(out)]) == 0
    cli = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert api["id"].tolist() == cli["id"].tolist() and len(api) == 87
    assert api["verdict_vi"].tolist() == cli["verdict_vi"].tolist()
    assert api["note"].tolist() == cli["note"].tolist()
    assert (api.set_index("id").loc["001-28", "verdict_vi"] == "Không đạt (hằng năm: đạt 0/1 năm)")


def test_a_forecast_against_the_trend_is_said_so_not_as_a_negative_share_of_it():
    # fresh reader 3: Lạc Sơn 000-14 rising 36,07 → 40,74 (2016–2020), province profile, due 2030: projected
    # 40,68 (the level is drawn towards the line's end, the trend not kept): the note read "giữ −1% nhịp"
    obs = pd.DataFrame({"series": "s", "year": range(2016, 2021), "value": [36.07, 37.05, 38.65, 39.49, 40.74]})
    tg = pd.DataFrame({"series": ["s"], "comparator": [">="], "target": [50.0], "due_year": [2030], "unit": ["percent"]})
    r = assess_series(obs, tg, calibration="province")
    below = 40.74 - r["projected"].iloc[0]
    assert 0.05 <= below < 0.15                                   # 0,1 point below the latest value
    vi, en = verdict_notes(r).iloc[0].split(" / ")
    assert vi.startswith("dự báo không theo nhịp thay đổi bình quân 2016–2020 (1,17 điểm %/năm): năm đích thấp hơn "
                         "giá trị gần nhất 0,1 điểm %, khoảng 80%")
    assert en.startswith("the forecast does not follow the 2016-2020 average change (1.17 percentage points/year): "
                         "the due year is 0.1 percentage points below the latest value; 80% band")
    assert "%" not in vi.split("nhịp")[0]                          # no "giữ −1%"
    # due 2023 the same series keeps a share of its trend, said as before
    r23 = assess_series(obs, tg.assign(due_year=2023), calibration="province")
    assert verdict_notes(r23).iloc[0].startswith("dự báo giữ 13% nhịp thay đổi bình quân 2016–2020")


def test_shares_written_as_fractions_are_asked_about_not_silently_read_as_under_one_percent():
    # fresh reader 3: 0,50…0,57 against "≥ 70%" was assessed as a rate under 1 % with no word
    tg = pd.DataFrame({"id": ["T1", "T2"], "kind": "target", "source": "x", "locality": "A", "level": "primary",
                       "indicator": ["net_enrolment_rate", "dropout_rate"], "label_vi": "x",
                       "comparator": [">=", "<="], "value": [70.0, 6.0], "year": 2025, "unit": "percent"})
    ob = pd.DataFrame({"locality": "A", "level": "primary", "indicator": ["net_enrolment_rate"] * 3 + ["dropout_rate"] * 3,
                       "year": [2021, 2022, 2023] * 2, "value": [0.50, 0.53, 0.57, 0.8, 0.7, 0.6]})
    r = assess(tg, ob, as_of=2023).set_index("id")
    vi, en = r.loc["T1", "note"].split(" / ")                 # each language's question in its own half
    assert vi.startswith("mọi giá trị đều từ 0 đến 1 trong khi mục tiêu là 70%: nếu tỷ lệ được viết dạng phân số "
                         "(0,57 cho 57%), hãy nhân với 100; dự báo ")
    assert en.startswith("every value is between 0 and 1 while the target is 70%: if the shares were written as "
                         "fractions (0.57 for 57%), multiply them by 100; ")
    assert "phân số" not in r.loc["T2", "note"]     # a dropout rate under 1 % against "≤ 6%" is plausible: no question


def test_unreadable_years_are_named_once_each_without_a_false_nothing_to_project_line():
    # fresh reader 4: school years given to assess_series also produced "at least one observation up to the due
    # year (only later years were given)", which was not true
    obs = pd.DataFrame({"series": "s", "year": ["2015-2016", "2016-2017"], "value": [10.0, 11.0]})
    tg = pd.DataFrame({"series": ["s"], "comparator": [">="], "target": [20.0], "due_year": [2030], "unit": ["percent"]})
    with pytest.raises(DataError) as e:
        assess_series(obs, tg)
    text = str(e.value)
    assert text.count("expected a year (a whole number)") == 2 and "nothing to project from" not in text


def test_when_the_unsd_rule_says_on_track_and_the_forecast_unlikely_the_note_says_why_in_each_language():
    # fresh reader 4: "Khó đạt" beside UNSD "on_track" in one row, unexplained
    obs = pd.DataFrame({"series": "s", "year": range(2016, 2021), "value": [36.07, 37.05, 38.65, 39.49, 40.74]})
    tg = pd.DataFrame({"series": ["s"], "comparator": [">="], "target": [50.0], "due_year": [2030], "unit": ["percent"]})
    r = assess_series(obs, tg, calibration="province")
    assert (r["verdict"].iloc[0], r["unsd_category"].iloc[0]) == ("unlikely", "on_track")
    vi, en = verdict_notes(r).iloc[0].split(" / ")
    assert vi.endswith("; quy tắc UNSD xếp “đúng hướng” vì nhịp đã đạt bằng hoặc gần bằng nhịp cần, còn dự báo thấp hơn "
                       "vì các chuỗi số liệu thật ít khi giữ nguyên nhịp")
    assert en.endswith("; the UNSD rule says on track because the pace achieved is at or near the pace needed, the "
                       "forecast is lower because real series seldom keep their pace")
    # where they agree, nothing is added
    agree = assess_series(obs, tg.assign(target=41.0, due_year=2023), calibration="province")
    assert "UNSD" not in verdict_notes(agree).iloc[0]
