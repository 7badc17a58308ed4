"""Reproduce the documents' reported baselines from counts, under each candidate definition.

For every baseline row of a targets table, :func:`reconcile` computes the indicator from the
counts (by default the synthetic example data in ``data/examples/``) under every definition the
wording allows, and reports side by side the reported value, the recomputed value, the
difference, the definition used and whether it ``matches`` (the recomputed value rounds, half
up, to the reported one at its published precision). Where several definitions are possible
("tốt nghiệp THCS tiếp tục học lên THPT và trường nghề" over graduates or over grade-9
enrolment), ``candidates`` lists each with its value and a ✓ where it reproduces the figure.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from . import indicators as ind
from .consistency import check_documents
from .examples import EXAMPLES_DIR, load_example
from .vnformat import decimals_of, format_number, round_half_up

__all__ = ["reconcile", "candidate_definitions", "DERIVED_DIR"]

DERIVED_DIR = Path(__file__).resolve().parent.parent / "data" / "derived"


def _rounds_to(value: float, reported: float) -> bool:
    return round_half_up(value, decimals_of(reported)) == float(reported)


def _one(df: pd.DataFrame, locality: str, year: int, **eq) -> pd.Series:
    sel = df
    if "locality" in sel.columns:
        sel = sel[sel["locality"] == locality]
    if "year" in sel.columns:
        sel = sel[sel["year"] == year]
    for k, v in eq.items():
        sel = sel[sel[k] == v]
    if len(sel) != 1:
        raise LookupError(f"expected one row for {locality} {year} {eq}, found {len(sel)}")
    return sel.iloc[0]


def candidate_definitions(row, folder: Path | str = EXAMPLES_DIR) -> list[dict]:
    """Every definition the wording of a baseline allows, computed from the counts in ``folder``.

    Returns a list of dicts: ``definition``, ``value``, ``numerator``, ``denominator``.
    """
    E = lambda name: load_example(name, folder)  # noqa: E731
    code, loc, y = row.indicator, row.locality, int(row.year)
    out = []

    def add(definition, r):
        out.append(dict(definition=definition, value=float(r["value"]), numerator=float(r["numerator"]),
                        denominator=float(r["denominator"])))

    if code == "age5_enrolment_rate":
        add("5-year-olds in kindergarten ÷ 5-year-olds (Nghị định 20/2014, PCGD mầm non 5 tuổi)",
            _one(ind.age_specific_enrolment_rate(E("enrolment"), E("population"), (5, 5), level="kindergarten"), loc, y))
        add("children 3-5 in kindergarten ÷ children 3-5 (kindergarten mobilisation, a misreading)",
            _one(ind.mobilisation_rate(E("enrolment"), E("population"), "kindergarten"), loc, y))
    elif code == "mobilisation_rate":
        add("children 0-2 enrolled ÷ children 0-2 (tỷ lệ huy động nhà trẻ)",
            _one(ind.mobilisation_rate(E("enrolment"), E("population"), row.level), loc, y))
        add("children 1-2 enrolled ÷ children 1-2 (infants under 1 excluded)",
            _one(ind.age_specific_enrolment_rate(E("enrolment"), E("population"), (1, 2)), loc, y))
    elif code == "malnutrition_rate":
        add("malnourished ÷ children weighed", _one(ind.malnutrition_rate(E("nutrition")), loc, y))
    elif code == "primary_completion_age11":
        add("11-year-olds who completed primary ÷ 11-year-olds (Nghị định 20/2014, PCGD tiểu học mức 2-3)",
            _one(ind.completion_by_age(E("attainment"), (11, 11), "primary", code), loc, y))
    elif code == "lower_secondary_diploma_15_18":
        a = E("attainment")
        add("15-18-year-olds with the THCS diploma ÷ 15-18-year-olds (Nghị định 20/2014, Điều 14)",
            _one(ind.completion_by_age(a, (15, 18), "lower-secondary", code), loc, y))
        add("15-17-year-olds with the diploma ÷ 15-17-year-olds",
            _one(ind.completion_by_age(a, (15, 17), "lower-secondary", code), loc, y))
    elif code in ("grade9_vocational_orientation_rate", "inclusive_education_rate", "trained_labour_share"):
        r = E("rates")
        add("numerator ÷ denominator as reported by the commune",
            _one(ind.rate_table(r[r["indicator"] == code], code), loc, y))
    elif code == "transition_rate_upper_secondary_or_vocational":
        g = E("graduates")
        t = ind.graduate_transition_rate(g[["locality", "year", "graduates"]], E("destinations"),
                                         grade9_enrolment=g.rename(columns={"grade9_enrolment": "enrolment"})[
                                             ["locality", "year", "enrolment"]])
        t = t[t["indicator"] == code]
        add("entrants to THPT, GDTX or vocational ÷ THCS graduates", _one(t, loc, y, definition="graduates"))
        add("entrants to THPT, GDTX or vocational ÷ grade-9 enrolment", _one(t, loc, y, definition="grade9_enrolment"))
    elif code == "literacy_level":
        c = ind.classify_universalization(E("literacy"), "literacy")
        r = _one(c, loc, y)
        out.append(dict(definition=f"Nghị định 20/2014 XMC level from literacy rates (binding: {r['binding_criterion']} "
                                   f"{format_number(r['binding_value'], 1)}% vs {format_number(r['binding_threshold'], 0)}%)",
                        value=float(r["level"]), numerator=math.nan, denominator=math.nan))
    elif code == "national_standard_schools":
        rec = E("recognitions")
        r = _one(ind.national_standard_schools(rec, [y], by_level=False).query("indicator == 'national_standard_schools'"), loc, y)
        out.append(dict(definition="schools whose 5-year recognition is in force", value=float(r["value"]),
                        numerator=float(r["value"]), denominator=math.nan))
        ever = rec[(rec["locality"] == loc) & (rec["recognised_year"] <= y)]["school"].nunique()
        out.append(dict(definition="schools ever recognised", value=float(ever), numerator=float(ever), denominator=math.nan))
    elif code in ("teacher_shortage", "teacher_surplus"):
        c, t = E("classes"), E("teachers")
        groups = {"preschool+primary": ["preschool", "primary"], "lower-secondary": ["lower-secondary"],
                  "upper-secondary": ["upper-secondary"]}
        s = ind.teacher_surplus_shortage(c, t, by=["district", "year"], groups=groups)
        r = s[(s["district"] == loc) & (s["year"] == y) & (s["level"] == row.level)].iloc[0]
        col = "shortage" if code == "teacher_shortage" else "surplus"
        out.append(dict(definition=f"teachers at the norms (Thông tư 16/2017, TTLT 06/2015) − teachers in post: "
                                   f"{r['calculation']}; in post {format_number(r['teachers_in_post'], 0)}",
                        value=float(r[col]), numerator=float(r["teachers_required"]),
                        denominator=float(r["teachers_in_post"])))
        # the alternative: per-commune shortages added up (a commune's surplus cannot fill another's gap)
        sc = ind.teacher_surplus_shortage(c, t, by=["district", "locality", "year"], groups=groups)
        sc = sc[(sc["district"] == loc) & (sc["year"] == y) & (sc["level"] == row.level)]
        out.append(dict(definition="sum of commune-level gaps (no transfer between communes)",
                        value=float(sc[col].sum()), numerator=math.nan, denominator=math.nan))
    elif code in ("promotion_rate", "repetition_rate", "dropout_rate", "completion_rate"):
        # the Vietnamese (GSO/ministry) definition first, then UIS's; each where its counts exist
        have = lambda name: (Path(folder) / f"{name}.csv").exists()  # noqa: E731
        lo, hi = ind.LEVEL_GRADES[row.level]
        if code == "completion_rate":
            if have("completers"):
                add("GSO: completers ÷ first-grade pupils n−1 years earlier (HTCTTK cấp huyện)",
                    _one(ind.first_grade_completion_rate(E("completers"), E("enrolment"), row.level), loc, y))
            if have("attainment"):
                add("UIS SDG 4.1.2: people 3-5 years above last-grade age who completed ÷ that age group",
                    _one(ind.completion_rate(E("attainment"), row.level), loc, y))
        else:
            if have("school_year"):
                add("GSO/ministry: within school year t ÷ start-of-year enrolment (HTCTTK cấp huyện)",
                    _one(ind.within_year_rates(E("school_year"), row.level, per="level"), loc, y, indicator=code))
            if have("repeaters"):
                e = E("enrolment")
                f = ind.flow_rates(e[(e["grade"] >= lo) & (e["grade"] <= hi + 1)], E("repeaters"), row.level)
                f = f[(f["locality"] == loc) & (f["year"] == y) & (f["indicator"] == code)]
                num, den = f["numerator"].sum(), f["denominator"].sum()
                if len(f):
                    out.append(dict(definition=f"UIS reconstructed cohort, grades {lo}-{hi - 1} of year {y} "
                                               f"(next year's enrolment and repeaters)",
                                    value=100.0 * num / den, numerator=num, denominator=den))
    elif code == "staff_shortage":
        s = E("staff")
        s = s[(s["district"] == loc) & (s["year"] == y)]
        out.append(dict(definition="staff positions required − staff in post (Thông tư 16/2017, staff positions)",
                        value=float(s["required"].sum() - s["in_post"].sum()), numerator=float(s["required"].sum()),
                        denominator=float(s["in_post"].sum())))
    return out


def reconcile(targets: pd.DataFrame, folder: Path | str = EXAMPLES_DIR, synthetic: bool = True) -> pd.DataFrame:
    """One row per baseline: reported, recomputed, difference, definition, matches, candidates.

    ``definition`` is the first candidate that reproduces the published figure (or the first
    candidate when none does); ``candidates`` lists all, ✓ marking those that reproduce it;
    ``consistency`` carries the findings of :func:`edustats.consistency.check_documents` for the
    row; ``data`` says where the counts came from.

    Examples
    --------
    >>> from edustats import load_targets
    >>> r = reconcile(load_targets()).set_index("id")
    >>> r.loc[["001-05"], ["reported", "recomputed", "matches"]].round(4).to_dict("records")
    [{'reported': 90.14, 'recomputed': 90.1408, 'matches': True}]
    >>> r.loc["001-07", "candidates"]
    'entrants to THPT, GDTX or vocational ÷ THCS graduates = 92 ✓; entrants to THPT, GDTX or vocational ÷ grade-9 enrolment = 90,2'
    """
    base = targets[targets["kind"] == "baseline"]
    findings = check_documents(targets)
    rows = []
    for r in base.itertuples(index=False):
        cands = candidate_definitions(r, folder)
        if not cands:
            rows.append(dict(source=r.source, id=r.id, label_vi=r.label_vi, indicator=r.indicator, reported=r.value,
                             recomputed=math.nan, difference=math.nan, numerator=math.nan, denominator=math.nan,
                             definition="no definition coded for this indicator", matches=False, candidates=""))
            continue
        for c in cands:
            c["matches"] = _rounds_to(c["value"], r.value)
        best = next((c for c in cands if c["matches"]), cands[0])
        dec = max(1, decimals_of(r.value))
        rows.append(dict(
            source=r.source, id=r.id, label_vi=r.label_vi, indicator=r.indicator, reported=r.value,
            recomputed=best["value"], difference=best["value"] - r.value, numerator=best["numerator"],
            denominator=best["denominator"], definition=best["definition"], matches=best["matches"],
            candidates="; ".join(f"{c['definition'].split(' (')[0]} = {format_number(c['value'], dec, trim=True)}"
                                 f"{' ✓' if c['matches'] else ''}" for c in cands)))
    out = pd.DataFrame(rows)
    f = findings.groupby("id").apply(lambda g: "; ".join(f"{c}: {s} — {d}" for c, s, d in
                                                         zip(g["check"], g["status"], g["detail"])),
                                     include_groups=False)
    out["consistency"] = out["id"].map(f).fillna("")
    out["data"] = "synthetic example data (edustats.examples)" if synthetic else str(folder)
    return out.sort_values("id", kind="stable").reset_index(drop=True)


def write_derived(targets: pd.DataFrame, folder: Path = DERIVED_DIR) -> list[Path]:
    """Write ``reconciliation.csv`` and ``consistency_findings.csv`` (kept as data, regenerated by tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    p1, p2 = folder / "reconciliation.csv", folder / "consistency_findings.csv"
    reconcile(targets).to_csv(p1, index=False, lineterminator="\n", float_format="%.10g")
    check_documents(targets).to_csv(p2, index=False, lineterminator="\n")
    return [p1, p2]


def _register_cli(sub) -> None:
    p = sub.add_parser("reconcile", help="recompute every reported baseline from counts and check published figures",
                       description="One row per baseline of the targets file: reported, recomputed, definition, "
                                   "matches; consistency findings beside it. Counts: data/examples (synthetic).")
    p.add_argument("--targets", default=None, help="targets file (default: data/targets.csv)")
    p.add_argument("--counts", default=str(EXAMPLES_DIR), help="folder of count tables (default: data/examples)")
    p.add_argument("--out", default=None, help="write the reconciliation to this CSV")
    p.set_defaults(func=_cmd_reconcile)


def _cmd_reconcile(args) -> int:
    import sys

    from .cli import _print_table
    from .loaders import load_targets

    res = reconcile(load_targets(args.targets), args.counts, synthetic=Path(args.counts) == EXAMPLES_DIR)
    if args.out:
        res.to_csv(args.out, index=False, float_format="%.10g")
    show = res[["id", "label_vi", "reported", "recomputed", "matches"]].copy()
    show["reported"] = [format_number(v, decimals_of(v)) for v in show["reported"]]
    show["recomputed"] = [format_number(v, 2) if not math.isnan(v) else "–" for v in show["recomputed"]]
    _print_table(show)
    print(f"\n{int(res['matches'].sum())} of {len(res)} baselines reproduced; counts: {res['data'].iloc[0]}",
          file=sys.stderr)
    return 0
