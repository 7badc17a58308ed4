"""Universalisation and literacy levels of every commune, computed from person-level records.

One SQL query counts, per commune and year, the numerator and denominator of every criterion of
Nghị định 20/2014/NĐ-CP that :func:`edustats.indicators.classify_universalization` applies
(the criteria table, ``universalization_criteria()``), and the levels then come from that
classifier only, so that the rules live in one place. The query is written once, in SQL that both
engines accept:

- **DuckDB** (embedded, the default) reads Parquet or CSV files directly and streams them, so a
  whole country's records (60 million rows) are counted on one laptop;
- **Apache Spark** (PySpark, local or on a cluster) runs the same text when a ministry's data
  outgrow one machine (``engine="spark"``; needs Java and ``pip install 'edustats[spark]'``).

How each criterion is counted from the records (ages by birth year, ``age = year − birth_year``,
as the universalisation system counts them; denominators are all persons of the age living in
the commune):

========================================  =============================================================
criterion (column)                        numerator ÷ denominator
========================================  =============================================================
``age5_enrolment_rate``                   aged 5 studying in preschool ÷ aged 5 (Điều 6.2.a)
``age5_completion_rate``                  aged 5 who completed the preschool programme ÷ aged 5 (Điều 6.2.b)
``net_intake_rate``                       aged 6 in grade 1 of primary ÷ aged 6 (Điều 9-11)
``completion_by_14``                      aged 11-14 who completed primary ÷ aged 11-14 (Điều 9.2.b: "đến
                                          14 tuổi"; 11 is the first age at which the five grades can be done)
``completion_by_11``                      aged 11 who completed primary ÷ aged 11 (Điều 10-11)
``age11_not_completed_not_in_primary``    aged 11, primary not completed and not studying in primary
                                          (Điều 10.1.c, 11.1.c require none)
``diploma_15_18``                         aged 15-18 with the lower-secondary diploma ÷ aged 15-18 (Điều 14-16)
``upper_or_vocational_15_18``             aged 15-18 studying upper secondary, continuing education or
                                          vocational education ÷ aged 15-18 (Điều 16.1.c)
``literate_l1_15_35`` / ``_15_25``        literate at level 1 or 2 ÷ persons of the ages (Điều 20)
``literate_l2_15_60`` / ``_15_35``        literate at level 2 ÷ persons of the ages (Điều 21)
``disabled_access`` (per standard)        persons with a disability able to learn, of the standard's ages,
                                          who study (or, for literacy, are literate) ÷ those persons
                                          (Thông tư 07/2016 Điều 2; the ages are edustats' reading:
                                          preschool 5, primary 6-14, lower secondary 11-18, literacy 15-60)
========================================  =============================================================
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import raise_data_error
from .vnformat import format_number
from .indicators.universalization import classify_universalization, district_levels, universalization_criteria
from .records import COMPLETED_LEVELS, ENROLLED_LEVELS, RECORD_COLUMNS

__all__ = ["COUNT_SQL", "CHECK_SQL", "commune_counts", "check_records", "commune_levels", "levels_from_records",
           "STANDARDS"]

STANDARDS = ("pcgd_preschool5", "pcgd_primary", "literacy", "pcgd_lower_secondary")
KEYS = ["province_code", "district_code", "commune_code", "year"]

_AGE = "(year - birth_year)"
_DONE = {c: i for i, c in enumerate(COMPLETED_LEVELS)}


def _completed_at_least(level: str) -> str:
    return "completed IN (" + ", ".join(f"'{c}'" for c in COMPLETED_LEVELS[_DONE[level]:]) + ")"


def _n(cond: str) -> str:
    return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"


def _ages(lo: int, hi: int) -> str:
    return f"{_AGE} BETWEEN {lo} AND {hi}"


# criterion column → (numerator condition, denominator condition); the denominator's ages only
_CRITERIA = {
    "age5_enrolment_rate": (f"{_ages(5, 5)} AND enrolled_level = 'preschool'", _ages(5, 5)),
    "age5_completion_rate": (f"{_ages(5, 5)} AND {_completed_at_least('preschool')}", _ages(5, 5)),
    "net_intake_rate": (f"{_ages(6, 6)} AND enrolled_level = 'primary' AND grade = 1", _ages(6, 6)),
    "completion_by_14": (f"{_ages(11, 14)} AND {_completed_at_least('primary')}", _ages(11, 14)),
    "completion_by_11": (f"{_ages(11, 11)} AND {_completed_at_least('primary')}", _ages(11, 11)),
    "diploma_15_18": (f"{_ages(15, 18)} AND {_completed_at_least('lower_secondary')}", _ages(15, 18)),
    "upper_or_vocational_15_18": (f"{_ages(15, 18)} AND enrolled_level IN ('upper_secondary', 'continuing', "
                                  f"'vocational')", _ages(15, 18)),
    "literate_l1_15_35": (f"{_ages(15, 35)} AND literacy >= 1", _ages(15, 35)),
    "literate_l1_15_25": (f"{_ages(15, 25)} AND literacy >= 1", _ages(15, 25)),
    "literate_l2_15_60": (f"{_ages(15, 60)} AND literacy >= 2", _ages(15, 60)),
    "literate_l2_15_35": (f"{_ages(15, 35)} AND literacy >= 2", _ages(15, 35)),
}
_DISABLED_AGES = {"pcgd_preschool5": (5, 5), "pcgd_primary": (6, 14), "pcgd_lower_secondary": (11, 18),
                  "literacy": (15, 60)}
for _std, (_lo, _hi) in _DISABLED_AGES.items():
    _access = "literacy >= 1" if _std == "literacy" else "enrolled_level <> ''"
    _CRITERIA[f"disabled_access_{_std}"] = (f"disability = 1 AND {_ages(_lo, _hi)} AND {_access}",
                                            f"disability = 1 AND {_ages(_lo, _hi)}")

# an empty text cell reads as NULL from CSV: "studies nothing" either way
_EL = re.compile(r"\benrolled_level\b")
_CRITERIA = {k: (_EL.sub("COALESCE(enrolled_level, '')", n), _EL.sub("COALESCE(enrolled_level, '')", d))
             for k, (n, d) in _CRITERIA.items()}

COUNT_SQL = (
    "SELECT province_code, district_code, commune_code, year,\n"
    "       MIN(CASE WHEN dbkk THEN 1 ELSE 0 END) AS dbkk_min, MAX(CASE WHEN dbkk THEN 1 ELSE 0 END) AS dbkk_max,\n"
    "       COUNT(*) AS persons,\n"
    + ",\n".join(f"       {_n(num)} AS {c}_numerator, {_n(den)} AS {c}_denominator" for c, (num, den) in _CRITERIA.items())
    + f",\n       {_n(f'{_ages(11, 11)} AND NOT ' + _completed_at_least('primary') + ' AND COALESCE(enrolled_level, ' + chr(39) * 2 + ') <> ' + chr(39) + 'primary' + chr(39))}"
      " AS age11_not_completed_not_in_primary\n"
    "FROM records\nGROUP BY province_code, district_code, commune_code, year\n"
    "ORDER BY province_code, district_code, commune_code, year"
)
"""The counting query (one pass over the records; ANSI SQL that DuckDB and Spark SQL both run)."""

_GRADE_OK = " OR ".join(
    [f"(enrolled_level = '{lev}' AND grade = 0)" for lev in ("", "preschool", "vocational", "tertiary")]
    + ["(enrolled_level = 'primary' AND grade BETWEEN 1 AND 5)",
       "(enrolled_level = 'lower_secondary' AND grade BETWEEN 6 AND 9)",
       "(enrolled_level = 'upper_secondary' AND grade BETWEEN 10 AND 12)",
       "(enrolled_level = 'continuing' AND grade BETWEEN 6 AND 12)"])
_CHECKS = [
    ("birth_year", f"{_AGE} < 0 OR {_AGE} > 120 OR birth_year IS NULL OR year IS NULL",
     "a birth year giving an age of 0-120 in the survey year", "năm sinh cho tuổi 0-120 ở năm điều tra"),
    ("sex", "sex IS NULL OR sex NOT IN (1, 2)", "1 (male) or 2 (female)", "1 (nam) hoặc 2 (nữ)"),
    ("disability", "disability IS NULL OR disability NOT IN (0, 1, 2)", "0, 1 or 2", "0, 1 hoặc 2"),
    ("literacy", "literacy IS NULL OR literacy NOT IN (0, 1, 2)", "0, 1 or 2", "0, 1 hoặc 2 (mức độ biết chữ)"),
    ("enrolled_level", "enrolled_level IS NULL OR enrolled_level NOT IN ("
     + ", ".join(f"'{x}'" for x in ENROLLED_LEVELS) + ")", "one of " + ", ".join(repr(x) for x in ENROLLED_LEVELS),
     "một trong " + ", ".join(repr(x) for x in ENROLLED_LEVELS) + " (để trống nếu không đi học)"),
    ("completed", "completed IS NULL OR completed NOT IN (" + ", ".join(f"'{x}'" for x in COMPLETED_LEVELS) + ")",
     "one of " + ", ".join(COMPLETED_LEVELS), "một trong " + ", ".join(COMPLETED_LEVELS)),
    ("grade", f"grade IS NULL OR NOT ({_GRADE_OK})",
     "a grade that fits the level studied (primary 1-5, lower secondary 6-9, upper secondary 10-12, otherwise 0)",
     "lớp khớp cấp đang học (tiểu học 1-5, THCS 6-9, THPT 10-12, còn lại 0)"),
    ("commune_code", "commune_code IS NULL OR TRIM(commune_code) = '' OR district_code IS NULL OR province_code IS NULL",
     "province, district and commune codes", "mã tỉnh, mã huyện và mã xã"),
]
_CHECKS = [(col, _EL.sub("COALESCE(enrolled_level, '')", cond) if col != "enrolled_level" else
            cond.replace("enrolled_level IS NULL OR ", ""), exp, exp_vi) for col, cond, exp, exp_vi in _CHECKS]
CHECK_SQL = ("SELECT " + ", ".join(f"{_n(cond)} AS bad_{col}" for col, cond, _, _ in _CHECKS) + " FROM records")
"""Counts of malformed records per check (one pass); :func:`check_records` names the first of each."""


# ------------------------------------------------------------------------------------------ engines
def _source_files(path) -> tuple[list[str], str]:
    p = Path(path)
    if not p.exists():
        raise_data_error("không tìm thấy hồ sơ / records not found",
                         [dict(file=str(p), row=None, column=None, value=None,
                               expected="a Parquet or CSV file, or a folder of Parquet files")])
    if p.is_dir():
        files = sorted(str(f) for f in p.rglob("*.parquet"))
        kind = "parquet"
        if not files:
            files, kind = sorted(str(f) for f in p.rglob("*.csv")), "csv"
        if not files:
            raise_data_error("thư mục không có tệp hồ sơ / no record files in the folder",
                             [dict(file=str(p), row=None, column=None, value=None,
                                   expected="*.parquet or *.csv files")])
        return files, kind
    suffix = p.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise_data_error("định dạng tệp không đọc được / unreadable file type",
                         [dict(file=str(p), row=None, column=None, value=suffix or "(no suffix)",
                               expected=".parquet, .csv or a folder of .parquet files")])
    return [str(p)], suffix[1:]


_SQL_TYPES = {"int64": "BIGINT", "int16": "INTEGER", "int8": "INTEGER", "string": "VARCHAR", "bool": "BOOLEAN"}


class _DuckDB:
    name = "duckdb"

    def __init__(self, path, memory_limit="4GB", threads=2):
        import duckdb

        self.files, self.kind = _source_files(path)
        self.con = duckdb.connect()
        self.con.execute(f"SET threads={int(threads)}; SET memory_limit='{memory_limit}'; "
                         "SET preserve_insertion_order=false")
        files = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in self.files) + "]"
        self.casts = {}
        if self.kind == "parquet":
            self.con.execute(f"CREATE VIEW records AS SELECT * FROM read_parquet({files}, union_by_name=true)")
        else:
            # every cell read as text, then cast: a cell that is not of its column's type ("19x5" as a birth
            # year) is named with its person by cast_problems, instead of one CSV error stopping the read
            self.con.execute(f"CREATE VIEW raw AS SELECT * FROM read_csv({files}, header=true, all_varchar=true, "
                             "union_by_name=true)")
            have = {r[0] for r in self.con.execute("DESCRIBE raw").fetchall()}
            sel = []
            for c, (t, _) in RECORD_COLUMNS.items():
                if c not in have:
                    continue
                typ = _SQL_TYPES[t]
                if typ == "VARCHAR":
                    sel.append(f"NULLIF(TRIM({c}), '') AS {c}" if c.endswith("_code") else f"{c}")
                else:
                    sel.append(f"TRY_CAST(NULLIF(TRIM({c}), '') AS {typ}) AS {c}")
                    self.casts[c] = typ
            self.con.execute("CREATE VIEW records AS SELECT " + ", ".join(sel) + " FROM raw")

    def columns(self) -> dict:
        return {r[0]: r[1] for r in self.con.execute("DESCRIBE records").fetchall()}

    def cast_problems(self, path, max_examples: int = 3) -> list[dict]:
        """Cells of a CSV that are not of their column's type, the first few of each column named."""
        if not self.casts:
            return []
        bad = {c: f"({c} IS NOT NULL AND TRIM({c}) <> '' AND TRY_CAST(TRIM({c}) AS {t}) IS NULL)"
               for c, t in self.casts.items()}
        n = self.query("SELECT " + ", ".join(f"{_n(cond)} AS {c}" for c, cond in bad.items()) + " FROM raw").iloc[0]
        problems = []
        for c, cond in bad.items():
            if int(n[c] or 0):
                kind = ("true/false", "true/false (đúng/sai)") if self.casts[c] == "BOOLEAN" else \
                    ("a whole number", "một số nguyên")
                ex = self.query(f"SELECT person_id, {c} FROM raw WHERE {cond} LIMIT {max_examples}")
                problems += [dict(file=str(path), row=f"person_id {r[0]}", column=c, value=str(r[1]),
                                  expected=f"{kind[0]}: {RECORD_COLUMNS[c][1]} ({int(n[c])} {'cell fails' if int(n[c]) == 1 else 'cells fail'} this check)",
                                  expected_vi=f"{kind[1]} ({int(n[c])} ô sai như vậy)") for r in ex.itertuples(index=False)]
        return problems

    def query(self, sql: str) -> pd.DataFrame:
        import duckdb

        try:
            return self.con.execute(sql).df()
        except duckdb.Error as exc:  # a cell DuckDB cannot read as its column's type ("19x5" as a birth year)
            first = str(exc).strip().splitlines()[0][:300]
            col = next((c for c in RECORD_COLUMNS if f'"{c}"' in str(exc) or f"'{c}'" in str(exc)), None)
            raise_data_error("không đọc được hồ sơ / cannot read the records", [dict(
                file=", ".join(self.files[:3]) + (" …" if len(self.files) > 3 else ""), row=None, column=col,
                value=first, expected="every cell of the type its column needs (whole numbers for years, grades, "
                                      "codes of sex, disability and literacy; true/false for dbkk)")])

    def close(self):
        self.con.close()


