"""Back-test machinery: every metric on a hand-made case, the reference forecasters, the learned default."""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from edustats import backtest as bt
from edustats.projection import (LEVELS, class_weights, damped_quantiles, from_bounded, grid_cdf, load_calibration,
                                 monotone_scales, smoothness, to_bounded, window_stats)

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def tasks_of(Y, Yf, unit="ratio", X=None):
    Y = np.asarray(Y, float)
    X = np.tile(np.arange(2000.0, 2000 + Y.shape[1]), (len(Y), 1)) if X is None else X
    T = len(Y)
    return {"X": X, "Y": Y, "K": np.full(Y.shape, np.nan), "N": np.full(Y.shape, np.nan),
            "Yf": np.asarray(Yf, float), "origin": X[:, -1], "series": np.array([f"s{i}" for i in range(T)]),
            "unit": np.full(T, unit), "group": np.array([f"g{i}" for i in range(T)]),
            "indicator": np.full(T, "x"), "window": Y.shape[1], "horizons": np.arange(1, np.shape(Yf)[1] + 1)}


def normal_grid(mu, sd):
    return mu + sd * stats.norm.ppf(LEVELS)


# ---- metrics on hand-made cases
def test_interval_score_by_hand():
    # Gneiting & Raftery (2007), eq. 43: width + 2/α × distance outside
    assert bt.interval_score(10, 20, 15, 0.2) == 10
    assert bt.interval_score(10, 20, 25, 0.2) == 10 + 10 * 5
    assert bt.interval_score(10, 20, 8, 0.05) == 10 + 40 * 2


def test_brier_and_log_score_by_hand():
    assert bt.brier_score([1.0, 0.0, 0.5], [1, 0, 1]) == pytest.approx(0.25 / 3)
    assert bt.log_score([0.5, 0.5], [1, 0]) == pytest.approx(np.log(2))
    assert bt.log_score([1.0], [0]) == pytest.approx(-np.log(0.005))   # bounded: never infinite


def test_evaluate_coverage_msis_mase_pit_by_hand():
    # one task, window 1,2,3,4,5 (mean abs one-step change 1), forecast N(5, 1) at h = 1
    t = tasks_of([[1, 2, 3, 4, 5]], [[6.9]])
    Q = normal_grid(5.0, 1.0)[None, None, :]
    r = bt.evaluate(t, Q).iloc[0]
    z90, z975 = stats.norm.ppf(0.9), stats.norm.ppf(0.975)
    assert r["cov80"] == 0 and r["cov95"] == 1                   # 6,9 is 1,9 sd out: outside 80%, inside 95%
    assert r["msis80"] == pytest.approx(2 * z90 + 2 / 0.2 * (6.9 - (5 + z90)))
    assert r["msis95"] == pytest.approx(2 * z975)
    assert r["mase"] == pytest.approx(1.9)
    assert r["pit"] == pytest.approx(stats.norm.cdf(1.9), abs=2e-3)  # linear between grid levels 0,95 and 0,975
    # P(≥ latest value 5) = 0,5 and it was met
    assert r["p_latest"] == pytest.approx(0.5) and r["o_latest"] == 1
    # targets at 6,9 ± (0,5, 1,5) × scale 1: outcomes 1, 1, 0, 0; P = 1 − Φ(θ − 5)
    p = [1 - stats.norm.cdf(1.9 + d) for d in bt.BRIER_OFFSETS]
    o = [1, 1, 0, 0]
    assert r["brier"] == pytest.approx(np.mean([(a - b) ** 2 for a, b in zip(np.clip(p, 0.005, 0.995), o)]), abs=2e-3)


def test_score_aggregates_and_a_flat_window_has_no_scaled_metric():
    t = tasks_of([[1, 2, 3, 4, 5], [3, 3, 3, 3, 3]], [[5.0], [3.0]])
    Q = np.stack([normal_grid(5.0, 1.0), normal_grid(3.0, 1.0)])[:, None, :]
    f = bt.evaluate(t, Q)
    assert np.isnan(f["mase"].iloc[1])        # scale 0: MASE undefined, left out of the mean
    s = bt.score(f).iloc[0]
    assert s["coverage80"] == 1.0 and s["mase"] == 0.0 and s["n"] == 2


def test_reliability_and_pit_tables_by_hand():
    rel = bt.reliability_table([0.05, 0.15, 0.95, 0.97], [0, 1, 1, 1], bins=2)
    assert rel["observed"].tolist() == [0.5, 1.0] and rel["mean_p"].round(2).tolist() == [0.1, 0.96]
    assert bt.pit_table([0.05, 0.15, 0.25, 0.95], bins=2)["share"].tolist() == [0.75, 0.25]


