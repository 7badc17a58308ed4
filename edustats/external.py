"""Real public data as observations: GSO province series and the localities' published figures.

Two loaders return tidy tables in the observation schema of :func:`edustats.load_observations`
(``locality, indicator, level, year, value, numerator, denominator, unit, source, note,
synthetic``), every row real (``synthetic`` is ``False``) and cited in ``source``:

- :func:`load_gso`: the General Statistics Office (GSO) province tables shipped in
  ``data/external/gso_provinces/`` (63 provinces, the six regions and the country, school years
  2002-03 … 2016-17). The counts (classes, teachers, pupils, female teachers and pupils) are
  published values; the derived series are computed here by the package's own indicator
  functions from those counts, numerator and denominator kept:
  pupils per teacher (:func:`~edustats.indicators.pupil_teacher_ratio`), pupils per class
  (:func:`~edustats.indicators.pupil_class_ratio`), teachers per class and female shares
  (:func:`edustats.indicators._core.rate_frame`). Literacy (15+) and the upper-secondary graduation
  rate are published as rates only (GSO prints no counts): value kept, numerator and
  denominator empty, and the note says so. GSO's ``flag`` on suspect values is carried, and a
  derived value carries the flags of its numerator and denominator.
- :func:`load_context`: the 67 figures published about the documents' localities and their
  provinces (``data/external/local_context/``), each with its verbatim quote and address.

Year convention (the package's): a school year is named by the year it ends. GSO counts "as of
30 September Y" describe school year Y–(Y+1), so they get ``year`` Y+1 (``school_year`` keeps
the label); the graduation exam closing school year Y–(Y+1) is ``year`` Y+1; literacy is a
calendar year.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import raise_data_error
from .indicators import pupil_class_ratio, pupil_teacher_ratio
from .indicators._core import rate_frame
from .loaders import data_path

__all__ = ["GSO_SOURCE", "GSO_COUNT_MEASURES", "GSO_INDICATORS", "load_gso", "load_context", "gso_dir",
           "document_provinces", "document_units", "fold_name"]

GSO_SOURCE = ("General Statistics Office of Viet Nam (GSO), Statistical Yearbook 2016 series, "
              "via github.com/choisy/gso@50040d2")
GSO_COUNT_MEASURES = ("classes", "teachers", "pupils", "female_teachers", "female_pupils")
# derived indicator → (numerator measure, denominator measure, unit)
GSO_INDICATORS = {
    "pupil_teacher_ratio": ("pupils", "teachers", "ratio"),
    "pupil_class_ratio": ("pupils", "classes", "ratio"),
    "teacher_class_ratio": ("teachers", "classes", "ratio"),
    "female_pupil_share": ("female_pupils", "pupils", "percent"),
    "female_teacher_share": ("female_teachers", "teachers", "percent"),
    "literacy_rate": (None, None, "percent"),
    "graduation_rate": (None, None, "percent"),
}
_LEVELS = {"preschool": "preschool", "primary": "primary", "lower_secondary": "lower-secondary",
           "upper_secondary": "upper-secondary", "general_total": "general"}
_COLUMNS = ["locality", "indicator", "level", "year", "value", "numerator", "denominator", "unit", "geo_type",
            "region", "province_code", "school_year", "preliminary", "flag", "source", "note", "synthetic"]


def gso_dir():
    """Folder of the shipped GSO tables (``data/external/gso_provinces``)."""
    return data_path("external", "gso_provinces")


def fold_name(name: str) -> str:
    """A place name folded for matching: NFC, lower case, no diacritics, đ → d, single spaces.

    Both the composed (NFC) and decomposed (NFD) spellings of a Vietnamese name, in any case,
    fold to the same key; the old-style tone placement ("Hoà" for "Hòa") too.

    >>> fold_name("Thiệu Hóa") == fold_name(unicodedata.normalize("NFD", "THIỆU HOÀ"))
    True
    >>> fold_name("  Mường   Tè ")
    'muong te'
    """
    s = unicodedata.normalize("NFD", str(name)).replace("đ", "d").replace("Đ", "D")
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return " ".join(s.lower().split())


@lru_cache(maxsize=1)
def _education_raw() -> pd.DataFrame:
    return pd.read_csv(gso_dir() / "education_by_province.csv", dtype=str, keep_default_na=False)


def _gso_counts() -> pd.DataFrame:
    raw = _education_raw()
    df = raw[raw["geo_type"].isin(["country", "region", "province"]) & raw["measure"].isin(GSO_COUNT_MEASURES)]
    y0 = df["year_start"].astype(int)
    return pd.DataFrame({
        "locality": df["province"].to_numpy(), "indicator": df["measure"].to_numpy(),
        "level": df["level"].map(_LEVELS).to_numpy(), "year": (y0 + 1).to_numpy(),
        "value": df["value"].astype(float).to_numpy(), "numerator": np.nan, "denominator": np.nan,
        "unit": "count", "geo_type": df["geo_type"].to_numpy(), "region": df["region"].to_numpy(),
        "province_code": df["province_code"].to_numpy(), "school_year": df["school_year"].to_numpy(),
        "preliminary": df["preliminary"].eq("True").to_numpy(), "flag": df["flag"].to_numpy(),
        "source": (GSO_SOURCE + ", table " + df["source_table"]).to_numpy(), "note": df["note"].to_numpy(),
        "synthetic": False,
    })


def _join_flags(a: pd.Series, b: pd.Series) -> list[str]:
    out = []
    for x, y in zip(a, b):
        codes = sorted({c for c in f"{x};{y}".split(";") if c})
        out.append(";".join(codes))
    return out


def _derive(counts: pd.DataFrame) -> pd.DataFrame:
    """Ratios and shares from the counts, by the package's indicator functions."""
    by = ["locality", "year"]
    meta = counts.drop_duplicates(["locality", "year"]).set_index(["locality", "year"])[
        ["geo_type", "region", "province_code", "school_year", "preliminary"]]
    parts = []
    for level in ("preschool", "primary", "lower-secondary", "upper-secondary", "general"):
        lv = counts[counts["level"] == level]
        tab = {m: lv[lv["indicator"] == m][by + ["level", "value", "flag", "note"]] for m in GSO_COUNT_MEASURES}
        for code, (num_m, den_m, unit) in GSO_INDICATORS.items():
            if num_m is None or tab[num_m].empty or tab[den_m].empty:
                continue
            keys = tab[num_m][by].merge(tab[den_m][by], on=by)  # only groups with both counts published
            num = tab[num_m].merge(keys, on=by)
            den = tab[den_m].merge(keys, on=by)
            if code == "pupil_teacher_ratio":
                r = pupil_teacher_ratio(num.rename(columns={"value": "enrolment"}),
                                        den.rename(columns={"value": "teachers"}), level, by=by)
            elif code == "pupil_class_ratio":
                r = pupil_class_ratio(num.rename(columns={"value": "enrolment"}),
                                      den.rename(columns={"value": "classes"}), level, by=by).drop(columns="above_cap")
            else:
                # teachers per class, and female shares (a female count above its total is kept,
                # as GSO published it, and flagged `exceeds_total`: not bounded here)
                r = rate_frame(num.rename(columns={"value": "n"}), den.rename(columns={"value": "d"}), by,
                               indicator=code, level=level, num_col="n", den_col="d",
                               scale=100.0 if unit == "percent" else 1.0, bounded=False, unit=unit,
                               what=den_m)
            fl = num[by + ["flag", "note"]].merge(den[by + ["flag", "note"]], on=by, suffixes=("_n", "_d"))
            r = r.merge(fl, on=by, how="left")
            r["flag"] = _join_flags(r["flag_n"], r["flag_d"])
            r["note"] = [("; ".join(dict.fromkeys(p for p in (a, b) if p))) for a, b in zip(r["note_n"], r["note_d"])]
            r["source"] = f"{GSO_SOURCE}; computed by edustats ({code} = {num_m} / {den_m})"
            parts.append(r.drop(columns=["flag_n", "flag_d", "note_n", "note_d"]))
    out = pd.concat(parts, ignore_index=True)
    out = out.join(meta, on=by)
    out["synthetic"] = False
    return out


