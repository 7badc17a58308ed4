"""Printing a table to a terminal (shared by the subcommands; no edustats imports, so any module
may use it without an import circle)."""
from __future__ import annotations

import sys

import pandas as pd

__all__ = ["print_table"]


def print_table(df: pd.DataFrame, out=None) -> None:
    """Print every row and column of ``df`` without the index.

    >>> print_table(pd.DataFrame({"a": [1, 2]}))
     a
     1
     2
    """
    out = out or sys.stdout
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.max_colwidth", 70):
        print(df.to_string(index=False), file=out)


_print_table = print_table
