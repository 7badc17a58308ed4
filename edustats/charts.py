"""Charts for briefings: embedded in the HTML (:func:`figure_html`), optionally saved with stable names.

Every chart function returns a matplotlib Figure and takes ``synthetic=True`` when the data are
the synthetic example, which stamps "SỐ LIỆU GIẢ ĐỊNH (MÔ PHỎNG)" on the figure itself, so the
label travels with the picture onto a slide. Tick labels use the Vietnamese number format
(:func:`vn_axis`: 22,5 and 1.830).
"""
from __future__ import annotations

from pathlib import Path

import base64
import io

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter

from .vnformat import format_number

__all__ = ["save_figure", "stamp_synthetic", "plot_targets_by_level", "plot_fan", "plot_scorecard_heatmap", "plot_pace",
           "plot_compare", "figure_html", "vn_axis", "vn_tick", "FIGURES_DIR", "LEVEL_ORDER", "VERDICT_COLOURS"]

FIGURES_DIR = Path(__file__).resolve().parent.parent / "figures"
SYNTHETIC_LABEL = "SỐ LIỆU GIẢ ĐỊNH (MÔ PHỎNG)"
SYNTHETIC_LABEL_EN = "SYNTHETIC EXAMPLE DATA (SIMULATED)"   # the same label on an English page


def vn_tick(v: float, _pos=None) -> str:
    """A tick label the Vietnamese way: decimal comma, dot for thousands, no trailing zeros.

    >>> vn_tick(22.5), vn_tick(1830.0), vn_tick(2025.0)
    ('22,5', '1.830', '2025')
    """
    if abs(v - round(v)) < 1e-9 and 1900 <= abs(v) <= 2100:
        return str(int(round(v)))  # a year, not 2.025
    return format_number(v, 2, trim=True)


def vn_axis(ax, x: bool = True, y: bool = True) -> None:
    """Vietnamese number format on an axis' tick labels (matplotlib formatter)."""
    if x:
        ax.xaxis.set_major_formatter(FuncFormatter(vn_tick))
    if y:
        ax.yaxis.set_major_formatter(FuncFormatter(vn_tick))


def figure_html(fig, name: str | None = None, folder: Path | None = None, width: str = "100%", alt: str = "") -> str:
    """The figure as an embedded ``<img>`` (PNG, base64), saved to ``folder`` too when one is given.

    The picture travels inside the HTML; nothing is written unless ``folder`` is set.
    """
    import html as _html

    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None}, dpi=110)
    if folder is not None and name:  # the same PNG bytes, one rendering
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.png").write_bytes(buf.getvalue())
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode()
    return (f'<img class="es-chart" src="data:image/png;base64,{data}" alt="{_html.escape(alt)}" '
            f'style="max-width:{width}">')
LEVEL_ORDER = ["nursery", "kindergarten", "preschool", "primary", "lower-secondary", "upper-secondary",
               "vocational", "adult", "all"]
LEVEL_VI = {"nursery": "Nhà trẻ", "kindergarten": "Mẫu giáo", "preschool": "Mầm non", "primary": "Tiểu học",
            "lower-secondary": "THCS", "upper-secondary": "THPT", "vocational": "Nghề", "adult": "Người lớn",
            "all": "Chung", "general": "Phổ thông"}

plt.rcParams.update({"svg.hashsalt": "edustats", "font.family": "DejaVu Sans", "figure.dpi": 100})


def stamp_synthetic(fig, lang: str = "vi") -> None:
    """Write the synthetic-data label across the top of a figure, in the page's language."""
    # top-left, so it never sits on a centred title
    fig.text(0.005, 0.995, SYNTHETIC_LABEL if lang == "vi" else SYNTHETIC_LABEL_EN, ha="left", va="top", fontsize=9, color="#8a6d00",
             bbox=dict(facecolor="#fff3cd", edgecolor="#d39e00", boxstyle="round,pad=0.3"))


def save_figure(fig, name: str, folder: Path | None = None) -> list[Path]:
    """Save ``fig`` as ``name.png`` and ``name.svg`` (no timestamps, so bytes are reproducible)."""
    folder = Path(folder) if folder is not None else FIGURES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        p = folder / f"{name}.{ext}"
        fig.savefig(p, bbox_inches="tight", metadata=meta)
        paths.append(p)
    return paths


