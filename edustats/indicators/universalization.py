"""Universalisation (phổ cập giáo dục) and literacy (xóa mù chữ) levels under Nghị định 20/2014/NĐ-CP.

A commune's level is the highest whose criteria are all met; communes with especially difficult
socio-economic conditions (ĐBKK) have lower thresholds. A district meets a standard when at
least 90% of its communes do. Each classification reports the criterion that *binds*: the one
that stops the next level (largest shortfall), or, at the top level, the one closest to its
threshold.

Thresholds (percent; ĐBKK in brackets), from ``shared/reference/indicators.md``:

- PCGD mầm non 5 tuổi: 5-year-olds enrolled ≥ 95 (90); 5-year-olds completing the programme ≥ 85 (80).
- PCGD tiểu học mức 1/2/3: 6-year-olds entering grade 1 ≥ 90/95/98; completion by age 14 ≥ 80 (70)
  at level 1; by age 11 ≥ 80 (70) at level 2 and ≥ 90 (80) at level 3.
- PCGD THCS mức 1/2/3 (Điều 14 for level 1): 15-18-year-olds with the lower-secondary diploma
  ≥ 80/85/90 (70/75/80), with PCGD tiểu học and XMC at the matching level. Levels 2-3 also set
  conditions on 15-18-year-olds in upper secondary or vocational education (Điều 15-16); those
  conditions are not coded here: a result at level 2 or 3 says so in ``unchecked``.
- XMC mức 1/2: people aged 15-35 literate at level 1/2 ≥ 90 (85).

Pitfall (for trainers): a level is a threshold on a rate, so a commune can fall a level because
one criterion slips by half a point while the others improve; always report the binding
criterion and its margin, not the level alone. A district level is not an average of its
communes: it is the share of communes at that level against the 90% rule.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import raise_data_error
from ._core import check_table

__all__ = ["UNIVERSALIZATION_CRITERIA", "classify_universalization", "district_universalization"]

# standard -> level -> list of (criterion column, threshold, threshold ĐBKK)
UNIVERSALIZATION_CRITERIA = {
    "pcgd_preschool5": {
        1: [("age5_enrolment_rate", 95.0, 90.0), ("age5_completion_rate", 85.0, 80.0)],
    },
    "pcgd_primary": {
        1: [("net_intake_rate", 90.0, 90.0), ("completion_by_14", 80.0, 70.0)],
        2: [("net_intake_rate", 95.0, 95.0), ("completion_by_11", 80.0, 70.0)],
        3: [("net_intake_rate", 98.0, 98.0), ("completion_by_11", 90.0, 80.0)],
    },
    "pcgd_lower_secondary": {
        1: [("diploma_15_18", 80.0, 70.0), ("pcgd_primary_level", 1, 1), ("literacy_level", 1, 1)],
        2: [("diploma_15_18", 85.0, 75.0), ("pcgd_primary_level", 2, 2), ("literacy_level", 2, 2)],
        3: [("diploma_15_18", 90.0, 80.0), ("pcgd_primary_level", 3, 3), ("literacy_level", 2, 2)],
    },
    "literacy": {
        1: [("literate_l1_15_35", 90.0, 85.0)],
        2: [("literate_l2_15_35", 90.0, 85.0)],
    },
}
_UNCHECKED = {("pcgd_lower_secondary", 2): "Điều 15: 15-18-year-olds in upper secondary or vocational (not coded)",
              ("pcgd_lower_secondary", 3): "Điều 16: 15-18-year-olds in upper secondary or vocational (not coded)"}


def classify_universalization(rates: pd.DataFrame, standard: str, by: Sequence[str] = ("locality", "year")) -> pd.DataFrame:
    """Classify each commune's level for one standard and say which criterion binds.

    Parameters
    ----------
    rates : DataFrame
        ``by``, ``dbkk`` (bool: especially difficult commune) and the criterion columns of the
        standard (see ``UNIVERSALIZATION_CRITERIA``), as percentages or levels.
    standard : str
        ``pcgd_preschool5``, ``pcgd_primary``, ``pcgd_lower_secondary`` or ``literacy``.

    Returns
    -------
    DataFrame
        ``by``, ``standard``, ``level`` (0 = not met), ``binding_criterion``, ``binding_value``,
        ``binding_threshold``, ``margin`` (value − threshold; negative where it fails),
        ``unchecked`` (conditions of the reached level not coded, or empty).

    .. math:: \\text{level} = \\max\\{\\ell : x_c \\ge \\theta_{c,\\ell}(\\text{ĐBKK})\\ \\forall c \\in C_\\ell\\}

    References
    ----------
    Nghị định 20/2014/NĐ-CP (Điều 14 for PCGD THCS mức độ 1; thresholds as listed in the module).

    Examples
    --------
    Na Mèo (ĐBKK) with 90,14% of 15-18-year-olds holding the diploma, primary level 3, literacy
    level 2: level 3, 10,14 points above the ĐBKK threshold of 80%; Điều 16's further condition
    is reported as unchecked.

    >>> r = pd.DataFrame({"locality": ["Na Mèo"], "year": [2021], "dbkk": [True], "diploma_15_18": [90.14],
    ...                   "pcgd_primary_level": [3], "literacy_level": [2]})
    >>> classify_universalization(r, "pcgd_lower_secondary")[["level", "binding_criterion", "margin"]].round(2).to_dict("records")
    [{'level': 3, 'binding_criterion': 'diploma_15_18', 'margin': 10.14}]

    Without ĐBKK status it is level 3 by only 0,14 points; with literacy at level 1 it falls to
    level 1, and the literacy prerequisite binds:

    >>> classify_universalization(r.assign(dbkk=False), "pcgd_lower_secondary")[["level", "margin"]].round(2).to_dict("records")
    [{'level': 3, 'margin': 0.14}]
    >>> classify_universalization(r.assign(literacy_level=1), "pcgd_lower_secondary")[["level", "binding_criterion"]].to_dict("records")
    [{'level': 1, 'binding_criterion': 'literacy_level'}]
    """
    by = list(by)
    if standard not in UNIVERSALIZATION_CRITERIA:
        raise ValueError(f"unknown standard {standard!r}; expected one of {', '.join(UNIVERSALIZATION_CRITERIA)}")
    levels = UNIVERSALIZATION_CRITERIA[standard]
    cols = sorted({c for crits in levels.values() for c, _, _ in crits})
    pct = [c for c in cols if not c.endswith("_level")]
    t = check_table(rates, "rates", required=by + ["dbkk"] + cols, counts=cols, keys=by,
                    ranges={c: (0, 100, "a percentage between 0 and 100") for c in pct})
    bad = t[~t["dbkk"].isin([True, False])]
    raise_data_error("rates table is invalid", [dict(file="rates", row=i, column="dbkk", value=v,
                                                     expected="True or False") for i, v in bad["dbkk"].items()])
    rows = []
    for i, r in t.iterrows():
        reached, binding = 0, None
        for lvl in sorted(levels):
            margins = [(c, r[c], th_d if r["dbkk"] else th, r[c] - (th_d if r["dbkk"] else th)) for c, th, th_d in levels[lvl]]
            failing = [m for m in margins if m[3] < 0]
            if failing:
                # a failing rate binds before a failing prerequisite level; then the largest shortfall
                binding = min(failing, key=lambda m: (m[0].endswith("_level"), m[3]))
                break
            reached = lvl
            # at a reached level, prerequisites met exactly say nothing: the closest rate binds
            rates_only = [m for m in margins if not m[0].endswith("_level")] or margins
            binding = min(rates_only, key=lambda m: m[3])
        rows.append(dict({k: r[k] for k in by}, standard=standard, level=reached, binding_criterion=binding[0],
                         binding_value=float(binding[1]), binding_threshold=float(binding[2]),
                         margin=float(binding[3]), unchecked=_UNCHECKED.get((standard, reached), "")))
    return pd.DataFrame(rows)


def district_universalization(commune_levels: pd.DataFrame, standard_level: int, by: Sequence[str] = ("district", "year"),
                              threshold: float = 90.0) -> pd.DataFrame:
    """Whether a district meets a level: at least 90% of its communes at that level or above.

    .. math:: \\text{met} \\iff 100 \\times \\frac{\\#\\{\\text{communes with level} \\ge \\ell\\}}{\\#\\text{communes}} \\ge 90

    References
    ----------
    Nghị định 20/2014/NĐ-CP (district recognition: ≥ 90% of communes).

    Examples
    --------
    Mường Tè's "10 xã đạt chuẩn mức độ 3" of 14 communes and towns is 71,4%: the district
    is not at level 3, while 13 of 14 communes at level ≥ 2 (92,9%) make it level 2.

    >>> c = pd.DataFrame({"district": "Mường Tè", "year": 2023, "commune": range(14),
    ...                   "level": [3] * 10 + [2] * 3 + [1]})
    >>> district_universalization(c, 3)[["numerator", "denominator", "value", "met"]].round(1).to_dict("records")
    [{'numerator': 10.0, 'denominator': 14.0, 'value': 71.4, 'met': False}]
    >>> bool(district_universalization(c, 2)["met"].item())
    True
    """
    by = list(by)
    c = check_table(commune_levels, "commune_levels", required=by + ["level"], counts=["level"])
    den = c.groupby(by, as_index=False).size().rename(columns={"size": "denominator"})
    num = c[c["level"] >= standard_level].groupby(by, as_index=False).size().rename(columns={"size": "numerator"})
    out = den.merge(num, on=by, how="left").fillna({"numerator": 0})
    out["numerator"] = out["numerator"].astype(float)
    out["denominator"] = out["denominator"].astype(float)
    out["value"] = 100.0 * out["numerator"] / out["denominator"]
    out["standard_level"] = standard_level
    out["met"] = out["value"] >= threshold - 1e-9
    return out[by + ["standard_level", "numerator", "denominator", "value", "met"]]
