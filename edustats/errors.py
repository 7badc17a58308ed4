"""Errors that carry the offending rows.

Every validation in edustats collects *all* problems of an input before failing, and raises one
:class:`DataError` whose message names, for each problem, the file, the row (as a spreadsheet
user counts it: the header is row 1), the column, the value found and what was expected.
The same problems are available as a tidy table in ``DataError.problems`` (the pyam
``raise_data_error`` idea: show the rows, not just a count).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["DataError", "raise_data_error", "problems_frame"]

PROBLEM_COLUMNS = ["file", "row", "column", "value", "expected"]


class DataError(ValueError):
    """Invalid input data. ``problems`` is a DataFrame with one row per bad cell."""

    def __init__(self, message: str, problems: pd.DataFrame | None = None):
        super().__init__(message)
        self.problems = problems if problems is not None else pd.DataFrame(columns=PROBLEM_COLUMNS)


def problems_frame(records: list[dict]) -> pd.DataFrame:
    """Tidy, sorted table of problem records (keys: file, row, column, value, expected)."""
    df = pd.DataFrame(records, columns=PROBLEM_COLUMNS)
    if df.empty:
        return df
    df["_r"] = pd.to_numeric(df["row"], errors="coerce").fillna(-1)
    return df.sort_values(["_r", "column"], kind="stable").drop(columns="_r").reset_index(drop=True)


def raise_data_error(msg: str, records: list[dict], *, limit: int = 200) -> None:
    """Raise one :class:`DataError` listing every problem record.

    Parameters
    ----------
    msg : str
        What was being checked, e.g. ``"targets file is invalid"``.
    records : list of dict
        Each with keys ``file``, ``row`` (spreadsheet row or ``None``), ``column``, ``value``
        and ``expected``.
    limit : int
        At most this many problems are spelt out in the message; all are in ``.problems``.

    Examples
    --------
    >>> try:
    ...     raise_data_error("bad", [dict(file="t.csv", row=3, column="value", value="abc",
    ...                                   expected="a number")])
    ... except DataError as e:
    ...     print(e)
    bad: 1 problem
      t.csv, row 3, column 'value': found 'abc'; expected a number
    """
    if not records:
        return
    df = problems_frame(records)
    n = len(df)
    lines = [f"{msg}: {n} problem{'s' if n != 1 else ''}"]
    for rec in df.head(limit).itertuples(index=False):
        where = [str(rec.file)] if rec.file else []
        if rec.row is not None and not (isinstance(rec.row, float) and pd.isna(rec.row)):
            row = int(rec.row) if isinstance(rec.row, float) and rec.row.is_integer() else rec.row
            where.append(f"row {row}")
        if rec.column:
            where.append(f"column '{rec.column}'")
        value = rec.value.item() if isinstance(rec.value, np.generic) else rec.value
        found = "" if value is None else f"found {value!r}; "
        lines.append(f"  {', '.join(where)}: {found}expected {rec.expected}")
    if n > limit:
        lines.append(f"  … and {n - limit} more (see DataError.problems)")
    raise DataError("\n".join(lines), df)
