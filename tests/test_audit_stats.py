"""Independent audit of the forecasting/calibration and GRIM/rounding/reconcile code (audit-b).

Every expected number is computed by hand here (the working is in the comments) or taken from
the primary source named beside it:

- interval score: Gneiting & Raftery (2007), JASA 102(477), eq. 43; scaled as MSIS in the M4
  competition (Makridakis et al. 2020; the formula as in tensorflow-probability's
  ``tfp.experimental.timeseries.msis``: ``(U − L) + 2/a (L − y)[y < L] + 2/a (y − U)[y > U]``
  over the in-sample mean absolute one-step difference);
- MASE: Hyndman & Koehler (2006), IJF 22(4): absolute error over the in-sample mean absolute
  one-step (naive) difference;
- Brier score: proper for a binary event fixed before the outcome (Gneiting & Raftery 2007, §3);
- GRIM: Brown & Heathers (2017); scrutiny (R), ``grim()`` (rounding "up_or_down" by default) and
  ``grim_ratio()`` = (10^D − N) / 10^D.
"""
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import edustats as es
from edustats import backtest as bt
from edustats.assess import assess, assess_series, met_threshold, verdict_notes
from edustats.consistency import fraction_verdict, grim_consistent, grim_share_ruled_out, grim_verdict, \
    numerators_matching
from edustats.projection import LEVELS
from edustats.vnformat import parse_vn_decimal, round_as, rounds_to

I025, I10, I50, I90, I975 = (int(np.argmin(abs(LEVELS - q))) for q in (0.025, 0.1, 0.5, 0.9, 0.975))


def tasks_of(Y, Yf, unit="ratio"):
    Y = np.asarray(Y, float)
    T = len(Y)
    X = np.tile(np.arange(2000.0, 2000 + Y.shape[1]), (T, 1))
    return {"X": X, "Y": Y, "K": np.full(Y.shape, np.nan), "N": np.full(Y.shape, np.nan),
            "Yf": np.asarray(Yf, float), "origin": X[:, -1], "series": np.array([f"s{i}" for i in range(T)]),
            "unit": np.full(T, unit), "group": np.array([f"g{i}" for i in range(T)]),
            "indicator": np.full(T, "x"), "window": Y.shape[1], "horizons": np.arange(1, np.shape(Yf)[1] + 1)}


# =============================================================================================
# 1. Forecast metrics against their papers
# =============================================================================================
def test_msis_and_mase_by_hand_m4_definition():
    # window 10, 12, 11, 13, 14: one-step changes 2, 1, 2, 1 → in-sample scale 1,5.
    # A grid linear in the level with Q(0,025) = 10 and Q(0,975) = 20 (median 15); outcome 25.
    Q = (10 + (LEVELS - 0.025) / 0.95 * 10)[None, None, :]
    r = bt.evaluate(tasks_of([[10, 12, 11, 13, 14]], [[25.0]]), Q).iloc[0]
    # 95 %: width 10 + (2/0,05)·(25 − 20) = 210; / 1,5 = 140
    assert r["msis95"] == pytest.approx(140.0)
    # 80 %: L = 10 + 0,075/0,95·10 = 10,78947, U = 10 + 0,875/0,95·10 = 19,21053:
    # (U − L) + (2/0,2)(25 − U) = 8,42105 + 57,89474 = 66,31579; / 1,5 = 44,21053
    assert r["msis80"] == pytest.approx(44.21053, abs=1e-4)
    # MASE: |25 − 15| / 1,5
    assert r["mase"] == pytest.approx(10 / 1.5)
    assert r["cov80"] == 0 and r["cov95"] == 0
    # below the interval, 80 %: y = 8 → (U − L) + 10·(L − 8) = 8,42105 + 27,89474 = 36,31579; / 1,5
    r = bt.evaluate(tasks_of([[10, 12, 11, 13, 14]], [[8.0]]), Q).iloc[0]
    assert r["msis80"] == pytest.approx(36.31579 / 1.5, abs=1e-4) and r["pit"] == 0.005   # beyond the grid


def _normal_tasks(sd_forecast, T=4000, sd_true=3.0, seed=1):
    """T tasks with in-sample scale 1 and outcome N(100, sd_true²); forecast N(100, sd_forecast²)."""
    rng = np.random.default_rng(seed)
    t = tasks_of(np.tile([96.0, 97, 98, 99, 100], (T, 1)), (100 + rng.normal(0, sd_true, T))[:, None])
    Q = np.tile(100 + sd_forecast * stats.norm.ppf(LEVELS), (T, 1))[:, None, :]
    return bt.score(bt.evaluate(t, Q), by=()).iloc[0]


