"""Shared checks and the rate-table shape every indicator returns.

Every indicator function returns a tidy table: the grouping keys (``locality``, ``year`` …),
then ``indicator``, ``level``, ``numerator``, ``denominator``, ``value`` and ``unit``, so that a
briefing can always write "412 / 1.830 = 22,5%". Input problems (missing columns, negative or
non-numeric counts, duplicated keys, zero denominators, a numerator above its denominator where
that is impossible, grades or ages outside the level) raise one
:class:`~edustats.errors.DataError` naming the table, the rows and the values.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import raise_data_error

__all__ = ["LEVEL_AGES", "LEVEL_GRADES", "check_table", "require_every_age", "rate_frame", "rate_table", "OUTPUT_COLUMNS",
           "level_of_grade", "ages_of", "grades_of"]

# Official ages and grades of the Vietnamese system (Luật Giáo dục 2019, Điều 24-32):
# primary grades 1-5 from age 6, lower secondary 6-9, upper secondary 10-12.
LEVEL_AGES = {
    "nursery": (0, 2),
    "kindergarten": (3, 5),
    "preschool": (0, 5),
    "primary": (6, 10),
    "lower-secondary": (11, 14),
    "upper-secondary": (15, 17),
}
LEVEL_GRADES = {"primary": (1, 5), "lower-secondary": (6, 9), "upper-secondary": (10, 12)}
OUTPUT_COLUMNS = ["indicator", "level", "numerator", "denominator", "value", "unit"]


def ages_of(level: str) -> tuple[int, int]:
    """Official age range of a level (inclusive).

    >>> ages_of("lower-secondary")
    (11, 14)
    """
    if level not in LEVEL_AGES:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVEL_AGES)}")
    return LEVEL_AGES[level]


def grades_of(level: str) -> tuple[int, int]:
    """Grade range of a general-education level (inclusive).

    >>> grades_of("primary")
    (1, 5)
    """
    if level not in LEVEL_GRADES:
        raise ValueError(f"level {level!r} has no grades; expected one of {', '.join(LEVEL_GRADES)}")
    return LEVEL_GRADES[level]


def level_of_grade(grade: int) -> str:
    """The level a grade belongs to.

    >>> level_of_grade(9)
    'lower-secondary'
    """
    for level, (lo, hi) in LEVEL_GRADES.items():
        if lo <= grade <= hi:
            return level
    raise ValueError(f"grade {grade} is not a grade of general education (1-12)")


def check_table(df: pd.DataFrame, name: str, *, required: Sequence[str], counts: Sequence[str] = (),
                keys: Sequence[str] | None = None, ranges: dict | None = None) -> pd.DataFrame:
    """Validate an input table; raise one DataError naming every bad row.

    Parameters
    ----------
    df : DataFrame
        The input table.
    name : str
        How errors name the table (e.g. ``"enrolment"``).
    required : sequence of str
        Columns that must exist.
    counts : sequence of str
        Columns that must be numbers ≥ 0 (not missing).
    keys : sequence of str, optional
        Columns that together identify a row: duplicates are an error.
    ranges : dict, optional
        ``{column: (lo, hi, what)}``: values must lie in ``[lo, hi]``.

    Returns
    -------
    DataFrame
        ``df`` with the count columns as float (a copy).

    Examples
    --------
    >>> check_table(pd.DataFrame({"locality": ["A"], "enrolment": [-3]}), "enrolment",
    ...             required=["locality", "enrolment"], counts=["enrolment"])
    Traceback (most recent call last):
    ...
    edustats.errors.DataError: enrolment table is invalid: 1 problem
      enrolment, row 0, column 'enrolment': found -3; expected a count ≥ 0
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name}: expected a pandas DataFrame, got {type(df).__name__}")
    problems = [dict(file=name, row=None, column=c, value=None,
                     expected=f"a column named '{c}' (required: {', '.join(required)})")
                for c in required if c not in df.columns]
    raise_data_error(f"{name} table is missing columns", problems)
    out = df.copy()
    for c in counts:
        num = pd.to_numeric(out[c], errors="coerce")
        for i in out.index[num.isna() | (num < 0)]:
            problems.append(dict(file=name, row=i, column=c, value=_plain(out.at[i, c]),
                                 expected="a count ≥ 0" if not pd.isna(num[i]) else "a number (not missing)"))
        out[c] = num.astype(float)
    for c, (lo, hi, what) in (ranges or {}).items():
        v = pd.to_numeric(out[c], errors="coerce")
        for i in out.index[v.isna() | (v < lo) | (v > hi)]:
            problems.append(dict(file=name, row=i, column=c, value=_plain(out.at[i, c]), expected=what))
    if keys:
        dup = out.duplicated(list(keys), keep=False)
        for i in out.index[dup]:
            problems.append(dict(file=name, row=i, column=", ".join(keys),
                                 value=", ".join(str(out.at[i, k]) for k in keys),
                                 expected="one row per " + ", ".join(keys) + " (this key is duplicated)"))
    raise_data_error(f"{name} table is invalid", problems)
    return out


