"""Will the target be met? Projections with uncertainty, the standard rules, and the pace required.

:func:`assess_series` works on many series at once (a province's communes × indicators × years,
100 000 series in about a second): a long table of observations keyed by ``series`` and a table
of one target per series. :func:`assess` matches a targets table (the columns of
``data/targets.csv``) with a planner's observations by indicator code, and by locality and level
where both name one, and assesses every target; a target with no observations gets its required
path and the verdict "không đủ dữ liệu / insufficient data".

When is a target met? On the value as it would be published at the target's precision: "đạt từ
22,5% trở lên" is met by 22,46% (published as 22,5%); "100%" is met by 99,6% (published as
100%). Without this rule a bounded model could never reach a 100% target.

Model rule (fixed default per unit, stated in the ``model`` column): percentages → ``logit``
(binomial GLM with over-dispersion where every point has counts, least squares on logits
otherwise); every other unit → ``linear``; ``model=`` overrides for all series. With one
observation or none: no projection, only the required path. With two: a point projection
without interval (``note`` says so). Observations after the due year are not used for the
projection; an observation *at* the due year decides the verdict directly.

Base year of the standard rules. The UNSD, Statistics Canada and ESCAP rules measure progress
from a base year: 2015, the year the 2030 Agenda was adopted, for the SDGs. For a resolution or
plan it is the year the plan starts (``period_start`` of its document in ``data/sources.csv``,
or a ``base_year`` column in a planner's own targets file). Where that year has no observation
the first later one is used (Statistics Canada's rule); without a base year, the first
observation. The year and value used are in ``rule_base_year`` and ``rule_base_value``.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .catalogue import COMPARATORS
from .vnformat import decimals_of
from .errors import raise_data_error
from .projection import (fit_linear, fit_logit, fit_random_walk, pad_series, predictive_prob_at_least,
                         predictive_quantiles)
from .progress_rules import (ESCAP_LABELS, STATCAN_LABELS, UNSD_LABELS, escap_progress, growth_inputs,
                             statcan_progress, statcan_score, unsd_progress)

__all__ = ["assess_series", "assess", "required_path", "met_threshold", "VERDICTS", "match_observations",
           "document_base_years", "compare_models"]

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


def met_threshold(comparator: str, value: float) -> tuple[float, bool]:
    """The threshold a value must reach, and whether higher is better, at the target's precision.

    >>> met_threshold(">=", 22.5)
    (22.45, True)
    >>> met_threshold("<", 3)
    (2.5, False)
    >>> met_threshold(">", 99.7)
    (99.75, True)
    """
    half = 0.5 * 10 ** (-decimals_of(value))
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


def _check_series(obs: pd.DataFrame, spec: pd.DataFrame):
    problems = []
    for col in ("series", "year", "value"):
        if col not in obs.columns:
            problems.append(dict(file="observations", row=None, column=col, value=None, expected=f"a column '{col}'"))
    for col in ("series", "comparator", "target", "due_year", "unit"):
        if col not in spec.columns:
            problems.append(dict(file="targets", row=None, column=col, value=None, expected=f"a column '{col}'"))
    raise_data_error("cannot assess", problems)
    v = pd.to_numeric(obs["value"], errors="coerce")
    for i in obs.index[v.isna()]:
        problems.append(dict(file="observations", row=i, column="value", value=obs.at[i, "value"], expected="a number"))
    y = pd.to_numeric(obs["year"], errors="coerce")
    for i in obs.index[y.isna()]:
        problems.append(dict(file="observations", row=i, column="year", value=obs.at[i, "year"], expected="a year"))
    dup = obs.duplicated(["series", "year"], keep=False)
    for i in obs.index[dup]:
        problems.append(dict(file="observations", row=i, column="year", value=obs.at[i, "year"],
                             expected=f"one value per year (series {obs.at[i, 'series']} repeats this year)"))
    for i, c in spec["comparator"].items():
        if c not in COMPARATORS:
            problems.append(dict(file="targets", row=i, column="comparator", value=c,
                                 expected="one of " + ", ".join(COMPARATORS)))
    bad_t = pd.to_numeric(spec["target"], errors="coerce").isna()
    for i in spec.index[bad_t]:
        problems.append(dict(file="targets", row=i, column="target", value=spec.at[i, "target"], expected="a number"))
    units = spec.set_index("series")["unit"]
    pct = obs["series"].map(units).eq("percent")
    out_of_range = pct & ((v < 0) | (v > 100))
    for i in obs.index[out_of_range]:
        problems.append(dict(file="observations", row=i, column="value", value=obs.at[i, "value"],
                             expected="a percentage between 0 and 100"))
    if {"numerator", "denominator"} <= set(obs.columns):
        n = pd.to_numeric(obs["numerator"], errors="coerce")
        d = pd.to_numeric(obs["denominator"], errors="coerce")
        for i in obs.index[(n < 0) | (d <= 0) | (pct & (n > d))]:
            problems.append(dict(file="observations", row=i, column="numerator", value=obs.at[i, "numerator"],
                                 expected="0 ≤ numerator ≤ denominator and denominator > 0"))
    due = spec.set_index("series")["due_year"]
    early = y <= obs["series"].map(due)
    only_late = obs.assign(_e=early).groupby("series")["_e"].any()
    for s in only_late.index[~only_late]:
        problems.append(dict(file="observations", row=None, column="year", value=f"series {s}",
                             expected=f"at least one observation up to the due year {due[s]} "
                                      "(only later years were given: nothing to project from)"))
    missing = set(obs["series"]) - set(spec["series"])
    for s in sorted(missing, key=str):
        problems.append(dict(file="observations", row=None, column="series", value=s, expected="a target for this series"))
    raise_data_error("cannot assess", problems)


def assess_series(observations: pd.DataFrame, targets: pd.DataFrame, model: str = "auto") -> pd.DataFrame:
    """Assess many series against their targets at once.

    Parameters
    ----------
    observations : DataFrame
        Long table: ``series``, ``year``, ``value`` and optionally ``numerator``,
        ``denominator``. Percentages are in percent (22.5 for 22,5%).
    targets : DataFrame
        One row per series: ``series``, ``comparator``, ``target``, ``due_year``, ``unit``, and
        optionally ``base_year`` (see the module docstring).
    model : str
        ``auto`` (the rule in the module docstring), ``linear``, ``logit`` or ``rw``.

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
        ``escap_category``, ``verdict``, ``verdict_vi``, ``verdict_en``, ``note``.

    .. math:: P(\\text{met}) = P\\big(Y_T \\ge \\theta\\big) \\text{ (or } \\le \\theta \\text{ for "≤" targets)}

    where :math:`Y_T` is the model's predictive distribution for the due year's published value
    and :math:`\\theta` the threshold at the target's precision (:func:`met_threshold`).

    Examples
    --------
    A rate rising 2 points a year from 15% in 2018 meets 22,5% by 2025; one flat at 15% does not:

    >>> obs = pd.DataFrame({"series": ["up"] * 5 + ["flat"] * 5, "year": list(range(2018, 2023)) * 2,
    ...                     "value": [15, 17.2, 18.9, 21.1, 23, 15, 15.2, 14.9, 15.1, 15]})
    >>> tg = pd.DataFrame({"series": ["up", "flat"], "comparator": ">=", "target": 22.5, "due_year": 2025,
    ...                    "unit": "percent"})
    >>> r = assess_series(obs, tg).set_index("series")
    >>> r.loc["up", "verdict"], r.loc["flat", "verdict"]
    ('likely', 'unlikely')
    >>> bool(r.loc["up", "prob_met"] > 0.99), bool(r.loc["flat", "prob_met"] < 0.01)
    (True, True)
    """
    obs = observations.reset_index(drop=True)
    spec = targets.reset_index(drop=True)
    _check_series(obs, spec)
    spec = spec.sort_values("series", kind="stable").reset_index(drop=True)
    S = len(spec)
    code_of = pd.Series(np.arange(S), index=spec["series"].to_numpy())
    due = spec["due_year"].to_numpy(float)
    target = pd.to_numeric(spec["target"]).to_numpy(float)
    unit = spec["unit"].to_numpy()
    thr_higher = [met_threshold(c, v) for c, v in zip(spec["comparator"], target)]
    thr = np.array([t for t, _ in thr_higher])
    higher = np.array([h for _, h in thr_higher])
    percent = unit == "percent"

    o = obs.assign(_code=obs["series"].map(code_of).to_numpy(), year=pd.to_numeric(obs["year"]),
                   value=pd.to_numeric(obs["value"]))
    o = o[o["year"].to_numpy() <= due[o["_code"].to_numpy()]]
    o = o.sort_values(["_code", "year"], kind="stable")
    has_counts = {"numerator", "denominator"} <= set(o.columns)
    cols = [o["value"].to_numpy(float)]
    if has_counts:
        cols += [pd.to_numeric(o["numerator"]).to_numpy(float), pd.to_numeric(o["denominator"]).to_numpy(float)]
    codes = o["_code"].to_numpy()
    if len(codes):
        X, M, Y, *KN = pad_series(codes, o["year"].to_numpy(float), *cols, n_series=S)
    else:
        X = np.full((S, 1), np.nan); M = np.zeros((S, 1), bool); Y = X.copy(); KN = []
    K, N = (KN if has_counts else (None, None))
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

    # ---- models
    chosen = np.where(percent, "logit", "linear") if model == "auto" else np.full(S, model)
    proj = np.full(S, np.nan); lo80 = proj.copy(); hi80 = proj.copy(); lo95 = proj.copy(); hi95 = proj.copy()
    prob = proj.copy()
    glm = np.zeros(S, bool)
    for m in np.unique(chosen):
        r = (chosen == m) & (n >= 2)
        if not r.any():
            continue
        if m == "linear":
            fit = fit_linear(X[r], Y[r], M[r], due[r])
        elif m == "rw":
            fit = fit_random_walk(X[r], Y[r], M[r], due[r])
        elif m == "logit":
            fit = fit_logit(X[r], Y[r], M[r], due[r], K=None if K is None else K[r], N=None if N is None else N[r])
            glm[r] = fit["glm"]
        else:
            raise ValueError(f"unknown model {m!r}; expected auto, linear, logit or rw")
        proj[r] = predictive_quantiles({**fit, "scale": np.zeros(r.sum())}, 0.5)
        lo80[r], hi80[r] = predictive_quantiles(fit, 0.10), predictive_quantiles(fit, 0.90)
        lo95[r], hi95[r] = predictive_quantiles(fit, 0.025), predictive_quantiles(fit, 0.975)
        p_hi = predictive_prob_at_least(fit, thr[r])
        prob[r] = np.where(higher[r], p_hi, 1.0 - p_hi)
    model_name = np.where(chosen == "logit", np.where(glm, "logit-glm", "logit-ols"), chosen)

    # an observation at the due year decides directly
    at_due = (n > 0) & (last_year == due)
    met_now = np.where(higher, last_value >= thr, last_value <= thr)
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
    none = np.array(None, dtype=object)
    u_cat = np.where(two, u_cat, none); s_cat = np.where(two, s_cat, none); e_cat = np.where(two, e_cat, none)
    u_ratio = np.where(two, u_ratio, np.nan); s_ratio = np.where(two, s_ratio, np.nan); e_gap = np.where(two, e_gap, np.nan)
    s_score = np.where(two, statcan_score(s_ratio, s_cat == "target_achieved"), np.nan)

    # ---- verdicts
    verdict = np.select(
        [at_due & met_now, at_due & ~met_now, n < 2, np.isnan(prob) & (n >= 2),
         prob >= 0.9, prob >= 0.6, prob >= 0.4, prob >= 0.1],
        ["observed_met", "observed_missed", "insufficient_data", "_point",
         "likely", "probable", "uncertain", "at_risk"], "unlikely")
    point_ok = np.where(higher, proj >= thr, proj <= thr)
    verdict = np.where(verdict == "_point", np.where(point_ok, "on_pace_low_confidence", "off_pace_low_confidence"),
                       verdict)
    notes = np.where(n == 0, "no observation up to the due year: required path only",
                     np.where(n == 1, "one observation: no trend can be fitted; required path only",
                              np.where((n == 2) & ~at_due, "two observations: point projection, no interval", "")))
    notes = notes.astype(object)  # a fixed-width string array would cut the notes appended below
    for c in np.flatnonzero(base_missing | (has_base & (n >= 2) & ~two & ~base_missing)):
        notes[c] = ((notes[c] + "; ") if notes[c] else "") + (
            f"standard rules not computed: they need two observations from the base year {int(base_req[c])} on")
    dropped = (obs.assign(_code=obs["series"].map(code_of)).pipe(
        lambda d: d[pd.to_numeric(d["year"]).to_numpy() > due[d["_code"].to_numpy()]]).groupby("_code").size())
    for c, k in dropped.items():
        notes[c] = (notes[c] + "; " if notes[c] else "") + f"{k} observation(s) after the due year not used"

    out = pd.DataFrame({
        "series": spec["series"].to_numpy(), "comparator": spec["comparator"].to_numpy(), "target": target,
        "due_year": due.astype(int), "unit": unit, "threshold": thr, "n_obs": n,
        "first_year": first_year, "first_value": first_value, "last_year": last_year, "last_value": last_value,
        "model": model_name, "projected": proj, "lo80": lo80, "hi80": hi80, "lo95": lo95, "hi95": hi95,
        "prob_met": prob, "annual_change_pp": annual_pp, "cagr": obs_cagr, "required_change_pp": required_pp,
        "required_cagr": req_cagr, "rule_base_year": np.where(two, rule_base_year, np.nan),
        "rule_base_value": np.where(two, rule_base_value, np.nan), "growth_basis": np.where(two, basis, none),
        "unsd_ratio": u_ratio, "unsd_category": u_cat, "statcan_ratio": s_ratio, "statcan_category": s_cat,
        "statcan_score": s_score, "escap_gap": e_gap, "escap_category": e_cat, "verdict": verdict,
        "verdict_vi": [VERDICTS[v][0] for v in verdict], "verdict_en": [VERDICTS[v][1] for v in verdict],
        "note": notes,
    })
    return out


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
    parts, spec = [], []
    for r in t.itertuples(index=False):
        sel = o["indicator"] == r.indicator
        loc = getattr(r, "locality", "") or ""
        if loc and (o["locality"] != "").any():
            sel &= o["locality"] == loc
        lvl = getattr(r, "level", "") or ""
        if lvl and (o.loc[sel, "level"] != "").any():
            sel &= o["level"] == lvl
        sub = o[sel]
        keep = ["year", "value"] + [c for c in ("numerator", "denominator") if c in o.columns]
        parts.append(sub[keep].assign(series=r.id))
        base = getattr(r, "base_year", None)
        if base is None or pd.isna(base):
            base = base_years.get(getattr(r, "source", None), np.nan)
        spec.append(dict(series=r.id, comparator=r.comparator, target=r.value, due_year=int(r.year), unit=r.unit,
                         base_year=float(base)))
    series = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["series", "year", "value"])
    return series, pd.DataFrame(spec)


def assess(targets: pd.DataFrame, observations: pd.DataFrame, model: str = "auto",
           base_years: dict | None = None, as_of=None) -> pd.DataFrame:
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
    [{'id': 'T1', 'verdict': 'likely', 'model': 'logit-ols'}]
    """
    from .vnformat import format_number

    series, spec = match_observations(targets, observations,
                                      document_base_years() if base_years is None else base_years)
    if spec.empty:
        return pd.DataFrame()
    res = assess_series(series, spec, model=model)
    t = _with_ids(targets)
    meta_cols = [c for c in ("id", "source", "locality", "level", "indicator", "label_vi", "label_en") if c in t.columns]
    out = t[meta_cols].merge(res.rename(columns={"series": "id"}), on="id", how="inner")
    # a target with no observation starts its required path from the document's own baseline
    base = t[t["kind"] == "baseline"] if "kind" in t.columns else t.iloc[0:0]
    paths, starts = [], []
    for r in out.itertuples(index=False):
        start_year, start_value, start = r.last_year, r.last_value, "observed"
        if np.isnan(start_value):
            cand = base[(base["indicator"] == r.indicator) & (base["year"] < r.due_year)]
            for col in ("locality", "level"):
                if col in base.columns and col in out.columns:
                    cand = cand[cand[col] == getattr(r, col)]
            if cand.empty:
                paths.append(f"no starting value: reach {format_number(r.target, decimals_of(r.target))} by {r.due_year}")
                starts.append("")
                continue
            b = cand.sort_values("year").iloc[-1]
            start_year, start_value, start = b["year"], b["value"], f"baseline {b.get('id', '')}".strip()
        if start_year >= r.due_year:
            paths.append("")
            starts.append(start)
            continue
        starts.append(start)
        p = required_path(int(start_year), float(start_value), r.target, int(r.due_year))
        dec = max(1, decimals_of(r.target))
        paths.append("; ".join(f"{int(y)}: {format_number(v, dec, trim=True)}" for y, v in zip(p["year"], p["value"])))
    out["required_path"] = paths
    out["path_start"] = starts
    from .due import apply_due_status  # issue #12: a past-due target is judged, not forecast

    return apply_due_status(out.sort_values("id", kind="stable").reset_index(drop=True), as_of=as_of)


