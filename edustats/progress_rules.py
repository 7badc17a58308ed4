"""The standard rules superiors quote for progress towards a target, vectorised.

Each rule takes arrays: base value ``vb`` in year ``b`` (first observation), current value
``vt`` in year ``t`` (latest), ``target`` due in year ``T``, and ``higher`` (True where a higher
value is better). All return a number and a category code.

Growth rates near 0 or 100. A compound annual growth rate needs positive values. Where a base,
current or target value is 0 or below, or where the values are shares of 100 and the target is
100 (a "100%" target the CAGR cannot reach gracefully), the rules are applied to the complement
100 − v of a percentage, which turns "reach 100%" into "bring the gap down to 0,5" (100% is
published from 99,5%) and stays defined;
when even the complement is not positive (a target of 0 from 0), the absolute annual change
replaces the CAGR. The column ``growth_basis`` says which was used: ``value``, ``complement``
or ``linear``.
"""
from __future__ import annotations

import numpy as np

__all__ = ["cagr", "growth_inputs", "unsd_progress", "statcan_progress", "escap_progress",
           "UNSD_LABELS", "STATCAN_LABELS", "ESCAP_LABELS"]

UNSD_LABELS = {
    "on_track": ("Đúng lộ trình", "On track / substantial progress"),
    "acceleration_needed": ("Có tiến bộ, cần tăng tốc", "Fair progress, acceleration needed"),
    "limited": ("Tiến bộ hạn chế", "Limited or no progress"),
    "deterioration": ("Đi xuống", "Deterioration"),
    "target_achieved": ("Đã đạt mục tiêu", "Target achieved"),
}
STATCAN_LABELS = {
    "target_achieved": ("Đã đạt mục tiêu", "Target achieved"),
    "substantial_progress": ("Tiến bộ rõ rệt", "Substantial progress"),
    "moderate_progress": ("Có tiến bộ, cần tăng tốc", "Moderate progress, acceleration needed"),
    "limited_progress": ("Tiến bộ hạn chế", "Limited progress"),
    "deterioration": ("Đi xuống", "Deterioration"),
}
ESCAP_LABELS = {
    "maintain": ("Giữ nhịp độ để đạt", "Maintain progress to achieve target"),
    "accelerate": ("Cần tăng tốc", "Accelerate progress to achieve target"),
    "reverse": ("Cần đảo chiều xu hướng", "Reverse trend to achieve target"),
}