class _Spark:
    name = "spark"

    def __init__(self, path, master="local[2]"):
        import os
        import warnings

        warnings.filterwarnings("ignore", message=".*does not yet fully support pandas.*")
        os.environ.setdefault("PYARROW_IGNORE_TIMEZONE", "1")
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise_data_error("chưa cài PySpark / PySpark is not installed",
                             [dict(file=None, row=None, column="--engine", value="spark",
                                   expected="pip install 'edustats[spark]' (and Java 17), or --engine duckdb")])
        self.files, self.kind = _source_files(path)
        self.spark = (SparkSession.builder.master(master).appName("edustats-levels")
                      .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
                      .config("spark.driver.memory", "2g").getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")
        if self.kind == "parquet":
            df = self.spark.read.parquet(*self.files)
        else:
            ddl = ", ".join(f"{c} {_SQL_TYPES[t].replace('VARCHAR', 'STRING')}" for c, (t, _) in RECORD_COLUMNS.items())
            df = self.spark.read.csv(self.files, header=True, schema=ddl, mode="PERMISSIVE")
        df.createOrReplaceTempView("records")
        self.df = df

    def columns(self) -> dict:
        return {f.name: f.dataType.simpleString().upper() for f in self.df.schema.fields}

    def query(self, sql: str) -> pd.DataFrame:
        rows = self.spark.sql(sql).collect()  # small results: collect, not pandas-on-Spark
        cols = self.spark.sql(sql).columns if not rows else list(rows[0].asDict())
        return pd.DataFrame.from_records([r.asDict() for r in rows], columns=cols)

    def close(self):
        pass  # the session is kept for the next call in the same process


def _engine(path, engine: str):
    if engine == "duckdb":
        return _DuckDB(path)
    if engine == "spark":
        return _Spark(path)
    raise_data_error("không biết engine / unknown engine", [dict(file=None, row=None, column="--engine", value=engine,
                                                                 expected="duckdb or spark")])


def _check_columns(eng, path) -> None:
    have = {c.lower(): t for c, t in eng.columns().items()}
    problems = []
    for col, (dtype, meaning) in RECORD_COLUMNS.items():
        if col == "synthetic":
            continue
        t = have.get(col)
        if t is None:
            problems.append(dict(file=str(path), row=None, column=col, value="(missing)", expected=meaning,
                                 expected_vi=f"một cột '{col}' ({meaning})"))
            continue
        want_num = dtype.startswith("int")
        is_num = any(k in t.upper() for k in ("INT", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "DECIMAL"))
        if want_num and not is_num:
            problems.append(dict(file=str(path), row=None, column=col, value=f"type {t}",
                                 expected=f"whole numbers ({meaning})", expected_vi=f"số nguyên ({meaning})"))
        if dtype == "bool" and "BOOL" not in t.upper():
            problems.append(dict(file=str(path), row=None, column=col, value=f"type {t}", expected=f"true/false ({meaning})",
                                 expected_vi=f"true/false — đúng/sai ({meaning})"))
    raise_data_error("record columns are not as expected", problems, msg_vi="cột của hồ sơ không đúng")


def check_records(eng, path, max_examples: int = 3) -> None:
    """Run the record checks in SQL and raise one DataError naming the first malformed records.

    Every check runs (a CSV cell of the wrong type, an impossible age, a grade that does not fit the
    level …) and the first ``max_examples`` records failing each are named by ``person_id``,
    Vietnamese first. A cell of the wrong type is reported as such, not again as a missing value.
    """
    problems = eng.cast_problems(path, max_examples) if hasattr(eng, "cast_problems") else []
    typed = {p["column"] for p in problems}
    bad = eng.query(CHECK_SQL).iloc[0]
    for col, cond, expected, expected_vi in _CHECKS:
        n = int(bad[f"bad_{col}"] or 0)
        if n and col not in typed:
            ex = eng.query(f"SELECT person_id, {col} FROM records WHERE {cond} ORDER BY person_id LIMIT {max_examples}")
            for r in ex.itertuples(index=False):
                problems.append(dict(file=str(path), row=f"person_id {r[0]}", column=col,
                                     value="(trống / empty)" if r[1] is None or (isinstance(r[1], float) and np.isnan(r[1]))
                                     else str(r[1]),
                                     expected=f"{expected} ({n} {'record fails' if n == 1 else 'records fail'} this check)",
                                     expected_vi=f"{expected_vi} ({n} hồ sơ sai như vậy)"))
    raise_data_error("invalid universalisation records", problems, msg_vi="hồ sơ phổ cập không hợp lệ")


def commune_counts(path, engine: str = "duckdb", *, check: bool = True, progress=None) -> pd.DataFrame:
    """Numerators and denominators of every criterion, one row per commune and year.

    ``path``: a Parquet file, a CSV file or a folder of Parquet (or CSV) files with the columns of
    :data:`edustats.records.RECORD_COLUMNS`. Columns of the result: ``province_code``,
    ``district_code``, ``commune_code``, ``year``, ``dbkk``, ``persons`` and, for each criterion,
    ``<criterion>_numerator`` and ``<criterion>_denominator`` (integers), plus
    ``age11_not_completed_not_in_primary``. A commune whose records disagree on ``dbkk`` is refused.

    .. math:: n_c = \\sum_{p \\in \\text{commune}} [\\text{numerator condition of } c](p), \\quad
              d_c = \\sum_{p} [\\text{age of } c](p)

    References
    ----------
    Nghị định 20/2014/NĐ-CP, Điều 6, 9-11, 14-16, 20-21; Thông tư 07/2016/TT-BGDĐT, Điều 2.

    Examples
    --------
    >>> import tempfile, os
    >>> from edustats.records import simulate
    >>> pop = simulate(3_000, seed=5, provinces=["Lai Châu"])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pop.to_parquet(os.path.join(d, "lai_chau.parquet"))
    ...     c = commune_counts(os.path.join(d, "lai_chau.parquet"))
    >>> len(c) == pop["commune_code"].nunique(), int(c["persons"].sum()) == len(pop)
    (True, True)
    >>> int(c["net_intake_rate_denominator"].sum()) == int(((pop["year"] - pop["birth_year"]) == 6).sum())
    True
    """
    say = progress or (lambda msg: None)
    t0 = time.perf_counter()
    eng = _engine(path, engine)
    try:
        _check_columns(eng, path)
        if check:
            say(f"kiểm tra hồ sơ / checking records ({eng.name})")
            check_records(eng, path)
        elif getattr(eng, "casts", None):  # unchecked CSV: a cell of the wrong type is still never a silent NULL
            raise_data_error("invalid universalisation records", eng.cast_problems(path),
                             msg_vi="hồ sơ phổ cập không hợp lệ")
        say(f"đếm theo xã / counting by commune ({eng.name})")
        out = eng.query(COUNT_SQL)
    finally:
        eng.close()
    split = out[out["dbkk_min"] != out["dbkk_max"]]
    if len(split):
        raise_data_error("một xã vừa ĐBKK vừa không / a commune is both ĐBKK and not", [
            dict(file=str(path), row=None, column="dbkk", value=f"commune {r.commune_code}, {r.year}",
                 expected="the same dbkk on every record of a commune") for r in split.head(10).itertuples()])
    out["dbkk"] = out["dbkk_max"].astype(bool)
    out = out.drop(columns=["dbkk_min", "dbkk_max"])
    for c in out.columns:
        if c.endswith(("_numerator", "_denominator")) or c in ("persons", "age11_not_completed_not_in_primary", "year"):
            out[c] = out[c].astype("int64")
    for c in ("province_code", "district_code", "commune_code"):
        out[c] = out[c].astype(str)
    say(f"{format_number(len(out), 0)} xã / communes, {format_number(time.perf_counter() - t0, 1)} s")
    return out.sort_values(KEYS).reset_index(drop=True)


def _rates_for(counts: pd.DataFrame, standard: str) -> pd.DataFrame:
    crit = universalization_criteria(standard)
    rate_cols = sorted(set(crit.loc[crit["kind"] == "rate", "column"]) | set(crit.loc[crit["kind"] == "rate", "column_dbkk"]))
    t = counts[KEYS + ["dbkk"]].copy()
    for c in rate_cols:
        t[f"{c}_numerator"] = counts[f"{c}_numerator"]
        t[f"{c}_denominator"] = counts[f"{c}_denominator"]
    if standard == "pcgd_primary":
        t["age11_not_completed_not_in_primary"] = counts["age11_not_completed_not_in_primary"]
    acc = f"disabled_access_{standard}"
    has_disabled = counts[f"{acc}_denominator"] > 0
    # Thông tư 07/2016 Điều 2 is checked where the commune has people with a disability able to learn
    t["disabled_access_numerator"] = np.where(has_disabled, counts[f"{acc}_numerator"], 1)
    t["disabled_access_denominator"] = np.where(has_disabled, counts[f"{acc}_denominator"], 1)
    return t


def commune_levels(counts: pd.DataFrame) -> pd.DataFrame:
    """Every commune's level for each standard, from :func:`commune_counts`, through
    :func:`~edustats.indicators.classify_universalization` only (lower secondary after primary and
    literacy, whose levels it needs). One row per commune and year, columns
    ``<standard>_level``, ``<standard>_binding``, ``<standard>_margin``,
    ``<standard>_margin_persons``, ``<standard>_conditions``, then the counts.

    A commune with nobody of a criterion's ages (no 5-year-old, say) has no rate for it; the
    decree does not say what that means, so its level for that standard is left empty (``<NA>``)
    with the reason in ``<standard>_binding``, never guessed.
    """
    out = counts[KEYS + ["dbkk"]].copy()
    by = KEYS
    dbkk = counts["dbkk"].to_numpy(bool)
    for std in STANDARDS:
        rates = _rates_for(counts, std)
        crit = universalization_criteria(std)
        crit = crit[crit["kind"] == "rate"]
        empty = np.zeros(len(counts), bool)
        why = np.full(len(counts), "", dtype=object)
        for r in crit.drop_duplicates(["column", "column_dbkk"]).itertuples():
            den = np.where(dbkk, counts[f"{r.column_dbkk}_denominator"], counts[f"{r.column}_denominator"])
            no = den <= 0
            ages = np.where(dbkk, r.age_group_dbkk, r.age_group)
            why = np.where(no & ~empty, [f"không xác định: không có người {a} tuổi / undefined: nobody aged {a}"
                                         for a in ages], why)
            empty |= no
        if std == "pcgd_lower_secondary":
            rates["pcgd_primary_level"] = out["pcgd_primary_level"].to_numpy()
            rates["literacy_level"] = out["literacy_level"].to_numpy()
            prereq_na = out["pcgd_primary_level"].isna().to_numpy() | out["literacy_level"].isna().to_numpy()
            why = np.where(prereq_na & ~empty, "không xác định: mức tiểu học hoặc xóa mù chữ chưa xác định / "
                                               "undefined: primary or literacy level undefined", why)
            empty |= prereq_na
            rates["pcgd_primary_level"] = rates["pcgd_primary_level"].fillna(0).astype(int)
            rates["literacy_level"] = rates["literacy_level"].fillna(0).astype(int)
        level = pd.array([pd.NA] * len(out), dtype="Int64")
        binding, margin, persons, cond = why.copy(), np.full(len(out), np.nan), np.full(len(out), np.nan), \
            np.full(len(out), "", dtype=object)
        ok = ~empty
        if ok.any():
            c = classify_universalization(rates[ok], std, by=by)
            c = c.set_index(by).reindex(pd.MultiIndex.from_frame(out.loc[ok, by]))
            level[ok] = c["level"].to_numpy().astype(int)
            binding[ok] = c["binding_criterion"].to_numpy()
            margin[ok] = c["margin"].to_numpy()
            persons[ok] = c["margin_persons"].to_numpy()
            cond[ok] = c["conditions_to_confirm"].to_numpy()
        out[f"{std}_level"] = level
        out[f"{std}_binding"] = binding
        out[f"{std}_margin"] = margin
        out[f"{std}_margin_persons"] = persons
        out[f"{std}_conditions"] = cond
    return out.merge(counts.drop(columns=["dbkk"]), on=KEYS, how="left")


def unit_names(communes: pd.DataFrame) -> pd.DataFrame:
    """Names of the pre-2025 province, district and commune of each row, and the 2025 commune(s).

    Codes are the GSO codes of the records (2016 list, ``edustats/data/admin_communes_2016.csv``);
    ``commune_2025`` names the commune(s) of the 1/7/2025 map the old commune went into, from the
    crosswalk of :mod:`edustats.admin2025` ("; " between several when the old commune was split,
    province in brackets). A code the lists do not hold is left empty, never guessed.

    Examples
    --------
    >>> unit_names(pd.DataFrame({"province_code": ["12"], "district_code": ["107"],
    ...                          "commune_code": ["03451"]}))[["district", "commune"]].to_dict("records")
    [{'district': 'Huyện Mường Tè', 'commune': 'Xã Mù Cả'}]
    """
    from .admin2025 import commune_crosswalk
    from .records import commune_frame

    names = commune_frame()[["commune_code", "province", "district", "commune"]]
    cw = commune_crosswalk()
    cw = cw.assign(unit=cw["new_commune"] + " (" + cw["new_province"] + ")").sort_values(["old_commune_code", "unit"])
    new = cw.groupby("old_commune_code")["unit"].agg(lambda u: "; ".join(dict.fromkeys(u))).rename("commune_2025")
    out = communes[["commune_code"]].merge(names, on="commune_code", how="left") \
        .merge(new, left_on="commune_code", right_index=True, how="left")
    return out[["province", "district", "commune", "commune_2025"]].fillna("").set_axis(communes.index)


def levels_from_records(path, engine: str = "duckdb", *, progress=None) -> dict:
    """Counts, commune levels and (for years before 2025) district levels from record files.

    Returns ``{"communes": DataFrame, "districts": DataFrame}``; after 1/7/2025 there are no
    districts, and ``districts`` is empty (see :func:`edustats.indicators.province_commune_share`).
    """
    counts = commune_counts(path, engine, progress=progress)
    (progress or (lambda m: None))("xếp mức theo Nghị định 20/2014 / classifying levels")
    communes = commune_levels(counts)
    # both maps: the records' pre-2025 units by name, and the 2025 commune(s) each went into
    names = unit_names(communes)
    communes = pd.concat([communes[KEYS], names, communes.drop(columns=KEYS)], axis=1)
    rows = []
    hist = communes[communes["year"] < 2025]
    if len(hist):
        for std in STANDARDS:
            cl = hist[["province_code", "district_code", "commune_code", "year", f"{std}_level",
                       f"{std}_conditions"]].rename(columns={f"{std}_level": "level", f"{std}_conditions": "conditions_to_confirm",
                                                            "district_code": "district", "commune_code": "commune"})
            cl["district"] = cl["province_code"] + "-" + cl["district"]
            # a commune whose level is undefined counts as not meeting (the district rule counts communes
            # recognised at the level), and says so among the conditions
            und = cl["level"].isna()
            cl["conditions_to_confirm"] = np.where(und, "mức của xã chưa xác định được từ hồ sơ / commune level undefined",
                                                   cl["conditions_to_confirm"])
            cl["level"] = cl["level"].fillna(0).astype(int)
            d = district_levels(cl[["district", "commune", "year", "level", "conditions_to_confirm"]], standard=std,
                                by=("district", "year"), commune="commune")
            rows.append(d)
    districts = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    if len(districts):  # "12-107" → Lai Châu, Huyện Mường Tè (districts were abolished on 1/7/2025)
        dn = communes.assign(_d=communes["province_code"] + "-" + communes["district_code"]) \
            .drop_duplicates("_d").set_index("_d")[["province", "district"]] \
            .rename(columns={"district": "district_name"})
        districts = districts.join(dn, on="district")
        first = ["district", "province", "district_name"]
        districts = districts[first + [c for c in districts.columns if c not in first]]
    return {"communes": communes, "districts": districts}


# --------------------------------------------------------------------------------------------- CLI
def _register_cli(sub) -> None:
    p = sub.add_parser("levels", help="mức phổ cập giáo dục, xóa mù chữ của mọi xã từ phiếu điều tra / universalisation and literacy levels of every commune, from person records",
                       description="Count every criterion of Nghị định 20/2014 per commune from person-level records "
                                   "(Parquet, CSV or a folder of them) and classify each commune's levels.")
    p.add_argument("--records", required=True, help="a .parquet or .csv file, or a folder of .parquet files")
    p.add_argument("--engine", default="duckdb", choices=["duckdb", "spark"],
                   help="duckdb (embedded, default) or spark (PySpark, for data beyond one machine)")
    p.add_argument("--out", required=True, help="levels.csv or levels.xlsx (districts go to …-districts.csv/.xlsx)")
    p.set_defaults(func=_cmd_levels)


SHEETS = {"communes": "Mức PCGD-XMC theo xã", "districts": "Mức PCGD-XMC theo huyện"}   # Excel: ≤ 31 characters


def xlsx_formats(df: pd.DataFrame) -> dict:
    """Excel number formats of the float columns of a levels table: rates and margins (percent or
    percentage points) show one decimal, levels and persons none; the cell keeps the full value.

    >>> xlsx_formats(pd.DataFrame({"literacy_margin": [3.2258], "literacy_level": [2.0], "next_value": [88.46],
    ...                            "next_units_short": [4.0], "persons": [50]}))
    {'literacy_margin': '0.0', 'literacy_level': '0', 'next_value': '0.0', 'next_units_short': '0'}
    """
    out = {}
    for c in df.columns:
        if pd.api.types.is_float_dtype(df[c]):
            whole = c == "level" or c.endswith(("_level", "_persons", "_short"))
            out[c] = "0" if whole else "0.0"
    return out


_STANDARD_VI = {"pcgd_preschool5": "PCGD mầm non 5 tuổi", "pcgd_primary": "PCGD tiểu học",
                "pcgd_lower_secondary": "PCGD THCS", "literacy": "XMC"}
_CRITERION_VI = {
    "age5_enrolment_rate": "trẻ 5 tuổi học mẫu giáo", "age5_completion_rate": "trẻ 5 tuổi hoàn thành CT mẫu giáo",
    "net_intake_rate": "trẻ 6 tuổi vào lớp 1", "completion_by_14": "11-14 tuổi hoàn thành CT tiểu học",
    "completion_by_11": "11 tuổi hoàn thành CT tiểu học", "diploma_15_18": "15-18 tuổi có bằng tốt nghiệp THCS",
    "upper_or_vocational_15_18": "15-18 tuổi học THPT, GDTX hoặc GDNN",
    "literate_l1_15_35": "15-35 tuổi biết chữ mức 1", "literate_l1_15_25": "15-25 tuổi biết chữ mức 1",
    "literate_l2_15_60": "15-60 tuổi biết chữ mức 2", "literate_l2_15_35": "15-35 tuổi biết chữ mức 2",
}
_COLUMN_VI = {
    "province_code": "Mã tỉnh", "district_code": "Mã huyện", "commune_code": "Mã xã", "year": "Năm",
    "province": "Tỉnh", "district": "Huyện", "commune": "Xã", "commune_2025": "Xã sau sắp xếp 2025",
    "dbkk": "Xã ĐBKK", "persons": "Số người trong hồ sơ", "district_name": "Huyện", "standard": "Tiêu chuẩn",
    "level": "Mức đạt", "next_value": "Tỷ lệ xã đạt mức kế tiếp (%)", "next_threshold": "Tỷ lệ xã cần có (%)",
    "next_units_short": "Số xã còn thiếu", "article": "Điều khoản của mức đạt",
    "conditions_to_confirm": "Điều kiện cần xác nhận thêm",
    "age11_not_completed_not_in_primary": "Số trẻ 11 tuổi chưa hoàn thành, không học tiểu học",
}
_SUFFIX_VI = {"_level": "mức đạt", "_binding": "tiêu chí quyết định mức", "_margin": "chênh lệch so với ngưỡng (điểm %)",
              "_margin_persons": "chênh lệch so với ngưỡng (số người)", "_conditions": "điều kiện cần xác nhận thêm",
              "_numerator": "tử số", "_denominator": "mẫu số"}


def headers_vi(columns, table: str = "communes") -> dict:
    """The Vietnamese header of each column of a levels table (``table``: ``communes`` or
    ``districts``), for row 1 of the workbook; the English codes stay in row 2.

    >>> h = headers_vi(["commune_code", "literacy_level", "pcgd_primary_margin_persons", "diploma_15_18_numerator",
    ...                 "disabled_access_literacy_denominator"])
    >>> list(h.values())
    ['Mã xã', 'XMC: mức đạt', 'PCGD tiểu học: chênh lệch so với ngưỡng (số người)', '15-18 tuổi có bằng tốt nghiệp THCS: tử số', 'Người khuyết tật có khả năng học (XMC): mẫu số']
    >>> headers_vi(["district", "district_name"], "districts")
    {'district': 'Mã huyện', 'district_name': 'Huyện'}
    """
    out = {}
    for c in columns:
        if table == "districts" and c == "district":
            out[c] = "Mã huyện"   # the districts table keys on the code, its name is district_name
            continue
        if c in _COLUMN_VI:
            out[c] = _COLUMN_VI[c]
            continue
        for suffix in sorted(_SUFFIX_VI, key=len, reverse=True):   # _margin_persons before _margin
            stem = c[: -len(suffix)] if c.endswith(suffix) else None
            if not stem:
                continue
            if stem in _STANDARD_VI:
                out[c] = f"{_STANDARD_VI[stem]}: {_SUFFIX_VI[suffix]}"
            elif stem in _CRITERION_VI:
                out[c] = f"{_CRITERION_VI[stem]}: {_SUFFIX_VI[suffix]}"
            elif stem.startswith("disabled_access_") and stem[16:] in _STANDARD_VI:
                out[c] = f"Người khuyết tật có khả năng học ({_STANDARD_VI[stem[16:]]}): {_SUFFIX_VI[suffix]}"
            break
    return {c: h[0].upper() + h[1:] for c, h in out.items()}


def _write(df: pd.DataFrame, path: Path, sheet: str = SHEETS["communes"]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if path.suffix.lower() == ".xlsx":   # the assess workbook's convention: Vietnamese headers, the codes below
        from .excel_io import write_table

        frame = df.copy()
        for c in frame.columns:   # <NA> of a nullable column as an empty cell
            if isinstance(frame[c].dtype, pd.api.extensions.ExtensionDtype) and frame[c].isna().any():
                frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
        write_table(frame, path, headers_vi=headers_vi(df.columns, "districts" if sheet == SHEETS["districts"]
                                                       else "communes"), formats=xlsx_formats(df), sheet=sheet)
        return
    else:
        df.to_csv(tmp, index=False, encoding="utf-8-sig")
    tmp.replace(path)


def _cmd_levels(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise_data_error("không ghi được / cannot write", [dict(file=str(out), row=None, column="--out",
                                                                value=out.suffix or "(no suffix)", expected=".csv or .xlsx")])
    src = Path(args.records).resolve()
    if out.resolve() == src or (src.is_dir() and src in out.resolve().parents):
        raise_data_error("không ghi đè dữ liệu vào / refusing to write over the input",
                         [dict(file=str(out), row=None, column="--out", value=str(out), expected="a path outside the records")])
    t0 = time.perf_counter()
    res = levels_from_records(args.records, args.engine,
                              progress=lambda m: print(f"[{format_number(time.perf_counter() - t0, 1):>5} s] {m}",
                                                                      file=sys.stderr))
    _write(res["communes"], out)
    msg = f"{format_number(len(res['communes']), 0)} xã / communes → {out}"
    if len(res["districts"]):
        dpath = out.with_name(out.stem + "-districts" + out.suffix)
        _write(res["districts"], dpath, SHEETS["districts"])
        msg += f"; {format_number(res['districts']['district'].nunique(), 0)} huyện / districts → {dpath}"
    c = res["communes"]
    summary = "; ".join(f"{s}: " + ", ".join(f"mức {lv}: {n}" for lv, n in c[f"{s}_level"].value_counts().sort_index().items())
                        + (f", chưa xác định / undefined: {int(c[f'{s}_level'].isna().sum())}"
                           if c[f"{s}_level"].isna().any() else "")
                        for s in STANDARDS)
    print(f"{msg}\n{summary}", file=sys.stderr)
    return 0
