"""Will the target be met? Projections with uncertainty, the standard rules, and the pace required.

:func:`assess_series` works on many series at once (a province's communes × indicators × years,
100 000 series in under half a second, a million in under 4 s): a long table of observations keyed by ``series`` and a table
of one target per series. :func:`assess` matches a targets table (the columns of
``data/targets.csv``) with a planner's observations by indicator code, and by locality and level
where both name one, and assesses every target; a target with no observations gets its required
path and the verdict "không đủ dữ liệu / insufficient data".

When is a target met? On the value as it would be published at the target's precision: "đạt từ
22,5% trở lên" is met by 22,46% (published as 22,5%); "100%" is met by 99,6% (published as
100%). Without this rule a bounded model could never reach a 100% target.

Model (stated in the ``model`` column): ``damped``, the default for every unit — the trend of
the last (up to 8) values damped by horizon, with a predictive distribution learned from the
errors of real forecasts across many series (:func:`edustats.projection.damped_quantiles`;
back-tested in :mod:`edustats.backtest`): learned on 42 countries' national series, on those of 45
other (held-out) countries it covers 78 % with
its 80 % band and 95 % with its 95 % band, where the straight lines of earlier versions covered
49 % and 72 %. Percentages stay inside [0, 100]; with counts, the binomial noise of the due
year's count is added. ``calibration="national"`` (default) or ``"province"`` (learned on GSO
province series, narrower). ``model=`` ``linear``, ``logit`` (binomial GLM / least squares on
logits) or ``rw`` overrides for all series. With one observation or none: no projection, only
the required path. With two: a point projection without interval (``note`` says so).

Probabilities: interval, P(met) and verdict are read from one predictive distribution; no finite
series gives certainty, so P(met) is reported inside [0,5 %; 99,5 %] and shown as "> 99%" or
"< 1%" (:func:`probability_text`), the verdict's note saying why (:func:`verdict_notes`: the sentence
explaining each verdict, built on demand from the result's columns). Observations after the due year are not used for the
projection; an observation *at* the due year decides the verdict directly.

Base year of the standard rules. The UNSD, Statistics Canada and ESCAP rules measure progress
from a base year: 2015, the year the 2030 Agenda was adopted, for the SDGs. For a resolution or
plan it is the year the plan starts (``period_start`` of its document in ``data/sources.csv``,
or a ``base_year`` column in a planner's own targets file). Where that year has no observation
the first later one is used (Statistics Canada's rule); without a base year, the first
observation. The year and value used are in ``rule_base_year`` and ``rule_base_value``.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .catalogue import COMPARATORS
from .vnformat import decimals_of
from .errors import raise_data_error
from .projection import (LEVELS, PROB_FLOOR, bound_probability, damped_quantiles, fit_linear, fit_logit,
                         fit_random_walk, grid_cdf, grid_from_fit, load_calibration, pad_series, PROFILES)
from .progress_rules import (ESCAP_LABELS, STATCAN_LABELS, UNSD_LABELS, escap_progress, growth_inputs,
                             statcan_progress, statcan_score, unsd_progress)

__all__ = ["assess_series", "assess", "required_path", "met_threshold", "VERDICTS", "match_observations",
           "document_base_years", "compare_models", "probability_text", "verdict_notes"]

VERDICTS = {
    "observed_met": ("Đã đến hạn: đạt (số liệu năm đích)", "Due: met (observed in the due year)"),
    "observed_missed": ("Đã đến hạn: không đạt (số liệu năm đích)", "Due: missed (observed in the due year)"),
    "due_no_data": ("Đã đến hạn, chưa có số liệu", "Due, no data yet"),  # edustats.due (issue #12)
    "likely": ("Nhiều khả năng đạt", "Likely to be met"),
    "probable": ("Có khả năng đạt", "Probably met"),
    "uncertain": ("Chưa chắc chắn", "Uncertain"),
    "at_risk": ("Có nguy cơ không đạt", "At risk"),
    "unlikely": ("Khó đạt", "Unlikely to be met"),
    "on_pace_low_confidence": ("Đúng nhịp (ít số liệu)", "On pace (too few points for a probability)"),
    "off_pace_low_confidence": ("Chậm nhịp (ít số liệu)", "Off pace (too few points for a probability)"),
    "insufficient_data": ("Không đủ dữ liệu", "Insufficient data"),
}
_BOUNDED_UNITS = ("percent",)
_MID, _I10, _I90, _I025, _I975 = (int(np.argmin(abs(LEVELS - q))) for q in (0.5, 0.1, 0.9, 0.025, 0.975))


def met_threshold(comparator: str, value: float, decimals: int | None = None) -> tuple[float, bool]:
    """The threshold a value must reach, and whether higher is better, as the page prints it.

    Values are published half up (8,25 → 8,3), so a value meets the target when it is ≥ θ (higher is
    better) or < θ (lower is better; θ itself prints one step above). The precision is the one the
    document printed the target at (``decimals``: "90,10%" is 2; by default read from the value, which
    loses trailing zeros) and never coarser than one decimal, the precision every edustats page prints a
    rate at: 96,8% does not meet "≥ 97%" (a planner reads 96,8 < 97), while 96,96% – printed 97,0% – does.

    >>> met_threshold(">=", 22.5)
    (22.45, True)
    >>> met_threshold(">=", 97)
    (96.95, True)
    >>> met_threshold("<", 3)
    (2.95, False)
    >>> met_threshold(">", 99.7)
    (99.75, True)
    >>> met_threshold(">=", 90.1, 2)
    (90.095, True)
    """
    d = max(1, decimals_of(value) if decimals is None else int(decimals))
    half = 0.5 * 10 ** (-d)
    if comparator in (">=", "="):
        return round(value - half, 12), True
    if comparator == ">":
        return round(value + half, 12), True
    if comparator == "<=":
        return round(value + half, 12), False
    if comparator == "<":
        return round(value - half, 12), False
    raise ValueError(f"unknown comparator {comparator!r}; expected one of {', '.join(COMPARATORS)}")


def required_path(last_year: int, last_value: float, target: float, due_year: int) -> pd.DataFrame:
    """The yearly values that reach the target on time from the latest observation (straight line).

    .. math:: v_y = v_t + (y - t)\\,\\frac{\\text{target} - v_t}{T - t}

    Examples
    --------
    >>> [round(v, 2) for v in required_path(2022, 19.0, 22.5, 2025)["value"]]
    [19.0, 20.17, 21.33, 22.5]
    """
    years = np.arange(int(last_year), int(due_year) + 1)
    if len(years) == 1:
        return pd.DataFrame({"year": years, "value": [float(target)]})
    step = (target - last_value) / (due_year - last_year)
    return pd.DataFrame({"year": years, "value": last_value + (years - last_year) * step})


def _rec(file, row, column, value, expected, expected_vi) -> dict:
    return dict(file=file, row=row, column=column, value=value, expected=expected, expected_vi=expected_vi)


def _typed_but_not_numbers(column: pd.Series, parsed: np.ndarray) -> np.ndarray:
    """Cells with something written in them that is not a number (empty cells are not counted)."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iufb":
        return ~np.isfinite(parsed) & ~np.isnan(parsed)          # numbers already: only ±inf
    bad = ~np.isfinite(parsed)
    if bad.any():
        idx = np.flatnonzero(bad)
        raw = column.to_numpy(dtype=object)[idx]
        empty = np.array([x is None or (isinstance(x, float) and x != x) or x is pd.NA or str(x).strip() == ""
                          for x in raw], bool)
        inf = np.isinf(parsed[idx])
        bad[idx] = ~empty | inf
    return bad


