"""Universalisation (phổ cập giáo dục) and literacy (xóa mù chữ) levels under Nghị định 20/2014/NĐ-CP.

A commune's level is the highest whose criteria are all met (each level includes the one below);
communes with especially difficult socio-economic conditions (ĐBKK) have lower thresholds, or for
literacy a narrower age group. A district meets a standard when enough of its communes do (90%,
or 100% where the decree says so). Each classification reports the criterion that *binds*: the
one that stops the next level (largest shortfall), or, at the top level, the one closest to its
threshold.

Thresholds (percent; ĐBKK in brackets), checked against the decree's articles as quoted by the
legal publishers cited below (``shared/reference/indicators.md`` gave some from memory and asked
for this check; where the two differ, the decree wins and the difference is listed):

- PCGD mầm non 5 tuổi (Điều 6): 5-year-olds attending ≥ 95 (90); 5-year-olds completing the
  preschool programme ≥ 85 (80). District: ≥ 90% of communes.
- PCGD tiểu học mức 1 (Điều 9): 6-year-olds entering grade 1 ≥ 90; completion by age 14 ≥ 80 (70).
  Mức 2 (Điều 10): level 1, intake ≥ 95, completion at age 11 ≥ 80 (70), and the remaining
  11-year-olds all still in primary classes (a condition not coded: reported in ``unchecked``).
  Mức 3 (Điều 11): intake ≥ 98, completion at age 11 ≥ 90 (80) (as published by the provinces that
  recognise it; the article's own text and its district rule were not available here). District:
  ≥ 90% of communes at levels 1 and 2.
- PCGD THCS mức 1 (Điều 14): PCGD tiểu học mức 1 and XMC mức 1; 15-18-year-olds holding the
  lower-secondary diploma ≥ 80 (70). District ≥ 90% of communes; province 100% of districts.
  Mức 2 (Điều 15): **not verified here**; coded as in the reference (diploma ≥ 85 (75), PCGD tiểu
  học and XMC at level 2); its condition on 15-18-year-olds in upper secondary or vocational
  education is not coded (``unchecked``).
  Mức 3 (Điều 16): level 2; diploma ≥ **95 (90)** (the reference said 90 (80)); 15-18-year-olds
  studying general or continuing upper-secondary education or vocational training ≥ 80 (70).
  District: **100%** of communes.
- XMC mức 1 (Điều 20): ≥ 90% of people aged 15-35 literate at level 1; in ĐBKK communes ≥ 90%
  of those aged **15-25**. Mức 2 (Điều 21): ≥ 90% of people aged **15-60** literate at level 2;
  in ĐBKK communes ≥ 90% of those aged 15-35. (The reference said 90 (85) of 15-35 for both.)
  District ≥ 90% of communes.

Pitfall (for trainers): a level is a threshold on a rate, so a commune can fall a level because
one criterion slips by half a point while the others improve; always report the binding
criterion and its margin, not the level alone. A district level is not an average of its
communes: it is the share of communes at that level against the 90% (or 100%) rule.

Pitfall: for literacy the ĐBKK concession is a narrower age group, not a lower threshold, so an
ĐBKK commune's rate is not comparable with its neighbours' unless the same ages are counted.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import raise_data_error
from ._core import check_table

__all__ = ["UNIVERSALIZATION_CRITERIA", "DISTRICT_SHARE", "classify_universalization", "district_universalization"]

# standard -> level -> list of (criterion column, threshold, ĐBKK threshold[, column for ĐBKK communes])
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
        3: [("diploma_15_18", 95.0, 90.0), ("upper_or_vocational_15_18", 80.0, 70.0)],
    },
    "literacy": {
        1: [("literate_l1_15_35", 90.0, 90.0, "literate_l1_15_25")],
        2: [("literate_l2_15_60", 90.0, 90.0, "literate_l2_15_35")],
    },
}
# share of communes a district needs at a level (Điều 6, 9, 10, 14, 16, 20, 21); 90 elsewhere
DISTRICT_SHARE = {("pcgd_lower_secondary", 3): 100.0}
_UNCHECKED = {("pcgd_primary", 2): "Điều 10: the remaining 11-year-olds all in primary classes (not coded)",
              ("pcgd_primary", 3): "Điều 11: the remaining 11-year-olds in primary classes (not coded; article text not verified here)",
              ("pcgd_lower_secondary", 2): "Điều 15: thresholds not verified here; 15-18-year-olds in upper secondary "
                                           "or vocational (not coded)"}


def _column(criterion: tuple, dbkk: bool) -> str:
    return criterion[3] if dbkk and len(criterion) > 3 else criterion[0]


def classify_universalization(rates: pd.DataFrame, standard: str, by: Sequence[str] = ("locality", "year")) -> pd.DataFrame:
    """Classify each commune's level for one standard and say which criterion binds.

    Parameters
    ----------
    rates : DataFrame
        ``by``, ``dbkk`` (bool: especially difficult commune) and the criterion columns of the
        standard (see ``UNIVERSALIZATION_CRITERIA``), as percentages or levels. A column only
        ĐBKK communes use (``literate_l1_15_25``) need not exist when there are none, and may be
        empty on other communes' rows; the same the other way round.
    standard : str
        ``pcgd_preschool5``, ``pcgd_primary``, ``pcgd_lower_secondary`` or ``literacy``.

    Returns
    -------
    DataFrame
        ``by``, ``standard``, ``level`` (0 = not met), ``binding_criterion``, ``binding_value``,
        ``binding_threshold``, ``margin`` (value − threshold; negative where it fails),
        ``unchecked`` (conditions of the reached level not coded or not verified, or empty).

    .. math:: \\text{level} = \\max\\{\\ell : x_c \\ge \\theta_{c,\\ell}(\\text{ĐBKK})\\ \\forall c \\in C_1 \\cup \\dots \\cup C_\\ell\\}

    References
    ----------
    Nghị định 20/2014/NĐ-CP, Điều 6, 9-11, 14-16, 20-21 (thresholds and sources in the module
    docstring; Điều 15 not verified).

    Examples
    --------
    Na Mèo (ĐBKK) with 90,14% of 15-18-year-olds holding the diploma, primary level 3, literacy
    level 2 and, say, 75% of 15-18-year-olds in upper secondary or vocational training: level 3
    by only 0,14 points over the ĐBKK threshold of 90% (Điều 16).

    >>> r = pd.DataFrame({"locality": ["Na Mèo"], "year": [2021], "dbkk": [True], "diploma_15_18": [90.14],
    ...                   "upper_or_vocational_15_18": [75.0], "pcgd_primary_level": [3], "literacy_level": [2]})
    >>> classify_universalization(r, "pcgd_lower_secondary")[["level", "binding_criterion", "margin"]].round(2).to_dict("records")
    [{'level': 3, 'binding_criterion': 'diploma_15_18', 'margin': 0.14}]

    Without ĐBKK status level 3 needs a 95% diploma rate (4,86 short) and 80% in upper
    secondary or vocational training (5 short): level 2, and the larger shortfall binds. With
    literacy at level 1 it falls to level 1, and the literacy prerequisite binds:

    >>> classify_universalization(r.assign(dbkk=False), "pcgd_lower_secondary")[["level", "binding_criterion", "margin"]].round(2).to_dict("records")
    [{'level': 2, 'binding_criterion': 'upper_or_vocational_15_18', 'margin': -5.0}]
    >>> classify_universalization(r.assign(literacy_level=1), "pcgd_lower_secondary")[["level", "binding_criterion"]].to_dict("records")
    [{'level': 1, 'binding_criterion': 'literacy_level'}]

    Literacy in an ĐBKK commune counts a narrower age group (Điều 20-21):

    >>> lit = pd.DataFrame({"locality": ["X"], "year": [2021], "dbkk": [True],
    ...                     "literate_l1_15_25": [97.2], "literate_l2_15_35": [93.5]})
    >>> classify_universalization(lit, "literacy")[["level", "binding_criterion", "margin"]].round(1).to_dict("records")
    [{'level': 2, 'binding_criterion': 'literate_l2_15_35', 'margin': 3.5}]
    """
    by = list(by)
    if standard not in UNIVERSALIZATION_CRITERIA:
        raise ValueError(f"unknown standard {standard!r}; expected one of {', '.join(UNIVERSALIZATION_CRITERIA)}")
    levels = UNIVERSALIZATION_CRITERIA[standard]
    t = check_table(rates, "rates", required=by + ["dbkk"], keys=by)
    bad = t[~t["dbkk"].isin([True, False])]
    raise_data_error("rates table is invalid", [dict(file="rates", row=i, column="dbkk", value=v,
                                                     expected="True or False") for i, v in bad["dbkk"].items()])
    # the columns each row needs depend on its ĐBKK status; check those cells only, all at once
    need = {i: sorted({_column(c, bool(d)) for crits in levels.values() for c in crits}) for i, d in t["dbkk"].items()}
    missing = sorted({c for cols in need.values() for c in cols} - set(t.columns))
    raise_data_error("rates table is missing columns", [
        dict(file="rates", row=None, column=c, value=None,
             expected=f"a column named '{c}' (needed by the {standard} criteria for "
                      f"{'ĐBKK' if any(c in need[i] and t.at[i, 'dbkk'] for i in need) else 'non-ĐBKK'} communes)")
        for c in missing])
    problems = []
    for i, cols in need.items():
        for c in cols:
            v = pd.to_numeric(pd.Series([t.at[i, c]]), errors="coerce").iloc[0]
            lo, hi, what = (0, 3, "a level 0-3") if c.endswith("_level") else (0, 100, "a percentage between 0 and 100")
            if pd.isna(v):
                problems.append(dict(file="rates", row=i, column=c, value="(empty)",
                                     expected=f"{what} (this {'ĐBKK' if t.at[i, 'dbkk'] else 'non-ĐBKK'} commune needs it)"))
            elif not lo <= v <= hi:
                problems.append(dict(file="rates", row=i, column=c, value=t.at[i, c], expected=what))
    raise_data_error("rates table is invalid", problems)
    rows = []
    for i, r in t.iterrows():
        dbkk = bool(r["dbkk"])
        reached, binding = 0, None
        for lvl in sorted(levels):
            margins = []
            for crit in levels[lvl]:
                col, th = _column(crit, dbkk), crit[2] if dbkk else crit[1]
                x = float(r[col])
                margins.append((col, x, th, x - th))
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
                              threshold: float | None = None, standard: str | None = None) -> pd.DataFrame:
    """Whether a district meets a level: at least 90% of its communes at that level or above.

    PCGD THCS mức độ 3 needs all of them (Điều 16): pass ``standard="pcgd_lower_secondary"``, or
    an explicit ``threshold``.

    .. math:: \\text{met} \\iff 100 \\times \\frac{\\#\\{\\text{communes with level} \\ge \\ell\\}}{\\#\\text{communes}} \\ge s_{\\ell},\\quad s_\\ell \\in \\{90, 100\\}

    References
    ----------
    Nghị định 20/2014/NĐ-CP: district recognition at ≥ 90% of communes (Điều 6, 9, 10, 14, 20, 21);
    100% for PCGD THCS mức độ 3 (Điều 16).

    Examples
    --------
    Mường Tè's "10 xã đạt chuẩn mức độ 3" (primary) of 14 communes and towns is 71,4%: the
    district is not at level 3, while 13 of 14 communes at level ≥ 2 (92,9%) make it level 2.

    >>> c = pd.DataFrame({"district": "Mường Tè", "year": 2023, "commune": range(14),
    ...                   "level": [3] * 10 + [2] * 3 + [1]})
    >>> district_universalization(c, 3)[["numerator", "denominator", "value", "met"]].round(1).to_dict("records")
    [{'numerator': 10.0, 'denominator': 14.0, 'value': 71.4, 'met': False}]
    >>> bool(district_universalization(c, 2)["met"].item())
    True

    The same 13 of 14 would not do for lower-secondary level 3, which needs every commune:

    >>> c3 = c.assign(level=[3] * 13 + [2])
    >>> district_universalization(c3, 3, standard="pcgd_lower_secondary")[["value", "met"]].round(1).to_dict("records")
    [{'value': 92.9, 'met': False}]
    """
    by = list(by)
    if threshold is None:
        threshold = DISTRICT_SHARE.get((standard, standard_level), 90.0)
    c = check_table(commune_levels, "commune_levels", required=by + ["level"], counts=["level"])
    den = c.groupby(by, as_index=False).size().rename(columns={"size": "denominator"})
    num = c[c["level"] >= standard_level].groupby(by, as_index=False).size().rename(columns={"size": "numerator"})
    out = den.merge(num, on=by, how="left").fillna({"numerator": 0})
    out["numerator"] = out["numerator"].astype(float)
    out["denominator"] = out["denominator"].astype(float)
    out["value"] = 100.0 * out["numerator"] / out["denominator"]
    out["standard_level"] = standard_level
    out["threshold"] = float(threshold)
    out["met"] = out["value"] >= threshold - 1e-9
    return out[by + ["standard_level", "numerator", "denominator", "value", "threshold", "met"]]
