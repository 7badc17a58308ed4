"""Reproduce the documents' reported baselines from counts, under each candidate definition.

For every baseline row of a targets table, :func:`reconcile` computes the indicator from the
counts in a folder (a planner's own EMIS export, or the synthetic example data in
``data/examples/``) under every definition the wording allows, each with its numerator and
denominator, and gives one verdict (``status``):

- ``reproduced``: exactly one definition prints as the published figure (a definition whose counts
  are missing is named in the verdict as not computed: it might print the figure too);
- ``tie``: several do (all listed: the data cannot say which the document used);
- ``not reproduced``: none does; the nearest and its gap are given;
- ``no definition``: no definition is coded for the indicator;
- ``counts missing``: a table or row a definition needs is not in the folder (named); the other
  baselines are still reconciled.

"Prints as" means: the recomputed value, rounded to the decimals the document printed (the
``decimals`` column of the targets, trailing zeros kept), equals the published figure under the
rounding convention assumed (``rounding``; stated in every row). ``strength`` says how much a
match proves: how many numerators over the same denominator would print the same figure
("40%" of 2 400 workers: any of 25). GRIM on the counts' denominator is shown where it can
inform. Results on synthetic example data say so in ``data`` ("trên số liệu minh họa").
"""
from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pandas as pd

from . import indicators as ind
from .errors import DataError
from .consistency import check_documents, grim_verdict, numerators_matching, published_decimals
from .examples import EXAMPLES_DIR, SYNTHETIC_LABEL, CountsMissing, load_counts
from .vnformat import (DEFAULT_ROUNDING, ROUNDINGS, format_number, format_ratio, published_text, rounding_label,
                       rounds_to)

__all__ = ["reconcile", "candidate_definitions", "baselines_table", "DERIVED_DIR", "STATUSES", "write_derived"]

DERIVED_DIR = Path(__file__).resolve().parent.parent / "data" / "derived"
STATUSES = ("reproduced", "tie", "not reproduced", "no definition", "counts missing")
_STATUS_VI = {"reproduced": "tái lập được", "tie": "nhiều định nghĩa cùng khớp", "not reproduced": "không tái lập được",
              "no definition": "chưa có định nghĩa", "counts missing": "thiếu số liệu"}


class _Counts:
    """The count tables of a folder, loaded once each; remembers which ones a definition used."""

    def __init__(self, folder):
        self.folder, self.cache, self.used = Path(folder), {}, []

    def __call__(self, name: str) -> pd.DataFrame:
        self.used.append(name)
        if name not in self.cache:
            try:
                self.cache[name] = load_counts(name, self.folder)
            except CountsMissing as exc:
                self.cache[name] = exc
            except DataError as exc:  # a bad cell in the planner's table: reported as such, never as "missing"
                exc.in_counts_file = True
                raise
        t = self.cache[name]
        if isinstance(t, CountsMissing):
            raise CountsMissing(str(t))
        return t.copy()

    def headers(self) -> dict:
        """``{column: "'header' (column)"}`` for the columns the tables just used name otherwise in their file."""
        out = {}
        for n in dict.fromkeys(self.used):
            t = self.cache.get(n)
            if isinstance(t, pd.DataFrame):
                out.update({c: f"'{h}' ({c})" for c, h in t.attrs.get("headers", {}).items() if h != c and c not in out})
        return out

    def synthetic(self, names) -> bool:
        ts = [self.cache.get(n) for n in names]
        return bool(ts) and all(isinstance(t, pd.DataFrame) and t.attrs.get("synthetic") for t in ts)


def _one(df: pd.DataFrame, locality: str, year: int, **eq) -> pd.Series:
    sel = df
    if "locality" in sel.columns:
        sel = sel[sel["locality"] == locality]
    if "year" in sel.columns:
        sel = sel[sel["year"] == year]
    for k, v in eq.items():
        sel = sel[sel[k] == v]
    if len(sel) != 1:
        what = ", ".join([str(locality), str(year)] + [f"{k}={v}" for k, v in eq.items()])
        raise CountsMissing(f"{'no row' if len(sel) == 0 else f'{len(sel)} rows'} for {what}")
    return sel.iloc[0]


