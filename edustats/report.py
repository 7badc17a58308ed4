"""HTML pieces for briefings: tables with their source under them, and the synthetic-data banner."""
from __future__ import annotations

import html

import pandas as pd

__all__ = ["html_table", "synthetic_banner"]

SYNTHETIC_TEXT = ("Dữ liệu minh họa tổng hợp (synthetic example data): không phải số liệu thật của địa phương; "
                  "sinh bởi edustats.examples với hạt giống cố định.")


def synthetic_banner() -> str:
    """The banner every table or section on synthetic data carries."""
    return f'<div class="es-synthetic">{html.escape(SYNTHETIC_TEXT)}</div>'


def html_table(df: pd.DataFrame, *, caption: str = "", source: str = "", synthetic: bool = False,
               columns: dict | None = None) -> str:
    """A table as HTML with a caption above and its source cited below.

    >>> s = html_table(pd.DataFrame({"a": [1]}), caption="T", source="data/targets.csv")
    >>> "Nguồn: data/targets.csv" in s and "<caption>T</caption>" in s
    True
    """
    shown = df.rename(columns=columns or {})
    table = shown.to_html(index=False, escape=True, border=0, na_rep="–")
    if caption:
        table = table.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)
    parts = [synthetic_banner()] if synthetic else []
    parts.append(table)
    if source:
        parts.append(f'<div class="es-source">Nguồn: {html.escape(source)}</div>')
    return "\n".join(parts)