def test_grid_cdf_reads_the_quantile_grid():
    q = normal_grid(0.0, 1.0)[None, :]
    assert grid_cdf(q, np.array([0.0]))[0] == pytest.approx(0.5)
    assert grid_cdf(q, np.array([stats.norm.ppf(0.9)]))[0] == pytest.approx(0.9)
    assert grid_cdf(q, np.array([10.0]))[0] == 0.995 and grid_cdf(q, np.array([-10.0]))[0] == 0.005
    # a point mass at 100: P(Y ≥ 99,5) from the levels at 100
    g = np.minimum(normal_grid(100.0, 1.0), 100.0)[None, :]
    assert 1 - grid_cdf(g, np.array([99.5]), side="left")[0] == pytest.approx(1 - stats.norm.cdf(-0.5), abs=0.02)


# ---- tasks and splits
def test_tasks_respect_windows_gaps_and_horizons():
    d = pd.DataFrame({"series": "a", "year": [2000, 2001, 2002, 2003, 2010, 2011], "value": [1, 2, 3, 4, 5, 6],
                      "unit": "ratio", "group": "g"})
    t = bt.make_tasks(d, window=3, horizons=(1, 2))
    # windows ending 2002, 2003 (span 2); ending 2010 spans 2002-2010 = 8 > 2·(3−1): left out; 2011 too
    assert t["origin"].tolist() == [2002.0, 2003.0]
    assert t["Yf"][0][0] == 4.0 and np.isnan(t["Yf"][0][1]) and np.isnan(t["Yf"][1]).all()


def test_split_is_by_group_and_stable():
    g = np.array(["VNM", "VNM", "FRA", "KEN", "KEN"])
    s = bt.split_groups(g)
    assert s[0] == s[1] and s[3] == s[4]                     # a group never on both sides
    assert (bt.split_groups(g) == s).all()                    # deterministic
    many = bt.split_groups([f"c{i}" for i in range(1000)])
    assert 0.45 < many.mean() < 0.55


# ---- reference forecasters
def test_naive_and_drift_by_hand():
    t = tasks_of([[10, 12, 11, 13, 14]], [[15.0, 15.0]])
    Q = bt.forecast_naive(t)
    d = np.diff([10, 12, 11, 13, 14.0]); s = np.sqrt((d ** 2).mean())
    assert Q[0, 0, 12] == 14.0                                 # median: the latest value
    assert Q[0, 1, 22] - 14.0 == pytest.approx(stats.t.ppf(0.975, 4) * s * np.sqrt(2))
    Qd = bt.forecast_drift(t)
    assert Qd[0, 0, 12] == pytest.approx(15.0) and Qd[0, 1, 12] == pytest.approx(16.0)   # drift (14 − 10)/4


def test_linear_damped_theta_on_a_straight_line():
    t = tasks_of([[1, 2, 3, 4, 5, 6, 7, 8]], [[9.0, 10, 11, 12, 13]])
    lin = bt.forecast_linear(t)[0, :, 12]
    assert lin == pytest.approx([9, 10, 11, 12, 13])
    ets = bt.forecast_damped_trend(t)[0, :, 12]
    assert (np.diff(ets) > 0).all() and (ets <= lin + 1e-9).all() and ets[0] > 8   # damped: below the line
    th = bt.forecast_theta(t)[0, :, 12]
    # Theta = SES + half the slope: on a line the level lags; forecasts rise by b/2 = 0,5 a year
    assert np.diff(th) == pytest.approx([0.5] * 4)


def test_percent_references_stay_inside_0_100():
    t = tasks_of([[80, 88, 93, 96, 98]], [[99.0, 99, 99, 99, 99]], unit="percent")
    for name, fn in bt.REFERENCES.items():
        Q = fn(t)
        assert (Q >= 0).all() and (Q <= 100).all(), name


