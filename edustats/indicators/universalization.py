"""Universalisation (phổ cập giáo dục) and literacy (xóa mù chữ) levels under Nghị định 20/2014/NĐ-CP.

Every threshold, age group, prerequisite, district and province rule lives in one table,
``edustats/data/universalization_criteria.csv`` (read by :func:`universalization_criteria`): one
row per criterion with the standard, the level, the kind (``rate``, ``prerequisite``,
``condition``, ``district``, ``province``), the normal and ĐBKK thresholds, the age groups, the
article and the article's own words. The code, the handbook and the briefings read that table;
nothing below repeats a number that is not in it. The quotes were taken from the Ministry of
Justice's codification (Bộ pháp điển, đề mục 13.1 "Giáo dục") of Nghị định 20/2014/NĐ-CP,
Điều 6-21, and of Thông tư 07/2016/TT-BGDĐT, Điều 2; a test checks each quote against that text,
article by article.

What the articles say (percent; ĐBKK = xã có điều kiện kinh tế - xã hội đặc biệt khó khăn):

- PCGD mầm non 5 tuổi (Điều 6): 5-year-olds attending ≥ 95 (ĐBKK 90); 5-year-olds completing
  the preschool programme ≥ 85 (80). District ≥ 90% of communes; province 100% of districts.
- PCGD tiểu học mức độ 1 (Điều 9): 6-year-olds entering grade 1 ≥ 90 (no ĐBKK concession);
  children up to 14 who completed primary ≥ 80 (70). Mức độ 2 (Điều 10): level 1; intake ≥ 95;
  11-year-olds who completed primary ≥ 80 (70) *and* "các trẻ em 11 tuổi còn lại đều đang học các
  lớp tiểu học". Mức độ 3 (Điều 11): level 2; intake ≥ 98; completion at 11 ≥ 90 (80) and the same
  condition. District ≥ 90% of communes at every level; province 100% of districts.
- PCGD THCS mức độ 1 (Điều 14): PCGD tiểu học mức độ 1 and XMC mức độ 1; 15-18-year-olds holding
  the lower-secondary diploma ≥ 80 (70); district ≥ 90%. Mức độ 2 (Điều 15): *only* PCGD THCS
  mức độ 1 (so primary and literacy at level 1 suffice); diploma ≥ 90 (80); district ≥ **95%**.
  Mức độ 3 (Điều 16): level 2; diploma ≥ 95 (90); 15-18-year-olds studying general or continuing
  upper-secondary education or vocational education ≥ 80 (70); district **100%**. Province 100%.
- XMC mức độ 1 (Điều 20): ≥ 90% of people aged 15-35 literate at level 1; ĐBKK ≥ 90% of those
  aged 15-25. District ≥ 90%; province ≥ **90%** of districts (the only province rule below
  100%). Mức độ 2 (Điều 21): ≥ 90% of people aged 15-60 literate at level 2; ĐBKK ≥ 90% of those
  aged 15-35; district ≥ 90%; province 100%. Điều 21 does not write "bảo đảm … mức độ 1"; levels are
  read as cumulative (the table says so in its ``note``).
- Thông tư 07/2016/TT-BGDĐT, Điều 2, adds to every standard: "huy động ít nhất 60% người khuyết
  tật có khả năng học tập được tiếp cận giáo dục" (no age group, no ĐBKK concession written).

Conditions the rates cannot show (Điều 10.1.c and 11.1.c: the remaining 11-year-olds all in
primary classes; Thông tư 07/2016 Điều 2: people with disabilities) are checked where the input
has a column for them (``age11_not_completed_not_in_primary``: a count that must be 0;
``disabled_access``: a percentage, or its counts). Otherwise the level is reported with
``conditions_to_confirm``: the article and its words, carried through the district, province and
commune-share aggregations, never dropped.

Rates are compared exactly: from counts (``<column>_numerator`` and ``<column>_denominator``) as
integers, :math:`100 n \\ge \\theta d`; from a rate given as a percentage, :math:`x \\ge \\theta`.

The 2025 map. On 1/7/2025 the districts were abolished (two-level local government; the 3,321
communes of the crosswalk in ``shared/data/gso_provinces/``). The district and province rules
need districts, so :func:`district_universalization` and :func:`province_universalization`
refuse a ``year`` from 2025 on (the annual report date is 30 September, Điều 31). No text found
defines a province rule without districts; :func:`province_commune_share` gives the share of a
province's communes at a level as an explicit option, labelled as having no legal threshold, and
:func:`communes_to_2025_provinces` places pre-2025 communes in their 2025 province. History is
computed on the districts that existed.

Not implemented: universal preschool education for children aged 3 to 5 (Nghị quyết
218/2025/QH15, Nghị định 277/2025/NĐ-CP); its standards are not in the criteria table.

Pitfall (for trainers): a level is a threshold on a rate, so a commune can fall a level because
one criterion slips by half a point while the others improve; always report the binding
criterion and its margin over the whole chain of levels (a level-3 commune also needs every
level-1 rate), not the level alone. A district level is not an average of its communes: it is
the share of communes at that level against the 90%, 95% or 100% rule of its article.

Pitfall: for literacy the ĐBKK concession is a narrower age group, not a lower threshold, so an
ĐBKK commune's rate is not comparable with its neighbours' unless the same ages are counted.
"""
from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ..errors import raise_data_error
from ._core import check_table

__all__ = ["UNIVERSALIZATION_CRITERIA", "DISTRICT_SHARE", "PROVINCE_SHARE", "MAX_LEVEL", "universalization_criteria",
           "classify_universalization", "district_universalization", "district_levels", "province_universalization",
           "province_commune_share", "communes_to_2025_provinces"]

CRITERIA_COLUMNS = ["standard", "level", "kind", "criterion", "column", "column_dbkk", "threshold", "threshold_dbkk",
                    "unit", "age_group", "age_group_dbkk", "document", "article", "text_vi", "note"]
_SEP = " | "
_FIRST_YEAR_WITHOUT_DISTRICTS = 2025


