"""Consistency checks on published figures, without the counts behind them.

- Granularity (GRIM): a percentage published with d decimals is the rounding of k/n for whole
  numbers k ≤ n; only some denominators n can produce it. "90,14%" cannot come from 100 pupils.
- Parts and whole: counts a document gives as parts of a total must add up ("10 trường (9 + 1)").
- Bounds: a share above 100, a fraction that disagrees with its percentage ("100% (10/10)").
- Levels without their rates: a universalisation or literacy level claimed with no rate that its
  criterion needs is flagged for the planner to ask for the rate.
- District levels: communes at a level against the 90% rule of Nghị định 20/2014.

:func:`check_documents` runs every check on a targets table and returns the findings as a tidy
table (kept in ``data/derived/consistency_findings.csv``).
"""
from __future__ import annotations

import math
import pandas as pd

from .vnformat import decimals_of, round_half_up

__all__ = ["grim_denominators", "grim_consistent", "check_documents", "FINDING_COLUMNS"]

FINDING_COLUMNS = ["source", "id", "check", "status", "detail"]


def grim_consistent(value: float, decimals: int, n: int) -> bool:
    """Whether some whole k in 0..n gives ``100 k / n`` rounding (half up) to ``value``.

    >>> grim_consistent(90.14, 2, 71), grim_consistent(90.14, 2, 100)
    (True, False)
    """
    k0 = value * n / 100.0
    for k in (math.floor(k0), math.ceil(k0)):
        if 0 <= k <= n and round_half_up(100.0 * k / n, decimals) == round(value, decimals):
            return True
    return False


def grim_denominators(value: float, decimals: int, max_n: int = 2000, lo: int = 1) -> list[int]:
    """Denominators in ``[lo, max_n]`` that can produce a published percentage.

    .. math:: \\exists k \\in \\{0..n\\}:\\ \\mathrm{round}_d(100k/n) = v

    References
    ----------
    Brown & Heathers (2017), "The GRIM test", Social Psychological and Personality Science 8(4).

    Examples
    --------
    Na Mèo's "phổ cập THCS đạt 90,14%": the smallest possible numbers of 15-18-year-olds.

    >>> grim_denominators(90.14, 2, max_n=400)[:6]
    [71, 142, 213, 284, 294, 345]
    """
    return [n for n in range(max(1, lo), max_n + 1) if grim_consistent(value, decimals, n)]


def check_documents(targets: pd.DataFrame, plausible: tuple[int, int] = (20, 5000)) -> pd.DataFrame:
    """Run every consistency check on a targets table; one row per finding, sorted.

    ``status`` is ``ok`` (the check passed and says something useful), ``warning`` (possible
    but worth a question) or ``inconsistent`` (cannot all hold).

    Examples
    --------
    >>> from edustats import load_targets
    >>> f = check_documents(load_targets())
    >>> f[(f["id"] == "001-05") & (f["check"] == "grim")]["detail"].item()[:78]
    'a 2-decimal percentage: possible denominators in 20-5000 start 71, 142, 213, 2'
    """
    rows = []
    t = targets.copy()
    for r in t.itertuples(index=False):
        if r.unit == "percent":
            if r.value > 100:
                rows.append((r.source, r.id, "bounds", "inconsistent", f"{r.value:g}% is above 100%"))
            d = decimals_of(r.value)
            if d >= 1 and 0 < r.value < 100:
                dens = grim_denominators(r.value, d, max_n=plausible[1], lo=plausible[0])
                smallest = grim_denominators(r.value, d, max_n=plausible[1])[:1]
                rows.append((r.source, r.id, "grim", "ok" if dens else "inconsistent",
                             f"a {d}-decimal percentage: possible denominators in {plausible[0]}-{plausible[1]} "
                             f"start {', '.join(map(str, dens[:8]))}{' …' if len(dens) > 8 else ''} "
                             f"({len(dens)} of {plausible[1] - plausible[0] + 1}); smallest overall "
                             f"{smallest[0] if smallest else '-'}"))
            if not (isinstance(r.numerator, float) and math.isnan(r.numerator)):
                frac = 100 * r.numerator / r.denominator
                ok = round_half_up(frac, decimals_of(r.value)) == r.value
                rows.append((r.source, r.id, "fraction", "ok" if ok else "inconsistent",
                             f"{r.numerator:g}/{r.denominator:g} = {frac:.4g}% against the published {r.value:g}%"))
    # parts and whole: same source, indicator, year, kind, count unit; one row's levels cover the others'
    counts = t[t["unit"] == "count"]
    for key, g in counts.groupby(["source", "indicator", "year", "kind"]):
        if len(g) < 3:
            continue
        sets = {i: set(lv.split("+")) for i, lv in zip(g["id"], g["level"])}
        for whole_id, whole_set in sets.items():
            parts = [i for i, s in sets.items() if i != whole_id and (s <= whole_set or "all" in whole_set)]
            if len(parts) < 2:
                continue
            union = set().union(*(sets[i] for i in parts))
            disjoint = sum(len(sets[i]) for i in parts) == len(union)
            if not disjoint or not (union == whole_set or "all" in whole_set):
                continue
            whole = float(g.loc[g["id"] == whole_id, "value"].item())
            total = float(g[g["id"].isin(parts)]["value"].sum())
            status = "ok" if total == whole else "inconsistent"
            rows.append((key[0], whole_id, "parts_sum", status,
                         f"{whole:g} = {' + '.join(f'{v:g}' for v in g[g['id'].isin(parts)]['value'])}"
                         f" ({', '.join(sorted(parts))})" + ("" if status == "ok" else f": the parts sum to {total:g}")))
    # levels claimed without the rate their criterion needs
    need = {"literacy_level": "literacy rate by age group: 15-35 or 15-60, in ĐBKK communes 15-25 or 15-35", "pcgd_primary_level": "completion by age 11 and 6-year-old intake",
            "pcgd_lower_secondary_level": "15-18-year-olds with the diploma"}
    rate_codes = {"literacy_level": set(), "pcgd_primary_level": {"primary_completion_age11", "net_intake_rate"},
                  "pcgd_lower_secondary_level": {"lower_secondary_diploma_15_18"}}
    for r in t[t["indicator"].isin(need)].itertuples(index=False):
        same = t[(t["source"] == r.source) & (t["kind"] == r.kind) & (t["indicator"].isin(rate_codes[r.indicator]))]
        if same.empty:
            rows.append((r.source, r.id, "level_without_rate", "warning",
                         f"level {r.value:g} stated without the rate its criterion needs ({need[r.indicator]})"))
    # district level against communes at a level (Nghị định 20/2014: ≥ 90% of communes)
    for r in t[t["indicator"] == "communes_pcgd_primary_level3"].itertuples(index=False):
        n_communes = 14 if r.locality == "Mường Tè" else None
        if n_communes:
            share = 100 * r.value / n_communes
            rows.append((r.source, r.id, "district_rule", "ok",
                         f"{r.value:g} of {n_communes} communes and towns at level 3 = {share:.1f}% < 90%: the district "
                         f"cannot be recognised at level 3, consistent with the district target of level 2"))
    out = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    return out.sort_values(["source", "id", "check"], kind="stable").reset_index(drop=True)
