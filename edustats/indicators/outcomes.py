"""Outcomes: shares by evaluation category (Thông tư 27/2020, 22/2021, legacy 58/2011) and malnutrition.

``evaluations``: ``locality, year, level, category, pupils`` (+ ``aspect`` = ``learning`` or
``conduct`` for Thông tư 22/2021). Categories are written as in the regulations.

Pitfall (for trainers): the three scales are not comparable. "Khá, giỏi" (Thông tư 58/2011)
and "Khá, Tốt" (Thông tư 22/2021) describe different thresholds; a series that changes scale
in 2021-2022 (grade 6 first, then 7, 8, 9) has a break, not a trend.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..errors import raise_data_error
from ._core import check_table, rate_frame

__all__ = ["EVALUATION_SCALES", "evaluation_shares", "malnutrition_rate"]

# scale -> (categories in order, {indicator: categories counted in the numerator})
EVALUATION_SCALES = {
    "tt27": (["Hoàn thành xuất sắc", "Hoàn thành tốt", "Hoàn thành", "Chưa hoàn thành"], {
        "primary_eval_good_share": ["Hoàn thành xuất sắc", "Hoàn thành tốt"],
        "primary_eval_completed_share": ["Hoàn thành xuất sắc", "Hoàn thành tốt", "Hoàn thành"],
        "primary_eval_not_completed_share": ["Chưa hoàn thành"],
    }),
    "tt22-learning": (["Tốt", "Khá", "Đạt", "Chưa đạt"], {
        "secondary_learning_good_share": ["Tốt", "Khá"],
        "secondary_learning_pass_share": ["Tốt", "Khá", "Đạt"],
    }),
    "tt22-conduct": (["Tốt", "Khá", "Đạt", "Chưa đạt"], {
        "secondary_conduct_good_share": ["Tốt", "Khá"],
        "secondary_conduct_pass_share": ["Tốt", "Khá", "Đạt"],
    }),
    "tt58": (["Giỏi", "Khá", "Trung bình", "Yếu", "Kém"], {
        "legacy_academic_good_share": ["Giỏi", "Khá"],
        "legacy_academic_weak_share": ["Yếu", "Kém"],
    }),
}


def evaluation_shares(evaluations: pd.DataFrame, scale: str, level: str,
                      by: Sequence[str] = ("locality", "year")) -> pd.DataFrame:
    """Shares of pupils in cumulative evaluation categories, as the documents state targets.

    .. math:: \\text{share}_C = 100 \\times \\frac{\\sum_{c \\in C} n_c}{\\sum_{c} n_c}

    ``scale``: ``tt27`` (primary: Hoàn thành xuất sắc / tốt / Hoàn thành / Chưa hoàn thành),
    ``tt22-learning`` or ``tt22-conduct`` (secondary: Tốt / Khá / Đạt / Chưa đạt), ``tt58``
    (legacy: Giỏi / Khá / Trung bình / Yếu / Kém). One row per catalogue indicator of the scale.
    A category not in the scale is an error, not ignored.

    References
    ----------
    Thông tư 27/2020/TT-BGDĐT, Điều 9; Thông tư 22/2021/TT-BGDĐT, Điều 8-9; Thông tư 58/2011/TT-BGDĐT.

    Examples
    --------
    Mường Tè's lower-secondary target "học tập Đạt trở lên 95% (trong đó Khá, Tốt từ 39% trở lên)":

    >>> ev = pd.DataFrame({"locality": "Mường Tè", "year": 2023, "level": "lower-secondary",
    ...                    "category": ["Tốt", "Khá", "Đạt", "Chưa đạt"], "pupils": [120, 300, 520, 60]})
    >>> evaluation_shares(ev, "tt22-learning", "lower-secondary")[["indicator", "numerator", "value"]].to_dict("records")
    [{'indicator': 'secondary_learning_good_share', 'numerator': 420.0, 'value': 42.0}, {'indicator': 'secondary_learning_pass_share', 'numerator': 940.0, 'value': 94.0}]
    """
    by = list(by)
    if scale not in EVALUATION_SCALES:
        raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(EVALUATION_SCALES)}")
    categories, indicators = EVALUATION_SCALES[scale]
    e = check_table(evaluations, "evaluations", required=by + ["level", "category", "pupils"], counts=["pupils"],
                    keys=by + ["level", "category"])
    e = e[e["level"] == level]
    bad = e[~e["category"].isin(categories)]
    raise_data_error("evaluations table is invalid", [
        dict(file="evaluations", row=i, column="category", value=v,
             expected=f"a category of scale {scale}: {', '.join(categories)}") for i, v in bad["category"].items()])
    den = e.groupby(by, as_index=False)["pupils"].sum()
    parts = []
    for ind, cats in indicators.items():
        num = e[e["category"].isin(cats)].groupby(by, as_index=False)["pupils"].sum()
        parts.append(rate_frame(num, den, by, indicator=ind, level=level, num_col="pupils", den_col="pupils",
                                what="pupils evaluated"))
    return pd.concat(parts, ignore_index=True).sort_values(by + ["indicator"], kind="stable").reset_index(drop=True)


def malnutrition_rate(nutrition: pd.DataFrame, by: Sequence[str] = ("locality", "year")) -> pd.DataFrame:
    """Malnutrition rate among children weighed and measured (tỷ lệ trẻ suy dinh dưỡng).

    ``nutrition``: ``by, weighed, malnourished`` (children below −2 SD of the WHO standard on
    weight-for-age or height-for-age; count each child once).

    .. math:: 100 \\times \\frac{\\text{malnourished}}{\\text{weighed}}

    Pitfall: underweight and stunting rates differ; a target "xuống 6%" must say which (Na Mèo's
    does not). A child counted under both would be counted twice if the two counts were added.

    References
    ----------
    WHO Child Growth Standards (2006); Vietnamese preschool health monitoring.

    Examples
    --------
    Na Mèo's baseline "suy dinh dưỡng giảm xuống còn 9%": 18 of 200 children.

    >>> n = pd.DataFrame({"locality": "Na Mèo", "year": 2021, "weighed": [200], "malnourished": [18]})
    >>> malnutrition_rate(n)[["numerator", "denominator", "value"]].to_dict("records")
    [{'numerator': 18.0, 'denominator': 200.0, 'value': 9.0}]
    """
    by = list(by)
    t = check_table(nutrition, "nutrition", required=by + ["weighed", "malnourished"],
                    counts=["weighed", "malnourished"], keys=by)
    return rate_frame(t, t, by, indicator="malnutrition_rate", level="preschool", num_col="malnourished",
                      den_col="weighed", what="children weighed")
