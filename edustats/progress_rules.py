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

Direction. Every ratio is signed by the *desired* direction ``d`` (+1 where higher is better,
−1 where lower is better; reversed on the complement), never by the direction from the base to
the target. The two differ when the base value already met the target and the indicator has
since slipped back past it (malnutrition 5% in the base year, 7% now, target "≤ 6%"): moving
away from the target then scores as deterioration, as in open-sdg's reference implementation
(``SeriesProgress.methodology_2`` returns ``sign * direction * cagr_o / abs(cagr_r)``).
"""
from __future__ import annotations

import numpy as np

__all__ = ["cagr", "growth_inputs", "unsd_progress", "statcan_progress", "statcan_score",
           "statcan_aggregate", "escap_progress", "rule_workings", "UNSD_LABELS", "STATCAN_LABELS",
           "ESCAP_LABELS"]

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


def _desired_sign(higher, basis):
    """+1 where a rise in the growth variable is progress, −1 where a fall is (the complement flips it)."""
    d = np.where(np.asarray(higher, bool), 1.0, -1.0)
    return np.where(basis == "complement", -d, d)


def unsd_progress(vb, b, vt, t, target, T, higher, percent):
    """UNSD SDG Progress Chart ratio of anticipated to required progress.

    .. math::

        \\mathrm{CAGR}_a = (v_t/v_b)^{1/(t-b)} - 1,\\quad
        \\hat v_T = v_t (1+\\mathrm{CAGR}_a)^{T-t},\\quad
        \\text{ratio} = d\\,\\frac{\\hat v_T - v_b}{\\lvert \\text{target} - v_b \\rvert}

    with :math:`d = +1` where higher is better and :math:`-1` where lower is better (see the
    module note on direction). Categories: ratio ≥ 0,95 on track; 0,10-0,95 acceleration
    needed; 0-0,10 limited; < 0 deterioration; a current value already at the target: target
    achieved.

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
        ratio = _desired_sign(higher, basis) * (proj_g - gb) / np.abs(gtarget - gb)
    cat = np.select([ratio >= 0.95, ratio >= 0.10, ratio >= 0], ["on_track", "acceleration_needed", "limited"],
                    "deterioration")
    cat = np.where(_achieved(vt, target, np.asarray(higher, bool)), "target_achieved", cat)
    return ratio, cat, basis


def statcan_progress(vb, b, vt, t, target, T, higher, percent):
    """Statistics Canada / open-sdg growth ratio of observed to required CAGR.

    .. math:: R = d\\,\\frac{\\mathrm{CAGR}_{obs}}{\\lvert \\mathrm{CAGR}_{req} \\rvert},\\quad
              \\mathrm{CAGR}_{obs} = (v_t/v_b)^{1/(t-b)} - 1,\\quad
              \\mathrm{CAGR}_{req} = (\\text{target}/v_b)^{1/(T-b)} - 1

    :math:`d` is +1 where higher is better and −1 where lower is better, so a "≤ 6%" target works
    as a "≥" one, and an indicator that has slipped back past a target its base value had met
    reads as deterioration. Categories (thresholds 0,95 / 0,60 / 0): substantial progress
    ("on track"), moderate progress ("progress made but acceleration needed"), limited
    progress, deterioration; a current value already at the target is "target achieved" before
    any ratio, as in open-sdg. :func:`statcan_score` turns ``R`` into the −5…+5 score used to
    aggregate several targets.

    Pitfalls
    --------
    open-sdg replaces a zero base or target by 0,001, which its methodology warns can swing the
    result; edustats uses the complement of a percentage, or the absolute change (see the module
    note), and says so in ``growth_basis``.

    References
    ----------
    Statistics Canada, "Progress Measurement Methodology for the Sustainable Development Goals"
    (open-sdg ``docs/Progress-methodology-information.md``, open-sdg 2.4.0, October 2025); its
    reference implementation, sdg-build ``sdg/ProgressMeasure.py`` (``SeriesProgress.methodology_2``,
    thresholds high 0,95, med 0,6, low 0).

    Examples
    --------
    Malnutrition 9% (2021) → 8% (2023), target ≤ 6% by 2025: observed CAGR −5,72%, required
    −9,64%, R = −1 × −0,0572 / 0,0964 = 0,593: limited progress (just under 0,60).

    >>> r, c, _ = statcan_progress(9.0, 2021, 8.0, 2023, 6.0, 2025, False, True)
    >>> round(float(r), 3), str(c)
    (0.593, 'limited_progress')
    """
    vb, vt, target = (np.asarray(a, float) for a in (vb, vt, target))
    gb, gt, gtarget, basis = growth_inputs(vb, vt, target, percent)
    obs = _growth(gt, gb, t, b, basis)
    req = _growth(gtarget, gb, T, b, basis)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = _desired_sign(higher, basis) * obs / np.abs(req)
    cat = np.select([ratio >= 0.95, ratio >= 0.60, ratio >= 0], ["substantial_progress", "moderate_progress",
                                                                   "limited_progress"], "deterioration")
    cat = np.where(_achieved(vt, target, np.asarray(higher, bool)), "target_achieved", cat)
    return ratio, cat, basis