# ---- the default, recomputed by hand from the shipped constants
def test_default_quantiles_recomputed_from_the_calibration_file():
    cal = load_calibration("national")
    x = np.arange(2016.0, 2021); y = np.array([40.0, 42.0, 41.0, 44.0, 45.0])
    a = np.arcsin(np.sqrt(y / 100))
    # steadiness of the values before the latest (40, 42, 41, 44): net change over the sum of absolute changes;
    # with the covariate "steadiness_regularity" times 1 + the regularity of the steps (1 − mean |Δ − Δ̄| / mean |Δ|)
    S = np.abs(np.diff(a[:-1])).sum()
    smooth = abs(a[3] - a[0]) / S
    steps = np.diff(a[:-1])
    regular = 1 - np.abs(steps - steps.mean()).mean() / np.abs(steps).mean()
    z = smooth * (1 + regular) if cal["covariate"] == "steadiness_regularity" else smooth
    cells = cal["units"]["percent"]["5"]
    edges = np.asarray(cal["smoothness_edges"]); centres = (edges[:-1] + edges[1:]) / 2
    k = int(np.searchsorted(centres, z))               # the two classes whose centres bracket it
    assert 1 <= k < len(centres)
    lo_c, hi_c = centres[k - 1], centres[k]
    f = float(np.clip((z - lo_c) / (hi_c - lo_c), 0, 1))
    wt = {k - 1: 1 - f, k: f}
    h = 2
    wl = sum(w * cells[c]["level_weight_last"] for c, w in wt.items())
    kept = sum(w * cells[c]["trend_kept"][h - 1] for c, w in wt.items()) * h
    e = sum(w * np.asarray(cells[c]["error_quantiles"][h - 1]) for c, w in wt.items())
    line = np.polyfit(x, a, 1)
    center = wl * a[-1] + (1 - wl) * np.polyval(line, 2020) + kept * line[0]
    # scale: mean absolute step (4 steps); the last step (a rise) counts fully on the upper side and with
    # weight min(1, K/|e|) on the lower, K = g·4·1, g = ∂centre/∂(latest value)
    xb, sxx = x.mean(), ((x - x.mean()) ** 2).sum()
    g = wl + (1 - wl) * (1 / 5 + (2020 - xb) ** 2 / sxx) + kept * (2020 - xb) / sxx
    d = a[4] - a[3]
    assert d > 0
    lim = np.minimum(1.0, g * 4 / np.abs(e))
    scale = np.where(e >= 0, (S + d) / 4, (S + lim * d) / 4)
    expect = 100 * np.sin(np.clip(center + scale * e, 0, np.pi / 2)) ** 2
    got = damped_quantiles(x[None, :], y[None, :], np.ones((1, 5), bool), np.array([True]), np.array([[2.0]]), cal)
    assert got[0, 0] == pytest.approx(expect, rel=1e-9)


def test_class_weights_are_continuous_and_scales_keep_quantiles_monotone_by_hand():
    edges = np.array([0, 1 / 3, 2 / 3, 1])
    w = class_weights(np.array([0.1, 1 / 3 - 1e-9, 1 / 3 + 1e-9, 0.9]), edges)
    assert w[0].tolist() == [1.0, 0.0, 0.0] and w[3].tolist() == [0.0, 0.0, 1.0]
    assert w[1] == pytest.approx([0.5, 0.5, 0.0], abs=1e-8) and w[2] == pytest.approx([0.5, 0.5, 0.0], abs=1e-8)
    # S = 3 over 3 steps (n − 1 = 3), last step d = −2 (a fall), Δt = 1, g = 0,5: K = 0,5·3·1 = 1,5
    E = np.array([[[-4.0, -1.0, 1.0, 1.5, 6.0]]])
    s = monotone_scales(E, np.array([3.0]), np.array([-2.0]), np.array([3.0]), np.array([1.0]), np.array([0.0]),
                        np.array([[0.5]]))[0, 0]
    # lower side: the fall counts fully, (3 + 2)/3; upper side: min(1, 1,5/e)·2, so (3 + 2)/3 up to e = 1,5, then
    # (3 + 2·1,5/6)/3 = 1,1667 at e = 6
    assert s == pytest.approx([5 / 3, 5 / 3, 5 / 3, 5 / 3, 3.5 / 3])
    # raising the latest value by δ moves the centre by g·δ and d by δ: the quantile at e = 6 rises by
    # g·δ − 6·(1,5/6)·δ/3 = 0 (at the limit) and never falls
    dl = 1e-3
    s2 = monotone_scales(E, np.array([3.0]), np.array([-2.0 + dl]), np.array([3.0]), np.array([1.0]), np.array([0.0]),
                         np.array([[0.5]]))[0, 0]
    q1, q2 = s * E[0, 0], 0.5 * dl + s2 * E[0, 0]
    assert (q2 - q1 >= -1e-12).all()


