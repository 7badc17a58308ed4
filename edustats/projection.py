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
    count (with counts) or to 0,1 / 99,9 (without) before taking logits.
``rw``
    Random walk with drift: drift = (y_last − y_first)/(t_last − t_first); the predictive
    variance grows with the horizon h as σ²(h + h²/span).

With two observations no residual variance can be estimated: ``scale`` is NaN and callers
report a point projection without interval (documented, never silently).
"""
from __future__ import annotations

import numpy as np
from scipy import stats

__all__ = ["pad_series", "fit_linear", "fit_logit", "fit_random_walk", "predictive_quantiles",
           "predictive_prob_at_least", "MODELS"]

MODELS = ("linear", "logit", "rw")
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


def _ols(Xc, Y, M, w=None):
    """Weighted least squares of Y on Xc per row (masked). Returns a, b, sxx, xbar, sw, rss."""
    W = np.where(M, 1.0 if w is None else w, 0.0)
    Xz = np.where(M, Xc, 0.0)
    Yz = np.where(M, Y, 0.0)
    sw = W.sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        xbar = (W * Xz).sum(1) / sw
        ybar = (W * Yz).sum(1) / sw
        dx = np.where(M, Xz - xbar[:, None], 0.0)
        sxx = (W * dx * dx).sum(1)
        sxy = (W * dx * (Yz - ybar[:, None])).sum(1)
        b = np.where(sxx > 0, sxy / sxx, 0.0)
        a = ybar - b * xbar
        resid = np.where(M, Yz - (a[:, None] + b[:, None] * Xz), 0.0)
        rss = (W * resid * resid).sum(1)
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
    return dict(center=center, scale=scale, df=df, space="logit", slope=slope, glm=have_counts)


def fit_random_walk(X, Y, M, horizon):
    """Random walk with drift from first to last observation.

    .. math:: \\hat y_T = y_t + (T - t)\\,\\delta,\\quad \\delta = \\frac{y_t - y_b}{t - b}
    """
    n = M.sum(1)
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
