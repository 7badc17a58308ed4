"""Equity: gender parity index (plain and UIS-adjusted) and the share of over-age pupils.

Input tables:

- ``rates``: ``locality, year, sex, value`` (+ optional ``numerator``, ``denominator``): one
  indicator computed separately for girls (``sex = "female"``) and boys (``"male"``), for
  example two calls of :func:`~edustats.indicators.gross_enrolment_ratio` on enrolment and
  population split by sex;
- ``enrolment``: ``locality, year, grade, age, enrolment`` for the over-age share.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import raise_data_error
from ._core import check_table, grades_of, rate_frame

__all__ = ["gender_parity_index", "adjusted_gender_parity_index", "over_age_share", "PARITY_BAND",
           "ENTRY_AGE"]

BY = ("locality", "year")
# UIS SDG 4.5.1 metadata: "values between 0.97 and 1.03 are typically assumed to be at parity"
PARITY_BAND = (0.97, 1.03)
# Luật Giáo dục 2019, Điều 28: grade 1 at 6, grade 6 at 11, grade 10 at 15 ("tính theo năm")
ENTRY_AGE = 6


def _by_sex(rates: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    t = check_table(rates, "rates", required=by + ["sex", "value"], counts=["value"], keys=by + ["sex"])
    bad = t[~t["sex"].isin(["female", "male"])]
    raise_data_error("rates table is invalid", [
        dict(file="rates", row=i, column="sex", value=v, expected="female or male") for i, v in bad["sex"].items()])
    w = t.pivot_table(index=by, columns="sex", values="value", aggfunc="first")
    missing = [(k, s) for k in w.index for s in ("female", "male") if s not in w.columns or pd.isna(w.at[k, s])]
    raise_data_error("rates table is invalid", [
        dict(file="rates", row=None, column="sex", value=", ".join(map(str, k if isinstance(k, tuple) else (k,))),
             expected=f"a row for sex = {s} (the parity index needs both sexes)") for k, s in missing])
    w = w.reset_index()
    zero = w[w["male"] <= 0]
    raise_data_error("gender_parity_index cannot be computed", [
        dict(file="rates", row=None, column="value", value=", ".join(f"{k}={r[k]}" for k in by) + ": male 0",
             expected="a male value > 0 (the index divides by it)") for _, r in zero.iterrows()])
    return w


def gender_parity_index(rates: pd.DataFrame, by: Sequence[str] = BY) -> pd.DataFrame:
    """Gender parity index (GPI, chỉ số bình đẳng giới): the girls' value over the boys'.

    .. math:: \\mathrm{GPI} = \\frac{x_{\\mathrm{nữ}}}{x_{\\mathrm{nam}}}

    where :math:`x` is any indicator computed for each sex (GER, NER, completion rate …).
    1 is parity; below 1 favours boys, above 1 girls. UIS treats 0,97-1,03 as parity
    (``at_parity``).

    Pitfall: the GPI compares two *rates*, each over its own population. The share of girls
    among pupils (Hòa Bình 2016: 48,3% of primary pupils) is not a GPI: with more boys than girls
    in the age group, a 48% share can still be parity.

    Returns ``by``, ``indicator`` (``gender_parity_index``), ``numerator`` (the girls' value),
    ``denominator`` (the boys' value), ``value``, ``unit`` (``ratio``), ``at_parity``.

    References
    ----------
    UNESCO UIS, SDG 4.5.1 metadata ("Parity indices", 2022): "the ratio of the value of the
    underlying indicator … for one sub-group to that of another"; "values between 0.97 and 1.03
    are typically assumed to be at parity".

    Examples
    --------
    Girls' GER 104,0 and boys' GER 110,0: GPI 0,945, disparity in favour of boys:

    >>> r = pd.DataFrame({"locality": "A", "year": 2021, "sex": ["female", "male"], "value": [104.0, 110.0]})
    >>> gender_parity_index(r)[["numerator", "denominator", "value", "at_parity"]].round(3).to_dict("records")
    [{'numerator': 104.0, 'denominator': 110.0, 'value': 0.945, 'at_parity': False}]
    """
    by = list(by)
    w = _by_sex(rates, by)
    out = w[by].copy()
    out["indicator"] = "gender_parity_index"
    out["level"] = "any"
    out["numerator"] = w["female"].astype(float)
    out["denominator"] = w["male"].astype(float)
    out["value"] = out["numerator"] / out["denominator"]
    out["unit"] = "ratio"
    out["at_parity"] = (out["value"] >= PARITY_BAND[0]) & (out["value"] <= PARITY_BAND[1])
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def adjusted_gender_parity_index(rates: pd.DataFrame, by: Sequence[str] = BY) -> pd.DataFrame:
    """Adjusted gender parity index (GPIA) of UIS: symmetric around 1, between 0 and 2.

    .. math:: \\mathrm{GPIA} = \\frac{x_{\\mathrm{nữ}}}{x_{\\mathrm{nam}}} \\ \\mathrm{if}\\ x_{\\mathrm{nữ}} \\leq x_{\\mathrm{nam}},
              \\quad 2 - \\frac{x_{\\mathrm{nam}}}{x_{\\mathrm{nữ}}}\\ \\mathrm{otherwise}

    The plain GPI is not symmetric: girls at 50 and boys at 100 give 0,5, the reverse gives 2.
    The adjusted index turns the second into 1,5, the same distance from 1 as the first.

    Pitfall: above 1 the adjusted index is not the ratio of the two values any more (girls 105,
    boys 100: GPI 1,05 but GPIA 1,048); say which index a table shows.

    References
    ----------
    UNESCO UIS via World Bank EdStats, series "… adjusted gender parity index (GPIA)": "calculated
    by dividing the female value for the indicator by the male value for the indicator. If the
    resulting value exceeds 1, the ratio is inverted and subtracted from 2. The adjusted gender
    parity index is symmetrical around 1 and lies in the range 0-2."

    Examples
    --------
    >>> r = pd.DataFrame({"locality": ["A", "A", "B", "B"], "year": 2021, "sex": ["female", "male"] * 2,
    ...                   "value": [50.0, 100.0, 100.0, 50.0]})
    >>> adjusted_gender_parity_index(r)[["locality", "value"]].to_dict("records")
    [{'locality': 'A', 'value': 0.5}, {'locality': 'B', 'value': 1.5}]
    """
    out = gender_parity_index(rates, by)
    f, m = out["numerator"], out["denominator"]
    zero_f = (f <= 0) & (m <= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["value"] = np.where(f <= m, f / m, 2.0 - m / f)
    out.loc[zero_f, "value"] = np.nan
    out["indicator"] = "gender_parity_index_adjusted"
    out["at_parity"] = (out["value"] >= PARITY_BAND[0]) & (out["value"] <= PARITY_BAND[1])
    return out


def over_age_share(enrolment: pd.DataFrame, level: str, years_over: int = 2, by: Sequence[str] = BY) -> pd.DataFrame:
    """Share of over-age pupils (tỷ lệ học sinh quá tuổi): at least ``years_over`` years above their grade's age.

    The intended age of grade :math:`g` is :math:`a_g = g + 5` (grade 1 at 6, grade 6 at 11,
    grade 10 at 15; Luật Giáo dục 2019, Điều 28). With :math:`k` = ``years_over``:

    .. math:: \\mathrm{OA}_L = 100 \\times \\frac{\\sum_{g \\in L} E_{g,\\ \\mathrm{age} \\geq g + 5 + k}}{\\sum_{g \\in L} E_g}

    UIS counts pupils "2 years or more" above the intended age (the default ``years_over=2``);
    Vietnamese school reports often count any pupil older than the grade's age (``years_over=1``).
    Say which was used.

    Pitfall: age here is counted as the Vietnamese law counts it, by calendar year ("tính theo
    năm": the school year's first year minus the year of birth). A child born in December who
    started grade 1 at 6 "by the year" is never over-age on this count.

    References
    ----------
    UNESCO UIS, "Percentage of children over-age for grade" (SDG 4.1.6 thematic indicator);
    Luật Giáo dục 2019, Điều 28, khoản 1 (entry ages 6, 11, 15 "tính theo năm") and khoản 5
    (pupils may study above the age because of repetition, ĐBKK areas, ethnic minority, disability).

    Examples
    --------
    Grade 1 with 100 pupils, 6 of them aged 8 or older; grade 2 with 95, 4 aged 9 or older:

    >>> e = pd.DataFrame({"locality": "A", "year": 2021, "grade": [1, 1, 1, 2, 2, 2], "age": [6, 7, 8, 7, 8, 9],
    ...                   "enrolment": [80, 14, 6, 75, 16, 4]})
    >>> over_age_share(e, "primary")[["numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'numerator': 10.0, 'denominator': 195.0, 'value': 5.13}]
    """
    by = list(by)
    lo, hi = grades_of(level)
    if int(years_over) != years_over or years_over < 1:
        raise ValueError(f"years_over must be a whole number of years ≥ 1, got {years_over!r}")
    e = check_table(enrolment, "enrolment", required=by + ["grade", "age", "enrolment"], counts=["enrolment"],
                    ranges={"grade": (lo, hi, f"a grade of {level} ({lo}-{hi})"),
                            "age": (0, 60, "an age between 0 and 60")})
    den = e.groupby(by, as_index=False)["enrolment"].sum()
    over = e[e["age"] >= e["grade"] + ENTRY_AGE - 1 + years_over]
    num = over.groupby(by, as_index=False)["enrolment"].sum()
    out = rate_frame(num, den, by, indicator="over_age_share", level=level, num_col="enrolment", den_col="enrolment",
                     what=f"{level} pupils")
    out["years_over"] = int(years_over)
    return out