def test_scores_at_fixed_thresholds_and_the_interval_score_are_proper():
    # Gneiting & Raftery (2007): the true distribution (sd 3) scores best in expectation
    s = {sd: _normal_tasks(sd) for sd in (1.5, 3.0, 6.0)}
    assert s[3.0]["brier_origin"] < min(s[1.5]["brier_origin"], s[6.0]["brier_origin"])
    assert s[3.0]["msis80"] < min(s[1.5]["msis80"], s[6.0]["msis80"])
    assert abs(s[3.0]["coverage80"] - 0.8) < 0.03


@pytest.mark.xfail(strict=True, reason=(
    "AUDIT: evaluate()'s `brier` and `logs` place the targets at the realised value ± 0,5 and 1,5 scales, so the "
    "event depends on the outcome and the score is not proper (Gneiting & Raftery 2007, §3: propriety needs an "
    "event fixed before the outcome). A forecast twice as wide as the truth scores better (0,226 vs 0,246). "
    "benchmarks/bench_forecast.py now ranks forecasters on the proper `brier_origin`; the column is kept"))
def test_brier_around_the_realised_value_is_proper():
    true, wide = _normal_tasks(3.0), _normal_tasks(6.0)
    assert true["brier"] < wide["brier"] and true["log_score"] < wide["log_score"]


def test_targets_known_at_the_origin_do_not_depend_on_the_outcome():
    # a flat window (scale 0, ratio unit): the threshold spacing falls back to a floor, which must be
    # computed from what is known at the origin (the latest value), not from the realised value
    t = tasks_of([[100.0] * 5, [100.0] * 5], [[100.0], [200.0]])
    Q = np.tile(100 + 5 * stats.norm.ppf(LEVELS), (2, 1))[:, None, :]
    f = bt.evaluate(t, Q)
    for i in range(len(bt.BRIER_OFFSETS)):
        # same forecast, same origin → same P(met) for the same target, whatever happened
        assert f[f"pl{i}"].iloc[0] == f[f"pl{i}"].iloc[1]
    # by hand: θ = 100 + δ·0,1 (floor 0,1 % of the latest value 100); P(≥ 100,05) = 1 − Φ(0,01)
    assert f["pl2"].iloc[0] == pytest.approx(1 - stats.norm.cdf(0.05 / 5), abs=2e-3)


# =============================================================================================
# 2. Leakage: the constants learn from the training groups only, the benchmarks score the others
# =============================================================================================
def _corpus():
    rng = np.random.default_rng(0)
    rows = []
    for g in range(40):
        yrs = np.arange(2000, 2014)
        rows.append(pd.DataFrame({"series": f"s{g}", "year": yrs, "value": 50 + np.cumsum(rng.normal(0, 1, 14)),
                                  "unit": "percent", "group": f"country{g}"}))
    return pd.concat(rows, ignore_index=True)


def test_learn_sees_only_training_groups(monkeypatch, tmp_path):
    import argparse
    seen = []

    def fake_learn(tasks_list):
        for t in tasks_list:
            seen.extend(t["group"].tolist())
        return {"levels": [], "horizons": [], "smoothness_edges": [], "units": {}, "recalibrated_levels": {}}

    seen_beyond = []

    def spy_forecast(tasks, profile="national", calibration=None):   # the growth beyond 5 years: learn_beyond
        seen_beyond.extend(tasks["group"].tolist())
        return bt.forecast_naive(tasks)

    monkeypatch.setattr(bt, "_corpora", lambda args: {"intl": _corpus()})
    monkeypatch.setattr(bt, "learn_calibration", fake_learn)
    monkeypatch.setattr(bt, "forecast_damped", spy_forecast)
    bt._cmd_learn(argparse.Namespace(intl="x", gso=None, out=str(tmp_path / "c.json")))
    n_train = int((~bt.split_groups([f"country{g}" for g in range(40)])).sum())
    for groups in (set(seen), set(seen_beyond)):
        assert groups and not bt.split_groups(sorted(groups)).any()       # no test group reached learning
        assert len(groups) == n_train