def cagr(v1, v0, t1, t0):
    """Compound annual growth rate :math:`(v_1/v_0)^{1/(t_1-t_0)} - 1`.

    >>> round(float(cagr(22.5, 15.0, 2025, 2018)), 5)
    0.05963
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        return (np.asarray(v1, float) / np.asarray(v0, float)) ** (1.0 / (np.asarray(t1, float) - np.asarray(t0, float))) - 1.0


def growth_inputs(vb, vt, target, percent):
    """Values on which CAGRs are taken, and the basis used (see module docstring)."""
    vb, vt, target = (np.asarray(a, float) for a in (vb, vt, target))
    percent = np.broadcast_to(np.asarray(percent, bool), vb.shape)
    nonpos = (vb <= 0) | (vt <= 0) | (target <= 0)
    use_comp = percent & (nonpos | (target >= 100))
    cb, ct, ctg = 100 - vb, 100 - vt, 100 - target
    # a "100%" target is met at its published threshold 99,5%: the gap to close is 0,5, not 0
    ctg = np.where(ctg <= 0, 0.5, ctg)
    comp_ok = (cb > 0) & (ct > 0) & (ctg > 0)
    basis = np.where(use_comp & comp_ok, "complement", np.where(nonpos | (use_comp & ~comp_ok), "linear", "value"))
    gb = np.where(basis == "complement", cb, vb)
    gt = np.where(basis == "complement", ct, vt)
    gtarget = np.where(basis == "complement", ctg, target)
    return gb, gt, gtarget, basis


def _growth(v1, v0, t1, t0, basis):
    # series with a single observation have t1 == t0: their rows are NaN and masked by the caller
    with np.errstate(invalid="ignore", divide="ignore"):
        lin = (np.asarray(v1, float) - v0) / (np.asarray(t1, float) - t0)
    return np.where(basis == "linear", lin, cagr(np.where(basis == "linear", 1, v1), np.where(basis == "linear", 1, v0), t1, t0))


def _achieved(vt, target, higher):
    return np.where(higher, vt >= target, vt <= target)


def unsd_progress(vb, b, vt, t, target, T, higher, percent):
    """UNSD SDG Progress Chart ratio of anticipated to required progress.

    .. math::

        \\mathrm{CAGR}_a = (v_t/v_b)^{1/(t-b)} - 1,\\quad
        \\hat v_T = v_t (1+\\mathrm{CAGR}_a)^{T-t},\\quad
        \\text{ratio} = \\frac{\\hat v_T - v_b}{\\text{target} - v_b}

    Categories: ratio ≥ 0,95 on track; 0,10-0,95 acceleration needed; 0-0,10 limited;
    < 0 deterioration; a current value already at the target: target achieved.

    References
    ----------
    United Nations Statistics Division, SDG Progress Chart technical note (2022).

    Examples
    --------
    From 15% (2018) to 19% (2022), target 22,5% by 2025: CAGR 6,09%, anticipated 22,69%, ratio 1,025:

    >>> r, c, basis = unsd_progress(15.0, 2018, 19.0, 2022, 22.5, 2025, True, True)
    >>> round(float(r), 3), str(c), str(basis)
    (1.025, 'on_track', 'value')
    """
    vb, vt, target = (np.asarray(a, float) for a in (vb, vt, target))
    gb, gt, gtarget, basis = growth_inputs(vb, vt, target, percent)
    g = _growth(gt, gb, t, b, basis)
    with np.errstate(invalid="ignore", divide="ignore"):
        proj_g = np.where(basis == "linear", gt + g * (np.asarray(T, float) - t), gt * (1 + g) ** (np.asarray(T, float) - t))
        ratio = (proj_g - gb) / (gtarget - gb)
    cat = np.select([ratio >= 0.95, ratio >= 0.10, ratio >= 0], ["on_track", "acceleration_needed", "limited"],
                    "deterioration")
    cat = np.where(_achieved(vt, target, np.asarray(higher, bool)), "target_achieved", cat)
    return ratio, cat, basis


def statcan_progress(vb, b, vt, t, target, T, higher, percent):
    """Statistics Canada / open-sdg growth ratio of observed to required CAGR.

    .. math:: R = \\frac{\\mathrm{CAGR}_{obs}}{\\mathrm{CAGR}_{req}},\\quad
              \\mathrm{CAGR}_{obs} = (v_t/v_b)^{1/(t-b)} - 1,\\quad
              \\mathrm{CAGR}_{req} = (\\text{target}/v_b)^{1/(T-b)} - 1

    The sign of the required growth carries the desired direction, so a "≤ 6%" target works as
    a "≥" one. Categories (thresholds 0,95 / 0,60 / 0): substantial progress, moderate
    progress, limited progress, deterioration; a current value already at the target is "target
    achieved" before any ratio, as in open-sdg.

    References
    ----------
    Statistics Canada, Progress measurement for Canada's SDGs; open-sdg ``sdg-build``
    ``ProgressMeasure.methodology_2`` (thresholds high 0,95, med 0,6, low 0).

    Examples
    --------
    Malnutrition 9% (2021) → 8% (2023), target ≤ 6% by 2025: observed CAGR −5,72%, required
    −9,64%, R = 0,593: limited progress (just under 0,60).

    >>> r, c, _ = statcan_progress(9.0, 2021, 8.0, 2023, 6.0, 2025, False, True)
    >>> round(float(r), 3), str(c)
    (0.593, 'limited_progress')
    """
    vb, vt, target = (np.asarray(a, float) for a in (vb, vt, target))
    gb, gt, gtarget, basis = growth_inputs(vb, vt, target, percent)
    obs = _growth(gt, gb, t, b, basis)
    req = _growth(gtarget, gb, T, b, basis)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = obs / req
    cat = np.select([ratio >= 0.95, ratio >= 0.60, ratio >= 0], ["substantial_progress", "moderate_progress",
                                                                   "limited_progress"], "deterioration")
    cat = np.where(_achieved(vt, target, np.asarray(higher, bool)), "target_achieved", cat)
    return ratio, cat, basis


def escap_progress(X, Y, M, target, T, higher):
    """ESCAP-style anticipated gap from a time-weighted linear regression.

    Weights grow with time (w = 1, 2, …, n for the n observations, latest heaviest); the line is
    extended to the due year. The anticipated gap is the share of the required progress (from
    the first observation to the target) that the trend will leave undone:

    .. math:: \\text{gap} = \\frac{\\text{target} - \\hat v_T}{\\text{target} - v_b}

    gap ≤ 0: maintain progress; 0 < gap < 1: accelerate; gap ≥ 1 (the trend ends no better than
    the start): reverse the trend.

    References
    ----------
    ESCAP Statistics Division, Working Paper SD/WP/05 (2017), "Tracking progress towards the
    SDGs"; ESCAP SDG Gateway technical notes (Anticipated Progress Index).

    Examples
    --------
    >>> X = np.array([[2018., 2019, 2020, 2021]]); Y = np.array([[15., 17, 19, 21]]); M = np.ones((1, 4), bool)
    >>> gap, cat, v = escap_progress(X, Y, M, np.array([22.5]), np.array([2025.]), np.array([True]))
    >>> round(float(v[0]), 2), round(float(gap[0]), 3), str(cat[0])
    (29.0, -0.867, 'maintain')
    """
    from .projection import _ols

    rank = np.cumsum(M, axis=1).astype(float)
    a, b_, *_ = _ols(X, Y, M, w=rank)
    v_T = a + b_ * np.asarray(T, float)
    vb = Y[np.arange(len(Y)), np.argmax(M, axis=1)]
    target = np.asarray(target, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = (target - v_T) / (target - vb)
    cat = np.select([gap <= 0, gap < 1], ["maintain", "accelerate"], "reverse")
    return gap, cat, v_T
