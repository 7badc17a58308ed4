"""Annual targets ("hằng năm", ``annual=true``): checked in every year they apply, not only the last.

A resolution that asks for "tỷ lệ lên lớp đạt 97% trở lên hằng năm" sets the same bar for every
year of its plan, from the year the plan starts to the due year. :func:`annual_check` compares each
observed year with the bar (at the target's precision, :func:`edustats.assess.met_threshold`) and
gives how many of those years met it, which years missed it, and, for the years still to come,
the verdict of the projection to the due year (the assessment row's own verdict).
"""
from __future__ import annotations

import math

import pandas as pd

from .assess import met_threshold

__all__ = ["annual_check", "annual_sentence", "annual_verdicts"]

_COLUMNS = ["id", "start_year", "due_year", "years", "years_met", "years_missed", "k_met", "n_years",
            "remaining_years", "remaining_verdict", "remaining_verdict_vi", "status", "years_before", "k_before"]


def _series(row, observations: pd.DataFrame) -> pd.DataFrame:
    o = observations
    sel = o["indicator"] == row["indicator"]
    loc = row.get("locality", "") or ""
    if loc and "locality" in o.columns and (o["locality"].fillna("") != "").any():
        sel &= o["locality"] == loc
    lvl = row.get("level", "") or ""
    if lvl and "level" in o.columns and (o.loc[sel, "level"].fillna("") != "").any():
        sel &= o["level"] == lvl
    return o.loc[sel, ["year", "value"]].sort_values("year")


def annual_check(assessed: pd.DataFrame, observations: pd.DataFrame, annual_ids, start_years: dict | None = None,
                 ) -> pd.DataFrame:
    """Check annual targets year by year.

    Parameters
    ----------
    assessed : DataFrame
        Rows of :func:`edustats.assess` (``id``, ``source``, ``locality``, ``level``, ``indicator``,
        ``comparator``, ``target``, ``due_year``, ``last_year``, ``verdict``, ``verdict_vi``).
    observations : DataFrame
        The observations the rows were assessed on (``indicator``, ``year``, ``value`` and, where
        known, ``locality`` and ``level``; matched the way :func:`edustats.assess.match_observations`
        matches them).
    annual_ids : iterable of str
        The ids of the targets marked ``annual=true``.
    start_years : dict, optional
        Year each document's plan starts (``source`` → year); the target applies from that year to
        its due year. Without one, every observed year up to the due year counts.

    Returns
    -------
    DataFrame
        One row per annual target (sorted by id): ``years`` checked, ``years_met``,
        ``years_missed`` (lists), ``k_met`` of ``n_years``, ``years_before`` the plan started and
        ``k_before`` of them at the level (context only, the target did not apply yet), ``remaining_years`` (after the latest
        observation, up to the due year), ``remaining_verdict`` (the row's verdict for the due
        year, or ``None`` when no year remains) and ``status``: ``missed_some_years``,
        ``met_every_year`` or ``no_data``.

    .. math:: k = \\#\\{\\,y \\in [y_0, T] : v_y \\text{ meets the target}\\,\\}, \\qquad n = \\#\\{\\,y \\in [y_0, T] : v_y \\text{ observed}\\,\\}

    Examples
    --------
    Promotion "≥ 97% every year" from 2021 to 2025, observed 2020-2024: 2020 is before the plan,
    2022 meets 97 (96,96 is printed 97,0), the other years miss it (96,6 is printed 96,6):

    >>> a = pd.DataFrame([dict(id="P", source="d", locality="X", level="primary", indicator="promotion_rate",
    ...     comparator=">=", target=97.0, due_year=2025, last_year=2024, verdict="uncertain",
    ...     verdict_vi="Chưa chắc chắn")])
    >>> o = pd.DataFrame(dict(locality="X", level="primary", indicator="promotion_rate",
    ...     year=[2020, 2021, 2022, 2023, 2024], value=[98.0, 96.2, 96.96, 96.6, 95.8]))
    >>> r = annual_check(a, o, ["P"], {"d": 2021}).iloc[0]
    >>> int(r["k_met"]), int(r["n_years"]), r["years_missed"], r["remaining_years"], r["status"]
    (1, 4, [2021, 2023, 2024], [2025], 'missed_some_years')
    >>> r["years_before"], int(r["k_before"])
    ([2020], 1)
    """
    ids = set(annual_ids)
    start_years = start_years or {}
    rows = []
    for _, r in assessed[assessed["id"].isin(ids)].sort_values("id").iterrows():
        start = start_years.get(r.get("source"), None)
        due = int(r["due_year"])
        s = _series(r, observations)
        s = s[s["year"] <= due]
        thr, higher = met_threshold(r["comparator"], float(r["target"]))
        before = s.iloc[0:0]
        if start is not None and not (isinstance(start, float) and math.isnan(start)):
            before = s[s["year"] < int(start)]
            s = s[s["year"] >= int(start)]
        # θ itself prints one step above a "≤"/"<" target (met_threshold): strictly below it meets
        ok = (s["value"] >= thr) if higher else (s["value"] < thr)
        ok_before = (before["value"] >= thr) if higher else (before["value"] < thr)
        years = [int(y) for y in s["year"]]
        met = [int(y) for y in s["year"][ok]]
        missed = [int(y) for y in s["year"][~ok]]
        last = max(years) if years else (int(start) - 1 if start is not None else None)
        remaining = list(range(last + 1, due + 1)) if last is not None else [due]
        has_rest = bool(remaining)
        rows.append(dict(
            id=r["id"], start_year=None if start is None else int(start), due_year=due, years=years, years_met=met,
            years_missed=missed, k_met=len(met), n_years=len(years), remaining_years=remaining,
            remaining_verdict=r.get("verdict") if has_rest else None,
            remaining_verdict_vi=r.get("verdict_vi") if has_rest else None,
            status="no_data" if not years else ("missed_some_years" if missed else "met_every_year"),
            years_before=[int(y) for y in before["year"]], k_before=int(ok_before.sum())))
    return pd.DataFrame(rows, columns=_COLUMNS)