def test_backtest_scores_only_test_groups():
    seen = []

    def spy(tasks):
        seen.extend(tasks["group"].tolist())
        return bt.forecast_naive(tasks)

    bt.run_backtest(_corpus(), {"spy": spy}, windows=(5,))
    groups = set(seen)
    assert groups and bt.split_groups(sorted(groups)).all()
    assert len(groups) == int(bt.split_groups([f"country{g}" for g in range(40)]).sum())


# =============================================================================================
# 3. P(met): precision, direction, monotonicity, bounds
# =============================================================================================
def _at_due(last, comparator, target):
    obs = pd.DataFrame({"series": "s", "year": [2021, 2022, 2023, 2025], "value": [9.0, 8.0, 7.0, last]})
    tg = pd.DataFrame({"series": ["s"], "comparator": [comparator], "target": [target], "due_year": [2025],
                       "unit": ["percent"]})
    return assess_series(obs, tg).iloc[0]["verdict"]


@pytest.mark.parametrize("last, comparator, target, verdict", [
    # published half up at the target's precision, never coarser than one decimal (the pages print 96,8%)
    (22.45, ">=", 22.5, "observed_met"),     # prints 22,5 ≥ 22,5
    (22.44, ">=", 22.5, "observed_missed"),  # prints 22,4
    (99.75, ">", 99.7, "observed_met"),      # prints 99,8 > 99,7
    (99.74, ">", 99.7, "observed_missed"),   # prints 99,7, not > 99,7
    (6.04, "<=", 6, "observed_met"),         # prints 6,0 ≤ 6
    (6.05, "<=", 6, "observed_missed"),      # prints 6,1 > 6
    (6.49, "<=", 6, "observed_missed"),      # prints 6,5 > 6 (was: met, read at 0 decimals as 6)
    (2.94, "<", 3, "observed_met"),          # prints 2,9 < 3
    (2.95, "<", 3, "observed_missed"),       # prints 3,0, not < 3
    (96.8, ">=", 97, "observed_missed"),     # prints 96,8 < 97 (was: met, read at 0 decimals as 97)
    (96.95, ">=", 97, "observed_met"),       # prints 97,0
])
def test_observed_at_due_year_at_the_published_precision(last, comparator, target, verdict):
    assert _at_due(last, comparator, target) == verdict


def test_target_precision_keeps_its_trailing_zeros():
    # "đạt 90,10%" (decimals 2): 90,07% is published as 90,07% < 90,10%: missed, although 90,07 ≥ 90,05
    tg = pd.DataFrame({"id": ["T1"], "kind": "target", "source": "x", "locality": "A", "level": "primary",
                       "indicator": "x_rate", "label_vi": "x", "comparator": ">=", "value": 90.1, "year": 2025,
                       "unit": "percent", "decimals": "2"})
    ob = pd.DataFrame({"locality": "A", "indicator": "x_rate", "year": [2023, 2024, 2025], "value": [89.0, 89.5, 90.07]})
    r = assess(tg, ob, base_years={}).iloc[0]
    assert r["threshold"] == pytest.approx(90.095) and r["verdict"] == "observed_missed"
    assert met_threshold(">=", 90.1, 2) == (90.095, True) and met_threshold(">=", 90.1) == (90.05, True)


def test_a_higher_latest_value_never_lowers_p_met():
    base = [82.5, 76.3, 76.4, 69.0, 70.5, 64.1, 59.7]
    obs = pd.concat([pd.DataFrame({"series": f"s{i}", "year": range(2015, 2023), "value": base + [last]})
                     for i, last in enumerate((63.2, 63.4))])
    tg = pd.DataFrame({"series": ["s0", "s1"], "comparator": ">=", "target": 61, "due_year": 2027, "unit": "percent"})
    p = assess_series(obs, tg)["prob_met"].tolist()
    assert p[1] >= p[0]