def test_binomial_noise_is_added_in_quadrature_on_the_arcsine_scale():
    cal = load_calibration("national")
    x = np.arange(2016.0, 2021)[None, :]; y = np.array([[40.0, 42.0, 41.0, 44.0, 45.0]])
    M = np.ones((1, 5), bool); H = np.array([[2.0]])
    q0 = to_bounded(damped_quantiles(x, y, M, np.array([True]), H, cal)[0, 0], True)
    q1 = to_bounded(damped_quantiles(x, y, M, np.array([True]), H, cal, n_future=np.array([100.0]))[0, 0], True)
    m = q0[12]
    z = stats.norm.ppf(LEVELS)
    expect = m + np.sign(LEVELS - 0.5) * np.sqrt((q0 - m) ** 2 + (z / (2 * np.sqrt(100))) ** 2)
    assert q1 == pytest.approx(expect, abs=1e-9)


def test_window_stats_and_smoothness_by_hand():
    x = np.array([[1.0, 2, 3, 4]]); a = np.array([[1.0, 3, 2, 4]])
    last, end, slope, scale = window_stats(x, a, np.ones((1, 4), bool), np.array([False]))
    assert (last[0], slope[0], scale[0]) == (4.0, pytest.approx(0.8), pytest.approx(5 / 3))
    assert end[0] == pytest.approx(0.5 + 0.8 * 4)
    assert smoothness(x, a, np.ones((1, 4), bool))[0] == pytest.approx(3 / 5)
    # bounded scale: arcsine, finite at both bounds
    assert from_bounded(to_bounded(np.array([0.0, 37.5, 100.0]), True), True) == pytest.approx([0, 37.5, 100])


def test_learning_recovers_how_much_trend_carries_on():
    rng = np.random.default_rng(3)
    rows = []
    for g in range(120):
        yrs = np.arange(2000, 2016)
        walk = 50 + np.cumsum(rng.normal(0, 1, len(yrs)))          # no trend at all: nothing should carry on
        line = 10 + 1.0 * (yrs - 2000) + rng.normal(0, 0.3, len(yrs))   # a trend that carries on fully
        rows += [pd.DataFrame({"series": f"walk{g}", "year": yrs, "value": walk, "unit": "ratio", "group": f"w{g}"}),
                 pd.DataFrame({"series": f"line{g}", "year": yrs, "value": line, "unit": "ratio", "group": f"l{g}"})]
    walks = pd.concat(rows[0::2]); lines = pd.concat(rows[1::2])
    cw = bt.learn_calibration([bt.make_tasks(walks, 6)], cv_folds=3)["units"]["ratio"]["6"]
    cl = bt.learn_calibration([bt.make_tasks(lines, 6)], cv_folds=3)["units"]["ratio"]["6"]
    kept_walk = np.mean([c["trend_kept"] for c in cw if c["n_tasks"] > 50])
    kept_line = [c["trend_kept"] for c in cl if c["n_tasks"] > 50]
    assert kept_walk < 0.2 and min(min(k) for k in kept_line) > 0.8
    # the random walk's errors grow like √h: 80% band at h = 4 about twice that at h = 1
    c = max(cw, key=lambda c: c["n_tasks"])
    w1 = c["error_quantiles"][0][20] - c["error_quantiles"][0][4]
    w4 = c["error_quantiles"][3][20] - c["error_quantiles"][3][4]
    assert 1.6 < w4 / w1 < 2.5


def test_regularity_and_covariate_by_hand():
    from edustats.projection import covariate, regularity
    # steps per year: 1, 2/2, 1 (a gap of two years) -> equal: 1; steps 2, 0, 3: mean 5/3, mean |Δ − 5/3| = 10/9,
    # 1 − (10/9)/(5/3) = 1/3; the latest value (100, −7) is never used
    x = np.array([[1., 2, 4, 5, 6], [1., 2, 3, 4, 5]]); a = np.array([[0., 1, 3, 4, 100], [0., 2, 2, 5, -7]])
    M = ~np.isnan(a)
    assert regularity(x, a, M).tolist() == pytest.approx([1.0, 1 / 3])
    # both only rose before the latest value (steadiness 1; second row: net 5 over 2 + 0 + 3), times 1 + r
    assert covariate(x, a, M, "steadiness_regularity").tolist() == pytest.approx([2.0, 4 / 3])
    b = a.copy(); b[:, -1] = [-50.0, 80.0]
    assert covariate(x, b, M, "steadiness_regularity").tolist() == covariate(x, a, M, "steadiness_regularity").tolist()
    # a back-and-forth series: steadiness 0 whatever its regularity
    assert covariate(np.array([[1., 2, 3, 4]]), np.array([[1., 2, 1, 5]]), np.ones((1, 4), bool),
                     "steadiness_regularity").tolist() == [0.0]
    # the shipped profiles use it, with two classes above 1 (series that moved one way)
    cal = load_calibration("national")
    assert cal["covariate"] == "steadiness_regularity" and cal["smoothness_edges"][-3:] == [1.0, 1.5, 2.0]