def statcan_score(ratio, achieved):
    """Statistics Canada progress score in [−5, 5] for a target with a quantitative value.

    .. math::

        s = \\begin{cases}
        5 & \\text{target achieved} \\\\
        \\min\\left(7{,}1429\\,R - 4{,}2857,\\ 5\\right) & R \\ge 0.6 \\\\
        \\max\\left(4{,}1667\\,R - 2{,}5,\\ -5\\right) & R < 0.6
        \\end{cases}

    The lines run from −5 at R = −60% through 0 at R = 60% to +5 at R = 130% (slopes 5/0,7 and
    5/1,2, written to four decimals as in Statistics Canada's reference implementation, so the
    scores match the published ones digit for digit), giving the four categories equal quarters
    of the range: [2,5; 5] substantial, [0; 2,5) moderate, [−2,5; 0) limited, [−5; −2,5)
    deterioration. A missing ratio gives NaN.

    References
    ----------
    Statistics Canada progress methodology, "Aggregated progress status" (Figure 2); sdg-build
    ``SeriesProgress.get_score``; scores published in ``indicator_calculation_components.yml`` of
    the Canadian Indicator Framework data repository (reproduced in ``tests/test_assess.py``).

    Examples
    --------
    Canada's CIF indicator 1-1-1 (poverty rate 14,5% in 2015, 10,2% in 2023, target 7,25% by
    2030) has R = 0,95259 and the published score 2,51856; R = 0,24741 scores −1,469; an achieved
    target scores 5 whatever its ratio.

    >>> [round(float(s), 5) for s in statcan_score(np.array([0.9525901792032172, 0.24741, -2.0]), np.array([False, False, True]))]
    [2.51856, -1.46912, 5.0]
    """
    r = np.asarray(ratio, float)
    with np.errstate(invalid="ignore"):
        # np.maximum propagates NaN, so a missing ratio stays missing
        s = np.where(r >= 0.6, np.minimum(7.1429 * r - 4.2857, 5.0), np.maximum(4.1667 * r - 2.5, -5.0))
    return np.where(np.asarray(achieved, bool), 5.0, s)