def plot_targets_by_level(targets: pd.DataFrame, locality_of: dict | None = None):
    """Horizontal bars: number of targets per level in each document (a ``+`` level counts in each part)."""
    t = targets[targets["kind"] == "target"].copy()
    t["level"] = t["level"].str.split("+")
    t = t.explode("level")
    names = locality_of or {}
    t["document"] = t["source"].map(lambda s: names.get(s, s))
    table = t.groupby(["level", "document"]).size().unstack(fill_value=0)
    order = [lv for lv in LEVEL_ORDER if lv in table.index] + [lv for lv in table.index if lv not in LEVEL_ORDER]
    table = table.loc[order[::-1]]
    table.index = [LEVEL_VI.get(i, i) for i in table.index]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    table.plot.barh(stacked=True, ax=ax, colormap="tab10", width=0.75)
    ax.set_xlabel("Số mục tiêu")
    ax.set_ylabel("")
    ax.set_title("Mục tiêu theo cấp học và văn bản", fontsize=11)
    vn_axis(ax, y=False)
    ax.legend(title="Văn bản", fontsize=8, title_fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, -0.02, "Nguồn: data/targets.csv (trích dẫn từ 5 văn bản gốc)", fontsize=8, color="#555")
    fig.tight_layout()
    return fig


VERDICT_COLOURS = {"likely": "#1a9850", "probable": "#91cf60", "observed_met": "#1a9850", "on_pace_low_confidence": "#d9ef8b",
                   "uncertain": "#fee08b", "off_pace_low_confidence": "#fdae61", "at_risk": "#fc8d59",
                   "unlikely": "#d73027", "observed_missed": "#d73027", "insufficient_data": "#bdbdbd",
                   "due_no_data": "#9e9ac8"}


def plot_fan(obs: pd.DataFrame, row, synthetic: bool = False, lang: str = "vi"):
    """Target against projection: observations, the 80% and 95% predictive intervals, the target.

    ``obs``: year, value for the series; ``row``: one row of :func:`edustats.assess` output.
    """
    import numpy as np

    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(obs["year"], obs["value"], "o-", color="#2166ac", label="quan sát" if lang == "vi" else "observed")
    if not np.isnan(row.projected):
        x = [row.last_year, row.due_year]
        if not np.isnan(row.lo95):
            ax.fill_between(x, [row.last_value, row.lo95], [row.last_value, row.hi95], color="#92c5de", alpha=0.45,
                            label="95%")
            ax.fill_between(x, [row.last_value, row.lo80], [row.last_value, row.hi80], color="#4393c3", alpha=0.45,
                            label="80%")
        ax.plot(x, [row.last_value, row.projected], "--", color="#2166ac",
                label="dự báo" if lang == "vi" else "projection")
    from .scorecard import format_target_value

    ax.axhline(row.target, color="#d73027", lw=1.5, label=("mục tiêu " if lang == "vi" else "target ") +
               format_target_value(row.comparator, row.target, row.unit))
    ax.axvline(row.due_year, color="#999", lw=0.8, ls=":")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2012.5
    vn_axis(ax)
    label = row.label_vi if lang == "vi" else getattr(row, "label_en", row.label_vi)
    ax.set_title(f"{label}\n{row.locality} – {'năm đích' if lang == 'vi' else 'due'} {row.due_year}", fontsize=10)
    ax.set_xlabel("Năm" if lang == "vi" else "Year")
    from .scorecard import _UNIT_VI

    ax.set_ylabel("%" if row.unit == "percent" else (_UNIT_VI.get(row.unit, "").strip() or ("giá trị" if lang == "vi" else "value")))
    ax.legend(fontsize=7, loc="best")
    ax.spines[["top", "right"]].set_visible(False)
    if synthetic:
        stamp_synthetic(fig, lang)
    fig.tight_layout(rect=(0, 0, 1, 0.95) if synthetic else None)
    return fig


