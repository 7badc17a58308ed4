"""The indicator handbook: definition, formula, worked example and pitfalls, from the code itself.

Each entry is read from the indicator function's docstring (the formula in ``.. math::``, the
worked example in ``Examples``, the pitfalls, the references) and the catalogue rows that point
to it, so the handbook trainers use cannot drift from what the code computes. Formulas are
rendered to inline SVG by matplotlib's mathtext: no MathJax, no network.
"""
from __future__ import annotations

import inspect
import io
import re

import pandas as pd

from . import indicators
from .catalogue import indicator_catalogue

__all__ = ["handbook_entries", "formula_svg", "HANDBOOK_FUNCTIONS"]

HANDBOOK_FUNCTIONS = [
    "gross_enrolment_ratio", "net_enrolment_rate", "adjusted_net_enrolment_rate", "age_specific_enrolment_rate",
    "mobilisation_rate", "gross_intake_ratio", "net_intake_rate", "out_of_school_rate", "two_session_share",
    "flow_rates", "survival_rate", "effective_transition_rate", "graduate_transition_rate", "completion_by_age",
    "completion_rate", "graduation_rate", "pupil_teacher_ratio", "pupil_class_ratio", "teacher_norm", "teachers_required",
    "teacher_surplus_shortage", "qualification_status", "qualified_teacher_share", "evaluation_shares", "malnutrition_rate",
    "classify_universalization", "district_universalization", "national_standard_schools", "rate_table",
    "within_year_rates", "first_grade_completion_rate",
]


def _mathtext(latex: str) -> str:
    s = re.sub(r"\\text\{([^}]*)\}", lambda m: r"\mathrm{" + m.group(1).replace(" ", r"\ ") + "}", latex)
    s = re.sub(r"\\ge(?![a-z])", r"\\geq", s)
    s = re.sub(r"\\le(?![a-z])", r"\\leq", s)
    s = s.replace(r"\iff", r"\Leftrightarrow")
    s = s.replace(r"\big", "").replace(r"\Big", "").replace(r"\lceil", "[").replace(r"\rceil", "]")
    s = s.replace(r"\quad", r"\ \ \ ").replace(r"\qquad", r"\ \ \ \ \ \ ").replace(r"\\", " ")
    return s.strip().rstrip(",")


def formula_svg(latex: str, fontsize: int = 15) -> str:
    """Render a LaTeX formula to an inline SVG string (matplotlib mathtext; offline).

    >>> formula_svg(r"\\mathrm{GER} = 100 \\times \\frac{E}{P}").startswith("<svg")
    True
    """
    import matplotlib.pyplot as plt

    lines = [ln for ln in (x.strip() for x in latex.splitlines()) if ln]
    fig = plt.figure(figsize=(0.01, 0.01))
    for i, ln in enumerate(lines):
        fig.text(0, -0.5 * i, f"${_mathtext(ln)}$", fontsize=fontsize)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.05, transparent=True, metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def _section(doc: str, name: str) -> str:
    m = re.search(rf"^{name}\n-+\n(.*?)(?=^\w[\w ]*\n-+\n|\Z)", doc, flags=re.S | re.M)
    return m.group(1).strip() if m else ""


def handbook_entries() -> list[dict]:
    """One dict per indicator function: name, names, formula LaTeX, text, example, pitfalls, references.

    >>> e = {x["function"]: x for x in handbook_entries()}
    >>> e["net_enrolment_rate"]["codes"], "NER" in e["net_enrolment_rate"]["summary"]
    (['ner'], True)
    """
    cat = indicator_catalogue()
    out = []
    for fn in HANDBOOK_FUNCTIONS:
        f = getattr(indicators, fn)
        doc = inspect.cleandoc(f.__doc__ or "")
        summary = doc.split("\n\n")[0].replace("\n", " ")
        body = doc.split("\n\n", 1)[1] if "\n\n" in doc else ""
        math_re = r"\.\. math::[ \t]*(.*)\n((?:[ \t]*\n|[ \t]+.*\n?)*)"
        latex = [inspect.cleandoc((a + "\n" + b).strip()) for a, b in re.findall(math_re, doc + "\n")]
        pre = re.split(r"^(Parameters|Returns|References|Examples)\n-+\n", body, flags=re.M)[0]
        text = re.sub(math_re, "", pre + "\n").strip()
        text = re.sub(r":math:`([^`]*)`", r"`\1`", text).replace("``", "`")
        pitfalls = [p.strip() for p in re.split(r"\n\n", doc) if p.strip().startswith("Pitfall")]
        mod_doc = inspect.getmodule(f).__doc__ or ""
        pitfalls += [p.strip() for p in re.split(r"\n\n", mod_doc) if p.strip().startswith("Pitfall")]
        rows = cat[cat["function"] == fn]
        out.append(dict(function=fn, codes=rows["code"].tolist(), names_vi=rows["name_vi"].tolist(),
                        names_en=rows["name_en"].tolist(), sources=sorted(set(rows["source"])), summary=summary,
                        latex=latex, text=text, example=_section(doc, "Examples"),
                        references=_section(doc, "References"), pitfalls=list(dict.fromkeys(pitfalls))))
    return out


def handbook_table() -> pd.DataFrame:
    """The catalogue joined to the handbook: one row per indicator code (for the index table)."""
    cat = indicator_catalogue()
    return cat[["code", "name_vi", "name_en", "formula", "unit", "valid_range", "function", "source"]]