def test_error_growth_beyond_five_years_learned_on_random_walks():
    # a random walk without trend: the error at h has variance h·σ², so the 5-year band grows by √(h/5)
    # (√1,2 = 1,095 at 6 years, √2 = 1,414 at 10), plus a little for the trend the default keeps
    rng = np.random.default_rng(5)
    walks = pd.concat([pd.DataFrame({"series": f"walk{g}", "year": np.arange(2000, 2030),
                                     "value": 50 + np.cumsum(rng.normal(0, 1, 30)), "unit": "ratio", "group": f"w{g}"})
                       for g in range(160)])
    train = walks[~bt.split_groups(walks["group"])]
    cal = bt.calibration_of(bt.learn_calibration([bt.make_tasks(train, 6)], cv_folds=3))
    b = bt.learn_beyond(walks, cal, windows=(6,))
    f = np.asarray(b["ratio"])
    assert b["horizons"] == [6, 7, 8, 9, 10] and "percent" not in b
    assert np.all(np.diff(f) >= 0) and f[0] >= 1.0
    assert f[0] == pytest.approx(np.sqrt(1.2), abs=0.08) and f[-1] == pytest.approx(np.sqrt(2.0), abs=0.15)
    # the learned factors are what the default applies: the 10-year quantiles are the 5-year ones × f_10
    x = np.arange(2018.0, 2024)[None, :]; y = np.array([[50.0, 51, 50.5, 52, 51, 53]])
    q = damped_quantiles(x, y, np.ones((1, 6), bool), np.array([False]), np.array([[5.0, 10.0]]),
                         {**cal, "beyond": b})[0]
    assert (q[1, 20] - q[1, 12]) == pytest.approx(f[-1] * (q[0, 20] - q[0, 12]), rel=1e-9)


def test_shipped_calibration_has_provenance_and_the_learn_command():
    raw = json.loads((Path(bt.__file__).parent / "data" / "forecast_calibration.json").read_text(encoding="utf-8"))
    prov = raw["provenance"]
    assert "split_groups" in prov["split"] and prov["command"].startswith("python -m edustats.backtest learn")
    assert set(raw["profiles"]) == {"national", "province"} and prov["learned"][:2] == "20"
    for prof in raw["profiles"].values():
        for unit in ("percent", "ratio"):
            for cells in prof["units"][unit].values():
                for c in cells:
                    for q in c["error_quantiles"]:
                        assert np.all(np.diff(q) >= 0)           # quantiles in order
        # growth beyond 5 years: learned on the training split, never falling with the horizon, at least 1
        assert prof["beyond"]["horizons"] == [6, 7, 8, 9, 10]
        for unit in ("percent", "ratio"):
            f = np.asarray(prof["beyond"][unit])
            assert f[0] >= 1.0 and np.all(np.diff(f) >= 0) and len(f) == 5
    assert "learn_beyond" in prov["beyond"]


@pytest.mark.skipif(not (SHARED / "gso_provinces").exists(), reason="the GSO tables of ../shared are not here")
def test_gso_series_derived_by_hand():
    g = bt.gso_corpus(SHARED / "gso_provinces")
    r = g[(g["series"] == "pupils_per_teacher|primary|Hòa Bình") & (g["year"] == 2015)].iloc[0]
    assert r["value"] == pytest.approx(69118 / 4956)            # README example: 13,9 pupils per teacher
    assert r["group"] == "Hòa Bình" and r["unit"] == "ratio"
    lit = g[(g["series"] == "literacy_rate_15plus|Lai Châu") & (g["year"] == 2015)]["value"].item()
    assert lit == pytest.approx(59.2)
    assert g.loc[g["unit"] == "percent", "value"].between(0, 100).all()


@pytest.mark.skipif(not (SHARED / "intl_series").exists(), reason="the EdStats series of ../shared are not here")
def test_intl_series_left_out_literacy_and_group_by_country():
    d = bt.intl_corpus(SHARED / "intl_series")
    assert not d["indicator"].str.startswith("SE.ADT").any()
    assert (d["series"].str.split("|").str[1] == d["group"]).all()
