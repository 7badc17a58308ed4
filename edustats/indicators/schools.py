"""National-standard schools (trường chuẩn quốc gia): recognitions in force, new, and due for renewal.

``recognitions``: ``locality, school, level, recognised_year`` (+ ``standard_level`` 1 or 2):
one row per recognition decision, re-recognitions included. A recognition is valid for five
years; a school whose recognition lapsed without re-recognition no longer counts.

Pitfall (for trainers): "có 09 trường đạt chuẩn quốc gia (lũy kế)" counts schools whose
recognition is *in force*, not every school ever recognised; a district can recognise two new
schools and still fall from 9 to 8 if three recognitions lapse.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._core import check_table

__all__ = ["RECOGNITION_YEARS", "national_standard_schools"]

RECOGNITION_YEARS = 5  # Thông tư 17/2018, 18/2018, 19/2018/TT-BGDĐT: recognition valid 5 years


def national_standard_schools(recognitions: pd.DataFrame, years: Sequence[int], by: Sequence[str] = ("locality",),
                              by_level: bool = True) -> pd.DataFrame:
    """Counts per year: schools in force, first recognitions, and re-recognition of lapsing ones.

    For year :math:`y`, a school is *in force* if some recognition year :math:`r` has
    :math:`r \\le y < r + 5`.

    .. math::

        \\text{in force}_y = \\#\\{s : \\exists r_s,\\ r_s \\le y < r_s + 5\\},\\qquad
        \\text{re-recognised share}_y = 100\\,\\frac{\\#\\{s \\text{ expiring in } y \\text{ and renewed}\\}}{\\#\\{s \\text{ expiring in } y\\}}

    Returns a long table: ``by``, ``year``, (``level``), ``indicator``
    (``national_standard_schools``, ``new_national_standard_schools``,
    ``national_standard_rerecognition_share``), ``numerator``, ``denominator``, ``value``,
    ``unit``. The re-recognition share is only reported for years in which some recognition
    expires (elsewhere it is undefined and the row is absent, as documented here).

    References
    ----------
    Thông tư 17/2018/TT-BGDĐT (tiểu học), 18/2018/TT-BGDĐT (trung học), 19/2018/TT-BGDĐT (mầm non):
    recognition valid 5 years, then công nhận lại.

    Examples
    --------
    >>> r = pd.DataFrame({"locality": "A", "school": ["MN1", "MN2", "MN1"], "level": "preschool",
    ...                   "recognised_year": [2016, 2019, 2021]})
    >>> out = national_standard_schools(r, [2021, 2024])
    >>> out[["year", "indicator", "value"]].to_dict("records")
    [{'year': 2021, 'indicator': 'national_standard_rerecognition_share', 'value': 100.0}, {'year': 2021, 'indicator': 'national_standard_schools', 'value': 2.0}, {'year': 2021, 'indicator': 'new_national_standard_schools', 'value': 0.0}, {'year': 2024, 'indicator': 'national_standard_rerecognition_share', 'value': 0.0}, {'year': 2024, 'indicator': 'national_standard_schools', 'value': 1.0}, {'year': 2024, 'indicator': 'new_national_standard_schools', 'value': 0.0}]
    """
    by = list(by)
    keys = by + (["level"] if by_level else [])
    t = check_table(recognitions, "recognitions", required=keys + ["school", "recognised_year"],
                    counts=["recognised_year"], keys=keys + ["school", "recognised_year"],
                    ranges={"recognised_year": (1990, 2100, "a year between 1990 and 2100")})
    t["recognised_year"] = t["recognised_year"].astype(int)
    first = t.groupby(keys + ["school"])["recognised_year"].min().rename("first_year").reset_index()
    rows = []
    for y in sorted(set(int(v) for v in years)):
        valid = t[(t["recognised_year"] <= y) & (y < t["recognised_year"] + RECOGNITION_YEARS)]
        in_force = valid.drop_duplicates(keys + ["school"]).groupby(keys).size()
        new = first[first["first_year"] == y].groupby(keys).size()
        expiring = t[t["recognised_year"] + RECOGNITION_YEARS == y]
        renewed = expiring.merge(t[t["recognised_year"] == y][keys + ["school"]], on=keys + ["school"], how="inner")
        exp_n = expiring.drop_duplicates(keys + ["school"]).groupby(keys).size()
        ren_n = renewed.drop_duplicates(keys + ["school"]).groupby(keys).size()
        groups = t[keys].drop_duplicates().itertuples(index=False, name=None)
        for g in groups:
            g = g if isinstance(g, tuple) else (g,)
            base = dict(zip(keys, g), year=y)
            k = g if len(g) > 1 else g[0]
            n_force = float(in_force.get(k, 0))
            rows.append(dict(base, indicator="national_standard_schools", numerator=n_force, denominator=float("nan"),
                             value=n_force, unit="count"))
            rows.append(dict(base, indicator="new_national_standard_schools", numerator=float(new.get(k, 0)),
                             denominator=float("nan"), value=float(new.get(k, 0)), unit="count"))
            if exp_n.get(k, 0) > 0:
                rows.append(dict(base, indicator="national_standard_rerecognition_share",
                                 numerator=float(ren_n.get(k, 0)), denominator=float(exp_n.get(k)),
                                 value=100.0 * ren_n.get(k, 0) / exp_n.get(k), unit="percent"))
    out = pd.DataFrame(rows)
    if not by_level:
        out["level"] = "all"
    cols = by + ["year", "level", "indicator", "numerator", "denominator", "value", "unit"]
    return out[cols].sort_values(by + ["year", "level", "indicator"], kind="stable").reset_index(drop=True)
