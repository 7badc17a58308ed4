"""Projections from the system, not only the trend: cohort flow of pupils, stock-flow of teachers.

Scenarios are named, frozen objects a planner can compare side by side
(:func:`compare_scenarios`), not copied spreadsheets:

- :class:`EnrolmentScenario`: intake of 6-year-olds and promotion/repetition rates by grade,
  held or moved in a straight line towards scenario values by a given year;
  :func:`project_enrolment` yields enrolment by grade, classes at the class-size cap and
  teachers needed at the norms.
- :class:`TeacherScenario`: hiring, the share of hires already qualified, in-service upgrading
  and retirement; :func:`project_teacher_qualification` answers "will 95% of preschool
  teachers meet the standard by 2025?".
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .indicators._core import grades_of
from .indicators.teachers import CLASS_SIZE_CAPS, teacher_norm

__all__ = ["EnrolmentScenario", "TeacherScenario", "project_enrolment", "project_teacher_qualification",
           "compare_scenarios"]


@dataclass(frozen=True)
class EnrolmentScenario:
    """How a level's pupil flows evolve.

    ``intake_rate``: share (percent) of 6-year-olds (or the level's entry age) entering the first
    grade as new entrants; ``promotion``/``repetition``: percent by grade in the base year;
    ``promotion_target``/``repetition_target``: values reached by ``target_year`` (straight line
    from the base year; ``None`` holds the base rates); ``sessions``: 1 or 2 a day for the norms.
    """

    name: str
    intake_rate: float
    promotion: dict
    repetition: dict
    promotion_target: dict | None = None
    repetition_target: dict | None = None
    target_year: int | None = None
    sessions: int = 2
    description: str = ""


@dataclass(frozen=True)
class TeacherScenario:
    """How the stock of teachers and their qualification evolve, per year.

    ``hires``: teachers recruited a year; ``hires_qualified``: percent of hires who already meet
    the standard; ``upgrading``: percent of not-yet-qualified teachers completing an in-service
    degree each year (Nghị định 71/2020/NĐ-CP roadmap); ``retirement``: percent of each stock
    leaving a year.
    """

    name: str
    hires: float
    hires_qualified: float = 100.0
    upgrading: float = 0.0
    retirement: float = 3.0
    description: str = ""


def _rate_path(base: dict, target: dict | None, year0: int, target_year: int | None, year: int) -> dict:
    if not target or target_year is None or year >= target_year:
        return dict(target) if target and target_year is not None and year >= target_year else dict(base)
    f = (year - year0) / (target_year - year0)
    return {g: base[g] + f * (target.get(g, base[g]) - base[g]) for g in base}


def project_enrolment(base_enrolment: pd.DataFrame, entry_population: pd.DataFrame, level: str,
                      scenario: EnrolmentScenario, end_year: int) -> pd.DataFrame:
    """Grade-by-grade cohort flow: enrolment, classes at the cap and teachers at the norms.

    With promotion :math:`p_g`, repetition :math:`r_g` (fractions) and new entrants
    :math:`N_{t+1} = \\text{intake} \\times P_{a,t+1}`:

    .. math::

        E_{1,t+1} = N_{t+1} + r_1 E_{1,t},\\qquad
        E_{g,t+1} = p_{g-1} E_{g-1,t} + r_g E_{g,t}\\quad (g > 1)

    Classes per grade are :math:`\\lceil E_g / \\text{cap} \\rceil` (primary 35, secondary 45);
    teachers needed are classes × the norm for the scenario's sessions a day.

    Parameters
    ----------
    base_enrolment : DataFrame
        ``grade, enrolment`` for the base year (one locality), with a ``year`` column.
    entry_population : DataFrame
        ``year, population``: children of the entry age (6 for primary) in each projected year.

    Returns
    -------
    DataFrame
        ``scenario, year, grade, enrolment, classes, teachers_needed`` (grade ``"all"`` rows
        carry the level totals).

    References
    ----------
    UNESCO UIS reconstructed-cohort flows; Thông tư 16/2017/TT-BGDĐT (norms); class caps from
    the school charters (Điều lệ trường).

    Examples
    --------
    >>> base = pd.DataFrame({"year": 2022, "grade": [1, 2, 3, 4, 5], "enrolment": [100, 98, 97, 96, 95]})
    >>> pop6 = pd.DataFrame({"year": [2023, 2024], "population": [100, 90]})
    >>> sc = EnrolmentScenario("giữ nguyên", intake_rate=100, promotion={g: 97 for g in range(1, 6)},
    ...                        repetition={g: 2 for g in range(1, 6)})
    >>> out = project_enrolment(base, pop6, "primary", sc, 2024)
    >>> out[(out["grade"] == "all")][["year", "enrolment", "classes", "teachers_needed"]].round(1).to_dict("records")
    [{'year': 2022, 'enrolment': 486.0, 'classes': 15, 'teachers_needed': 22.5}, {'year': 2023, 'enrolment': 489.0, 'classes': 15, 'teachers_needed': 22.5}, {'year': 2024, 'enrolment': 481.9, 'classes': 15, 'teachers_needed': 22.5}]
    """
    lo, hi = grades_of(level)
    grades = list(range(lo, hi + 1))
    year0 = int(base_enrolment["year"].iloc[0])
    E = {int(g): float(e) for g, e in zip(base_enrolment["grade"], base_enrolment["enrolment"])}
    missing = [g for g in grades if g not in E]
    if missing:
        raise ValueError(f"base_enrolment lacks grades {missing} of {level}")
    pop = dict(zip(entry_population["year"].astype(int), entry_population["population"].astype(float)))
    cap = CLASS_SIZE_CAPS[level]
    norm = teacher_norm(level, scenario.sessions)
    rows = []

    def emit(year, E):
        classes = {g: math.ceil(E[g] / cap - 1e-9) for g in grades}
        for g in grades:
            rows.append(dict(scenario=scenario.name, year=year, grade=g, enrolment=E[g], classes=classes[g],
                             teachers_needed=classes[g] * norm))
        tot_classes = sum(classes.values())
        rows.append(dict(scenario=scenario.name, year=year, grade="all", enrolment=sum(E.values()),
                         classes=tot_classes, teachers_needed=tot_classes * norm))

    emit(year0, E)
    for year in range(year0 + 1, end_year + 1):
        if year not in pop:
            raise ValueError(f"entry_population has no population for {year}")
        p = _rate_path(scenario.promotion, scenario.promotion_target, year0, scenario.target_year, year - 1)
        r = _rate_path(scenario.repetition, scenario.repetition_target, year0, scenario.target_year, year - 1)
        new = {grades[0]: scenario.intake_rate / 100 * pop[year] + r[grades[0]] / 100 * E[grades[0]]}
        for g in grades[1:]:
            new[g] = p[g - 1] / 100 * E[g - 1] + r[g] / 100 * E[g]
        E = new
        emit(year, E)
    return pd.DataFrame(rows)


def project_teacher_qualification(qualified: float, not_qualified: float, start_year: int, end_year: int,
                                  scenario: TeacherScenario) -> pd.DataFrame:
    """Stock-flow of qualified and not-yet-qualified teachers, and the share meeting the standard.

    .. math::

        Q_{t+1} = Q_t(1-\\rho) + u\\,U_t + s\\,H,\\qquad
        U_{t+1} = U_t(1-\\rho) - u\\,U_t + (1-s)\\,H

    with retirement :math:`\\rho`, upgrading :math:`u`, hires :math:`H` of which a share
    :math:`s` is qualified. Share :math:`= 100\\,Q/(Q+U)`.

    References
    ----------
    Luật Giáo dục 2019, Điều 72; Nghị định 71/2020/NĐ-CP (lộ trình nâng trình độ chuẩn).

    Examples
    --------
    Lạc Sơn's "95% giáo viên mầm non đạt chuẩn" by 2025, from 340 qualified and 60 not in 2022,
    hiring 15 qualified teachers a year, 20% of the others upgrading a year, 3% retiring:

    >>> sc = TeacherScenario("kế hoạch", hires=15, hires_qualified=100, upgrading=20, retirement=3)
    >>> out = project_teacher_qualification(340, 60, 2022, 2025, sc)
    >>> out[["year", "qualified", "not_qualified", "share_qualified"]].round(1).to_dict("records")[-1]
    {'year': 2025, 'qualified': 381.3, 'not_qualified': 27.4, 'share_qualified': 93.3}

    93,3% in 2025: the 95% target is missed under this scenario (the first year's step, worked by
    hand: Q = 340 × 0,97 + 0,2 × 60 + 15 = 356,8; U = 60 × 0,97 − 12 = 46,2).
    """
    rho, u, s, H = scenario.retirement / 100, scenario.upgrading / 100, scenario.hires_qualified / 100, scenario.hires
    Q, U = float(qualified), float(not_qualified)
    rows = [dict(scenario=scenario.name, year=start_year, qualified=Q, not_qualified=U)]
    for year in range(start_year + 1, end_year + 1):
        Q, U = Q * (1 - rho) + u * U + s * H, U * (1 - rho) - u * U + (1 - s) * H
        rows.append(dict(scenario=scenario.name, year=year, qualified=Q, not_qualified=U))
    out = pd.DataFrame(rows)
    out["total"] = out["qualified"] + out["not_qualified"]
    out["share_qualified"] = 100 * out["qualified"] / out["total"]
    return out


def compare_scenarios(run, scenarios, **kwargs) -> pd.DataFrame:
    """Run one projection under several named scenarios and stack the results (long table).

    >>> scs = [TeacherScenario("chậm", hires=10, upgrading=10), TeacherScenario("nhanh", hires=20, upgrading=30)]
    >>> out = compare_scenarios(project_teacher_qualification, scs, qualified=340, not_qualified=60,
    ...                         start_year=2022, end_year=2025)
    >>> out[out["year"] == 2025].set_index("scenario")["share_qualified"].round(1).to_dict()
    {'chậm': 90.0, 'nhanh': 95.7}
    """
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must be unique: {names}")
    return pd.concat([run(scenario=s, **kwargs) for s in scenarios], ignore_index=True)
