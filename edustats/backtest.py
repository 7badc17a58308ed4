"""Rolling-origin back-tests of forecasters on many real series, and the learned forecast calibration.

A forecaster is scored the way it is used: fit on the last ``w`` reported years of a series
(``w`` = 5…8), forecast 1–5 years ahead, compare with what was later published; repeat from every
origin of every series. Series are split by **group** (country, province) so that related series
never sit on both sides of a train/test split.

Every forecaster returns, per forecast task and horizon, its predictive distribution as quantiles
on a fixed grid of levels (:data:`LEVELS`, 0,5 % … 99,5 %) on the value scale; intervals,
probabilities and PIT all come from that grid (:func:`grid_cdf`).

Metrics (per horizon, unit, indicator; :func:`score`):

* coverage of the central 80 % and 95 % intervals;
* interval score (Gneiting & Raftery 2007, eq. 43), divided by the series' mean absolute one-step
  change in its fit window (as MSIS in the M4 competition):

  .. math:: \\mathrm{IS}_\\alpha(l, u; y) = (u - l) + \\tfrac{2}{\\alpha}(l - y)\\,[y < l]
            + \\tfrac{2}{\\alpha}(y - u)\\,[y > u]

* MASE: absolute error of the median divided by the same scale;
* Brier and logarithmic score of P(met) for targets "≥ θ" placed around the realised values
  (θ = y ± 0,5 and ± 1,5 scales × √h; ``brier``), around the latest value at the origin
  (θ = latest ± the same; ``brier_origin``, independent of the outcome, used for the reliability
  diagram) and for the target "≥ the latest value" (``brier_latest``). Only the last two are proper
  scores (Gneiting & Raftery 2007, §3: the event must be fixed before the outcome): ``brier`` and
  ``log_score``, whose targets move with the outcome, reward a forecast wider than the truth, so
  forecasters are ranked on ``brier_origin``;
* PIT (the predictive CDF at the realised value) and a reliability table of P(met).

The default forecaster (:func:`forecast_damped`) uses constants learned here
(:func:`learn_calibration`) and shipped as ``edustats/data/forecast_calibration.json``;
``python -m edustats.backtest learn --intl ../shared/data/intl_series --gso ../shared/data/gso_provinces``
learns them again (training split only), and ``… report`` (same options) rewrites the shipped
league table ``forecast_backtest.csv`` and reliability table ``forecast_reliability.csv`` of
the held-out split (:func:`load_backtest`).

References
----------
Gneiting, T. & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and estimation.
*JASA* 102(477), 359–378.
Hyndman, R. J. & Koehler, A. B. (2006). Another look at measures of forecast accuracy.
*IJF* 22(4), 679–688 (MASE).
Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4 Competition. *IJF* 36(1), 54–74 (MSIS).
Hyndman, R. J. & Billah, B. (2003). Unmasking the Theta method. *IJF* 19(2), 287–290.
Gardner, E. S. & McKenzie, E. (1985). Forecasting trends in time series. *Management Science* 31(10).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .projection import (LEVELS, CALIBRATION_FILE, damped_quantiles, fit_linear, fit_logit, fit_random_walk,
                         grid_cdf, load_calibration, steadiness, to_bounded, window_stats, covariate)

__all__ = ["LEVELS", "make_tasks", "split_groups", "grid_cdf", "score", "league_table", "reliability_table",
           "REFERENCES", "forecast_naive", "forecast_drift", "forecast_linear", "forecast_logit_linear",
           "forecast_damped_trend", "forecast_theta", "forecast_damped", "learn_calibration", "intl_corpus",
           "gso_corpus", "interval_score", "brier_score", "log_score", "run_backtest", "target_probabilities",
           "pit_table", "evaluate", "plot_reliability", "load_backtest", "learn_profile", "calibration_of",
           "corpus_label", "learn_beyond", "by_horizon", "against_references"]

HORIZONS = (1, 2, 3, 4, 5)
#: horizons beyond the calibrated ones whose error growth is learned (:func:`learn_beyond`); SDG-2030 targets seen from 2023
BEYOND_HORIZONS = (6, 7, 8, 9, 10)
#: calibration profile learned from each corpus
PROFILE_OF_CORPUS = {"intl": "national", "gso": "province"}
_Z = stats.norm.ppf(LEVELS)
_I10, _I90 = int(np.argmin(abs(LEVELS - 0.1))), int(np.argmin(abs(LEVELS - 0.9)))
_I025, _I975 = int(np.argmin(abs(LEVELS - 0.025))), int(np.argmin(abs(LEVELS - 0.975)))
_I50 = int(np.argmin(abs(LEVELS - 0.5)))
BRIER_OFFSETS = (-1.5, -0.5, 0.5, 1.5)
#: classes of the covariate s·(1 + r) of the values before the latest (edustats.projection.covariate): steadiness s
#: (net over total change) times 1 + the regularity r of the steps; 1-2 only for series that moved one way
SMOOTHNESS_EDGES = (0.0, 1 / 3, 2 / 3, 1.0, 1.5, 2.0)
COVARIATE = "steadiness_regularity"


# --------------------------------------------------------------------------------------------- tasks
def make_tasks(long: pd.DataFrame, window: int, horizons=HORIZONS, max_span_factor: float = 2.0) -> dict:
    """Every rolling-origin forecast task of a long table.

    ``long``: ``series, year, value, unit, group`` (and optionally ``numerator``, ``denominator``,
    ``indicator``). A task is the last ``window`` reported values up to an origin (a reported
    year), spanning at most ``max_span_factor × (window − 1)`` years, and the values reported
    ``h`` years after the origin (NaN where none). Returns a dict of arrays: ``X, Y, K, N``
    (tasks × window), ``Yf`` (tasks × horizons), ``origin``, ``series``, ``unit``, ``group``,
    ``indicator``.

    Examples
    --------
    >>> d = pd.DataFrame({"series": "a", "year": range(2000, 2008), "value": range(8), "unit": "ratio",
    ...                   "group": "g"})
    >>> t = make_tasks(d, window=5, horizons=(1, 2))
    >>> t["origin"].tolist(), t["Yf"].tolist()
    ([2004.0, 2005.0, 2006.0, 2007.0], [[5.0, 6.0], [6.0, 7.0], [7.0, nan], [nan, nan]])
    """
    horizons = np.asarray(horizons)
    has_counts = {"numerator", "denominator"} <= set(long.columns)
    d = long.sort_values(["series", "year"], kind="stable")
    out = {k: [] for k in ("X", "Y", "K", "N", "Yf", "origin", "series", "unit", "group", "indicator")}
    ind = d["indicator"] if "indicator" in d.columns else d["series"]
    for (s, g) in d.groupby("series", sort=True).indices.items():
        x = d["year"].to_numpy(float)[g]
        if len(x) < window:
            continue
        y = d["value"].to_numpy(float)[g]
        k = d["numerator"].to_numpy(float)[g] if has_counts else np.full(len(x), np.nan)
        n = d["denominator"].to_numpy(float)[g] if has_counts else np.full(len(x), np.nan)
        W = np.lib.stride_tricks.sliding_window_view(x, window)
        ok = (W[:, -1] - W[:, 0]) <= max_span_factor * (window - 1)
        if not ok.any():
            continue
        idx = np.flatnonzero(ok)
        origin = W[idx, -1]
        pos = {yr: i for i, yr in enumerate(x)}
        yf = np.array([[y[pos[o + h]] if (o + h) in pos else np.nan for h in horizons] for o in origin])
        out["X"].append(W[idx])
        out["Y"].append(np.lib.stride_tricks.sliding_window_view(y, window)[idx])
        out["K"].append(np.lib.stride_tricks.sliding_window_view(k, window)[idx])
        out["N"].append(np.lib.stride_tricks.sliding_window_view(n, window)[idx])
        out["Yf"].append(yf.reshape(len(idx), len(horizons)))
        out["origin"].append(origin)
        first = g[0]
        for key, col in (("series", d["series"]), ("unit", d["unit"]), ("group", d["group"]), ("indicator", ind)):
            out[key].append(np.repeat(col.iloc[first], len(idx)))
    if not out["X"]:
        raise ValueError(f"no series has {window} reported values")
    res = {k: np.concatenate(v) for k, v in out.items()}
    res["window"] = window
    res["horizons"] = horizons
    return res


def split_groups(groups, test_share: float = 0.5, salt: str = "edustats-backtest") -> np.ndarray:
    """True for groups in the test split: a stable hash of the group name (crc32), not random.

    >>> split_groups(["VNM", "FRA", "KEN"]).tolist()
    [True, False, True]
    """
    g = np.asarray(groups).astype(str)
    u, inv = np.unique(g, return_inverse=True)
    h = np.array([zlib.crc32((salt + ":" + x).encode()) % 1000 for x in u]) / 1000.0
    return (h < test_share)[inv]


def subset(tasks: dict, mask: np.ndarray) -> dict:
    """The tasks where ``mask`` is true."""
    return {k: (v[mask] if isinstance(v, np.ndarray) and len(v) == len(mask) and k != "horizons" else v)
            for k, v in tasks.items()}


# --------------------------------------------------------------------------------------------- metrics
def interval_score(lo, hi, y, alpha: float):
    """Interval score of the central (1 − alpha) interval (Gneiting & Raftery 2007, eq. 43).

    >>> float(interval_score(10.0, 20.0, 25.0, 0.2))   # width 10 + (2/0,2)·5 = 60
    60.0
    >>> float(interval_score(10.0, 20.0, 15.0, 0.2))
    10.0
    """
    lo, hi, y = np.asarray(lo, float), np.asarray(hi, float), np.asarray(y, float)
    return (hi - lo) + 2.0 / alpha * ((lo - y) * (y < lo) + (y - hi) * (y > hi))


def brier_score(p, outcome):
    """Mean squared difference between probability and 0/1 outcome.

    >>> float(brier_score([0.9, 0.2], [1, 0]))   # (0,01 + 0,04)/2
    0.025
    """
    p, o = np.asarray(p, float), np.asarray(outcome, float)
    return float(np.mean((p - o) ** 2))


def log_score(p, outcome, eps: float = 0.005):
    """Mean negative log probability of the outcome (probabilities bounded to [eps, 1 − eps]).

    >>> round(log_score([0.9, 0.2], [1, 0]), 4)   # −(ln 0,9 + ln 0,8)/2
    0.1643
    """
    p = np.clip(np.asarray(p, float), eps, 1 - eps)
    o = np.asarray(outcome, float)
    return float(np.mean(-(o * np.log(p) + (1 - o) * np.log(1 - p))))


def naive_scale(X, Y):
    """Mean absolute one-step change per task in the fit window (value scale, NaN-aware).

    >>> float(naive_scale(np.array([[1., 2, 3]]), np.array([[10., 12, 11]]))[0])
    1.5
    """
    dy = np.abs(np.diff(Y, axis=1))
    with np.errstate(invalid="ignore"):
        return np.nanmean(dy, axis=1)


def evaluate(tasks: dict, Q: np.ndarray) -> pd.DataFrame:
    """Per-forecast scores of one forecaster's quantile grid ``Q`` (tasks × horizons × levels).

    Returns a long table (one row per task × horizon with a realised value): ``h``, ``unit``,
    ``indicator``, ``group``, ``cov80``, ``cov95``, ``msis80``, ``msis95``, ``mase``, ``pit``,
    ``brier`` and ``logs`` (mean over the targets placed around the realised value),
    ``p_latest``/``o_latest`` (P(value ≥ latest) and its outcome).
    """
    Yf = tasks["Yf"]
    T, H = Yf.shape
    scale = naive_scale(tasks["X"], tasks["Y"])
    last = tasks["Y"][:, -1]
    rows = []
    for j, h in enumerate(tasks["horizons"]):
        y = Yf[:, j]
        ok = ~np.isnan(y)
        q = Q[ok, j, :]
        yy, sc = y[ok], scale[ok]
        lo80, hi80, lo95, hi95, med = q[:, _I10], q[:, _I90], q[:, _I025], q[:, _I975], q[:, _I50]
        pos = sc > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            msis80 = np.where(pos, interval_score(lo80, hi80, yy, 0.2) / sc, np.nan)
            msis95 = np.where(pos, interval_score(lo95, hi95, yy, 0.05) / sc, np.nan)
            mase = np.where(pos, np.abs(yy - med) / sc, np.nan)
        pit = grid_cdf(q, yy, side="right")
        # targets "≥ θ" around the realised value; spacing in units of the series' scale (floored)
        pct = tasks["unit"][ok] == "percent"
        sf = np.maximum(sc, np.where(pct, 0.1, 1e-3 * np.abs(yy)))
        bs, ls = np.zeros(ok.sum()), np.zeros(ok.sum())
        pairs = {}
        for i, dlt in enumerate(BRIER_OFFSETS):
            theta = yy + dlt * sf * np.sqrt(h)
            p = 1.0 - grid_cdf(q, theta, side="left")
            o = (yy >= theta).astype(float)
            pairs[f"p{i}"], pairs[f"o{i}"] = p, o
            bs += (p - o) ** 2
            pc = np.clip(p, 0.005, 0.995)
            ls += -(o * np.log(pc) + (1 - o) * np.log(1 - pc))
        # targets known at the origin: the latest value ± the same offsets (independent of the outcome: the
        # spacing's floor is taken from the latest value, not from the realised one)
        sfo = np.maximum(sc, np.where(pct, 0.1, 1e-3 * np.abs(last[ok])))
        bo = np.zeros(ok.sum())
        for i, dlt in enumerate(BRIER_OFFSETS):
            theta = last[ok] + dlt * sfo * np.sqrt(h)
            p = 1.0 - grid_cdf(q, theta, side="left")
            o = (yy >= theta).astype(float)
            pairs[f"pl{i}"], pairs[f"ol{i}"] = p, o
            bo += (p - o) ** 2
        pairs["brier_origin"] = bo / len(BRIER_OFFSETS)
        p_last = 1.0 - grid_cdf(q, last[ok], side="left")
        rows.append(pd.DataFrame({
            "h": int(h), "unit": tasks["unit"][ok], "indicator": tasks["indicator"][ok], "group": tasks["group"][ok],
            "series": tasks["series"][ok],
            "cov80": ((yy >= lo80) & (yy <= hi80)).astype(float), "cov95": ((yy >= lo95) & (yy <= hi95)).astype(float),
            "msis80": msis80, "msis95": msis95, "mase": mase, "pit": pit,
            "brier": bs / len(BRIER_OFFSETS), "logs": ls / len(BRIER_OFFSETS),
            "p_latest": p_last, "o_latest": (yy >= last[ok]).astype(float), **pairs}))
    return pd.concat(rows, ignore_index=True)


def score(per_forecast: pd.DataFrame, by=("h",)) -> pd.DataFrame:
    """Aggregate :func:`evaluate` rows: mean coverage, MSIS, MASE, Brier, log score; Brier of ≥ latest.

    >>> f = pd.DataFrame({"h": [1, 1], "cov80": [1.0, 0.0], "cov95": [1.0, 1.0], "msis80": [2.0, 4.0],
    ...                   "msis95": [3.0, 5.0], "mase": [0.5, 1.5], "brier": [0.1, 0.3], "logs": [0.2, 0.4],
    ...                   "p_latest": [0.8, 0.4], "o_latest": [1.0, 0.0], "pit": [0.3, 0.6]})
    >>> score(f).round(3).to_dict("records")[0]["brier_latest"]   # (0,04 + 0,16)/2
    0.1
    """
    f = per_forecast.assign(_bl=(per_forecast["p_latest"] - per_forecast["o_latest"]) ** 2)
    g = f.groupby(list(by), sort=True) if by else f.assign(_all=0).groupby("_all")
    out = g.agg(n=("cov80", "size"), coverage80=("cov80", "mean"), coverage95=("cov95", "mean"),
                msis80=("msis80", "mean"), msis95=("msis95", "mean"), mase=("mase", "mean"),
                brier=("brier", "mean"), log_score=("logs", "mean"), brier_latest=("_bl", "mean"),
                **({"brier_origin": ("brier_origin", "mean")} if "brier_origin" in f.columns else {}))
    return out.reset_index(drop=not by)


def reliability_table(p, outcome, bins: int = 10) -> pd.DataFrame:
    """Reliability of probabilities: per bin of predicted P, the mean P and the observed frequency.

    >>> reliability_table([0.05, 0.15, 0.95, 0.97], [0, 1, 1, 1], bins=2).round(3).to_dict("records")
    [{'bin_lo': 0.0, 'bin_hi': 0.5, 'n': 2, 'mean_p': 0.1, 'observed': 0.5}, {'bin_lo': 0.5, 'bin_hi': 1.0, 'n': 2, 'mean_p': 0.96, 'observed': 1.0}]
    """
    p, o = np.asarray(p, float), np.asarray(outcome, float)
    edges = np.linspace(0, 1, bins + 1)
    b = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    rows = []
    for i in range(bins):
        m = b == i
        if m.any():
            rows.append(dict(bin_lo=edges[i], bin_hi=edges[i + 1], n=int(m.sum()), mean_p=float(p[m].mean()),
                             observed=float(o[m].mean())))
    return pd.DataFrame(rows)


def target_probabilities(per_forecast: pd.DataFrame, around: str = "origin") -> tuple[np.ndarray, np.ndarray]:
    """All (P(met), outcome) pairs of the placed targets, stacked.

    ``around="origin"``: targets at the latest value ± 0,5 and 1,5 scales × √h, known when the
    forecast is made — the reliability diagram uses these, because a target placed around the
    *realised* value (``around="realised"``) depends on the outcome, which biases a reliability
    diagram even for a perfect forecaster (its Brier score still ranks forecasters by how much
    probability they put near what happened).
    """
    k = len(BRIER_OFFSETS)
    pp, oo = ("pl", "ol") if around == "origin" else ("p", "o")
    p = np.concatenate([per_forecast[f"{pp}{i}"].to_numpy() for i in range(k)])
    o = np.concatenate([per_forecast[f"{oo}{i}"].to_numpy() for i in range(k)])
    return p, o


def pit_table(pit, bins: int = 10) -> pd.DataFrame:
    """Share of PIT values per decile (1/bins each for a calibrated forecaster).

    >>> pit_table([0.05, 0.15, 0.25, 0.95], bins=2)["share"].tolist()
    [0.75, 0.25]
    """
    pit = np.asarray(pit, float)
    edges = np.linspace(0, 1, bins + 1)
    b = np.clip(np.digitize(pit, edges) - 1, 0, bins - 1)
    return pd.DataFrame({"bin_lo": edges[:-1], "bin_hi": edges[1:],
                         "share": np.bincount(b, minlength=bins) / max(len(pit), 1)})


# --------------------------------------------------------------------------------------------- forecasters
def _horizon_years(tasks):
    return tasks["X"][:, -1:] + np.asarray(tasks["horizons"])[None, :]


def _grid_from_loc_scale(center, scale, df, space, percent):
    """Quantile grid (T × H × L) from a location-scale t (df = inf: normal) on its space."""
    dfx = np.where(np.asarray(df) > 0, df, np.nan)
    with np.errstate(invalid="ignore"):
        tq = np.where(np.isinf(dfx)[..., None], _Z, stats.t.ppf(LEVELS, np.where(np.isinf(dfx), 1, dfx)[..., None]))
    z = center[..., None] + tq * np.where(np.isfinite(scale), scale, 0.0)[..., None]
    v = 100.0 / (1.0 + np.exp(-z)) if space == "logit" else z
    pct = np.broadcast_to(np.asarray(percent)[:, None, None], v.shape)
    return np.where(pct, np.clip(v, 0.0, 100.0), v)


def _per_horizon(tasks, fn):
    """Run a single-horizon model fn(X, Y, M, horizon_year) at every horizon; stack to T × H."""
    X, Y = tasks["X"], tasks["Y"]
    M = ~np.isnan(Y)
    HY = _horizon_years(tasks)
    fits = [fn(X, Y, M, HY[:, j]) for j in range(HY.shape[1])]
    return fits


def forecast_naive(tasks: dict) -> np.ndarray:
    """Latest value; Student-t interval from the one-step changes, variance growing as h."""
    X, Y = tasks["X"], tasks["Y"]
    d = np.diff(Y, axis=1) / np.sqrt(np.diff(X, axis=1))
    m = d.shape[1]
    s = np.sqrt((d ** 2).sum(1) / m)
    h = np.asarray(tasks["horizons"], float)
    center = np.repeat(Y[:, -1:], len(h), 1)
    scale = s[:, None] * np.sqrt(h)[None, :]
    return _grid_from_loc_scale(center, scale, np.full(center.shape, float(m)), "identity", tasks["unit"] == "percent")


def forecast_drift(tasks: dict) -> np.ndarray:
    """Random walk with drift (``edustats.projection.fit_random_walk``)."""
    fits = _per_horizon(tasks, fit_random_walk)
    return _stack(fits, tasks)


def forecast_linear(tasks: dict) -> np.ndarray:
    """Straight line by least squares (``edustats.projection.fit_linear``)."""
    return _stack(_per_horizon(tasks, fit_linear), tasks)


def forecast_logit_linear(tasks: dict) -> np.ndarray:
    """Straight line on logits for percent series (``fit_logit``), straight line otherwise."""
    pct = tasks["unit"] == "percent"
    Q = forecast_linear(tasks)
    if pct.any():
        sub = subset(tasks, pct)
        fits = _per_horizon(sub, lambda X, Y, M, hy: fit_logit(X, Y, M, hy))
        Q[pct] = _stack(fits, sub)
    return Q


def _stack(fits, tasks):
    center = np.stack([f["center"] for f in fits], 1)
    scale = np.stack([f["scale"] for f in fits], 1)
    df = np.stack([np.broadcast_to(f["df"], f["center"].shape) for f in fits], 1)
    return _grid_from_loc_scale(center, scale, df, fits[0]["space"], tasks["unit"] == "percent")


def _holt_damped(Y, alpha, beta, phi):
    """Additive damped-trend exponential smoothing run over the rows of Y; returns level, trend, sse, n."""
    level = Y[:, 0].copy()
    trend = Y[:, 1] - Y[:, 0]
    sse = np.zeros(len(Y))
    for t in range(1, Y.shape[1]):
        pred = level + phi * trend
        e = Y[:, t] - pred
        sse += e * e
        new_level = pred + alpha * e
        trend = phi * trend + alpha * beta * e
        level = new_level
    return level, trend, sse


def forecast_damped_trend(tasks: dict) -> np.ndarray:
    """Damped-trend exponential smoothing, ETS(A,Ad,N) (Gardner & McKenzie 1985), vectorised.

    Smoothing parameters chosen per series from a small grid by in-sample one-step squared error
    (α ∈ {0,2, 0,5, 0,8}, β ∈ {0,1, 0,3}, φ ∈ {0,8, 0,9, 0,98}); normal interval with
    :math:`\\sigma^2 (1 + \\sum_{j<h} \\alpha^2 (1 + \\beta \\phi_j)^2)`, :math:`\\phi_j = \\sum_{i\\le j}\\phi^i`.
    """
    Y = _fill(tasks["Y"])
    T = len(Y)
    h = np.asarray(tasks["horizons"])
    best = np.full(T, np.inf)
    center = np.zeros((T, len(h)))
    var = np.zeros((T, len(h)))
    for a in (0.2, 0.5, 0.8):
        for b in (0.1, 0.3):
            for ph in (0.8, 0.9, 0.98):
                lv, tr, sse = _holt_damped(Y, a, b, ph)
                better = sse < best - 1e-12
                best = np.where(better, sse, best)
                phis = np.cumsum(ph ** np.arange(1, h.max() + 1))
                c = lv[:, None] + phis[h - 1][None, :] * tr[:, None]
                cj = np.concatenate([[0.0], (a * (1 + b * phis))[:-1] ** 2])
                v = 1 + np.cumsum(cj)[h - 1]
                s2 = sse / max(Y.shape[1] - 3, 1)
                center = np.where(better[:, None], c, center)
                var = np.where(better[:, None], s2[:, None] * v[None, :], var)
    return _grid_from_loc_scale(center, np.sqrt(var), np.full(center.shape, np.inf), "identity",
                                tasks["unit"] == "percent")


def forecast_theta(tasks: dict) -> np.ndarray:
    """Theta method (Assimakopoulos & Nikolopoulos 2000) as SES with drift b/2 (Hyndman & Billah 2003).

    :math:`\\hat y_{n+h} = \\ell_n + \\tfrac{b}{2}\\,(h - 1 + 1/\\alpha - (1-\\alpha)^n/\\alpha)`, α from
    {0,1, 0,3, 0,5, 0,7, 0,9} by in-sample error, b the least-squares slope; normal interval
    :math:`\\sigma^2(1 + (h-1)\\alpha^2)`.
    """
    Y = _fill(tasks["Y"])
    T, n = Y.shape
    x = np.arange(n) - (n - 1) / 2
    b = (Y * x).sum(1) / (x * x).sum()
    h = np.asarray(tasks["horizons"], float)
    best = np.full(T, np.inf)
    center = np.zeros((T, len(h)))
    var = np.zeros((T, len(h)))
    for a in (0.1, 0.3, 0.5, 0.7, 0.9):
        lv, _, sse = _holt_damped(Y - b[:, None] / 2 * np.arange(n), a, 0.0, 0.0)
        lv = lv + b / 2 * (n - 1)
        better = sse < best - 1e-12
        best = np.where(better, sse, best)
        c = lv[:, None] + b[:, None] / 2 * (h - 1 + 1 / a - (1 - a) ** n / a)[None, :]
        s2 = sse / max(n - 2, 1)
        center = np.where(better[:, None], c, center)
        var = np.where(better[:, None], s2[:, None] * (1 + (h - 1) * a * a)[None, :], var)
    return _grid_from_loc_scale(center, np.sqrt(var), np.full(center.shape, np.inf), "identity",
                                tasks["unit"] == "percent")


def _fill(Y):
    """Windows have no NaN by construction; guard anyway by carrying the last value forward."""
    Y = Y.copy()
    for j in range(1, Y.shape[1]):
        Y[:, j] = np.where(np.isnan(Y[:, j]), Y[:, j - 1], Y[:, j])
    return Y


def forecast_damped(tasks: dict, profile: str = "national", calibration: dict | None = None) -> np.ndarray:
    """The default: damped trend + errors learned across many series (:func:`edustats.projection.damped_quantiles`)."""
    cal = calibration or load_calibration(profile)
    X, Y = tasks["X"], tasks["Y"]
    M = ~np.isnan(Y)
    percent = tasks["unit"] == "percent"
    N = tasks["N"]
    nf = np.where(np.isnan(N[:, -1]), np.nan, N[:, -1])
    H = np.repeat(np.asarray(tasks["horizons"], float)[None, :], len(Y), 0)
    return damped_quantiles(X, Y, M, percent, H, cal, n_future=nf)


REFERENCES = {
    "naive": forecast_naive,
    "drift": forecast_drift,
    "linear": forecast_linear,
    "logit_linear": forecast_logit_linear,
    "damped_trend_ets": forecast_damped_trend,
    "theta": forecast_theta,
}


# --------------------------------------------------------------------------------------------- learning
def learn_calibration(tasks_list: list[dict], trend_grid=np.linspace(0.0, 1.0, 21),
                      level_grid=(0.0, 0.25, 0.5, 0.75, 1.0), smoothness_edges=SMOOTHNESS_EDGES,
                      cv_folds: int = 5, covariate_kind: str = COVARIATE) -> dict:
    """Learn the default's constants from back-test tasks (training split only).

    For each unit (``percent``, ``ratio``), fit window ``w`` and class of the covariate of the values
    before the latest one (:func:`edustats.projection.covariate`: steadiness × (1 + regularity of the
    steps), so that a series that moved one way in nearly equal steps has constants of its own — it
    keeps more of its trend and gets a narrower band where the training series like it did):

    1. the weight of the latest value against the fitted line's end for the level, and the share
       of the fitted trend kept at each horizon, minimising the mean absolute scaled error;
    2. the empirical quantiles of the scaled errors by horizon (split-conformal), every group
       (country, province) weighing the same;
    3. recalibrated for groups not seen, per horizon: a ``cv_folds``-fold cross-validation *by
       group* inside the training split learns steps 1-2 without one fold's groups and forecasts
       that fold's tasks with the default itself (:func:`edustats.projection.damped_quantiles`:
       classes interpolated, tails kept monotone, binomial noise); per unit, window and horizon
       the quantile at level τ is then taken at the level τ' where those held-out PITs (every group
       weighing the same) have their τ-quantile (Kuleshov et al. 2018, by group). Where unseen
       groups' errors are wider, τ' moves outwards, horizon by horizon, and never back inwards of
       the previous horizon's τ'.
    """
    edges = np.asarray(smoothness_edges, float)
    out = {"levels": LEVELS.tolist(), "horizons": list(HORIZONS), "smoothness_edges": edges.tolist(), "units": {},
           "recalibrated_levels": {}, "covariate": covariate_kind}
    cells = {unit: _cells(tasks_list, unit, edges, covariate_kind) for unit in ("percent", "ratio")}
    windows = sorted({int(c["window"]) for u in cells.values() for c in u if len(c["last"])})
    # 1. cross-validated PIT of unseen groups, through the default forecaster itself
    pits, pgroups = {}, {}
    for f in range(cv_folds):
        units = {}
        for unit, uc in cells.items():
            units[unit] = {}
            for c in uc:
                fold = _fold(c["group"], cv_folds) == f
                units[unit].setdefault(str(c["window"]), []).append(
                    _learn_cell({k: (v[~fold] if k != "window" else v) for k, v in c.items()}, trend_grid,
                                level_grid, {j: LEVELS for j in range(len(HORIZONS))}))
            units[unit] = {w: _fill_empty(v) for w, v in units[unit].items()}
        cal = {"levels": LEVELS.tolist(), "horizons": list(HORIZONS), "smoothness_edges": edges.tolist(),
               "units": units, "covariate": covariate_kind}
        for tasks in tasks_list:
            te = subset(tasks, _fold(tasks["group"], cv_folds) == f)
            if not len(te["Y"]):
                continue
            Q = forecast_damped(te, calibration=cal)
            for j in range(len(HORIZONS)):
                ok = ~np.isnan(te["Yf"][:, j])
                pit = grid_cdf(Q[ok, j, :], te["Yf"][ok, j], side="right")
                for unit in ("percent", "ratio"):
                    u = te["unit"][ok] == unit
                    if u.any():
                        pits.setdefault((unit, int(tasks["window"]), j), []).append(pit[u])
                        pgroups.setdefault((unit, int(tasks["window"]), j), []).append(te["group"][ok][u].astype(str))
    tau = {}
    for unit in ("percent", "ratio"):
        for w in windows:
            for j in range(len(HORIZONS)):
                p = np.concatenate(pits.get((unit, w, j), [np.array([])]))
                if len(p) > 100:   # every group weighs the same, as in the error quantiles
                    _, inv, cnt = np.unique(np.concatenate(pgroups[unit, w, j]), return_inverse=True,
                                            return_counts=True)
                    tau[unit, w, j] = np.clip(weighted_quantile(p, LEVELS, 1.0 / cnt[inv]), 0.0005, 0.9995)
                else:
                    tau[unit, w, j] = LEVELS.copy()
                if j > 0:   # an unseen group's correction does not shrink with the horizon: never inwards of h − 1's
                    lo = LEVELS < 0.5
                    tau[unit, w, j] = np.where(lo, np.minimum(tau[unit, w, j], tau[unit, w, j - 1]),
                                               np.maximum(tau[unit, w, j], tau[unit, w, j - 1]))
        out["recalibrated_levels"][unit] = {str(w): [tau[unit, w, j].round(4).tolist() for j in range(len(HORIZONS))]
                                            for w in windows}
        # 2. constants on the whole training split, quantiles at the recalibrated levels
        out["units"][unit] = {}
        for c in cells[unit]:
            cell = _learn_cell(c, trend_grid, level_grid, {j: tau[unit, c["window"], j] for j in range(len(HORIZONS))})
            out["units"][unit].setdefault(str(c["window"]), []).append(cell)
        out["units"][unit] = {w: _fill_empty(v) for w, v in out["units"][unit].items()}
    return out


def _fill_empty(cells):
    """A class with no task (e.g. window 3: two values before the latest are always 'steady') takes the
    constants of the nearest class that has tasks, keeping ``n_tasks`` 0; the default never weighs it
    for such windows, but every class index stays in place."""
    have = [k for k, c in enumerate(cells) if c["n_tasks"] > 0]
    if not have:
        return cells
    return [c if c["n_tasks"] > 0 else {**cells[min(have, key=lambda j: abs(j - k))], "n_tasks": 0, "n_groups": 0}
            for k, c in enumerate(cells)]


def _fold(groups, folds):
    return np.array([zlib.crc32(("cv:" + str(g)).encode()) % folds for g in groups])


def _learn_cell(c, trend_grid, level_grid, levels_by_h):
    """One cell's constants: level weight, trend kept, error quantiles at ``levels_by_h[j]`` per horizon."""
    if not len(c["last"]):
        return {"level_weight_last": 1.0, "trend_kept": [0.0] * len(HORIZONS),
                "error_quantiles": [[0.0] * len(LEVELS)] * len(HORIZONS), "n_tasks": 0, "n_groups": 0}
    wl, ks = _fit_point(c, trend_grid, level_grid)
    e = _errors(c, wl, ks)
    qs = []
    for j in range(len(HORIZONS)):
        ok = ~np.isnan(e[:, j])
        if ok.sum() == 0:
            qs.append([0.0] * len(LEVELS))
            continue
        x, w = _sorted_weights(e[ok, j], c["group"][ok])
        cw = (np.cumsum(w) - 0.5 * w) / w.sum()
        qs.append(np.interp(levels_by_h[j], cw, x).round(4).tolist())
    return {"level_weight_last": wl, "trend_kept": ks, "error_quantiles": qs, "n_tasks": int(len(c["last"])),
            "n_groups": int(len(np.unique(c["group"])))}


