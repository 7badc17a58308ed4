"""The indicator catalogue: one row per indicator the documents use, with formula and source.

The catalogue is the contract between the targets table (``data/targets.csv`` points to it by
``indicator`` code), the indicator functions (column ``function``) and the briefings. Trainers
read ``formula``, ``numerator``, ``denominator`` and ``source`` aloud; the assessment layer
reads ``unit``, ``min_value``/``max_value`` and ``direction``.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

__all__ = ["indicator_catalogue", "indicator_info", "indicator_definitions", "UNITS", "LEVELS", "COMPARATORS",
           "KINDS"]

UNITS = ("percent", "count", "level", "ratio", "million_vnd", "billion_vnd", "thousand_vnd", "vnd")
LEVELS = ("all", "any", "preschool", "nursery", "kindergarten", "primary", "lower-secondary",
          "upper-secondary", "general", "vocational", "adult", "tertiary")
COMPARATORS = (">=", ">", "<=", "<", "=")
KINDS = ("target", "baseline")


@lru_cache(maxsize=1)
def _catalogue() -> pd.DataFrame:
    with resources.files("edustats").joinpath("data/indicator_catalogue.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    for col in ("min_value", "max_value"):
        df[col] = [float(v) if v != "" else (np.inf if col == "max_value" else -np.inf) for v in df[col]]
    df["valid_range"] = [
        f"[{lo:g}, {'∞)' if np.isinf(hi) else f'{hi:g}]'}" for lo, hi in zip(df["min_value"], df["max_value"])
    ]
    defs = _definitions()
    first = defs[defs["rank"] == 1].set_index("code")["definition"]
    alts = defs[defs["rank"] > 1].groupby("code").apply(
        lambda g: "; ".join(f"{d} ({f}): {x}" for d, f, x in zip(g["definition"], g["function"], g["difference"])),
        include_groups=False)
    df["definition"] = df["code"].map(first).fillna("")
    df["alternative"] = df["code"].map(alts).fillna("")
    return df.sort_values("code").reset_index(drop=True)


@lru_cache(maxsize=1)
def _definitions() -> pd.DataFrame:
    with resources.files("edustats").joinpath("data/indicator_definitions.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    df["rank"] = df["rank"].astype(int)
    return df.sort_values(["code", "rank"]).reset_index(drop=True)


def indicator_definitions(code: str | None = None) -> pd.DataFrame:
    """Every definition an indicator name can carry, the Vietnamese one first.

    The same words ("tỷ lệ lên lớp", "tỷ lệ bỏ học", "tỷ lệ hoàn thành cấp học") name different
    computations at GSO and the ministry (within the school year, over start-of-year
    enrolment; completers over grade-1 pupils four years earlier) and at UNESCO UIS
    (reconstructed cohort; SDG 4.1.2). One row per (code, definition): ``rank`` 1 is the
    definition Vietnamese targets use, then the alternatives; ``definition`` (an id),
    ``name``, ``formula``, ``numerator``, ``denominator``, ``function`` (the edustats function
    that computes it), ``source``, ``quote`` (the source's own words where they could be read)
    and ``difference`` (how it differs from the first).

    References
    ----------
    Tổng cục Thống kê, Hệ thống chỉ tiêu thống kê cấp huyện and cấp tỉnh (gso.gov.vn, 2019);
    UNESCO UIS, Education Indicators Technical Guidelines (2009); UIS SDG 4 metadata.

    Examples
    --------
    >>> d = indicator_definitions("dropout_rate")
    >>> d[["rank", "definition", "function"]].values.tolist()
    [[1, 'gso_within_year', 'within_year_rates'], [2, 'uis_reconstructed_cohort', 'flow_rates']]
    >>> indicator_catalogue().set_index("code").loc["promotion_rate", "definition"]
    'gso_within_year'
    """
    d = _definitions()
    return (d if code is None else d[d["code"] == code]).reset_index(drop=True).copy()


def indicator_catalogue() -> pd.DataFrame:
    """The indicator catalogue as a DataFrame (a fresh copy: edit it freely).

    Columns: ``code``, ``name_vi``, ``name_en``, ``level``, ``formula``, ``numerator``,
    ``denominator``, ``unit``, ``valid_range`` (text, e.g. ``[0, 100]`` or ``[0, ∞)``),
    ``min_value``, ``max_value``, ``direction`` (``higher`` or ``lower`` is better),
    ``function`` (the edustats function that computes it), ``source`` (UIS guideline or
    regulation and article), ``definition`` (for indicators that GSO/the ministry and UIS
    define differently: the definition Vietnamese targets use, e.g. ``gso_within_year``) and
    ``alternative`` (the other definitions and how they differ; details in
    :func:`indicator_definitions`).

    Examples
    --------
    >>> cat = indicator_catalogue()
    >>> cat.set_index("code").loc["ger", "valid_range"]    # GER may exceed 100
    '[0, ∞)'
    >>> cat.set_index("code").loc["ner", "valid_range"]
    '[0, 100]'
    """
    return _catalogue().copy()


def indicator_info(code: str) -> pd.Series | None:
    """The catalogue row of ``code``, or ``None`` for a planner's own indicator.

    >>> indicator_info("malnutrition_rate")["direction"]
    'lower'
    >>> indicator_info("my_own_indicator") is None
    True
    """
    cat = _catalogue()
    hit = cat[cat["code"] == code]
    return None if hit.empty else hit.iloc[0].copy()