def _years(ys) -> str:
    return ", ".join(str(y) for y in ys)


def annual_sentence(r, lang: str = "vi") -> str:
    """One line for an annual target's check (a row of :func:`annual_check`).

    >>> r = dict(k_met=1, n_years=4, years_missed=[2021, 2023, 2024], remaining_years=[2025],
    ...          remaining_verdict_vi="Chưa chắc chắn", remaining_verdict="uncertain", status="missed_some_years")
    >>> annual_sentence(r)
    'Đạt 1/4 năm; không đạt các năm 2021, 2023, 2024; năm 2025: Chưa chắc chắn.'
    >>> annual_sentence(r, "en")
    'Met in 1 of 4 years; missed in 2021, 2023, 2024; 2025: uncertain.'
    """
    if r["status"] == "no_data":
        return ("Chưa có số liệu năm nào để kiểm tra." if lang == "vi" else "No yearly data to check yet.")
    vi = lang == "vi"
    s = (f"Đạt {r['k_met']}/{r['n_years']} năm" if vi else f"Met in {r['k_met']} of {r['n_years']} years")
    if r["years_missed"]:
        s += ("; không đạt các năm " if vi else "; missed in ") + _years(r["years_missed"])
    else:
        s += "; đạt mọi năm đã có số liệu" if vi else "; met in every observed year"
    rest = r["remaining_years"]
    if rest and r.get("remaining_verdict_vi"):
        from .assess import VERDICTS

        when = f"năm {_years(rest)}" if vi and len(rest) == 1 else (
            f"các năm {rest[0]}–{rest[-1]}" if vi else (str(rest[0]) if len(rest) == 1 else f"{rest[0]}–{rest[-1]}"))
        verdict = r["remaining_verdict_vi"] if vi else VERDICTS.get(r["remaining_verdict"], ("", r["remaining_verdict"]))[1].lower()
        s += f"; {when}: {verdict}"
    before = r.get("years_before") or []
    if before:
        span = f"{before[0]}–{before[-1]}" if len(before) > 1 else str(before[0])
        s += (f" Trước kỳ kế hoạch ({span}): đạt mức này {r['k_before']}/{len(before)} năm" if vi
              else f" Before the plan ({span}): at this level in {r['k_before']} of {len(before)} years")
    return s + "."