def statcan_aggregate(scores, achieved):
    """One status for several targets: the mean of their scores (Statistics Canada).

    "Target achieved" only when every target is achieved; otherwise the mean score is read
    against the category ranges of :func:`statcan_score`. Targets without a score (fewer than
    two observations) are left out of the mean, and the count used is returned.

    .. math:: \\bar s = \\frac{1}{n} \\sum_{i=1}^{n} s_i

    References
    ----------
    Statistics Canada progress methodology, "Aggregated progress status"; sdg-build
    ``get_progress_status_from_score``.

    Examples
    --------
    >>> statcan_aggregate([4.048, -1.469, 5.0], [False, False, True])
    (2.526, 'substantial_progress', 3)
    >>> statcan_aggregate([5.0, 5.0], [True, True])
    (5.0, 'target_achieved', 2)
    >>> statcan_aggregate([float("nan")], [False])
    (nan, None, 0)
    """
    s = np.asarray(scores, float)
    a = np.asarray(achieved, bool)
    keep = ~np.isnan(s)
    if not keep.any():
        return float("nan"), None, 0
    mean = round(float(s[keep].mean()), 3)
    if a[keep].all():
        status = "target_achieved"
    else:
        status = ("substantial_progress" if mean >= 2.5 else "moderate_progress" if mean >= 0
                  else "limited_progress" if mean >= -2.5 else "deterioration")
    return mean, status, int(keep.sum())