def _check_series(obs: pd.DataFrame, spec: pd.DataFrame, series_index: pd.Index | None = None):
    """Validate; return the observations' codes in ``series_index`` (default: ``spec``'s series), their
    years and values as float arrays, and the order that sorts them by (code, year), stably (``None``
    when they already are), and which observations are up to their series' due year. Every problem is
    named at once, Vietnamese first."""
    problems = []
    for col in ("series", "year", "value"):
        if col not in obs.columns:
            problems.append(_rec("observations", None, col, None, f"a column '{col}'", f"một cột '{col}'"))
    for col in ("series", "comparator", "target", "due_year", "unit"):
        if col not in spec.columns:
            problems.append(_rec("targets", None, col, None, f"a column '{col}'", f"một cột '{col}'"))
    _raise(problems)
    twice = spec["series"].duplicated(keep=False).to_numpy()
    for i in np.flatnonzero(twice):   # before any lookup by series: a repeated key has no one answer
        problems.append(_rec("targets", spec.index[i], "series", spec["series"].iat[i], "one target per series",
                             "mỗi chuỗi một mục tiêu"))
    _raise(problems)
    vv, yv = _numbers(obs["value"]), _numbers(obs["year"])
    for i in np.flatnonzero(~np.isfinite(vv)):
        problems.append(_rec("observations", obs.index[i], "value", obs["value"].iat[i], "a number", "một số"))
    with np.errstate(invalid="ignore"):
        bad_year = ~np.isfinite(yv) | (yv != np.floor(yv))
    for i in np.flatnonzero(bad_year):
        problems.append(_rec("observations", obs.index[i], "year", obs["year"].iat[i], "a year (a whole number)",
                             "một năm (số nguyên)"))
    index = pd.Index(spec["series"]) if series_index is None else series_index
    codes = _codes_in(index, obs["series"])  # -1: no target for this series (reported below)
    order = None
    if codes.min(initial=0) >= 0 and not bad_year.any():   # years written as text are sorted as numbers too
        order, dup = _order_and_duplicates(codes, yv)
    else:
        dup = obs.duplicated(["series", "year"], keep=False).to_numpy()
    for i in np.flatnonzero(dup):
        problems.append(_rec("observations", obs.index[i], "year", obs["year"].iat[i],
                             f"one value per year (series {obs['series'].iat[i]} repeats this year)",
                             f"mỗi năm một giá trị (chuỗi {obs['series'].iat[i]} lặp lại năm này)"))
    comp = spec["comparator"]
    for i in np.flatnonzero(~comp.isin(COMPARATORS).to_numpy()):
        problems.append(_rec("targets", spec.index[i], "comparator", comp.iat[i], "one of " + ", ".join(COMPARATORS),
                             "một trong " + ", ".join(COMPARATORS)))
    for i in np.flatnonzero(~np.isfinite(_numbers(spec["target"]))):
        problems.append(_rec("targets", spec.index[i], "target", spec["target"].iat[i], "a number", "một số"))
    spec_pct = (spec["unit"] == "percent").to_numpy(bool)
    spec_due = _numbers(spec["due_year"])
    with np.errstate(invalid="ignore"):
        bad_due = ~np.isfinite(spec_due) | (spec_due != np.floor(spec_due))
    for i in np.flatnonzero(bad_due):
        problems.append(_rec("targets", spec.index[i], "due_year", spec["due_year"].iat[i], "a year (a whole number)",
                             "một năm (số nguyên)"))
    if series_index is not None:  # codes index the sorted series: bring the spec's columns to that order
        pos = pd.Index(spec["series"]).get_indexer(series_index)
        spec_pct, spec_due = spec_pct[pos], spec_due[pos]
    known = codes >= 0
    all_known = bool(known.all())
    pct = spec_pct[codes] if all_known else np.where(known, spec_pct[np.where(known, codes, 0)], False)
    with np.errstate(invalid="ignore"):
        out_of_range = pct & ((vv < 0) | (vv > 100))
    for i in np.flatnonzero(out_of_range):
        problems.append(_rec("observations", obs.index[i], "value", obs["value"].iat[i],
                             "a percentage between 0 and 100", "một tỷ lệ phần trăm từ 0 đến 100"))
    if {"numerator", "denominator"} <= set(obs.columns):
        n, d = _numbers(obs["numerator"]), _numbers(obs["denominator"])
        for c, parsed in (("numerator", n), ("denominator", d)):   # an empty count is allowed; text is not
            for i in np.flatnonzero(_typed_but_not_numbers(obs[c], parsed)):
                problems.append(_rec("observations", obs.index[i], c, obs[c].iat[i], "a count (a number) or nothing",
                                     "một số đếm (một số) hoặc để trống"))
        with np.errstate(invalid="ignore"):
            bad_nd = (n < 0) | (d <= 0) | (pct & (n > d))
        for i in np.flatnonzero(bad_nd):
            problems.append(_rec("observations", obs.index[i], "numerator", obs["numerator"].iat[i],
                                 "0 ≤ numerator ≤ denominator and denominator > 0",
                                 "0 ≤ tử số ≤ mẫu số và mẫu số > 0"))
    early = np.empty(len(codes), bool)
    with np.errstate(invalid="ignore"):
        for s in range(0, len(codes), _BLOCK):   # block by block: no table-length temporaries
            c = codes[s:s + _BLOCK]
            early[s:s + _BLOCK] = (yv[s:s + _BLOCK] <= spec_due[c]) if all_known else (c >= 0) & (
                yv[s:s + _BLOCK] <= np.where(c >= 0, spec_due[np.where(c >= 0, c, 0)], np.nan))
    n_early = _count_codes(codes, early, len(index))
    n_all = _count_codes(codes, np.ones(len(codes), bool), len(index))
    # the messages, from the series' own names (not when the years could not be read: said above, once per cell)
    if not bad_year.any() and (not all_known or ((n_all > 0) & (n_early == 0)).any()):
        due = spec.set_index("series")["due_year"]
        only_late = obs[known].assign(_e=early[known]).groupby("series", sort=True)["_e"].any()
        for s in only_late.index[~only_late.to_numpy(bool)]:
            problems.append(_rec("observations", None, "year", f"series {s}",
                                 f"at least one observation up to the due year {due[s]} "
                                 "(only later years were given: nothing to project from)",
                                 f"ít nhất một số liệu đến năm đích {due[s]} (chỉ có các năm sau đó: không có gì để "
                                 "dự báo)"))
        missing = pd.unique(obs["series"].to_numpy(object)[~known])
        for s in sorted(missing, key=str):
            problems.append(_rec("observations", None, "series", s, "a target for this series",
                                 "một mục tiêu cho chuỗi này"))
    _raise(problems)
    return codes, yv, vv, order, early


def _raise(problems: list) -> None:
    raise_data_error("cannot assess", problems, msg_vi="không đánh giá được")


def _codes_in(index: pd.Index, values: pd.Series) -> np.ndarray:
    """Position of every value in ``index`` (−1 where absent); integers 0, 1, … by arithmetic."""
    v = values.to_numpy()
    if (v.dtype.kind in "iu" and index.dtype.kind in "iu" and len(index)
            and index[0] == 0 and index[-1] == len(index) - 1 and index.is_monotonic_increasing and index.is_unique):
        if len(v) and v.min() >= 0 and v.max() < len(index):
            return v.astype(np.intp, copy=False)   # the series are their own codes: no copy (never written to)
        return np.where((v >= 0) & (v < len(index)), v, -1).astype(np.intp)
    return index.get_indexer(values)


_BLOCK = 1 << 20   # elements per block of a check over the whole table: temporaries stay small and reused


def _numbers(column: pd.Series) -> np.ndarray:
    """A column as float64 (NaN where not a number), without a copy when it already is one (read only)."""
    if isinstance(column.dtype, np.dtype) and column.dtype == np.float64:
        a = column.to_numpy().view()
        a.flags.writeable = False
        return a
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iuf":
        return column.to_numpy(np.float64)
    return pd.to_numeric(column, errors="coerce").to_numpy(np.float64, na_value=np.nan)


def _count_codes(codes: np.ndarray, where: np.ndarray, n: int) -> np.ndarray:
    """How many rows of each code 0…n−1 have ``where`` true (codes −1 not counted), block by block."""
    out = np.zeros(n, np.int64)
    for s in range(0, len(codes), _BLOCK):
        c = codes[s:s + _BLOCK][where[s:s + _BLOCK]]
        out += np.bincount(c[c >= 0], minlength=n)[:n]
    return out


def _strictly_increasing(codes: np.ndarray, years: np.ndarray) -> bool:
    """Whether the (code, year) pairs strictly increase row after row, checked block by block.

    >>> c = np.array([0, 0, 1])
    >>> _strictly_increasing(c, np.array([2020., 2021, 2019])), _strictly_increasing(c, np.array([2020., 2020, 2019]))
    (True, False)
    """
    n = len(codes)
    for s in range(0, max(n - 1, 0), _BLOCK):
        c, y = codes[s:s + _BLOCK + 1], years[s:s + _BLOCK + 1]
        dc = np.diff(c)
        if not ((dc > 0) | ((dc == 0) & (y[1:] > y[:-1]))).all():
            return False
    return True