@lru_cache(maxsize=1)
def _criteria() -> pd.DataFrame:
    with resources.files("edustats").joinpath("data/universalization_criteria.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    df["level"] = df["level"].astype(int)
    for c in ("threshold", "threshold_dbkk"):
        df[c] = [int(v) if v != "" else np.nan for v in df[c]]  # every threshold of the decree is a whole number
    return df[CRITERIA_COLUMNS]


def universalization_criteria(standard: str | None = None) -> pd.DataFrame:
    """The criteria table (a fresh copy): every threshold with its article and the article's words.

    Columns: ``standard``, ``level``, ``kind`` (``rate``: a commune rate; ``prerequisite``: a level
    required of this or another standard; ``condition``: a condition the rates do not show;
    ``district`` / ``province``: the share of communes / districts needed), ``criterion``,
    ``column`` and ``column_dbkk`` (the input column for other and for ĐBKK communes),
    ``threshold``, ``threshold_dbkk``, ``unit``, ``age_group``, ``age_group_dbkk``, ``document``,
    ``article`` (Điều.khoản.điểm), ``text_vi`` (quoted) and ``note``.

    Examples
    --------
    >>> t = universalization_criteria("pcgd_lower_secondary")
    >>> t[t["kind"].isin(["rate", "district"])][["level", "criterion", "threshold", "threshold_dbkk", "article"]].to_string(index=False)
    ' level                 criterion  threshold  threshold_dbkk     article\\n     1             diploma_15_18         80            70.0 Điều 14.2.b\\n     1            communes_share         90             NaN   Điều 14.3\\n     2             diploma_15_18         90            80.0 Điều 15.1.b\\n     2            communes_share         95             NaN   Điều 15.2\\n     3             diploma_15_18         95            90.0 Điều 16.1.b\\n     3 upper_or_vocational_15_18         80            70.0 Điều 16.1.c\\n     3            communes_share        100             NaN   Điều 16.2'
    """
    df = _criteria()
    if standard is not None:
        _check_standard(standard)
        df = df[df["standard"] == standard]
    return df.reset_index(drop=True).copy()


def _legacy_dict() -> dict:
    out: dict = {}
    for r in _criteria().itertuples(index=False):
        if r.kind in ("rate", "prerequisite") and r.column:
            crit = (r.column, float(r.threshold), float(r.threshold_dbkk))
            if r.column_dbkk != r.column:
                crit += (r.column_dbkk,)
            out.setdefault(r.standard, {}).setdefault(r.level, []).append(crit)
    return out


# standard -> level -> list of (column, threshold, ĐBKK threshold[, column for ĐBKK communes]): the
# rates and the other standards' levels each level names (read from the criteria table)
UNIVERSALIZATION_CRITERIA = _legacy_dict()
MAX_LEVEL = {s: int(g["level"].max()) for s, g in _criteria().groupby("standard", sort=False)}
DISTRICT_SHARE = {(r.standard, r.level): float(r.threshold) for r in _criteria().itertuples() if r.kind == "district"}
PROVINCE_SHARE = {(r.standard, r.level): float(r.threshold) for r in _criteria().itertuples() if r.kind == "province"}


def _check_standard(standard) -> None:
    if standard not in MAX_LEVEL:
        raise ValueError(f"chuẩn không có / unknown standard {standard!r}; expected one of {', '.join(MAX_LEVEL)}")


def _condition_text(r) -> str:
    doc = "NĐ 20/2014" if r.document.startswith("Nghị định 20/2014") else "TT 07/2016"
    return f"{doc} {r.article}: {r.text_vi}"


# condition text -> (standard, level) it belongs to (several standards share the TT 07/2016 one)
_CONDITION_LEVEL: dict[str, dict[str, int]] = {}
for _r in _criteria().itertuples(index=False):
    if _r.kind == "condition":
        _CONDITION_LEVEL.setdefault(_condition_text(_r), {})[_r.standard] = _r.level


def _join_conditions(items) -> str:
    """Unique condition texts in the criteria table's order, joined by ' | '."""
    order = {t: i for i, t in enumerate(_CONDITION_LEVEL)}
    return _SEP.join(sorted(set(items), key=lambda t: (order.get(t, len(order)), t)))


def _split_conditions(s) -> list[str]:
    if not isinstance(s, str) or not s.strip():
        return []
    return [x.strip() for x in s.split(_SEP) if x.strip()]


def _chain_conditions(standard: str, level: int) -> list[str]:
    return [t for t, lv in _CONDITION_LEVEL.items() if standard in lv and lv[standard] <= level]


# ------------------------------------------------------------------ commune classification
def _specs(standard: str) -> list[dict]:
    """The commune criteria of a standard that the data can be checked against, in table order."""
    out = []
    for r in _criteria()[_criteria()["standard"] == standard].itertuples(index=False):
        if r.kind in ("district", "province") or (r.kind == "prerequisite" and not r.column):
            continue  # same-standard prerequisites are the cumulative levels themselves
        out.append(dict(level=r.level, kind=r.kind, criterion=r.criterion, col=r.column, col_dbkk=r.column_dbkk,
                        th=int(r.threshold), th_dbkk=int(r.threshold_dbkk), unit=r.unit, article=r.article,
                        condition=_condition_text(r) if r.kind == "condition" else ""))
    return out


def _numbers(t: pd.DataFrame, col: str, rows: np.ndarray, problems: list, what_rows: str, required: bool):
    """Counts or rate of ``col`` on ``rows`` (bool mask): (num, den, rate, has_counts, known), validated."""
    n = len(t)
    num = np.zeros(n, dtype=np.int64)
    den = np.ones(n, dtype=np.int64)
    rate = np.full(n, np.nan)
    has_counts = np.zeros(n, dtype=bool)
    ncol, dcol = f"{col}_numerator", f"{col}_denominator"
    idx = t.index.to_numpy()
    if (ncol in t.columns) != (dcol in t.columns):
        have, lack = (ncol, dcol) if ncol in t.columns else (dcol, ncol)
        problems.append(dict(file="rates", row=None, column=lack, value=None,
                             expected=f"cột '{lack}' đi cùng '{have}' / a column '{lack}' beside '{have}' "
                                      f"(counts come in pairs)"))
    if ncol in t.columns and dcol in t.columns:
        nv = pd.to_numeric(t[ncol], errors="coerce").to_numpy(dtype=float)
        dv = pd.to_numeric(t[dcol], errors="coerce").to_numpy(dtype=float)
        given = rows & ~(t[ncol].isna().to_numpy() & t[dcol].isna().to_numpy())
        for c, v in ((ncol, nv), (dcol, dv)):
            bad = given & (np.isnan(v) | (v < 0) | (np.nan_to_num(v) != np.floor(np.nan_to_num(v))))
            for i in np.flatnonzero(bad):
                problems.append(dict(file="rates", row=idx[i], column=c, value=t[c].iloc[i],
                                     expected="một số người, số nguyên ≥ 0 / a count of persons, a whole number ≥ 0"))
        ok = given & ~np.isnan(nv) & ~np.isnan(dv) & (nv >= 0) & (dv >= 0)
        ok &= (nv == np.floor(np.nan_to_num(nv))) & (dv == np.floor(np.nan_to_num(dv)))
        for i in np.flatnonzero(ok & (dv == 0)):
            problems.append(dict(file="rates", row=idx[i], column=dcol, value=0,
                                 expected="mẫu số > 0 / a denominator > 0 (the rate is undefined where nobody is counted)"))
        for i in np.flatnonzero(ok & (nv > dv)):
            problems.append(dict(file="rates", row=idx[i], column=ncol, value=f"{nv[i]:g} > {dv[i]:g}",
                                 expected=f"tử số không vượt mẫu số / a numerator not above '{dcol}'"))
        ok &= (dv > 0) & (nv <= dv)
        num[ok], den[ok] = nv[ok].astype(np.int64), dv[ok].astype(np.int64)
        has_counts = ok
        rate[ok] = 100.0 * num[ok] / den[ok]
    if col in t.columns:
        rv = pd.to_numeric(t[col], errors="coerce").to_numpy(dtype=float)
        raw_missing = t[col].isna().to_numpy() | (t[col].astype(str).str.strip() == "").to_numpy()
        given = rows & ~raw_missing
        for i in np.flatnonzero(given & (np.isnan(rv) | (rv < 0) | (rv > 100))):
            problems.append(dict(file="rates", row=idx[i], column=col, value=t[col].iloc[i],
                                 expected="tỷ lệ % từ 0 đến 100 / a percentage between 0 and 100"))
        good = given & ~np.isnan(rv) & (rv >= 0) & (rv <= 100)
        clash = good & has_counts & (np.abs(np.where(good, rv, 0) - np.nan_to_num(rate)) > 0.05)
        for i in np.flatnonzero(clash):
            problems.append(dict(file="rates", row=idx[i], column=col, value=rv[i],
                                 expected=f"tỷ lệ khớp với số đếm / the rate of its counts, {rate[i]:.4g} "
                                          f"({num[i]}/{den[i]}); the counts are used, fix one or drop the rate"))
        rate = np.where(good & ~has_counts, rv, rate)
    known = ~np.isnan(rate) & rows
    if required:
        named = {p["row"] for p in problems if str(p.get("column", "")).startswith(col)}
        for i in np.flatnonzero(rows & np.isnan(rate)):
            if idx[i] not in named:
                problems.append(dict(file="rates", row=idx[i], column=col, value="(empty)",
                                     expected=f"tỷ lệ % từ 0 đến 100 hoặc số đếm / a percentage between 0 and 100 "
                                              f"(this {what_rows} commune needs it), or the counts '{ncol}' and '{dcol}'"))
    return num, den, rate, has_counts, known


def classify_universalization(rates: pd.DataFrame, standard: str, by: Sequence[str] = ("locality", "year")) -> pd.DataFrame:
    """Classify each commune's level for one standard, with the binding criterion over the whole chain.

    Vectorised over a table of communes (one row per commune and year): 10 000 communes take a
    fraction of a second.

    The criteria, from ``universalization_criteria()`` (threshold, ĐBKK threshold in brackets,
    age group, article and its words):

    CRITERIA_TEXT

    Parameters
    ----------
    rates : DataFrame
        ``by``, ``dbkk`` (bool: especially difficult commune) and, for each rate criterion of the
        standard (``universalization_criteria(standard)``, kind ``rate``), either the percentage
        in the column named there or the counts ``<column>_numerator`` and
        ``<column>_denominator`` (preferred: compared in integers). ĐBKK communes use
        ``column_dbkk`` (literacy: ``literate_l1_15_25``, ``literate_l2_15_35``); a column only
        the other kind of commune uses may be missing or empty. Lower secondary also needs
        ``pcgd_primary_level`` (0-3) and ``literacy_level`` (0-2), whole numbers. Optional:
        ``age11_not_completed_not_in_primary`` (count; Điều 10.1.c, 11.1.c need 0) and
        ``disabled_access`` or its counts (Thông tư 07/2016 Điều 2 needs ≥ 60).
    standard : str
        ``pcgd_preschool5``, ``pcgd_primary``, ``pcgd_lower_secondary`` or ``literacy``.
    by : sequence of str
        Columns identifying a commune and year; duplicates are refused.

    Returns
    -------
    DataFrame
        ``by``, ``standard``, ``level`` (0 = not met), then the criterion that binds:
        ``binding_criterion``, ``binding_value``, ``binding_threshold``, ``margin`` (points;
        negative where it fails), ``margin_persons`` (persons, from counts), ``binding_article``.
        Below the top level it is the failing criterion of the next level with the largest
        shortfall; at the top level it is the smallest headroom over the whole chain. ``keep_*``
        give the smallest headroom of the level reached over its whole chain (levels 1 to
        ``level``), in points (``keep_criterion``, ``keep_margin``, ``keep_article``) and in persons
        (``keep_criterion_persons``, ``keep_margin_persons``: how many could leave the numerator
        before the level is lost). ``conditions_to_confirm``: the conditions of the level reached
        that the input could not show, as "document article: quoted text", joined by " | ".

    .. math:: \\text{level} = \\max\\{\\ell : 100\\,n_c \\ge \\theta_{c}(\\text{ĐBKK})\\,d_c\\ \\forall c \\in C_1 \\cup \\dots \\cup C_\\ell\\}

    References
    ----------
    Nghị định 20/2014/NĐ-CP, Điều 6, 9-11, 14-16, 20-21; Thông tư 07/2016/TT-BGDĐT, Điều 2
    (``universalization_criteria()`` quotes each).

    Examples
    --------
    Na Mèo (ĐBKK) with 320 of 355 15-18-year-olds holding the diploma (90,14%), primary level 3,
    literacy level 2 and, say, 75% of 15-18-year-olds in upper secondary or vocational training:
    level 3 by 0,14 points over the ĐBKK threshold of 90% (Điều 16.1.b), that is by 0 persons:
    one graduate fewer and 319 / 355 = 89,86% < 90%.

    >>> r = pd.DataFrame({"locality": ["Na Mèo"], "year": [2021], "dbkk": [True],
    ...                   "diploma_15_18_numerator": [320], "diploma_15_18_denominator": [355],
    ...                   "upper_or_vocational_15_18": [75.0], "pcgd_primary_level": [3], "literacy_level": [2]})
    >>> out = classify_universalization(r, "pcgd_lower_secondary")
    >>> out[["level", "binding_criterion", "margin", "margin_persons", "binding_article"]].round(2).to_dict("records")
    [{'level': 3, 'binding_criterion': 'diploma_15_18', 'margin': 0.14, 'margin_persons': 0.0, 'binding_article': 'Điều 16.1.b'}]
    >>> print(out["conditions_to_confirm"].item())
    TT 07/2016 Điều 2: huy động ít nhất 60% người khuyết tật có khả năng học tập được tiếp cận giáo dục

    Without ĐBKK status level 3 needs 95% (4,86 short) and 80% in upper secondary or
    vocational training (5 short): level 2 (Điều 15.1.b: 90%), and the larger shortfall binds.
    With primary and literacy only at level 1 the level is the same: Điều 15.1.a asks for PCGD
    THCS mức độ 1 only.

    >>> classify_universalization(r.assign(dbkk=False), "pcgd_lower_secondary")[["level", "binding_criterion", "margin"]].round(2).to_dict("records")
    [{'level': 2, 'binding_criterion': 'upper_or_vocational_15_18', 'margin': -5.0}]
    >>> classify_universalization(r.assign(dbkk=False, pcgd_primary_level=1, literacy_level=1), "pcgd_lower_secondary")["level"].item()
    2

    Literacy in an ĐBKK commune counts a narrower age group (Điều 20-21):

    >>> lit = pd.DataFrame({"locality": ["X"], "year": [2021], "dbkk": [True],
    ...                     "literate_l1_15_25": [97.2], "literate_l2_15_35": [93.5]})
    >>> classify_universalization(lit, "literacy")[["level", "binding_criterion", "margin"]].round(1).to_dict("records")
    [{'level': 2, 'binding_criterion': 'literate_l2_15_35', 'margin': 3.5}]
    """
    by = list(by)
    _check_standard(standard)
    specs = _specs(standard)
    t = check_table(rates, "rates", required=by + ["dbkk"], keys=by)
    bad = t[~t["dbkk"].isin([True, False])]
    raise_data_error("bảng tỷ lệ không hợp lệ / rates table is invalid", [
        dict(file="rates", row=i, column="dbkk", value=v, expected="True hoặc False / True or False")
        for i, v in bad["dbkk"].items()])
    n = len(t)
    dbkk = t["dbkk"].astype(bool).to_numpy()
    # columns each kind of commune needs, all checked at once
    missing_cols = []
    for s in specs:
        if s["kind"] == "condition":
            continue
        for col, rows, who in ((s["col"], ~dbkk, "non-ĐBKK"), (s["col_dbkk"], dbkk, "ĐBKK")):
            if rows.any() and col not in t.columns and not {f"{col}_numerator", f"{col}_denominator"} & set(t.columns):
                missing_cols.append(dict(file="rates", row=None, column=col, value=None,
                                         expected=f"cột '{col}' / a column named '{col}' (needed by the {standard} "
                                                  f"criteria for {who} communes), or '{col}_numerator' and '{col}_denominator'"))
    raise_data_error("bảng tỷ lệ thiếu cột / rates table is missing columns",
                     list({(p["column"]): p for p in missing_cols}.values()))
    problems: list = []
    idx = t.index.to_numpy()
    K = len(specs)
    meets = np.ones((n, K), dtype=bool)
    known = np.ones((n, K), dtype=bool)
    value = np.full((n, K), np.nan)
    thr = np.zeros((n, K))
    margin = np.full((n, K), np.nan)
    persons = np.full((n, K), np.nan)
    for k, s in enumerate(specs):
        th = np.where(dbkk, s["th_dbkk"], s["th"])
        thr[:, k] = th
        if s["kind"] == "prerequisite":  # another standard's level, a whole number in its range
            col, top = s["col"], MAX_LEVEL[s["criterion"].removesuffix("_level")]
            v = pd.to_numeric(t[col], errors="coerce").to_numpy(dtype=float)
            badv = np.isnan(v) | (v < 0) | (v > top) | (np.nan_to_num(v) != np.floor(np.nan_to_num(v)))
            for i in np.flatnonzero(badv):
                problems.append(dict(file="rates", row=idx[i], column=col,
                                     value="(empty)" if pd.isna(t[col].iloc[i]) else t[col].iloc[i],
                                     expected=f"một mức độ nguyên 0-{top} / a whole level 0-{top} "
                                              f"({s['article']}; {col.removesuffix('_level')} has levels 1-{top})"))
            v = np.where(badv, 0, v)
            value[:, k], meets[:, k], margin[:, k] = v, v >= th, v - th
            continue
        if s["unit"] == "count_at_most":  # a count that must not exceed the threshold (0)
            col = s["col"]
            if col in t.columns:
                v = pd.to_numeric(t[col], errors="coerce").to_numpy(dtype=float)
                given = ~t[col].isna().to_numpy()
                badv = given & (np.isnan(v) | (v < 0) | (np.nan_to_num(v) != np.floor(np.nan_to_num(v))))
                for i in np.flatnonzero(badv):
                    problems.append(dict(file="rates", row=idx[i], column=col, value=t[col].iloc[i],
                                         expected="một số người, số nguyên ≥ 0 / a count of persons, a whole number ≥ 0"))
                kn = given & ~badv
            else:
                v, kn = np.zeros(n), np.zeros(n, dtype=bool)
            v = np.where(kn, v, np.nan)
            known[:, k], value[:, k] = kn, v
            meets[:, k] = ~kn | (np.nan_to_num(v) <= th)
            persons[:, k] = np.where(kn, th - v, np.nan)
            continue
        required = s["kind"] == "rate"
        parts = []
        for col, rows, who in ((s["col"], ~dbkk, "non-ĐBKK"), (s["col_dbkk"], dbkk, "ĐBKK")):
            if s["kind"] == "condition" and col not in t.columns and f"{col}_numerator" not in t.columns:
                parts.append((np.zeros(n, np.int64), np.ones(n, np.int64), np.full(n, np.nan), np.zeros(n, bool),
                              np.zeros(n, bool)))
                continue
            parts.append(_numbers(t, col, rows, problems, who, required))
        (n0, d0, r0, c0, k0), (n1, d1, r1, c1, k1) = parts
        num, den, rate = np.where(dbkk, n1, n0), np.where(dbkk, d1, d0), np.where(dbkk, r1, r0)
        counts, kn = np.where(dbkk, c1, c0), np.where(dbkk, k1, k0)
        thi = th.astype(np.int64)
        ok_counts = 100 * num >= thi * den
        ok_rate = np.nan_to_num(rate, nan=-1.0) >= th
        known[:, k], value[:, k] = kn, rate
        meets[:, k] = ~kn | np.where(counts, ok_counts, ok_rate)
        margin[:, k] = rate - th
        persons[:, k] = np.where(counts, np.floor_divide(100 * num - thi * den, 100), np.nan)
    problems = list({(p["row"], p["column"], str(p["value"])): p for p in problems}.values())
    raise_data_error("bảng tỷ lệ không hợp lệ / rates table is invalid", problems)
    lv = np.array([s["level"] for s in specs])
    top = MAX_LEVEL[standard]
    level_ok = np.column_stack([meets[:, lv == L].all(axis=1) for L in range(1, top + 1)])
    level = np.logical_and.accumulate(level_ok, axis=1).sum(axis=1)
    # the chain of the level reached: every criterion of levels 1..level
    in_chain = lv[None, :] <= level[:, None]
    cat = np.array([2 if s["kind"] == "prerequisite" else 1 if s["unit"] == "count_at_most" else 0 for s in specs])
    is_rate = cat == 0
    headroom = np.where(in_chain & is_rate[None, :] & known & ~np.isnan(margin), margin, np.inf)
    keep = headroom.argmin(axis=1)
    has_keep = np.isfinite(headroom.min(axis=1))
    hp = np.where(in_chain & ~np.isnan(persons) & is_rate[None, :], persons, np.inf)
    keep_p = hp.argmin(axis=1)
    has_keep_p = np.isfinite(hp.min(axis=1))
    # what stops the next level: a failing rate (largest shortfall), then a failing condition, then a prerequisite
    prio = cat.astype(float)
    fail = (lv[None, :] == (level + 1)[:, None]) & ~meets
    score = np.where(fail, prio[None, :] * 1e6 + np.nan_to_num(margin, nan=0.0), np.inf)
    nxt = score.argmin(axis=1)
    at_top = level == top
    b = np.where(at_top, keep, nxt)
    rows_ = np.arange(n)
    articles = np.array([s["article"] for s in specs], dtype=object)
    names = np.array([s["col"] for s in specs], dtype=object)
    names_dbkk = np.array([s["col_dbkk"] or s["col"] for s in specs], dtype=object)
    name_of = lambda j: np.where(dbkk, names_dbkk[j], names[j])  # noqa: E731
    out = t[by].copy()
    out["standard"] = standard
    out["level"] = level.astype(int)
    valid_b = np.where(at_top, has_keep, True)
    out["binding_criterion"] = np.where(valid_b, name_of(b), "")
    out["binding_value"] = np.where(valid_b, value[rows_, b], np.nan)
    out["binding_threshold"] = np.where(valid_b, thr[rows_, b], np.nan)
    out["margin"] = np.where(valid_b, margin[rows_, b], np.nan)
    out["margin_persons"] = np.where(valid_b, persons[rows_, b], np.nan)
    out["binding_article"] = np.where(valid_b, articles[b], "")
    out["keep_criterion"] = np.where(has_keep, name_of(keep), "")
    out["keep_margin"] = np.where(has_keep, margin[rows_, keep], np.nan)
    out["keep_article"] = np.where(has_keep, articles[keep], "")
    out["keep_criterion_persons"] = np.where(has_keep_p, name_of(keep_p), "")
    out["keep_margin_persons"] = np.where(has_keep_p, persons[rows_, keep_p], np.nan)
    # conditions of the level reached that the input did not show; identical texts (TT 07/2016) once
    cond = [k for k, s in enumerate(specs) if s["kind"] == "condition"]
    mask = np.zeros(n, dtype=np.int64)
    for bit, k in enumerate(cond):
        mask |= (in_chain[:, k] & ~known[:, k]).astype(np.int64) << bit
    texts = {m: _join_conditions(specs[k]["condition"] for bit, k in enumerate(cond) if m >> bit & 1)
             for m in np.unique(mask)}
    out["conditions_to_confirm"] = [texts[m] for m in mask]
    return out.reset_index(drop=True)


_NAMES = {"pcgd_preschool5": "PCGD mầm non 5 tuổi", "pcgd_primary": "PCGD tiểu học", "pcgd_lower_secondary": "PCGD THCS",
          "literacy": "Xóa mù chữ"}


def _criteria_text() -> str:
    """One paragraph per standard and level, from the criteria table (for the handbook)."""
    paras = []
    for (std, lv), g in _criteria().groupby(["standard", "level"], sort=False):
        parts = []
        for r in g.itertuples(index=False):
            q = f": «{r.text_vi}»" if r.text_vi else f" ({r.note})"
            art = r.article if r.document.startswith("Nghị định 20/2014") else f"TT 07/2016 {r.article}"
            if r.kind == "rate" or (r.kind == "condition" and r.unit == "percent"):
                th = f"{r.threshold}%" + (f" (ĐBKK {int(r.threshold_dbkk)}%)" if r.threshold_dbkk != r.threshold else "")
                ages = f", tuổi {r.age_group}" + (f" (ĐBKK {r.age_group_dbkk})" if r.age_group_dbkk != r.age_group else "") \
                    if r.age_group else ""
                parts.append(f"{art}: {r.column} ≥ {th}{ages}{q}")
            elif r.kind == "prerequisite":
                parts.append(f"{art}: {r.criterion} ≥ {r.threshold}{q}")
            elif r.kind == "condition":
                parts.append(f"{art}: {r.column} = 0{q}")
            else:
                parts.append(f"{art} ({'huyện / district' if r.kind == 'district' else 'tỉnh / province'}): "
                             f"{'≥ ' if r.threshold < 100 else ''}{r.threshold}%{q}")
        paras.append(f"{_NAMES[std]} mức độ {lv} — " + "; ".join(parts) + ".")
    return "\n\n    ".join(paras)


if classify_universalization.__doc__:
    classify_universalization.__doc__ = classify_universalization.__doc__.replace("CRITERIA_TEXT", _criteria_text())


# ------------------------------------------------------------------ districts and provinces
def _share_rule(table: pd.DataFrame, name: str, standard_level: int, by: list[str], unit: str, standard: str | None,
                threshold: float | None, roster: pd.DataFrame | None, missing: str, kind: str) -> pd.DataFrame:
    """Share of units (communes or districts) at ``standard_level`` or above, against the article's rule."""
    if missing not in ("not_met", "refuse"):
        raise ValueError(f"missing must be 'not_met' or 'refuse', not {missing!r}")
    t = check_table(table, name, required=by + [unit, "level"])
    # the standard: the argument, the table's column, or both agreeing; rows of other standards are not counted
    if "standard" in t.columns:
        found = sorted(t["standard"].dropna().astype(str).unique())
        if standard is None:
            if len(found) != 1:
                raise_data_error(f"{name}: cần chọn một chuẩn / choose one standard", [dict(
                    file=name, row=None, column="standard", value=", ".join(found),
                    expected="standard=... (bảng có nhiều chuẩn / the table holds several standards; one level "
                             "of one standard is assessed at a time)")])
            standard = found[0]
        bad = t[~t["standard"].isin(MAX_LEVEL)]
        raise_data_error(f"{name} table is invalid", [dict(file=name, row=i, column="standard", value=v,
                                                            expected=f"one of {', '.join(MAX_LEVEL)}")
                                                       for i, v in bad["standard"].items()])
        if standard not in found:
            raise_data_error(f"{name}: không có chuẩn này / standard not in the table", [dict(
                file=name, row=None, column="standard", value=standard, expected=f"one of {', '.join(found)}")])
        t = t[t["standard"] == standard]
    if standard is None and threshold is None:
        raise ValueError("cần nêu chuẩn / standard needed: the share required depends on the standard and level "
                         "(e.g. 95% for pcgd_lower_secondary level 2, Điều 15.2); pass standard=... or a 'standard' column")
    if standard is not None:
        _check_standard(standard)
        if not 1 <= standard_level <= MAX_LEVEL[standard] or int(standard_level) != standard_level:
            raise ValueError(f"{standard} has levels 1-{MAX_LEVEL[standard]}, not {standard_level!r}")
    top = MAX_LEVEL.get(standard, 3)
    lvl = pd.to_numeric(t["level"], errors="coerce")
    problems = [dict(file=name, row=i, column="level", value=t.at[i, "level"],
                     expected=f"một mức độ nguyên 0-{top} / a whole level 0-{top}")
                for i in t.index[lvl.isna() | (lvl < 0) | (lvl > top) | (lvl != lvl.round())]]
    keys = by + [unit]
    for c in keys:
        for i in t.index[t[c].isna()]:
            problems.append(dict(file=name, row=i, column=c, value="(empty)",
                                 expected=f"giá trị / a value (a row without its {c} cannot be counted anywhere)"))
    dup = t.duplicated(keys, keep=False)
    for i in t.index[dup]:
        first = t.index[dup & (t[keys] == t.loc[i, keys]).all(axis=1)].tolist()
        problems.append(dict(file=name, row=i, column=", ".join(keys), value=", ".join(str(t.at[i, k]) for k in keys),
                             expected=f"mỗi {unit} một dòng / one row per {', '.join(keys)} (rows {first} repeat it; "
                                      f"a unit counted twice would inflate the share)"))
    if "year" in by:
        yrs = pd.to_numeric(t["year"], errors="coerce")
        for i in t.index[yrs >= _FIRST_YEAR_WITHOUT_DISTRICTS]:
            problems.append(dict(file=name, row=i, column="year", value=t.at[i, "year"],
                                 expected="a year before 2025: từ 1/7/2025 không còn cấp huyện / districts were abolished "
                                          "on 1/7/2025, so the district and province rules of Nghị định 20/2014 cannot "
                                          "be applied; use province_commune_share (no legal threshold)"))
    raise_data_error(f"bảng {name} không hợp lệ / {name} table is invalid", problems)
    t = t.assign(level=lvl.loc[t.index].astype(int))
    missing_names: dict = {}
    if roster is not None:
        r = check_table(roster, "roster", required=keys, keys=keys)
        m = t[keys].merge(r[keys].drop_duplicates(), on=keys, how="left", indicator="_m")
        extra = t.index[(m["_m"] == "left_only").to_numpy()]
        raise_data_error(f"{name}: đơn vị không có trong danh sách / units not on the roster", [
            dict(file=name, row=i, column=unit, value=t.at[i, unit],
                 expected=f"a {unit} on the roster for {', '.join(f'{k}={t.at[i, k]}' for k in by)}")
            for i in extra])
        absent = r[keys].merge(t[keys], on=keys, how="left", indicator="_m")
        absent = absent[absent["_m"] == "left_only"].drop(columns="_m")
        if missing == "refuse":
            raise_data_error(f"{name}: thiếu đơn vị trong danh sách / units on the roster are missing", [
                dict(file="roster", row=None, column=unit, value=v,
                     expected=f"a row for this {unit} in {name} ({', '.join(f'{k}={a[k]}' for k in by)})")
                for (_, a), v in zip(absent.iterrows(), absent[unit])])
        if len(absent):
            t = pd.concat([t, absent.assign(level=0, _absent=True)], ignore_index=True)
            for key, g in absent.groupby(by):
                missing_names[key if isinstance(key, tuple) else (key,)] = ", ".join(sorted(map(str, g[unit])))
    if "_absent" not in t.columns:
        t["_absent"] = False
    t["_absent"] = t["_absent"].fillna(False).astype(bool)
    if threshold is None:
        share = DISTRICT_SHARE if kind == "district" else PROVINCE_SHARE
        threshold = share[(standard, standard_level)]
        row = _criteria()[(_criteria()["standard"] == standard) & (_criteria()["level"] == standard_level)
                          & (_criteria()["kind"] == kind)].iloc[0]
        article = f"NĐ 20/2014 {row.article}"
    else:
        article = "ngưỡng do người dùng đặt / threshold set by the caller"
    t["_at"] = t["level"] >= standard_level
    agg = t.groupby(by, sort=True).agg(numerator=("_at", "sum"), denominator=("_at", "size"),
                                       missing=("_absent", "sum")).reset_index()
    th = Fraction(str(threshold))
    num, den = agg["numerator"].to_numpy(np.int64), agg["denominator"].to_numpy(np.int64)
    lhs, rhs = num * 100 * th.denominator, th.numerator * den
    agg["met"] = lhs >= rhs  # exact: 100 n ≥ s d
    agg["units_short"] = np.maximum(0, -((lhs - rhs) // (100 * th.denominator)))  # smallest k: 100 (n + k) ≥ s d
    if "conditions_to_confirm" in t.columns:
        counted = t.loc[t["_at"], by + ["conditions_to_confirm"]].copy()
        text = counted["conditions_to_confirm"].where(counted["conditions_to_confirm"].notna(), "").astype(str)
        keep = {x: frozenset(c for c in _split_conditions(x)
                             if standard is None or _CONDITION_LEVEL.get(c, {}).get(standard, 0) <= standard_level)
                for x in text.unique()}
        counted["_c"] = text.map(keep)
        conds = counted.groupby(by, sort=True)["_c"].agg(lambda s: _join_conditions(frozenset().union(*s)))
        agg = agg.merge(conds.rename("conditions_to_confirm").reset_index(), on=by, how="left")
        agg["conditions_to_confirm"] = agg["conditions_to_confirm"].fillna("")
    else:  # levels given without their conditions: the level's conditions are still to be confirmed
        chain = _join_conditions(_chain_conditions(standard, standard_level)) if standard else ""
        agg["conditions_to_confirm"] = np.where(num > 0, chain, "")
    agg["standard"], agg["standard_level"], agg["article"] = standard, standard_level, article
    agg["numerator"], agg["denominator"] = num.astype(float), den.astype(float)
    agg["missing"] = agg["missing"].astype(int)
    agg["missing_units"] = [missing_names.get(k, "") for k in agg[by].itertuples(index=False, name=None)]
    agg["value"] = 100.0 * num / den
    agg["threshold"] = float(threshold)
    agg["units_short"] = agg["units_short"].astype(int)
    cols = by + ["standard", "standard_level", "numerator", "denominator", "missing", "missing_units", "value",
                 "threshold", "met", "units_short", "article", "conditions_to_confirm"]
    return agg[cols]


def district_universalization(commune_levels: pd.DataFrame, standard_level: int, by: Sequence[str] = ("district", "year"),
                              threshold: float | None = None, standard: str | None = None, *, commune: str | None = None,
                              roster: pd.DataFrame | None = None, missing: str = "not_met") -> pd.DataFrame:
    """Whether a district meets a level: the share of its communes at that level or above, against its article.

    The share needed is the article's: 90% of communes (Điều 6.3, 9.3, 10.2, 11.2, 14.3, 20.2,
    21.2), **95%** for PCGD THCS mức độ 2 (Điều 15.2), **100%** for PCGD THCS mức độ 3 (Điều 16.2).

    Parameters
    ----------
    commune_levels : DataFrame
        ``by``, the commune column, ``level`` (whole number 0 to the standard's top level) and
        optionally ``standard`` (only rows of the standard assessed are counted; a table of
        several standards needs ``standard=``) and ``conditions_to_confirm`` (as
        :func:`classify_universalization` gives it). A commune listed twice is refused, naming
        the rows. Years from 2025 on are refused: there are no districts after 1/7/2025.
    standard_level : int
        The level assessed.
    by : sequence of str
        Columns identifying a district and year.
    threshold : float, optional
        Overrides the article's share (the output then says so).
    standard : str, optional
        The standard; needed unless the table has a single-valued ``standard`` column.
    commune : str, optional
        The commune column: ``commune`` if present, else ``locality``.
    roster : DataFrame, optional
        Every commune of each district (``by`` and the commune column): the denominator. A
        commune on the roster but absent from the table counts as not meeting the level
        (``missing="not_met"``, reported in ``missing`` and ``missing_units``) or is refused
        (``missing="refuse"``); a commune not on the roster is refused. Without a roster the
        denominator is the communes in the table.

    Returns
    -------
    DataFrame
        ``by``, ``standard``, ``standard_level``, ``numerator`` (communes at the level or above),
        ``denominator``, ``missing``, ``missing_units``, ``value`` (%), ``threshold``, ``met``
        (compared in integers: :math:`100 n \\ge s\\,d`), ``units_short`` (communes still needed),
        ``article`` and ``conditions_to_confirm`` (of the communes counted, for this level).

    .. math:: \\text{met} \\iff 100 \\times \\#\\{\\text{communes with level} \\ge \\ell\\} \\ge s_\\ell \\times \\#\\text{communes},\\quad s_\\ell \\in \\{90, 95, 100\\}

    References
    ----------
    Nghị định 20/2014/NĐ-CP, Điều 6.3, 9.3, 10.2, 11.2, 14.3, 15.2, 16.2, 20.2, 21.2.

    Examples
    --------
    Mường Tè's "10 xã đạt chuẩn mức độ 3" (primary) of 14 communes and towns is 71,4%: the
    district is not at level 3 (Điều 11.2: 90%), while 13 of 14 communes at level ≥ 2 (92,9%)
    make it level 2.

    >>> c = pd.DataFrame({"district": "Mường Tè", "year": 2023, "commune": range(14),
    ...                   "standard": "pcgd_primary", "level": [3] * 10 + [2] * 3 + [1]})
    >>> district_universalization(c, 3)[["numerator", "denominator", "value", "met", "units_short", "article"]].round(1).to_dict("records")
    [{'numerator': 10.0, 'denominator': 14.0, 'value': 71.4, 'met': False, 'units_short': 3, 'article': 'NĐ 20/2014 Điều 11.2'}]
    >>> bool(district_universalization(c, 2)["met"].item())
    True

    For lower-secondary level 2 the same 13 of 14 (92,9%) fall short of 95% (Điều 15.2):

    >>> district_universalization(c.assign(standard="pcgd_lower_secondary"), 2)[["value", "threshold", "met"]].round(1).to_dict("records")
    [{'value': 92.9, 'threshold': 95.0, 'met': False}]
    """
    by = list(by)
    if commune is None:
        commune = "commune" if "commune" in commune_levels.columns else "locality"
    return _share_rule(commune_levels, "commune_levels", standard_level, by, commune, standard, threshold, roster,
                       missing, "district")


def district_levels(commune_levels: pd.DataFrame, standard: str | None = None, by: Sequence[str] = ("district", "year"), *,
                    commune: str | None = None, roster: pd.DataFrame | None = None, missing: str = "not_met") -> pd.DataFrame:
    """Each district's level of a standard: the highest level whose district rule is met (0 if none).

    Returns ``by``, ``standard``, ``level``, the next level's ``next_value`` (% of communes),
    ``next_threshold`` and ``next_units_short`` (NaN at the top level), ``article`` of the level
    reached and its ``conditions_to_confirm``: the table :func:`province_universalization` reads.

    References
    ----------
    Nghị định 20/2014/NĐ-CP, district rules of Điều 6, 9-11, 14-16, 20-21.

    Examples
    --------
    >>> c = pd.DataFrame({"district": "Mường Tè", "year": 2023, "commune": range(14),
    ...                   "standard": "pcgd_primary", "level": [3] * 10 + [2] * 3 + [1]})
    >>> district_levels(c)[["level", "next_value", "next_threshold", "next_units_short"]].round(1).to_dict("records")
    [{'level': 2, 'next_value': 71.4, 'next_threshold': 90.0, 'next_units_short': 3.0}]
    """
    by = list(by)
    if standard is None and "standard" in commune_levels.columns and commune_levels["standard"].nunique() == 1:
        standard = str(commune_levels["standard"].iloc[0])
    if standard is None:
        raise ValueError("cần nêu chuẩn / standard needed (pass standard=...)")
    _check_standard(standard)
    per = [district_universalization(commune_levels, lv, by, standard=standard, commune=commune, roster=roster,
                                     missing=missing) for lv in range(1, MAX_LEVEL[standard] + 1)]
    met = np.column_stack([p["met"].to_numpy() for p in per])
    level = np.logical_and.accumulate(met, axis=1).sum(axis=1)
    out = per[0][by].copy()
    out["standard"] = standard
    out["level"] = level
    pick = lambda col, lv_of: [per[lv - 1][col].iloc[i] if 1 <= lv <= len(per) else np.nan  # noqa: E731
                               for i, lv in enumerate(lv_of)]
    out["next_value"] = pick("value", level + 1)
    out["next_threshold"] = pick("threshold", level + 1)
    out["next_units_short"] = np.array(pick("units_short", level + 1), dtype=float)
    out["article"] = [x if isinstance(x, str) else "" for x in pick("article", level)]
    out["conditions_to_confirm"] = [x if isinstance(x, str) else "" for x in pick("conditions_to_confirm", level)]
    return out


def province_universalization(district_levels: pd.DataFrame, standard_level: int, standard: str | None = None,
                              by: Sequence[str] = ("province", "year"), *, district: str = "district",
                              roster: pd.DataFrame | None = None, missing: str = "not_met",
                              threshold: float | None = None) -> pd.DataFrame:
    """Whether a province meets a level: the share of its districts at that level or above.

    100% of districts (Điều 6.4, 9.4, 10.3, 11.3, 14.4, 15.3, 16.3, 21.3), except XMC mức độ 1
    where "ít nhất 90% số huyện" suffices (Điều 20.3). Same validation, roster and output as
    :func:`district_universalization`, with districts as the units; the districts'
    ``conditions_to_confirm`` are carried up. Years from 2025 on are refused (no districts).

    .. math:: \\text{met} \\iff 100 \\times \\#\\{\\text{districts with level} \\ge \\ell\\} \\ge s_\\ell \\times \\#\\text{districts},\\quad s_\\ell \\in \\{90, 100\\}

    References
    ----------
    Nghị định 20/2014/NĐ-CP, Điều 6.4, 9.4, 10.3, 11.3, 14.4, 15.3, 16.3, 20.3, 21.3.

    Examples
    --------
    Nine of ten districts at literacy level 1 meet Điều 20.3 (90%); at level 2 they would need
    all ten (Điều 21.3):

    >>> d = pd.DataFrame({"province": "P", "year": 2020, "district": range(10), "standard": "literacy",
    ...                   "level": [2] * 9 + [0]})
    >>> province_universalization(d, 1)[["value", "threshold", "met", "article"]].to_dict("records")
    [{'value': 90.0, 'threshold': 90.0, 'met': True, 'article': 'NĐ 20/2014 Điều 20.3'}]
    >>> province_universalization(d, 2)[["met", "units_short"]].to_dict("records")
    [{'met': False, 'units_short': 1}]
    """
    return _share_rule(district_levels, "district_levels", standard_level, list(by), district, standard, threshold,
                       roster, missing, "province")


def province_commune_share(commune_levels: pd.DataFrame, standard_level: int, standard: str | None = None,
                           by: Sequence[str] = ("province", "year"), *, commune: str | None = None,
                           roster: pd.DataFrame | None = None, missing: str = "not_met") -> pd.DataFrame:
    """Share of a province's communes at a level or above: an option with **no legal threshold**.

    From 1/7/2025 there are no districts, and no text found defines a province rule without
    them. This gives the share of communes across the province (any year, old or new map) for
    planners who want one, with ``threshold`` NaN, ``met`` empty and ``legal_threshold`` saying
    there is none. Validation, roster and ``conditions_to_confirm`` as in
    :func:`district_universalization`.

    .. math:: \\text{share} = 100 \\times \\frac{\\#\\{\\text{communes with level} \\ge \\ell\\}}{\\#\\text{communes}}

    References
    ----------
    Nghị định 20/2014/NĐ-CP (district and province rules, which presuppose districts); the 2025
    communes: Nghị quyết 202/2025/QH15 and the Standing Committee's resolutions, in force 1/7/2025.

    Examples
    --------
    >>> c = pd.DataFrame({"province": "Lai Châu", "year": 2025, "commune": range(38),
    ...                   "standard": "pcgd_primary", "level": [3] * 30 + [2] * 8})
    >>> out = province_commune_share(c, 3)
    >>> out[["numerator", "denominator", "value"]].round(1).to_dict("records"), out["legal_threshold"].item()[:28]
    ([{'numerator': 30.0, 'denominator': 38.0, 'value': 78.9}], 'không có ngưỡng pháp lý / no')
    """
    by = list(by)
    if commune is None:
        commune = "commune" if "commune" in commune_levels.columns else "locality"
    # the rule is not the district one: apply the share machinery with a placeholder threshold, then blank it
    c = commune_levels
    years = by if "year" not in by else [b if b != "year" else "_year" for b in by]
    if "year" in by:
        c = c.rename(columns={"year": "_year"})
        roster = roster.rename(columns={"year": "_year"}) if roster is not None else None
    out = _share_rule(c, "commune_levels", standard_level, years, commune, standard, 0, roster, missing, "district")
    out = out.rename(columns={"_year": "year"})
    out["threshold"] = np.nan
    out["met"] = None
    out["units_short"] = np.nan
    out["article"] = ""
    out["legal_threshold"] = ("không có ngưỡng pháp lý / no legal threshold: Nghị định 20/2014 sets shares of communes "
                              "for a district and of districts for a province; no text found sets a share of communes "
                              "for a province without districts (after 1/7/2025)")
    return out


def communes_to_2025_provinces(commune_levels: pd.DataFrame, crosswalk: pd.DataFrame, *,
                               code: str = "commune_code") -> pd.DataFrame:
    """Add the 2025 province (``province_2025``, ``province_2025_code``) of each pre-2025 commune.

    ``crosswalk`` is ``shared/data/gso_provinces/admin_crosswalk_communes_2025.csv`` (read with
    ``dtype=str``): links flagged ``suspect_name_collision`` are dropped (its README); every other
    old commune lies in one 2025 province. A code not in the crosswalk is refused, naming the row.

    References
    ----------
    vietnamadminunits 1.0.4 (MIT), as tidied in ``shared/data/gso_provinces/`` (README).

    Examples
    --------
    >>> cw = pd.DataFrame({"old_commune_code": ["00001", "00001"], "new_province": ["Hà Nội", "X"],
    ...                    "new_province_code": ["01", "99"], "suspect_name_collision": ["False", "True"]})
    >>> communes_to_2025_provinces(pd.DataFrame({"commune_code": ["00001"], "level": [3]}), cw)["province_2025"].tolist()
    ['Hà Nội']
    """
    t = check_table(commune_levels, "commune_levels", required=[code])
    cw = check_table(crosswalk, "crosswalk", required=["old_commune_code", "new_province", "new_province_code"])
    if "suspect_name_collision" in cw.columns:
        cw = cw[cw["suspect_name_collision"].astype(str) != "True"]
    cw = cw.dropna(subset=["old_commune_code"])[["old_commune_code", "new_province", "new_province_code"]].drop_duplicates()
    many = cw["old_commune_code"].duplicated(keep=False)
    if many.any():
        raise_data_error("crosswalk: một xã cũ thuộc nhiều tỉnh mới / an old commune in several 2025 provinces", [
            dict(file="crosswalk", row=i, column="old_commune_code", value=v, expected="one 2025 province per old commune")
            for i, v in cw.loc[many, "old_commune_code"].items()])
    m = dict(zip(cw["old_commune_code"], zip(cw["new_province"], cw["new_province_code"])))
    codes = t[code].astype(str)
    raise_data_error("commune_levels: mã xã không có trong bảng chuyển đổi / commune code not in the crosswalk", [
        dict(file="commune_levels", row=i, column=code, value=v, expected="a pre-2025 commune code of the crosswalk "
             "(five digits with leading zeros, e.g. '00001')") for i, v in codes[~codes.isin(m)].items()])
    out = t.copy()
    out["province_2025"] = [m[c][0] for c in codes]
    out["province_2025_code"] = [m[c][1] for c in codes]
    return out
