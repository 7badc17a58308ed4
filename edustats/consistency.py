"""Consistency checks on published figures, without the counts behind them.

- Granularity (GRIM): a percentage published with d decimals is the rounding of k/n for whole
  numbers k and n; only some n can produce it ("90,14%" cannot come from 100 pupils). Applied to
  reported shares (baselines), never to targets, which are thresholds and not counted shares.
  Every verdict says how much its N rules out: the share of all d-decimal values that no N in
  the range can produce. Near 0 the test cannot fail and is reported as *not informative*.
- Fractions: a percentage printed beside its counts ("100% (10/10)") must be their rounding.
- Parts and totals: counts a document gives as parts of a total, checked only where the parts'
  levels partition the total's, with the comparators respected ("≥ 10 (≥ 9 + ≥ 1)"); a part
  larger than its whole is flagged even with two rows.
- Bounds: from the indicator catalogue (a gross enrolment ratio may exceed 100; a negative share
  may not).
- Levels without their rates: a universalisation or literacy level claimed with no rate that its
  criterion needs is flagged for the planner to ask for the rate.
- District levels: communes at a level against the district rule of Nghị định 20/2014, taken from
  :mod:`edustats.indicators.universalization` (the number of communes comes from the counts).

Every verdict that depends on rounding names the convention assumed (:data:`ROUNDINGS`; by
default "either way at .5", as the R package scrutiny). :func:`check_documents` runs every check
on a targets table and returns a tidy table (kept in ``data/derived/consistency_findings.csv``).
"""
from __future__ import annotations

import itertools
import math
import re
from fractions import Fraction

import numpy as np
import pandas as pd

from .vnformat import (DEFAULT_ROUNDING, ROUNDINGS, format_number, format_percent, round_as, rounding_label,
                       rounds_to)

__all__ = ["grim_denominators", "grim_consistent", "grim_share_ruled_out", "grim_verdict", "fraction_verdict",
           "numerators_matching", "check_documents", "FINDING_COLUMNS", "STATUSES", "INFORMATIVE_SHARE",
           "published_decimals", "informative"]

FINDING_COLUMNS = ["source", "id", "check", "status", "detail"]
STATUSES = ("ok", "warning", "inconsistent", "not informative", "not checked")
INFORMATIVE_SHARE = 0.01  # a GRIM test ruling out under 1% of the possible values cannot usefully fail
# the levels "all" stands for when parts are checked against it: the school system (mầm non, phổ thông)
ALL_LEVELS = frozenset({"nursery", "kindergarten", "primary", "lower-secondary", "upper-secondary"})
_EXPAND = {"preschool": {"nursery", "kindergarten"}, "all": set(ALL_LEVELS),
           "general": {"primary", "lower-secondary", "upper-secondary"}}


def _grid(value, decimals: int) -> int:
    """The published percentage as a whole number of 10^-d steps (90,14 at 2 decimals → 9014)."""
    return int(round(float(value) * 10 ** decimals))