def _order_and_duplicates(codes: np.ndarray, years: np.ndarray):
    """The stable order by (code, year) (``None`` when already sorted) and a mask of repeated (code, year) pairs."""
    n = len(codes)
    if n == 0:
        return None, np.zeros(0, bool)
    if _strictly_increasing(codes, years):   # the usual case (a file written series by series, year by year)
        return None, np.zeros(n, bool)
    y0, y1 = years.min(), years.max()
    if np.array_equal(years, np.floor(years)) and y1 - y0 < 2 ** 20:
        key = codes.astype(np.int64) * int(y1 - y0 + 1) + (years - y0).astype(np.int64)
        order = np.argsort(key, kind="stable")
        sk = key[order]
        same = sk[1:] == sk[:-1]
    else:
        order = np.lexsort((years, codes))
        sc, sy = codes[order], years[order]
        same = (sc[1:] == sc[:-1]) & (sy[1:] == sy[:-1])
    dup_sorted = np.zeros(n, bool)
    dup_sorted[1:] |= same
    dup_sorted[:-1] |= same
    dup = np.empty(n, bool)
    dup[order] = dup_sorted
    return order, dup


def assess_series(observations: pd.DataFrame, targets: pd.DataFrame, model: str = "auto",
                  calibration: str = "national", chunk_size: int = 20_000) -> pd.DataFrame:
    """Assess many series against their targets at once.

    Parameters
    ----------
    observations : DataFrame
        Long table: ``series``, ``year``, ``value`` and optionally ``numerator``,
        ``denominator``. Percentages are in percent (22.5 for 22,5%).
    targets : DataFrame
        One row per series: ``series``, ``comparator``, ``target``, ``due_year``, ``unit``, and
        optionally ``base_year`` (see the module docstring) and ``decimals`` (the precision the
        document printed, trailing zeros included: "90,10%" is 2; by default read from ``target``).
    model : str
        ``auto`` (= ``damped``, the module docstring), ``damped``, ``linear``, ``logit`` or ``rw``.
    calibration : str
        The learned errors ``damped`` uses: ``national`` (World Bank EdStats series of the 42
        countries of the training split; default) or ``province`` (GSO province series of Viet Nam).
    chunk_size : int
        Series assessed together (memory is bounded by a chunk, not by the whole table); the
        result does not depend on it (every computation is per series).

    Returns
    -------
    DataFrame
        One row per series, sorted by ``series``: ``n_obs``, ``first_year``, ``first_value``,
        ``last_year``, ``last_value``, ``model``, ``projected``, ``lo80``, ``hi80``, ``lo95``,
        ``hi95``, ``prob_met``, ``annual_change_pp``, ``cagr`` (observed), ``required_change_pp``,
        ``required_cagr`` (from the latest value), ``rule_base_year`` and ``rule_base_value``
        (the base of the standard rules), ``growth_basis``, ``unsd_ratio``,
        ``unsd_category``, ``statcan_ratio``, ``statcan_category``, ``statcan_score`` (−5…5,
        :func:`~edustats.progress_rules.statcan_score`), ``escap_gap``,
        ``escap_category``, ``verdict``, ``verdict_vi``, ``verdict_en``, ``note`` (only what the numbers
        cannot say: too few observations, base year without data, observations after the due year not
        used; the sentence explaining the verdict is :func:`verdict_notes`). ``result.attrs["calibration"]``
        names the profile used.

    .. math:: P(\\text{met}) = P\\big(Y_T \\ge \\theta\\big) \\text{ (or } \\le \\theta \\text{ for "≤" targets)}

    where :math:`Y_T` is the model's predictive distribution for the due year's published value
    and :math:`\\theta` the threshold at the target's precision (:func:`met_threshold`).

    Examples
    --------
    A rate rising 2 points a year from 15% in 2018, already at 23%, probably meets 22,5% by 2025
    (part of the trend carries on, and real series swing); one flat at 15% almost surely does not:

    >>> obs = pd.DataFrame({"series": ["up"] * 5 + ["flat"] * 5, "year": list(range(2018, 2023)) * 2,
    ...                     "value": [15, 17.2, 18.9, 21.1, 23, 15, 15.2, 14.9, 15.1, 15]})
    >>> tg = pd.DataFrame({"series": ["up", "flat"], "comparator": ">=", "target": 22.5, "due_year": 2025,
    ...                    "unit": "percent"})
    >>> r = assess_series(obs, tg).set_index("series")
    >>> r.loc["up", "verdict"], r.loc["flat", "verdict"]
    ('probable', 'unlikely')
    >>> probability_text(r.loc["flat", "prob_met"]), float(r.loc["flat", "prob_met"])
    ('< 1%', 0.005)
    """
    if calibration not in PROFILES:   # checked whatever the model: verdict_notes names the profile
        raise ValueError(f"unknown calibration profile {calibration!r}; expected one of {', '.join(PROFILES)}")
    obs = observations.reset_index(drop=True)
    spec0 = targets.reset_index(drop=True)
    spec = spec0.sort_values("series", kind="stable").reset_index(drop=True) if "series" in spec0.columns else spec0
    codes, yv, vv, order, early = _check_series(obs, spec0,
                                                pd.Index(spec["series"]) if "series" in spec0.columns else None)
    S = len(spec)
    target = pd.to_numeric(spec["target"]).to_numpy(float)
    # threshold and direction once per distinct (comparator, target, printed precision): "90,10%" has 2
    dec = (pd.to_numeric(spec["decimals"], errors="coerce").fillna(-1).to_numpy(int) if "decimals" in spec.columns
           else np.full(S, -1))
    cc, comparators = pd.factorize(spec["comparator"])   # grouped on numbers, not on text
    grp = pd.DataFrame({"c": cc, "v": target, "d": dec}).groupby(["c", "v", "d"], sort=False, dropna=False).ngroup()
    grp = grp.to_numpy()
    first = np.unique(grp, return_index=True)[1]          # the first row of group 0, 1, …
    th = [met_threshold(comparators[cc[i]], float(target[i]), None if dec[i] < 0 else int(dec[i])) for i in first]
    thr = np.array([t for t, _ in th], float)[grp] if S else np.zeros(0)
    higher = np.array([h for _, h in th], bool)[grp] if S else np.zeros(0, bool)

    late = ~early   # every year and due year is a number by now (checked): after the due year, or not
    dropped = _count_codes(codes, late, S)
    if order is None:
        keep = slice(None) if not late.any() else np.flatnonzero(~late)   # a slice: no copies
    else:
        keep = order[~late[order]]
    oc = codes[keep]
    cols = [vv[keep]]
    if {"numerator", "denominator"} <= set(obs.columns):
        cols += [_numbers(obs["numerator"])[keep], _numbers(obs["denominator"])[keep]]
    oy = yv[keep]
    size = max(int(chunk_size), 1)
    cal = load_calibration(calibration) if model in ("auto", "damped") else calibration   # read once, not per block
    parts, F = [], None
    for s0 in range(0, max(S, 1), size):
        s1 = min(s0 + size, S)
        a, b = np.searchsorted(oc, [s0, s1])
        part = _assess_block(spec.iloc[s0:s1], oc[a:b] - s0, oy[a:b], [c[a:b] for c in cols], thr[s0:s1],
                             higher[s0:s1], dropped[s0:s1], model, cal)
        if F is None:  # the float columns go straight into the one 2-D array the frame will keep
            names = list(part)
            floats = [c for c in names if isinstance(part[c], np.ndarray) and part[c].dtype == np.float64]
            F = np.empty((len(floats), S))
        for j, c in enumerate(floats):
            F[j, s0:s1] = part.pop(c)
        parts.append(part)
    out = _frame(parts, names, floats, F)
    for c in ("growth_basis", "unsd_category", "statcan_category", "escap_category"):
        if out[c].isna().all():  # no rule computed anywhere: None, as an object column
            out[c] = np.full(len(out), None, dtype=object)
    out.attrs["calibration"] = calibration   # what verdict_notes names as the source of the band's width
    return out


