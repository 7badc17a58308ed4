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

from .vnformat import format_count

__all__ = ["DataError", "UsageError", "raise_data_error", "raise_usage_error", "problems_frame"]

PROBLEM_COLUMNS = ["file", "row", "column", "value", "expected"]


class DataError(ValueError):
    """Invalid input data. ``problems`` is a DataFrame with one row per bad cell."""

    def __init__(self, message: str, problems: pd.DataFrame | None = None, *, vietnamese: bool = False):
        super().__init__(message)
        self.vietnamese = vietnamese  # True when the message carries its Vietnamese block first
        self.problems = problems if problems is not None else pd.DataFrame(columns=PROBLEM_COLUMNS)


class UsageError(ValueError):
    """A command used in a way that cannot work (a misspelt locality, an output over an input).

    The message is Vietnamese first, then English; the CLI prints it without a traceback.
    """


def raise_usage_error(vi: str, en: str) -> None:
    """Raise a :class:`UsageError` whose message is ``vi`` then ``en`` on the next line.

    >>> try:
    ...     raise_usage_error("Không tìm thấy xã 'Na Meo'.", "Locality 'Na Meo' not found.")
    ... except UsageError as e:
    ...     print(e)
    Không tìm thấy xã 'Na Meo'.
    Locality 'Na Meo' not found.
    """
    raise UsageError(f"{vi}\n{en}")


def problems_frame(records: list[dict]) -> pd.DataFrame:
    """Tidy, sorted table of problem records (keys: file, row, column, value, expected)."""
    extra = [k for k in ("sheet", "cell", "expected_vi", "canonical") if any(r.get(k) is not None for r in records)]
    df = pd.DataFrame(records, columns=PROBLEM_COLUMNS + extra)
    if df.empty:
        return df
    df["_r"] = pd.to_numeric(df["row"], errors="coerce").fillna(-1)
    return df.sort_values(["_r", "column"], kind="stable").drop(columns="_r").reset_index(drop=True)


def _where(rec, vi: bool) -> str:
    words = (("trang tính", "ô", "dòng", "cột") if vi else ("sheet", "cell", "row", "column"))
    where = [str(rec["file"])] if rec.get("file") else []
    sheet = rec.get("sheet")
    sheet = None if isinstance(sheet, float) else sheet
    if isinstance(sheet, str) and sheet:
        where.append(f"{words[0]} '{sheet}'")
    cell = rec.get("cell")
    cell = None if isinstance(cell, float) else cell
    if isinstance(cell, str) and cell:
        where.append(f"{words[1]} {cell}")
    row = rec.get("row")
    if row is not None and not (isinstance(row, float) and pd.isna(row)):
        row = int(row) if isinstance(row, float) and row.is_integer() else row
        where.append(f"{words[2]} {row}")
    if rec.get("column"):
        # the header as the user wrote it, then the column edustats read it as ("'Tử số' (numerator)")
        canon = rec.get("canonical")
        canon = canon if isinstance(canon, str) and canon and canon != rec["column"] else None
        where.append(f"{words[3]} '{rec['column']}'" + (f" ({canon})" if canon else ""))
    return ", ".join(where)


def _found(rec) -> str:
    value = rec.get("value")
    value = value.item() if isinstance(value, np.generic) else value
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return repr(value)


def raise_data_error(msg: str, records: list[dict], *, limit: int = 200, msg_vi: str | None = None) -> None:
    """Raise one :class:`DataError` listing every problem record.

    Parameters
    ----------
    msg : str
        What was being checked, e.g. ``"targets file is invalid"``.
    records : list of dict
        Each with keys ``file``, ``row`` (spreadsheet row or ``None``), ``column``, ``value``
        and ``expected``; optionally ``sheet``, ``cell``, ``expected_vi`` and ``canonical`` (the
        column edustats read the user's header ``column`` as, printed after it in brackets).
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

    With ``msg_vi`` (and ``expected_vi`` in the records) the Vietnamese block comes first:

    >>> try:
    ...     raise_data_error("bad", [dict(file="t.xlsx", sheet="Số liệu", cell="F7", row=7, column="Giá trị",
    ...                                   value="abc", expected="a number", expected_vi="một số")],
    ...                      msg_vi="dữ liệu sai")
    ... except DataError as e:
    ...     print(e)
    dữ liệu sai: 1 lỗi
      t.xlsx, trang tính 'Số liệu', ô F7, dòng 7, cột 'Giá trị': gặp 'abc'; cần một số
    bad: 1 problem
      t.xlsx, sheet 'Số liệu', cell F7, row 7, column 'Giá trị': found 'abc'; expected a number
    """
    if not records:
        return
    df = problems_frame(records)
    n = len(df)
    lines = []
    if msg_vi is not None:
        # Vietnamese first: the same problems, then the English block (unchanged format)
        lines.append(f"{msg_vi}: {format_count(n)} lỗi")
        for rec in df.head(limit).to_dict("records"):
            found = _found(rec)
            exp = rec.get("expected_vi")
            exp = exp if isinstance(exp, str) and exp else rec["expected"]
            lines.append(f"  {_where(rec, True)}: {'' if found is None else f'gặp {found}; '}cần {exp}")
        if n > limit:
            lines.append(f"  … và {format_count(n - limit)} lỗi khác: sửa các lỗi trên rồi chạy lại (thường cùng một "
                         "nguyên nhân); trong Python, DataError.problems có đủ mọi lỗi")
    lines.append(f"{msg}: {n:,} problem{'s' if n != 1 else ''}")
    for rec in df.head(limit).to_dict("records"):
        value = rec["value"].item() if isinstance(rec["value"], np.generic) else rec["value"]
        found = "" if value is None else f"found {value!r}; "
        lines.append(f"  {_where(rec, False)}: {found}expected {rec['expected']}")
    if n > limit:
        lines.append(f"  … and {n - limit:,} more: fix the ones above and run again (they often share a cause); in "
                     "Python, DataError.problems lists them all")
    raise DataError("\n".join(lines), df[[c for c in df.columns if c != "expected_vi"]], vietnamese=msg_vi is not None)