def _indices(k: np.ndarray, n: int, D: int, rounding: str) -> list[np.ndarray]:
    """Grid indices (in 10^-D of a proportion) that k/n rounds to; exact integer arithmetic."""
    scale = 10 ** D
    if rounding == "trunc":
        return [k * scale // n]
    up = (2 * k * scale + n) // (2 * n)          # half up
    tie = (2 * k * scale + n) % (2 * n) == 0      # exactly halfway
    if rounding == "half_up":
        return [up]
    if rounding == "half_even":
        return [np.where(tie & (up % 2 == 1), up - 1, up)]
    return [up, np.where(tie, up - 1, up)]        # up_or_down: both neighbours at a tie


def grim_consistent(value, decimals: int, n: int, rounding: str = DEFAULT_ROUNDING, *, bounded: bool = True) -> bool:
    """Whether some whole k (0..n when ``bounded``) gives ``100 k / n`` printing as ``value`` at ``decimals``.

    .. math:: \\exists k \\in \\{0, \\dots, n\\}:\\ \\mathrm{round}_d(100 k / n) = v

    Examples
    --------
    >>> grim_consistent(90.14, 2, 71), grim_consistent(90.14, 2, 100)
    (True, False)
    >>> grim_consistent(62, 0, 8, "half_up"), grim_consistent(62, 0, 8, "half_even")   # 5/8 = 62,5%
    (False, True)
    """
    return numerators_matching(value, decimals, n, rounding, bounded=bounded) != []


def numerators_matching(value, decimals: int, n: int, rounding: str = DEFAULT_ROUNDING, *,
                        bounded: bool = True) -> list[int]:
    """Every whole numerator k over ``n`` whose percentage prints as ``value``: the strength of a match.

    A reproduced "40%" of 2 400 workers is weak evidence for the definition: any of 24 numerators
    would print as 40% under half-up rounding (25 when either way at .5 is allowed).

    Examples
    --------
    >>> ks = numerators_matching(40, 0, 2400, "half_up"); (len(ks), ks[0], ks[-1])
    (24, 948, 971)
    >>> numerators_matching(90.14, 2, 355)
    [320]
    """
    n = int(n)
    if n <= 0:
        return []
    step = Fraction(1, 10 ** decimals)
    v = Fraction(str(float(value))).limit_denominator(10 ** (decimals + 2))
    lo = max(0, math.floor((v - step) * n / 100) - 1)
    hi = math.ceil((v + step) * n / 100) + 1
    if bounded:
        hi = min(hi, n)
    return [k for k in range(lo, hi + 1) if rounds_to(Fraction(100 * k, n), float(value), decimals, rounding)]


def grim_share_ruled_out(decimals: int, n_lo: int, n_hi: int | None = None, rounding: str = DEFAULT_ROUNDING) -> float:
    """Share of all percentages printed with ``decimals`` places (0 ≤ v < 100) that no N in [n_lo, n_hi] produces.

    How informative a GRIM test is: for a single N below 10^(d+2) and a rounding giving one value per
    k (half up, half even, truncation) it is :math:`(10^{d+2} - N) / 10^{d+2}`, scrutiny's
    ``grim_ratio()`` for percentages; "either way at .5" reaches both neighbours of an exact tie,
    so it rules out less (N = 8, whole percentages: 88 %, not 92 %). For a range of N, the values no
    N of the range can reach. 0 means the test cannot fail.

    .. math:: \\rho = 1 - \\frac{\\left|\\bigcup_{N=n_{lo}}^{n_{hi}} \\{\\mathrm{round}_d(100 k/N) : 0 \\le k < N\\}\\right|}{10^{d+2}}

    References
    ----------
    Brown & Heathers (2017), "The GRIM test", Social Psychological and Personality Science 8(4).
    Jung, L., scrutiny (R package), ``grim_exp_incon()`` / ``grim_total()``: ``grim_total("87.50", 45,
    percent = TRUE)`` is 9 955 of 10 000.

    Examples
    --------
    >>> grim_share_ruled_out(2, 45)
    0.9955
    >>> grim_share_ruled_out(0, 20, 5000)   # whole-number percentages from 20 to 5 000 people: cannot fail
    0.0
    >>> round(grim_share_ruled_out(0, 14), 2)   # a whole-number share of 14 communes
    0.86
    """
    if rounding not in ROUNDINGS:
        raise ValueError(f"rounding {rounding!r}: expected one of {', '.join(ROUNDINGS)}")
    n_hi = n_lo if n_hi is None else n_hi
    D = decimals + 2
    total = 10 ** D
    if n_hi >= total:
        return 0.0
    seen = np.zeros(total + 1, dtype=bool)
    for n in range(max(1, n_lo), n_hi + 1):
        for idx in _indices(np.arange(n, dtype=np.int64), n, D, rounding):
            seen[idx] = True
    return round(1.0 - int(seen[:total].sum()) / total, 10)


def grim_denominators(value, decimals: int, max_n: int = 2000, lo: int = 1, rounding: str = DEFAULT_ROUNDING) -> list[int]:
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
    return [n for n in range(max(1, lo), max_n + 1) if grim_consistent(value, decimals, n, rounding)]


def _other_roundings(test, rounding: str) -> list[str]:
    return [r for r in ROUNDINGS if r != rounding and test(r)]


def grim_verdict(value, decimals: int, n_lo: int | None, n_hi: int | None = None, *, rounding: str = DEFAULT_ROUNDING,
                 what: str = "", bounded: bool = True) -> tuple[str, str]:
    """GRIM on one reported share: ``(status, detail)``, the share its N range rules out stated.

    ``status`` is ``ok``, ``inconsistent``, ``warning`` (possible only under another rounding, which
    is named) or ``not informative`` (the N range rules out under :data:`INFORMATIVE_SHARE` of the
    values: the test could not have failed). ``n_lo=None`` means no N is stated or known.

    Examples
    --------
    >>> grim_verdict(67, 0, 14, what="communes")[0]   # 9/14 = 64,3%, 10/14 = 71,4%: 67% is impossible
    'inconsistent'
    >>> grim_verdict(54, 0, 20, 5000)[0]
    'not informative'
    """
    txt = format_percent(value, decimals, trim=False)
    rl = rounding_label(rounding, "en")
    if n_lo is None:
        return ("not informative", f"{txt}: no denominator stated or known; over every N each {decimals}-decimal "
                                   f"percentage is possible (0% of values ruled out)")
    n_hi = n_lo if n_hi is None else n_hi
    if float(value) in (0.0, 100.0):
        return "not informative", f"{txt}: 0% and 100% are possible for every N (k = 0 or k = N)"
    share = grim_share_ruled_out(decimals, n_lo, n_hi, rounding)
    rng = f"N = {format_number(n_lo)}" if n_lo == n_hi else f"N in {format_number(n_lo)}–{format_number(n_hi)}"
    rng += f" ({what})" if what else ""
    ruled = f"this N range rules out {format_percent(100 * share, 1)} of {decimals}-decimal percentages"
    if share < INFORMATIVE_SHARE:
        return "not informative", f"{txt}, {rng}: {ruled}; rounding {rl}"
    dens = [n for n in range(n_lo, n_hi + 1) if grim_consistent(value, decimals, n, rounding, bounded=bounded)]
    if dens:
        ex = dens[0]
        k = numerators_matching(value, decimals, ex, rounding, bounded=bounded)[0]
        return "ok", f"{txt}, {rng}: possible ({k}/{ex}); {ruled}; rounding {rl}"
    others = _other_roundings(lambda r: any(grim_consistent(value, decimals, n, r, bounded=bounded)
                                            for n in range(n_lo, n_hi + 1)), rounding)
    if others:
        return "warning", (f"{txt}, {rng}: impossible under rounding {rl}, possible only under "
                           f"{', '.join(rounding_label(r, 'en') for r in others)}; {ruled}")
    return "inconsistent", f"{txt}, {rng}: no whole count gives it; {ruled}; rounding {rl}"


def fraction_verdict(value, decimals: int, numerator: float, denominator: float,
                     rounding: str = DEFAULT_ROUNDING) -> tuple[str, str]:
    """A percentage printed beside its counts ("66,6% (2/3)"): ``(status, detail)``, rounding named.

    Examples
    --------
    >>> print(*fraction_verdict(66.6, 1, 2, 3), sep="\\n")   # truncated, not rounded
    warning
    66,6% beside 2/3 = 66,67%: not its rounding (either way at an exact .5); matches under truncation (8.29 → 8.2)
    >>> fraction_verdict(62, 0, 5, 8)[0], fraction_verdict(62, 0, 5, 8, "half_up")[0]
    ('ok', 'warning')
    """
    exact = Fraction(100) * Fraction(int(numerator)) / Fraction(int(denominator))
    txt = format_percent(value, decimals, trim=False)
    head = (f"{txt} beside {format_number(numerator)}/{format_number(denominator)} = "
            f"{format_percent(float(exact), max(2, decimals + 1), trim=False)}")
    if rounds_to(exact, float(value), decimals, rounding):
        return "ok", f"{head}; rounding {rounding_label(rounding, 'en')}"
    others = _other_roundings(lambda r: rounds_to(exact, float(value), decimals, r), rounding)
    if others:
        return "warning", (f"{head}: not its rounding ({rounding_label(rounding, 'en')}); matches under "
                           f"{', '.join(rounding_label(r, 'en') for r in others)}")
    return "inconsistent", f"{head}: not its rounding under any convention"


def published_decimals(row) -> int:
    """Decimals the document printed for a targets row: its ``decimals`` cell, else read from the value.

    >>> import types
    >>> published_decimals(types.SimpleNamespace(value=90.1, decimals="2")), published_decimals(types.SimpleNamespace(value=90.1))
    (2, 1)
    """
    d = getattr(row, "decimals", None)
    if d is not None and not (isinstance(d, float) and math.isnan(d)) and str(d).strip() != "":
        return int(float(d))
    from .vnformat import decimals_of
    return decimals_of(row.value)


def _levels(level: str) -> frozenset:
    out = set()
    for p in str(level).split("+"):
        out |= _EXPAND.get(p, {p})
    return frozenset(out)


def _interval(comparator: str, v: float) -> tuple[float, float]:
    """The whole counts a comparator allows: "≥ 9" → [9, ∞), "< 3" → [0, 2]."""
    return {"=": (v, v), ">=": (v, math.inf), ">": (math.floor(v) + 1, math.inf), "<=": (0, v),
            "<": (0, math.ceil(v) - 1)}[comparator]


_SYM = {"=": "", ">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< "}


def _parts_findings(counts: pd.DataFrame) -> list[tuple]:
    rows = []
    for key, g in counts.groupby(["source", "indicator", "year", "kind"]):
        recs = list(g.itertuples(index=False))
        sets = {r.id: _levels(r.level) for r in recs}
        for w in recs:
            subs = [r for r in recs if r.id != w.id and sets[r.id] < sets[w.id]]
            wlo, whi = _interval(w.comparator, w.value)
            # a part larger than its whole, whatever the other parts
            for p in subs:
                plo, _ = _interval(p.comparator, p.value)
                if plo > whi:
                    rows.append((key[0], w.id, "part_within_whole", "inconsistent",
                                 f"part {p.id} ({p.level}) {_SYM[p.comparator]}{format_number(p.value)} is larger than "
                                 f"its whole {_SYM[w.comparator]}{format_number(w.value)} ({w.level})"))
            # parts checked against the whole only where they partition it
            for size in range(len(subs), 1, -1):
                found = False
                for combo in itertools.combinations(subs, size):
                    ss = [sets[p.id] for p in combo]
                    if sum(len(s) for s in ss) != len(frozenset().union(*ss)) or frozenset().union(*ss) != sets[w.id]:
                        continue
                    found = True
                    lo = sum(_interval(p.comparator, p.value)[0] for p in combo)
                    hi = sum(_interval(p.comparator, p.value)[1] for p in combo)
                    combo = sorted(combo, key=lambda p: p.id)
                    expr = (f"{_SYM[w.comparator]}{format_number(w.value)} = "
                            + " + ".join(f"{_SYM[p.comparator]}{format_number(p.value)}" for p in combo)
                            + f" ({', '.join(p.id for p in combo)})")
                    if hi < wlo or lo > whi:
                        status, why = "inconsistent", (f": the parts allow {format_number(lo)}"
                                                       f"{'' if hi == lo else '–' + ('∞' if math.isinf(hi) else format_number(hi))}"
                                                       f", the whole {format_number(wlo)}"
                                                       f"{'' if whi == wlo else '–' + ('∞' if math.isinf(whi) else format_number(whi))}")
                    elif w.comparator in (">=", ">") and lo < wlo:
                        status, why = "warning", (f": meeting every part's target gives {format_number(lo)}, short of "
                                                  f"the whole's {format_number(wlo)}")
                    else:
                        status, why = "ok", ""
                    rows.append((key[0], w.id, "parts_sum", status, expr + why))
                if found:
                    break
    return rows


def _district_findings(t: pd.DataFrame, commune_levels: pd.DataFrame | None) -> list[tuple]:
    from .indicators.universalization import district_universalization

    rows = []
    for r in t.itertuples(index=False):
        m = re.fullmatch(r"communes_(pcgd_\w+?)_level(\d)", str(r.indicator))
        if not m:
            continue
        standard, level = m.group(1), int(m.group(2))
        n = None
        if commune_levels is not None and not commune_levels.empty:
            c = commune_levels
            if "standard" in c.columns:
                c = c[c["standard"] == standard] if (c["standard"] == standard).any() else c
            c = c[c["district"] == r.locality]
            if not c.empty:
                n = int(c[c["year"] == c["year"].max()]["locality"].nunique())
        if not n:
            rows.append((r.source, r.id, "district_rule", "not checked",
                         f"the number of communes of {r.locality} is not in the document: give the communes "
                         f"(commune_levels table) to check {format_number(r.value)} communes against the district rule"))
            continue
        lo, _ = _interval(r.comparator, r.value)
        hypo = pd.DataFrame({"district": r.locality, "commune": range(n),
                             "level": [level] * int(min(lo, n)) + [0] * int(n - min(lo, n))})
        # the rule's arithmetic does not depend on the year (a target due in 2025 is checked too)
        d = district_universalization(hypo, level, by=("district",), standard=standard).iloc[0]
        share, thr = float(d["value"]), float(d["threshold"])
        need = math.ceil(thr * n / 100 - 1e-9)
        if lo > n:
            rows.append((r.source, r.id, "district_rule", "inconsistent",
                         f"{format_number(lo)} communes at level {level}, but {r.locality} has {n} communes"))
            continue
        district = t[(t["source"] == r.source) & (t["indicator"] == f"{standard}_level") & (t["kind"] == r.kind)]
        dl = float(district["value"].max()) if not district.empty else math.nan
        src = "trên số liệu minh họa / synthetic example data" if commune_levels.attrs.get("synthetic") else \
            commune_levels.attrs.get("file", "")
        head = (f"{_SYM[r.comparator]}{format_number(r.value)} of {n} communes{f' ({src})' if src else ''} at level {level} = "
                f"{_SYM[r.comparator]}{format_percent(share, 1)}; the district rule needs "
                f"{format_percent(thr, 0)} ({need} of {n})")
        if not d["met"]:
            status = "ok"
            tail = (f": the target alone does not make the district level {level}" +
                    ("" if math.isnan(dl) else
                     (f", consistent with the district target of level {format_number(dl)}" if dl < level else
                      f"; the district target is level {format_number(dl)}, which needs {need - lo:g} more communes")))
            if not math.isnan(dl) and dl >= level and r.comparator in ("=", "<=", "<"):
                status = "inconsistent"
        else:
            status = "ok"
            tail = f": enough for district level {level}" + (
                "" if math.isnan(dl) or dl >= level else f", above the district target of level {format_number(dl)}")
            if not math.isnan(dl) and dl < level:
                status = "warning"
        if int(r.year) >= 2025:
            tail += (" (due after 1/7/2025, when districts were abolished: the district rule of Nghị định 20/2014 "
                     "is shown for the arithmetic only)")
        rows.append((r.source, r.id, "district_rule", status, head + tail))
    return rows


def check_documents(targets: pd.DataFrame, *, rounding: str = DEFAULT_ROUNDING, sizes: dict | None = None,
                    commune_levels: pd.DataFrame | None = None) -> pd.DataFrame:
    """Run every consistency check on a targets table; one row per finding, sorted.

    ``status`` is one of :data:`STATUSES`: ``ok`` (the check passed), ``warning`` (possible, but
    only under another rounding, or worth a question), ``inconsistent`` (cannot all hold),
    ``not informative`` (a GRIM test whose N could not have failed it), ``not checked`` (a
    number the check needs is not in the document).

    Parameters
    ----------
    targets : DataFrame
        As :func:`edustats.load_targets` returns; a ``decimals`` column gives the printed precision.
    rounding : str
        The rounding convention assumed (one of :data:`ROUNDINGS`), named in every verdict.
    sizes : dict, optional
        ``{(locality, indicator): (n_lo, n_hi, what)}``: the size (or plausible range) of the set a
        reported share is taken over, e.g. the communes of a district, where the document states
        no denominator.
    commune_levels : DataFrame, optional
        The communes of each district (``district, year, locality[, standard]``), for the district rule.

    Examples
    --------
    >>> from edustats import load_targets
    >>> f = check_documents(load_targets())
    >>> f[(f["id"] == "001-05") & (f["check"] == "grim")][["status", "detail"]].values.tolist()
    [['not informative', '90,14%: no denominator stated or known; over every N each 2-decimal percentage is possible (0% of values ruled out)']]
    >>> f[(f["id"] == "000-08") & (f["check"] == "parts_sum")]["detail"].item()
    '≥ 10 = ≥ 9 + ≥ 1 (000-09, 000-10)'
    """
    from .catalogue import indicator_catalogue

    cat = indicator_catalogue().set_index("code")
    sizes = sizes or {}
    rows = []
    t = targets.copy()
    for r in t.itertuples(index=False):
        d = published_decimals(r)
        lo_b, hi_b = (cat.at[r.indicator, "min_value"], cat.at[r.indicator, "max_value"]) if r.indicator in cat.index \
            else ((0.0, 100.0) if r.unit == "percent" else (0.0, math.inf) if r.unit in ("count", "level") else
                  (-math.inf, math.inf))
        if not (lo_b <= r.value <= hi_b):
            rng = f"[{format_number(lo_b)}, {'∞)' if math.isinf(hi_b) else format_number(hi_b) + ']'}"
            rows.append((r.source, r.id, "bounds", "inconsistent",
                         f"{format_number(r.value, d)} is outside {rng}, the valid range of {r.indicator or r.unit}"
                         + (" (a negative share)" if r.unit == "percent" and r.value < 0 else "")))
        if r.unit != "percent":
            continue
        num, den = r.numerator, r.denominator
        stated = not (num is None or den is None or (isinstance(num, float) and math.isnan(num))
                      or (isinstance(den, float) and math.isnan(den)))
        if stated and den > 0:
            rows.append((r.source, r.id, "fraction", *fraction_verdict(r.value, d, num, den, rounding)))
        if r.kind != "baseline" or r.value < 0:
            continue  # GRIM tests counted shares as reported, not targets (thresholds)
        bounded = math.isfinite(hi_b)
        if stated and den > 0:
            status, detail = grim_verdict(r.value, d, int(den), rounding=rounding, what="stated in the document",
                                          bounded=bounded)
        elif (r.locality, r.indicator) in sizes:
            n_lo, n_hi, what = sizes[(r.locality, r.indicator)]
            status, detail = grim_verdict(r.value, d, n_lo, n_hi, rounding=rounding, what=what, bounded=bounded)
        else:
            status, detail = grim_verdict(r.value, d, None, rounding=rounding)
        rows.append((r.source, r.id, "grim", status, detail))
    counts = t[t["unit"] == "count"]
    rows += _parts_findings(counts)
    # levels claimed without the rate their criterion needs
    need = {"literacy_level": "literacy rate by age group: 15-35 or 15-60, in ĐBKK communes 15-25 or 15-35",
            "pcgd_primary_level": "completion by age 11 and 6-year-old intake",
            "pcgd_lower_secondary_level": "15-18-year-olds with the diploma"}
    rate_codes = {"literacy_level": set(), "pcgd_primary_level": {"primary_completion_age11", "net_intake_rate"},
                  "pcgd_lower_secondary_level": {"lower_secondary_diploma_15_18"}}
    for r in t[t["indicator"].isin(need)].itertuples(index=False):
        same = t[(t["source"] == r.source) & (t["kind"] == r.kind) & (t["indicator"].isin(rate_codes[r.indicator]))]
        if same.empty:
            rows.append((r.source, r.id, "level_without_rate", "warning",
                         f"level {r.value:g} stated without the rate its criterion needs ({need[r.indicator]})"))
    rows += _district_findings(t, commune_levels)
    out = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    return out.sort_values(["source", "id", "check", "detail"], kind="stable").reset_index(drop=True)


def informative(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings a briefing shows: GRIM verdicts that could not have failed are left out.

    >>> from edustats import load_targets
    >>> f = check_documents(load_targets())
    >>> int((f["status"] == "not informative").sum()), int((informative(f)["check"] == "grim").sum())
    (9, 0)
    """
    return findings[findings["status"] != "not informative"].reset_index(drop=True)