def _assess_block(spec, codes, years, cols, thr, higher, dropped, model, calibration):
    """:func:`assess_series` on a block of series (``codes`` 0… into ``spec``, sorted by code then year);
    ``calibration``: the loaded constants (:func:`~edustats.projection.load_calibration`) for ``damped``."""
    S = len(spec)
    due = spec["due_year"].to_numpy(float)
    target = pd.to_numeric(spec["target"]).to_numpy(float)
    unit = spec["unit"]
    percent = (unit == "percent").to_numpy(bool)
    has_counts = len(cols) == 3
    if len(codes):
        X, M, Y, *KN = pad_series(codes, years, *cols, n_series=S)
    else:
        X = np.full((S, 1), np.nan); M = np.zeros((S, 1), bool); Y = X.copy(); KN = []
    K, N = (KN if has_counts and KN else (None, None))
    n = M.sum(1)
    rows = np.arange(S)
    i_first = np.argmax(M, axis=1)
    i_last = M.shape[1] - 1 - np.argmax(M[:, ::-1], axis=1)
    first_year = np.where(n > 0, X[rows, i_first], np.nan)
    last_year = np.where(n > 0, X[rows, i_last], np.nan)
    first_value = np.where(n > 0, Y[rows, i_first], np.nan)
    last_value = np.where(n > 0, Y[rows, i_last], np.nan)
    # base of the standard rules: the first observation from the base year on (module docstring)
    base_req = (pd.to_numeric(spec["base_year"], errors="coerce").to_numpy(float) if "base_year" in spec.columns
                else np.full(S, np.nan))
    with np.errstate(invalid="ignore"):
        from_base = M & (X >= base_req[:, None])
    has_base = ~np.isnan(base_req)
    i_base = np.where(has_base & from_base.any(1), np.argmax(from_base, axis=1), i_first)
    base_missing = has_base & ~from_base.any(1) & (n > 0)
    rule_base_year = np.where((n > 0) & ~base_missing, X[rows, i_base], np.nan)
    rule_base_value = np.where((n > 0) & ~base_missing, Y[rows, i_base], np.nan)

    # ---- models: every one gives a quantile grid; interval, P(met) and verdict are read from it
    chosen = "damped" if model == "auto" else model  # one model for every series
    proj = np.full(S, np.nan); lo80 = proj.copy(); hi80 = proj.copy(); lo95 = proj.copy(); hi95 = proj.copy()
    prob = proj.copy()
    glm = np.zeros(S, bool)
    horizon = due - last_year
    n_future = None
    if K is not None:
        n_future = np.where(n > 0, N[rows, i_last], np.nan)
    for m in [chosen]:
        r = n >= 2
        if not r.any():
            continue
        if m == "damped":
            Q = damped_quantiles(X[r], Y[r], M[r], percent[r], np.maximum(horizon[r], 1.0)[:, None],
                                 calibration,
                                 n_future=None if n_future is None else n_future[r])[:, 0, :]
        elif m in ("linear", "rw", "logit"):
            if m == "linear":
                fit = fit_linear(X[r], Y[r], M[r], due[r])
            elif m == "rw":
                fit = fit_random_walk(X[r], Y[r], M[r], due[r])
            else:
                fit = fit_logit(X[r], Y[r], M[r], due[r], K=None if K is None else K[r], N=None if N is None else N[r])
                glm[r] = fit["glm"]
            Q = grid_from_fit(fit, percent[r])
        else:
            raise ValueError(f"unknown model {m!r}; expected auto, damped, linear, logit or rw")
        ok = np.isfinite(Q).all(1)  # two observations: no spread can be estimated (scale NaN)
        proj[r] = Q[:, _MID]
        for a, i in ((lo80, _I10), (hi80, _I90), (lo95, _I025), (hi95, _I975)):
            a[r] = np.where(ok & (n[r] >= 3), Q[:, i], np.nan)
        p_hi = 1.0 - grid_cdf(Q, thr[r], side="left")        # P(Y ≥ θ)
        p_lo = grid_cdf(Q, thr[r], side="right")             # P(Y ≤ θ)
        prob[r] = np.where(ok & (n[r] >= 3), np.where(higher[r], p_hi, p_lo), np.nan)
    model_name = (np.where(glm, "logit-glm", "logit-ols").astype(object) if chosen == "logit"
                  else np.full(S, chosen, dtype=object))
    prob = bound_probability(prob)

    # an observation at the due year decides directly
    at_due = (n > 0) & (last_year == due)
    met_now = np.where(higher, last_value >= thr, last_value < thr)   # θ itself prints above a "≤"/"<" target
    prob = np.where(at_due, met_now.astype(float), prob)
    proj = np.where(at_due, last_value, proj)
    for a in (lo80, hi80, lo95, hi95):
        a[at_due] = last_value[at_due]
    model_name = np.where(at_due, "observed", np.where(n >= 2, model_name, "none"))

    # ---- pace: observed and required
    span = last_year - first_year
    with np.errstate(invalid="ignore", divide="ignore"):
        annual_pp = np.where(span > 0, (last_value - first_value) / span, np.nan)
        left = due - last_year
        required_pp = np.where(left > 0, (target - last_value) / left, np.nan)
    gb, gt, gtarget, basis = growth_inputs(first_value, last_value, target, percent)
    with np.errstate(invalid="ignore", divide="ignore"):
        obs_cagr = np.where((span > 0) & (basis == "value"), (last_value / first_value) ** (1 / span) - 1, np.nan)
        req_cagr = np.where((left > 0) & (basis == "value"), (target / last_value) ** (1 / left) - 1, np.nan)

    # ---- standard rules (need two observations, from the base year on)
    two = (n >= 2) & (last_year - rule_base_year > 0)
    u_ratio, u_cat, basis = unsd_progress(rule_base_value, rule_base_year, last_value, last_year, target, due, higher, percent)
    s_ratio, s_cat, _ = statcan_progress(rule_base_value, rule_base_year, last_value, last_year, target, due, higher,
                                         percent)
    e_gap, e_cat, _ = escap_progress(X, np.where(M, Y, 0.0), M, target, due, higher, vb=rule_base_value)
    u_ratio = np.where(two, u_ratio, np.nan); s_ratio = np.where(two, s_ratio, np.nan); e_gap = np.where(two, e_gap, np.nan)
    s_score = np.where(two, statcan_score(s_ratio, two & (np.asarray(s_cat) == "target_achieved")), np.nan)

    # ---- verdicts (as codes into _VERDICT_KEYS; every text column is built once per distinct value)
    vcode = np.select(
        [at_due & met_now, at_due & ~met_now, n < 2, np.isnan(prob) & (n >= 2),
         prob >= 0.9, prob >= 0.6, prob >= 0.4, prob >= 0.1], [0, 1, 2, -1, 3, 4, 5, 6], 7)
    point_ok = np.where(higher, proj >= thr, proj < thr)   # θ prints above a "≤"/"<" target
    vcode = np.where(vcode == -1, np.where(point_ok, 8, 9), vcode)
    notes = _str_array(np.where(n == 0, 1, np.where(n == 1, 2, np.where((n == 2) & ~at_due, 3, 0))),
                       ["", "no observation up to the due year: required path only",
                        "one observation: no trend can be fitted; required path only",
                        "two observations: point projection, no interval"])
    rare = np.flatnonzero(base_missing | (has_base & (n >= 2) & ~two & ~base_missing))
    if len(rare):
        notes = _replace_rows(notes, rare, [((o + "; ") if o else "") + (
            f"standard rules not computed: they need two observations from the base year {int(base_req[c])} on")
            for o, c in zip(notes.take(pa.array(rare)).to_pylist(), rare)])
    late = np.flatnonzero(dropped > 0)
    if len(late):
        old = notes.take(pa.array(late))
        told = _join(pc.cast(pa.array(dropped[late]), _S), " observation(s) after the due year not used")
        notes = _replace_rows(notes, late, pc.if_else(pc.equal(old, ""), told, _join(old, "; ", told)))

    verdict_keys = list(_VERDICT_KEYS)
    return {
        "series": _same_column(spec["series"]), "comparator": _same_column(spec["comparator"]), "target": target,
        "due_year": due.astype(int), "unit": _same_column(spec["unit"]), "threshold": thr, "n_obs": n,
        "first_year": first_year, "first_value": first_value, "last_year": last_year, "last_value": last_value,
        "model": _large_codes(*_factor(model_name)), "projected": proj, "lo80": lo80, "hi80": hi80, "lo95": lo95,
        "hi95": hi95, "prob_met": prob, "annual_change_pp": annual_pp, "cagr": obs_cagr,
        "required_change_pp": required_pp, "required_cagr": req_cagr,
        "rule_base_year": np.where(two, rule_base_year, np.nan),
        "rule_base_value": np.where(two, rule_base_value, np.nan), "growth_basis": _large_codes(*_factor(basis, two)),
        "unsd_ratio": u_ratio, "unsd_category": _large_codes(*_factor(u_cat, two)), "statcan_ratio": s_ratio,
        "statcan_category": _large_codes(*_factor(s_cat, two)), "statcan_score": s_score, "escap_gap": e_gap,
        "escap_category": _large_codes(*_factor(e_cat, two)), "verdict": _large_codes(vcode, verdict_keys),
        "verdict_vi": _large_codes(vcode, [VERDICTS[v][0] for v in verdict_keys]),
        "verdict_en": _large_codes(vcode, [VERDICTS[v][1] for v in verdict_keys]),
        "note": _large(notes),
    }


