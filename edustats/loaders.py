"""Loaders for the shipped data and a planner's own files, refusing bad data loudly.

Every loader reads cells as text (so nothing is coerced behind the user's back), parses
Vietnamese number forms (``22,5%``, ``1.830``, ``35 triệu đồng``), validates the table with a
pandera schema with ``lazy=True`` and raises one :class:`~edustats.errors.DataError` that names
every bad cell: file, row (spreadsheet numbering, header = row 1), column, value and what was
expected.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .catalogue import COMPARATORS, KINDS, LEVELS, UNITS, indicator_catalogue
from .errors import DataError, raise_data_error
from .vnformat import parse_vn_number

__all__ = [
    "DATA_DIR",
    "data_path",
    "load_sources",
    "load_targets",
    "load_commitments",
    "load_observations",
    "read_table",
    "check_not_mojibake",
    "validate_targets",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
YEAR_MIN, YEAR_MAX = 1975, 2100

TARGET_COLUMNS = ["id", "source", "locality", "kind", "year", "annual", "level", "indicator", "label_vi",
                  "label_en", "comparator", "value", "unit", "numerator", "denominator", "quote", "note"]
TARGET_REQUIRED = ["source", "kind", "year", "comparator", "value", "unit"]
OBSERVATION_REQUIRED = ["locality", "indicator", "year", "value"]
OBSERVATION_OPTIONAL = ["level", "unit", "numerator", "denominator", "source", "note", "synthetic"]

# Sequences that UTF-8 Vietnamese shows when it was decoded as Windows-1252/Latin-1 and saved again.
_MOJIBAKE_MARKERS = ("Ã", "á»", "Ä‘", "Æ°", "Ä", "áº")


def data_path(*parts: str) -> Path:
    """Path inside the repository's ``data/`` folder.

    >>> data_path("targets.csv").name
    'targets.csv'
    """
    return DATA_DIR.joinpath(*parts)


def check_not_mojibake(text: str, file: str = "<text>") -> None:
    """Raise :class:`DataError` when UTF-8 Vietnamese was mangled through a legacy code page.

    >>> check_not_mojibake("Tỷ lệ huy động")
    >>> check_not_mojibake("Tá»· lá»‡ huy Ä‘á»™ng")
    Traceback (most recent call last):
    ...
    edustats.errors.DataError: text is not readable Vietnamese: 1 problem
      <text>: found 'Tá»· lá»‡ huy Ä‘á»™ng'; expected UTF-8 Vietnamese; this looks like UTF-8 decoded as Windows-1252 (mojibake): re-save the file as UTF-8
    """
    hits = [m for m in _MOJIBAKE_MARKERS if m in text]
    if len(hits) >= 2 or text.count("á»") >= 2:
        pos = min(text.find(m) for m in hits if m in text)
        raise_data_error("text is not readable Vietnamese", [dict(
            file=file, row=None, column=None, value=text[max(0, pos - 5):pos + 30],
            expected="UTF-8 Vietnamese; this looks like UTF-8 decoded as Windows-1252 (mojibake): "
                     "re-save the file as UTF-8")])


def read_table(path, *, sheet=0) -> pd.DataFrame:
    """Read a CSV (UTF-8) or Excel file with every cell as text; empty cells are ``""``.

    Errors name the file: a missing file, an empty file, a file that is not UTF-8 (say, saved
    from Excel as Windows-1258), or one with no data rows.
    """
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise_data_error("cannot read table", [dict(file=name, row=None, column=None, value=None,
                                                     expected="an existing file")])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            df = pd.read_excel(path, sheet_name=sheet, dtype=str, keep_default_na=False)
        except Exception as exc:  # openpyxl raises many types; name the file in ours
            raise_data_error("cannot read Excel file", [dict(file=name, row=None, column=None,
                                                             value=type(exc).__name__,
                                                             expected=f"a readable .xlsx workbook ({exc})")])
    else:
        raw = path.read_bytes()
        if not raw.strip():
            raise_data_error("empty file", [dict(file=name, row=None, column=None, value="",
                                                 expected="a header row and at least one data row")])
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise_data_error("file is not UTF-8", [dict(
                file=name, row=line, column=None, value=raw[exc.start:exc.start + 8].hex(" "),
                expected="UTF-8 text (re-save as 'CSV UTF-8'; Windows-1258 and TCVN3 are not read)")])
        check_not_mojibake(text, name)
        if text.lstrip().lower().startswith(("<!doctype", "<html")):
            raise_data_error("file is HTML, not a table", [dict(file=name, row=None, column=None,
                                                                value=text[:30], expected="CSV text")])
        from io import StringIO
        try:
            df = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=False)
        except pd.errors.ParserError as exc:
            raise_data_error("malformed CSV", [dict(file=name, row=None, column=None, value=None,
                                                    expected=f"comma-separated rows with equal columns ({exc})")])
    df.columns = [str(c).strip() for c in df.columns]
    if df.empty:
        raise_data_error("no data rows", [dict(file=name, row=None, column=None, value="",
                                               expected="at least one data row under the header")])
    df = df.map(lambda v: v if isinstance(v, str) else ("" if v is None else str(v)))
    return df.reset_index(drop=True)


def _row(i) -> int:
    """Spreadsheet row number of data row ``i`` (header is row 1)."""
    return int(i) + 2


def _missing_columns(df, required, file) -> list[dict]:
    return [dict(file=file, row=1, column=c, value=None,
                 expected=f"a column named '{c}' (required columns: {', '.join(required)})")
            for c in required if c not in df.columns]


def _parse_numbers(df, column, file, problems, *, required=True, integer=False) -> pd.Series:
    """Parse one column of Vietnamese number text into floats, recording every bad cell."""
    out = np.full(len(df), np.nan)
    units = [None] * len(df)
    if column not in df.columns:
        return pd.Series(out, index=df.index, name=column)
    for i, raw in enumerate(df[column]):
        cell = raw.strip()
        if cell == "":
            if required:
                problems.append(dict(file=file, row=_row(i), column=column, value=raw,
                                     expected="a value (empty cells are not allowed here)"))
            continue
        try:
            p = parse_vn_number(cell)
        except ValueError as exc:
            problems.append(dict(file=file, row=_row(i), column=column, value=raw,
                                 expected=f"a number such as 22,5 or 1.830 ({exc})"))
            continue
        if integer and not float(p.value).is_integer():
            problems.append(dict(file=file, row=_row(i), column=column, value=raw, expected="a whole number"))
            continue
        out[i] = p.value
        units[i] = p.unit
    s = pd.Series(out, index=df.index, name=column)
    s.attrs["units"] = units
    return s


def _pandera_problems(schema: pa.DataFrameSchema, df: pd.DataFrame, file: str) -> list[dict]:
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        recs = []
        for r in fc.itertuples(index=False):
            idx = r.index
            value = df.loc[idx, r.column] if (idx is not None and not (isinstance(idx, float) and math.isnan(idx))
                                              and r.column in df.columns) else r.failure_case
            recs.append(dict(file=file, row=None if idx is None or (isinstance(idx, float) and math.isnan(idx))
                             else _row(idx), column=r.column, value=_plain(value), expected=str(r.check)))
        return recs
    return []


def _plain(v):
    if isinstance(v, (np.floating, float)):
        return float(v) if not float(v).is_integer() else int(v)
    if isinstance(v, np.integer):
        return int(v)
    return v


def _isin(values, what):
    return pa.Check.isin(list(values), error=f"one of {', '.join(values)} ({what})")


def _level_ok(s: pd.Series) -> pd.Series:
    return s.map(lambda v: v == "" or all(p in LEVELS for p in v.split("+")))


_TARGET_SCHEMA = pa.DataFrameSchema(
    {
        "kind": pa.Column(str, _isin(KINDS, "kind")),
        "comparator": pa.Column(str, _isin(COMPARATORS, "comparator")),
        "unit": pa.Column(str, _isin(UNITS, "unit")),
        "year": pa.Column(float, pa.Check.in_range(YEAR_MIN, YEAR_MAX,
                                                   error=f"a year between {YEAR_MIN} and {YEAR_MAX}"), nullable=True),
        "level": pa.Column(str, pa.Check(_level_ok, element_wise=False,
                                         error="levels joined by '+' from: " + ", ".join(LEVELS))),
        "annual": pa.Column(str, _isin(("true", "false", ""), "annual")),
        "source": pa.Column(str, pa.Check.str_length(min_value=1, error="the source document or a name for it")),
        "decimals": pa.Column(str, pa.Check.str_matches(r"^\d?$", error="the decimal places printed (0-9) or empty"),
                              required=False),
    },
    strict=False,
    coerce=False,
)


def _range_problems(df, value, unit_col, file, *, column="value") -> list[dict]:
    """Values outside the unit's range or the catalogue's valid range for the indicator."""
    cat = indicator_catalogue().set_index("code")
    recs = []
    for i, v in value.items():
        if np.isnan(v):
            continue
        code = df.at[i, "indicator"] if "indicator" in df.columns else ""
        unit = df.at[i, unit_col] if unit_col in df.columns else ""
        lo, hi = -np.inf, np.inf
        if code in cat.index:
            lo, hi = cat.at[code, "min_value"], cat.at[code, "max_value"]
            unit = unit or cat.at[code, "unit"]
        elif unit == "percent":
            lo, hi = 0.0, 100.0
        elif unit in ("count", "level", "ratio", "million_vnd", "billion_vnd", "thousand_vnd", "vnd"):
            lo = 0.0
        if not (lo <= v <= hi):
            rng = f"[{lo:g}, {'∞)' if np.isinf(hi) else f'{hi:g}]'}"
            what = f"indicator '{code}'" if code in cat.index else f"unit '{unit}'"
            recs.append(dict(file=file, row=_row(i), column=column, value=df.at[i, column],
                             expected=f"a value in {rng} for {what}"))
    return recs


_OBSERVATION_SCHEMA = pa.DataFrameSchema(
    {
        "locality": pa.Column(str, pa.Check.str_length(min_value=1, error="a non-empty name")),
        "indicator": pa.Column(str, pa.Check.str_length(min_value=1, error="a non-empty name")),
        "year": pa.Column(float, pa.Check.in_range(YEAR_MIN, YEAR_MAX, error=f"a year between {YEAR_MIN} and {YEAR_MAX}"),
                          nullable=True),
        "unit": pa.Column(str, pa.Check.isin(list(UNITS) + [""], error="one of " + ", ".join(UNITS))),
        "numerator": pa.Column(float, pa.Check.ge(0, error="a count ≥ 0"), nullable=True),
        "denominator": pa.Column(float, pa.Check.ge(0, error="a count ≥ 0"), nullable=True),
    },
    strict=False,
    coerce=False,
)


def validate_targets(df: pd.DataFrame, file: str = "<targets>") -> pd.DataFrame:
    """Validate and type a targets table read as text; raise one DataError for all problems."""
    problems = _missing_columns(df, TARGET_REQUIRED, file)
    if problems:
        raise_data_error(f"targets file is missing columns", problems)
    df = df.copy()
    for c in TARGET_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    for c in df.columns:
        if c != "quote":  # a quote stays verbatim, spaces included
            df[c] = df[c].str.strip()
    df["annual"] = df["annual"].str.lower()  # Excel writes TRUE / FALSE
    year = _parse_numbers(df, "year", file, problems, integer=True)
    base_year = (_parse_numbers(df, "base_year", file, problems, integer=True, required=False)
                 if "base_year" in df.columns else None)
    value = _parse_numbers(df, "value", file, problems)
    num = _parse_numbers(df, "numerator", file, problems, required=False)
    den = _parse_numbers(df, "denominator", file, problems, required=False)
    # a unit written in the value cell ("22,5%") must agree with the unit column
    for i, u in enumerate(value.attrs.get("units", [])):
        if u and df.at[i, "unit"] and u != df.at[i, "unit"]:
            problems.append(dict(file=file, row=_row(i), column="value", value=df.at[i, "value"],
                                 expected=f"a value in unit '{df.at[i, 'unit']}' (the cell says {u})"))
    typed = df.copy()
    typed["year"] = year
    problems += _pandera_problems(_TARGET_SCHEMA, typed, file)
    problems += _range_problems(df, value, "unit", file)
    if "id" in df.columns and (df["id"] != "").any():
        dup = df["id"][(df["id"] != "") & df["id"].duplicated(keep=False)]
        problems += [dict(file=file, row=_row(i), column="id", value=v, expected="a unique id")
                     for i, v in dup.items()]
    raise_data_error(f"targets file {file} is invalid", problems)
    out = df[TARGET_COLUMNS + [c for c in df.columns if c not in TARGET_COLUMNS]].copy()
    out["year"] = year.astype("int64")
    out["value"] = value
    out["numerator"] = num
    out["denominator"] = den
    out["annual"] = out["annual"].eq("true")
    if base_year is not None:
        out["base_year"] = base_year
    return out


def load_targets(path=None) -> pd.DataFrame:
    """Load a targets table (default: the curated ``data/targets.csv``).

    The file has the columns of ``data/targets.csv``: at least ``source``, ``kind``, ``year``,
    ``comparator``, ``value`` and ``unit``. Values may be written the Vietnamese way
    (``22,5`` or ``22,5%``). Returns a typed DataFrame sorted as in the file.

    Examples
    --------
    >>> t = load_targets()
    >>> t.loc[t["id"] == "000-01", ["comparator", "value", "year"]].to_dict("records")
    [{'comparator': '>=', 'value': 22.5, 'year': 2025}]
    """
    path = Path(path) if path is not None else data_path("targets.csv")
    return validate_targets(read_table(path), str(path))


def load_sources(path=None) -> pd.DataFrame:
    """The five source documents' metadata (``data/sources.csv``), with a ``path`` column.

    >>> int(load_sources()["type"].value_counts()["kế hoạch"])
    2
    """
    path = Path(path) if path is not None else data_path("sources.csv")
    df = read_table(path)
    required = ["file", "document_number", "type", "issuer", "date", "title_vi"]
    problems = _missing_columns(df, required, str(path))
    schema = pa.DataFrameSchema({
        "file": pa.Column(str, [pa.Check.str_length(min_value=1, error="a file name"),
                                pa.Check(lambda s: ~s.duplicated(), error="a unique file name")]),
        "type": pa.Column(str, _isin(("nghị quyết", "kế hoạch", "báo cáo", "quyết định", "chỉ thị", "kết luận"),
                                     "document type")),
        "date": pa.Column(str, pa.Check.str_matches(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                                    error="a date as YYYY, YYYY-MM or YYYY-MM-DD, or empty")),
    }, strict=False)
    if not problems:
        problems += _pandera_problems(schema, df, str(path))
        for i, f in df["file"].items():
            if f and not (path.parent / "sources" / f).exists():
                problems.append(dict(file=str(path), row=_row(i), column="file", value=f,
                                     expected=f"a text in {path.parent / 'sources'}"))
    raise_data_error(f"sources file {path} is invalid", problems)
    df["path"] = [str(path.parent / "sources" / f) for f in df["file"]]
    return df


def load_commitments(path=None) -> pd.DataFrame:
    """Qualitative commitments (no number) with their quotes (``data/commitments.csv``).

    >>> c = load_commitments()
    >>> int((c["source"] == "003_13022e394e31c5a6.txt").sum()) >= 10
    True
    """
    path = Path(path) if path is not None else data_path("commitments.csv")
    df = read_table(path)
    required = ["id", "source", "commitment_vi", "quote"]
    problems = _missing_columns(df, required, str(path))
    if not problems:
        for col in required:
            problems += [dict(file=str(path), row=_row(i), column=col, value=v, expected="a non-empty value")
                         for i, v in df[col].items() if not v.strip()]
    raise_data_error(f"commitments file {path} is invalid", problems)
    return df


def load_observations(path) -> pd.DataFrame:
    """Load a planner's own observations (CSV or Excel) as a tidy long table.

    Columns: ``locality``, ``indicator``, ``year``, ``value`` (required) and, where known,
    ``numerator``, ``denominator``, ``level``, ``unit``, ``source``, ``note``, ``synthetic``.
    Checks, all reported together: numbers in Vietnamese or plain form; years within
    1975–2100; values inside the indicator's valid range (a completion rate of 140% is an
    error; a GER of 105% is not); counts not negative; a numerator not above its denominator
    for a bounded rate; a value that agrees with numerator/denominator to its written precision;
    no duplicated (locality, indicator, level, year).

    Returns a DataFrame sorted by locality, indicator, level, year, with float ``value``,
    ``numerator``, ``denominator`` (NaN only where the file left them empty, which is allowed)
    and int ``year``.
    """
    path = Path(path)
    file = str(path)
    df = read_table(path)
    problems = _missing_columns(df, OBSERVATION_REQUIRED, file)
    if problems:
        raise_data_error(f"observations file {file} is missing columns", problems)
    for c in OBSERVATION_OPTIONAL:
        if c not in df.columns:
            df[c] = ""
    for c in df.columns:
        df[c] = df[c].str.strip()
    year = _parse_numbers(df, "year", file, problems, integer=True)
    value = _parse_numbers(df, "value", file, problems)
    num = _parse_numbers(df, "numerator", file, problems, required=False)
    den = _parse_numbers(df, "denominator", file, problems, required=False)
    cat = indicator_catalogue().set_index("code")
    # structural checks as a pandera schema (all failures collected at once, lazy=True)
    typed = df.assign(year=year, numerator=num, denominator=den)
    problems += _pandera_problems(_OBSERVATION_SCHEMA, typed, file)
    problems += _range_problems(df, value, "unit", file)
    for i in df.index:
        n, d, v = num[i], den[i], value[i]
        if np.isnan(n) != np.isnan(d):
            problems.append(dict(file=file, row=_row(i), column="denominator" if np.isnan(d) else "numerator",
                                 value="", expected="numerator and denominator given together"))
            continue
        if np.isnan(n) or np.isnan(v) or n < 0 or d < 0:
            continue
        if d == 0:
            problems.append(dict(file=file, row=_row(i), column="denominator", value=df.at[i, "denominator"],
                                 expected="a denominator > 0 (a rate over nobody is undefined)"))
            continue
        code = df.at[i, "indicator"]
        bounded = code not in cat.index or np.isfinite(cat.at[code, "max_value"])
        unit = df.at[i, "unit"] or (cat.at[code, "unit"] if code in cat.index else "percent")
        if unit == "percent" and bounded and n > d:
            problems.append(dict(file=file, row=_row(i), column="numerator", value=df.at[i, "numerator"],
                                 expected=f"at most the denominator ({df.at[i, 'denominator']}) for a rate bounded by 100"))
            continue
        if unit == "percent":
            decimals = parse_vn_number(df.at[i, "value"]).decimals
            tol = 0.5 * 10 ** (-decimals) + 1e-9
            if abs(100 * n / d - v) > tol:
                problems.append(dict(file=file, row=_row(i), column="value", value=df.at[i, "value"],
                                     expected=f"100 × numerator / denominator = {100 * n / d:.4g} "
                                              f"to the precision written"))
    key = ["locality", "indicator", "level", "year"]
    keyed = df[key[:-1]].assign(year=year)
    dup = keyed.duplicated(keep=False) & year.notna()
    problems += [dict(file=file, row=_row(i), column="year", value=df.at[i, "year"],
                      expected=f"one row per locality, indicator, level and year (duplicate of "
                               f"{df.at[i, 'locality']} / {df.at[i, 'indicator']} / {df.at[i, 'year']})")
                 for i in df.index[dup]]
    raise_data_error(f"observations file {file} is invalid", problems)
    out = df.copy()
    out["year"] = year.astype("int64")
    out["value"] = value
    out["numerator"] = num
    out["denominator"] = den
    out["unit"] = [u or (cat.at[c, "unit"] if c in cat.index else "") for u, c in zip(out["unit"], out["indicator"])]
    out["synthetic"] = out["synthetic"].str.lower().isin(["true", "1", "yes"])
    return out.sort_values(key, kind="stable").reset_index(drop=True)