def plot_scorecard_heatmap(assessed: pd.DataFrame, synthetic: bool = False, lang: str = "vi"):
    """Every target as a labelled cell, grouped by document (rows) and level (columns), coloured by verdict.

    Each cell carries the target's id (the table below the chart has the same ids); level names sit
    centred over their block, horizontal, at a readable size.
    """
    import textwrap

    from matplotlib.patches import Patch

    from .scorecard import level_vi

    a = assessed.copy()
    first = a["level"].str.split("+").str[0]
    order = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    a["_o"] = first.map(lambda x: order.get(x, len(order)))
    a["lvl"] = first.map(lambda s: level_vi(s) if lang == "vi" else s)
    a = a.sort_values(["_o", "id"], kind="stable")
    docs = list(dict.fromkeys(a["locality"].fillna("?")))
    lvls = list(dict.fromkeys(a["lvl"]))
    cells = {}
    for r in a.itertuples(index=False):
        cells.setdefault((r.locality, r.lvl), []).append((r.id, r.verdict))
    per_row = 4  # cells per line inside a block
    depth = max((len(v) + per_row - 1) // per_row for v in cells.values())
    fig, ax = plt.subplots(figsize=(min(16, 1.2 + 1.9 * len(lvls)), 1.4 + 0.42 * depth * len(docs)))
    for i, d in enumerate(docs):
        for j, lv in enumerate(lvls):
            for k, (tid, v) in enumerate(cells.get((d, lv), [])):
                x = j + (k % per_row) * 0.9 / per_row
                y = i * depth + k // per_row
                ax.add_patch(plt.Rectangle((x, y), 0.9 / per_row - 0.015, 0.9, color=VERDICT_COLOURS.get(v, "#eee")))
                ax.text(x + 0.45 / per_row, y + 0.45, str(tid).split("-")[-1], ha="center", va="center", fontsize=8,
                        color="white" if v in ("likely", "observed_met", "unlikely", "observed_missed") else "#222")
    ax.set_xlim(0, len(lvls)); ax.set_ylim(0, depth * len(docs))
    ax.xaxis.tick_top()
    ax.set_xticks([j + 0.45 for j in range(len(lvls))])
    ax.set_xticklabels(["\n".join(textwrap.wrap(lv, 12)) for lv in lvls], fontsize=10)
    ax.set_yticks([i * depth + depth / 2 for i in range(len(docs))]); ax.set_yticklabels(docs, fontsize=10)
    ax.tick_params(length=0)
    for i in range(1, len(docs)):
        ax.axhline(i * depth - 0.05, color="#999", lw=0.6)
    ax.invert_yaxis()
    for s in ax.spines.values():
        s.set_visible(False)
    from .assess import VERDICTS
    shown = [v for v in VERDICT_COLOURS if (a["verdict"] == v).any()]
    ax.legend(handles=[Patch(color=VERDICT_COLOURS[v], label=VERDICTS[v][0 if lang == "vi" else 1]) for v in shown],
              fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, frameon=False)
    ax.set_title(("Mọi mục tiêu theo đánh giá (số trong ô: số thứ tự mục tiêu của văn bản)" if lang == "vi"
                  else "Every target by verdict (number in a cell: the target's number in its document)"),
                 fontsize=11, pad=34 if synthetic else 26)
    if synthetic:
        stamp_synthetic(fig, lang)
    fig.tight_layout()
    return fig


def plot_compare(table: pd.DataFrame, title: str, target: float | None = None, highlight: str = "",
                 unit: str = "percent"):
    """Sorted dot plot of one indicator across units (a :func:`edustats.compare.compare_units` table)."""
    t = table.iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(t) + 1.2))
    colours = ["#d73027" if loc == highlight else "#4575b4" for loc in t["locality"]]
    ax.scatter(t["value"], range(len(t)), color=colours, zorder=3)
    ax.set_yticks(range(len(t))); ax.set_yticklabels(t["locality"], fontsize=9)
    ax.grid(axis="x", color="#ddd")
    if target is not None:
        ax.axvline(target, color="#d73027", lw=1, ls="--", label="mục tiêu " + vn_tick(target))
        ax.legend(fontsize=8, loc="lower right")
    total = table.attrs.get("total")
    if total is not None:
        ax.axvline(total[0], color="#555", lw=1, ls=":")
    ax.set_xlabel("%" if unit == "percent" else "")
    ax.set_title(title, fontsize=10)
    vn_axis(ax, y=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def plot_pace(assessed: pd.DataFrame, synthetic: bool = False, lang: str = "vi"):
    """Required against observed annual change (percentage points a year), one bar pair per target."""
    import numpy as np

    a = assessed[assessed["unit"] == "percent"].dropna(subset=["required_change_pp", "annual_change_pp"])
    if "due_status" in a.columns:  # a target whose due year is over needs no pace any more
        a = a[a["due_status"] == "not_due"]
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(a), 2) + 1.2))
    y = np.arange(len(a))
    labels = [(r.label_vi if lang == "vi" else getattr(r, "label_en", r.label_vi))[:55] for r in a.itertuples()]
    ax.barh(y - 0.2, a["required_change_pp"], height=0.4, color="#d73027", label="cần/năm" if lang == "vi" else "needed/yr")
    ax.barh(y + 0.2, a["annual_change_pp"], height=0.4, color="#4575b4", label="đã đạt/năm" if lang == "vi" else "achieved/yr")
    ax.set_yticks(y); ax.set_yticklabels(labels, fontsize=7)
    ax.axvline(0, color="#333", lw=0.8)
    ax.set_xlabel("điểm % mỗi năm (dương: tăng, âm: giảm)" if lang == "vi" else "percentage points a year")
    vn_axis(ax, y=False)
    ax.set_title("Nhịp cần thiết so với nhịp đã đạt" if lang == "vi" else "Required against achieved pace", fontsize=11)
    ax.legend(fontsize=8)
    ax.invert_yaxis()
    ax.spines[["top", "right"]].set_visible(False)
    if synthetic:
        stamp_synthetic(fig, lang)
    fig.tight_layout()
    return fig