def _published_rates() -> pd.DataFrame:
    lit = pd.read_csv(gso_dir() / "literacy_by_province.csv", dtype=str, keep_default_na=False)
    lit = lit[lit["geo_type"].isin(["country", "region", "province"])]
    grad = pd.read_csv(gso_dir() / "upper_secondary_graduation_by_province.csv", dtype=str, keep_default_na=False)
    grad = grad[grad["geo_type"].isin(["country", "region", "province"])]
    a = pd.DataFrame({
        "locality": lit["province"].to_numpy(), "indicator": "literacy_rate", "level": "adult",
        "year": lit["year"].astype(int).to_numpy(), "value": lit["value"].astype(float).to_numpy(),
        "unit": "percent", "geo_type": lit["geo_type"].to_numpy(), "region": lit["region"].to_numpy(),
        "province_code": lit["province_code"].to_numpy(), "school_year": "",
        "preliminary": lit["preliminary"].eq("True").to_numpy(), "flag": "",
        "source": (GSO_SOURCE + ", table " + lit["source_table"]).to_numpy(),
        "note": ["; ".join(p for p in ("literacy rate of the population aged 15+ as published; GSO gives no counts",
                                        n) if p) for n in lit["note"]]})
    b = pd.DataFrame({
        "locality": grad["province"].to_numpy(), "indicator": "graduation_rate", "level": "upper-secondary",
        "year": grad["exam_year"].astype(int).to_numpy(), "value": grad["value"].astype(float).to_numpy(),
        "unit": "percent", "geo_type": grad["geo_type"].to_numpy(), "region": grad["region"].to_numpy(),
        "province_code": grad["province_code"].to_numpy(), "school_year": grad["school_year"].to_numpy(),
        "preliminary": False, "flag": "",
        "source": (GSO_SOURCE + ", table " + grad["source_table"]).to_numpy(),
        "note": ["; ".join(p for p in ("% of candidates passing the upper-secondary graduation exam, as published; "
                                        "GSO gives no counts", n) if p) for n in grad["note"]]})
    out = pd.concat([a, b], ignore_index=True)
    out["numerator"] = np.nan
    out["denominator"] = np.nan
    out["synthetic"] = False
    return out


