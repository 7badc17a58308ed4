"""Trend models for short annual series, fitted for many series at once.

Series arrive as padded arrays: ``Y`` (series × slots) of values, ``X`` of years, ``M`` a
boolean mask of observed slots, and optionally ``K``/``N`` counts (numerator, denominator).
Every model returns, for a horizon year per series, the projected value and its predictive
distribution as ``(center, scale, df, space)`` so that intervals and probabilities come from one
place (:func:`predictive_quantiles`, :func:`predictive_prob_at_least`).

Models (for 2-10 annual points; with more than two parameters short series forecast poorly):

``linear``
    Ordinary least squares on the values; Student-t predictive interval with n − 2 df.
``logit``
    For bounded rates (percent): a straight line on the logit scale, so projections stay inside
    0-100. With counts for every point: a binomial GLM fitted by iteratively reweighted least
    squares with over-dispersion φ = max(1, Pearson χ² / (n − 2)) (quasi-binomial); without
    counts: least squares on logit(value). Values of exactly 0 or 100 are moved in by half a
    count (with counts) or to 0,1 / 99,9 (without) before taking logits. Where φ is floored at
    1 (the dispersion is binomial, not estimated) the interval uses the normal, ``df = inf``.
``rw``
    Random walk with drift: drift = (y_last − y_first)/(t_last − t_first); the predictive
    variance grows with the horizon h as σ²(h + h²/span).

``damped`` (the default, :func:`damped_quantiles`)
    Trend damped by horizon and errors learned across many real series (``edustats.backtest``);
    its quantile grid is the predictive distribution. The others are converted to the same grid
    by :func:`grid_from_fit`, percent kept inside [0, 100] under every model.

With two observations no residual variance can be estimated: ``scale`` is NaN and callers
report a point projection without interval (documented, never silently).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import special, stats

__all__ = ["pad_series", "fit_linear", "fit_logit", "fit_random_walk", "predictive_quantiles",
           "predictive_prob_at_least", "MODELS", "LEVELS", "to_bounded", "from_bounded", "window_stats",
           "damped_quantiles", "grid_cdf", "smoothness", "steadiness", "class_weights", "monotone_scales",
           "PROFILES", "grid_from_fit", "load_calibration", "bound_probability", "beyond_growth",
           "regularity", "covariate",
           "PROB_FLOOR"]

MODELS = ("damped", "linear", "logit", "rw")
#: quantile levels of every predictive distribution (the grid intervals and probabilities are read from)
LEVELS = np.array([0.005, 0.01, 0.025, 0.05] + [round(0.1 + 0.05 * i, 2) for i in range(17)] + [0.95, 0.975, 0.99, 0.995])
#: no finite sample gives certainty: probabilities are reported inside [PROB_FLOOR, 1 − PROB_FLOOR]
PROB_FLOOR = 0.005
CALIBRATION_FILE = Path(__file__).parent / "data" / "forecast_calibration.json"
MAX_WINDOW = 8  # the default fits the last 8 reported values (the longest window it was calibrated on)
_EPS_PCT = 0.1  # percent: where 0 and 100 are moved to before logits when no counts are known


def pad_series(codes: np.ndarray, years: np.ndarray, *columns: np.ndarray, n_series: int | None = None):
    """Scatter long arrays (sorted by code, then year) into (series × slots) arrays.

    Returns ``(X, M, *padded)`` with NaN where a slot is empty.
    """
    codes = np.asarray(codes)
    n_series = int(codes.max()) + 1 if n_series is None else n_series
    counts = np.bincount(codes, minlength=n_series)
    width = int(counts.max()) if len(counts) else 0
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    slot = np.arange(len(codes)) - starts[codes]
    X = np.full((n_series, width), np.nan)
    X[codes, slot] = years
    M = ~np.isnan(X)
    out = []
    for col in columns:
        a = np.full((n_series, width), np.nan)
        a[codes, slot] = col
        out.append(a)
    return (X, M, *out)


def _ols(Xc, Y, M, w=None, need_rss=True):
    """Weighted least squares of Y on Xc per row (masked). Returns a, b, sxx, xbar, sw, rss (rss NaN
    unless ``need_rss``). Unweighted, the weights 1 and 0 are not multiplied in: the same numbers, bit
    for bit (x·1 = x; the masked slots are 0 already)."""
    Xz = np.where(M, Xc, 0.0)
    Yz = np.where(M, Y, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if w is None:
            sw = M.sum(1).astype(float)
            xbar = Xz.sum(1) / sw
            ybar = Yz.sum(1) / sw
            dx = np.where(M, Xz - xbar[:, None], 0.0)
            sxx = (dx * dx).sum(1)
            sxy = (dx * (Yz - ybar[:, None])).sum(1)
        else:
            W = np.where(M, w, 0.0)
            sw = W.sum(1)
            xbar = (W * Xz).sum(1) / sw
            ybar = (W * Yz).sum(1) / sw
            dx = np.where(M, Xz - xbar[:, None], 0.0)
            sxx = (W * dx * dx).sum(1)
            sxy = (W * dx * (Yz - ybar[:, None])).sum(1)
        b = np.where(sxx > 0, sxy / sxx, 0.0)
        a = ybar - b * xbar
        rss = np.full(len(a), np.nan)
        if need_rss:
            resid = np.where(M, Yz - (a[:, None] + b[:, None] * Xz), 0.0)
            rss = (resid * resid).sum(1) if w is None else (W * resid * resid).sum(1)
    return a, b, sxx, xbar, sw, rss


def fit_linear(X, Y, M, horizon):
    """Straight-line trend; returns dict(center, scale, df, space='identity', slope).

    .. math:: \\hat y_T = a + bT,\\quad s^2_{pred} = s^2\\left(1 + \\tfrac1n + \\tfrac{(T-\\bar x)^2}{S_{xx}}\\right)
    """
    n = M.sum(1)
    a, b, sxx, xbar, _, rss = _ols(X, Y, M)
    df = n - 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        s2 = np.where(df > 0, rss / df, np.nan)
        center = a + b * horizon
        scale = np.sqrt(s2 * (1 + 1 / n + (horizon - xbar) ** 2 / sxx))
    return dict(center=center, scale=scale, df=df, space="identity", slope=b)


def _logit(p):
    return np.log(p / (1 - p))


def _expit(z):
    return 1.0 / (1.0 + np.exp(-z))


def fit_logit(X, Y, M, horizon, K=None, N=None, n_future=None, iterations: int = 30):
    """Linear trend on the logit scale (binomial GLM with over-dispersion when counts are known).

    ``Y`` in percent. Rows where every observed slot has counts use the GLM; others use least
    squares on logit(Y/100). Returns dict(center, scale, df, space='logit', slope, glm).
    """
    S = Y.shape[0]
    have_counts = np.zeros(S, dtype=bool)
    if K is not None and N is not None:
        have_counts = (np.where(M, ~np.isnan(K) & ~np.isnan(N) & (N > 0), True)).all(1) & M.any(1)
    n = M.sum(1)
    df = n - 2.0
    # --- least squares on logits (rows without counts)
    p = np.clip(np.where(M, Y, 50.0) / 100.0, _EPS_PCT / 100, 1 - _EPS_PCT / 100)
    Z = np.where(M, _logit(p), np.nan)
    a, b, sxx, xbar, _, rss = _ols(X, Z, M)
    with np.errstate(invalid="ignore", divide="ignore"):
        s2 = np.where(df > 0, rss / df, np.nan)
        center = a + b * horizon
        scale = np.sqrt(s2 * (1 + 1 / n + (horizon - xbar) ** 2 / sxx))
    slope = b.copy()
    # --- binomial GLM by IRLS, all count rows at once (2 parameters: closed-form 2x2 solve)
    if have_counts.any():
        r = have_counts
        Xr, Mr = X[r], M[r]
        x0 = np.nanmean(np.where(Mr, Xr, np.nan), axis=1)
        xc = np.where(Mr, Xr - x0[:, None], 0.0)  # centred years keep the 2x2 system well conditioned
        Nr = np.where(Mr, N[r], 0.0)
        Kr = np.where(Mr, K[r], 0.0)
        pr = (Kr + 0.5) / (Nr + 1.0)  # half-count adjustment keeps 0 and N inside (0, 1)
        eta = np.where(Mr, _logit(pr), 0.0)
        beta0 = np.zeros(r.sum())
        beta1 = np.zeros(r.sum())
        for _ in range(iterations):
            mu = _expit(eta)
            w = np.where(Mr, Nr * mu * (1 - mu), 0.0)
            zz = eta + np.where(Mr, (Kr / np.maximum(Nr, 1e-12) - mu) / np.maximum(mu * (1 - mu), 1e-12), 0.0)
            s0, s1, s2_ = w.sum(1), (w * xc).sum(1), (w * xc * xc).sum(1)
            t0, t1 = (w * zz).sum(1), (w * xc * zz).sum(1)
            det = s0 * s2_ - s1 * s1
            with np.errstate(invalid="ignore", divide="ignore"):
                nb0 = (s2_ * t0 - s1 * t1) / det
                nb1 = (s0 * t1 - s1 * t0) / det
            nb0 = np.where(np.isfinite(nb0), nb0, beta0)
            nb1 = np.where(np.isfinite(nb1), nb1, beta1)
            done = np.allclose(nb0, beta0, atol=1e-10) and np.allclose(nb1, beta1, atol=1e-10)
            beta0, beta1 = nb0, nb1
            eta = np.where(Mr, beta0[:, None] + beta1[:, None] * xc, 0.0)
            if done:
                break
        mu = _expit(eta)
        w = np.where(Mr, Nr * mu * (1 - mu), 0.0)
        pearson = np.where(Mr, (Kr - Nr * mu) ** 2 / np.maximum(Nr * mu * (1 - mu), 1e-12), 0.0).sum(1)
        dfr = df[r]
        with np.errstate(invalid="ignore", divide="ignore"):
            phi = np.where(dfr > 0, np.maximum(1.0, pearson / dfr), np.nan)
            s0, s1, s2_ = w.sum(1), (w * xc).sum(1), (w * xc * xc).sum(1)
            det = s0 * s2_ - s1 * s1
            h = horizon[r] - x0
            var_mean = phi * (s2_ - 2 * h * s1 + h * h * s0) / det
            eta_T = beta0 + beta1 * h
            mu_T = _expit(eta_T)
            nf = (n_future[r] if n_future is not None else np.nanmax(np.where(Mr, Nr, np.nan), axis=1))
            var_obs = phi / (nf * mu_T * (1 - mu_T))  # one future year's binomial noise, over-dispersed
        center[r] = eta_T
        scale[r] = np.sqrt(var_mean + var_obs)
        slope[r] = beta1
        # φ floored at 1: the dispersion is the binomial one, not estimated, so the normal (z) applies
        with np.errstate(invalid="ignore", divide="ignore"):
            df_r = np.where((dfr > 0) & (pearson / dfr <= 1.0), np.inf, dfr)
        df = df.copy()
        df[r] = df_r
    return dict(center=center, scale=scale, df=df, space="logit", slope=slope, glm=have_counts)


def fit_random_walk(X, Y, M, horizon):
    """Random walk with drift from first to last observation.

    .. math:: \\hat y_T = y_t + (T - t)\\,\\delta,\\quad \\delta = \\frac{y_t - y_b}{t - b}
    """
    idx_first = np.argmax(M, axis=1)
    idx_last = M.shape[1] - 1 - np.argmax(M[:, ::-1], axis=1)
    rows = np.arange(M.shape[0])
    t0, t1 = X[rows, idx_first], X[rows, idx_last]
    y0, y1 = Y[rows, idx_first], Y[rows, idx_last]
    span = t1 - t0
    with np.errstate(invalid="ignore", divide="ignore"):
        drift = (y1 - y0) / span
        # per-year-normalised one-step differences for sigma
        Xf = np.where(M, X, np.nan)
        Yf = np.where(M, Y, np.nan)
        dx = np.diff(Xf, axis=1)
        dy = np.diff(Yf, axis=1)
        ok = ~np.isnan(dx) & ~np.isnan(dy) & (dx > 0)
        u = np.where(ok, (dy - drift[:, None] * dx) / np.sqrt(np.where(ok, dx, 1.0)), 0.0)
        m = ok.sum(1)
        df = m - 1.0
        s2 = np.where(df > 0, (u * u).sum(1) / df, np.nan)
        hh = horizon - t1
        center = y1 + hh * drift
        scale = np.sqrt(s2 * (hh + hh * hh / span))
    return dict(center=center, scale=scale, df=df, space="identity", slope=drift)


def _to_value(z, space):
    return 100.0 * _expit(z) if space == "logit" else z


def predictive_quantiles(fit: dict, q: float) -> np.ndarray:
    """Quantile ``q`` of the predictive distribution, on the value scale (percent for logit)."""
    df = np.where(fit["df"] > 0, fit["df"], np.nan)
    with np.errstate(invalid="ignore"):
        z = fit["center"] + stats.t.ppf(q, df) * fit["scale"]
        z = np.where(fit["scale"] == 0, fit["center"], z)
    return _to_value(z, fit["space"])


def predictive_prob_at_least(fit: dict, threshold: np.ndarray) -> np.ndarray:
    """P(next observation at the horizon ≥ threshold). NaN where no scale could be estimated."""
    thr = np.asarray(threshold, dtype=float)
    if fit["space"] == "logit":
        with np.errstate(divide="ignore", invalid="ignore"):
            p = np.clip(thr / 100.0, 0.0, 1.0)
            thr = np.where(p <= 0, -np.inf, np.where(p >= 1, np.inf, _logit(np.clip(p, 1e-300, 1 - 1e-16))))
    df = np.where(fit["df"] > 0, fit["df"], np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        zstat = (thr - fit["center"]) / fit["scale"]
        prob = stats.t.sf(zstat, df)
        exact = fit["scale"] == 0
        prob = np.where(exact, (fit["center"] >= thr).astype(float), prob)
    return prob


# ------------------------------------------------------------------------------------------------
# The default: trend damped by horizon, errors learned across many series (edustats.backtest)
# ------------------------------------------------------------------------------------------------
def bound_probability(p):
    """Probabilities reported inside [0,005; 0,995]: no finite sample gives certainty.

    >>> bound_probability(np.array([0.0, 0.5, 1.0])).tolist()
    [0.005, 0.5, 0.995]
    """
    return np.clip(np.round(p, 12), PROB_FLOOR, 1 - PROB_FLOOR)


def to_bounded(Y, percent):
    """Values on the scale the default works on: arcsine of √(p) for percentages, the value otherwise.

    .. math:: a = \\arcsin\\sqrt{y/100}\\in[0, \\pi/2]

    Finite at 0 and 100 %, stretched near them (so a change of a few points near 100 % counts as
    much as a larger one near 50 %), and the scale on which a binomial proportion's sampling
    variance is the constant :math:`1/(4N)` (Anscombe 1948).

    >>> round(float(to_bounded(np.array([50.0]), True)[0]), 6)   # π/4
    0.785398
    """
    Y = np.asarray(Y, float)
    pct = np.asarray(percent, bool)
    if pct.ndim == 1 and Y.ndim > 1:
        pct = pct.reshape((-1,) + (1,) * (Y.ndim - 1))
    with np.errstate(invalid="ignore"):
        a = np.arcsin(np.sqrt(np.clip(Y, 0.0, 100.0) / 100.0))
    return np.where(pct, np.where(np.isnan(Y), np.nan, a), Y)


def from_bounded(A, percent):
    """Inverse of :func:`to_bounded`; percent values beyond the bounds are put at 0 or 100.

    >>> from_bounded(np.array([np.pi / 4, 2.0, -0.1]), True).round(6).tolist()
    [50.0, 100.0, 0.0]
    """
    A = np.asarray(A, float)
    pct = np.asarray(percent, bool)
    if pct.ndim == 1 and A.ndim > 1:
        pct = pct.reshape((-1,) + (1,) * (A.ndim - 1))
    return np.where(pct, 100.0 * np.sin(np.clip(A, 0.0, np.pi / 2)) ** 2, A)


def _compact_left(M, *arrays):
    """Each row's observed slots moved to the left, in order (rows already so are left as they are)."""
    if M.shape[1] < 2 or not (M[:, 1:] & ~M[:, :-1]).any():
        return arrays
    order = np.argsort(~M, axis=1, kind="stable")
    return tuple(np.take_along_axis(a, order, 1) for a in arrays)