def candidate_definitions(row, folder: Path | str = EXAMPLES_DIR, *, _counts: _Counts | None = None) -> list[dict]:
    """Every definition the wording of a baseline allows, computed from the counts in ``folder``.

    Returns a list of dicts: ``definition``, ``value``, ``numerator``, ``denominator``,
    ``missing`` (empty, or the count table / row the definition needed and did not find) and
    ``tables`` (the count tables used). An empty list: no definition is coded for the indicator.

    To add a definition, add one ``add(definition, lambda: <a row with value, numerator,
    denominator>)`` line to the indicator's branch: the lambda lets a missing table or row be
    reported for that definition alone.

    Examples
    --------
    >>> from edustats import load_targets
    >>> t = load_targets().set_index("id")
    >>> [(c["definition"].split(" (")[0], c["numerator"], c["denominator"]) for c in candidate_definitions(t.loc["001-02"])]
    [('children 0-2 enrolled ÷ children 0-2', 81.0, 150.0), ('children 1-2 enrolled ÷ children 1-2', 78.0, 100.0)]
    """
    E = _counts or _Counts(folder)
    code, loc, y = row.indicator, row.locality, int(row.year)
    out = []

    def add(definition, r):
        E.used = []
        try:
            r = r() if callable(r) else r
        except (CountsMissing, DataError) as exc:  # a row the indicator needs is not in the counts
            if getattr(exc, "in_counts_file", False):
                raise
            if isinstance(exc, DataError):
                shown = E.headers()   # a column named by the header the planner wrote: 'Tử số' (numerator)
                exc = "; ".join(f"{shown.get(p.column, p.column)} {p.value}: expected {p.expected}"
                                for p in exc.problems.itertuples()) or str(exc)
            tables = ", ".join(f"{n}.csv" for n in dict.fromkeys(E.used)) or "counts"
            out.append(dict(definition=definition, value=math.nan, numerator=math.nan, denominator=math.nan,
                            missing=f"{tables}: {exc}" if "not in" not in str(exc) else str(exc),
                            tables=tuple(dict.fromkeys(E.used))))
            return
        out.append(dict(definition=definition, value=float(r["value"]), numerator=float(r["numerator"]),
                        denominator=float(r["denominator"]), missing="", tables=tuple(dict.fromkeys(E.used))))

    if code == "age5_enrolment_rate":
        add("5-year-olds in kindergarten ÷ 5-year-olds (Nghị định 20/2014, PCGD mầm non 5 tuổi)", lambda:
            _one(ind.age_specific_enrolment_rate(E("enrolment"), E("population"), (5, 5), level="kindergarten"), loc, y))
        add("children 3-5 in kindergarten ÷ children 3-5 (kindergarten mobilisation, a misreading)", lambda:
            _one(ind.mobilisation_rate(E("enrolment"), E("population"), "kindergarten"), loc, y))
    elif code == "mobilisation_rate":
        add("children 0-2 enrolled ÷ children 0-2 (tỷ lệ huy động nhà trẻ)", lambda:
            _one(ind.mobilisation_rate(E("enrolment"), E("population"), row.level), loc, y))
        add("children 1-2 enrolled ÷ children 1-2 (infants under 1 excluded)", lambda:
            _one(ind.age_specific_enrolment_rate(E("enrolment"), E("population"), (1, 2)), loc, y))
    elif code == "malnutrition_rate":
        add("malnourished ÷ children weighed", lambda: _one(ind.malnutrition_rate(E("nutrition")), loc, y))
    elif code == "primary_completion_age11":
        add("11-year-olds who completed primary ÷ 11-year-olds (Nghị định 20/2014, PCGD tiểu học mức 2-3)", lambda:
            _one(ind.completion_by_age(E("attainment"), (11, 11), "primary", code), loc, y))
    elif code == "lower_secondary_diploma_15_18":
        add("15-18-year-olds with the THCS diploma ÷ 15-18-year-olds (Nghị định 20/2014, Điều 14)", lambda:
            _one(ind.completion_by_age(E("attainment"), (15, 18), "lower-secondary", code), loc, y))
        add("15-17-year-olds with the diploma ÷ 15-17-year-olds", lambda:
            _one(ind.completion_by_age(E("attainment"), (15, 17), "lower-secondary", code), loc, y))
    elif code in ("grade9_vocational_orientation_rate", "inclusive_education_rate", "trained_labour_share"):
        def _rate():
            r = E("rates")
            return _one(ind.rate_table(r[r["indicator"] == code], code), loc, y)
        add("numerator ÷ denominator as reported by the commune", _rate)
    elif code == "transition_rate_upper_secondary_or_vocational":
        def _transition(definition):
            g = E("graduates")
            t = ind.graduate_transition_rate(g[["locality", "year", "graduates"]], E("destinations"),
                                             grade9_enrolment=g.rename(columns={"grade9_enrolment": "enrolment"})[
                                                 ["locality", "year", "enrolment"]])
            return _one(t[t["indicator"] == code], loc, y, definition=definition)
        add("entrants to THPT, GDTX or vocational ÷ THCS graduates", lambda: _transition("graduates"))
        add("entrants to THPT, GDTX or vocational ÷ grade-9 enrolment", lambda: _transition("grade9_enrolment"))
    elif code == "literacy_level":
        def _literacy():
            r = _one(ind.classify_universalization(E("literacy"), "literacy"), loc, y)
            add.label = (f"Nghị định 20/2014 XMC level from literacy rates (binding: {r['binding_criterion']} "
                         f"{format_number(r['binding_value'], 1)}% vs {format_number(r['binding_threshold'], 0)}%)")
            return dict(value=float(r["level"]), numerator=math.nan, denominator=math.nan)
        add.label = "Nghị định 20/2014 XMC level from literacy rates"
        add(add.label, _literacy)
        out[-1]["definition"] = add.label
    elif code == "national_standard_schools":
        def _in_force():
            r = _one(ind.national_standard_schools(E("recognitions"), [y], by_level=False)
                     .query("indicator == 'national_standard_schools'"), loc, y)
            return dict(value=float(r["value"]), numerator=float(r["value"]), denominator=math.nan)

        def _ever():
            rec = E("recognitions")
            rec = rec[(rec["locality"] == loc) & (rec["recognised_year"] <= y)]
            if rec.empty:
                raise CountsMissing(f"no recognition for {loc} up to {y}")
            n = float(rec["school"].nunique())
            return dict(value=n, numerator=n, denominator=math.nan)
        add("schools whose 5-year recognition is in force", _in_force)
        add("schools ever recognised", _ever)
    elif code in ("teacher_shortage", "teacher_surplus"):
        groups = {"preschool+primary": ["preschool", "primary"], "lower-secondary": ["lower-secondary"],
                  "upper-secondary": ["upper-secondary"]}
        col = "shortage" if code == "teacher_shortage" else "surplus"

        def _district():
            s = ind.teacher_surplus_shortage(E("classes"), E("teachers"), by=["district", "year"], groups=groups,
                                             pooled=True)  # the district report's own (netted) figure
            r = _one(s.rename(columns={"district": "locality"}), loc, y, level=row.level)
            add.label = (f"teachers at the norms (Thông tư 16/2017, TTLT 06/2015) − teachers in post: "
                         f"{r['calculation']}; in post {format_number(r['teachers_in_post'], 0)}")
            return dict(value=float(r[col]), numerator=float(r["teachers_required"]), denominator=float(r["teachers_in_post"]))

        def _communes():
            # a commune's surplus cannot fill another's gap: per-commune gaps added up
            sc = ind.teacher_surplus_shortage(E("classes"), E("teachers"), by=["district", "locality", "year"], groups=groups)
            sc = sc[(sc["district"] == loc) & (sc["year"] == y) & (sc["level"] == row.level)]
            if sc.empty:
                raise CountsMissing(f"no row for {loc}, {y}, level={row.level}")
            return dict(value=float(sc[col].sum()), numerator=math.nan, denominator=math.nan)
        add.label = "teachers at the norms (Thông tư 16/2017, TTLT 06/2015) − teachers in post"
        add(add.label, _district)
        out[-1]["definition"] = add.label
        add("sum of commune-level gaps (no transfer between communes)", _communes)
    elif code in ("promotion_rate", "repetition_rate", "dropout_rate", "completion_rate"):
        # the Vietnamese (GSO/ministry) definition first, then UIS's; each where its counts exist
        have = lambda name: any((Path(folder) / f"{name}.{ext}").exists() for ext in ("csv", "xlsx"))  # noqa: E731
        lo, hi = ind.LEVEL_GRADES[row.level]
        if code == "completion_rate":
            if have("completers"):
                add("GSO: completers ÷ first-grade pupils n−1 years earlier (HTCTTK cấp huyện)", lambda:
                    _one(ind.first_grade_completion_rate(E("completers"), E("enrolment"), row.level), loc, y))
            if have("attainment"):
                add("UIS SDG 4.1.2: people 3-5 years above last-grade age who completed ÷ that age group", lambda:
                    _one(ind.completion_rate(E("attainment"), row.level), loc, y))
        else:
            if have("school_year"):
                add("GSO/ministry: within school year t ÷ start-of-year enrolment (HTCTTK cấp huyện)", lambda:
                    _one(ind.within_year_rates(E("school_year"), row.level, per="level"), loc, y, indicator=code))
            if have("repeaters"):
                def _uis_cohort():
                    e = E("enrolment")
                    f = ind.flow_rates(e[(e["grade"] >= lo) & (e["grade"] <= hi + 1)], E("repeaters"), row.level)
                    f = f[(f["locality"] == loc) & (f["year"] == y) & (f["indicator"] == code)]
                    if not len(f):
                        raise CountsMissing(f"no flow rates for {loc}, {y}")
                    num, den = f["numerator"].sum(), f["denominator"].sum()
                    return dict(value=100.0 * num / den, numerator=num, denominator=den)
                add(f"UIS reconstructed cohort, grades {lo}-{hi - 1} of year {y} (next year's enrolment and repeaters)",
                    _uis_cohort)
    elif code == "staff_shortage":
        def _staff():
            s = E("staff")
            s = s[(s["district"] == loc) & (s["year"] == y)]
            if s.empty:
                raise CountsMissing(f"no row for {loc}, {y}")
            return dict(value=float(s["required"].sum() - s["in_post"].sum()), numerator=float(s["required"].sum()),
                        denominator=float(s["in_post"].sum()))
        add("staff positions required − staff in post (Thông tư 16/2017, staff positions)", _staff)
    return out


