"""Comparison across units: who is ahead and who lags on one indicator, and the total from counts.

When the observations hold several communes (or districts, or provinces), a target of one of
them is read beside the others: :func:`compare_units` ranks every unit's latest value for the
same indicator and level in the same year, and recomputes the total of all units from the summed
counts (never by averaging rates).
"""
from __future__ import annotations

import html
import math

import pandas as pd

from .vnformat import format_number, format_percent

__all__ = ["compare_units", "compare_html"]


def compare_units(observations: pd.DataFrame, indicator: str, level: str | None = None, year: int | None = None,
                  higher_is_better: bool = True) -> pd.DataFrame:
    """Every unit's value of one indicator in one year, best first, and the total from counts.

    Parameters
    ----------
    observations : DataFrame
        ``locality``, ``indicator``, ``year``, ``value`` and, where known, ``level``,
        ``numerator``, ``denominator``.
    indicator, level : str
        The indicator code, and its level where the observations carry one.
    year : int, optional
        Default: the latest year in which at least two units report the indicator.
    higher_is_better : bool
        Sort order: best first ("≤" targets: lowest first).

    Returns
    -------
    DataFrame
        ``locality``, ``year``, ``value``, ``numerator``, ``denominator``, ``rank`` (1 = best),
        sorted best first; ``attrs["total"]`` holds ``(value, numerator, denominator)`` of all
        units together when every unit has counts,

        .. math:: v_{\\text{total}} = 100 \\cdot \\frac{\\sum_i k_i}{\\sum_i n_i}

        and ``None`` otherwise. Empty when fewer than two units report the indicator.

    Examples
    --------
    >>> o = pd.DataFrame(dict(locality=["A", "B", "C"], indicator="promotion_rate", level="primary", year=2024,
    ...                       value=[96.0, 98.0, 90.0], numerator=[96, 49, 45], denominator=[100, 50, 50]))
    >>> c = compare_units(o, "promotion_rate", "primary")
    >>> c["locality"].tolist(), c["rank"].tolist()
    (['B', 'A', 'C'], [1, 2, 3])
    >>> c.attrs["total"]
    (95.0, 190.0, 200.0)
    """
    cols = ["locality", "year", "value", "numerator", "denominator", "rank"]
    o = observations[observations["indicator"] == indicator]
    if level and "level" in o.columns and (o["level"] == level).any():
        o = o[o["level"] == level]
    if "locality" not in o.columns or o.empty:
        return pd.DataFrame(columns=cols)
    per_year = o.groupby("year")["locality"].nunique()
    if year is None:
        years = per_year[per_year >= 2].index
        if not len(years):
            return pd.DataFrame(columns=cols)
        year = int(max(years))
    o = o[o["year"] == year]
    if o["locality"].nunique() < 2:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame({"locality": o["locality"], "year": o["year"].astype(int), "value": o["value"].astype(float),
                        "numerator": o["numerator"].astype(float) if "numerator" in o.columns else float("nan"),
                        "denominator": o["denominator"].astype(float) if "denominator" in o.columns else float("nan")})
    out = out.sort_values(["value", "locality"], ascending=[not higher_is_better, True], kind="stable")
    out["rank"] = range(1, len(out) + 1)
    out = out.reset_index(drop=True)[cols]
    total = None
    if out["numerator"].notna().all() and out["denominator"].notna().all() and out["denominator"].sum() > 0:
        k, n = float(out["numerator"].sum()), float(out["denominator"].sum())
        total = (100 * k / n, k, n)
    out.attrs["total"] = total
    return out


def compare_html(table: pd.DataFrame, title: str, target: float | None = None, unit: str = "percent",
                 highlight: str = "") -> str:
    """A sorted dot-line table: each unit's value with its counts and a bar, the total from counts last.

    >>> o = pd.DataFrame(dict(locality=["A", "B"], indicator="x", year=2024, value=[90.0, 80.0],
    ...                       numerator=[90, 40], denominator=[100, 50]))
    >>> s = compare_html(compare_units(o, "x"), "Tỷ lệ x", target=85)
    >>> "86,7% (130 / 150)" in s and "Cộng chung" in s
    True
    """
    if table.empty:
        return ""
    pct = unit == "percent"

    def show(v, k, n):
        text = format_percent(v, 1) if pct else format_number(v, 1, trim=True)
        if not (isinstance(k, float) and math.isnan(k)) and not (isinstance(n, float) and math.isnan(n)):
            text += f" ({format_number(k, 0)} / {format_number(n, 0)})"
        return text

    top = max(100.0 if pct else float(table["value"].max()), 1e-9)
    rows = []
    for r in table.itertuples(index=False):
        w = max(0.0, min(100.0, 100 * r.value / top))
        mark = ' class="es-here"' if highlight and r.locality == highlight else ""
        rows.append(f"<tr{mark}><td>{r.rank}</td><td>{html.escape(str(r.locality))}</td>"
                    f"<td>{show(r.value, r.numerator, r.denominator)}</td>"
                    f'<td style="width:40%"><span class="es-bar" style="width:{w:.1f}%"></span></td></tr>')
    total = table.attrs.get("total")
    if total is not None:
        rows.append(f"<tr class=\"es-total\"><td></td><td>Cộng chung (tính lại từ số đếm)</td>"
                    f"<td>{show(*total)}</td><td></td></tr>")
    tgt = "" if target is None else f"; mục tiêu {format_number(target, 1, trim=True)}{'%' if pct else ''}"
    year = int(table["year"].iloc[0])
    return (f'<table class="es-compare"><caption>{html.escape(title)} (năm {year}{tgt})</caption>'
            "<thead><tr><th>Hạng</th><th>Đơn vị</th><th>Giá trị (tử số / mẫu số)</th><th></th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")
