"""Charts for briefings, saved to ``figures/`` as PNG and SVG with stable names and bytes.

Every chart function returns a matplotlib Figure and takes ``synthetic=True`` when the data are
the synthetic example, which stamps "DỮ LIỆU MINH HỌA TỔNG HỢP / synthetic example data" on the
figure itself, so the label travels with the picture onto a slide.
"""
from __future__ import annotations

from pathlib import Path




import matplotlib.pyplot as plt
import pandas as pd

__all__ = ["save_figure", "stamp_synthetic", "plot_targets_by_level", "FIGURES_DIR", "LEVEL_ORDER"]

FIGURES_DIR = Path(__file__).resolve().parent.parent / "figures"
SYNTHETIC_LABEL = "DỮ LIỆU MINH HỌA TỔNG HỢP (synthetic example data)"
LEVEL_ORDER = ["nursery", "kindergarten", "preschool", "primary", "lower-secondary", "upper-secondary",
               "vocational", "adult", "all"]
LEVEL_VI = {"nursery": "Nhà trẻ", "kindergarten": "Mẫu giáo", "preschool": "Mầm non", "primary": "Tiểu học",
            "lower-secondary": "THCS", "upper-secondary": "THPT", "vocational": "Nghề", "adult": "Người lớn",
            "all": "Chung", "general": "Phổ thông"}

plt.rcParams.update({"svg.hashsalt": "edustats", "font.family": "DejaVu Sans", "figure.dpi": 100})


def stamp_synthetic(fig) -> None:
    """Write the synthetic-data label across the top of a figure."""
    fig.text(0.5, 0.995, SYNTHETIC_LABEL, ha="center", va="top", fontsize=9, color="#8a6d00",
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
    ax.set_xlabel("Số mục tiêu (number of targets)")
    ax.set_ylabel("")
    ax.set_title("Mục tiêu theo cấp học và văn bản\nTargets by level and document", fontsize=11)
    ax.legend(title="Văn bản", fontsize=8, title_fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, -0.02, "Nguồn: data/targets.csv (trích dẫn từ 5 văn bản gốc)", fontsize=8, color="#555")
    fig.tight_layout()
    return fig