_VERDICT_KEYS = ("observed_met", "observed_missed", "insufficient_data", "likely", "probable", "uncertain", "at_risk",
                 "unlikely", "on_pace_low_confidence", "off_pace_low_confidence")
_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default ``str`` dtype
_S = pa.large_string()  # its storage: text is built in this type, never converted
# the notes are joined from many pieces: the system allocator grows the result in place (measured: the join
# runs in half the time of the default pool's)
_POOL = pa.system_memory_pool()


def _factor(values, valid=None) -> tuple[np.ndarray, list]:
    """Codes (−1 where not ``valid``) and distinct values of an array with few distinct values, without sorting."""
    a = np.asarray(values)
    todo = np.ones(len(a), bool) if valid is None else np.asarray(valid, bool).copy()
    codes = np.full(len(a), -1, np.int32)
    uniq = []
    while todo.any():
        u = a[np.argmax(todo)]
        hit = todo & (a == u)
        codes[hit] = len(uniq)
        uniq.append(str(u))
        todo &= ~hit
    return codes, uniq


def _str_array(codes, uniques) -> pa.Array:
    """An Arrow string array from codes into ``uniques`` (−1: missing)."""
    codes = np.asarray(codes, np.int32)
    d = pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), pa.array(list(uniques), _S))
    return d.cast(_S)


def _large(arr: pa.Array) -> pa.Array:
    return arr.cast(pa.large_string())


def _large_codes(codes, uniques) -> pa.Array:
    return _large(_str_array(codes, uniques))


def _frame(parts: list[dict], names: list, floats: list, F: np.ndarray) -> pd.DataFrame:
    """The blocks' columns as one frame: the float columns already in ``F`` (kept without a copy), the
    others joined column by column."""
    out = pd.DataFrame(F.T, columns=floats, copy=False)
    for i, c in enumerate(names):
        if c not in floats:
            out.insert(i, c, _concat([p.pop(c) for p in parts]))
    return out


def _concat(chunks: list):
    """One column from its blocks: text without copies (Arrow chunks), numbers concatenated."""
    if isinstance(chunks[0], pa.Array):
        return pd.array(pa.chunked_array(chunks), dtype=_STR)
    if isinstance(chunks[0], np.ndarray):
        return np.concatenate(chunks)
    return type(chunks[0])._concat_same_type(chunks)


def _same_column(s: pd.Series):
    """A column as :func:`assess_series` returns it (``str`` columns without a round trip through Python objects)."""
    return s.array if s.dtype == _STR else s.to_numpy()


def _replace_rows(arr: pa.Array, rows: np.ndarray, values) -> pa.Array:
    """``arr`` with the (sorted, distinct) ``rows`` replaced by ``values``."""
    values = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values, _S)
    values = values.cast(_S)
    if len(rows) == len(arr):
        return values
    pick = np.arange(len(arr))
    pick[rows] = len(arr) + np.arange(len(rows))
    return pa.concat_arrays([arr.cast(_S), values]).take(pa.array(pick))


_PROFILE_TEXT = {"province": ("sai số dự báo thật của các tỉnh (GSO 2002–2016)",
                              "real forecast errors of Viet Nam's provinces (GSO 2002-2016)"),
                 "national": ("sai số dự báo thật của 42 nước (World Bank EdStats)",
                              "real forecast errors of 42 countries (World Bank EdStats)")}


def _vn(x: float, d: int = 1) -> str:
    s = f"{x:,.{d}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _fmt(values: np.ndarray, d: int, vn: bool) -> list:
    """Many numbers as text at once (Vietnamese: decimal comma, dot between thousands), by integer arithmetic.

    >>> _fmt(np.array([1.0, 22.456, -0.04, -3.15, 1234.5]), 1, True)
    ['1,0', '22,5', '0,0', '-3,2', '1.234,5']
    """
    v = np.asarray(values, float)
    m = np.floor(np.abs(v) * 10 ** d + 0.5 + 1e-9).astype(np.int64)   # half up, as published
    ip, fp = m // 10 ** d, m % 10 ** d
    fs = (fp + 10 ** d).astype(str).tolist()                          # "1" + zero-padded digits
    sign = np.where((v < 0) & (m > 0), "-", "").tolist()
    sep = "," if vn else "."
    out = [f"{g}{i}{sep}{f[1:]}" for g, i, f in zip(sign, ip.astype(str).tolist(), fs)]
    for i in np.flatnonzero(ip >= 1000):          # rare: thousands separators
        out[i] = _vn(v[i], d) if vn else f"{v[i]:,.{d}f}"
    return out


def probability_text(p: float) -> str:
    """A probability for display: bounded figures read "> 99%" and "< 1%" (never 0% or 100%).

    >>> probability_text(0.995), probability_text(0.005), probability_text(0.634), probability_text(float("nan"))
    ('> 99%', '< 1%', '63%', '–')
    """
    if p != p:
        return "–"
    if p >= 0.99:
        return "> 99%"
    if p <= 0.01:
        return "< 1%"
    return f"{round(100 * p):d}%"


def _lit(x):
    return pa.scalar(x, _S) if isinstance(x, str) else x


def _join(*parts):
    """The parts (Arrow large strings or Python strings) joined row by row, with no separator."""
    return pc.binary_join_element_wise(*[_lit(x) for x in parts], _lit(""), memory_pool=_POOL)


def _choose(mask: np.ndarray, a, b):
    """``a`` where ``mask``, else ``b`` (Arrow); a scalar stays a scalar when the mask is all one way."""
    if mask.all():
        return a
    if not mask.any():
        return b
    return pc.if_else(pa.array(mask), _lit(a), _lit(b), memory_pool=_POOL)


def _fmt_arrow(values: np.ndarray, d: int) -> tuple[pa.Array, pa.Array]:
    """:func:`_fmt` for many numbers as Arrow strings, in English and Vietnamese (built in C, not per row)."""
    v = np.asarray(values, float)
    m = np.floor(np.abs(v) * 10 ** d + 0.5 + 1e-9).astype(np.int64)   # half up, as published
    ip, fp = m // 10 ** d, m % 10 ** d
    neg = (v < 0) & (m > 0)
    whole = pc.cast(pa.array(ip), _S)
    if neg.any():
        whole = _join(_choose(neg, "-", ""), whole)
    frac = pc.utf8_slice_codeunits(pc.cast(pa.array(fp + 10 ** d), _S), 1)
    en = _join(whole, ".", frac)
    vi = _join(whole, ",", frac)
    big = np.flatnonzero(ip >= 1000)          # rare: thousands separators, by the careful formatter
    if len(big):
        en_big = [f"{x:,.{d}f}" for x in v[big]]
        en = _replace_rows(en, big, en_big)
        vi = _replace_rows(vi, big, [_vn(float(x.replace(",", "")), len(x) - x.index(".") - 1) for x in en_big])
    return en, vi