def _cells(tasks_list, unit, edges, covariate_kind="steadiness"):
    """Per (window, steadiness class): the arrays the default is learned from (bounded scale)."""
    per_w = {}
    for tasks in tasks_list:
        sel = tasks["unit"] == unit
        if sel.any():
            per_w.setdefault(tasks["window"], []).append(subset(tasks, sel))
    cells = []
    pct = unit == "percent"
    for w, parts in sorted(per_w.items()):
        X = np.concatenate([p["X"] for p in parts]); Y = np.concatenate([p["Y"] for p in parts])
        Yf = np.concatenate([p["Yf"] for p in parts])
        groups = np.concatenate([p["group"] for p in parts]).astype(str)
        A, Af = to_bounded(Y, pct), to_bounded(Yf, pct)
        M = ~np.isnan(A)
        last, fitted_end, slope, scale = window_stats(X, A, M, pct)
        sbin = np.clip(np.searchsorted(edges, covariate(X, A, M, covariate_kind), side="right") - 1, 0, len(edges) - 2)
        for b in range(len(edges) - 1):
            m = sbin == b
            cells.append({"last": last[m], "fend": fitted_end[m], "slope": slope[m], "scale": scale[m],
                          "Af": Af[m], "group": groups[m], "window": int(w)})
    return cells