def _exact(c: dict, unit: str):
    """The candidate's value as an exact ratio of its counts where it is one (a percentage of whole counts)."""
    n, d = c["numerator"], c["denominator"]
    if unit == "percent" and all(math.isfinite(v) and float(v).is_integer() for v in (n, d)) and d > 0 \
            and abs(100 * n / d - c["value"]) < 1e-9:
        return Fraction(100 * int(n), int(d))
    return c["value"]


def _strength(c: dict, reported: float, decimals: int, unit: str, rounding: str, bounded: bool) -> str:
    d = c["denominator"]
    if unit != "percent":
        return "an exact count: only this value matches" if unit == "count" else \
            "a level: any rates on the same side of every threshold give it"
    if not (math.isfinite(d) and float(d).is_integer() and d > 0):
        return ""
    ks = numerators_matching(reported, decimals, int(d), rounding, bounded=bounded)
    span = f"{format_number(ks[0])}" if len(ks) == 1 else f"{format_number(ks[0])}–{format_number(ks[-1])}"
    return (f"{len(ks)} of {format_number(int(d) + 1)} possible numerators over {format_number(d)} print "
            f"{format_number(reported, decimals)}% ({span})")


def _fmt_value(v: float, decimals: int) -> str:
    return format_number(v, max(decimals + 1, 1), trim=True)