@lru_cache(maxsize=1)
def _gso_all() -> pd.DataFrame:
    counts = _gso_counts()
    out = pd.concat([counts, _derive(counts), _published_rates()], ignore_index=True)[_COLUMNS]
    out["year"] = out["year"].astype(int)
    return out.sort_values(["geo_type", "locality", "indicator", "level", "year"], kind="stable").reset_index(drop=True)


def load_gso(indicators=None, localities=None, levels=None, geo_types=("country", "region", "province")) -> pd.DataFrame:
    """GSO province, region and country series as real observations.

    Parameters
    ----------
    indicators : str or list of str, optional
        Any of the count measures (``classes``, ``teachers``, ``pupils``, ``female_teachers``,
        ``female_pupils``) and the indicators ``pupil_teacher_ratio``, ``pupil_class_ratio``,
        ``teacher_class_ratio``, ``female_pupil_share``, ``female_teacher_share``,
        ``literacy_rate``, ``graduation_rate``. Default: all.
    localities : str or list of str, optional
        Province names (``Hòa Bình``), region names (``Trung du và miền núi phía Bắc``) or
        ``Cả nước``; matched with diacritics, case and Unicode form folded (``hoa binh`` finds
        ``Hòa Bình``). Default: all.
    levels : str or list of str, optional
        ``preschool``, ``primary``, ``lower-secondary``, ``upper-secondary``, ``general``
        (GSO's general-education total), ``adult`` (literacy).
    geo_types : tuple of str
        ``country``, ``region``, ``province``.

    Returns
    -------
    DataFrame
        Columns ``locality, indicator, level, year, value, numerator, denominator, unit,
        geo_type, region, province_code, school_year, preliminary, flag, source, note,
        synthetic`` (always ``False``), sorted. A ratio is

        .. math:: \\text{pupils per teacher}_{p,L,y} = \\frac{E_{p,L,y}}{T_{p,L,y}},\\qquad
                  \\text{female share} = 100\\,\\frac{F}{E}

        with numerator and denominator the published counts.

    References
    ----------
    GSO, "Number of pupils / direct teaching teachers / classes of general education as of 30
    September by province", Statistical Yearbook 2016 series, retrieved via the R package gso
    (github.com/choisy/gso@50040d2); see ``data/external/README.md``.

    Examples
    --------
    Hòa Bình, primary, school year 2015-2016 (``year`` 2016): GSO's 69.118 pupils and 4.956
    teachers give 13,95 pupils per teacher:

    >>> g = load_gso("pupil_teacher_ratio", "Hòa Bình", "primary")
    >>> g[g["year"] == 2016][["numerator", "denominator"]].to_dict("records")
    [{'numerator': 69118.0, 'denominator': 4956.0}]
    >>> round(float(g.loc[g["year"] == 2016, "value"].iloc[0]), 2), bool(g["synthetic"].any())
    (13.95, False)
    """
    df = _gso_all()
    problems = []

    def _as_list(x):
        return [x] if isinstance(x, str) else list(x)

    if indicators is not None:
        want = _as_list(indicators)
        valid = list(GSO_COUNT_MEASURES) + list(GSO_INDICATORS)
        problems += [dict(file="load_gso", row=None, column="indicators", value=w,
                          expected="one of " + ", ".join(valid)) for w in want if w not in valid]
        df = df[df["indicator"].isin(want)]
    if localities is not None:
        names = sorted(set(_gso_all()["locality"]))
        by_fold = {fold_name(n): n for n in names}
        want = []
        for w in _as_list(localities):
            hit = by_fold.get(fold_name(w))
            if hit is None:
                import difflib
                near = difflib.get_close_matches(fold_name(w), list(by_fold), n=1)
                problems.append(dict(file="load_gso", row=None, column="localities", value=w,
                                     expected="a province, region or 'Cả nước'" +
                                              (f" (nearest: {by_fold[near[0]]})" if near else "")))
            else:
                want.append(hit)
        df = df[df["locality"].isin(want)]
    if levels is not None:
        df = df[df["level"].isin(_as_list(levels))]
    df = df[df["geo_type"].isin(list(geo_types))]
    raise_data_error("không đọc được số liệu GSO / cannot select GSO data", problems)
    return df.reset_index(drop=True)