def verdict_notes(result: pd.DataFrame, calibration: str | None = None) -> pd.Series:
    """Each verdict's note in words, Vietnamese first: how much of the past average change the forecast
    keeps, how wide its 80 % band is and over how many years, where the width was learned, then the
    row's own ``note`` (too few observations, base year missing, observations after the due year). A
    forecast against the trend says where it goes from the latest value instead of a negative share; where
    the UNSD rule says "on track" and the forecast "at risk" or "unlikely", the note says why they differ.

    :func:`assess_series` keeps numbers (and only the notes the numbers cannot say), so a national
    table of a million series does not carry a million sentences; :func:`assess`, the command line
    and the briefings show these sentences. Everything in them is read from the result's columns:

    .. math:: k = \\frac{(\\hat y_T - y_{last}) / \\max(T - t_{last}, 1)}{(y_{last} - y_{first}) / (t_{last} - t_{first})}

    the share of the observed average change per year (``annual_change_pp``) that the projection
    keeps per year ahead.

    Parameters
    ----------
    result : DataFrame
        The output of :func:`assess_series` (its columns ``model``, ``n_obs``, ``first_year``,
        ``last_year``, ``last_value``, ``due_year``, ``unit``, ``projected``, ``lo80``, ``hi80``,
        ``prob_met``, ``annual_change_pp`` and ``note``).
    calibration : str, optional
        The profile the result was computed with (default: the one :func:`assess_series` recorded
        in ``result.attrs``; a result read back from a file has none: pass it, or a ``ValueError``
        asks for it). Applying the function twice gives the same notes as once.

    Returns
    -------
    Series
        One text per row, with the result's index.

    Examples
    --------
    >>> obs = pd.DataFrame({"series": "a", "year": range(2018, 2023), "value": [15, 17.2, 18.9, 21.1, 23]})
    >>> tg = pd.DataFrame({"series": ["a"], "comparator": ">=", "target": 22.5, "due_year": 2025, "unit": "percent"})
    >>> verdict_notes(assess_series(obs, tg)).iloc[0][:54]
    'dự báo giữ 36% nhịp thay đổi bình quân 2018–2022 (2,00'
    """
    r = result
    model = r["model"].to_numpy(object)
    calibration = calibration or r.attrs.get("calibration")
    if calibration is None and (model == "damped").any():   # e.g. a result read back from a file: never guessed
        raise ValueError("verdict_notes: which calibration profile was this result computed with? Pass it, e.g. "
                         "verdict_notes(result, 'province') (assess_series records it in result.attrs, which a "
                         "file does not keep)")
    f = {c: pd.to_numeric(r[c]).to_numpy(float) for c in ("n_obs", "first_year", "last_year", "last_value",
                                                          "due_year", "projected", "lo80", "hi80", "prob_met",
                                                          "annual_change_pp")}
    horizon = f["due_year"] - f["last_year"]
    past = f["annual_change_pp"]
    with np.errstate(invalid="ignore", divide="ignore"):
        kept = np.where(np.abs(past) > 1e-9, (f["projected"] - f["last_value"]) / np.maximum(horizon, 1) / past, np.nan)
    # no sentence where the due year's value decides (``observed``) or no band could be estimated
    skip = (model == "observed") | ~(f["n_obs"] >= 3)
    old = pa.array(r["note"].to_numpy(object), _S, from_pandas=True).fill_null("")
    # the standard rules compare the pace achieved with the pace needed; the forecast also learned that real
    # series seldom keep their pace: where they disagree ("on track" beside "unlikely") the note says why
    differ = ((r["unsd_category"] == "on_track").to_numpy(bool)
              & r["verdict"].isin(["at_risk", "unlikely"]).to_numpy(bool)
              if {"unsd_category", "verdict"} <= set(r.columns) else np.zeros(len(r), bool))
    notes = _append_model_notes(old, model, f["projected"], f["last_value"], f["lo80"], f["hi80"], f["prob_met"], kept,
                                past,
                                f["first_year"], f["last_year"], horizon, (r["unit"] == "percent").to_numpy(bool),
                                calibration or "national", skip, differ)
    again = np.flatnonzero(np.asarray(pc.not_equal(old, "").to_numpy(zero_copy_only=False), bool) & ~skip)
    if len(again):   # a note that already starts with its sentence (verdict_notes applied before) keeps it once
        was, now = old.take(pa.array(again)).to_pylist(), notes.take(pa.array(again)).to_pylist()
        same = [i for i, (o, n) in zip(again, zip(was, now)) if n.endswith("; " + o) and o.startswith(n[:-len(o) - 2])]
        if same:
            notes = _replace_rows(notes, np.array(same), old.take(pa.array(same)))
    return pd.Series(pd.array(notes, dtype=_STR), index=r.index, name="note")


def _append_model_notes(notes, model_name, proj, last, lo80, hi80, prob, kept, past, first_year, last_year, horizon,
                        percent, calibration, skip, rules_differ=None):
    """``notes`` (an Arrow string array) with the verdict's note: how much of the past trend the forecast
    keeps, how wide the band is (vi / en)."""
    pv, pe = _PROFILE_TEXT[calibration]
    idx = np.flatnonzero(~skip & ~np.isnan(lo80))
    if not len(idx):
        return notes
    lo, hi, width = lo80[idx], hi80[idx], hi80[idx] - lo80[idx]
    k = kept[idx]
    damped = model_name[idx] == "damped"
    # "keeps k % of the average change" reads right for a share between none and a little more than all;
    # outside it (a forecast against the trend, or a trend of nearly nothing) the note says where the
    # forecast goes from the latest value instead of printing "keeps −194 %"
    has_k = damped & np.isfinite(k) & (k >= 0) & (k <= 1.5)
    other = damped & ~has_k & np.isfinite(past[idx]) & np.isfinite(proj[idx])
    kp = pc.cast(pa.array(np.round(100 * np.clip(np.nan_to_num(k), -9.99, 9.99)).astype(int)), _S)
    pp = np.nan_to_num(past[idx])
    bounded = (prob[idx] <= PROB_FLOOR) | (prob[idx] >= 1 - PROB_FLOOR)
    b_vi = "; xác suất ghi “> 99%” hoặc “< 1%”: không chuỗi số liệu hữu hạn nào cho biết chắc chắn tuyệt đối"
    b_en = "; probability shown as '> 99%' or '< 1%': no finite series gives certainty"
    old = notes.take(pa.array(idx))
    (le, lv), (he, hv), (we, wv), (pe_, pv_) = (_fmt_arrow(lo, 1), _fmt_arrow(hi, 1), _fmt_arrow(width, 1),
                                                _fmt_arrow(pp, 2))
    pct = np.asarray(percent, bool)[idx]
    uv = _choose(pct, "điểm %", "đơn vị")
    ue = _choose(pct, "percentage points", "units")
    y0, y1, h = (pc.cast(pa.array(a[idx].astype(int)), _S) for a in (first_year, last_year, horizon))

    cat = _join

    # the optional parts are short; the note itself is joined once
    k_vi = _choose(has_k, cat("dự báo giữ ", kp, "% nhịp thay đổi bình quân ", y0, "–", y1, " (", pv_, " ", uv,
                              "/năm), ") if has_k.any() else "", "")
    k_en = _choose(has_k, cat("the forecast keeps ", kp, "% of the ", y0, "-", y1, " average change (", pe_, " ",
                              ue, "/year); ") if has_k.any() else "", "")
    if other.any():
        gap = np.abs(proj[idx] - last[idx])
        (ge, gv) = _fmt_arrow(gap, 1)
        up, flat = proj[idx] > last[idx], np.round(gap, 1) == 0
        o_vi = cat("dự báo không theo nhịp thay đổi bình quân ", y0, "–", y1, " (", pv_, " ", uv, "/năm): năm đích ",
                   _choose(flat, "gần bằng", "") , _choose(~flat & up, "cao hơn", ""), _choose(~flat & ~up, "thấp hơn", ""),
                   " giá trị gần nhất", _choose(flat, "", cat(" ", gv, " ", uv)), ", ")
        o_en = cat("the forecast does not follow the ", y0, "-", y1, " average change (", pe_, " ", ue, "/year): the due "
                   "year is ", _choose(flat, "about the same as", ""), _choose(~flat & up, cat(ge, " ", ue, " above"), ""),
                   _choose(~flat & ~up, cat(ge, " ", ue, " below"), ""), " the latest value; ")
        k_vi = _choose(has_k, k_vi, _choose(other, o_vi, ""))
        k_en = _choose(has_k, k_en, _choose(other, o_en, ""))
    w_vi = _choose(damped, ", độ rộng học từ " + pv, "")
    w_en = _choose(damped, ", width learned from " + pe, "")
    bd_vi = _choose(bounded, b_vi, "")
    bd_en = _choose(bounded, b_en, "")
    differ = np.zeros(len(idx), bool) if rules_differ is None else np.asarray(rules_differ, bool)[idx]
    r_vi = _choose(differ, "; quy tắc UNSD xếp “đúng hướng” vì nhịp đã đạt bằng hoặc gần bằng nhịp cần, còn dự báo "
                           "thấp hơn vì các chuỗi số liệu thật ít khi giữ nguyên nhịp", "")
    r_en = _choose(differ, "; the UNSD rule says on track because the pace achieved is at or near the pace needed, "
                           "the forecast is lower because real series seldom keep their pace", "")
    old_set = np.asarray(pc.not_equal(old, "").to_numpy(zero_copy_only=False), bool)
    sep = _choose(old_set, "; ", "")
    note = cat(k_vi, "khoảng 80%: ", lv, "–", hv, " (rộng ", wv, " ", uv, ", sau ", h, " năm)", w_vi, bd_vi, r_vi, " / ",
               k_en, "80% band ", le, "-", he, " (", we, " ", ue, " wide, ", h, " years ahead)", w_en, bd_en, r_en, sep,
               old if old_set.any() else "")
    return _replace_rows(notes, idx, note)


#: how the note of a target whose shares look written as fractions begins (the command line looks for it)
FRACTION_NOTE = "mọi giá trị đều từ 0 đến 1"