def _random_pairs(seed, S=400):
    """S random series (3-9 yearly values, some with a gap; percent or ratio; some with counts) and the
    same series with the latest value raised a little."""
    rng = np.random.default_rng(seed)
    rows, tg = [], []
    for i in range(S):
        n = int(rng.integers(3, 10))
        years = np.sort(rng.choice(np.arange(2008, 2024), n, replace=False))
        pct = bool(rng.random() < 0.6)
        start = rng.uniform(1, 99) if pct else rng.uniform(5, 60)
        steps = rng.normal(rng.normal(0, 1.5), rng.uniform(0.05, 4.0), n - 1)
        if rng.random() < 0.2:
            steps[-1] += rng.normal(0, 10)                      # a jump into the latest value
        v = start + np.concatenate([[0.0], np.cumsum(steps)])
        v = np.clip(v, 0.0, 100.0) if pct else np.abs(v) + 0.5
        up = v.copy()
        up[-1] = min(up[-1] + rng.uniform(0.01, 0.5), 100.0) if pct else up[-1] + rng.uniform(0.01, 0.5)
        den = np.full(n, float(rng.integers(50, 5000))) if pct and rng.random() < 0.5 else np.full(n, np.nan)
        for tag, vals in (("a", v), ("b", up)):
            rows.append(pd.DataFrame({"series": f"{tag}{i}", "year": years, "value": vals,
                                      "numerator": vals * den / 100, "denominator": den}))
        target = float(v[-1] + rng.normal(0, 8))
        target = float(np.clip(target, 0, 100)) if pct else abs(target)
        due = int(years[-1] + rng.integers(1, 8))
        for tag in ("a", "b"):
            tg.append(dict(series=f"{tag}{i}", comparator=rng.choice([">=", "<="]), target=round(target, 1),
                           due_year=due, unit="percent" if pct else "ratio"))
    tg = pd.DataFrame(tg)
    tg.loc[1::2, "comparator"] = tg["comparator"].to_numpy()[0::2]   # the same comparator for a pair
    return pd.concat(rows, ignore_index=True), tg


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_raising_the_latest_value_a_little_never_lowers_p_at_least_nor_the_median(seed):
    obs, tg = _random_pairs(seed)
    r = assess_series(obs, tg).set_index("series")
    a = r.loc[[f"a{i}" for i in range(len(tg) // 2)]].reset_index()
    b = r.loc[[f"b{i}" for i in range(len(tg) // 2)]].reset_index()
    assert (a["model"] == "damped").all() and a["prob_met"].notna().all()
    ge = a["comparator"] == ">="
    assert (b.loc[ge, "prob_met"] >= a.loc[ge, "prob_met"] - 1e-12).all()     # P(≥ θ) never falls
    assert (b.loc[~ge, "prob_met"] <= a.loc[~ge, "prob_met"] + 1e-12).all()   # P(≤ θ) never rises
    assert (b["projected"] >= a["projected"] - 1e-9).all()                     # the median never falls
    for c in ("lo80", "hi80", "lo95", "hi95"):
        assert (b[c] >= a[c] - 1e-9).all()


@pytest.mark.parametrize("values, comparator, target", [([99.0, 99.5, 99.8, 100.0, 100.0], ">=", 100),
                                                         ([2.0, 1.0, 0.5, 0.0, 0.0], "<=", 0)])
def test_near_the_bounds_with_counts_percent_stays_in_0_100_and_p_is_bounded(values, comparator, target):
    n = np.full(5, 40)
    obs = pd.DataFrame({"series": "s", "year": range(2018, 2023), "value": values,
                        "numerator": np.round(np.array(values) * n / 100), "denominator": n})
    r = assess_series(obs, pd.DataFrame({"series": ["s"], "comparator": [comparator], "target": [target],
                                          "due_year": [2025], "unit": ["percent"]})).iloc[0]
    assert 0.0 <= r["lo95"] <= r["lo80"] <= r["projected"] <= r["hi80"] <= r["hi95"] <= 100.0
    assert r["hi95"] - r["lo95"] > 0.5           # 40 pupils: binomial noise, never a point mass
    assert 0.005 <= r["prob_met"] <= 0.995 and r["prob_met"] > 0.3


# =============================================================================================
# 4. GRIM, rounding, parsing
# =============================================================================================
@pytest.mark.parametrize("value, d, n, rounding, ks", [
    (90.14, 2, 355, "up_or_down", [320]),      # 32 000/355 = 90,1408 → 90,14; 319/355 = 89,86, 321/355 = 90,42
    (90.14, 2, 100, "up_or_down", []),         # k/100 is a whole percentage: 90,00 or 91,00
    (62, 0, 8, "half_up", []),                 # 5/8 = 62,5 → 63; 4/8 = 50
    (62, 0, 8, "half_even", [5]),              # 62,5 → 62 (even)
    (62, 0, 8, "up_or_down", [5]),             # either neighbour at an exact .5 (scrutiny's default)
    (62, 0, 8, "trunc", [5]),
    (66.6, 1, 3, "up_or_down", []),            # 2/3 = 66,666… → 66,7
    (66.6, 1, 3, "trunc", [2]),                # 66,666… truncated → 66,6
    (66.7, 1, 3, "half_up", [2]),
])
def test_grim_hand_cases(value, d, n, rounding, ks):
    assert numerators_matching(value, d, n, rounding) == ks
    assert grim_consistent(value, d, n, rounding) == bool(ks)


def test_forty_percent_of_2400_by_hand():
    # 100k/2400 ∈ [39,5; 40,5): k = 948 … 971 (24) half up; 40,5 itself (k = 972) also either way at .5
    half_up = numerators_matching(40, 0, 2400, "half_up")
    either = numerators_matching(40, 0, 2400)
    assert (len(half_up), half_up[0], half_up[-1]) == (24, 948, 971)
    assert (len(either), either[0], either[-1]) == (25, 948, 972)


def test_grim_verdicts_by_hand():
    assert grim_verdict(90.14, 2, 100)[0] == "inconsistent"          # 99 % of 2-decimal values ruled out
    assert grim_verdict(90.14, 2, 355)[0] == "ok"
    st, detail = grim_verdict(66.6, 1, 3)
    assert st == "warning" and "possible only under truncation" in detail
    assert grim_verdict(62, 0, 8, rounding="half_up")[0] == "warning"   # possible under half-even
    assert fraction_verdict(66.6, 1, 2, 3)[0] == "warning" and fraction_verdict(66.6, 1, 2, 3, "trunc")[0] == "ok"


def test_share_ruled_out_counts_both_neighbours_at_a_tie():
    # N = 8, whole percentages, either way at .5: k/8 = 0; 12,5; 25; 37,5; 50; 62,5; 75; 87,5 → reachable
    # {0, 12, 13, 25, 37, 38, 50, 62, 63, 75, 87, 88}: 12 of 100, so 88 % ruled out — scrutiny's
    # grim_ratio() formula (100 − 8)/100 = 92 % holds only for a rounding with one value per k (half up: 92 %)
    assert grim_share_ruled_out(0, 8) == pytest.approx(0.88)
    assert grim_share_ruled_out(0, 8, rounding="half_up") == pytest.approx(0.92)
    assert grim_share_ruled_out(2, 45) == pytest.approx(0.9955)      # scrutiny: grim_total("87.50", 45, TRUE)


@pytest.mark.parametrize("x, d, rounding, expected", [
    (Fraction(125, 10), 0, "half_up", ["13"]), (Fraction(125, 10), 0, "half_even", ["12"]),
    (Fraction(135, 10), 0, "half_even", ["14"]), (Fraction(125, 10), 0, "up_or_down", ["12", "13"]),
    (Fraction(129, 10), 0, "trunc", ["12"]), (2.675, 2, "half_up", ["2.68"]),   # the decimal 2,675, not its binary
])
def test_round_as_by_hand(x, d, rounding, expected):
    assert [str(v) for v in round_as(x, d, rounding)] == expected


def test_rounds_to_reads_the_printed_text():
    assert rounds_to(Fraction(9010, 100), "90,10") and not rounds_to(Fraction(9011, 100), "90,10")
    assert rounds_to(Fraction(32000, 355), "90,14")


@pytest.mark.parametrize("token", ["1,234", "12,500", "1.234.56", "1.23.4"])
def test_ambiguous_or_malformed_separators_are_refused(token):
    with pytest.raises(ValueError):
        parse_vn_decimal(token)


@pytest.mark.parametrize("token, expected", [("1.234", (1234.0, 0)), ("1.234,5", (1234.5, 1)),
                                             ("0,500", (0.5, 3)), ("90,14", (90.14, 2)), ("1,234.5", (1234.5, 1))])
def test_unambiguous_separators_are_read(token, expected):
    assert parse_vn_decimal(token) == expected


# =============================================================================================
# 5. Reconcile verdicts
# =============================================================================================
@pytest.fixture
def own_counts(tmp_path):
    from edustats.examples import EXAMPLES_DIR, FILES
    folder = tmp_path / "counts"
    folder.mkdir()
    for name in FILES:
        pd.read_csv(EXAMPLES_DIR / f"{name}.csv", dtype=str, keep_default_na=False).drop(columns="synthetic") \
            .to_csv(folder / f"{name}.csv", index=False)
    return folder


# AUDIT (fixed): with the 18-year-olds' row missing, "15-18-year-olds with the diploma" was computed over
# ages 15-17 and read "tie"; indicators._core.require_every_age now refuses the range
def test_a_missing_age_in_the_range_is_counts_missing_not_a_silent_sum(own_counts):
    p = own_counts / "attainment.csv"
    a = pd.read_csv(p)
    a[~((a["locality"] == "Na Mèo") & (a["year"] == 2021) & (a["age"] == 18))].to_csv(p, index=False)
    r = reconcile_row(own_counts, "001-05")
    assert r["status"] == "counts missing" and "18" in r["missing"]


def reconcile_row(folder, i):
    from edustats.reconcile import reconcile
    return reconcile(es.load_targets(), folder).set_index("id").loc[i]


def test_reconcile_strength_by_hand(own_counts):
    r = reconcile_row(own_counts, "001-09")
    # 960/2400 = 40 % exactly; 948 … 972 print 40 % either way at .5 (25 of the 2 401 numerators 0 … 2 400)
    assert r["status"] == "reproduced" and r["strength"].startswith("25 of 2.401 possible numerators over 2.400")
    r = reconcile_row(own_counts, "001-05")
    assert r["status"] == "reproduced" and (r["numerator"], r["denominator"]) == (320.0, 355.0)
    assert r["strength"].startswith("1 of 356 possible numerators")


def test_reproduced_says_when_another_definition_could_not_be_computed(monkeypatch):
    # "reproduced: exactly one definition prints the figure" cannot be claimed silently when another
    # definition's counts are missing: that one might print it too (a tie)
    import importlib
    rc = importlib.import_module("edustats.reconcile")
    hit = dict(definition="A (def a)", value=40.0, numerator=960.0, denominator=2400.0, missing="", tables=("t",))
    gone = dict(definition="B (def b)", value=float("nan"), numerator=float("nan"), denominator=float("nan"),
                missing="b.csv: not in the folder", tables=("b",))
    monkeypatch.setattr(rc, "candidate_definitions", lambda row, folder, _counts=None: [dict(hit), dict(gone)])
    t = es.load_targets()
    r = rc.reconcile(t[t["id"] == "001-09"]).iloc[0]
    assert r["status"] == "reproduced" and r["missing"].startswith("B: b.csv")
    assert "B" in r["verdict"].split("by one definition")[1] and "not computed" in r["verdict"]


def test_the_note_names_the_countries_the_width_was_learned_from():
    # the national constants are learned on the training split only: of EdStats' 92 countries (literacy
    # left out), split_groups holds out 49 and 42 of the other 43 have a window of ≥ 3 values — not "93"
    import json
    from edustats.projection import CALIBRATION_FILE
    raw = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    n = max(c["n_groups"] for cells in raw["profiles"]["national"]["units"]["percent"].values() for c in cells)
    assert n == 42
    obs = pd.DataFrame({"series": "s", "year": range(2019, 2024), "value": [12, 11, 10.5, 10, 9]})
    tg = pd.DataFrame({"series": ["s"], "comparator": ["<="], "target": [6], "due_year": [2025], "unit": ["percent"]})
    note = verdict_notes(assess_series(obs, tg)).iloc[0]
    assert "42 nước" in note and "42 countries" in note and "93" not in note


@pytest.mark.parametrize("value, comparator, target, verdict", [
    (6.05, "<=", 6, "off_pace_low_confidence"),  # a flat 6,05 % prints 6,1 %: not ≤ 6 %
    (6.04, "<=", 6, "on_pace_low_confidence"),
    (2.95, "<", 3, "off_pace_low_confidence"),   # prints 3,0 %: not < 3 %
    (2.94, "<", 3, "on_pace_low_confidence"),
    (22.45, ">=", 22.5, "on_pace_low_confidence"),   # prints 22,5 %
])
def test_point_verdict_at_the_published_precision(value, comparator, target, verdict):
    # two observations: a point projection (the straight line through two equal values stays at them)
    obs = pd.DataFrame({"series": "s", "year": [2022, 2023], "value": [value, value]})
    tg = pd.DataFrame({"series": ["s"], "comparator": [comparator], "target": [target], "due_year": [2025],
                       "unit": ["percent"]})
    assert assess_series(obs, tg, model="linear").iloc[0]["verdict"] == verdict