# ------------------------------------------------------------------ the localities' published figures
_CONTEXT_LEVELS = {"all", "nursery", "kindergarten", "preschool", "primary", "lower-secondary", "upper-secondary"}


def document_units() -> dict:
    """Locality of each shipped document → ``(unit type, province, district)`` before 2025.

    >>> document_units()["Na Mèo"], document_units()["Lạc Sơn"]
    (('commune', 'Thanh Hóa', 'Quan Sơn'), ('district', 'Hòa Bình', ''))
    """
    from .loaders import load_sources

    out = {}
    for r in load_sources().itertuples(index=False):
        if r.commune and r.province:
            out[r.commune] = ("commune", r.province, r.district)
        elif r.district and r.province:
            out[r.district] = ("district", r.province, "")
    return out


def document_provinces() -> dict:
    """Locality of each shipped document → its pre-2025 province (``data/sources.csv``).

    >>> document_provinces()["Na Mèo"], document_provinces()["Lạc Sơn"]
    ('Thanh Hóa', 'Hòa Bình')
    """
    return {k: v[1] for k, v in document_units().items()}


def load_context(localities=None) -> pd.DataFrame:
    """The figures published about the documents' localities and provinces, with their quotes.

    Parameters
    ----------
    localities : str or list of str, optional
        Keep figures whose locality (before any parenthesis: ``Na Mèo (Trường Mầm non Na Mèo
        2)`` → ``Na Mèo``) or province matches one of these (folded as in :func:`fold_name`).

    Returns
    -------
    DataFrame
        Observation schema: ``locality`` (as written, sub-unit in parentheses), ``place`` (the
        locality without its sub-unit), ``province``, ``scope`` (``locality`` or ``province``:
        province-wide figures are context, another geography), ``indicator`` (the Vietnamese
        label as published, qualifiers such as "trên" kept), ``level``, ``year`` (nullable Int;
        empty where the article is undated), ``value``, ``numerator`` and ``denominator`` (empty:
        the articles give rates without counts), ``unit``, ``quote`` (verbatim), ``source`` (the
        page address), ``row`` (row number in ``observations.csv``, header = 1), ``synthetic``
        (``False``).

    References
    ----------
    ``data/external/local_context/README.md`` (compiled 2026-11-23 from stored public pages).

    Examples
    --------
    >>> c = load_context("Lạc Sơn")
    >>> r = c[c["indicator"] == "số học sinh"].iloc[0]
    >>> int(r["year"]), int(r["value"]), r["quote"][:38]
    (2022, 33327, '(HBO) - Lac Son District has the highe')
    """
    path = data_path("external", "local_context", "observations.csv")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    problems = []
    for i, r in raw.iterrows():
        if not set(r["level"].split("+")) <= _CONTEXT_LEVELS:
            problems.append(dict(file=str(path), row=i + 2, column="level", value=r["level"],
                                 expected="levels joined by '+' from " + ", ".join(sorted(_CONTEXT_LEVELS))))
        if not r["quote"].strip() or not r["source_url"].startswith("http"):
            problems.append(dict(file=str(path), row=i + 2, column="quote", value=r["quote"][:30],
                                 expected="a verbatim quote and its page address"))
    raise_data_error(f"tệp số liệu bối cảnh không hợp lệ / context file {path} is invalid", problems)
    provinces = document_provinces()
    place = raw["locality"].str.split("(").str[0].str.strip()
    scope = np.where(raw["locality"].str.contains("toàn tỉnh"), "province", "locality")
    province = [p if s == "province" else provinces.get(p, "") for p, s in zip(place, scope)]
    out = pd.DataFrame({
        "locality": raw["locality"], "place": place, "province": province, "scope": scope,
        "indicator": raw["indicator_vi"], "level": raw["level"],
        "year": pd.array([int(y) if y else pd.NA for y in raw["year"]], dtype="Int64"),
        "value": raw["value"].astype(float), "numerator": np.nan, "denominator": np.nan, "unit": raw["unit"],
        "quote": raw["quote"], "source": raw["source_url"], "row": np.arange(len(raw)) + 2, "synthetic": False,
    })
    if localities is not None:
        want = {fold_name(w) for w in ([localities] if isinstance(localities, str) else localities)}
        keep = [fold_name(p) in want or fold_name(v) in want for p, v in zip(out["place"], out["province"])]
        out = out[keep]
    return out.reset_index(drop=True)
