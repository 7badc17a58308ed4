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

__all__ = ["indicator_catalogue", "indicator_info", "UNITS", "LEVELS", "COMPARATORS", "KINDS"]

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
    return df.sort_values("code").reset_index(drop=True)


def indicator_catalogue() -> pd.DataFrame:
    """The indicator catalogue as a DataFrame (a fresh copy: edit it freely).

    Columns: ``code``, ``name_vi``, ``name_en``, ``level``, ``formula``, ``numerator``,
    ``denominator``, ``unit``, ``valid_range`` (text, e.g. ``[0, 100]`` or ``[0, ∞)``),
    ``min_value``, ``max_value``, ``direction`` (``higher`` or ``lower`` is better),
    ``function`` (the edustats function that computes it) and ``source`` (UIS guideline or
    regulation and article).

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
