"""Person-level universalisation records: a documented schema and a seeded synthetic population.

The figures that decide a commune's universalisation (phổ cập giáo dục, PCGD) and literacy (xóa
mù chữ, XMC) levels under Nghị định 20/2014/NĐ-CP are produced, in practice, from household
survey records kept in the universalisation information system: every member aged 0-60 of every
household, with birth year, sex, ethnicity, disability, whether and where they study, the
highest level completed and literacy. This module fixes the columns such a record table has in
edustats (:data:`RECORD_COLUMNS`), validates small tables (:func:`validate_records`) and
generates a reproducible synthetic population of any size, from one commune to the whole country
(:func:`simulate`, :func:`write_population`), every row labelled ``synthetic=True``.

No real person-level data is public; the generator exists so that the computation of levels
(:mod:`edustats.levels`) can be built, tested and timed at national scale. Its sizes come from
real data: the 2016 province populations of the General Statistics Office and the list of the
10,602 pre-2025 commune links of the 2025 administrative crosswalk (both in
``shared/data/gso_provinces/``, shipped in ``edustats/data/``). Its rates are made up, chosen so
that communes spread over every universalisation level (the parameters are in
:data:`SIMULATION_DEFAULTS` and in each row's provenance).

Ages are counted as the universalisation system counts them, by birth year:
``age = year − birth_year``.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import raise_data_error

__all__ = ["RECORD_COLUMNS", "ENROLLED_LEVELS", "COMPLETED_LEVELS", "SIMULATION_DEFAULTS", "commune_frame",
           "simulate", "iter_population", "write_population", "validate_records"]

# column → (dtype, meaning). Codes are the pre-2025 GSO codes of the crosswalk (text, zero-padded).
RECORD_COLUMNS: dict[str, tuple[str, str]] = {
    "person_id": ("int64", "unique person number"),
    "province_code": ("string", "province code (2 digits, pre-2025)"),
    "district_code": ("string", "district code (3 digits, pre-2025)"),
    "commune_code": ("string", "commune code (5 digits, pre-2025)"),
    "dbkk": ("bool", "the commune is especially difficult (xã có điều kiện kinh tế - xã hội đặc biệt khó khăn)"),
    "year": ("int16", "survey year (the level is for this year)"),
    "birth_year": ("int16", "year of birth; age = year − birth_year"),
    "sex": ("int8", "1 male, 2 female"),
    "ethnic_minority": ("bool", "belongs to an ethnic minority (dân tộc thiểu số)"),
    "disability": ("int8", "0 none, 1 disability and able to learn, 2 disability and not able to learn"),
    "enrolled_level": ("string", "what the person studies now: '' (nothing), preschool, primary, lower_secondary, "
                                 "upper_secondary, continuing (GDTX upper secondary), vocational, tertiary"),
    "grade": ("int8", "grade of general or continuing education (1-12); 0 when not in those"),
    "completed": ("string", "highest level completed: none, preschool (the programme for 5-year-olds), primary, "
                            "lower_secondary (the THCS diploma), upper_secondary"),
    "literacy": ("int8", "literacy level recognised: 0, 1 (mức độ 1) or 2 (mức độ 2)"),
    "synthetic": ("bool", "True for generated rows"),
}
ENROLLED_LEVELS = ("", "preschool", "primary", "lower_secondary", "upper_secondary", "continuing", "vocational",
                   "tertiary")
COMPLETED_LEVELS = ("none", "preschool", "primary", "lower_secondary", "upper_secondary")
_GRADES = {"": (0, 0), "preschool": (0, 0), "primary": (1, 5), "lower_secondary": (6, 9),
           "upper_secondary": (10, 12), "continuing": (6, 12), "vocational": (0, 0), "tertiary": (0, 0)}

SIMULATION_DEFAULTS = dict(
    year=2024, share_aged_0_60=0.85, dbkk_share={"NMM": 0.45, "CH": 0.35, "NCC": 0.15, "MRD": 0.10, "RRD": 0.03,
                                                 "SE": 0.03},
    ethnic_share_dbkk=0.8, ethnic_share_other=0.08, disabled_able=0.015, disabled_unable=0.004,
)


@lru_cache(maxsize=1)
def _package_table(name: str) -> pd.DataFrame:
    with resources.files("edustats").joinpath(f"data/{name}").open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def commune_frame(provinces=None) -> pd.DataFrame:
    """The pre-2025 communes (one row each) with the 2016 population share that sizes them.

    Columns: ``province_code``, ``province``, ``region``, ``district_code``, ``district``,
    ``commune_code``, ``commune``, ``province_population`` (thousands, GSO 2016). A commune that the
    2025 crosswalk splits appears once. ``provinces``: province codes or names to keep.

    Examples
    --------
    >>> c = commune_frame(["Lai Châu"])
    >>> len(c), c["district"].nunique(), float(c["province_population"].iloc[0])
    (106, 8, 436.0)
    """
    links = _package_table("admin_communes_2016.csv")
    c = links.drop_duplicates("commune_code").copy()
    c["province_population"] = c["province_population"].astype(float)
    if provinces is not None:
        keep = {str(p) for p in ([provinces] if isinstance(provinces, str) else provinces)}
        c = c[c["province_code"].isin(keep) | c["province"].isin(keep)]
        if c.empty:
            raise_data_error("không có xã nào / no commune", [dict(file=None, row=None, column="provinces",
                                                                   value=", ".join(sorted(keep)),
                                                                   expected="province codes or names of the crosswalk")])
    return c.sort_values("commune_code").reset_index(drop=True)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _commune_sizes(communes: pd.DataFrame, total: int, rng: np.random.Generator) -> np.ndarray:
    """Persons per commune: each province's share of ``total`` by population, split over its
    communes with lognormal weights (communes differ in size about fourfold)."""
    prov = communes.groupby("province_code")["province_population"].first()
    prov_total = total * prov / prov.sum()
    w = rng.lognormal(0.0, 0.5, len(communes))
    w_sum = pd.Series(w).groupby(communes["province_code"].to_numpy()).transform("sum").to_numpy()
    sizes = w / w_sum * prov_total.reindex(communes["province_code"]).to_numpy()
    return np.maximum(np.round(sizes).astype(np.int64), 50)


def _persons(n: int, q: float, dbkk: bool, year: int, rng: np.random.Generator, p: dict) -> dict:
    """Generate ``n`` persons aged 0-60 of one commune of quality ``q`` (vectorised)."""
    # age structure: flat to 40, then thinning to 60% at 60
    ages = np.arange(61)
    w = np.where(ages <= 40, 1.0, 1.0 - 0.4 * (ages - 40) / 20)
    age = rng.choice(ages, size=n, p=w / w.sum())
    ethnic = rng.random(n) < (p["ethnic_share_dbkk"] if dbkk else p["ethnic_share_other"])
    u = rng.random(n)
    disability = np.where(u < p["disabled_able"], 1, np.where(u < p["disabled_able"] + p["disabled_unable"], 2, 0))
    # a person's chances: the commune's quality, lower for older cohorts, ethnic minorities and disability
    qi = q - 0.35 * ethnic - 0.02 * np.maximum(age - 25, 0) + rng.normal(0, 0.3, n)
    qi = np.where(disability == 1, qi - 0.6, qi)
    never = (disability == 2) | (rng.random(n) < _sigmoid(-6.0 - qi))
    entry = np.where(rng.random(n) < _sigmoid(4.2 + 1.2 * qi), 6, 7)      # late entrants start at 7
    # years repeated so far: each year at school a small chance, for at most the primary and THCS years
    repeats = rng.binomial(np.clip(age - entry, 0, 9), np.clip(_sigmoid(-4.6 - 0.8 * qi), 0.001, 0.2))
    stop_primary = rng.random(n) < _sigmoid(-5.0 - qi)                      # leave during primary
    go_lower = rng.random(n) < _sigmoid(3.2 + 0.9 * qi)
    stop_lower = rng.random(n) < _sigmoid(-3.3 - qi)
    diploma = rng.random(n) < _sigmoid(3.8 + qi)
    go_upper = rng.random(n) < _sigmoid(0.9 + 0.9 * qi)
    upper_kind = rng.choice(["upper_secondary", "continuing", "vocational"], size=n, p=[0.78, 0.08, 0.14])
    upper_done = rng.random(n) < _sigmoid(3.0 + qi)
    adult_class = rng.random(n) < 0.35                                      # literacy classes for those who left early

    progress = age - entry + 1 - repeats                                    # grades reached if never stopped
    enrolled = np.full(n, "", dtype=object)
    grade = np.zeros(n, dtype=np.int8)
    completed = np.full(n, "none", dtype=object)
    # preschool: 3-5-year-olds attend; the 5-year-olds' programme is completed at 5 by most, by 6 by all attending
    pre_att = (age >= 3) & (age <= 5) & ~never & (rng.random(n) < _sigmoid(np.where(age == 5, 3.4, 2.0) + qi))
    enrolled[pre_att] = "preschool"
    completed[(age == 5) & pre_att & (rng.random(n) < _sigmoid(2.6 + qi))] = "preschool"
    completed[(age >= 6) & ~never] = "preschool"
    # primary
    in_school = ~never & (age >= entry)
    top_primary = np.minimum(progress, 5)
    prim_stopped = stop_primary & (progress >= 3)                            # those who leave do so from grade 3
    prim_done = in_school & (progress > 5) & ~prim_stopped
    in_primary = in_school & (progress >= 1) & (progress <= 5) & ~(prim_stopped & (age >= 11))
    enrolled[in_primary] = "primary"
    grade[in_primary] = top_primary[in_primary]
    completed[prim_done] = "primary"
    # lower secondary (grades 6-9)
    lower = prim_done & go_lower
    in_lower = lower & (progress <= 9) & ~(stop_lower & (progress >= 8))
    enrolled[in_lower] = "lower_secondary"
    grade[in_lower] = progress[in_lower]
    lower_done = lower & (progress > 9) & ~stop_lower & diploma
    completed[lower_done] = "lower_secondary"
    # upper secondary, continuing or vocational (three years), then tertiary for some
    upper = lower_done & go_upper
    in_upper = upper & (progress <= 12)
    enrolled[in_upper] = upper_kind[in_upper]
    grade[in_upper & (upper_kind != "vocational")] = progress[in_upper & (upper_kind != "vocational")]
    upper_finished = upper & (progress > 12) & upper_done & (upper_kind != "vocational")
    completed[upper_finished] = "upper_secondary"
    enrolled[upper_finished & (age <= 22) & (rng.random(n) < 0.45)] = "tertiary"
    # literacy (Thông tư 07/2016: level 2 = primary completed, level 1 = grade 3 reached; or literacy classes)
    reached3 = in_school & (np.minimum(progress, 99) >= 3)
    literacy = np.where(completed_rank(completed) >= 2, 2, np.where(reached3, 1, 0)).astype(np.int8)
    literacy = np.where((age >= 15) & (literacy < 2) & adult_class, literacy + 1, literacy).astype(np.int8)
    literacy = np.where(age < 6, 0, literacy).astype(np.int8)
    return dict(birth_year=(year - age).astype(np.int16), sex=rng.integers(1, 3, n).astype(np.int8),
                ethnic_minority=ethnic, disability=disability.astype(np.int8), enrolled_level=enrolled,
                grade=grade, completed=completed, literacy=literacy)


def completed_rank(completed) -> np.ndarray:
    """0 none, 1 preschool, 2 primary, 3 lower secondary, 4 upper secondary."""
    order = {c: i for i, c in enumerate(COMPLETED_LEVELS)}
    return np.array([order.get(c, -1) for c in completed]) if not isinstance(completed, pd.Series) else \
        completed.map(order).fillna(-1).to_numpy()


def iter_population(total: int, *, seed: int = 2024, provinces=None, year: int | None = None,
                    chunk_rows: int = 500_000, **params) -> Iterator[pd.DataFrame]:
    """Yield a synthetic population of about ``total`` persons aged 0-60, commune by commune, in
    chunks of at most ``chunk_rows`` rows (plus one commune), so that memory stays flat at any size.

    Every commune gets at least 50 persons (fewer would leave most criteria without anyone of their
    age), so a small ``total`` over the whole country (10 035 communes: at least 501 750 persons) gives
    more rows than asked: for a small file choose ``provinces`` (e.g. ``["Lai Châu"]``).

    Deterministic: a commune's rows depend only on ``seed`` and its position. Each chunk has the
    columns of :data:`RECORD_COLUMNS`; ``person_id`` runs on across chunks.
    """
    p = {**SIMULATION_DEFAULTS, **params}
    year = int(year or p["year"])
    communes = commune_frame(provinces)
    rng = np.random.default_rng(seed)
    sizes = _commune_sizes(communes, int(total), rng)
    dbkk = rng.random(len(communes)) < communes["region"].map(p["dbkk_share"]).fillna(0.1).to_numpy()
    quality = rng.normal(0.6, 0.7, len(communes)) - 1.0 * dbkk
    seeds = rng.integers(0, 2**63 - 1, len(communes))
    next_id, parts, rows = 1, [], 0
    for i, c in enumerate(communes.itertuples(index=False)):
        n = int(sizes[i])
        cols = _persons(n, float(quality[i]), bool(dbkk[i]), year, np.random.default_rng(int(seeds[i])), p)
        df = pd.DataFrame({"person_id": np.arange(next_id, next_id + n, dtype=np.int64),
                           "province_code": c.province_code, "district_code": c.district_code,
                           "commune_code": c.commune_code, "dbkk": bool(dbkk[i]), "year": np.int16(year), **cols,
                           "synthetic": True})
        next_id += n
        parts.append(df)
        rows += n
        if rows >= chunk_rows:
            yield _typed(pd.concat(parts, ignore_index=True))
            parts, rows = [], 0
    if parts:
        yield _typed(pd.concat(parts, ignore_index=True))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    for col, (dtype, _) in RECORD_COLUMNS.items():
        df[col] = df[col].astype(dtype)
    return df[list(RECORD_COLUMNS)]


def simulate(total: int = 5_000, *, seed: int = 2024, provinces=None, year: int | None = None, **params) -> pd.DataFrame:
    """A synthetic population of about ``total`` persons in memory (for one commune to one
    province; use :func:`write_population` beyond a few million rows).

    Examples
    --------
    >>> pop = simulate(20_000, seed=1, provinces=["Lai Châu"])
    >>> len(pop) > 19_000, pop["commune_code"].nunique(), bool(pop["synthetic"].all())
    (True, 106, True)
    >>> int((pop["year"] - pop["birth_year"]).max())
    60
    """
    return pd.concat(list(iter_population(total, seed=seed, provinces=provinces, year=year, **params)),
                     ignore_index=True)


def write_population(folder, total: int, *, seed: int = 2024, provinces=None, year: int | None = None,
                     chunk_rows: int = 1_000_000, progress=None, **params) -> dict:
    """Write a synthetic population as Parquet files ``folder/part-00000.parquet`` … streaming
    (memory stays flat as ``total`` grows), with a ``manifest.json`` recording generator, seed,
    parameters and row count. Returns the manifest.
    """
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = communes = 0
    for k, chunk in enumerate(iter_population(total, seed=seed, provinces=provinces, year=year,
                                              chunk_rows=chunk_rows, **params)):
        tmp = folder / f".part-{k:05d}.parquet.tmp"
        pq.write_table(pa.Table.from_pandas(chunk, preserve_index=False), tmp, compression="zstd")
        tmp.replace(folder / f"part-{k:05d}.parquet")
        rows += len(chunk)
        communes += chunk["commune_code"].nunique()
        if progress:
            progress(rows)
    manifest = dict(generator="edustats.records.write_population", synthetic=True, seed=seed, total_requested=total,
                    rows=rows, provinces=None if provinces is None else sorted(map(str, provinces)),
                    year=int(year or SIMULATION_DEFAULTS["year"]),
                    parameters={k: v for k, v in {**SIMULATION_DEFAULTS, **params}.items() if k != "year"},
                    sources="sizes: GSO province population 2016; communes: vietnamadminunits 1.0.4 crosswalk (MIT)")
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


# ----------------------------------------------------------------------------------------- validation
def validate_records(df: pd.DataFrame, file: str = "<records>", max_problems: int = 20) -> pd.DataFrame:
    """Check a small record table in memory (types, ranges, levels and grades that agree); return it
    typed, or raise one :class:`~edustats.errors.DataError` naming each bad cell (file, row as the
    spreadsheet numbers it, column, value, what was expected). The same checks run in SQL on large
    files (:func:`edustats.levels.check_records`).

    Examples
    --------
    >>> bad = simulate(300, seed=3, provinces=["Lai Châu"]).head(3).copy()
    >>> bad.loc[1, "grade"] = 7; bad.loc[1, "enrolled_level"] = "primary"
    >>> validate_records(bad, "ho_so.csv")
    Traceback (most recent call last):
    ...
    edustats.errors.DataError: ...ho_so.csv, row 3, column 'grade': found '7'; expected a grade of primary (1-5)...
    """
    missing = [c for c in RECORD_COLUMNS if c not in df.columns and c != "synthetic"]
    if missing:
        raise_data_error("thiếu cột / missing columns", [dict(file=file, row=None, column=c, value=None,
                                                               expected=RECORD_COLUMNS[c][1]) for c in missing])
    problems = []

    def bad(mask, column, expected):
        for i in np.flatnonzero(np.asarray(mask))[:max_problems]:
            problems.append(dict(file=file, row=int(i) + 2, column=column, value=str(df[column].iloc[i]), expected=expected))

    num = {}
    for col in ("person_id", "year", "birth_year", "sex", "disability", "grade", "literacy"):
        v = pd.to_numeric(df[col], errors="coerce")
        bad(v.isna() | (v != np.floor(v)), col, f"a whole number ({RECORD_COLUMNS[col][1]})")
        num[col] = v
    age = num["year"] - num["birth_year"]
    bad((age < 0) | (age > 120), "birth_year", "a birth year giving an age of 0-120 in the survey year")
    bad(~num["sex"].isin([1, 2]), "sex", "1 (male) or 2 (female)")
    bad(~num["disability"].isin([0, 1, 2]), "disability", "0, 1 or 2")
    bad(~num["literacy"].isin([0, 1, 2]), "literacy", "0, 1 or 2 (mức độ biết chữ)")
    lev = df["enrolled_level"].fillna("").astype(str)
    bad(~lev.isin(ENROLLED_LEVELS), "enrolled_level", "one of " + ", ".join(repr(x) for x in ENROLLED_LEVELS))
    comp = df["completed"].astype(str)
    bad(~comp.isin(COMPLETED_LEVELS), "completed", "one of " + ", ".join(COMPLETED_LEVELS))
    lo = lev.map(lambda x: _GRADES.get(x, (0, 12))[0])
    hi = lev.map(lambda x: _GRADES.get(x, (0, 12))[1])
    wrong_grade = lev.isin(ENROLLED_LEVELS) & ((num["grade"] < lo) | (num["grade"] > hi))
    for i in np.flatnonzero(wrong_grade.to_numpy())[:max_problems]:
        level = lev.iloc[i] or "not studying"
        problems.append(dict(file=file, row=int(i) + 2, column="grade", value=str(df["grade"].iloc[i]),
                             expected=f"a grade of {level} ({lo.iloc[i]}-{hi.iloc[i]})" if hi.iloc[i] else
                                      f"0 for {level}"))
    # studying a level below one already completed (a primary pupil with the THCS diploma)
    need = lev.map({"primary": 2, "lower_secondary": 3, "upper_secondary": 4}).fillna(99)
    bad(completed_rank(comp) >= need, "completed", "a level below the one the person is studying")
    for col in ("province_code", "district_code", "commune_code"):
        bad(df[col].isna() | (df[col].astype(str).str.strip() == ""), col, "a code")
    if problems:
        problems.sort(key=lambda p: (p["row"], p["column"]))
        raise_data_error("hồ sơ phổ cập không hợp lệ / invalid universalisation records", problems[:max_problems])
    out = df.copy()
    if "synthetic" not in out.columns:
        out["synthetic"] = False
    out["enrolled_level"] = lev
    return _typed(out)