def _fraction_notes(res: pd.DataFrame, series: pd.DataFrame) -> pd.Series:
    """``res``'s notes, with a question where a percentage target of 5 % or more that should be reached or
    passed meets observations that are all between 0 and 1: shares written as fractions (0,57 for 57 %)
    would be read as 0,57 %. Asked, not changed: a rate can really be below 1 %.

    >>> r = pd.DataFrame({"series": ["a", "b"], "unit": "percent", "comparator": ">=", "target": [70.0, 70.0],
    ...                   "note": ""})
    >>> o = pd.DataFrame({"series": ["a", "a", "b"], "value": [0.5, 0.57, 57.0]})
    >>> [n[:46] for n in _fraction_notes(r, o)]
    ['mọi giá trị đều từ 0 đến 1 trong khi mục tiêu ', '']
    """
    top = series.groupby("series")["value"].agg(["min", "max"])
    lo, hi = (res["series"].map(top[c]).to_numpy(float) for c in ("min", "max"))
    ask = ((res["unit"] == "percent").to_numpy(bool) & res["comparator"].isin([">=", ">", "="]).to_numpy(bool)
           & (pd.to_numeric(res["target"]).to_numpy(float) >= 5) & (lo >= 0) & (hi <= 1))
    note = res["note"].copy()
    for i in np.flatnonzero(ask):
        t = res["target"].iat[i]
        q_vi = (f"{FRACTION_NOTE} trong khi mục tiêu là {f'{t:g}'.replace('.', ',')}%: nếu tỷ lệ được viết "
                "dạng phân số (0,57 cho 57%), hãy nhân với 100")
        q_en = (f"every value is between 0 and 1 while the target is {t:g}%: if the shares were written as fractions "
                "(0.57 for 57%), multiply them by 100")
        vi, sep, en = str(note.iat[i] or "").partition(" / ")   # each language's question in its own half
        note.iat[i] = (f"{q_vi}; {vi} / {q_en}; {en}" if sep else f"{q_vi} / {q_en}" + (f"; {vi}" if vi else ""))
    return note


def _with_ids(targets: pd.DataFrame) -> pd.DataFrame:
    """A copy with an ``id`` per row: the file's own, or ``rowN`` (its spreadsheet row) when absent."""
    t = targets.copy()
    if "id" not in t.columns or (t["id"].astype(str) == "").any():
        t["id"] = [f"row{i + 2}" for i in range(len(t))]
    return t


def document_base_years() -> dict:
    """The year each shipped document's plan starts (``period_start`` in ``data/sources.csv``).

    >>> document_base_years()["001_51d59cd3eefeb0a9.txt"]
    2021
    """
    from .loaders import load_sources

    src = load_sources()
    years = pd.to_numeric(src["period_start"], errors="coerce")  # a document without a plan period has none
    return {f: int(y) for f, y in zip(src["file"], years) if pd.notna(y)}