def annual_verdicts(assessed: pd.DataFrame, targets: pd.DataFrame, observations: pd.DataFrame,
                    start_years: dict | None = None) -> pd.DataFrame:
    """:func:`edustats.assess` rows with the annual targets ("hằng năm", ``annual=true`` in the targets
    table) judged year by year, as ``edustats assess`` and the briefings judge them: a target missed in an
    observed year of the plan is missed, whatever the due year's forecast.

    Adds ``annual_status``, ``annual_years_met`` and ``annual_years`` (nullable integers, empty for a
    target that is not annual; the columns are there even when no target is annual) and rewrites ``verdict`` (``observed_missed``), ``verdict_vi`` and
    ``verdict_en`` of the missed ones. ``start_years``: the year each document's plan starts (default:
    the shipped documents' ``period_start``, :func:`edustats.assess.document_base_years`).

    Examples
    --------
    >>> t = pd.DataFrame([dict(id="P", kind="target", source="d", locality="X", level="primary",
    ...     indicator="promotion_rate", comparator=">=", value=97.0, year=2025, unit="percent", annual=True)])
    >>> a = pd.DataFrame([dict(id="P", source="d", locality="X", level="primary", indicator="promotion_rate",
    ...     comparator=">=", target=97.0, due_year=2025, last_year=2024, verdict="uncertain",
    ...     verdict_vi="Chưa chắc chắn", verdict_en="Uncertain")])
    >>> o = pd.DataFrame(dict(locality="X", level="primary", indicator="promotion_rate",
    ...     year=[2021, 2022, 2023, 2024], value=[96.2, 96.96, 96.6, 95.8]))
    >>> annual_verdicts(a, t, o, {"d": 2021})[["verdict", "verdict_vi"]].iloc[0].tolist()
    ['observed_missed', 'Không đạt (hằng năm: đạt 1/4 năm)']
    """
    from .assess import document_base_years

    res = assessed
    if res.empty or "id" not in res.columns:
        return res
    kinds = targets["kind"] if "kind" in targets.columns else pd.Series("target", index=targets.index)
    ids = (set(targets.loc[targets["annual"].astype(bool) & (kinds == "target"), "id"]) & set(res["id"])
           if "annual" in targets.columns else set())
    if not ids:   # the same columns whatever the targets: a table read back always has them
        return res.assign(annual_status="", annual_years_met=pd.array([pd.NA] * len(res), dtype="Int64"),
                          annual_years=pd.array([pd.NA] * len(res), dtype="Int64"))
    a = annual_check(res, observations, sorted(ids),
                     document_base_years() if start_years is None else start_years).set_index("id")
    res = res.copy()
    res["annual_status"] = res["id"].map(a["status"]).fillna("")
    res["annual_years_met"] = res["id"].map(a["k_met"]).astype("Int64")
    res["annual_years"] = res["id"].map(a["n_years"]).astype("Int64")
    missed = (res["annual_status"] == "missed_some_years").to_numpy()
    res.loc[missed, "verdict"] = "observed_missed"
    res.loc[missed, "verdict_vi"] = [f"Không đạt (hằng năm: đạt {k}/{n} năm)" for k, n in
                                     zip(res.loc[missed, "annual_years_met"], res.loc[missed, "annual_years"])]
    res.loc[missed, "verdict_en"] = [f"Missed (annual: met {k} of {n} years)" for k, n in
                                     zip(res.loc[missed, "annual_years_met"], res.loc[missed, "annual_years"])]
    return res