def _before_latest(M):
    """The mask ``M`` without each row's latest observed slot."""
    M = np.asarray(M, bool)
    i_last = M.shape[1] - 1 - np.argmax(M[:, ::-1], axis=1)
    Mp = M.copy()
    Mp[np.arange(len(M)), i_last] = False
    return Mp & M.any(1)[:, None]


def _prior(X, A, M) -> dict:
    """The values before each row's latest one, moved left (``Ac``, years ``Xc``), their one-step changes
    ``dA`` over ``dX`` years, and their mask ``Mp``: what the scale and the covariate are read from (once)."""
    Mp = _before_latest(M)
    Xc, Ac = _compact_left(Mp, np.where(Mp, X, np.nan), np.where(Mp, A, np.nan))
    return dict(Mp=Mp, Xc=Xc, Ac=Ac, dA=np.diff(Ac, axis=1), dX=np.diff(Xc, axis=1))


def _scale_parts(X, A, M, percent, prior=None):
    """Per row: the sum of absolute one-step changes per year before the latest value, the last step's
    change per year, the number of steps, the last step's length in years, and the scale's floor."""
    n = M.sum(1)
    rows = np.arange(len(A))
    i_last = M.shape[1] - 1 - np.argmax(M[:, ::-1], axis=1)
    p = _prior(X, A, M) if prior is None else prior
    Mp = p["Mp"]
    i_prev = Mp.shape[1] - 1 - np.argmax(Mp[:, ::-1], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        step = np.abs(p["dA"]) / p["dX"]
        total = np.where(np.isfinite(step), step, 0.0).sum(1)
        dt = X[rows, i_last] - X[rows, i_prev]
        d = (A[rows, i_last] - A[rows, i_prev]) / dt
        d = np.where(np.isfinite(d), d, 0.0)
    prev = A[rows, i_prev]
    pct = np.broadcast_to(np.asarray(percent, bool), prev.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        pc = np.clip(np.sin(np.clip(prev, 0, np.pi / 2)) ** 2, 0.02, 0.98)
        floor = np.where(pct, 0.002 / (2 * np.sqrt(pc * (1 - pc))), np.maximum(0.002 * np.abs(prev), 1e-9))
    return total, d, np.maximum(n - 1, 1).astype(float), dt, floor


def window_stats(X, A, M, percent):
    """Per row: latest value, the least-squares line's value at the latest year, its slope per year,
    and the scale (mean absolute one-step change per year, floored).

    The floor keeps a flat series from claiming certainty: 0,2 percentage points a year for
    percentages (converted at the value before the latest, taken no closer than 2 % to a bound)
    and 0,2 % of that value otherwise (the floor does not move with the latest value).

    >>> x = np.array([[1., 2, 3, 4]]); a = np.array([[1., 3, 2, 4]])
    >>> [round(float(v[0]), 4) for v in window_stats(x, a, ~np.isnan(a), False)]
    [4.0, 3.7, 0.8, 1.6667]
    """
    w = _window(X, A, M, percent)
    return w["last"], w["fend"], w["slope"], w["scale"]


def _window(X, A, M, percent, prior=None):
    """:func:`window_stats` and the parts of its scale (:func:`_scale_parts`), with the line's
    x̄ and Sxx, in one pass."""
    n = M.sum(1)
    rows = np.arange(len(A))
    i_last = M.shape[1] - 1 - np.argmax(M[:, ::-1], axis=1)
    last = A[rows, i_last]
    t_last = X[rows, i_last]
    a, b, sxx, xbar, *_ = _ols(X, A, M, need_rss=False)
    fitted_end = a + b * t_last
    total, d, steps, dt, floor = _scale_parts(X, A, M, percent, prior)
    scale = np.where(n >= 2, np.fmax((total + np.abs(d)) / steps, floor), np.nan)
    return dict(last=last, fend=fitted_end, slope=np.where(n >= 2, b, np.nan), scale=scale, total=total, d=d,
                steps=steps, dt=dt, floor=floor, xbar=xbar, sxx=sxx, t_last=t_last, n=n)


def monotone_scales(E, total, d, steps, dt, floor, gain):
    r"""The scale of each learned error quantile ``E`` (rows × horizons × levels), kept so that a
    higher latest value never lowers a quantile.

    The scale is the mean absolute one-step change (:func:`window_stats`), whose last step
    :math:`|d|` moves with the latest value :math:`L`. The forecast's centre rises with :math:`L`
    at the rate ``gain`` :math:`g = \partial c/\partial L > 0` (level, line and slope). A quantile
    :math:`c + s\,e` stays non-decreasing in :math:`L` where the last step widens it on its own
    side (a rise for :math:`e > 0`, a fall for :math:`e < 0`); on the other side the last step is
    counted with weight :math:`\min(1, K/|e|)`, :math:`K = g\,(n-1)\,\Delta t`, which keeps
    :math:`\partial (c + s e)/\partial L \ge 0`:

    .. math:: s_e = \max\Big(f, \frac{S + d_{\text{same}} + \min(1, K/|e|)\, d_{\text{other}}}{n-1}\Big)

    Central quantiles (:math:`|e| \le K`) get the plain scale; only far tails on the side opposite
    to the last step are narrowed. Quantiles stay in order (:math:`s_e e` rises with :math:`e`).

    >>> E = np.array([[[-20.0, -1.0, 0.0, 1.0, 20.0]]])
    >>> monotone_scales(E, np.array([3.0]), np.array([2.0]), np.array([3.0]), np.array([1.0]),
    ...                 np.array([0.01]), np.array([[1.0]])).round(4).tolist()   # K = 3: (3 + 2·3/20)/3 far left
    [[[1.1, 1.6667, 1.6667, 1.6667, 1.6667]]]
    """
    K = gain * (steps * dt)[:, None]
    absE = np.abs(E)
    with np.errstate(divide="ignore", invalid="ignore"):
        lim = np.divide(K[..., None], absE, out=absE)          # in place: K/|e| (inf at e = 0)
    np.minimum(lim, 1.0, out=lim)
    # the last step counts fully on its own side (e ≥ 0 after a rise, e < 0 after a fall), min(1, K/|e|) on the other
    own = (E >= 0) == (d >= 0)[:, None, None]
    lim[own] = 1.0
    lim *= np.abs(d)[:, None, None]
    lim += total[:, None, None]
    lim /= steps[:, None, None]
    return np.fmax(lim, floor[:, None, None], out=lim)


def steadiness(X, A, M):
    """:func:`smoothness` of the values before the latest one (the covariate the default's constants
    are interpolated on; like the scale, it does not move with the latest value).

    >>> x = np.array([[1., 2, 3, 4]]); a = np.array([[1., 3, 2, 9]])
    >>> round(float(steadiness(x, a, ~np.isnan(a))[0]), 4)   # 1, 3, 2: |2 − 1| / (2 + 1)
    0.3333
    """
    return _steadiness(_prior(X, A, M))


def _steadiness(p: dict):
    """:func:`smoothness` of the values before the latest one, from :func:`_prior`."""
    Ac = p["Ac"]
    tot = np.nansum(np.abs(p["dA"]), axis=1)
    n = p["Mp"].sum(1)
    first = Ac[:, 0]
    last = Ac[np.arange(len(Ac)), np.maximum(n - 1, 0)]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, np.abs(last - first) / tot, 1.0)


def regularity(X, A, M):
    """How evenly the values before the latest one moved: 1 − mean |Δ − Δ̄| / mean |Δ| of their
    one-step changes per year, in [0, 1] (1: equal steps, as in an interpolated series; near 0:
    changes that come and go). A window with one step, or no change at all, counts as regular.

    >>> x = np.array([[1., 2, 3, 4, 5], [1., 2, 3, 4, 5]]); a = np.array([[1., 2, 3, 4, 0], [1., 3, 3, 4, 0]])
    >>> regularity(x, a, ~np.isnan(a)).round(4).tolist()   # steps 1, 1, 1 and 2, 0, 1: 1 − (2/3)/1
    [1.0, 0.3333]
    """
    return _regularity(_prior(X, A, M))


def _regularity(p: dict):
    """:func:`regularity` from :func:`_prior`."""
    with np.errstate(invalid="ignore", divide="ignore"):
        step = p["dA"] / p["dX"]
        ok = np.isfinite(step)
        k = ok.sum(1)
        mean = np.where(ok, step, 0.0).sum(1) / k
        spread = np.where(ok, np.abs(step - mean[:, None]), 0.0).sum(1) / k
        size = np.where(ok, np.abs(step), 0.0).sum(1) / k
        return np.where((k >= 1) & (size > 0), np.clip(1.0 - spread / size, 0.0, 1.0), 1.0)


def covariate(X, A, M, kind: str = "steadiness"):
    r"""The covariate the default's constants are interpolated on: :func:`steadiness` ``s``, or with
    ``kind="steadiness_regularity"`` :math:`s\,(1 + r)` with :math:`r` the :func:`regularity` (in [0, 2]:
    a series that only rose, in equal steps, gets 2). Neither moves with the latest value.

    >>> x = np.array([[1., 2, 3, 4, 5]]); a = np.array([[1., 2, 3, 4, 0]])
    >>> float(covariate(x, a, ~np.isnan(a))[0]), float(covariate(x, a, ~np.isnan(a), "steadiness_regularity")[0])
    (1.0, 2.0)
    """
    return _covariate(_prior(X, A, M), kind)


def _covariate(p: dict, kind: str):
    """:func:`covariate` from :func:`_prior`."""
    if kind not in ("steadiness", "steadiness_regularity"):
        raise ValueError(f"unknown covariate {kind!r}")
    s = _steadiness(p)
    return s if kind == "steadiness" else s * (1.0 + _regularity(p))


def class_weights(s, edges):
    """Weights (rows × classes) of the steadiness classes for steadiness ``s``: linear between the
    classes' centres, all on the first / last class beyond them. They sum to 1, at most two are
    non-zero, and they change continuously with ``s`` (no jump at a class edge).

    >>> class_weights(np.array([0.0, 0.5, 2 / 3, 1.0]), np.array([0, 1 / 3, 2 / 3, 1])).round(3).tolist()
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.5, 0.5], [0.0, 0.0, 1.0]]
    """
    edges = np.asarray(edges, float)
    centres = (edges[:-1] + edges[1:]) / 2
    nb = len(centres)
    s = np.asarray(s, float)
    return np.stack([np.interp(s, centres, np.eye(nb)[b]) for b in range(nb)], -1)


def smoothness(X, A, M):
    """How steadily a series moved in its window: net change over the sum of absolute changes, in [0, 1].

    1 for a series that only rose (or only fell), near 0 for back-and-forth noise; 1 for a flat one.

    >>> x = np.array([[1., 2, 3, 4], [1., 2, 3, 4]]); a = np.array([[1., 2, 3, 4], [1., 3, 1, 3]])
    >>> smoothness(x, a, ~np.isnan(a)).round(3).tolist()
    [1.0, 0.333]
    """
    Af = np.where(M, A, np.nan)
    (Ac,) = _compact_left(M, Af)
    tot = np.nansum(np.abs(np.diff(Ac, axis=1)), axis=1)
    rows = np.arange(len(A))
    n = M.sum(1)
    first = Ac[:, 0]
    last = Ac[rows, np.maximum(n - 1, 0)]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, np.abs(last - first) / tot, 1.0)


