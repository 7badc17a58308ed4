"""A document's targets as a readable table, in Vietnamese number format."""
from __future__ import annotations

import pandas as pd

from .vnformat import decimals_of, format_number

__all__ = ["scorecard", "format_target_value", "summarise_sources", "level_vi", "KIND_VI"]

_UNIT_VI = {"percent": "%", "count": "", "level": "", "ratio": "", "million_vnd": " triệu đồng",
            "billion_vnd": " tỷ đồng", "thousand_vnd": " nghìn đồng", "vnd": " đồng"}
_COMPARATOR_VI = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
KIND_VI = {"target": "mục tiêu", "baseline": "đã đạt (số liệu nền)"}
LEVEL_VI = {"nursery": "nhà trẻ", "kindergarten": "mẫu giáo", "preschool": "mầm non", "primary": "tiểu học",
            "lower-secondary": "THCS", "upper-secondary": "THPT", "vocational": "nghề", "adult": "người lớn",
            "all": "chung", "general": "phổ thông", "any": "mọi cấp", "tertiary": "đại học"}


def level_vi(level: str) -> str:
    """Vietnamese name of a level code, ``+``-joined parts included.

    >>> level_vi("preschool+primary")
    'mầm non, tiểu học'
    """
    return ", ".join(LEVEL_VI.get(p, p) for p in level.split("+"))


def format_target_value(comparator: str, value: float, unit: str) -> str:
    """A target as a planner writes it: ``≥ 22,5%``, ``≤ 6%``, ``≥ 10``, ``mức độ 2``.

    >>> format_target_value(">=", 22.5, "percent")
    '≥ 22,5%'
    >>> format_target_value("=", 2, "level")
    '= mức độ 2'
    >>> format_target_value(">=", 35, "million_vnd")
    '≥ 35 triệu đồng'
    """
    number = format_number(value, decimals_of(value))
    if unit == "level":
        number = f"mức độ {number}"
    return f"{_COMPARATOR_VI.get(comparator, comparator)} {number}{_UNIT_VI.get(unit, '')}"


def scorecard(targets: pd.DataFrame, source: str | None = None, level: str | None = None,
              kind: str | None = None) -> pd.DataFrame:
    """One row per target or baseline, sorted by kind, year, level, with the value as written.

    Parameters
    ----------
    targets : DataFrame
        As returned by :func:`edustats.load_targets`.
    source, level, kind : str, optional
        Keep only one document (file name), one level (matches any part of ``a+b`` levels),
        or ``target`` / ``baseline``.

    Examples
    --------
    >>> from edustats import load_targets
    >>> sc = scorecard(load_targets(), source="000_77c0261806063d0e.txt")
    >>> sc.loc[:0, ["year", "label_vi", "target"]].to_dict("records")
    [{'year': 2025, 'label_vi': 'Tỷ lệ trúng tuyển vào trường chuyên nghiệp', 'target': '≥ 22,5%'}]
    """
    df = targets
    if source is not None:
        df = df[df["source"] == source]
    if level is not None:
        df = df[df["level"].str.split("+").map(lambda parts: level in parts)]
    if kind is not None:
        df = df[df["kind"] == kind]
    out = pd.DataFrame({
        "id": df["id"],
        "kind": df["kind"],
        "year": df["year"],
        "level": df["level"],
        "kind_vi": df["kind"].map(KIND_VI),
        "level_vi": df["level"].map(level_vi),
        "indicator": df["indicator"],
        "label_vi": df["label_vi"],
        "target": [format_target_value(c, v, u) for c, v, u in zip(df["comparator"], df["value"], df["unit"])],
    })
    order = {"baseline": 0, "target": 1}
    out = out.assign(_k=out["kind"].map(order)).sort_values(["_k", "year", "id"], kind="stable")
    return out.drop(columns="_k").reset_index(drop=True)


def summarise_sources(targets: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per source document: its type, locality, and how many targets and baselines it holds.

    Examples
    --------
    >>> from edustats import load_targets, load_sources
    >>> s = summarise_sources(load_targets(), load_sources()).set_index("file")
    >>> s.loc["001_51d59cd3eefeb0a9.txt", ["targets", "baselines"]].tolist()
    [35, 11]
    """
    counts = (targets.groupby(["source", "kind"]).size().unstack(fill_value=0)
              .reindex(columns=["target", "baseline"], fill_value=0))
    years = targets[targets["kind"] == "target"].groupby("source")["year"].agg(
        lambda y: ", ".join(str(v) for v in sorted(set(y))))
    out = sources[["file", "document_number", "type", "issuer", "date", "district", "commune", "province"]].copy()
    out["targets"] = out["file"].map(counts["target"]).fillna(0).astype(int)
    out["baselines"] = out["file"].map(counts["baseline"]).fillna(0).astype(int)
    out["target_years"] = out["file"].map(years).fillna("")
    return out.sort_values("file").reset_index(drop=True)
