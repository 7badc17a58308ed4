"""Internal efficiency: flow rates by grade, survival, transition ("phân luồng"), completion, graduation.

Input tables:

- ``enrolment``: ``locality, year, grade, enrolment`` (ages summed; an ``age`` column is ignored);
- ``repeaters``: ``locality, year, grade, repeaters`` — pupils of ``year`` repeating ``grade``
  (so the repeaters of grade g in t+1 are recorded with year t+1);
- ``graduates``: ``locality, year, graduates`` — pupils of the last grade who completed the level
  at the end of ``year``;
- ``attainment``: ``locality, year, age, population, completed`` — people of an age and how many
  of them completed a level (hold its diploma).

Pitfall (for trainers): the reconstructed-cohort method assumes every pupil is promoted,
repeats or leaves. Pupils who move between communes break that: a commune that receives
transfers can show promotion above 100% or negative dropout. Such rows are returned with
``outside_bounds = True`` rather than clipped, so the planner sees them.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import raise_data_error
from ._core import OUTPUT_COLUMNS, check_table, grades_of, rate_frame, require_every_age

__all__ = [
    "within_year_rates",
    "first_grade_completion_rate",
    "flow_rates",
    "survival_rate",
    "effective_transition_rate",
    "graduate_transition_rate",
    "completion_by_age",
    "completion_rate",
    "graduation_rate",
    "TRANSITION_DESTINATIONS",
]

BY = ("locality",)


def _grade_table(df, name, value, level, by):
    t = check_table(df, name, required=list(by) + ["year", "grade", value], counts=[value])
    lo, hi = grades_of(level)
    bad = t[(t["grade"] < lo) | (t["grade"] > hi + 1)]
    if not bad.empty:
        raise_data_error(f"{name} table is invalid", [
            dict(file=name, row=i, column="grade", value=int(r["grade"]),
                 expected=f"a grade of {level} ({lo}-{hi}, or {hi + 1} for entrants to the next level)")
            for i, r in bad.iterrows()])
    return t.groupby(list(by) + ["year", "grade"], as_index=False)[value].sum()


_WITHIN_YEAR = {"promoted": "promotion_rate", "repeaters": "repetition_rate", "dropouts": "dropout_rate"}


def within_year_rates(school_year: pd.DataFrame, level: str, by: Sequence[str] = BY,
                      per: str = "grade") -> pd.DataFrame:
    """Promotion, repetition and dropout rates as GSO and the ministry compute them: within the year.

    ``school_year``: ``by, year, grade, enrolment_start`` (pupils enrolled at the start of school
    year ``year``) and any of ``promoted`` (được lên lớp, from the end-of-year school report),
    ``repeaters`` (lưu ban: held back at the end of the year) and ``dropouts`` (bỏ học during
    the year). For grade (or level) :math:`g` in school year :math:`t`, with :math:`S` the
    start-of-year enrolment:

    .. math::

        \\text{lên lớp}_{g,t} = 100\\,\\frac{L_{g,t}}{S_{g,t}}, \\qquad
        \\text{lưu ban}_{g,t} = 100\\,\\frac{LB_{g,t}}{S_{g,t}}, \\qquad
        \\text{bỏ học}_{g,t} = 100\\,\\frac{BH_{g,t}}{S_{g,t}}

    ``per="level"`` adds the grades of the level first (GSO's "cấp m"). Every numerator comes
    from year :math:`t` alone; the UIS rates of :func:`flow_rates` need the next year's
    enrolment and repeaters instead, and differ (see Pitfall). Rates outside 0-100 (transfers in)
    are returned with ``outside_bounds = True``.

    Pitfall: the two families are not interchangeable. GSO's dropout counts only pupils who
    leave *during* the year; a pupil who finishes grade 6 and does not come back in September
    is a UIS dropout but not a GSO one. GSO's repeaters are those held back at the end of year
    :math:`t`; UIS's are those actually re-enrolled in grade :math:`g` in :math:`t+1`. GSO's
    "lên lớp" is the end-of-year decision, UIS's promotion is new enrolment in grade
    :math:`g+1` a year later. A Vietnamese target ("tỷ lệ học sinh lên lớp đạt 97%") means
    the GSO/ministry rate unless it says otherwise.

    References
    ----------
    Tổng cục Thống kê, Hệ thống chỉ tiêu thống kê cấp huyện, "Tỷ lệ học sinh phổ thông tiểu học,
    trung học cơ sở lưu ban, bỏ học" (gso.gov.vn, 2019): "Tỷ lệ học sinh bỏ học lớp n năm học t
    (%) = (Số học sinh bỏ học lớp n năm học t/Tổng số học sinh nhập học lớp n đầu năm học t) x
    100"; "Tỷ lệ học sinh lưu ban lớp n năm học t (%) = (Số học sinh lưu ban lớp n năm học
    t/Tổng số học sinh nhập học của lớp n đầu năm học t) x 100"; source "Báo cáo của Phòng
    Giáo dục và Đào tạo". The same denominator is used here for "lên lớp"; no GSO or ministry
    text defining the promotion rate itself could be read.

    Examples
    --------
    Grade 6 starts the year with 200 pupils; 3 leave during the year; at the end 191 are
    promoted and 6 held back: lên lớp 95,5%, lưu ban 3%, bỏ học 1,5%.

    >>> sy = pd.DataFrame({"locality": "Na Mèo", "year": 2022, "grade": [6, 7], "enrolment_start": [200, 180],
    ...                    "promoted": [191, 176], "repeaters": [6, 2], "dropouts": [3, 2]})
    >>> r = within_year_rates(sy, "lower-secondary")
    >>> r[r["grade"] == 6][["indicator", "numerator", "denominator", "value"]].to_dict("records")
    [{'indicator': 'promotion_rate', 'numerator': 191.0, 'denominator': 200.0, 'value': 95.5}, {'indicator': 'repetition_rate', 'numerator': 6.0, 'denominator': 200.0, 'value': 3.0}, {'indicator': 'dropout_rate', 'numerator': 3.0, 'denominator': 200.0, 'value': 1.5}]
    >>> within_year_rates(sy, "lower-secondary", per="level")[["indicator", "numerator", "denominator"]].values.tolist()
    [['promotion_rate', 367.0, 380.0], ['repetition_rate', 8.0, 380.0], ['dropout_rate', 5.0, 380.0]]
    """
    if per not in ("grade", "level"):
        raise ValueError(f"per must be 'grade' or 'level', got {per!r}")
    by = list(by)
    present = [c for c in _WITHIN_YEAR if c in school_year.columns]
    if not present:
        raise_data_error("school_year table is missing columns", [dict(
            file="school_year", row=None, column="promoted / repeaters / dropouts", value=None,
            expected="ít nhất một cột promoted (lên lớp), repeaters (lưu ban) hoặc dropouts (bỏ học) "
                     "(at least one of the end-of-year counts)")])
    lo, hi = grades_of(level)
    t = check_table(school_year, "school_year", required=by + ["year", "grade", "enrolment_start"] + present,
                    counts=["enrolment_start"] + present, keys=by + ["year", "grade"],
                    ranges={"grade": (lo, hi, f"a grade of {level} ({lo}-{hi})")})
    keys = by + ["year"] + (["grade"] if per == "grade" else [])
    t = t.groupby(keys, as_index=False)[["enrolment_start"] + present].sum()
    zero = t[t["enrolment_start"] <= 0]
    if not zero.empty:
        raise_data_error("within_year_rates cannot be computed", [
            dict(file="school_year", row=None, column="enrolment_start",
                 value=", ".join(f"{k}={r_[k]}" for k in keys) + ": 0",
                 expected="số học sinh đầu năm > 0 (start-of-year enrolment > 0: a rate over no pupils is undefined)")
            for _, r_ in zero.iterrows()])
    parts = []
    for col in present:
        part = t[keys].copy()
        part["indicator"] = _WITHIN_YEAR[col]
        part["level"] = level
        part["numerator"] = t[col].to_numpy(float)
        part["denominator"] = t["enrolment_start"].to_numpy(float)
        part["value"] = 100.0 * part["numerator"] / part["denominator"]
        part["unit"] = "percent"
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["definition"] = "gso_within_year"
    out["outside_bounds"] = (out["value"] < 0) | (out["value"] > 100)
    order = {"promotion_rate": 0, "repetition_rate": 1, "dropout_rate": 2}
    out = out.assign(_o=out["indicator"].map(order)).sort_values(keys + ["_o"], kind="stable").drop(columns="_o")
    return out[keys + OUTPUT_COLUMNS + ["definition", "outside_bounds"]].reset_index(drop=True)


def first_grade_completion_rate(completers: pd.DataFrame, enrolment: pd.DataFrame, level: str,
                                by: Sequence[str] = BY) -> pd.DataFrame:
    """Completion rate as GSO computes it: completers over first-grade pupils of the same cohort.

    ``completers``: ``by, year, completers`` (pupils completing the level in school year
    ``year``: hoàn thành chương trình tiểu học, tốt nghiệp THCS/THPT); ``enrolment``: ``by,
    year, grade, enrolment``. With :math:`n` the number of grades of the level (primary 5,
    lower secondary 4, upper secondary 3) and :math:`f` its first grade:

    .. math:: \\mathrm{HT}_{L,t} = 100 \\times \\frac{C_{L,t}}{E_{f,\\,t-(n-1)}}

    primary: grade 1 four years earlier; lower secondary: grade 6 three years earlier; upper
    secondary: grade 10 two years earlier.

    Pitfall: this is a cohort ratio of counts, not the share of a cohort that completed.
    Repeaters in the first grade inflate the denominator and transfers move either count, so
    it can exceed 100; it is returned with ``outside_bounds``. UIS's completion rate (SDG
    4.1.2, :func:`completion_rate`) is something else: the share of people 3-5 years above the
    last grade's age who completed, from household surveys or census.

    References
    ----------
    Tổng cục Thống kê, Hệ thống chỉ tiêu thống kê cấp huyện, "Tỷ lệ học sinh phổ thông hoàn
    thành cấp học" (gso.gov.vn, 2019): "Tỷ lệ học sinh hoàn thành cấp tiểu học năm học t (%) =
    (Số học sinh hoàn thành chương trình tiểu học năm học t/Tổng số học sinh lớp 1 năm học t
    -4) × 100"; "Tỷ lệ học sinh hoàn thành cấp trung học cơ sở năm học t (%) = (Số học sinh tốt
    nghiệp cấp trung học cơ sở năm học t/Tổng số học sinh lớp 6 năm học t -3) × 100"; upper
    secondary over grade 10 in t − 2.

    Examples
    --------
    212 pupils completed primary in 2022; grade 1 had 220 pupils in 2018: 96,36%.

    >>> c = pd.DataFrame({"locality": "Na Mèo", "year": [2022], "completers": [212]})
    >>> e = pd.DataFrame({"locality": "Na Mèo", "year": [2018, 2022], "grade": [1, 1], "enrolment": [220, 230]})
    >>> first_grade_completion_rate(c, e, "primary")[["year", "numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'year': 2022, 'numerator': 212.0, 'denominator': 220.0, 'value': 96.36}]
    """
    by = list(by)
    lo, hi = grades_of(level)
    lag = hi - lo
    c = check_table(completers, "completers", required=by + ["year", "completers"], counts=["completers"],
                    keys=by + ["year"])
    e = check_table(enrolment, "enrolment", required=by + ["year", "grade", "enrolment"], counts=["enrolment"])
    first = e[e["grade"] == lo].groupby(by + ["year"], as_index=False)["enrolment"].sum()
    first = first.assign(year=first["year"] + lag)
    m = c.merge(first, on=by + ["year"], how="left")
    missing = m[m["enrolment"].isna()]
    if not missing.empty:
        raise_data_error("first_grade_completion_rate cannot be computed", [
            dict(file="enrolment", row=None, column="enrolment",
                 value=", ".join(f"{k}={r_[k]}" for k in by) + f", year={int(r_['year']) - lag}, grade={lo}",
                 expected=f"số học sinh lớp {lo} năm {int(r_['year']) - lag} (grade-{lo} enrolment {lag} years "
                          f"before the completers of {int(r_['year'])})")
            for _, r_ in missing.iterrows()])
    out = rate_frame(m, m, by + ["year"], indicator="completion_rate", level=level, num_col="completers",
                     den_col="enrolment", bounded=False, what=f"grade-{lo} enrolment {lag} years earlier")
    out["definition"] = "gso_first_grade_cohort"
    out["outside_bounds"] = out["value"] > 100
    return out


def _missing_repeaters(row, grade, by) -> dict:
    """The problem record for repeaters of ``grade`` in the year after ``row``'s that have no row."""
    year = int(row["year"]) + 1
    return dict(file="repeaters", row=None, column="repeaters",
                value=", ".join(f"{k}={row[k]}" for k in by) + f", year={year}, grade={int(grade)}",
                expected=f"số học sinh lưu ban lớp {int(grade)} năm {year} (the repeaters of grade {int(grade)} in "
                         f"year {year}; write 0 if there were none — a missing row is not taken as 0)")


def flow_rates(enrolment: pd.DataFrame, repeaters: pd.DataFrame, level: str,
               graduates: pd.DataFrame | None = None, by: Sequence[str] = BY) -> pd.DataFrame:
    """Promotion, repetition and dropout rates by grade (UIS reconstructed cohort method).

    These are *not* the rates GSO and the ministry publish under the same names ("tỷ lệ lên
    lớp, lưu ban, bỏ học"), which are within-year rates over start-of-year enrolment
    (:func:`within_year_rates`); see the catalogue for which a target uses.

    For grade :math:`g` in school year :math:`t`, with enrolment :math:`E` and repeaters :math:`R`:

    .. math::

        p_{g,t} = 100\\,\\frac{E_{g+1,t+1} - R_{g+1,t+1}}{E_{g,t}}, \\qquad
        r_{g,t} = 100\\,\\frac{R_{g,t+1}}{E_{g,t}}, \\qquad
        d_{g,t} = 100 - p_{g,t} - r_{g,t}

    For the last grade of the level, the promoted are the graduates :math:`G_t` (pass
    ``graduates``); without it the last grade is left out, and the docstring says so here.
    Repeaters must be given for every grade and year used (0 where there were none): a missing
    repeaters row is an error naming it, not 0, since reading it as 0 moves those pupils into
    promotion (grade 6 with 3 repeaters of grade 7 left out: promotion 97 instead of 94).

    Returns a long table: ``by``, ``year`` (= t), ``grade``, ``indicator``
    (``promotion_rate``, ``repetition_rate``, ``dropout_rate``), ``numerator``, ``denominator``,
    ``value``, ``unit``, ``outside_bounds`` (a rate outside 0-100: transfers or data errors).
    ``promotion + repetition + dropout = 100`` holds for every grade by construction.

    References
    ----------
    UNESCO UIS, Education Indicators Technical Guidelines (2009), "Promotion rate",
    "Repetition rate", "Dropout rate by grade".

    Examples
    --------
    Grade 6 had 100 pupils in 2021; in 2022 grade 7 has 97 pupils of whom 2 repeat, and 3 pupils
    repeat grade 6: promotion 95%, repetition 3%, dropout 2%.

    >>> e = pd.DataFrame({"locality": "A", "year": [2021, 2021, 2022, 2022, 2022], "grade": [6, 7, 6, 7, 8],
    ...                   "enrolment": [100, 98, 101, 97, 95]})
    >>> r = pd.DataFrame({"locality": "A", "year": [2022, 2022, 2022], "grade": [6, 7, 8], "repeaters": [3, 2, 1]})
    >>> f = flow_rates(e, r, "lower-secondary")
    >>> f[f["grade"] == 6][["indicator", "numerator", "denominator", "value"]].to_dict("records")
    [{'indicator': 'promotion_rate', 'numerator': 95.0, 'denominator': 100.0, 'value': 95.0}, {'indicator': 'repetition_rate', 'numerator': 3.0, 'denominator': 100.0, 'value': 3.0}, {'indicator': 'dropout_rate', 'numerator': 2.0, 'denominator': 100.0, 'value': 2.0}]
    """
    by = list(by)
    lo, hi = grades_of(level)
    e = _grade_table(enrolment, "enrolment", "enrolment", level, by)
    r = _grade_table(repeaters, "repeaters", "repeaters", level, by)
    base = e[(e["grade"] >= lo) & (e["grade"] <= hi)].rename(columns={"enrolment": "E"})
    nxt = e.assign(year=e["year"] - 1, grade=e["grade"] - 1).rename(columns={"enrolment": "E_next"})
    rep_same = r.assign(year=r["year"] - 1).rename(columns={"repeaters": "R_same"})
    rep_next = r.assign(year=r["year"] - 1, grade=r["grade"] - 1).rename(columns={"repeaters": "R_next"})
    keys = by + ["year", "grade"]
    m = base.merge(rep_same, on=keys, how="left").merge(nxt, on=keys, how="left").merge(rep_next, on=keys, how="left")
    # only years whose following year was observed can have flow rates
    years_next = set(map(tuple, e[by + ["year"]].assign(year=e["year"] - 1).drop_duplicates().values.tolist()))
    m = m[[tuple(v) in years_next for v in m[by + ["year"]].values.tolist()]]
    promoted = m["E_next"] - m["R_next"]
    if graduates is not None:
        g = check_table(graduates, "graduates", required=by + ["year", "graduates"], counts=["graduates"],
                        keys=by + ["year"])
        last = m["grade"] == hi
        gm = m[last].merge(g[by + ["year", "graduates"]], on=by + ["year"], how="left")["graduates"].to_numpy()
        missing = m[last].loc[np.isnan(gm)] if np.isnan(gm).any() else None
        if missing is not None and not missing.empty:
            raise_data_error("flow_rates cannot be computed", [
                dict(file="graduates", row=None, column="graduates",
                     value=", ".join(f"{k}={r_[k]}" for k in by + ["year"]), expected="graduates of the last grade")
                for _, r_ in missing.iterrows()])
        promoted = promoted.copy()
        promoted.loc[last] = gm
    else:
        m = m[m["grade"] < hi]
        promoted = promoted[m.index]
    # repeaters are counted, never assumed: an absent row is missing data, not 0 repeaters
    need_next = m["E_next"].notna() & m["R_next"].isna()
    if graduates is not None:
        need_next &= m["grade"] < hi
    missing = [(r_, r_["grade"]) for _, r_ in m[m["R_same"].isna()].iterrows()]
    missing += [(r_, r_["grade"] + 1) for _, r_ in m[need_next].iterrows()]
    if missing:
        raise_data_error("flow_rates cannot be computed", [
            _missing_repeaters(r_, g, by)
            for r_, g in sorted(missing, key=lambda x: (tuple(str(x[0][k]) for k in by), x[0]["year"], x[1]))])
    if (m["E"] <= 0).any():
        raise_data_error("flow_rates cannot be computed", [
            dict(file="enrolment", row=None, column="enrolment",
                 value=", ".join(f"{k}={r_[k]}" for k in keys) + ": 0",
                 expected="enrolment > 0 in the base grade (rates over no pupils are undefined)")
            for _, r_ in m[m["E"] <= 0].iterrows()])
    if promoted.isna().any():
        raise_data_error("flow_rates cannot be computed", [
            dict(file="enrolment", row=None, column="enrolment",
                 value=", ".join(f"{k}={r_[k]}" for k in keys),
                 expected="enrolment of the next grade in the next year")
            for _, r_ in m[promoted.isna()].iterrows()])
    rows = []
    for ind, num in (("promotion_rate", promoted), ("repetition_rate", m["R_same"]),
                     ("dropout_rate", m["E"] - promoted - m["R_same"])):
        part = m[keys].copy()
        part["indicator"] = ind
        part["level"] = level
        part["numerator"] = num.to_numpy(dtype=float)
        part["denominator"] = m["E"].to_numpy(dtype=float)
        part["value"] = 100.0 * part["numerator"] / part["denominator"]
        part["unit"] = "percent"
        rows.append(part)
    out = pd.concat(rows, ignore_index=True)
    out["outside_bounds"] = (out["value"] < 0) | (out["value"] > 100)
    order = {"promotion_rate": 0, "repetition_rate": 1, "dropout_rate": 2}
    out = out.assign(_o=out["indicator"].map(order)).sort_values(keys + ["_o"], kind="stable").drop(columns="_o")
    return out[keys + OUTPUT_COLUMNS + ["outside_bounds"]].reset_index(drop=True)


def survival_rate(flows: pd.DataFrame, by: Sequence[str] = BY) -> pd.DataFrame:
    """Survival rate to each grade from the flow rates of one year (reconstructed cohort).

    A pupil in grade :math:`i` who may repeat any number of times is eventually promoted with
    probability :math:`p_i / (1 - r_i)`; of a cohort of 1000 entering the first grade,

    .. math:: S_g = 1000 \\prod_{i < g} \\frac{p_i}{1 - r_i}

    reach grade :math:`g`. Grade 1 of the output is the first grade in ``flows``. ``value`` is :math:`100\\,S_g/1000`; ``numerator`` the cohort members
    reaching the grade, ``denominator`` 1000. The UIS model caps repetitions; with the low
    repetition rates of Vietnamese schools the difference is negligible.

    A grade between the first and the last whose promotion or repetition rate is missing leaves
    survival to every later grade undefined: those rows are NaN and ``note`` names the missing
    grade (skipping it would multiply the other grades' steps only and overstate survival).

    References
    ----------
    UNESCO UIS, Education Indicators Technical Guidelines (2009), "Survival rate by grade".

    Examples
    --------
    >>> fl = pd.DataFrame({"locality": "A", "year": 2021, "grade": [1, 1, 2, 2],
    ...                    "indicator": ["promotion_rate", "repetition_rate"] * 2, "value": [90.0, 5.0, 95.0, 0.0]})
    >>> survival_rate(fl)[["grade", "numerator", "value"]].round(1).to_dict("records")
    [{'grade': 1, 'numerator': 1000.0, 'value': 100.0}, {'grade': 2, 'numerator': 947.4, 'value': 94.7}, {'grade': 3, 'numerator': 900.0, 'value': 90.0}]

    Grade 2's rates missing between grades 1 and 3: survival to grades 3 and 4 is undefined.

    >>> fl = pd.DataFrame({"locality": "A", "year": 2021, "grade": [1, 1, 3, 3],
    ...                    "indicator": ["promotion_rate", "repetition_rate"] * 2, "value": [90.0, 5.0, 95.0, 0.0]})
    >>> survival_rate(fl)[["grade", "value", "note"]].round(1).values.tolist()
    [[1, 100.0, ''], [2, 94.7, ''], [3, nan, 'undefined: promotion or repetition rate of grade 2 missing'], [4, nan, 'undefined: promotion or repetition rate of grade 2 missing']]
    """
    by = list(by)
    f = check_table(flows, "flows", required=by + ["year", "grade", "indicator", "value"])
    w = f[f["indicator"].isin(["promotion_rate", "repetition_rate"])].pivot_table(
        index=by + ["year", "grade"], columns="indicator", values="value", aggfunc="first").reset_index()
    for col in ("promotion_rate", "repetition_rate"):  # an absent rate is missing (NaN), before any check reads it
        if col not in w.columns:
            w[col] = np.nan
    if (w["repetition_rate"] >= 100).any():
        raise_data_error("survival_rate cannot be computed", [
            dict(file="flows", row=None, column="repetition_rate", value=float(v), expected="a repetition rate below 100")
            for v in w.loc[w["repetition_rate"] >= 100, "repetition_rate"]])
    w["step"] = (w["promotion_rate"] / 100.0) / (1.0 - w["repetition_rate"] / 100.0)
    rows = []
    for key, grp in w.sort_values("grade").groupby(by + ["year"], sort=True):
        key = key if isinstance(key, tuple) else (key,)
        s = 1000.0
        steps = grp.set_index(grp["grade"].astype(int))["step"]
        first, last = int(steps.index.min()), int(steps.index.max())
        note = ""
        rows.append(dict(zip(by + ["year"], key), grade=first, numerator=s, note=note))
        for g in range(first, last + 1):
            step = steps.get(g, np.nan)
            if np.isnan(step) and not note:
                note = f"undefined: promotion or repetition rate of grade {g} missing"
            s = s * step if not note else np.nan
            rows.append(dict(zip(by + ["year"], key), grade=g + 1, numerator=s, note=note))
    out = pd.DataFrame(rows)
    out["indicator"] = "survival_rate"
    out["level"] = "any"
    out["denominator"] = 1000.0
    out["value"] = out["numerator"] / 10.0
    out["unit"] = "percent"
    return out[by + ["year", "grade"] + OUTPUT_COLUMNS + ["note"]].reset_index(drop=True)


def effective_transition_rate(enrolment: pd.DataFrame, repeaters: pd.DataFrame, from_level: str,
                              by: Sequence[str] = BY) -> pd.DataFrame:
    """Effective transition rate from the last grade of a level to the first grade of the next.

    .. math::

        \\mathrm{ETR}_{k\\to k+1,t} = 100 \\times
        \\frac{E_{f,t+1} - R_{f,t+1}}{E_{l,t} - R_{l,t+1}}

    with :math:`l` the last grade of level :math:`k` and :math:`f` the first grade of
    :math:`k+1`: new entrants to the next level over last-grade pupils who did not repeat.
    Repeaters must be given for both grades in :math:`t+1` (0 where there were none): a missing
    row is an error naming it, not 0.

    References
    ----------
    UNESCO UIS, Education Indicators Technical Guidelines (2009), "Effective transition rate".

    Examples
    --------
    120 pupils in grade 5 in 2021 (2 repeat in 2022); grade 6 in 2022 has 117 pupils, 3 repeating:

    >>> e = pd.DataFrame({"locality": "A", "year": [2021, 2022], "grade": [5, 6], "enrolment": [120, 117]})
    >>> r = pd.DataFrame({"locality": "A", "year": [2022, 2022], "grade": [5, 6], "repeaters": [2, 3]})
    >>> effective_transition_rate(e, r, "primary")[["numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'numerator': 114.0, 'denominator': 118.0, 'value': 96.61}]
    """
    by = list(by)
    lo, last = grades_of(from_level)
    first_next = last + 1
    e = check_table(enrolment, "enrolment", required=by + ["year", "grade", "enrolment"], counts=["enrolment"])
    r = check_table(repeaters, "repeaters", required=by + ["year", "grade", "repeaters"], counts=["repeaters"])
    e = e.groupby(by + ["year", "grade"], as_index=False)["enrolment"].sum()
    r = r.groupby(by + ["year", "grade"], as_index=False)["repeaters"].sum()
    el = e[e["grade"] == last]
    rl = r[r["grade"] == last].assign(year=lambda d: d["year"] - 1)
    den = el.merge(rl, on=by + ["year", "grade"], how="left")
    ef = e[e["grade"] == first_next].assign(year=lambda d: d["year"] - 1)
    rf = r[r["grade"] == first_next].assign(year=lambda d: d["year"] - 1)
    num = ef.merge(rf, on=by + ["year", "grade"], how="left")
    den = den[den[by + ["year"]].apply(tuple, axis=1).isin(num[by + ["year"]].apply(tuple, axis=1))]
    # repeaters are counted, never assumed (as in flow_rates): an absent row is missing data, not 0
    missing = [r_ for part in (den, num) for _, r_ in part[part["repeaters"].isna()].iterrows()]
    raise_data_error("effective_transition_rate cannot be computed",
                     [_missing_repeaters(r_, r_["grade"], by) for r_ in missing])
    den["denominator"] = den["enrolment"] - den["repeaters"]
    num["numerator"] = num["enrolment"] - num["repeaters"]
    out = rate_frame(num, den, by + ["year"], indicator="effective_transition_rate", level=from_level,
                     what=f"grade-{last} pupils who did not repeat")
    return out


# Destinations after lower secondary, and which count for each "phân luồng" indicator.
TRANSITION_DESTINATIONS = {
    "transition_rate_upper_secondary": ("upper-secondary", "continuing-education"),
    "transition_rate_vocational": ("vocational",),
    "transition_rate_upper_secondary_or_vocational": ("upper-secondary", "continuing-education", "vocational"),
}


def graduate_transition_rate(graduates: pd.DataFrame, destinations: pd.DataFrame, by: Sequence[str] = BY,
                             grade9_enrolment: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where lower-secondary graduates go next ("phân luồng sau THCS"), under each candidate definition.

    ``destinations``: ``by, year, destination, entrants`` with destination one of
    ``upper-secondary`` (lớp 10 THPT), ``continuing-education`` (lớp 10 GDTX), ``vocational``
    (trung cấp, nghề), ``none`` (work, home, unknown). ``year`` is the graduation year.

    .. math::

        \\text{rate}_D = 100 \\times \\frac{\\sum_{d \\in D} N_d}{G}
        \\quad\\text{or, alternatively,}\\quad 100 \\times \\frac{\\sum_{d \\in D} N_d}{E_{9}}

    Three indicators (upper secondary incl. GDTX; vocational; either) × one or two denominators
    (``definition`` = ``graduates`` or ``grade9_enrolment``). Na Mèo's baseline "tốt nghiệp
    THCS tiếp tục học lên THPT và trường nghề đạt 92%" is the third indicator; which
    denominator reproduces it is what :mod:`edustats.reconcile` reports.

    Pitfall: the denominators differ by the grade-9 pupils who did not graduate; with a 99%
    graduation rate the two definitions differ by about one percentage point.

    References
    ----------
    Quyết định 522/QĐ-TTg (2018), Đề án giáo dục hướng nghiệp và định hướng phân luồng; UIS
    "Effective transition rate" (graduates as the base cohort).

    Examples
    --------
    >>> g = pd.DataFrame({"locality": "Na Mèo", "year": [2021], "graduates": [100]})
    >>> d = pd.DataFrame({"locality": "Na Mèo", "year": 2021,
    ...                   "destination": ["upper-secondary", "vocational", "none"], "entrants": [70, 22, 8]})
    >>> graduate_transition_rate(g, d)[["indicator", "numerator", "value"]].to_dict("records")
    [{'indicator': 'transition_rate_upper_secondary', 'numerator': 70.0, 'value': 70.0}, {'indicator': 'transition_rate_upper_secondary_or_vocational', 'numerator': 92.0, 'value': 92.0}, {'indicator': 'transition_rate_vocational', 'numerator': 22.0, 'value': 22.0}]
    """
    by = list(by)
    keys = by + ["year"]
    g = check_table(graduates, "graduates", required=keys + ["graduates"], counts=["graduates"], keys=keys)
    allowed = {"upper-secondary", "continuing-education", "vocational", "none"}
    d = check_table(destinations, "destinations", required=keys + ["destination", "entrants"], counts=["entrants"],
                    keys=keys + ["destination"])
    bad = d[~d["destination"].isin(allowed)]
    if not bad.empty:
        raise_data_error("destinations table is invalid", [
            dict(file="destinations", row=i, column="destination", value=v, expected="one of " + ", ".join(sorted(allowed)))
            for i, v in bad["destination"].items()])
    dens = [("graduates", g.rename(columns={"graduates": "denominator"}))]
    if grade9_enrolment is not None:
        e9 = check_table(grade9_enrolment, "grade9_enrolment", required=keys + ["enrolment"], counts=["enrolment"],
                         keys=keys)
        dens.append(("grade9_enrolment", e9.rename(columns={"enrolment": "denominator"})))
    parts = []
    for ind, dests in TRANSITION_DESTINATIONS.items():
        num = d[d["destination"].isin(dests)].groupby(keys, as_index=False)["entrants"].sum()
        for definition, den in dens:
            r = rate_frame(num.rename(columns={"entrants": "numerator"}), den, keys, indicator=ind,
                           level="lower-secondary", what=definition)
            r["definition"] = definition
            parts.append(r)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(keys + ["indicator", "definition"], kind="stable").reset_index(drop=True)


def completion_by_age(attainment: pd.DataFrame, ages: tuple[int, int], level: str, indicator: str,
                      by: Sequence[str] = ("locality", "year")) -> pd.DataFrame:
    """Share of people of given ages who completed a level (hold its diploma).

    .. math:: 100 \\times \\frac{\\sum_{a} C_a}{\\sum_{a} P_a}, \\quad a \\in [a_0, a_1]

    The universalisation criteria of Nghị định 20/2014 are of this form: 11-year-olds who
    completed primary (PCGD tiểu học mức 2-3, indicator ``primary_completion_age11``) and
    15-18-year-olds holding the lower-secondary diploma (PCGD THCS, Điều 14,
    ``lower_secondary_diploma_15_18``; Na Mèo's "phổ cập THCS đạt 90,14%").

    References
    ----------
    Nghị định 20/2014/NĐ-CP, Điều 14 (PCGD THCS mức độ 1) and the primary criteria.

    Examples
    --------
    >>> a = pd.DataFrame({"locality": "Na Mèo", "year": 2021, "age": [15, 16, 17, 18],
    ...                   "population": [90, 88, 86, 86], "completed": [60, 82, 82, 80]})
    >>> completion_by_age(a, (15, 18), "lower-secondary", "lower_secondary_diploma_15_18")[["numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'numerator': 304.0, 'denominator': 350.0, 'value': 86.86}]
    """
    by = list(by)
    a = check_table(attainment, "attainment", required=by + ["age", "population", "completed"],
                    counts=["population", "completed"], keys=by + ["age"])
    over = a[a["completed"] > a["population"]]
    if not over.empty:
        raise_data_error("attainment table is invalid", [
            dict(file="attainment", row=i, column="completed", value=float(r["completed"]),
                 expected=f"at most the population of that age ({r['population']:g})") for i, r in over.iterrows()])
    no_age = a.index[pd.to_numeric(a["age"], errors="coerce").isna()]
    raise_data_error("attainment table is invalid", [
        dict(file="attainment", row=i, column="age", value="(empty)" if pd.isna(a.at[i, "age"]) else a.at[i, "age"],
             expected="một tuổi, số nguyên ≥ 0 / an age in whole years (a row without its age cannot be placed in "
                      "or out of the age group)") for i in no_age])
    a = require_every_age(a, "attainment", by, ages)
    agg = a.groupby(by, as_index=False)[["population", "completed"]].sum()
    return rate_frame(agg, agg, by, indicator=indicator, level=level, num_col="completed", den_col="population",
                      what=f"population aged {ages[0]}-{ages[1]}")


_LAST_GRADE_AGE = {"primary": 10, "lower-secondary": 14, "upper-secondary": 17}


def completion_rate(attainment: pd.DataFrame, level: str, by: Sequence[str] = ("locality", "year")) -> pd.DataFrame:
    """Completion rate (SDG 4.1.2): people 3-5 years older than the last grade's age who completed it.

    .. math:: \\mathrm{CR}_L = 100 \\times \\frac{C_{x+3..x+5}}{P_{x+3..x+5}}

    with :math:`x` the intended age of the last grade (primary 10, lower secondary 14, upper
    secondary 17 in Viet Nam), so 13-15-year-olds for primary.

    Pitfall: the World Bank series SE.PRM.CMPT.ZS called "primary completion rate" is a different
    indicator (gross intake ratio to the last grade) and exceeds 100 in many years.

    References
    ----------
    UNESCO UIS, SDG 4.1.2 metadata ("Completion rate").

    Examples
    --------
    >>> a = pd.DataFrame({"locality": "A", "year": 2021, "age": [13, 14, 15],
    ...                   "population": [100, 100, 100], "completed": [96, 98, 99]})
    >>> completion_rate(a, "primary")["value"].item()
    97.67
    """
    x = _LAST_GRADE_AGE[level]
    out = completion_by_age(attainment, (x + 3, x + 5), level, "completion_rate", by=by)
    out["value"] = out["value"].round(2)
    return out


def graduation_rate(results: pd.DataFrame, level: str, by: Sequence[str] = ("locality", "year")) -> pd.DataFrame:
    """Graduation rate (tỷ lệ tốt nghiệp): graduates per candidate of the last grade.

    ``results``: ``by, candidates, graduates``.

    .. math:: 100 \\times \\frac{G}{\\text{candidates}}

    Also the primary "hoàn thành chương trình tiểu học" share (grade-5 pupils certified
    complete per grade-5 pupil evaluated).

    References
    ----------
    Thông tư 31/2023/TT-BGDĐT (xét công nhận tốt nghiệp THCS); Thông tư 27/2020/TT-BGDĐT, Điều 14.

    Examples
    --------
    >>> r = pd.DataFrame({"locality": "Mường Tè", "year": 2023, "candidates": [842], "graduates": [836]})
    >>> graduation_rate(r, "lower-secondary")[["numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'numerator': 836.0, 'denominator': 842.0, 'value': 99.29}]
    """
    by = list(by)
    t = check_table(results, "results", required=by + ["candidates", "graduates"], counts=["candidates", "graduates"],
                    keys=by)
    return rate_frame(t, t, by, indicator="graduation_rate", level=level, num_col="graduates",
                      den_col="candidates", what="candidates")