def reconcile(targets: pd.DataFrame, folder: Path | str = EXAMPLES_DIR, *, rounding: str = DEFAULT_ROUNDING) -> pd.DataFrame:
    """One row per baseline: the verdict, the definition(s), their counts, the rounding assumed and the strength.

    Columns: ``source, id, label_vi, indicator, reported`` (number), ``reported_text`` (as
    printed, trailing zeros kept), ``decimals``, ``status`` (one of :data:`STATUSES`),
    ``verdict`` (Vietnamese / English sentence), ``recomputed``, ``difference``, ``numerator``,
    ``denominator`` (of the reproducing definition; of the nearest when none reproduces; empty
    for a tie), ``definition``, ``matches``, ``strength``, ``rounding``, ``candidates`` (each
    definition with its value and counts, ✓ where it reproduces the figure), ``missing``,
    ``grim`` (GRIM on the counts' denominator, only where informative), ``consistency`` (the
    informative findings of :func:`edustats.consistency.check_documents`), ``synthetic`` and
    ``data`` (where the counts came from; "trên số liệu minh họa" for the examples).

    Parameters
    ----------
    targets : DataFrame
        As :func:`edustats.load_targets` returns.
    folder : path
        A folder of count tables (``population.csv``, ``enrolment.csv``, … as in
        ``data/examples/README.md``); any rows, synthetic or not.
    rounding : str
        The rounding convention a published figure is assumed to follow, one of
        :data:`edustats.vnformat.ROUNDINGS` (default: either way at an exact .5, as scrutiny).

    Notes
    -----
    A definition reproduces the figure :math:`v` printed with :math:`d` decimals when

    .. math:: v \\in \\mathrm{round}_d\\left(100 \\cdot \\frac{\\text{numerator}}{\\text{denominator}}\\right),

    computed exactly from the counts; the strength is :math:`\\#\\{k \\in 0..N : v \\in \\mathrm{round}_d(100k/N)\\}`.

    References
    ----------
    Brown & Heathers (2017), "The GRIM test", Social Psychological and Personality Science 8(4).
    Jung, L., scrutiny (R package): ``grim()``, rounding ``"up_or_down"`` by default.

    Examples
    --------
    >>> from edustats import load_targets
    >>> r = reconcile(load_targets()).set_index("id")
    >>> r.loc[["001-05"], ["reported_text", "recomputed", "status", "numerator", "denominator"]].round(4).to_dict("records")
    [{'reported_text': '90,14%', 'recomputed': 90.1408, 'status': 'reproduced', 'numerator': 320.0, 'denominator': 355.0}]
    >>> r.loc["001-07", "candidates"]
    'entrants to THPT, GDTX or vocational ÷ THCS graduates = 92 (92 / 100) ✓; entrants to THPT, GDTX or vocational ÷ grade-9 enrolment = 90,2 (92 / 102)'
    >>> r.loc["001-09", "strength"]
    '25 of 2.401 possible numerators over 2.400 print 40% (948–972)'
    """
    from .catalogue import indicator_catalogue

    if rounding not in ROUNDINGS:
        raise ValueError(f"rounding {rounding!r}: expected one of {', '.join(ROUNDINGS)}")
    cat = indicator_catalogue().set_index("code")
    E = _Counts(folder)
    base = targets[targets["kind"] == "baseline"]
    rows = []
    for r in base.itertuples(index=False):
        d = published_decimals(r)
        unit = r.unit
        hi_b = cat.at[r.indicator, "max_value"] if r.indicator in cat.index else (100.0 if unit == "percent" else math.inf)
        bounded = math.isfinite(hi_b)
        text = published_text(r.value, d) + ("%" if unit == "percent" else "")
        try:
            cands = candidate_definitions(r, folder, _counts=E)
        except CountsMissing as exc:  # a definition written without the lambda: the whole row lacks counts
            cands = [dict(definition=f"definitions of {r.indicator}", value=math.nan, numerator=math.nan,
                          denominator=math.nan, missing=str(exc), tables=tuple(dict.fromkeys(E.used)))]
        computed = [c for c in cands if not c["missing"]]
        missing = [c for c in cands if c["missing"]]
        for c in cands:
            c["matches"] = bool(not c["missing"] and rounds_to(_exact(c, unit), float(r.value), d, rounding))
        hits = [c for c in computed if c["matches"]]
        rec = dict(source=r.source, id=r.id, label_vi=r.label_vi, indicator=r.indicator, reported=float(r.value),
                   reported_text=text, decimals=d, recomputed=math.nan, difference=math.nan, numerator=math.nan,
                   denominator=math.nan, definition="", matches=bool(hits), strength="",
                   rounding=rounding_label(rounding), missing="; ".join(f"{c['definition'].split(' (')[0]}: {c['missing']}"
                                                                         for c in missing), grim="")
        if not cands:
            status = "no definition"
            detail = f"no definition coded for indicator {r.indicator}"
        elif len(hits) == 1:
            status, best = "reproduced", hits[0]
            detail = f"by one definition: {best['definition']}"
        elif len(hits) > 1:
            status, best = "tie", None
            detail = (f"by {len(hits)} definitions, which the figure cannot tell apart: "
                      + " | ".join(c["definition"] for c in hits))
        elif computed and not missing:
            status = "not reproduced"
            best = min(computed, key=lambda c: (abs(c["value"] - r.value), cands.index(c)))
            others = [x for x in ROUNDINGS if x != rounding and rounds_to(_exact(best, unit), float(r.value), d, x)]
            detail = (f"nearest: {best['definition']} = {_fmt_value(best['value'], d)}, gap "
                      f"{'+' if best['value'] >= r.value else ''}{_fmt_value(best['value'] - r.value, d)}"
                      + (f"; it prints {text} under {', '.join(rounding_label(x, 'en') for x in others)}" if others else ""))
        else:
            status = "counts missing"
            best = min(computed, key=lambda c: abs(c["value"] - r.value)) if computed else None
            detail = "; ".join(c["missing"] for c in missing) + (
                f" (computed, not matching: {best['definition']} = {_fmt_value(best['value'], d)})" if best else "")
        if hits and missing:  # another definition might print the figure too: say it was not computed
            detail += "; not computed (counts missing): " + " | ".join(c["definition"].split(" (")[0] for c in missing)
        if status in ("reproduced", "not reproduced") or (status == "counts missing" and best):
            rec.update(recomputed=best["value"], difference=best["value"] - r.value, numerator=best["numerator"],
                       denominator=best["denominator"], definition=best["definition"])
        elif status == "tie":
            rec.update(recomputed=hits[0]["value"], difference=hits[0]["value"] - r.value,
                       definition=" | ".join(c["definition"] for c in hits))
        else:
            rec["definition"] = detail
        if hits:
            rec["strength"] = "; ".join(dict.fromkeys(filter(None, (_strength(c, r.value, d, unit, rounding, bounded)
                                                                    for c in hits))))
        # GRIM on the denominator the counts give, where it could fail
        if unit == "percent" and status != "no definition":
            for c in (hits or ([best] if status != "tie" and best else [])):
                if math.isfinite(c["denominator"]) and float(c["denominator"]).is_integer() and c["denominator"] > 0:
                    st, det = grim_verdict(r.value, d, int(c["denominator"]), rounding=rounding,
                                           what=c["definition"].split(" (")[0], bounded=bounded)
                    if st != "not informative":
                        rec["grim"] = f"{st}: {det}"
                    break
        rec["status"] = status
        rec["verdict"] = f"{_STATUS_VI[status]} / {status}: {detail}" + (
            f" [rounding assumed: {rounding_label(rounding, 'en')}]" if status in ("reproduced", "tie", "not reproduced") else "")
        rec["candidates"] = "; ".join(
            f"{c['definition'].split(' (')[0]} = "
            + (f"thiếu số liệu / counts missing ({c['missing']})" if c["missing"] else
               _fmt_value(c["value"], d) + (f" ({format_ratio(c['numerator'], c['denominator'])})"
                                            if unit == "percent" and math.isfinite(c["denominator"]) else "")
               + (" ✓" if c["matches"] else ""))
            for c in cands)
        used = sorted({t for c in cands for t in c["tables"]})
        rec["synthetic"] = E.synthetic(used)
        rows.append(rec)
    cols = ["source", "id", "label_vi", "indicator", "reported", "reported_text", "decimals", "status", "verdict",
            "recomputed", "difference", "numerator", "denominator", "definition", "matches", "strength", "rounding",
            "candidates", "missing", "grim", "synthetic"]
    out = pd.DataFrame(rows, columns=cols)
    cl = E.cache.get("commune_levels")
    if cl is None:
        try:
            cl = E("commune_levels")
        except CountsMissing:
            cl = None
    findings = check_documents(targets, rounding=rounding, commune_levels=cl if isinstance(cl, pd.DataFrame) else None)
    findings = findings[findings["status"] != "not informative"]
    f = {i: "; ".join(f"{c}: {s} — {d}" for c, s, d in zip(g["check"], g["status"], g["detail"]))
         for i, g in findings.groupby("id")}
    out["consistency"] = out["id"].map(f).astype(object).fillna("")
    out["data"] = [SYNTHETIC_LABEL if s else str(Path(folder)) for s in out["synthetic"]]
    return out.sort_values("id", kind="stable").reset_index(drop=True)