def match_observations(targets: pd.DataFrame, observations: pd.DataFrame,
                       base_years: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pair every target row with its observations; return (series long table, series spec table).

    A target's series is the observations with the same ``indicator``; restricted to its
    ``locality`` when the target names one and the observations carry localities, and to its
    ``level`` when the observations carry a level for that indicator. The series id is the
    target's ``id`` (or its row number). The spec's ``base_year`` is the target's own
    ``base_year`` column where given, else ``base_years[source]`` (the document's start year).
    """
    base_years = base_years or {}
    t = _with_ids(targets)
    t = t[t["kind"] == "target"] if "kind" in t.columns else t
    o = observations.copy()
    for c in ("level", "locality"):
        if c not in o.columns:
            o[c] = ""
    keep = ["year", "value"] + [c for c in ("numerator", "denominator") if c in o.columns]
    pos = _match_positions(t, o)
    if pos is None:
        series = pd.DataFrame(columns=["series", "year", "value"])
    else:
        tpos, opos = pos
        series = o[keep].take(opos).reset_index(drop=True)
        ids = t["id"].to_numpy(dtype=object)[tpos]
        series["series"] = pd.array(ids, dtype=str) if pd.api.types.infer_dtype(ids) in ("string", "empty") else ids
    n = len(t)
    col = lambda c, default: t[c].to_numpy(dtype=object) if c in t.columns else np.full(n, default, dtype=object)
    if "base_year" in t.columns:
        own = pd.to_numeric(t["base_year"], errors="coerce").to_numpy(float)   # as float(base) read it
    else:
        own = np.full(n, np.nan)
    doc = np.array([base_years.get(s, np.nan) for s in col("source", None)], float) if n else np.zeros(0)
    base = np.where(np.isnan(own), doc, own)
    spec = pd.DataFrame({"series": t["id"].to_numpy(dtype=object), "comparator": t["comparator"].to_numpy(dtype=object),
                         "target": t["value"].to_numpy(), "due_year": t["year"].to_numpy().astype(int),
                         "unit": t["unit"].to_numpy(dtype=object), "base_year": base.astype(float),
                         "decimals": col("decimals", "")}) if n else pd.DataFrame()
    return series, spec


def _match_positions(t: pd.DataFrame, o: pd.DataFrame):
    """Every (target row, observation row) pair of :func:`match_observations`, as two position arrays
    sorted by target then observation (the order of a loop over the targets); ``None`` when no target.

    A target restricts by locality when it names one and the observations carry localities; by level
    when it names one and the observations of its indicator (and locality) carry a level. Computed
    with joins on those keys, not one comparison of the whole table per target."""
    n = len(t)
    if n == 0:
        return None
    blank = lambda c: (t[c].to_numpy(dtype=object) if c in t.columns else np.full(n, "", dtype=object))
    t_ind, t_loc, t_lvl = blank("indicator"), blank("locality"), blank("level")
    truthy = lambda a: np.array([bool(x) for x in a], bool) if len(a) else np.zeros(0, bool)
    o_ind, o_loc, o_lvl = (o[c].to_numpy(dtype=object) for c in ("indicator", "locality", "level"))
    by_loc = truthy(t_loc) & bool((o_loc != "").any())
    tk = pd.DataFrame({"tpos": np.arange(n), "indicator": t_ind, "locality": np.where(by_loc, t_loc, ""),
                       "level": t_lvl, "by_loc": by_loc, "lvl_set": truthy(t_lvl)})
    ok = pd.DataFrame({"opos": np.arange(len(o)), "indicator": o_ind, "locality": o_loc, "level": o_lvl,
                       "has_lvl": o_lvl != ""})
    nan_key = lambda df, cols: np.logical_or.reduce([pd.isna(df[c]).to_numpy() for c in cols])
    pairs = []
    for restrict_loc in (True, False):
        on = ["indicator", "locality"] if restrict_loc else ["indicator"]
        tt = tk[tk["by_loc"] == restrict_loc]
        tt = tt[~nan_key(tt, on)]                 # a missing key equals nothing (as == would say)
        if tt.empty:
            continue
        # does the candidate set of each target (its indicator, and locality) carry any level?
        any_lvl = ok.groupby(on, sort=False)["has_lvl"].any().rename("any_lvl").reset_index()
        tt = tt.merge(any_lvl, on=on, how="left")
        tt["any_lvl"] = tt["any_lvl"].fillna(False).astype(bool)
        by_lvl = tt["lvl_set"].to_numpy() & tt["any_lvl"].to_numpy()
        for restrict_lvl in (True, False):
            part = tt[by_lvl == restrict_lvl]
            keys = on + (["level"] if restrict_lvl else [])
            part = part[~nan_key(part, keys)]
            if part.empty:
                continue
            m = part[["tpos"] + keys].merge(ok[["opos"] + keys], on=keys, how="inner")
            pairs.append((m["tpos"].to_numpy(np.int64), m["opos"].to_numpy(np.int64)))
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    tpos = np.concatenate([p[0] for p in pairs])
    opos = np.concatenate([p[1] for p in pairs])
    order = np.lexsort((opos, tpos))
    return tpos[order], opos[order]


def assess(targets: pd.DataFrame, observations: pd.DataFrame, model: str = "auto",
           base_years: dict | None = None, calibration: str = "national", as_of=None) -> pd.DataFrame:
    """Assess every target of a targets table against a planner's observations.

    ``base_years`` maps a document (``source``) to the year its plan starts, the base of the
    standard rules; by default the shipped documents' ``period_start``. A targets file may
    instead carry its own ``base_year`` column.

    ``as_of`` (a date, ISO string or year; default: as of the data's latest year) is the date the
    verdicts speak for: a target whose due year is over is judged, not forecast
    (:func:`edustats.due.apply_due_status`).

    Returns one row per target (sorted by target id) with the target's ``id``, ``source``,
    ``locality``, ``level``, ``indicator``, ``label_vi`` and every column of
    :func:`assess_series`, plus ``required_path`` (the yearly values, as text
    ``2023: 20,2; 2024: 21,3; …``) where a latest observation exists.

    Examples
    --------
    >>> tg = pd.DataFrame({"id": ["T1"], "kind": "target", "source": "x", "locality": "Na Mèo", "level": "preschool",
    ...                    "indicator": "malnutrition_rate", "label_vi": "SDD", "comparator": "<=", "value": 6.0,
    ...                    "year": 2025, "unit": "percent"})
    >>> ob = pd.DataFrame({"locality": "Na Mèo", "indicator": "malnutrition_rate", "year": [2021, 2022, 2023],
    ...                    "value": [9.0, 7.9, 7.1]})
    >>> r = assess(tg, ob)
    >>> r[["id", "verdict", "model"]].to_dict("records")
    [{'id': 'T1', 'verdict': 'at_risk', 'model': 'damped'}]
    """
    from .vnformat import format_number

    series, spec = match_observations(targets, observations,
                                      document_base_years() if base_years is None else base_years)
    if spec.empty:
        return pd.DataFrame()
    res = assess_series(series, spec, model=model, calibration=calibration)
    res["note"] = verdict_notes(res, calibration)   # the verdicts are shown to people: each with its sentence
    res["note"] = _fraction_notes(res, series)
    t = _with_ids(targets)
    meta_cols = [c for c in ("id", "source", "locality", "level", "indicator", "label_vi", "label_en") if c in t.columns]
    out = t[meta_cols].merge(res.rename(columns={"series": "id"}), on="id", how="inner")
    # a target with no observation starts its required path from the document's own baseline
    base = t[t["kind"] == "baseline"] if "kind" in t.columns else t.iloc[0:0]
    paths, starts = [], []
    memo = {}   # the same start, target and due year give the same path (national tables repeat them)
    # the columns the loop reads, as Python values (a row-tuple of every column costs more than the loop)
    text = {c: (out[c].to_numpy(dtype=object) if c in out.columns else None) for c in ("indicator", "locality", "level")}
    for i, (last_year, last_value, target, due_year) in enumerate(zip(
            out["last_year"].tolist(), out["last_value"].tolist(), out["target"].tolist(), out["due_year"].tolist())):
        start_year, start_value, start = last_year, last_value, "observed"
        if np.isnan(start_value):
            cand = base[(base["indicator"] == text["indicator"][i]) & (base["year"] < due_year)]
            for col in ("locality", "level"):
                if col in base.columns and col in out.columns:
                    cand = cand[cand[col] == text[col][i]]
            if cand.empty:
                paths.append(f"no starting value: reach {format_number(target, decimals_of(target))} by {due_year}")
                starts.append("")
                continue
            b = cand.sort_values("year").iloc[-1]
            start_year, start_value, start = b["year"], b["value"], f"baseline {b.get('id', '')}".strip()
        if start_year >= due_year:
            paths.append("")
            starts.append(start)
            continue
        starts.append(start)
        key = (int(start_year), repr(float(start_value)), repr(target), int(due_year))   # -0.0 is not 0.0 here
        if key not in memo:
            p = required_path(int(start_year), float(start_value), target, int(due_year))
            dec = max(1, decimals_of(target))
            memo[key] = "; ".join(f"{int(y)}: {format_number(v, dec, trim=True)}" for y, v in zip(p["year"], p["value"]))
        paths.append(memo[key])
    out["required_path"] = paths
    out["path_start"] = starts
    return _due_status(out.sort_values("id", kind="stable").reset_index(drop=True), as_of)


# what :func:`edustats.due.apply_due_status` reads and rewrites
_DUE_INPUTS = ("id", "indicator", "unit", "due_year", "last_year", "last_value", "projected", "lo80", "hi80", "verdict",
               "verdict_vi", "verdict_en")


def _due_status(out: pd.DataFrame, as_of) -> pd.DataFrame:
    """:func:`edustats.due.apply_due_status` on ``out``, given only the columns it reads, as Python objects
    (it walks the rows; a national table's forty text columns made that walk the slowest step), its new
    and rewritten columns then set on ``out`` with the types they would have had."""
    from .due import apply_due_status  # issue #12: a past-due target is judged, not forecast

    cols = [c for c in _DUE_INPUTS if c in out.columns]
    if len(cols) < len(_DUE_INPUTS):
        return apply_due_status(out, as_of=as_of)   # a table of another shape: as it comes
    text = [c for c in cols if not pd.api.types.is_numeric_dtype(out[c].dtype)]
    narrow = pd.DataFrame({c: (out[c].to_numpy(dtype=object) if c in text else out[c].to_numpy()) for c in cols},
                          index=out.index)
    d = apply_due_status(narrow, as_of=as_of)
    res = out.copy()
    for c in d.columns:
        if c in cols:
            if c in text and c != "id":
                res[c] = d[c].astype(out[c].dtype)
            continue
        v = d[c]
        if c == "forecast_verdict":
            v = v.astype(out["verdict"].dtype)
        elif v.dtype == object and pd.api.types.infer_dtype(v, skipna=False) in ("string", "empty"):
            v = v.astype(str)
        res[c] = v
    return res


def _register_cli(sub) -> None:
    p = sub.add_parser("assess", help="đánh giá mục tiêu theo số liệu: dự báo, xác suất, kết luận / assess targets against observations: projection, probability, verdict",
                       description="Đánh giá mọi mục tiêu của tệp mục tiêu theo tệp số liệu (CSV, Excel hoặc Parquet: "
                                   "địa phương, chỉ tiêu, năm, giá trị[, tử số, mẫu số, cấp học]). / "
                                   "Assess every target of a targets file against an observations file "
                                   "(CSV, Excel or Parquet: locality, indicator, year, value[, numerator, denominator, level]).")
    p.add_argument("--targets", default=None, help="tệp mục tiêu / targets file (default: the curated data/targets.csv)")
    p.add_argument("--observations", required=True, help="tệp số liệu / observations file (CSV, Excel or Parquet)")
    p.add_argument("--out", default=None, help="ghi kết luận ra tệp / write the verdicts to this file (.csv or .xlsx)")
    p.add_argument("--as-of", default=None, dest="as_of",
                   help="đánh giá tính đến ngày này / judge as of this date, YYYY-MM-DD or YYYY (default: today, or "
                        "EDUSTATS_AS_OF; a target due before it is judged on its observed value, never forecast) — as "
                        "the briefing does")
    p.add_argument("--model", default="auto", choices=["auto", "damped", "linear", "logit", "rw"],
                   help="mô hình dự báo / forecasting model (default auto = damped: the trend damped by horizon with "
                        "errors learned from real series; linear, logit or rw (random walk with drift) for comparison)")
    p.add_argument("--calibration", default="province", choices=["national", "province"],
                   help="sai số học từ các tỉnh Việt Nam hay từ chuỗi quốc gia / forecast errors learned on Vietnamese "
                        "provinces (default: communes, districts, provinces) or on national series of 42 countries")
    p.add_argument("--all", action="store_true", help="liệt kê mọi mục tiêu / list every target (default: only those "
                                                     "with observations and those of the observed localities)")
    # the handler is edustats.cli's (Excel out, locality matching, messages in Vietnamese first)




def compare_models(observations: pd.DataFrame, comparator: str, target: float, due_year: int,
                   unit: str = "percent") -> pd.DataFrame:
    """Assess one series under every model, side by side (for teaching and for choosing a model).

    ``observations``: ``year``, ``value`` (and optionally ``numerator``, ``denominator``). Each row's
    ``note`` is its verdict's sentence (:func:`verdict_notes`).

    >>> obs = pd.DataFrame({"year": [2018, 2019, 2020, 2021, 2022], "value": [15.0, 17.1, 18.9, 21.2, 22.9]})
    >>> compare_models(obs, ">=", 22.5, 2025)[["model", "verdict"]].to_dict("records")
    [{'model': 'damped', 'verdict': 'probable'}, {'model': 'linear', 'verdict': 'likely'}, {'model': 'logit-ols', 'verdict': 'likely'}, {'model': 'rw', 'verdict': 'likely'}]
    """
    spec = pd.DataFrame({"series": ["s"], "comparator": [comparator], "target": [target], "due_year": [due_year],
                         "unit": [unit]})
    rows = []
    for m in ("damped", "linear", "logit", "rw"):
        r = assess_series(observations.assign(series="s"), spec, model=m)
        r["note"] = verdict_notes(r)   # read by people: each model's verdict with its sentence
        rows.append(r)
    return pd.concat(rows, ignore_index=True)