def require_every_age(table: pd.DataFrame, name: str, by: Sequence[str], ages: tuple[int, int]) -> pd.DataFrame:
    """Rows of ``table`` aged ``ages[0]``-``ages[1]``, refused if a group lacks one of those ages.

    A rate over an age range sums its single ages; an age with no row is missing data, not 0 people:
    summing what is there would compute "15-18-year-olds" over ages 15-17 without a word. Every
    group (``by``) present must therefore hold every single age of the range.

    Examples
    --------
    >>> t = pd.DataFrame({"locality": "A", "age": [15, 16, 17], "population": [9, 8, 7]})
    >>> int(require_every_age(t, "attainment", ["locality"], (15, 17))["population"].sum())
    24
    >>> require_every_age(t, "attainment", ["locality"], (15, 18))
    Traceback (most recent call last):
    ...
    edustats.errors.DataError: ...
    """
    lo, hi = int(ages[0]), int(ages[1])
    t = table[(table["age"] >= lo) & (table["age"] <= hi)]
    need = set(range(lo, hi + 1))
    problems = []
    for key, g in t.groupby(list(by), sort=True) if len(by) else [((), t)]:
        lack = sorted(need - set(g["age"].astype(int)))
        if lack:
            key = key if isinstance(key, tuple) else (key,)
            problems.append(dict(file=name, row=None, column="age",
                                 value=", ".join(f"{k}={v}" for k, v in zip(by, key)) + ": thiếu tuổi / no row for age "
                                       + ", ".join(map(str, lack)),
                                 expected=f"một dòng cho từng tuổi {lo}-{hi} / a row for every age {lo}-{hi} "
                                          f"(a missing age would shrink the denominator)"))
    raise_data_error(f"{name} table is invalid", problems)
    return t


def _plain(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v) if not float(v).is_integer() else int(v)
    return v


def rate_frame(num: pd.DataFrame, den: pd.DataFrame, by: Sequence[str], *, indicator: str, level: str,
               num_col: str = "numerator", den_col: str = "denominator", scale: float = 100.0,
               bounded: bool = True, unit: str = "percent", what: str = "") -> pd.DataFrame:
    """Join numerator and denominator aggregates on ``by`` and compute ``scale × num / den``.

    A group with a denominator but no numerator has numerator 0 (nobody enrolled is a real 0).
    A group with a numerator but no denominator, or a zero denominator, is an error naming the
    group: the rate is undefined there and is not returned as NaN. With ``bounded=True`` a
    numerator above its denominator is an error too.
    """
    by = list(by)
    n = num.rename(columns={num_col: "numerator"})[by + ["numerator"]]
    d = den.rename(columns={den_col: "denominator"})[by + ["denominator"]]
    m = d.merge(n, on=by, how="outer", indicator="_m")
    problems = []
    for r in m[m["_m"] == "right_only"].itertuples(index=False):
        problems.append(dict(file=indicator, row=None, column="denominator",
                             value=", ".join(f"{k}={getattr(r, k)}" for k in by),
                             expected=f"a denominator ({what or 'population'}) for every group with a numerator"))
    m = m[m["_m"] != "right_only"].drop(columns="_m")
    m["numerator"] = m["numerator"].fillna(0.0)
    for r in m[m["denominator"] <= 0].itertuples(index=False):
        problems.append(dict(file=indicator, row=None, column="denominator",
                             value=", ".join(f"{k}={getattr(r, k)}" for k in by) + f": {r.denominator:g}",
                             expected=f"a denominator > 0 ({what or 'population'}); the rate is undefined "
                                      f"where nobody is in the denominator"))
    if bounded:
        for r in m[(m["numerator"] > m["denominator"]) & (m["denominator"] > 0)].itertuples(index=False):
            problems.append(dict(
                file=indicator, row=None, column="numerator",
                value=", ".join(f"{k}={getattr(r, k)}" for k in by) + f": {r.numerator:g} > {r.denominator:g}",
                expected="a numerator not above its denominator: this rate cannot exceed 100 (check the "
                         "population estimate or enrolment counts for this group)"))
    raise_data_error(f"{indicator} cannot be computed", problems)
    m["value"] = scale * m["numerator"] / m["denominator"]
    m["indicator"] = indicator
    m["level"] = level
    m["unit"] = unit
    return m[by + OUTPUT_COLUMNS].sort_values(by, kind="stable").reset_index(drop=True)


def rate_table(df: pd.DataFrame, indicator: str, *, numerator: str = "numerator", denominator: str = "denominator",
               by: Sequence[str] = ("locality", "year"), level: str = "all", bounded: bool = True) -> pd.DataFrame:
    """A rate from a table that already holds numerator and denominator counts.

    For the many indicators the documents use that are a plain share of two counts (share of
    schools with a central kitchen, of workers with training …).

    .. math:: \\text{value} = 100 \\times \\frac{\\text{numerator}}{\\text{denominator}}

    Pitfall: a share is only as good as its denominator. "100% of schools" means little until
    the number of schools is written beside it; the briefing always shows both.

    References
    ----------
    The indicator's ``source`` in :func:`edustats.indicator_catalogue`.

    Examples
    --------
    >>> t = pd.DataFrame({"locality": ["Mường Tè"], "year": [2023], "numerator": [27], "denominator": [28]})
    >>> rate_table(t, "schools_with_english_teacher_share", level="primary")[["numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'numerator': 27.0, 'denominator': 28.0, 'value': 96.43}]
    """
    by = list(by)
    t = check_table(df, indicator, required=by + [numerator, denominator], counts=[numerator, denominator], keys=by)
    return rate_frame(t, t, by, indicator=indicator, level=level, num_col=numerator, den_col=denominator,
                      bounded=bounded, what=denominator)
