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
    "insufficient_data": ("Chưa đủ số liệu", "Insufficient data"),
    "no_data": ("Không có số liệu sau năm gốc", "No data after the base year"),
}
STATCAN_LABELS = {
    "not_available": ("Chưa tính được", "Not available"),
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


def _cagr_undp(v1, v0, t1, t0):
    """CAGR as UNDP's computation gives it: the real part of the principal complex root where
    base and latest values have opposite signs (an artefact, kept only to reproduce UNDP)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        q = np.asarray(v1, float) / np.asarray(v0, float)
        e = 1.0 / (np.asarray(t1, float) - np.asarray(t0, float))
        return np.real(np.power(q.astype(complex), e)) - 1.0


UNSD_RATIO_LIMITS = {"2022": (0.95, 0.5, -0.1), "2023": (0.95, 0.10, 0.0)}
UNSD_CAGR_LIMITS = (0.01, 0.005, -0.01)


def unsd_progress(vb, b, vt, t, target, T, higher, percent=False, *, version="2022", no_target=None,
                  ratio_limits=None, cagr_limits=None, required_cagr=None, achievable=True, undp=False):
    """UNSD SDG Progress Chart trend category, 2022 rule by default, 2023 rule as ``version``.

    **2022 (default)**, ratio of the actual to the required compound annual growth rate:

    .. math::

        \\mathrm{CAGR}_a = (v_t/v_b)^{1/(t-b)} - 1,\\quad
        \\mathrm{CAGR}_r = (\\text{target}/v_b)^{1/(T-b)} - 1,\\quad
        \\text{ratio} = d\\,\\frac{\\mathrm{CAGR}_a}{\\lvert \\mathrm{CAGR}_r \\rvert}

    (:math:`d` = +1 where higher is better, −1 where lower is better; this is
    :math:`\\mathrm{CAGR}_a / \\mathrm{CAGR}_r` whenever the base had not met the target):
    on track ≥ 0,95; fair progress, acceleration needed ≥ 0,5; limited or no progress ≥ −0,1;
    deterioration below (``ratio_limits``; UNDP sets (0,95; 0,1; −0,1) for some series). A fixed
    required rate (``required_cagr``, UNDP's ``CAGRRequire``) replaces :math:`\\mathrm{CAGR}_r`.
    A base value that already met the target while the latest does not is deterioration.

    **No target** (``no_target`` True, or ``target`` NaN without ``required_cagr``): the actual
    rate alone, signed by the desired direction, :math:`x = d\\,\\mathrm{CAGR}_a`, against
    ``cagr_limits`` (a, b, c), default (0,01; 0,005; −0,01), in the desired direction: on track
    :math:`x \\ge a`, fair :math:`x \\ge b`, limited :math:`x > c`, deterioration otherwise
    (a fall of 1% a year is on track for a "lower is better" series). UNDP stores the limits of
    a "lower is better" series on the CAGR itself, e.g. (0,01; −0,005; −0,01): on track
    :math:`\\mathrm{CAGR}_a \\le c`, fair :math:`\\le b`, limited :math:`< a`; with
    ``undp=True`` given limits are read that way.

    **2023** (``version="2023"``), projected progress over needed progress:

    .. math::

        \\hat v_T = v_t (1+\\mathrm{CAGR}_a)^{T-t},\\quad
        \\text{ratio} = d\\,\\frac{\\hat v_T - v_b}{\\lvert \\text{target} - v_b \\rvert}

    on track ≥ 0,95; acceleration needed ≥ 0,10; below that the 2023 note has one category
    ("stagnation or regression" in Eustat's transcription); edustats splits it at 0 into
    limited (≥ 0) and deterioration (< 0).

    Before any trend: the latest value meeting the target is "target achieved"; no latest value
    is ``no_data``; no base value, or a base year not before the latest, is
    ``insufficient_data`` (ratio NaN).

    Parameters
    ----------
    vb, b, vt, t : array_like
        Base value and year, latest value and year.
    target, T : array_like
        Target (NaN where none) and the year it is due (2030 for the SDGs).
    higher : array_like of bool
        True where a higher value is better.
    percent : array_like of bool
        Shares of 100: near 0 and 100 the growth is taken on the complement (module note).
    version : {"2022", "2023"}
    no_target : array_like of bool, optional
        Use the no-target rule (a target may still be given for the "achieved" test, as UNDP does).
    ratio_limits, cagr_limits : tuple of 3 floats, optional
        Cut-offs of the target and no-target rules.
    required_cagr : array_like, optional
        A fixed required growth rate (NaN where the target gives it).
    achievable : array_like of bool
        False where no value counts as "target achieved" (UNDP's "not increase" and "not
        decrease" series: the test applies to increase and decrease series only).
    undp : bool
        Reproduce UNDP's computation (see Notes): raw values, no complement.

    Returns
    -------
    ratio : ndarray
        The measure compared with the cut-offs: the CAGR ratio (2022), the progress ratio
        (2023) or :math:`d\\,\\mathrm{CAGR}_a` (no target).
    category : ndarray of str
        ``target_achieved``, ``on_track``, ``acceleration_needed``, ``limited``,
        ``deterioration``, ``insufficient_data`` or ``no_data``.
    basis : ndarray of str
        ``value``, ``complement`` or ``linear`` (module note).

    Notes
    -----
    No primary text of the UNSD 2022 technical note could be read here; the rule is the one
    that reproduces UNDP's published application of it to every country (SDG Push Diagnostic,
    ``UNDP-Data/SDG-Accelerator`` commit a3140944, 13 Viet Nam series included):
    ``tests/test_progress_rules.py`` reproduces 615 of the 618 published categories of
    ``shared/reference/undp_progress_chart_2022.csv`` and explains the other three. With
    ``undp=True`` three quirks of UNDP's computation are followed: the target counts as achieved
    when :math:`\\mathrm{round}(v_t/\\text{target}, 3) \\ge 1` (inverse for "lower is
    better"), a tolerance of 0,05 %; where base and latest have opposite signs the CAGR is the
    real part of a complex root; a "lower is better" series with no target, no base and a
    latest value of 0 is "target achieved". The 2023 formula follows Eustat's transcription of
    the UNSD 2023 note (``EUSTAT-DES/site``, ``_pages/en/metodologia.md``): score 3 if
    :math:`(v^e_{2030} - v_b)/(v_{2030} - v_b) \\ge 0.95`, 2 if from 0,10 to 0,95, 1 below.

    References
    ----------
    United Nations Statistics Division, SDG Progress Chart 2022 Technical Note; Progress Chart
    Technical Note 2023. UNDP, SDG Push Diagnostic, Draft Diagnostic Simulator Methodological
    Note ("following the methodology given by UNStats").

    Examples
    --------
    Viet Nam, SDG 1.3.1 unemployment benefit coverage: 45,0% (2016) → 66,6% (2020), target 95%
    by 2030: CAGR_a 10,30%, CAGR_r 5,48%, ratio 1,878: on track, as UNDP published.

    >>> r, c, basis = unsd_progress(45.0, 2016, 66.6, 2020, 95.0, 2030, True)
    >>> round(float(r), 3), str(c), str(basis)
    (1.878, 'on_track', 'value')

    The same series under the 2023 rule: anticipated 2030 value 66,6 × 1,10297¹⁰ = 177,47, ratio
    (177,47 − 45) / (95 − 45) = 2,649:

    >>> r, c, _ = unsd_progress(45.0, 2016, 66.6, 2020, 95.0, 2030, True, version="2023")
    >>> round(float(r), 3), str(c)
    (2.649, 'on_track')

    No target, Viet Nam 4.b.1 (official development flows for scholarships, 46,15 → 28,06,
    2015-2020): CAGR −9,47% a year: deterioration.

    >>> r, c, _ = unsd_progress(46.14643, 2015, 28.0628, 2020, float("nan"), 2030, True)
    >>> round(float(r), 4), str(c)
    (-0.0947, 'deterioration')
    """
    if version not in UNSD_RATIO_LIMITS:
        raise ValueError(f"version must be '2022' or '2023', got {version!r}")
    vb, vt, target = (np.asarray(a, float) for a in (vb, vt, target))
    b, t, T = (np.asarray(a, float) for a in (b, t, T))
    shape = np.broadcast(vb, vt, target, b, t, T, np.asarray(higher)).shape
    vb, vt, target, b, t, T = (np.broadcast_to(a, shape) for a in (vb, vt, target, b, t, T))
    hi = np.broadcast_to(np.asarray(higher, bool), shape)
    req = np.broadcast_to(np.asarray(np.nan if required_cagr is None else required_cagr, float), shape)
    nt = np.isnan(target) & np.isnan(req) if no_target is None else np.broadcast_to(np.asarray(no_target, bool), shape)
    lim = UNSD_RATIO_LIMITS[version] if ratio_limits is None else tuple(ratio_limits)
    if undp:
        basis = np.full(shape, "value", dtype=object).astype(str)
        gb, gt, gtarget = vb, vt, target
        g_a = _cagr_undp(vt, vb, t, b)
        with np.errstate(invalid="ignore", divide="ignore"):
            g_r = np.where(np.isnan(req), _cagr_undp(target, vb, T, b), req)
    else:
        gb, gt, gtarget, basis = growth_inputs(vb, vt, np.where(nt, np.nan, target), percent)
        g_a = _growth(gt, gb, t, b, basis)
        g_r = np.where(np.isnan(req), _growth(gtarget, gb, T, b, basis), req)
    d = _desired_sign(hi, basis)
    with np.errstate(invalid="ignore", divide="ignore"):
        if version == "2022":
            r_target = d * g_a / np.abs(g_r)
        else:
            proj = np.where(basis == "linear", gt + g_a * (T - t), gt * (1 + g_a) ** (T - t))
            r_target = d * (proj - gb) / np.abs(gtarget - gb)
        r_none = np.where(basis == "linear", np.nan, d * g_a)
    ratio = np.where(nt, r_none, r_target)
    cat_t = np.select([ratio >= lim[0], ratio >= lim[1], ratio >= lim[2]], ["on_track", "acceleration_needed", "limited"],
                      "deterioration")
    ca, cb, cc = UNSD_CAGR_LIMITS if cagr_limits is None else cagr_limits
    if undp and cagr_limits is not None:
        # UNDP stores limits for "lower is better" series on the CAGR itself: compare −CAGR with (−c, −b, −a)
        ca, cb, cc = (np.where(hi, ca, -cc), np.where(hi, cb, -cb), np.where(hi, cc, -ca))
    x = ratio
    cat_n = np.select([x >= ca, x >= cb, x > cc], ["on_track", "acceleration_needed", "limited"], "deterioration")
    cat = np.where(nt, cat_n, cat_t)
    # a base that had met the target, with a latest value that no longer does: deterioration (target rule)
    base_met = ~nt & ~np.isnan(target) & np.where(hi, vb >= target, vb <= target)
    cat = np.where(base_met, "deterioration", cat)
    cat = np.where(np.isnan(ratio) & ~base_met, "insufficient_data", cat)
    bad_years = np.isnan(vb) | np.isnan(b) | ~(t > b)
    cat = np.where(bad_years, "insufficient_data", cat)
    ratio = np.where(bad_years, np.nan, ratio)
    cat = np.where(np.isnan(vt), "no_data", cat)
    with np.errstate(invalid="ignore", divide="ignore"):
        if undp:
            q = np.where(hi, vt / target, target / vt)
            achieved = ~np.isnan(target) & (np.round(q, 3) >= 1)
            achieved |= ~hi & nt & np.isnan(target) & (vt == 0) & (np.isnan(vb) | np.isnan(b))
        else:
            achieved = _achieved(vt, target, hi) & ~np.isnan(target)
    achieved &= np.broadcast_to(np.asarray(achievable, bool), shape)
    cat = np.where(achieved, "target_achieved", cat)
    return ratio, cat.astype(str), basis


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
    any ratio, as in open-sdg. A base year not before the current year gives no ratio (NaN,
    ``not_available``): open-sdg's ``calculate_progress_value`` returns None when
    ``current_year - base_year < 1``. :func:`statcan_score` turns ``R`` into the −5…+5 score used to
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

    Base year = current year: undefined, not 0.

    >>> r, c, _ = statcan_progress(9.0, 2023, 8.0, 2023, 6.0, 2025, False, True)
    >>> float(r), str(c)
    (nan, 'not_available')
    """
    vb, vt, target = (np.asarray(a, float) for a in (vb, vt, target))
    gb, gt, gtarget, basis = growth_inputs(vb, vt, target, percent)
    obs = _growth(gt, gb, t, b, basis)
    req = _growth(gtarget, gb, T, b, basis)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = _desired_sign(higher, basis) * obs / np.abs(req)
    # open-sdg: "if self.current_year - self.base_year < 1: ... return None" (no growth over no time)
    ratio = np.where(np.asarray(t, float) - np.asarray(b, float) < 1, np.nan, ratio)
    cat = np.select([ratio >= 0.95, ratio >= 0.60, ratio >= 0, ratio < 0], ["substantial_progress", "moderate_progress",
                                                                              "limited_progress", "deterioration"],
                    "not_available")
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

    "Target achieved" only when every target is achieved; otherwise the mean score, unrounded,
    is read against the category ranges of :func:`statcan_score` (sdg-build:
    ``indicator_score = np.mean(scores)`` then ``get_progress_status_from_score``, which tests
    ``2.5 <= score <= 5`` …): a mean of 2,49965 is moderate progress although it shows as 2,500
    at three decimals. Targets without a score (fewer than two observations) are left out of
    the mean, and the count used is returned. The mean is returned unrounded; round it for
    display.

    .. math:: \\bar s = \\frac{1}{n} \\sum_{i=1}^{n} s_i

    References
    ----------
    Statistics Canada progress methodology, "Aggregated progress status"; sdg-build
    ``get_progress_status_from_score``.

    Examples
    --------
    >>> m, status, k = statcan_aggregate([4.048, -1.469, 5.0], [False, False, True])
    >>> round(m, 5), status, k
    (2.52633, 'substantial_progress', 3)
    >>> statcan_aggregate([2.4997, 2.4996], [False, False])[1]    # mean 2,49965 shows as 2,500
    'moderate_progress'
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
    mean = float(s[keep].mean())
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

    Implemented from the method statements only: the UNECE technical notes (2022, 2023) say the
    index "measures whether a target will be achieved by 2030 based on the rate of change
    observed", that "recent data are given more weight", and that "for targets that will not be
    achieved, the Index reports the anticipated gap between the target value and the projected
    value for 2030 relative to the progress required between 2015 and 2030". **No published
    numeric example (inputs with the resulting gap or index) was available** to check this
    implementation against, and ESCAP's exact weights (the 2025 report's Annex 1) could not be
    read: the weights 1, 2, …, n are edustats' choice, and the tests are worked by hand from
    the formula above.

    References
    ----------
    ESCAP Statistics Division, Working Paper SD/WP/05 (2017), "Tracking progress towards the
    SDGs"; ESCAP SDG Gateway technical notes (Anticipated Progress Index); UNECE, SDG report
    technical notes 2023 (w3.unece.org/sdg2023/technical-notes.html).

    Examples
    --------
    >>> X = np.array([[2018., 2019, 2020, 2021]]); Y = np.array([[15., 17, 19, 21]]); M = np.ones((1, 4), bool)
    >>> gap, cat, v = escap_progress(X, Y, M, np.array([22.5]), np.array([2025.]), np.array([True]))
    >>> round(float(v[0]), 2), round(float(gap[0]), 3), str(cat[0])
    (29.0, -0.867, 'maintain')
    """
    from .projection import _ols

    rank = np.cumsum(M, axis=1).astype(float)
    a, b_, *_ = _ols(X, Y, M, w=rank, need_rss=False)
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
    Malnutrition 5% (2021) had met "≤ 6% by 2025"; 7% in 2023 slips back past it, and all the
    rules say so (the direction note in the module docstring). The UNSD 2022 ratio is the
    Statistics Canada one, d CAGR_a / |CAGR_r| = −0,1832 / 0,0466 = −3,929 (their cut-offs differ):

    >>> w = rule_workings([2021, 2023], [5.0, 7.0], 6.0, 2025, higher=False)
    >>> w[w["step"].str.startswith(("R", "ratio", "gap"))][["rule", "shown"]].to_dict("records")
    [{'rule': 'UNSD', 'shown': '-3,929'}, {'rule': 'UNSD 2023', 'shown': '-4,8'}, {'rule': 'StatCan', 'shown': '-3,929'}, {'rule': 'ESCAP', 'shown': '3'}]
    >>> w[w["step"] == "category"]["shown"].tolist()
    ['Đi xuống', 'Đi xuống', 'Đi xuống', 'Cần đảo chiều xu hướng']
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
    u3_ratio, u3_cat, _ = unsd_progress(vb, b, vt, t, target, T, higher, percent, version="2023")
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
        ("UNSD", "CAGR_r", "(target / v_b)^(1/(T − b)) − 1", g_req),
        ("UNSD", "ratio", "d CAGR_a / |CAGR_r| (2022 rule)", float(u_ratio)),
        ("UNSD", "category", "≥ 0,95 / ≥ 0,5 / ≥ −0,1 / < −0,1", str(u_cat)),
        ("UNSD 2023", "v̂_T", "v_t (1 + CAGR_a)^(T − t)" + (" on 100 − v, read back as v" if basis == "complement" else ""),
         v_hat),
        ("UNSD 2023", "ratio", "d (v̂_T − v_b) / |target − v_b|", float(u3_ratio)),
        ("UNSD 2023", "category", "≥ 0,95 / ≥ 0,10 / ≥ 0 / < 0", str(u3_cat)),
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
    labels = {"UNSD": UNSD_LABELS, "UNSD 2023": UNSD_LABELS, "StatCan": STATCAN_LABELS, "ESCAP": ESCAP_LABELS}

    def shown(rule, step, value):
        if step == "category":
            return labels[rule][value][i]
        if isinstance(value, str):
            return value
        return format_number(value, 3, trim=True)

    return pd.DataFrame([{"rule": r, "step": st, "formula": f, "value": v, "shown": shown(r, st, v)}
                         for r, st, f, v in rows])