@lru_cache(maxsize=4)
def _load_calibration_cached(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


PROFILES = ("national", "province")


def load_calibration(profile: str = "national", path=None) -> dict:
    """The default forecaster's learned constants for one profile (``edustats/data/forecast_calibration.json``).

    ``province``: learned on Vietnamese province series (GSO 2002-2016); ``national``: on
    national series of the 42 countries of the training split (World Bank EdStats 1970-2016). Errors of national series
    are larger for the same past volatility (longer history, reforms, the 1998/99 break), so
    one set of constants cannot be calibrated for both. Learned by
    ``python -m edustats.backtest learn`` on the training split; the file's ``provenance``
    names the corpora, the split and the date.

    >>> sorted(load_calibration("national")["units"])
    ['percent', 'ratio']
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown calibration profile {profile!r}; expected one of {', '.join(PROFILES)}")
    raw = json.loads(_load_calibration_cached(str(path or CALIBRATION_FILE)))
    return {"levels": raw["levels"], "horizons": raw["horizons"], "smoothness_edges": raw["smoothness_edges"],
            "units": raw["profiles"][profile]["units"], "profile": profile, "provenance": raw["provenance"],
            "beyond": raw["profiles"][profile].get("beyond"), "covariate": raw.get("covariate", "steadiness")}


def beyond_growth(h, h_last, beyond=None, unit: str = "ratio"):
    r"""Factor by which the error quantiles of the last calibrated horizon ``h_last`` (5) grow at
    horizon ``h``: 1 up to ``h_last``; beyond it the factors learned on the training split
    (``beyond``: ``{"horizons": [6, …, 10], unit: [f_6, …, f_10]}``, :func:`edustats.backtest.learn_beyond`),
    linear between them and growing as :math:`\sqrt{h / h_{max}}` past the last; without learned
    factors :math:`\sqrt{h / h_{last}}`.

    >>> beyond_growth(np.array([3.0, 5.0, 20.0]), 5.0).round(4).tolist()
    [1.0, 1.0, 2.0]
    >>> b = {"horizons": [6, 7], "ratio": [1.5, 2.0]}
    >>> beyond_growth(np.array([5.0, 5.5, 7.0, 28.0]), 5.0, b).round(4).tolist()   # 28: 2·√(28/7)
    [1.0, 1.25, 2.0, 4.0]
    """
    h = np.maximum(np.asarray(h, float), h_last)
    if not beyond or unit not in beyond:
        return np.sqrt(h / h_last)
    xs = np.concatenate([[h_last], np.asarray(beyond["horizons"], float)])
    ys = np.concatenate([[1.0], np.asarray(beyond[unit], float)])
    return np.interp(np.minimum(h, xs[-1]), xs, ys) * np.sqrt(np.maximum(h, xs[-1]) / xs[-1])


def damped_quantiles(X, Y, M, percent, H, calibration: dict | None = None, n_future=None):
    """Predictive quantiles (rows × horizons × :data:`LEVELS`) of the default forecaster.

    On the bounded scale :math:`a` (:func:`to_bounded`), from the last ``w`` ≤ 8 reported values:

    .. math::
        \\hat a_{T+h} = \\ell + k_h\\, b\\, h,\\qquad
        Q_{T+h}(\\tau) = \\hat a_{T+h} + s\\, q_{h,w}(\\tau)

    where :math:`\\ell` mixes the latest value and the least-squares line's end, :math:`b` is the
    line's slope, :math:`k_h` the share of the trend that carries on (learned, < 1: damped),
    :math:`s` the mean absolute one-step change (floored, :func:`window_stats`; in the far tail
    opposite to the last step its last step counts less, :func:`monotone_scales`) and
    :math:`q_{h,w}` the empirical quantiles of scaled errors learned across many series for
    the unit and window (split-conformal, recalibrated by horizon for groups not seen). The
    constants :math:`(\\ell, k_h, q_{h,w})` are learned per class of a covariate of the values
    before the latest one — their steadiness times 1 + the regularity of their steps, so that a series
    moving one way in nearly equal steps (e.g. interpolated) keeps more of its trend and gets a
    narrower band, as such training series did — and interpolated between the classes (:func:`covariate`,
    :func:`class_weights`): none of them moves with the latest value, the centre rises with it,
    so every quantile is non-decreasing in the latest value and P(≥ θ) never falls when it
    rises. Beyond 5 years no further trend is added and the
    error quantiles grow by factors learned on the training split for horizons 6-10
    (:func:`beyond_growth`; :math:`\\sqrt{h/5}` where none were learned). Where the future count's denominator ``N`` is
    known (percentages), its binomial sampling noise, of variance :math:`1/(4N)` on this scale,
    is added in quadrature to every quantile's distance from the median:

    .. math:: Q(\\tau) = m + \\operatorname{sign}(\\tau - \\tfrac12)\\sqrt{(Q_0(\\tau) - m)^2 + z_\\tau^2/(4N)}

    Percent quantiles are mapped back and stay inside [0, 100].

    References
    ----------
    Vovk, Gammerman & Shafer (2005), *Algorithmic Learning in a Random World* (split conformal);
    Gardner & McKenzie (1985) (damped trends); Anscombe (1948), *Biometrika* 35 (arcsine).

    Examples
    --------
    >>> x = np.array([[2018., 2019, 2020, 2021, 2022]]); y = np.array([[15., 17.1, 18.9, 21.2, 22.9]])
    >>> q = damped_quantiles(x, y, ~np.isnan(y), np.array([True]), np.array([[3.0]]))
    >>> bool(22.9 < q[0, 0, 12] < 22.9 + 3 * 1.975), bool(q[0, 0, 0] >= 0 and q[0, 0, -1] <= 100)
    (True, True)
    """
    cal = calibration or load_calibration()
    levels = np.asarray(cal["levels"])
    Y = np.asarray(Y, float)
    M = np.asarray(M, bool).copy()
    # keep the last MAX_WINDOW observed values
    rank_from_end = np.cumsum(M[:, ::-1], axis=1)[:, ::-1]
    M &= rank_from_end <= MAX_WINDOW
    percent = np.broadcast_to(np.asarray(percent, bool), (len(Y),))
    A = to_bounded(np.where(M, Y, np.nan), percent)
    prior = _prior(X, A, M)   # the values before the latest: read by the scale and by the covariate
    win = _window(X, A, M, percent, prior)
    last, fend, slope, n = win["last"], win["fend"], win["slope"], win["n"]
    total, dstep, steps, dt, floor = win["total"], win["d"], win["steps"], win["dt"], win["floor"]
    # how fast the line's end and slope rise with the latest value (least squares: linear in it)
    with np.errstate(invalid="ignore", divide="ignore"):
        d_slope = np.where(win["sxx"] > 0, (win["t_last"] - win["xbar"]) / win["sxx"], 0.0)
        d_fend = 1.0 / np.maximum(n, 1) + (win["t_last"] - win["xbar"]) * d_slope
    H = np.asarray(H, float)
    if H.ndim == 1:
        H = H[:, None]
    T, nh = H.shape
    out = np.full((T, nh, len(levels)), np.nan)
    hz = np.asarray(cal["horizons"], float)
    mid = int(np.argmin(abs(levels - 0.5)))
    zlev = special.ndtri(levels)
    edges = np.asarray(cal["smoothness_edges"])
    wts = class_weights(_covariate(prior, cal.get("covariate", "steadiness")), edges)   # continuous in the steadiness: no jump between classes
    for unit, is_pct in (("percent", True), ("ratio", False)):
        ucal = cal["units"][unit]
        wins = np.array(sorted(int(w) for w in ucal))
        for w in wins:
            wsel = np.clip(n, wins.min(), wins.max()) == w
            r = (percent == is_pct) & wsel & (n >= 2)
            if not r.any():
                continue
            cells = ucal[str(w)]
            wt = wts[r]
            h = np.clip(H[r], 1.0, None)
            uh, inv = np.unique(h, return_inverse=True)
            inv = inv.reshape(h.shape)
            uhc = np.minimum(uh, hz[-1])
            grow = beyond_growth(uh, hz[-1], cal.get("beyond"), unit)[:, None]
            # each class's constants at each distinct horizon (classes × horizons [× levels]), then blended by
            # the rows' class weights in one product per horizon (at most two weights of a row are non-zero)
            LW = np.array([c["level_weight_last"] for c in cells], float)
            KEPT = np.stack([np.interp(uhc, hz, np.asarray(c["trend_kept"]) * hz) for c in cells])   # trend "years"
            EQ = np.stack([np.stack([np.interp(uhc, hz, np.asarray(c["error_quantiles"])[:, i])
                                     for i in range(len(levels))], -1) * grow for c in cells])
            # (einsum, not a BLAS product: one thread, whose workers would otherwise spin on a shared machine)
            wl = np.einsum("rk,k->r", wt, LW)
            kept = np.empty(h.shape)
            eq = np.empty(h.shape + (len(levels),))
            if len(uh) == 1:
                kept[:] = np.einsum("rk,k->r", wt, KEPT[:, 0])[:, None]
                eq[:] = np.einsum("rk,kl->rl", wt, EQ[:, 0])[:, None, :]
            else:
                for u in range(len(uh)):
                    ri, ci = np.nonzero(inv == u)
                    wu = wt[ri]
                    kept[ri, ci] = np.einsum("rk,k->r", wu, KEPT[:, u])
                    eq[ri, ci] = np.einsum("rk,kl->rl", wu, EQ[:, u])
            level = wl * last[r] + (1 - wl) * fend[r]
            center = level[:, None] + kept * slope[r][:, None]
            # Q(τ) = centre + s·e(τ), the last step's part of s limited in the far tails (monotone_scales)
            gain = (wl + (1 - wl) * d_fend[r])[:, None] + kept * d_slope[r][:, None]
            eq *= monotone_scales(eq, total[r], dstep[r], steps[r], dt[r], floor[r], gain)
            eq += center[..., None]
            med = eq[..., mid].copy()
            dev = np.subtract(eq, med[..., None], out=eq)   # in place: the same numbers, fewer arrays
            if n_future is not None and is_pct:
                nf = np.asarray(n_future, float)[r]
                sb = np.where(np.isfinite(nf) & (nf > 0), 1.0 / (2.0 * np.sqrt(np.where(nf > 0, nf, 1.0))), 0.0)
                np.square(dev, out=dev)
                dev += (zlev[None, None, :] * sb[:, None, None]) ** 2
                np.sqrt(dev, out=dev)
                dev *= np.sign(levels - 0.5)
            dev += med[..., None]
            if is_pct:  # from_bounded, in place
                np.clip(dev, 0.0, np.pi / 2, out=dev)
                np.sin(dev, out=dev)
                np.square(dev, out=dev)
                dev *= 100.0
            out[r] = dev
    return out


def grid_cdf(Q, y, side: str = "left"):
    """Predictive CDF at ``y`` read from a quantile grid (levels :data:`LEVELS`), inside [0,005; 0,995].

    ``side='left'`` gives P(Y < y) (so P(Y ≥ y) = 1 − it), ``'right'`` P(Y ≤ y). Linear between
    grid points; beyond the grid the bound (no certainty claimed).

    >>> q = np.tile(np.linspace(0, 24, 25), (1, 1))
    >>> grid_cdf(q, np.array([12.0])).round(3).tolist(), grid_cdf(q, np.array([-5.0])).tolist()
    ([0.5], [0.005])
    """
    Q = np.asarray(Q, float)
    y = np.asarray(y, float)[..., None]
    lev = LEVELS
    idx = (Q < y).sum(-1) if side == "left" else (Q <= y).sum(-1)
    L = Q.shape[-1]
    i0 = np.clip(idx - 1, 0, L - 1)
    i1 = np.clip(idx, 0, L - 1)
    q0 = np.take_along_axis(Q, i0[..., None], -1)[..., 0]
    q1 = np.take_along_axis(Q, i1[..., None], -1)[..., 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = np.where(q1 > q0, (y[..., 0] - q0) / (q1 - q0), 1.0)
    F = lev[i0] + (lev[i1] - lev[i0]) * np.clip(frac, 0.0, 1.0)
    F = np.where(idx == 0, lev[0], np.where(idx == L, lev[-1], F))
    return np.where(np.isnan(Q[..., 0]) | np.isnan(y[..., 0]), np.nan, F)


def grid_from_fit(fit: dict, percent) -> np.ndarray:
    """Quantile grid (rows × :data:`LEVELS`) of a ``linear``/``logit``/``rw`` fit, percent kept in [0, 100].

    Student t with the fit's degrees of freedom; ``df = inf`` means the normal (dispersion not
    estimated, e.g. a binomial GLM whose over-dispersion φ was floored at 1). Where no spread
    could be estimated (two points) every quantile is the centre: a point projection.

    >>> fit = dict(center=np.array([0.0]), scale=np.array([1.0]), df=np.array([np.inf]), space="logit")
    >>> g = grid_from_fit(fit, True)[0]
    >>> round(float(g[2]), 3), round(float(g[12]), 3)   # 100·expit(−1,96) and the median
    (12.347, 50.0)
    """
    df = np.asarray(fit["df"], float)
    dfx = np.where(df > 0, df, np.nan)
    with np.errstate(invalid="ignore"):
        tq = np.where(np.isinf(dfx)[:, None], special.ndtri(LEVELS)[None, :],
                      stats.t.ppf(LEVELS[None, :], np.where(np.isinf(dfx), 1.0, dfx)[:, None]))
    scale = np.asarray(fit["scale"], float)
    point = ~np.isfinite(scale) | (scale == 0) | ~(df > 0)  # no spread estimated: every quantile is the centre
    z = fit["center"][:, None] + np.where(point[:, None], 0.0, tq * np.where(point, 0.0, scale)[:, None])
    v = _to_value(z, fit["space"])
    pct = np.broadcast_to(np.asarray(percent, bool), (len(v),))[:, None]
    return np.where(pct, np.clip(v, 0.0, 100.0), v)