def escap_progress(X, Y, M, target, T, higher, vb=None):
    """ESCAP-style anticipated gap from a time-weighted linear regression.

    Weights grow with time (w = 1, 2, …, n for the n observations, latest heaviest); the line is
    extended to the due year. The anticipated gap is the share of the required progress (from
    the base value ``vb``, by default the first observation, to the target; ESCAP measures it
    from the 2015 value) that the trend will leave undone:

    .. math:: \\text{gap} = d\\,\\frac{\\text{target} - \\hat v_T}{\\lvert \\text{target} - v_b \\rvert}

    (:math:`d` = +1 where higher is better, −1 where lower is better). gap ≤ 0: maintain progress; 0 < gap < 1: accelerate; gap ≥ 1 (the trend ends no better than
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
    # the required progress runs from the base value (the first observation unless given)
    vb = Y[np.arange(len(Y)), np.argmax(M, axis=1)] if vb is None else np.asarray(vb, float)
    target = np.asarray(target, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(np.asarray(higher, bool), 1.0, -1.0) * (target - v_T) / np.abs(target - vb)
    cat = np.select([gap <= 0, gap < 1], ["maintain", "accelerate"], "reverse")
    return gap, cat, v_T


def rule_workings(years, values, target: float, due_year: int, higher: bool = True,
                  percent: bool = True, lang: str = "vi"):
    """Every intermediate number of the three rules for one series, for a trainer to walk through.

    Parameters
    ----------
    years, values : sequence
        The observed series (at least two years); the first is the base, the last the current.
    target, due_year : float, int
        The target and the year it is due.
    higher : bool
        True where a higher value is better ("≥" targets), False for "≤" targets.
    percent : bool
        True for shares of 100 (the complement is used near 0 and 100, see the module note).
    lang : {"vi", "en"}
        Language of the ``step`` and ``category`` wording.

    Returns
    -------
    DataFrame
        One row per step: ``rule``, ``step``, ``formula`` (plain text), ``value`` (float or
        category code), ``shown`` (Vietnamese number format, or the category in words).

    Examples
    --------
    Malnutrition 5% (2021) had met "≤ 6% by 2025"; 7% in 2023 slips back past it, and all three
    rules say so (the direction note in the module docstring):

    >>> w = rule_workings([2021, 2023], [5.0, 7.0], 6.0, 2025, higher=False)
    >>> w[w["step"].str.startswith(("R", "ratio", "gap"))][["rule", "shown"]].to_dict("records")
    [{'rule': 'UNSD', 'shown': '-4,8'}, {'rule': 'StatCan', 'shown': '-3,929'}, {'rule': 'ESCAP', 'shown': '3'}]
    >>> w[w["step"] == "category"]["shown"].tolist()
    ['Đi xuống', 'Đi xuống', 'Cần đảo chiều xu hướng']
    """
    import pandas as pd

    from .projection import _ols
    from .vnformat import format_number

    x = np.asarray(years, float)
    y = np.asarray(values, float)
    order = np.argsort(x)
    x, y = x[order], y[order]
    b, vb, t, vt = x[0], y[0], x[-1], y[-1]
    T = float(due_year)
    gb, gt, gtarget, basis = (np.asarray(a).item() for a in growth_inputs(vb, vt, target, percent))
    d = float(_desired_sign(higher, np.asarray(basis)))
    i = 0 if lang == "vi" else 1

    u_ratio, u_cat, _ = unsd_progress(vb, b, vt, t, target, T, higher, percent)
    s_ratio, s_cat, _ = statcan_progress(vb, b, vt, t, target, T, higher, percent)
    score = statcan_score(s_ratio, s_cat == "target_achieved")
    e_gap, e_cat, e_vT = escap_progress(x[None, :], y[None, :], np.ones((1, len(x)), bool), np.array([target]),
                                        np.array([T]), np.array([higher]))
    rank = np.arange(1.0, len(x) + 1)
    _, slope, *_ = _ols(x[None, :], y[None, :], np.ones((1, len(x)), bool), w=rank[None, :])
    g_obs = float(_growth(gt, gb, t, b, np.asarray(basis)))
    g_req = float(_growth(gtarget, gb, T, b, np.asarray(basis)))
    v_hat = gt + g_obs * (T - t) if basis == "linear" else gt * (1 + g_obs) ** (T - t)
    if basis == "complement":
        v_hat = 100.0 - v_hat  # shown on the indicator's own scale; the ratio is the same either way
    on = {"value": "v", "complement": "100 − v", "linear": "v (absolute change)"}[basis]
    rows = [
        ("all", "basis", f"growth taken on {on}", basis),
        ("all", "d", "+1 if higher is better, −1 if lower (flipped on the complement)", d),
        ("UNSD", "CAGR_a", "(v_t / v_b)^(1/(t − b)) − 1", g_obs),
        ("UNSD", "v̂_T", "v_t (1 + CAGR_a)^(T − t)" + (" on 100 − v, read back as v" if basis == "complement" else ""),
         v_hat),
        ("UNSD", "ratio", "d (v̂_T − v_b) / |target − v_b|", float(u_ratio)),
        ("UNSD", "category", "≥ 0,95 / ≥ 0,10 / ≥ 0 / < 0", str(u_cat)),
        ("StatCan", "CAGR_obs", "(v_t / v_b)^(1/(t − b)) − 1", g_obs),
        ("StatCan", "CAGR_req", "(target / v_b)^(1/(T − b)) − 1", g_req),
        ("StatCan", "R", "d CAGR_obs / |CAGR_req|", float(s_ratio)),
        ("StatCan", "category", "≥ 0,95 / ≥ 0,60 / ≥ 0 / < 0", str(s_cat)),
        ("StatCan", "score", "7,1429 R − 4,2857 or 4,1667 R − 2,5, within ±5", float(score)),
        ("ESCAP", "slope", "weighted least squares, weights 1, 2, …, n", float(slope[0])),
        ("ESCAP", "v̂_T", "intercept + slope × T", float(e_vT[0])),
        ("ESCAP", "gap", "d (target − v̂_T) / |target − v_b|", float(e_gap[0])),
        ("ESCAP", "category", "≤ 0 maintain / < 1 accelerate / ≥ 1 reverse", str(e_cat[0])),
    ]
    labels = {"UNSD": UNSD_LABELS, "StatCan": STATCAN_LABELS, "ESCAP": ESCAP_LABELS}

    def shown(rule, step, value):
        if step == "category":
            return labels[rule][value][i]
        if isinstance(value, str):
            return value
        return format_number(value, 3, trim=True)

    return pd.DataFrame([{"rule": r, "step": st, "formula": f, "value": v, "shown": shown(r, st, v)}
                         for r, st, f, v in rows])