def _fit_point(c, trend_grid, level_grid):
    best = None
    for wl in level_grid:
        level = wl * c["last"] + (1 - wl) * c["fend"]
        err, ks = 0.0, []
        for j, h in enumerate(HORIZONS):
            e = (c["Af"][:, j][:, None] - (level[:, None] + trend_grid[None, :] * c["slope"][:, None] * h)) / c["scale"][:, None]
            with np.errstate(invalid="ignore"):
                mae = np.nanmean(np.abs(e), axis=0) if (~np.isnan(c["Af"][:, j])).any() else np.zeros(len(trend_grid))
            k = int(np.argmin(mae))
            ks.append(round(float(trend_grid[k]), 3))
            err += mae[k]
        if best is None or err < best[0]:
            best = (err, wl, ks)
    return best[1], best[2]


def _errors(c, wl, ks):
    level = wl * c["last"] + (1 - wl) * c["fend"]
    h = np.asarray(HORIZONS, float)
    return (c["Af"] - (level[:, None] + np.asarray(ks)[None, :] * c["slope"][:, None] * h[None, :])) / c["scale"][:, None]


def _sorted_weights(e, groups):
    """Errors sorted, with weights making every group weigh the same."""
    _, inv, cnt = np.unique(groups, return_inverse=True, return_counts=True)
    w = 1.0 / cnt[inv]
    o = np.argsort(e, kind="stable")
    return e[o], w[o]