def baselines_table(rec: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The reconciliation as a briefing shows it: one row per reported figure, ready for a table.

    Columns (Vietnamese, or English with ``lang="en"``): the indicator, the figure as printed, the
    verdict, the recomputed value with its counts, the definition(s), the rounding assumed, the
    strength of the match, and GRIM where it can inform (empty otherwise); plus ``data``, which
    says "trên số liệu minh họa" for the synthetic examples.

    Examples
    --------
    >>> from edustats import load_targets
    >>> t = baselines_table(reconcile(load_targets()))
    >>> t.set_index("Mã").loc["001-09", ["Văn bản ghi", "Kết quả", "Tính lại", "Độ mạnh"]].tolist()
    ['40%', 'tái lập được', '40 (960 / 2.400)', '25 trong 2.401 tử số có thể (948–972) đều cho 40%']
    >>> t.set_index("Mã").loc["001-11", "Kết quả"]
    'nhiều định nghĩa cùng khớp'
    """
    vi = lang != "en"
    out = pd.DataFrame({
        "id": rec["id"], "label": rec["label_vi"], "reported": rec["reported_text"],
        "status": [(_STATUS_VI[s] if vi else s) for s in rec["status"]],
        "recomputed": [("—" if not math.isfinite(v) else _fmt_value(v, d)
                        + (f" ({format_ratio(n, m)})" if math.isfinite(n) and math.isfinite(m) and u.endswith("%") else ""))
                       for v, d, n, m, u in zip(rec["recomputed"], rec["decimals"], rec["numerator"], rec["denominator"],
                                                rec["reported_text"])],
        "definition": [dfn if st in ("reproduced", "tie") else v.split(": ", 1)[1].split(" [rounding assumed")[0]
                       for dfn, st, v in zip(rec["definition"], rec["status"], rec["verdict"])],
        "rounding": [r.split(" / ")[0 if vi else 1] for r in rec["rounding"]],
        "strength": [(_strength_vi(x) if vi else x) for x in rec["strength"]],
        "grim": rec["grim"], "data": rec["data"]})
    names = ({"id": "Mã", "label": "Chỉ tiêu", "reported": "Văn bản ghi", "status": "Kết quả", "recomputed": "Tính lại",
              "definition": "Định nghĩa", "rounding": "Quy ước làm tròn", "strength": "Độ mạnh", "grim": "GRIM",
              "data": "Số liệu"} if vi else
             {"id": "id", "label": "indicator", "reported": "printed", "status": "verdict", "recomputed": "recomputed",
              "definition": "definition", "rounding": "rounding assumed", "strength": "strength", "grim": "GRIM",
              "data": "counts"})
    return out.rename(columns=names).reset_index(drop=True)


def _strength_vi(text: str) -> str:
    import re
    m = re.fullmatch(r"(\d+) of ([\d.]+) possible numerators over ([\d.]+) print (\S+) \(([^)]+)\)", text)
    if m:
        return f"{m.group(1)} trong {m.group(2)} tử số có thể ({m.group(5)}) đều cho {m.group(4)}"
    return {"an exact count: only this value matches": "số đếm: chỉ đúng giá trị này khớp",
            "a level: any rates on the same side of every threshold give it":
                "mức độ: mọi tỷ lệ cùng phía các ngưỡng đều cho mức này"}.get(text, text)


def write_derived(targets: pd.DataFrame, folder: Path = DERIVED_DIR) -> list[Path]:
    """Write ``reconciliation.csv`` and ``consistency_findings.csv`` (kept as data, regenerated by tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    p1, p2 = folder / "reconciliation.csv", folder / "consistency_findings.csv"
    reconcile(targets).to_csv(p1, index=False, lineterminator="\n", float_format="%.10g")
    cl = load_counts("commune_levels")
    check_documents(targets, commune_levels=cl).to_csv(p2, index=False, lineterminator="\n")
    return [p1, p2]


def _register_cli(sub) -> None:
    p = sub.add_parser("reconcile", help="tính lại mọi số liệu nền từ số đếm, đối chiếu số đã công bố / recompute every reported baseline from counts and check published figures",
                       description="One row per baseline of the targets file: the verdict (reproduced, tie, not "
                                   "reproduced, no definition, counts missing), each definition with its numerator "
                                   "and denominator, the rounding assumed and the strength of the match. Counts: "
                                   "any folder of count tables (default: data/examples, synthetic).")
    p.add_argument("--targets", default=None, help="targets file (default: data/targets.csv)")
    p.add_argument("--counts", default=str(EXAMPLES_DIR), help="folder of count tables (default: data/examples)")
    p.add_argument("--rounding", default=DEFAULT_ROUNDING, choices=ROUNDINGS,
                   help=f"rounding the published figures are assumed to follow (default: {DEFAULT_ROUNDING})")
    p.add_argument("--out", default=None, help="write the reconciliation to this CSV")
    # the handler is edustats.cli's (Excel out, locality matching, messages in Vietnamese first)




def print_reconciliation(res: pd.DataFrame, rounding: str) -> None:
    """The reconciliation as a terminal table with the tally of verdicts (for the CLI)."""
    import sys

    from ._table import print_table as _print_table

    show = res[["id", "label_vi", "reported_text", "status", "recomputed", "numerator", "denominator"]].copy()
    show["recomputed"] = [_fmt_value(v, d) for v, d in zip(res["recomputed"], res["decimals"])]
    show["counts"] = [format_ratio(n, d) if math.isfinite(n) and math.isfinite(d) and t.endswith("%") else "—"
                      for n, d, t in zip(res["numerator"], res["denominator"], res["reported_text"])]
    show["strength"] = [x.split(" possible")[0] if " possible" in x else ("exact" if x.startswith("an exact") else "—")
                        for x in res["strength"]]
    _print_table(show.drop(columns=["numerator", "denominator"]))
    tally = ", ".join(f"{int((res['status'] == s).sum())} {s}" for s in STATUSES if (res["status"] == s).any())
    tally_vi = ", ".join(f"{int((res['status'] == s).sum())} {_STATUS_VI[s]}" for s in STATUSES if (res["status"] == s).any())
    print(f"\n{len(res)} số hiện trạng: {tally_vi}; làm tròn: {rounding_label(rounding, 'vi')}; "
          f"số đếm: {', '.join(sorted(set(res['data'])))}", file=sys.stderr)
    print(f"{len(res)} baselines: {tally}; rounding assumed: {rounding_label(rounding, 'en')}; "
          f"counts: {', '.join(sorted(set(res['data'])))}", file=sys.stderr)