def _register_cli(sub) -> None:
    p = sub.add_parser("assess", help="assess targets against observations: projection, probability, verdict",
                       description="Assess every target of a targets file against an observations file "
                                   "(CSV or Excel: locality, indicator, year, value[, numerator, denominator, level]).")
    p.add_argument("--targets", default=None, help="targets file (default: the curated data/targets.csv)")
    p.add_argument("--observations", required=True, help="observations file (CSV or Excel)")
    p.add_argument("--out", default=None, help="write the verdicts to this CSV")
    p.add_argument("--model", default="auto", choices=["auto", "linear", "logit", "rw"])
    p.add_argument("--all", action="store_true", help="list every target (default: only those with observations "
                                                     "and those of the observed localities)")
    p.set_defaults(func=_cmd_assess)


def _cmd_assess(args) -> int:
    import sys

    from .cli import _print_table
    from .loaders import load_observations, load_targets
    from .vnformat import format_number, format_percent

    targets = load_targets(args.targets)
    obs = load_observations(args.observations)
    if not args.all and "locality" in targets.columns:
        # keep targets of the localities observed, plus targets naming no locality
        targets = targets[(targets["locality"] == "") | targets["locality"].isin(set(obs["locality"]))]
    res = assess(targets, obs, model=args.model)
    if res.empty:
        print("no targets to assess", file=sys.stderr)
        return 1
    if args.out:
        res.to_csv(args.out, index=False, encoding="utf-8")
    show = pd.DataFrame({
        "id": res["id"], "indicator": res["indicator"],
        "target": [f"{c} {format_number(v, decimals_of(v))}" for c, v in zip(res["comparator"], res["target"])],
        "due": res["due_year"], "n": res["n_obs"],
        "projected": [format_number(v, 1) if not math.isnan(v) else "–" for v in res["projected"]],
        "P(met)": [format_percent(100 * v, 0) if not math.isnan(v) else "–" for v in res["prob_met"]],
        "verdict": res["verdict_vi"] + " / " + res["verdict_en"],
    })
    _print_table(show)
    if args.out:
        print(f"\n{len(res)} verdicts written to {args.out}", file=sys.stderr)
    return 0


def compare_models(observations: pd.DataFrame, comparator: str, target: float, due_year: int,
                   unit: str = "percent") -> pd.DataFrame:
    """Assess one series under every model, side by side (for teaching and for choosing a model).

    ``observations``: ``year``, ``value`` (and optionally ``numerator``, ``denominator``).

    >>> obs = pd.DataFrame({"year": [2018, 2019, 2020, 2021, 2022], "value": [15.0, 17.1, 18.9, 21.2, 22.9]})
    >>> compare_models(obs, ">=", 22.5, 2025)[["model", "verdict"]].to_dict("records")
    [{'model': 'linear', 'verdict': 'likely'}, {'model': 'logit-ols', 'verdict': 'likely'}, {'model': 'rw', 'verdict': 'likely'}]
    """
    spec = pd.DataFrame({"series": ["s"], "comparator": [comparator], "target": [target], "due_year": [due_year],
                         "unit": [unit]})
    rows = [assess_series(observations.assign(series="s"), spec, model=m) for m in ("linear", "logit", "rw")]
    return pd.concat(rows, ignore_index=True)