def weighted_quantile(x, levels, weights):
    """Quantiles of ``x`` with weights (linear interpolation of the weighted empirical CDF at mid-ranks).

    >>> weighted_quantile(np.array([1., 2, 3, 4]), [0.5], np.ones(4)).tolist()
    [2.5]
    """
    o = np.argsort(x)
    x, w = x[o], weights[o]
    cw = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(levels, cw, x)


# --------------------------------------------------------------------------------------------- corpora
def intl_corpus(directory) -> pd.DataFrame:
    """World Bank EdStats series (``../shared/data/intl_series/edstats_series.csv``) as a long table.

    ``group`` = country (ISO3); literacy series (irregular survey years) are left out.
    """
    d = pd.read_csv(Path(directory) / "edstats_series.csv")
    d = d[~d["indicator_code"].str.startswith("SE.ADT.")]
    return pd.DataFrame({"series": d["indicator_code"] + "|" + d["area"], "year": d["year"].astype(float),
                         "value": d["value"].astype(float), "unit": d["unit"], "group": d["area"],
                         "indicator": d["indicator_code"]}).reset_index(drop=True)


def gso_corpus(directory) -> pd.DataFrame:
    """Series derived from the GSO province tables (``../shared/data/gso_provinces/``), one long table.

    Per province (``group``) and level: pupils per teacher, pupils per class, teachers per class
    (unit ``ratio``, numerator/denominator the counts); female share of pupils and of teachers,
    share of general-education pupils in the level (``percent``, with counts); literacy rate 15+
    and upper-secondary graduation rate (``percent``, no counts). ``year`` is the school year's
    start (GSO's convention). Flagged values are kept (the README of the data asks an honest
    calibration to treat them as noise).
    """
    directory = Path(directory)
    e = pd.read_csv(directory / "education_by_province.csv", dtype={"province_code": str})
    e = e[e["geo_type"] == "province"]
    wide = e.pivot_table(index=["province", "level", "year_start"], columns="measure", values="value",
                         aggfunc="first").reset_index()
    parts = []

    def add(df, name, num, den, unit, factor=1.0):
        ok = df[num].notna() & df[den].notna() & (df[den] > 0)
        d = df[ok]
        parts.append(pd.DataFrame({
            "series": name + "|" + d["level"] + "|" + d["province"], "year": d["year_start"].astype(float),
            "value": factor * d[num] / d[den], "numerator": d[num].astype(float),
            "denominator": d[den].astype(float), "unit": unit, "group": d["province"],
            "indicator": name + "|" + d["level"]}))

    lv = wide[wide["level"].isin(["preschool", "primary", "lower_secondary", "upper_secondary"])]
    add(lv, "pupils_per_teacher", "pupils", "teachers", "ratio")
    add(lv, "pupils_per_class", "pupils", "classes", "ratio")
    add(lv, "teachers_per_class", "teachers", "classes", "ratio")
    gl = wide[wide["level"].isin(["primary", "lower_secondary", "upper_secondary", "general_total"])]
    add(gl, "female_pupil_share", "female_pupils", "pupils", "percent", 100.0)
    add(gl, "female_teacher_share", "female_teachers", "teachers", "percent", 100.0)
    tot = wide[wide["level"] == "general_total"][["province", "year_start", "pupils"]].rename(
        columns={"pupils": "total_pupils"})
    sh = wide[wide["level"].isin(["primary", "lower_secondary", "upper_secondary"])].merge(
        tot, on=["province", "year_start"])
    add(sh, "level_share_of_pupils", "pupils", "total_pupils", "percent", 100.0)
    lit = pd.read_csv(directory / "literacy_by_province.csv")
    lit = lit[lit["geo_type"] == "province"]
    parts.append(pd.DataFrame({"series": "literacy_rate_15plus|" + lit["province"], "year": lit["year"].astype(float),
                               "value": lit["value"].astype(float), "unit": "percent", "group": lit["province"],
                               "indicator": "literacy_rate_15plus"}))
    gr = pd.read_csv(directory / "upper_secondary_graduation_by_province.csv")
    gr = gr[gr["geo_type"] == "province"]
    parts.append(pd.DataFrame({"series": "graduation_rate|" + gr["province"], "year": gr["year_start"].astype(float),
                               "value": gr["value"].astype(float), "unit": "percent", "group": gr["province"],
                               "indicator": "graduation_rate"}))
    out = pd.concat(parts, ignore_index=True)
    pct = out["unit"] == "percent"
    out = out[~pct | out["value"].between(0, 100)]  # female counts above all-persons counts (flag exceeds_total)
    return out.sort_values(["series", "year"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------- running
def run_backtest(long: pd.DataFrame, forecasters: dict, windows=(5, 8), test_only: bool = True,
                 max_tasks: int | None = None, seed: int = 0, salt: str = "edustats-backtest",
                 horizons=HORIZONS) -> tuple[pd.DataFrame, dict]:
    """Score every forecaster on the rolling-origin tasks of ``long`` (the test groups only by default;
    ``salt``: the split, :func:`split_groups`; ``horizons``: years ahead, 1-5 unless asked).

    Returns (per-forecast rows with a ``model`` and ``window`` column, run seconds per model).
    ``max_tasks`` keeps a seeded random sample of tasks per window (for quick runs).
    """
    rows, seconds = [], {}
    for w in windows:
        tasks = make_tasks(long, w, horizons=horizons)
        if test_only:
            tasks = subset(tasks, split_groups(tasks["group"], salt=salt))
        tasks = subset(tasks, (~np.isnan(tasks["Yf"])).any(1))
        if max_tasks is not None and len(tasks["Y"]) > max_tasks:
            keep = np.zeros(len(tasks["Y"]), bool)
            keep[np.random.default_rng(seed).choice(len(keep), max_tasks, replace=False)] = True
            tasks = subset(tasks, keep)
        for name, fn in forecasters.items():
            t0 = time.perf_counter()
            Q = fn(tasks)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t0
            rows.append(evaluate(tasks, Q).assign(model=name, window=w))
    return pd.concat(rows, ignore_index=True), seconds


def league_table(per_forecast: pd.DataFrame, by=("model",)) -> pd.DataFrame:
    """Mean scores per model (and optionally horizon), sorted by model name."""
    return score(per_forecast, by=by)


def by_horizon(per_forecast: pd.DataFrame, metrics=("coverage80", "coverage95", "msis80", "mase", "brier_origin")
               ) -> dict:
    """Each metric's mean as a table of models × horizons (``metric`` → DataFrame), from per-forecast rows
    of :func:`run_backtest`.

    >>> one = dict(cov95=1.0, msis80=2.0, msis95=3.0, mase=0.5, brier=0.1, logs=0.2, p_latest=0.8, o_latest=1.0)
    >>> rows = pd.DataFrame({"model": ["a", "a", "a", "b"], "h": [1, 1, 2, 1], "cov80": [1.0, 0.0, 0.0, 1.0], **one})
    >>> by_horizon(rows, ["coverage80"])["coverage80"].to_dict("index")   # a at h = 1: (1 + 0) / 2; b: no h = 2
    {'a': {1: 0.5, 2: 0.0}, 'b': {1: 1.0, 2: nan}}
    """
    by_h = score(per_forecast, by=("model", "h"))
    return {m: by_h.pivot(index="model", columns="h", values=m) for m in metrics}


def against_references(league: pd.DataFrame) -> dict:
    """The default's mean scores beside the best of :data:`REFERENCES` on each (``league``: :func:`score` by
    model, indexed by model): ``coverage80``, ``coverage95``, ``msis80``, ``mase``, ``brier`` (the proper
    ``brier_origin``) and ``best_reference_msis80``, ``best_reference_mase``, ``best_reference_brier``.

    >>> lg = pd.DataFrame({"coverage80": 0.8, "coverage95": 0.95, "msis80": [10.0, 12.0, 11.0],
    ...                    "mase": [2.0, 2.5, 1.9], "brier_origin": [0.15, 0.2, 0.18]},
    ...                   index=["default", "naive", "drift"])
    >>> r = against_references(lg.reindex(["default", *REFERENCES]).fillna(99.0))
    >>> float(r["msis80"]), float(r["best_reference_msis80"]), float(r["best_reference_mase"])
    (10.0, 11.0, 1.9)
    """
    refs = league.loc[list(REFERENCES)]
    d = league.loc["default"]
    return dict(coverage80=d["coverage80"], coverage95=d["coverage95"], msis80=d["msis80"], mase=d["mase"],
                brier=d["brier_origin"], best_reference_msis80=refs["msis80"].min(),
                best_reference_mase=refs["mase"].min(), best_reference_brier=refs["brier_origin"].min())


def _corpora(args):
    out = {}
    if args.intl:
        out["intl"] = intl_corpus(args.intl)
    if args.gso:
        out["gso"] = gso_corpus(args.gso)
    return out


def learn_profile(long: pd.DataFrame, salt: str = "edustats-backtest", windows=range(3, 9), **learn_options) -> dict:
    """:func:`learn_calibration` on the training groups of a corpus (``split_groups(group, salt=salt)``
    false), every window in ``windows``. The shipped constants use the default salt; other salts
    re-check that the held-out results do not hang on one split (``benchmarks/bench_forecast_salts.py``).
    The error growth beyond 5 years is then learned on the same training groups (:func:`learn_beyond`).
    """
    tasks_list = []
    for w in windows:
        t = make_tasks(long, w)
        tasks_list.append(subset(t, ~split_groups(t["group"], salt=salt) & (~np.isnan(t["Yf"])).any(1)))
    out = learn_calibration(tasks_list, **learn_options)
    out["beyond"] = learn_beyond(long, calibration_of(out), salt=salt, windows=windows)
    return out


def calibration_of(profile: dict) -> dict:
    """A learned profile (:func:`learn_profile`) in the form :func:`forecast_damped` takes."""
    return {"levels": profile["levels"], "horizons": profile["horizons"],
            "smoothness_edges": profile["smoothness_edges"], "units": profile["units"],
            "beyond": profile.get("beyond"), "covariate": profile.get("covariate", "steadiness")}


def learn_beyond(long: pd.DataFrame, calibration: dict, salt: str = "edustats-backtest", windows=range(3, 9),
                 horizons=BEYOND_HORIZONS, iterations: int = 16) -> dict:
    r"""Growth of the default's error quantiles beyond the last calibrated horizon (5), learned on the
    training groups (``split_groups(group, salt=salt)`` false) with the constants ``calibration``.

    For each unit and horizon :math:`h` in ``horizons`` the factor :math:`f` multiplying the
    horizon-5 error quantiles (:func:`edustats.projection.beyond_growth`) is found by bisection
    twice: :math:`f_{80}` where the 80 % band covers, on the training tasks with a value at
    :math:`h`, as often as the same constants' 80 % band covers at 5 years on the training tasks
    (:math:`c_5`), and :math:`f_{95}` likewise for the 95 % band; :math:`f = \sqrt{f_{80} f_{95}}`.
    Matching the horizon-5 coverage of the same (training) tasks, not the nominal level, carries the
    horizon-5 recalibration for unseen groups (:func:`learn_calibration`) over to longer horizons.
    Factors never fall with the horizon and are at least 1. Returns
    ``{"horizons": [...], "percent": [...], "ratio": [...], "n_tasks": {...}}``.
    """
    hs = (HORIZONS[-1],) + tuple(horizons)
    parts = []
    for w in windows:
        t = make_tasks(long, w, horizons=hs)
        keep = ~split_groups(t["group"], salt=salt) & (~np.isnan(t["Yf"][:, 1:])).any(1)
        if keep.any():
            parts.append(subset(t, keep))
    out = {"horizons": [int(h) for h in horizons], "n_tasks": {}}
    for unit in ("percent", "ratio"):
        sel = [subset(t, t["unit"] == unit) for t in parts]
        sel = [t for t in sel if len(t["Y"])]
        if not sel:
            continue
        yf = np.concatenate([t["Yf"] for t in sel])

        def coverage(f):
            cal = {**calibration, "beyond": {"horizons": list(horizons), unit: list(f)}}
            Q = np.concatenate([forecast_damped(t, calibration=cal) for t in sel])
            ok = ~np.isnan(yf)
            c80 = np.where(ok, (yf >= Q[..., _I10]) & (yf <= Q[..., _I90]), np.nan)
            c95 = np.where(ok, (yf >= Q[..., _I025]) & (yf <= Q[..., _I975]), np.nan)
            with np.errstate(invalid="ignore"):
                return np.nanmean(c80, 0), np.nanmean(c95, 0)

        c80, c95 = coverage(np.ones(len(horizons)))
        target80, target95 = c80[0], c95[0]
        found = []
        for j_target, target in ((0, target80), (1, target95)):
            lo, hi = np.full(len(horizons), 0.5), np.full(len(horizons), 5.0)
            for _ in range(iterations):
                mid = (lo + hi) / 2
                cov = coverage(mid)[j_target][1:]
                lo, hi = np.where(cov < target, mid, lo), np.where(cov < target, hi, mid)
            found.append((lo + hi) / 2)
        f = np.maximum.accumulate(np.maximum(np.sqrt(found[0] * found[1]), 1.0))
        out[unit] = f.round(4).tolist()
        out["n_tasks"][unit] = [int((~np.isnan(yf[:, j + 1])).sum()) for j in range(len(horizons))]
        out.setdefault("training_coverage_h5", {})[unit] = [round(float(target80), 4), round(float(target95), 4)]
    return out


def _cmd_learn(args) -> int:
    corpora = _corpora(args)
    profiles = {PROFILE_OF_CORPUS[name]: learn_profile(long) for name, long in corpora.items()}
    first = next(iter(profiles.values()))
    cal = {"levels": first["levels"], "horizons": first["horizons"], "smoothness_edges": first["smoothness_edges"],
           **({"covariate": first["covariate"]} if first.get("covariate", "steadiness") != "steadiness" else {}),
           "profiles": {k: {"units": v["units"], "recalibrated_levels": v["recalibrated_levels"], "beyond": v["beyond"]}
                        for k, v in profiles.items()}}
    cal["provenance"] = {
        "profiles": {
            "national": "World Bank, Education Statistics (EdStats), CC BY 4.0: 2,001 national series of 93 countries, "
                        "1970-2016 (../shared/data/intl_series/edstats_series.csv; literacy left out)",
            "province": "GSO province tables 2002-2016 via choisy/gso@50040d2 (../shared/data/gso_provinces/): "
                        "pupils per teacher / per class, teachers per class by level, female and level shares of "
                        "pupils, female share of teachers, literacy 15+, upper-secondary graduation rate",
        },
        "split": "training groups only: countries / provinces with crc32('edustats-backtest:' + name) % 1000 >= 500 "
                 "(edustats.backtest.split_groups); the other half is the held-out test split of the benchmarks",
        "tasks": "rolling origin: fit on the last w = 3..8 reported values (span <= 2(w-1) years), horizons 1-5, "
                 "every origin",
        "covariate": "constants per class of s*(1+r) of the values before the latest (edustats.projection.covariate): "
                     "s = net change / sum of absolute changes, r = 1 - mean|step - mean step| / mean|step|; "
                     "classes 0-1/3-2/3-1-1.5-2, interpolated between the class centres",
        "beyond": "growth of the horizon-5 error quantiles at horizons 6-10 (edustats.backtest.learn_beyond): per unit "
                  "and horizon, the factor whose 80% and 95% bands cover the training tasks as often as the 5-year "
                  "bands do (geometric mean of the two), never falling with the horizon",
        "learned": _dt.date.today().isoformat(),
        "command": "python -m edustats.backtest learn --intl ../shared/data/intl_series "
                   "--gso ../shared/data/gso_provinces",
    }
    path = Path(args.out) if args.out else CALIBRATION_FILE
    path.write_text(json.dumps(cal, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"calibration written to {path}")
    return 0


BACKTEST_FILE = CALIBRATION_FILE.parent / "forecast_backtest.csv"
RELIABILITY_FILE = CALIBRATION_FILE.parent / "forecast_reliability.csv"
_REPORT_HEADER = """# Rolling-origin back-test of edustats' forecasters on held-out real series (written by
# `python -m edustats.backtest report --intl ../shared/data/intl_series --gso ../shared/data/gso_provinces`).
# corpus intl: World Bank, Education Statistics (EdStats), CC BY 4.0 - national series of the held-out countries;
# corpus gso: GSO province tables 2002-2016 via choisy/gso@50040d2 - series derived per held-out province.
# Held-out = edustats.backtest.split_groups(group) is True; the default's constants were learned on the others.
# Fit windows of 5 and 8 reported values, every origin, horizons 1-5; model `default` = damped with the corpus's
# calibration profile (national / province). Metrics: edustats.backtest.evaluate / score. Written {date}.
"""


_CORPUS_NAMES = {"intl": ("nước", "countries", "World Bank EdStats", "World Bank EdStats"),
                 "gso": ("tỉnh", "provinces", "GSO 2002–2016", "GSO 2002-2016")}


def corpus_label(corpus: str, n_groups, lang: str = "vi") -> str:
    """A corpus's name with its number of held-out groups (counted, never typed in).

    >>> corpus_label("intl", 45), corpus_label("gso", 35, "en"), corpus_label("intl", None, "en")
    ('45 nước (World Bank EdStats)', '35 provinces (GSO 2002-2016)', 'World Bank EdStats')
    """
    if corpus not in _CORPUS_NAMES:
        return corpus
    unit_vi, unit_en, src_vi, src_en = _CORPUS_NAMES[corpus]
    unit, src = (unit_vi, src_vi) if lang == "vi" else (unit_en, src_en)
    if n_groups is None or pd.isna(n_groups):
        return src
    return f"{int(n_groups)} {unit} ({src})"


def _n_groups(table: pd.DataFrame, corpus: str):
    """Held-out groups of ``corpus``: the table's ``n_groups`` column, else the shipped league table's."""
    if "n_groups" in table.columns:
        v = table.loc[table["corpus"] == corpus, "n_groups"].dropna()
        if len(v):
            return int(v.iloc[0])
    try:
        league = pd.read_csv(BACKTEST_FILE, comment="#")
    except OSError:
        return None
    v = league.loc[(league["corpus"] == corpus) & (league["model"] == "default"), "n_groups"]
    return int(v.iloc[0]) if len(v) else None


def plot_reliability(table: pd.DataFrame, lang: str = "vi", ax=None):
    """Reliability diagram: observed frequency against predicted P(met), one line per corpus.

    ``table``: :data:`RELIABILITY_FILE` rows (``corpus``, ``mean_p``, ``observed``, ``n``, and
    ``n_groups``, the held-out countries / provinces counted by :func:`run_backtest`; where it is
    missing, the shipped league table's count). The legend names each corpus with that count.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(5.2, 5))
    else:
        fig = ax.figure
    ax.plot([0, 1], [0, 1], color="#999999", lw=1, ls="--",
            label="hiệu chỉnh hoàn hảo" if lang == "vi" else "perfectly calibrated")
    for (corpus, d), colour in zip(table.groupby("corpus", sort=False), ("#2166ac", "#b2182b")):
        label = corpus_label(corpus, _n_groups(table, corpus), lang)
        ax.plot(d["mean_p"], d["observed"], "o-", color=colour, label=label)
    ax.set_xlabel("xác suất đạt dự báo" if lang == "vi" else "forecast probability of meeting the target")
    ax.set_ylabel("tỷ lệ thực sự đạt" if lang == "vi" else "share actually met")
    ax.set_xlim(0, 1); ax.set_ylim(0, 1)
    ax.legend(loc="upper left", frameon=False)
    return fig


def _cmd_report(args) -> int:
    corpora = _corpora(args)
    tables, rels = [], []
    for name, long in corpora.items():
        profile = PROFILE_OF_CORPUS[name]
        models = {**REFERENCES, "default": lambda t, p=profile: forecast_damped(t, p)}
        rows, seconds = run_backtest(long, models, windows=(5, 8))
        t = pd.concat([score(rows, by=("model", "h")),
                       score(rows, by=("model",)).assign(h=0)], ignore_index=True)
        t["seconds"] = t["model"].map(seconds)
        t.insert(0, "corpus", name)
        t["n_groups"] = rows.loc[rows["model"] == "default", "group"].nunique()
        tables.append(t)
        d = rows[rows["model"] == "default"]
        rels.append(reliability_table(*target_probabilities(d)).assign(corpus=name, n_groups=d["group"].nunique()))
    head = _REPORT_HEADER.format(date=_dt.date.today().isoformat())
    for path, df in ((Path(args.out_dir or BACKTEST_FILE.parent) / BACKTEST_FILE.name, pd.concat(tables)),
                     (Path(args.out_dir or BACKTEST_FILE.parent) / RELIABILITY_FILE.name, pd.concat(rels))):
        path.write_text(head + df.round(4).to_csv(index=False, lineterminator="\n"), encoding="utf-8")
        print(f"written {path}")
    return 0


def load_backtest() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The shipped back-test results: (league table by corpus, model and horizon (0 = all), reliability table).

    >>> league, rel = load_backtest()
    >>> sorted(league["corpus"].unique()), bool((league["model"] == "default").any())
    (['gso', 'intl'], True)
    """
    return (pd.read_csv(BACKTEST_FILE, comment="#"), pd.read_csv(RELIABILITY_FILE, comment="#"))


def main(argv=None) -> int:
    """``python -m edustats.backtest learn|report --intl DIR --gso DIR``."""
    p = argparse.ArgumentParser(prog="python -m edustats.backtest")
    sub = p.add_subparsers(dest="cmd", required=True)
    lp = sub.add_parser("learn", help="learn the default forecaster's constants from the training split")
    lp.add_argument("--intl", default=None, help="directory of edstats_series.csv")
    lp.add_argument("--gso", default=None, help="directory of the GSO province tables")
    lp.add_argument("--out", default=None, help="output JSON (default: the shipped calibration file)")
    lp.set_defaults(func=_cmd_learn)
    rp = sub.add_parser("report", help="score every forecaster on the held-out split; write the shipped tables")
    rp.add_argument("--intl", default=None, help="directory of edstats_series.csv")
    rp.add_argument("--gso", default=None, help="directory of the GSO province tables")
    rp.add_argument("--out-dir", default=None, help="output folder (default: edustats/data)")
    rp.set_defaults(func=_cmd_report)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
