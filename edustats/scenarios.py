"""Planning scenarios a planner can act on: pupils, classes and teachers year by year.

Two questions: *how many classes and teachers will we need by 2025 or 2030*, and *will 95% of
our preschool teachers meet the standard by 2025*. Scenarios are named, frozen objects compared
side by side (:func:`compare_scenarios`):

- :class:`EnrolmentScenario`: intake (primary: share of the entry-age population; secondary: the
  transition rate from the previous level's graduates), promotion and repetition by grade, in
  percent, held or moved in a straight line to target values by a target year; intake may move
  over time (``{year: rate}``).
- :class:`PreschoolScenario`: participation by single year of age (0-5).
- :class:`SystemScenario`: the levels linked (:func:`project_system`): entry cohorts aged from the
  single-age population (:func:`age_population`), lower- and upper-secondary entrants from the
  transition rate, dropouts and graduates as outputs.
- :class:`TeacherScenario`: teacher stock-flow by qualification (:func:`project_teacher_stock`):
  retirements by state, hires and their qualification, upgrading through an "in training" state,
  and the group Nghị định 71/2020 exempts (Điều 2); :func:`qualification_outlook` sets the
  decree's 2025 milestone beside the local target, separately.
- :func:`need_from_projection` and :func:`need_vs_supply`: classes and teachers needed at the
  norms in force each year (counted per school; on a locality's total only as a labelled lower
  bound), against the teachers in post, shortage and surplus per level and per commune, never
  netted.

Every input is validated before anything is computed: one :class:`~edustats.errors.DataError`
lists every problem, Vietnamese first, naming the table or scenario, the row and the value.
Rates are in percent; a scenario typed in fractions (promotion 0,97) is refused, or converted
with a notice when ``fractions="convert"``. Pupils and teachers are whole: flows out of a grade
are split by largest remainder so that pupils are conserved; products (entrants, preschool
enrolment, teacher flows) are rounded half up; classes and teachers needed are rounded **up**,
one way throughout.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .errors import raise_data_error as _raise_data_error
from .indicators._core import LEVEL_GRADES, check_table
from .indicators.teachers import (class_size_basis, nd71_roadmap, norms_regime, shortage_surplus_totals, teacher_norm,
                                  teachers_by_norm, teachers_needed_per_school)
from .vnformat import format_count, format_number

__all__ = ["EnrolmentScenario", "PreschoolScenario", "SystemScenario", "TeacherScenario", "apportion",
           "read_base_enrolment", "age_population", "project_enrolment", "project_system",
           "project_teacher_qualification", "project_teacher_stock", "qualification_outlook",
           "need_from_projection", "need_vs_supply", "teacher_balance", "compare_scenarios", "planning_section",
           "planning_applies"]

ENTRY_AGE = {"primary": 6, "lower-secondary": 11, "upper-secondary": 15}
PREVIOUS_LEVEL = {"lower-secondary": "primary", "upper-secondary": "lower-secondary"}
PRESCHOOL_AGES = {"nursery": (0, 2), "kindergarten": (3, 5)}
TEACHER_STATES = ["qualified", "upgraded", "in_training", "required", "exempt", "below_other"]
EXEMPT_GONE_BY = 2027  # Nghị định 71/2020 Điều 2: fewer than 7 years of service left on 1/7/2020


def raise_data_error(msg: str, records: list) -> None:
    """:func:`edustats.errors.raise_data_error`, with an absent value written as such (not ``nan``)."""
    _raise_data_error(msg, [{**r, "value": "(không có / none)" if r.get("value") is None else r["value"]}
                            for r in records])


def _round(x: float) -> int:
    """Round half up to a whole number (pupils, teachers)."""
    return int(math.floor(x + 0.5 + 1e-9))


def apportion(total: int, percents) -> list[int]:
    """Split ``total`` whole pupils (or teachers) by percentages, conserving the total (largest remainder).

    .. math:: n_i = \\lfloor N p_i / 100 \\rfloor + \\delta_i,\\qquad \\sum_i n_i = N

    with the leftover units :math:`\\delta_i \\in \\{0, 1\\}` given to the largest remainders (ties:
    the first share).

    Examples
    --------
    90 pupils promoted at 95%, repeating at 5%, leaving at 0%; 7 pupils split 50/50:

    >>> apportion(90, [95, 5, 0]), apportion(7, [50, 50, 0])
    ([86, 4, 0], [4, 3, 0])
    """
    total = int(total)
    exact = [total * p / 100.0 for p in percents]
    base = [int(math.floor(e + 1e-9)) for e in exact]
    left = total - sum(base)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - base[i]), i))
    for i in order[:max(left, 0)]:
        base[i] += 1
    return base


# ---------------------------------------------------------------- scenarios and their validation
@dataclass(frozen=True)
class EnrolmentScenario:
    """How a level's pupil flows evolve (all rates in percent).

    ``intake_rate``: primary, new entrants as a share of the entry-age (6) population; lower and
    upper secondary, the transition rate: entrants to the first grade as a share of the previous
    level's graduates of the year before. A number, or ``{year: rate}`` moving in a straight line
    between the years given and held outside them. ``promotion``/``repetition``: by grade, every
    grade of the level; ``promotion_target``/``repetition_target``: every grade again, reached
    by ``target_year`` in a straight line from the base year. ``sessions``: 1 or 2 a day (norms).
    ``fractions``: ``"refuse"`` a scenario typed in fractions (promotion all ≤ 1) or
    ``"convert"`` it to percent with a notice.
    """

    name: str
    intake_rate: float | dict
    promotion: dict
    repetition: dict
    promotion_target: dict | None = None
    repetition_target: dict | None = None
    target_year: int | None = None
    sessions: int = 2
    description: str = ""
    fractions: str = "refuse"


@dataclass(frozen=True)
class PreschoolScenario:
    """Preschool participation (percent of each single-year age group 0-5 enrolled), held or moved to targets."""

    name: str
    participation: dict
    participation_target: dict | None = None
    target_year: int | None = None
    sessions: int = 2
    fractions: str = "refuse"


@dataclass(frozen=True)
class SystemScenario:
    """The levels linked: a primary scenario, and optionally lower/upper secondary and preschool."""

    name: str
    primary: EnrolmentScenario | None = None
    lower_secondary: EnrolmentScenario | None = None
    upper_secondary: EnrolmentScenario | None = None
    preschool: PreschoolScenario | None = None
    description: str = ""


@dataclass(frozen=True)
class TeacherScenario:
    """How the stock of teachers and their qualification evolve, per year (rates in percent).

    ``hires``: teachers recruited a year (a number, ``{year: n}``, or ``"need"``: as many as the
    need from classes exceeds the stock, at most ``max_hires``); ``hires_qualified``: percent of
    hires meeting the standard; ``upgrading``: percent of the teachers Nghị định 71/2020 requires
    to upgrade (not yet in training) who start training each year; ``training_years``: years from
    starting to the degree (1: qualified the next year); ``retirement``: percent of each stock
    leaving a year, one number or ``{state: percent}`` (states ``qualified``, ``upgraded``,
    ``in_training``, ``required``, ``exempt``, ``below_other``); the exempt group, whose members all
    had fewer than 7 years of service left on 1/7/2020, leaves evenly by 2027 unless a rate is given.
    All rates are percent; ``hires_qualified`` ≤ 1 is read as a fraction (refused, or converted with
    ``fractions="convert"``). Small upgrading or retirement rates (0,5%) are legitimate and cannot
    be told from fractions: check them.
    """

    name: str
    hires: float | dict | str = 0.0
    hires_qualified: float = 100.0
    upgrading: float = 0.0
    retirement: float | dict = 3.0
    training_years: int = 1
    max_hires: float | None = None
    description: str = ""
    fractions: str = "refuse"


def _where(kind: str, name: str) -> str:
    return f"kịch bản / scenario '{name}' ({kind})"


def _num(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _check_pct(problems, where, column, value, hi=100.0):
    f = _num(value)
    if f is None or f < 0 or f > hi:
        problems.append(dict(file=where, row=None, column=column, value=value,
                             expected=f"tỷ lệ phần trăm từ 0 đến {format_number(hi, 0)} / a percent from 0 to "
                                      f"{format_number(hi, 0)}"))
        return None
    return f


def _check_grades(problems, where, column, rates, grades):
    if not isinstance(rates, dict):
        problems.append(dict(file=where, row=None, column=column, value=rates,
                             expected=f"một bảng theo lớp {{lớp: %}} cho các lớp {grades[0]}–{grades[-1]} / "
                                      f"a {{grade: percent}} mapping"))
        return {}
    keys = {}
    for k in rates:
        try:
            keys[int(k)] = rates[k]
        except (TypeError, ValueError):
            problems.append(dict(file=where, row=None, column=column, value=k, expected="một lớp (số) / a grade"))
    missing = [g for g in grades if g not in keys]
    extra = sorted(g for g in keys if g not in grades)
    if missing:
        problems.append(dict(file=where, row=None, column=column, value=None,
                             expected=f"thiếu lớp {', '.join(map(str, missing))}: cần đủ các lớp {grades[0]}–{grades[-1]} "
                                      f"/ missing grades {missing}: every grade {grades[0]}-{grades[-1]} is needed"))
    if extra:
        problems.append(dict(file=where, row=None, column=column, value=extra,
                             expected=f"chỉ các lớp {grades[0]}–{grades[-1]} / only grades {grades[0]}-{grades[-1]}"))
    out = {}
    for g in grades:
        if g in keys:
            out[g] = _check_pct(problems, where, f"{column}, lớp/grade {g}", keys[g])
    return out


def _fraction_notice(where: str, what: str) -> str:
    return (f"{where}: {what} đã được nhập dạng phân số (≤ 1) và được đổi sang phần trăm (× 100) / "
            f"{what} typed as fractions (≤ 1) were converted to percent (× 100)")


def _scale(d, k):
    if d is None:
        return None
    if isinstance(d, dict):
        return {g: (v * k if _num(v) is not None else v) for g, v in d.items()}
    return d * k if _num(d) is not None else d


def _looks_fractional(values) -> bool:
    vals = [_num(v) for v in values]
    vals = [v for v in vals if v is not None]
    return bool(vals) and all(v <= 1.0 for v in vals) and any(v > 0 for v in vals)


def _validate_enrolment_scenario(sc: EnrolmentScenario, level: str, base_year: int, notices: list):
    where = _where(level, sc.name)
    problems = []
    if not isinstance(sc, EnrolmentScenario):
        raise TypeError(f"{level}: expected an EnrolmentScenario, got {type(sc).__name__}")
    if sc.fractions not in ("refuse", "convert"):
        problems.append(dict(file=where, row=None, column="fractions", value=sc.fractions,
                             expected="'refuse' hoặc 'convert' / 'refuse' or 'convert'"))
    intake_vals = list(sc.intake_rate.values()) if isinstance(sc.intake_rate, dict) else [sc.intake_rate]
    prom_vals = list(sc.promotion.values()) if isinstance(sc.promotion, dict) else []
    # a promotion rate ≤ 1% or an intake/transition rate ≤ 1% is not a planning scenario: it is a fraction
    frac_rates, frac_intake = _looks_fractional(prom_vals), _looks_fractional(intake_vals)
    if frac_rates or frac_intake:
        if sc.fractions == "convert":
            if frac_rates:
                notices.append(_fraction_notice(where, "promotion, repetition"))
                sc = replace(sc, promotion=_scale(sc.promotion, 100), repetition=_scale(sc.repetition, 100),
                             promotion_target=_scale(sc.promotion_target, 100),
                             repetition_target=_scale(sc.repetition_target, 100))
            if frac_intake:
                notices.append(_fraction_notice(where, "intake_rate"))
                sc = replace(sc, intake_rate=_scale(sc.intake_rate, 100))
        else:
            if frac_rates:
                problems.append(dict(file=where, row=None, column="promotion", value=prom_vals[:3],
                                     expected="tỷ lệ phần trăm (97, không phải 0,97); hoặc fractions='convert' / "
                                              "percent (97, not 0.97), or fractions='convert'"))
            if frac_intake:
                problems.append(dict(file=where, row=None, column="intake_rate", value=intake_vals[:3],
                                     expected="tỷ lệ phần trăm (98, không phải 0,98); hoặc fractions='convert' / "
                                              "percent (98, not 0.98), or fractions='convert'"))
            raise_data_error("kịch bản không hợp lệ / scenario is invalid", problems)
    lo, hi = LEVEL_GRADES[level]
    grades = list(range(lo, hi + 1))
    if isinstance(sc.intake_rate, dict):
        if not sc.intake_rate:
            problems.append(dict(file=where, row=None, column="intake_rate", value={},
                                 expected="ít nhất một năm / at least one year"))
        intake = {}
        for y, v in sc.intake_rate.items():
            yy = _num(y)
            if yy is None or yy != int(yy):
                problems.append(dict(file=where, row=None, column="intake_rate", value=y, expected="một năm / a year"))
                continue
            intake[int(yy)] = _check_pct(problems, where, f"intake_rate, năm/year {int(yy)}", v)
    else:
        intake = _check_pct(problems, where, "intake_rate", sc.intake_rate)
    p = _check_grades(problems, where, "promotion", sc.promotion, grades)
    r = _check_grades(problems, where, "repetition", sc.repetition, grades)
    pt = rt = None
    has_target = sc.promotion_target is not None or sc.repetition_target is not None
    if has_target and sc.target_year is None:
        problems.append(dict(file=where, row=None, column="target_year", value=None,
                             expected="năm đạt mục tiêu: mục tiêu không có năm bị từ chối / the year the targets are "
                                      "reached: a target without a year is refused"))
    if sc.target_year is not None and not has_target:
        problems.append(dict(file=where, row=None, column="target_year", value=sc.target_year,
                             expected="promotion_target hoặc repetition_target đi kèm năm / targets for that year"))
    if sc.target_year is not None and (_num(sc.target_year) is None or int(sc.target_year) <= base_year):
        problems.append(dict(file=where, row=None, column="target_year", value=sc.target_year,
                             expected=f"một năm sau năm gốc {base_year} / a year after the base year {base_year}"))
    if sc.promotion_target is not None:
        pt = _check_grades(problems, where, "promotion_target", sc.promotion_target, grades)
    if sc.repetition_target is not None:
        rt = _check_grades(problems, where, "repetition_target", sc.repetition_target, grades)
    for lab, pp, rr in (("", p, r), ("_target", pt or p, rt or r)):
        for g in grades:
            a, b = pp.get(g), rr.get(g)
            if a is not None and b is not None and a + b > 100 + 1e-9:
                problems.append(dict(file=where, row=None, column=f"promotion{lab} + repetition{lab}, lớp/grade {g}",
                                     value=f"{format_number(a, 1, trim=True)} + {format_number(b, 1, trim=True)}",
                                     expected="tổng ≤ 100: một học sinh không thể vừa lên lớp vừa lưu ban / at most "
                                              "100 (a pupil cannot both be promoted and repeat)"))
    if sc.sessions not in (1, 2):
        problems.append(dict(file=where, row=None, column="sessions", value=sc.sessions, expected="1 hoặc 2 / 1 or 2"))
    raise_data_error("kịch bản không hợp lệ / scenario is invalid", problems)
    return dict(name=sc.name, intake=intake, p=p, r=r, pt=pt, rt=rt,
                target_year=None if sc.target_year is None else int(sc.target_year), sessions=sc.sessions)


def _path(base: dict, target: dict | None, year0: int, target_year: int | None, year: int) -> dict:
    if not target or target_year is None:
        return dict(base)
    f = min(max((year - year0) / (target_year - year0), 0.0), 1.0)
    return {g: base[g] + f * (target[g] - base[g]) for g in base}


def _intake_at(intake, year: int) -> float:
    if not isinstance(intake, dict):
        return intake
    ys = sorted(intake)
    if year <= ys[0]:
        return intake[ys[0]]
    if year >= ys[-1]:
        return intake[ys[-1]]
    for a, b in zip(ys, ys[1:]):
        if a <= year <= b:
            return intake[a] + (year - a) / (b - a) * (intake[b] - intake[a])
    return intake[ys[-1]]


# ---------------------------------------------------------------- inputs
def read_base_enrolment(enrolment: pd.DataFrame, level: str, year: int | None = None,
                        locality: str | None = None, name: str = "base_enrolment") -> pd.DataFrame:
    """Base-year enrolment by grade, summed over ages, kept apart by locality; every problem refused.

    Accepts the package's enrolment format (``locality, year, level, grade, age, enrolment``, one
    row per grade and age) or a plain ``grade, enrolment`` table with a ``year``. Rows of other
    levels are left out by the ``level`` column; without it a grade outside the level is refused.
    Several years: choose one with ``year``. Several localities: each is kept apart (or choose one).

    Returns
    -------
    DataFrame
        ``locality, year, grade, enrolment`` (whole pupils), sorted.

    Examples
    --------
    500 pupils given by grade and age are read as 500, not as the last row of each grade:

    >>> e = pd.DataFrame({"locality": "A", "year": 2022, "level": "primary", "grade": [1, 1, 2, 2, 3, 4, 5],
    ...                   "age": [6, 7, 7, 8, 8, 9, 10], "enrolment": [90, 10, 95, 5, 100, 100, 100]})
    >>> b = read_base_enrolment(e, "primary")
    >>> int(b["enrolment"].sum()), b["enrolment"].tolist()
    (500, [100, 100, 100, 100, 100])
    """
    if level not in LEVEL_GRADES:
        raise_data_error("cấp học không có lớp / level without grades", [dict(
            file=name, row=None, column="level", value=level,
            expected="primary, lower-secondary hoặc upper-secondary (mầm non: PreschoolScenario theo độ tuổi) / "
                     "a general level (preschool: PreschoolScenario by age)")])
    lo, hi = LEVEL_GRADES[level]
    e = check_table(enrolment, name, required=["grade", "enrolment"], counts=["enrolment", "grade"])
    problems = []
    if "year" not in e.columns:
        if year is None:
            raise_data_error(f"{name}: thiếu năm gốc / no base year", [dict(
                file=name, row=None, column="year", value=None,
                expected="một cột 'year' hoặc tham số year= / a 'year' column or year=")])
        e["year"] = int(year)
    if "locality" not in e.columns:
        e["locality"] = locality or ""
    e["_row"] = np.arange(len(e)) + 2
    for i, r in e.iterrows():
        if r["enrolment"] != int(r["enrolment"]):
            problems.append(dict(file=name, row=r["_row"], column="enrolment", value=r["enrolment"],
                                 expected="số học sinh nguyên / a whole number of pupils"))
    if "level" in e.columns:
        e = e[e["level"] == level]
        if e.empty:
            problems.append(dict(file=name, row=None, column="level", value=level,
                                 expected=f"các dòng của cấp {level} / rows of level {level}"))
    bad = e[(e["grade"] < lo) | (e["grade"] > hi)]
    for _, r in bad.iterrows():
        problems.append(dict(file=name, row=r["_row"], column="grade", value=int(r["grade"]),
                             expected=f"lớp {lo}–{hi} của cấp {level} (lọc bảng hoặc thêm cột 'level') / a grade of "
                                      f"{level} ({lo}-{hi}); filter the table or add a 'level' column"))
    raise_data_error(f"{name} không hợp lệ / {name} is invalid", problems)
    years = sorted(e["year"].astype(int).unique())
    if year is not None:
        if int(year) not in years:
            raise_data_error(f"{name}: không có năm {year} / no year {year}", [dict(
                file=name, row=None, column="year", value=int(year), expected=f"một trong / one of {years}")])
        e = e[e["year"].astype(int) == int(year)]
    elif len(years) > 1:
        raise_data_error(f"{name}: nhiều năm / several years", [dict(
            file=name, row=None, column="year", value=years,
            expected=f"một năm gốc: chọn bằng year= (gần nhất: {years[-1]}) / one base year: choose with year= "
                     f"(latest: {years[-1]})")])
    if locality is not None:
        if locality not in set(e["locality"]):
            raise_data_error(f"{name}: không có địa bàn / no such locality", [dict(
                file=name, row=None, column="locality", value=locality,
                expected=f"một trong / one of {sorted(set(e['locality']))}")])
        e = e[e["locality"] == locality]
    out = e.groupby(["locality", "year", "grade"], as_index=False)["enrolment"].sum()
    out["year"] = out["year"].astype(int)
    out["grade"] = out["grade"].astype(int)
    out["enrolment"] = out["enrolment"].astype(int)
    for loc, g in out.groupby("locality"):
        missing = [x for x in range(lo, hi + 1) if x not in set(g["grade"])]
        if missing:
            problems.append(dict(file=name, row=None, column="grade", value=loc or None,
                                 expected=f"đủ các lớp {lo}–{hi}; thiếu lớp {', '.join(map(str, missing))} / every grade "
                                          f"of {level}; missing {missing}"))
    raise_data_error(f"{name} thiếu lớp / {name} lacks grades", problems)
    return out.sort_values(["locality", "grade"]).reset_index(drop=True)


def age_population(population: pd.DataFrame, end_year: int, base_year: int | None = None,
                   name: str = "population") -> pd.DataFrame:
    """Single-age population carried forward by ageing each cohort, from the latest year held.

    .. math:: P_{a,\\,t_0+k} = P_{a-k,\\,t_0}\\quad (a \\ge k),\\qquad P_{a,\\,t_0+k} = P_{0,\\,t_0}\\quad (a < k)

    No mortality or migration; children not yet born in the base year are taken as many as the
    base year's age 0 (an assumption, said so in ``source``). Years already in the table are kept.

    Examples
    --------
    >>> p = pd.DataFrame({"locality": "A", "year": 2021, "age": [0, 1, 2, 3, 4, 5, 6], "population": [80, 85, 90, 95, 100, 105, 110]})
    >>> a = age_population(p, 2024)
    >>> a[a["age"] == 6][["year", "population", "source"]].to_dict("records")
    [{'year': 2021, 'population': 110, 'source': 'observed'}, {'year': 2022, 'population': 105, 'source': 'aged cohort'}, {'year': 2023, 'population': 100, 'source': 'aged cohort'}, {'year': 2024, 'population': 95, 'source': 'aged cohort'}]
    """
    p = check_table(population, name, required=["year", "age", "population"], counts=["population", "age"])
    if "locality" not in p.columns:
        p["locality"] = ""
    p["year"] = p["year"].astype(int)
    p["age"] = p["age"].astype(int)
    dup = p[p.duplicated(["locality", "year", "age"], keep=False)]
    raise_data_error(f"{name} trùng dòng / {name} has duplicated rows", [
        dict(file=name, row=i + 2, column="age", value=r["age"],
             expected=f"một dòng cho mỗi địa bàn, năm, tuổi / one row per locality, year, age ({r['locality']}, {r['year']})")
        for i, r in dup.iterrows()])
    out = [p.assign(source="observed")[["locality", "year", "age", "population", "source"]]]
    for loc, g in p.groupby("locality"):
        y0 = int(base_year if base_year is not None else g["year"].max())
        b = g[g["year"] == y0].set_index("age")["population"]
        if b.empty:
            raise_data_error(f"{name}: không có năm {y0} / no year {y0}", [dict(
                file=name, row=None, column="year", value=y0, expected=f"dân số theo độ tuổi năm {y0} / {loc}")])
        ages = range(0, int(b.index.max()) + 1)
        missing = [a for a in ages if a not in b.index]
        raise_data_error(f"{name} thiếu độ tuổi / {name} lacks ages", [dict(
            file=name, row=None, column="age", value=missing, expected=f"mọi độ tuổi 0–{max(ages)} năm {y0} ({loc})")]
            if missing else [])
        have = set(g["year"])
        for y in range(y0 + 1, int(end_year) + 1):
            if y in have:
                continue
            k = y - y0
            out.append(pd.DataFrame({"locality": loc, "year": y, "age": list(ages),
                                     "population": [int(b[a - k]) if a - k >= 0 else int(b[0]) for a in ages],
                                     "source": ["aged cohort" if a - k >= 0 else "assumed = age 0 of base year"
                                                for a in ages]}))
    res = pd.concat(out, ignore_index=True)
    res["population"] = res["population"].astype(int)
    return res.sort_values(["locality", "age", "year"]).reset_index(drop=True)


# ---------------------------------------------------------------- projections
def _flows(E: dict, p: dict, r: dict, grades: list) -> dict:
    out = {}
    for g in grades:
        prom, rep, left = apportion(E[g], [p[g], r[g], 100 - p[g] - r[g]])
        out[g] = (prom, rep, left)
    return out


def _level_rows(scn, loc, year, level, E, flows, entrants, repeaters, grades):
    rows = []
    for g in grades:
        prom, rep, left = flows[g]
        last = g == grades[-1]
        rows.append(dict(scenario=scn, locality=loc, year=year, level=level, grade=g, enrolment=E[g],
                         entrants=entrants if g == grades[0] else np.nan,
                         repeaters=repeaters.get(g, np.nan), promoted=0 if last else prom, dropouts=left,
                         graduates=prom if last else 0))
    return rows


def project_enrolment(base_enrolment: pd.DataFrame, entry_population: pd.DataFrame, level: str,
                      scenario: EnrolmentScenario, end_year: int, year: int | None = None,
                      locality: str | None = None, region: int = 3) -> pd.DataFrame:
    """Grade-by-grade cohort flow of one level in whole pupils, with dropouts and graduates.

    With promotion :math:`p_g`, repetition :math:`r_g` (percent) and new entrants :math:`N_{t+1}`:

    .. math::

        E_{1,t+1} = N_{t+1} + R_{1,t},\\qquad E_{g,t+1} = P_{g-1,t} + R_{g,t}\\quad (g > 1)

    where :math:`(P_{g,t}, R_{g,t}, D_{g,t})` split :math:`E_{g,t}` by :math:`(p_g, r_g, 100-p_g-r_g)`
    in whole pupils (:func:`apportion`); promotion out of the last grade is graduation. Primary
    entrants :math:`N_{t+1} = \\text{intake}_{t+1} \\times P_{6,t+1}` from ``entry_population``
    (``year, population``, or the package's single-age table with ``age``); secondary entrants are
    the transition rate × ``completers`` (``year`` of entry, ``completers``: the previous level's
    graduates who could enter that year) — or use :func:`project_system`, which links the levels.

    ``classes_lower_bound`` counts classes on the locality's total: a lower bound only (classes
    are counted per school: :func:`need_from_projection` with a school table).
    ``teachers_estimate`` ("ước tính") is those classes at the norm (a maximum, "tối đa"): not a
    bound, since from 16/12/2023 the allotment of Thông tư 20/2023 (each school's pupils over the
    regional average, plus the pupils left over) is computed per school by
    :func:`need_from_projection` and can differ from it either way.

    Returns
    -------
    DataFrame
        ``scenario, locality, year, grade, enrolment, entrants, repeaters, promoted, dropouts,
        graduates, classes_lower_bound, teachers_estimate``; grade ``"all"`` rows hold the totals.

    References
    ----------
    UNESCO UIS reconstructed-cohort flows; norms: :func:`edustats.indicators.teacher_norm`.

    Examples
    --------
    >>> base = pd.DataFrame({"year": 2022, "grade": [1, 2, 3, 4, 5], "enrolment": [100, 98, 97, 96, 95]})
    >>> pop6 = pd.DataFrame({"year": [2023, 2024], "population": [100, 90]})
    >>> sc = EnrolmentScenario("giữ nguyên", intake_rate=100, promotion={g: 97 for g in range(1, 6)},
    ...                        repetition={g: 2 for g in range(1, 6)})
    >>> out = project_enrolment(base, pop6, "primary", sc, 2024)
    >>> out[out["grade"] == "all"][["year", "enrolment", "dropouts", "graduates"]].to_dict("records")
    [{'year': 2022, 'enrolment': 486, 'dropouts': 5, 'graduates': 92}, {'year': 2023, 'enrolment': 489, 'dropouts': 5, 'graduates': 92}, {'year': 2024, 'enrolment': 482, 'dropouts': 5, 'graduates': 92}]

    Worked by hand for 2022: grade 2's 98 pupils split 97/2/1 give 95,06 / 1,96 / 0,98, floors
    95 / 1 / 0 and the two pupils left go to the largest remainders: 95 promoted, 2 repeat, 1 leaves.
    """
    base = read_base_enrolment(base_enrolment, level, year=year, locality=locality)
    year0 = int(base["year"].iloc[0])
    notices: list[str] = []
    v = _validate_enrolment_scenario(scenario, level, year0, notices)
    lo, hi = LEVEL_GRADES[level]
    grades = list(range(lo, hi + 1))
    ep = check_table(entry_population, "entry_population", required=["year"])
    col = "population" if level == "primary" else "completers"
    if col not in ep.columns:
        raise_data_error("entry_population không hợp lệ / entry_population is invalid", [dict(
            file="entry_population", row=None, column=col, value=None,
            expected=("dân số độ tuổi 6 theo năm / the age-6 population by year" if level == "primary" else
                      "số học sinh hoàn thành cấp dưới (không phải dân số độ tuổi): lớp 6/10 nhận học sinh chuyển cấp "
                      "/ completers of the previous level (not the entry-age population); or use project_system"))])
    ep = check_table(ep, "entry_population", required=["year", col], counts=[col])
    if "age" in ep.columns:
        ep = ep[ep["age"] == ENTRY_AGE[level]]
    if "locality" not in ep.columns:
        ep = ep.assign(locality=None)
    rows = []
    for loc, b in base.groupby("locality", sort=True):
        src = ep[(ep["locality"] == loc) | ep["locality"].isna()]
        pop = dict(zip(src["year"].astype(int), src[col]))
        missing = [y for y in range(year0 + 1, end_year + 1) if y not in pop]
        raise_data_error("entry_population thiếu năm / entry_population lacks years", [dict(
            file="entry_population", row=None, column="year", value=missing,
            expected=f"mỗi năm {year0 + 1}–{end_year}{' (' + loc + ')' if loc else ''} / every projected year")]
            if missing else [])
        E = dict(zip(b["grade"], b["enrolment"]))
        entrants, repeaters = np.nan, {}
        for t in range(year0, end_year + 1):
            p = _path(v["p"], v["pt"], year0, v["target_year"], t)
            r = _path(v["r"], v["rt"], year0, v["target_year"], t)
            fl = _flows(E, p, r, grades)
            rows += _level_rows(scenario.name, loc, t, level, E, fl, entrants, repeaters, grades)
            if t == end_year:
                break
            entrants = _round(_intake_at(v["intake"], t + 1) / 100 * float(pop[t + 1]))
            repeaters = {g: fl[g][1] for g in grades}
            E = {grades[0]: entrants + fl[grades[0]][1],
                 **{g: fl[g - 1][0] + fl[g][1] for g in grades[1:]}}
    out = pd.DataFrame(rows)
    out["classes_lower_bound"] = [math.ceil(e / class_size_basis(level, region, int(y)))
                                  for e, y in zip(out["enrolment"], out["year"])]
    tot = out.groupby(["scenario", "locality", "year"], as_index=False)[
        ["enrolment", "entrants", "repeaters", "promoted", "dropouts", "graduates", "classes_lower_bound"]].sum(min_count=1)
    tot["grade"] = "all"
    out = pd.concat([out, tot], ignore_index=True)
    out["teachers_estimate"] = [math.ceil(round(c * teacher_norm(level, v["sessions"], date=int(y)), 9))
                                for c, y in zip(out["classes_lower_bound"], out["year"])]
    out.attrs["teachers_estimate"] = "ước tính, không phải cận dưới; định mức tối đa / an estimate, not a bound; norms are maxima"
    out["_o"] = out["grade"].map(lambda g: 99 if g == "all" else g)
    out = out.sort_values(["scenario", "locality", "year", "_o"]).drop(columns=["_o", "level"]).reset_index(drop=True)
    out.attrs["notices"] = notices
    for n in notices:
        warnings.warn(n, stacklevel=2)
    return out


def _validate_preschool(sc: PreschoolScenario, base_year: int, notices: list):
    where = _where("preschool", sc.name)
    problems = []
    if _looks_fractional(list((sc.participation or {}).values())) and max(
            _num(x) or 0 for x in sc.participation.values()) <= 1:
        if sc.fractions == "convert":
            notices.append(_fraction_notice(where, "tỷ lệ huy động / participation"))
            sc = replace(sc, participation=_scale(sc.participation, 100),
                         participation_target=_scale(sc.participation_target, 100), fractions="refuse")
        else:
            raise_data_error("kịch bản không hợp lệ / scenario is invalid", [dict(
                file=where, row=None, column="participation", value=list(sc.participation.values())[:3],
                expected="tỷ lệ phần trăm (85, không phải 0,85); hoặc fractions='convert' / percent, or "
                         "fractions='convert'")])
    ages = list(range(0, 6))
    part = {}
    for a in ages:
        if a not in sc.participation:
            problems.append(dict(file=where, row=None, column="participation", value=None,
                                 expected=f"tỷ lệ huy động cho mọi tuổi 0–5; thiếu tuổi {a} / every age 0-5"))
        else:
            part[a] = _check_pct(problems, where, f"participation, tuổi/age {a}", sc.participation[a])
    tgt = None
    if sc.participation_target is not None:
        tgt = {}
        if sc.target_year is None:
            problems.append(dict(file=where, row=None, column="target_year", value=None,
                                 expected="năm đạt mục tiêu / the year the target is reached"))
        for a in ages:
            if a not in sc.participation_target:
                problems.append(dict(file=where, row=None, column="participation_target", value=None,
                                     expected=f"mục tiêu cho mọi tuổi 0–5; thiếu tuổi {a} / a target for every age"))
            else:
                tgt[a] = _check_pct(problems, where, f"participation_target, tuổi/age {a}", sc.participation_target[a])
    if sc.target_year is not None and int(sc.target_year) <= base_year:
        problems.append(dict(file=where, row=None, column="target_year", value=sc.target_year,
                             expected=f"một năm sau năm gốc {base_year} / a year after the base year"))
    raise_data_error("kịch bản không hợp lệ / scenario is invalid", problems)
    return dict(part=part, tgt=tgt, target_year=sc.target_year, sessions=sc.sessions)


def project_system(base_enrolment: pd.DataFrame, population: pd.DataFrame, scenario: SystemScenario,
                   end_year: int, year: int | None = None, locality: str | None = None) -> pd.DataFrame:
    """The levels linked, year by year: preschool, primary, lower and upper secondary, in whole pupils.

    .. math::

        N^{\\text{TH}}_{t+1} = i_{t+1} P_{6,t+1},\\qquad
        N^{\\text{THCS}}_{t+1} = \\tau^{\\text{THCS}}_{t+1}\\, G^{\\text{TH}}_{t},\\qquad
        N^{\\text{THPT}}_{t+1} = \\tau^{\\text{THPT}}_{t+1}\\, G^{\\text{THCS}}_{t},\\qquad
        E^{\\text{MN}}_{a,t} = m_{a,t} P_{a,t}

    with :math:`P_{a,t}` the single-age population aged forward (:func:`age_population`),
    :math:`G` the graduates of the level below, :math:`\\tau` the transition rate (the secondary
    scenarios' ``intake_rate``) and :math:`m_a` preschool participation by age.

    Returns
    -------
    DataFrame
        ``scenario, locality, year, level, grade, age, enrolment, entrants, repeaters, promoted,
        dropouts, graduates``: general levels by grade, preschool (``nursery``, ``kindergarten``)
        by age.

    Examples
    --------
    >>> base = pd.DataFrame({"locality": "A", "year": 2022, "level": "primary", "grade": [1, 2, 3, 4, 5],
    ...                      "enrolment": [100] * 5})
    >>> base = pd.concat([base, pd.DataFrame({"locality": "A", "year": 2022, "level": "lower-secondary",
    ...                                       "grade": [6, 7, 8, 9], "enrolment": [90] * 4})])
    >>> pop = pd.DataFrame({"locality": "A", "year": 2022, "age": range(0, 15), "population": 100})
    >>> sc = SystemScenario("giữ nguyên",
    ...     primary=EnrolmentScenario("TH", 100, {g: 95 for g in range(1, 6)}, {g: 3 for g in range(1, 6)}),
    ...     lower_secondary=EnrolmentScenario("THCS", 98, {g: 95 for g in range(6, 10)}, {g: 3 for g in range(6, 10)}))
    >>> out = project_system(base, pop, sc, 2023)
    >>> out[(out["year"] == 2023) & (out["grade"].isin([1, 6]))][["level", "grade", "entrants", "repeaters", "enrolment"]].to_dict("records")
    [{'level': 'primary', 'grade': 1, 'entrants': 100.0, 'repeaters': 3.0, 'enrolment': 103}, {'level': 'lower-secondary', 'grade': 6, 'entrants': 93.0, 'repeaters': 3.0, 'enrolment': 96}]

    93 grade-6 entrants = 98% of the 95 primary graduates of 2022.
    """
    notices: list[str] = []
    levels = [(lv, getattr(scenario, attr)) for lv, attr in (("primary", "primary"),
                                                            ("lower-secondary", "lower_secondary"),
                                                            ("upper-secondary", "upper_secondary"))
              if getattr(scenario, attr) is not None]
    if not levels and scenario.preschool is None:
        raise_data_error("kịch bản trống / empty scenario", [dict(file=_where("system", scenario.name), row=None,
                                                                  column="levels", value=None,
                                                                  expected="ít nhất một cấp học / at least one level")])
    names = [lv for lv, _ in levels]
    for lv in names:
        if lv in PREVIOUS_LEVEL and PREVIOUS_LEVEL[lv] not in names:
            raise_data_error("kịch bản không liên thông / levels not linked", [dict(
                file=_where("system", scenario.name), row=None, column=lv, value=None,
                expected=f"kịch bản cho cấp {PREVIOUS_LEVEL[lv]}: học sinh vào {lv} đến từ học sinh tốt nghiệp cấp dưới "
                         f"/ a scenario for {PREVIOUS_LEVEL[lv]}, whose graduates enter {lv}")])
    bases = {lv: read_base_enrolment(base_enrolment, lv, year=year, locality=locality) for lv in names}
    years0 = {int(b["year"].iloc[0]) for b in bases.values()}
    if year is None and not bases:
        e = check_table(base_enrolment, "base_enrolment", required=["year"])
        years0 = set(e["year"].astype(int).unique())
    if len(years0) > 1:
        raise_data_error("nhiều năm gốc / several base years", [dict(file="base_enrolment", row=None, column="year",
                                                                     value=sorted(years0), expected="một năm gốc / one base year")])
    year0 = int(year) if year is not None else years0.pop()
    pop = age_population(population, end_year)
    v = {lv: _validate_enrolment_scenario(sc, lv, year0, notices) for lv, sc in levels}
    vp = _validate_preschool(scenario.preschool, year0, notices) if scenario.preschool is not None else None
    locs = sorted(set().union(*[set(b["locality"]) for b in bases.values()])) if bases else sorted(set(pop["locality"]))
    if locality is not None:
        locs = [locality]
    rows = []
    for loc in locs:
        P = pop[pop["locality"] == loc].set_index(["year", "age"])["population"]
        if P.empty:
            P = pop[pop["locality"] == ""].set_index(["year", "age"])["population"]
        E, ent, rep = {}, {}, {}
        for lv in names:
            b = bases[lv][bases[lv]["locality"] == loc]
            lo, hi = LEVEL_GRADES[lv]
            if len(b) != hi - lo + 1:
                raise_data_error("base_enrolment thiếu địa bàn / lacks a locality", [dict(
                    file="base_enrolment", row=None, column="locality", value=loc, expected=f"đủ các lớp của {lv}")])
            E[lv] = dict(zip(b["grade"], b["enrolment"]))
            ent[lv], rep[lv] = np.nan, {}
        for t in range(year0, end_year + 1):
            fl = {}
            for lv in names:
                grades = list(range(LEVEL_GRADES[lv][0], LEVEL_GRADES[lv][1] + 1))
                p = _path(v[lv]["p"], v[lv]["pt"], year0, v[lv]["target_year"], t)
                r = _path(v[lv]["r"], v[lv]["rt"], year0, v[lv]["target_year"], t)
                fl[lv] = _flows(E[lv], p, r, grades)
                rows += _level_rows(scenario.name, loc, t, lv, E[lv], fl[lv], ent[lv], rep[lv], grades)
            if vp is not None:
                part = _path(vp["part"], vp["tgt"], year0, vp["target_year"], t)
                for a in range(0, 6):
                    if (t, a) not in P.index:
                        raise_data_error("population thiếu độ tuổi / population lacks an age", [dict(
                            file="population", row=None, column="age", value=a, expected=f"dân số tuổi {a} năm {t} ({loc})")])
                    n = _round(part[a] / 100 * float(P[(t, a)]))
                    rows.append(dict(scenario=scenario.name, locality=loc, year=t,
                                     level="nursery" if a <= 2 else "kindergarten", grade=0, age=a, enrolment=n))
            if t == end_year:
                break
            for lv in names:
                grades = list(range(LEVEL_GRADES[lv][0], LEVEL_GRADES[lv][1] + 1))
                if lv == "primary":
                    if (t + 1, 6) not in P.index:
                        raise_data_error("population thiếu tuổi 6 / population lacks age 6", [dict(
                            file="population", row=None, column="age", value=6, expected=f"dân số tuổi 6 năm {t + 1}")])
                    n = _round(_intake_at(v[lv]["intake"], t + 1) / 100 * float(P[(t + 1, 6)]))
                else:
                    prev = PREVIOUS_LEVEL[lv]
                    g_prev = fl[prev][LEVEL_GRADES[prev][1]][0]
                    n = _round(_intake_at(v[lv]["intake"], t + 1) / 100 * g_prev)
                ent[lv] = n
                rep[lv] = {g: fl[lv][g][1] for g in grades}
                E[lv] = {grades[0]: n + fl[lv][grades[0]][1], **{g: fl[lv][g - 1][0] + fl[lv][g][1] for g in grades[1:]}}
    out = pd.DataFrame(rows)
    if "age" not in out.columns:
        out["age"] = np.nan
    order = {"nursery": 0, "kindergarten": 1, "primary": 2, "lower-secondary": 3, "upper-secondary": 4}
    out["_o"] = out["level"].map(order)
    out = out.sort_values(["scenario", "locality", "year", "_o", "grade", "age"]).drop(columns="_o").reset_index(drop=True)
    cols = ["scenario", "locality", "year", "level", "grade", "age", "enrolment", "entrants", "repeaters", "promoted",
            "dropouts", "graduates"]
    out = out.reindex(columns=cols)
    out.attrs["notices"] = notices
    for n in notices:
        warnings.warn(n, stacklevel=2)
    return out


# ---------------------------------------------------------------- need from classes
def need_from_projection(projection: pd.DataFrame, schools: pd.DataFrame | None = None, region: int = 3,
                         sessions: dict | None = None, multigrade_cap: int | None = None,
                         leftover: str = "pro-rata") -> pd.DataFrame:
    """Classes and whole teachers needed each year at the norms in force that year.

    With ``schools`` (a base-year school table, as in
    :func:`edustats.indicators.classes_per_school`), each year's projected pupils of a grade are
    shared among the schools in their base-year proportions (whole pupils, largest remainder) and
    classes are counted per school; the norms (maxima, "tối đa") of the year's regime apply
    (:func:`edustats.indicators.norms_regime`), with Thông tư 20/2023's teachers for pupils left
    over (``leftover``, :func:`edustats.indicators.teachers_needed_per_school`). Without it, classes
    are counted on the locality's total, which is only a **lower bound** of the classes; the
    teachers are then an estimate on the total taken as one school, neither a lower nor an upper
    bound of the per-school allotment under Thông tư 20/2023 (``basis`` says which).

    Returns
    -------
    DataFrame
        ``scenario, locality, year, level, pupils, classes, teachers_needed, basis, leftover_reading``
        (``pro-rata``, the default: pupils left over earn a share of a teacher, each school's total
        rounded up once; ``whole``: whole multiples only, the literal alternative).

    Examples
    --------
    >>> proj = pd.DataFrame({"scenario": "s", "locality": "A", "year": 2025, "level": "primary",
    ...                      "grade": [1, 2, 3, 4, 5], "age": np.nan, "enrolment": 200})
    >>> sch = pd.DataFrame({"locality": "A", "school": ["X", "Y"], "region": 1, "level": "primary", "grade": 1,
    ...                     "pupils": [30, 10], "sessions": 2})
    >>> need_from_projection(proj.iloc[:1], sch)[["pupils", "classes", "teachers_needed", "basis"]].to_dict("records")
    [{'pupils': 200, 'classes': 8, 'teachers_needed': 12, 'basis': 'theo từng trường / per school'}]
    >>> need_from_projection(proj, region=1)[["classes", "teachers_needed", "basis"]].to_dict("records")
    [{'classes': 40, 'teachers_needed': 60, 'basis': 'cận dưới (số lớp), ước tính (giáo viên): trên tổng của địa bàn / lower bound (classes), estimate (teachers): on the locality total'}]
    """
    sessions = sessions or {}
    pr = projection[projection["grade"] != "all"].copy()
    pr["unit_level"] = pr["level"]
    pr["unit"] = np.where(pr["level"].isin(["nursery", "kindergarten"]), pr["age"], pr["grade"])
    pr["unit"] = pr["unit"].astype(int)
    out = []
    if schools is None:
        for (scn, loc, y, lv), g in pr.groupby(["scenario", "locality", "year", "level"], sort=True):
            b = class_size_basis(lv, region, int(y))
            pupils = int(g["enrolment"].sum())
            classes = int(sum(math.ceil(e / b) for e in g["enrolment"]))
            s = sessions.get(lv, 2)
            if norms_regime(int(y)) == "2023" and lv not in ("nursery", "kindergarten"):
                t = math.ceil(round(teachers_by_norm(pupils, lv, region, s, date=int(y), leftover=leftover)
                                    ["norm_teachers"], 9))
            else:
                t = math.ceil(round(classes * teacher_norm(lv, s, date=int(y)), 9))
            out.append(dict(scenario=scn, locality=loc, year=int(y), level=lv, pupils=pupils, classes=classes,
                            teachers_needed=t, basis="cận dưới (số lớp), ước tính (giáo viên): trên tổng của địa bàn / "
                                                     "lower bound (classes), estimate (teachers): on the locality total"))
    else:
        sch = schools.copy()
        if "locality" not in sch.columns:
            sch["locality"] = ""
        for (scn, loc, y), g in pr.groupby(["scenario", "locality", "year"], sort=True):
            rows = []
            for _, r in g.iterrows():
                ss = sch[(sch["locality"] == loc) & (sch["level"] == r["level"]) & (sch["grade"] == r["unit"])]
                if ss.empty:
                    raise_data_error("bảng trường thiếu lớp / schools table lacks a grade", [dict(
                        file="schools", row=None, column="grade", value=int(r["unit"]),
                        expected=f"ít nhất một trường có lớp {int(r['unit'])} cấp {r['level']} ({loc})")])
                tot = float(ss["pupils"].sum())
                shares = [100 * x / tot for x in ss["pupils"]] if tot > 0 else [100 / len(ss)] * len(ss)
                for (i, s_row), n in zip(ss.iterrows(), apportion(int(r["enrolment"]), shares)):
                    rows.append({**s_row.to_dict(), "pupils": n})
            need = teachers_needed_per_school(pd.DataFrame(rows), date=int(y), multigrade_cap=multigrade_cap,
                                              leftover=leftover)
            for lv, gg in need.groupby("level", sort=True):
                out.append(dict(scenario=scn, locality=loc, year=int(y), level=lv, pupils=int(gg["pupils"].sum()),
                                classes=int(gg["classes"].sum()), teachers_needed=int(gg["teachers_needed"].sum()),
                                basis="theo từng trường / per school"))
    out = pd.DataFrame(out)
    if len(out):
        out["leftover_reading"] = leftover  # how "cứ k học sinh … thêm 01 giáo viên" was read (TT 20/2023, 19/2023)
    return out


# ---------------------------------------------------------------- teachers: stock and flow
def _validate_teacher_scenario(sc: TeacherScenario, notices: list) -> dict:
    where = _where("teachers", sc.name)
    problems = []
    ret = sc.retirement if isinstance(sc.retirement, dict) else {s: sc.retirement for s in TEACHER_STATES
                                                                   if s != "exempt"}
    pct_vals = [sc.upgrading, sc.hires_qualified, *ret.values()]
    if _looks_fractional([sc.hires_qualified]) and sc.hires_qualified <= 1:
        if sc.fractions == "convert":
            notices.append(_fraction_notice(where, "tỷ lệ / the rates"))
            sc = replace(sc, hires_qualified=sc.hires_qualified * 100, upgrading=sc.upgrading * 100,
                         retirement=_scale(sc.retirement, 100), fractions="refuse")
            ret = sc.retirement if isinstance(sc.retirement, dict) else {s: sc.retirement for s in TEACHER_STATES
                                                                           if s != "exempt"}
        else:
            problems.append(dict(file=where, row=None, column="hires_qualified", value=sc.hires_qualified,
                                 expected="tỷ lệ phần trăm (100, không phải 1,0); hoặc fractions='convert' / percent "
                                          "(100, not 1.0), or fractions='convert'"))
    del pct_vals
    up = _check_pct(problems, where, "upgrading", sc.upgrading)
    hq = _check_pct(problems, where, "hires_qualified", sc.hires_qualified)
    rates = {}
    for s, x in ret.items():
        if s not in TEACHER_STATES:
            problems.append(dict(file=where, row=None, column="retirement", value=s,
                                 expected=f"một trong / one of {', '.join(TEACHER_STATES)}"))
            continue
        rates[s] = _check_pct(problems, where, f"retirement, {s}", x)
    if up is not None and rates.get("required") is not None and up + rates["required"] > 100 + 1e-9:
        problems.append(dict(file=where, row=None, column="upgrading + retirement (required)",
                             value=f"{format_number(up, 1, trim=True)} + {format_number(rates['required'], 1, trim=True)}",
                             expected="tổng ≤ 100: không thể rút nhiều hơn số giáo viên hiện có / at most 100: a stock "
                                      "cannot lose more teachers than it has"))
    if not isinstance(sc.training_years, (int, np.integer)) or sc.training_years < 1:
        problems.append(dict(file=where, row=None, column="training_years", value=sc.training_years,
                             expected="số năm nguyên ≥ 1 / a whole number of years ≥ 1"))
    hires = sc.hires
    if isinstance(hires, str):
        if hires != "need":
            problems.append(dict(file=where, row=None, column="hires", value=hires,
                                 expected="một số, {năm: số} hoặc 'need' / a number, {year: n} or 'need'"))
    elif isinstance(hires, dict):
        for y, n in hires.items():
            f = _num(n)
            if f is None or f < 0 or f != int(f):
                problems.append(dict(file=where, row=None, column=f"hires, năm/year {y}", value=n,
                                     expected="số giáo viên nguyên ≥ 0 / a whole number of teachers ≥ 0"))
    else:
        f = _num(hires)
        if f is None or f < 0 or f != int(f):
            problems.append(dict(file=where, row=None, column="hires", value=hires,
                                 expected="số giáo viên nguyên ≥ 0 / a whole number of teachers ≥ 0"))
    if sc.max_hires is not None and (_num(sc.max_hires) is None or sc.max_hires < 0):
        problems.append(dict(file=where, row=None, column="max_hires", value=sc.max_hires, expected="≥ 0"))
    raise_data_error("kịch bản giáo viên không hợp lệ / teacher scenario is invalid", problems)
    return dict(name=sc.name, hires=hires, hq=hq, up=up, ret=rates, ty=int(sc.training_years),
                max_hires=sc.max_hires)


def _check_stock(stock: dict) -> dict:
    problems = []
    out = {}
    for k, x in stock.items():
        if k not in TEACHER_STATES:
            problems.append(dict(file="stock", row=None, column=k, value=x,
                                 expected=f"một trong / one of {', '.join(TEACHER_STATES)}"))
            continue
        f = _num(x)
        if f is None or f < 0 or f != int(f):
            problems.append(dict(file="stock", row=None, column=k, value=x,
                                 expected="số giáo viên nguyên ≥ 0 / a whole number of teachers ≥ 0"))
        else:
            out[k] = int(f)
    raise_data_error("số giáo viên ban đầu không hợp lệ / starting stock is invalid", problems)
    return {s: out.get(s, 0) for s in TEACHER_STATES}


def project_teacher_stock(stock: dict, start_year: int, end_year: int, scenario: TeacherScenario,
                          level: str = "preschool", need: pd.DataFrame | dict | None = None,
                          exempt_until: int | None = None) -> pd.DataFrame:
    """Whole-teacher stock-flow by qualification, year by year, with the Nghị định 71/2020 measure.

    States: ``qualified`` (met the standard, or hired qualified), ``upgraded`` (finished the
    upgrading the decree requires), ``in_training`` (started it), ``required`` (in the decree's
    group, Điều 2, not yet started), ``exempt`` (below the standard with fewer than 7 years of
    service left on 1/7/2020 — 8 for primary teachers with an intermediate diploma — so not
    required to upgrade), ``below_other`` (hired below the standard since). Each year, in order:
    retirements from every state, starts of training, completions after ``training_years``, hires.

    .. math::

        \\text{share đạt chuẩn} = 100\\,\\frac{Q + U}{T},\\qquad
        \\text{NĐ 71} = 100\\,\\frac{U + I}{U + I + R}

    with :math:`Q` qualified, :math:`U` upgraded, :math:`I` in training, :math:`R` required,
    :math:`T` all teachers. No stock goes negative and no share exceeds 100% (validated rates;
    whole teachers, rounded half up, never more than the stock).

    Parameters
    ----------
    stock : dict
        Teachers at ``start_year`` by state (whole numbers); ``in_training`` are taken to finish
        after ``training_years`` like later starters.
    need : DataFrame or dict, optional
        ``{year: teachers needed}`` (or ``year, teachers_needed``): adds ``need``, ``shortage``,
        ``surplus``; required for ``hires="need"``.
    exempt_until : int, optional
        The year by which the exempt group has retired, when its retirement rate is not given:
        2027 (fewer than 84 months left on 1/7/2020), 2028 for primary (96 months for trung cấp
        holders; give 2027 if all hold cao đẳng). Count the groups with
        :func:`edustats.indicators.nd71_status`.

    References
    ----------
    Nghị định 71/2020/NĐ-CP, Điều 2 (who must upgrade) and Điều 4-6 (2025: at least 60%
    preschool and lower-secondary, 50% primary, "đang được đào tạo hoặc đã hoàn thành").

    Examples
    --------
    400 preschool teachers in 2022: 340 qualified, 40 required to upgrade, 5 in a two-year course,
    15 exempt; 15 qualified hires a year, 20% of those required starting the course each year:

    >>> sc = TeacherScenario("kế hoạch", hires=15, upgrading=20, training_years=2, retirement={"qualified": 3,
    ...                      "upgraded": 3, "in_training": 1, "required": 3, "below_other": 3})
    >>> out = project_teacher_stock({"qualified": 340, "required": 40, "in_training": 5, "exempt": 15}, 2022, 2025, sc)
    >>> out[["year", "qualified", "upgraded", "in_training", "required", "exempt", "total"]].to_dict("records")[1]
    {'year': 2023, 'qualified': 345, 'upgraded': 0, 'in_training': 13, 'required': 31, 'exempt': 12, 'total': 401}
    >>> out[["year", "upgraded", "in_training", "required", "nd71_share"]].round(1).to_dict("records")[-1]
    {'year': 2025, 'upgraded': 13, 'in_training': 11, 'required': 18, 'nd71_share': 57.1}

    2023 by hand: 10 of 340 qualified retire (3%), 1 of 40 required, 3 of the 15 exempt (evenly
    until 2027); 8 (20% of 40) start the course; 15 are hired: 330 + 15 = 345 qualified, 5 + 8 = 13
    in training, 40 − 1 − 8 = 31 required.
    """
    notices: list[str] = []
    v = _validate_teacher_scenario(scenario, notices)
    S = _check_stock(stock)
    if isinstance(need, pd.DataFrame):
        nd = check_table(need, "need", required=["year", "teachers_needed"], counts=["teachers_needed"])
        need = dict(zip(nd["year"].astype(int), nd["teachers_needed"]))
    if v["hires"] == "need" and not need:
        raise_data_error("thiếu nhu cầu giáo viên / no need given", [dict(
            file=_where("teachers", scenario.name), row=None, column="hires", value="need",
            expected="need= {năm: số giáo viên cần} / need= {year: teachers needed}")])
    if v["hires"] == "need":
        missing = [y for y in range(start_year + 1, end_year + 1) if y not in need]
        raise_data_error("nhu cầu thiếu năm / need lacks years", [dict(
            file="need", row=None, column="year", value=missing,
            expected=f"nhu cầu mỗi năm {start_year + 1}–{end_year} / the need of every year")] if missing else [])
    pipeline = [0] * v["ty"]  # pipeline[k]: in training, finishing in k+1 years
    pipeline[-1] = S["in_training"]
    rows = []

    def emit(year, extra):
        tot = sum(S[s] for s in TEACHER_STATES)
        q = S["qualified"] + S["upgraded"]
        grp = S["upgraded"] + S["in_training"] + S["required"]
        row = dict(scenario=scenario.name, level=level, year=year, **S, total=tot,
                   share_qualified=100 * q / tot if tot else np.nan,
                   nd71_done_or_training=S["upgraded"] + S["in_training"], nd71_group=grp,
                   nd71_share=100 * (S["upgraded"] + S["in_training"]) / grp if grp else np.nan, **extra)
        if need:
            n = need.get(year)
            row.update(need=n, shortage=max(0, n - tot) if n is not None else np.nan,
                       surplus=max(0, tot - n) if n is not None else np.nan)
        rows.append(row)

    emit(start_year, dict(retirements=0, hires=0, started_training=0, completed_training=0))
    for y in range(start_year + 1, end_year + 1):
        ret = {}
        for s in TEACHER_STATES:
            if s == "in_training":
                continue
            if s == "exempt" and "exempt" not in v["ret"]:
                gone = exempt_until or (EXEMPT_GONE_BY + 1 if level == "primary" else EXEMPT_GONE_BY)
                left = max(gone - (y - 1), 1)
                ret[s] = S[s] if y >= gone else _round(S[s] / left)
            else:
                ret[s] = min(S[s], _round(v["ret"].get(s, 0.0) / 100 * S[s]))
        rt = v["ret"].get("in_training", 0.0)
        ret_tr = 0
        for k in range(len(pipeline)):
            x = min(pipeline[k], _round(rt / 100 * pipeline[k]))
            pipeline[k] -= x
            ret_tr += x
        for s, x in ret.items():
            S[s] -= x
        start = min(S["required"], _round(v["up"] / 100 * (S["required"] + ret["required"])))
        S["required"] -= start
        done = pipeline[0]
        pipeline = pipeline[1:] + [start]
        if v["ty"] == 1:
            done, pipeline = start, [0]
        S["upgraded"] += done
        S["in_training"] = sum(pipeline)
        if v["hires"] == "need":
            gap = max(0, int(need.get(y, 0)) - sum(S[s] for s in TEACHER_STATES))
            h = gap if v["max_hires"] is None else min(gap, int(v["max_hires"]))
        elif isinstance(v["hires"], dict):
            h = int(v["hires"].get(y, 0))
        else:
            h = int(v["hires"])
        hq = _round(v["hq"] / 100 * h)
        S["qualified"] += hq
        S["below_other"] += h - hq
        emit(y, dict(retirements=sum(ret.values()) + ret_tr, hires=h, started_training=start, completed_training=done))
    out = pd.DataFrame(rows)
    assert (out[TEACHER_STATES] >= 0).all().all()
    out.attrs["notices"] = notices
    for n in notices:
        warnings.warn(n, stacklevel=2)
    return out


def project_teacher_qualification(qualified: float, not_qualified: float, start_year: int, end_year: int,
                                  scenario: TeacherScenario, *, exempt: int = 0, in_training: int = 0,
                                  upgraded: int = 0, level: str = "preschool",
                                  exempt_until: int | None = None) -> pd.DataFrame:
    """Qualified and not-yet-qualified teachers year by year, and the share meeting the standard.

    The simple two-state reading of :func:`project_teacher_stock`: ``not_qualified`` teachers are
    taken as required to upgrade (Nghị định 71/2020 Điều 2) unless some are given as ``exempt``
    or already ``in_training``. ``not_qualified`` in the output = required + in training + exempt +
    hired below the standard.

    .. math::

        Q_{t+1} = Q_t - \\rho Q_t + u\\,U_t + s\\,H,\\qquad
        U_{t+1} = U_t - \\rho U_t - u\\,U_t + (1-s)\\,H

    in whole teachers, with retirement :math:`\\rho`, upgrading :math:`u`, hires :math:`H` of which
    a share :math:`s` is qualified.

    References
    ----------
    Luật Giáo dục 2019, Điều 72; Nghị định 71/2020/NĐ-CP, Điều 2 and 4-6.

    Examples
    --------
    340 qualified and 60 not in 2022, hiring 15 qualified teachers a year, 20% of those required
    upgrading a year, 3% retiring (worked by hand for 2023: 10 + 2 retire, ⌊0,2 × 60 + 0,5⌋ = 12
    start and, with one year of training, count in 2023; Q = 340 − 10 + 12 + 15 = 357):

    >>> sc = TeacherScenario("kế hoạch", hires=15, hires_qualified=100, upgrading=20, retirement=3)
    >>> out = project_teacher_qualification(340, 60, 2022, 2025, sc)
    >>> out[["year", "qualified", "not_qualified", "share_qualified"]].round(1).to_dict("records")[1]
    {'year': 2023, 'qualified': 357, 'not_qualified': 46, 'share_qualified': 88.6}
    >>> round(float(out["share_qualified"].iloc[-1]), 1)
    93.2

    93,2% in 2025: below the local target of 95%. With 15 of the 60 exempt (fewer than 7 years
    left in 2020) and 5 in training, see :func:`qualification_outlook`.
    """
    stock = {"qualified": qualified, "required": not_qualified - exempt - in_training, "exempt": exempt,
             "in_training": in_training, "upgraded": upgraded}
    if _num(stock["required"]) is not None and stock["required"] < 0:
        raise_data_error("số giáo viên ban đầu không hợp lệ / starting stock is invalid", [dict(
            file="stock", row=None, column="not_qualified", value=not_qualified,
            expected=f"≥ exempt + in_training = {exempt + in_training}")])
    sc = scenario
    if not isinstance(sc.retirement, dict):
        sc = replace(sc, retirement={s: sc.retirement for s in TEACHER_STATES if s != "exempt"})
    out = project_teacher_stock(stock, start_year, end_year, sc, level=level, exempt_until=exempt_until)
    out = out.copy()
    out["qualified"] = out["qualified"] + out["upgraded"]
    out["not_qualified"] = out["required"] + out["in_training"] + out["exempt"] + out["below_other"]
    first = ["scenario", "year", "qualified", "not_qualified", "total", "share_qualified"]
    return out[first + [c for c in out.columns if c not in first]]


def qualification_outlook(projection: pd.DataFrame, local_target: float | None = None, target_year: int = 2025,
                          lang: str = "vi") -> pd.DataFrame:
    """The decree's milestone and the local target, side by side but separate, for each scenario.

    The local resolution's target (e.g. "95% giáo viên mầm non đạt chuẩn") is the locality's own
    commitment; Nghị định 71/2020 sets a different measure — the share of the teachers required to
    upgrade who are in training or have finished (Điều 4-6: 60% preschool and lower secondary, 50%
    primary, by 31/12/2025; 100% finished by 2030). Neither is the other.

    Examples
    --------
    Lạc Sơn's "95% giáo viên mầm non đạt chuẩn" by 2025 (illustrative stock: 340 qualified, 60 not,
    of whom 15 exempt and 5 already in a two-year course):

    >>> sc = TeacherScenario("kế hoạch", hires=15, upgrading=20, retirement=3, training_years=2)
    >>> out = project_teacher_qualification(340, 60, 2022, 2025, sc, exempt=15, in_training=5)
    >>> qualification_outlook(out, local_target=95).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'Kịch bản': 'kế hoạch', 'Năm': 2025, 'Đạt chuẩn (số / tổng)': '367 / 402', 'Tỷ lệ đạt chuẩn': '91,3%',
     'Chỉ tiêu địa phương (nghị quyết)': '95%', 'Đạt chỉ tiêu địa phương?': 'chưa đạt',
     'NĐ 71/2020: đang học hoặc đã xong (số / nhóm phải nâng chuẩn)': '24 / 42', 'NĐ 71/2020: tỷ lệ': '57,1%',
     'Mốc NĐ 71/2020 (Điều 4, đến 31/12/2025)': 'ít nhất 60%', 'Đạt mốc NĐ 71/2020?': 'chưa đạt',
     'Ngoài nhóm phải nâng chuẩn (Điều 2)': 6}

    Two different answers: 91,3% of all teachers meet the standard (local target 95%), and 24 of
    the 42 teachers the decree requires to upgrade are in training or done (57,1%, milestone 60%).
    """
    road = nd71_roadmap().drop_duplicates("level").set_index("level")
    rows = []
    for scn, g in projection.groupby("scenario", sort=False):
        r = g[g["year"] == target_year]
        if r.empty:
            raise_data_error("không có năm mục tiêu / no target year", [dict(
                file="projection", row=None, column="year", value=target_year,
                expected=f"dự báo đến {target_year} / a projection reaching {target_year}")])
        r = r.iloc[0]
        lv = r.get("level", "preschool")
        q = int(r["qualified"]) + (0 if "not_qualified" in g.columns else int(r["upgraded"]))
        tot = int(r["total"])
        share = 100 * q / tot if tot else float("nan")
        art = {"preschool": "Điều 4", "primary": "Điều 5", "lower-secondary": "Điều 6"}.get(lv)
        row = {"Kịch bản": scn, "Năm": target_year, "Đạt chuẩn (số / tổng)": f"{format_count(q)} / {format_count(tot)}",
               "Tỷ lệ đạt chuẩn": format_number(share, 1) + "%"}
        if local_target is not None:
            row["Chỉ tiêu địa phương (nghị quyết)"] = format_number(local_target, 1, trim=True) + "%"
            row["Đạt chỉ tiêu địa phương?"] = "đạt" if 100 * q >= local_target * tot else "chưa đạt"
        if lv in road.index:
            ms = float(road.loc[lv, "phase1_share"])
            done, grp = int(r["nd71_done_or_training"]), int(r["nd71_group"])
            row["NĐ 71/2020: đang học hoặc đã xong (số / nhóm phải nâng chuẩn)"] = f"{format_count(done)} / {format_count(grp)}"
            row["NĐ 71/2020: tỷ lệ"] = (format_number(100 * done / grp, 1) + "%") if grp else "–"
            row[f"Mốc NĐ 71/2020 ({art}, đến 31/12/2025)"] = f"ít nhất {format_number(ms, 0)}%"
            row["Đạt mốc NĐ 71/2020?"] = ("đạt" if 100 * done >= ms * grp else "chưa đạt") if grp else "không có ai phải nâng chuẩn"
            row["Ngoài nhóm phải nâng chuẩn (Điều 2)"] = int(r["exempt"])
        rows.append(row)
    out = pd.DataFrame(rows)
    if lang == "en":
        en = {"Kịch bản": "Scenario", "Năm": "Year", "Đạt chuẩn (số / tổng)": "Meeting the standard (n / all)",
              "Tỷ lệ đạt chuẩn": "Share meeting the standard", "Chỉ tiêu địa phương (nghị quyết)": "Local target (resolution)",
              "Đạt chỉ tiêu địa phương?": "Local target met?",
              "NĐ 71/2020: đang học hoặc đã xong (số / nhóm phải nâng chuẩn)":
                  "Decree 71/2020: in training or done (n / required to upgrade)",
              "NĐ 71/2020: tỷ lệ": "Decree 71/2020: share", "Đạt mốc NĐ 71/2020?": "Decree milestone met?",
              "Ngoài nhóm phải nâng chuẩn (Điều 2)": "Exempt (Article 2)"}
        out = out.rename(columns=lambda c: en.get(c, c.replace("Mốc NĐ 71/2020", "Decree 71/2020 milestone")
                                                  .replace("Điều", "Art.").replace("đến", "by")))
        out = out.map(lambda v: {"đạt": "met", "chưa đạt": "not met"}.get(v, v.replace("ít nhất", "at least"))
                      if isinstance(v, str) else v)
    return out


def need_vs_supply(need: pd.DataFrame, supply: pd.DataFrame, area: str | None = None) -> dict:
    r"""Teachers needed against teachers in post, per level, commune and year; shortages never netted.

    ``need``: ``[scenario,] [district,] locality, year, level, teachers_needed``; ``supply``:
    ``[scenario,] [district,] [locality,] year, level, teachers`` (e.g. the ``total`` of
    :func:`project_teacher_stock`), possibly split over several rows per key (by qualification,
    say): the rows of each table are **summed per key first**, so nothing is counted twice.

    The balance is struck at the unit both tables share. Supply given at a coarser unit than the
    need (a district's teachers, no ``locality``, against communes' needs) is compared at that
    unit: the need is summed up to it and ``basis`` says so; the teachers are never copied onto
    each commune. Supply at a finer unit than the need is summed up the same way.

    .. math:: \text{thiếu}_u = \max\Big(0,\ \sum_{i \in u} N_i - \sum_{j \in u} S_j\Big),\qquad
              \text{thừa}_u = \max\Big(0,\ \sum_{j \in u} S_j - \sum_{i \in u} N_i\Big)

    Returns ``{"by_unit": …, "by_area": …}``: one row per unit, level and year with ``shortage``,
    ``surplus`` and ``basis``; and, with ``area`` (a column of both tables such as ``district``),
    the area's total shortage and total surplus side by side
    (:func:`edustats.indicators.shortage_surplus_totals`), never one netted against the other.

    References
    ----------
    Issue #21 (need against supply, never netted across levels or communes).

    Examples
    --------
    >>> need = pd.DataFrame({"district": "D", "locality": ["X", "X", "Y"], "year": 2025,
    ...                      "level": ["preschool", "primary", "preschool"], "teachers_needed": [120, 90, 40]})
    >>> sup = pd.DataFrame({"district": "D", "locality": ["X", "X", "Y"], "year": 2025,
    ...                     "level": ["preschool", "primary", "preschool"], "teachers": [20, 120, 50]})
    >>> r = need_vs_supply(need, sup, area="district")
    >>> r["by_area"].to_dict("records")
    [{'district': 'D', 'year': 2025, 'shortage': 100, 'surplus': 40, 'units_short': 1, 'units_surplus': 2}]

    A district's 90 teachers against its communes' 50 and 40: compared at the district, 0 short
    and 0 spare (not 90 spare from copying the 90 onto each commune):

    >>> sup = pd.DataFrame({"district": "D", "year": 2025, "level": "primary", "teachers": [90]})
    >>> need = pd.DataFrame({"district": "D", "locality": ["X", "Y"], "year": 2025, "level": "primary",
    ...                      "teachers_needed": [50, 40]})
    >>> need_vs_supply(need, sup)["by_unit"][["district", "teachers_needed", "teachers", "shortage", "surplus"]].to_dict("records")
    [{'district': 'D', 'teachers_needed': 90, 'teachers': 90, 'shortage': 0, 'surplus': 0}]
    """
    cand = ("scenario", "district", "locality", "year", "level")
    for name, df, col in (("need", need, "teachers_needed"), ("supply", supply, "teachers")):
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"{name}: expected a pandas DataFrame, got {type(df).__name__}")
    # a column present but empty throughout (a district row with locality left blank) counts as absent
    nk = [k for k in cand if k in need.columns and need[k].notna().any()]
    sk = [k for k in cand if k in supply.columns and supply[k].notna().any()]
    keys = [k for k in nk if k in sk]
    problems = []
    for k in ("year", "level"):
        if k not in keys:
            problems.append(dict(file="need" if k not in nk else "supply", row=None, column=k, value=None,
                                 expected=f"cột '{k}' ở cả hai bảng / a '{k}' column in both tables"))
    if "locality" not in keys and "district" not in keys and ("locality" in nk or "locality" in sk):
        problems.append(dict(file="supply" if "locality" in nk else "need", row=None, column="district", value=None,
                             expected="cùng một đơn vị (district hoặc locality) ở cả hai bảng để so sánh / a shared "
                                      "unit (district or locality) to compare at"))
    for name, df, k_ in (("need", need, nk), ("supply", supply, sk)):
        for k in k_:
            if k in keys and df[k].isna().any():
                i = int(np.flatnonzero(df[k].isna().to_numpy())[0])
                problems.append(dict(file=name, row=i + 2, column=k, value=None,
                                     expected=f"'{k}' điền ở mọi dòng (không trộn cấp huyện và cấp xã) / '{k}' on "
                                              f"every row (district and commune rows not mixed)"))
    raise_data_error("nhu cầu và số hiện có không so được / need and supply cannot be compared", problems)
    n = check_table(need, "need", required=keys + ["teachers_needed"], counts=["teachers_needed"])
    s = check_table(supply, "supply", required=keys + ["teachers"], counts=["teachers"])
    n = n.groupby(keys, as_index=False, sort=True)["teachers_needed"].sum()
    s = s.groupby(keys, as_index=False, sort=True)["teachers"].sum()
    m = n.merge(s, on=keys, how="outer", indicator="_m")
    raise_data_error("nhu cầu và số hiện có không khớp / need and supply do not match", [
        dict(file="supply" if r["_m"] == "left_only" else "need", row=None, column="level",
             value=", ".join(str(r[k]) for k in keys), expected="một dòng tương ứng / a matching row")
        for _, r in m[m["_m"] != "both"].iterrows()])
    m = m.drop(columns="_m")
    m[["teachers_needed", "teachers"]] = m[["teachers_needed", "teachers"]].astype(int)
    m["shortage"] = (m["teachers_needed"] - m["teachers"]).clip(lower=0).astype(int)
    m["surplus"] = (m["teachers"] - m["teachers_needed"]).clip(lower=0).astype(int)
    coarse = [k for k in ("locality", "district") if (k in nk) != (k in sk)]
    unit = "locality" if "locality" in keys else ("district" if "district" in keys else "")
    m["basis"] = (f"so sánh ở cấp {unit}: nhu cầu/số hiện có cộng lên đơn vị chung / compared at the {unit}: "
                  f"{'need' if 'locality' in nk and 'locality' not in sk else 'supply'} summed up to it"
                  if coarse else f"theo từng {unit or 'dòng'}, không bù trừ / per {unit or 'row'}, never netted")
    out = {"by_unit": m.sort_values(keys).reset_index(drop=True)}
    if area:
        if area not in m.columns:
            raise_data_error("không tính được tổng theo địa bàn / area totals cannot be computed", [dict(
                file="need, supply", row=None, column=area, value=None,
                expected=f"cột '{area}' ở cả hai bảng / an '{area}' column in both tables")])
        by = [k for k in ("scenario", area, "year") if k in m.columns]
        out["by_area"] = shortage_surplus_totals(m, by)
    return out


def teacher_balance(need: pd.DataFrame, stocks: pd.DataFrame, scenario: TeacherScenario,
                    area: str | None = None) -> dict:
    """Need from classes against the teacher stock-flow, year by year, per commune and level; never netted.

    For every ``locality`` and ``level`` of ``stocks`` (the teachers in post at the first year of
    ``need``, by state: ``qualified, required, exempt, in_training, upgraded, below_other``), the
    stock is carried forward with :func:`project_teacher_stock` under ``scenario`` (hires may be
    ``"need"``) and set against ``need`` (``locality, year, level, teachers_needed``, e.g. from
    :func:`need_from_projection`). Returns ``{"by_unit": …, "by_area": …}`` as :func:`need_vs_supply`.

    Examples
    --------
    Commune X's preschool needs 30 teachers in 2024 and 34 in 2025; commune Y's needs 20 and has 25:

    >>> need = pd.DataFrame({"district": "D", "locality": ["X", "X", "Y", "Y"], "year": [2024, 2025] * 2,
    ...                      "level": "preschool", "teachers_needed": [30, 34, 20, 20]})
    >>> stocks = pd.DataFrame({"district": "D", "locality": ["X", "Y"], "level": "preschool", "qualified": [28, 25]})
    >>> r = teacher_balance(need, stocks, TeacherScenario("giữ", hires=2, retirement=0), area="district")
    >>> r["by_area"][["year", "shortage", "surplus"]].to_dict("records")
    [{'year': 2024, 'shortage': 2, 'surplus': 5}, {'year': 2025, 'shortage': 4, 'surplus': 7}]
    """
    n = check_table(need, "need", required=["locality", "year", "level", "teachers_needed"], counts=["teachers_needed"])
    st = check_table(stocks, "stocks", required=["locality", "level"])
    extra = [c for c in ("district",) if c in n.columns and c in st.columns]
    rows = []
    problems = []
    for _, r in st.iterrows():
        nn = n[(n["locality"] == r["locality"]) & (n["level"] == r["level"])]
        if nn.empty:
            problems.append(dict(file="stocks", row=None, column="locality", value=f"{r['locality']}, {r['level']}",
                                 expected="nhu cầu cho địa bàn và cấp này / a need for this commune and level"))
            continue
        series = dict(zip(nn["year"].astype(int), nn["teachers_needed"].astype(int)))
        y0, y1 = min(series), max(series)
        stock = {k: r[k] for k in TEACHER_STATES if k in st.columns and pd.notna(r[k])}
        out = project_teacher_stock(stock, y0, y1, scenario, level=r["level"], need=series)
        out["locality"] = r["locality"]
        for c in extra:
            out[c] = r[c]
        rows.append(out)
    raise_data_error("không tính được cân đối giáo viên / teacher balance cannot be computed", problems)
    by_unit = pd.concat(rows, ignore_index=True).rename(columns={"total": "teachers", "need": "teachers_needed"})
    cols = extra + ["locality", "level", "year", "teachers_needed", "teachers", "shortage", "surplus",
                    "share_qualified", "nd71_share", "hires", "retirements"]
    by_unit = by_unit[cols].sort_values(extra + ["locality", "level", "year"]).reset_index(drop=True)
    by_unit[["shortage", "surplus"]] = by_unit[["shortage", "surplus"]].astype(int)
    res = {"by_unit": by_unit}
    if area:
        res["by_area"] = shortage_surplus_totals(by_unit, [area, "year"])
    return res


def compare_scenarios(run, scenarios, **kwargs) -> pd.DataFrame:
    """Run one projection under several named scenarios and stack the results (long table).

    >>> scs = [TeacherScenario("chậm", hires=10, upgrading=10), TeacherScenario("nhanh", hires=20, upgrading=30)]
    >>> out = compare_scenarios(project_teacher_qualification, scs, qualified=340, not_qualified=60,
    ...                         start_year=2022, end_year=2025)
    >>> out[out["year"] == 2025].set_index("scenario")["share_qualified"].round(1).to_dict()
    {'chậm': 90.1, 'nhanh': 95.7}
    """
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise_data_error("tên kịch bản trùng / scenario names must be unique", [dict(
            file="scenarios", row=None, column="name", value=names, expected="các tên khác nhau / distinct names")])
    return pd.concat([run(scenario=s, **kwargs) for s in scenarios], ignore_index=True)


# ---------------------------------------------------------------- shown to users
TEACHER_INDICATORS = {"qualified_teacher_share", "qualified_staff_share", "teacher_shortage", "teacher_surplus",
                      "classrooms_for_two_sessions", "pupil_class_ratio", "pupil_teacher_ratio"}


def planning_applies(targets: pd.DataFrame) -> bool:
    """Whether a document sets targets on teachers or classes (the section is shown for those).

    >>> planning_applies(pd.DataFrame({"indicator": ["ner", "qualified_teacher_share"]}))
    True
    """
    return bool(targets["indicator"].isin(TEACHER_INDICATORS).any())


def planning_section(targets: pd.DataFrame, lang: str = "vi") -> dict:
    """The briefing section "Cần bao nhiêu lớp, giáo viên đến 2025/2030": tables and a figure.

    Built from the document's targets and the package's example counts (``data/examples``,
    **synthetic**, said so on every table): scenarios side by side for the classes and teachers
    needed in 2025 and 2030 (preschool, from the single-age population aged forward); the
    teachers' qualification in 2025 under two scenarios, the Nghị định 71/2020 milestone beside
    the local target; and, where the examples hold commune counts, shortage and surplus per
    commune and level with the district's totals side by side, never netted.

    Returns
    -------
    dict
        ``title``, ``tables`` (caption → DataFrame), ``notes`` (list of str), ``figure``
        (matplotlib Figure or None).
    """
    from .examples import load_example
    from .indicators.teachers import teacher_surplus_shortage

    en = lang == "en"
    out = {"title": "How many classes and teachers by 2025/2030" if en else "Cần bao nhiêu lớp, giáo viên đến 2025/2030",
           "tables": {}, "notes": [], "figure": None}
    loc = targets["locality"].iloc[0] if len(targets) else ""
    # 1. classes and teachers needed: preschool, linked to the single-age population (example data)
    enr, pop = load_example("enrolment"), load_example("population")
    need, names = pd.DataFrame(), []
    if loc in set(pop["locality"]) and loc in set(enr["locality"]):
        y0 = int(pop[pop["locality"] == loc]["year"].max())
        base = enr[(enr["locality"] == loc) & (enr["year"] == y0)]
        rate0 = {}
        for a in range(6):
            n = base[base["age"] == a]["enrolment"].sum()
            d = pop[(pop["locality"] == loc) & (pop["year"] == y0) & (pop["age"] == a)]["population"].sum()
            rate0[a] = round(100 * n / d, 1) if d else 0.0
        scs = [SystemScenario("Giữ nguyên tỷ lệ huy động" if not en else "Participation held",
                              preschool=PreschoolScenario("MN", rate0)),
               SystemScenario("Huy động trẻ 3-5 tuổi 100% từ 2025" if not en else "All 3-5-year-olds from 2025",
                              preschool=PreschoolScenario("MN", rate0, {a: (100.0 if a >= 3 else max(rate0[a], 40.0))
                                                                       for a in range(6)}, target_year=2025))]
        names = [sc.name for sc in scs]
        proj = pd.concat([project_system(base, pop[pop["locality"] == loc], sc, 2030) for sc in scs],
                         ignore_index=True)
        need = need_from_projection(proj)
        need = need[need["year"].isin([y0, 2025, 2030])]
        wide = need.pivot_table(index=["level", "year"], columns="scenario",
                                values=["pupils", "classes", "teachers_needed"], aggfunc="sum")
        show = []
        for (lv, y), r in wide.iterrows():
            row = {"Cấp / nhóm" if not en else "Level": {"nursery": "Nhà trẻ (nhóm)",
                                                          "kindergarten": "Mẫu giáo (lớp)"}.get(lv, lv),
                   "Năm" if not en else "Year": y}
            for nm in names:
                row[f"{nm}: trẻ / lớp / GV"] = (f"{format_count(r[('pupils', nm)])} / {format_count(r[('classes', nm)])} / "
                                               f"{format_count(r[('teachers_needed', nm)])}")
            show.append(row)
        cap = (f"Mầm non {loc}: trẻ, nhóm/lớp và giáo viên cần theo định mức (tối đa), hai kịch bản — số lớp tính trên "
               f"tổng của địa bàn là cận dưới" if not en else
               f"Preschool {loc}: children, groups/classes and teachers needed at the norms (maxima), two scenarios "
               f"— classes on the locality total are a lower bound")
        out["tables"][cap] = pd.DataFrame(show)
        out["notes"].append("Số liệu giả định, mô phỏng (data/examples), không phải số liệu thật; dân số năm sau được "
                            "tính bằng cách già hóa từng nhóm tuổi một năm (không tính tử vong, di cư)."
                            if not en else "Synthetic example data, not real figures; future population by ageing each "
                                           "single-year cohort (no mortality or migration).")
    else:
        out["notes"].append(f"Chưa có số trẻ theo độ tuổi và dân số theo từng độ tuổi của {loc} trong dữ liệu mẫu: "
                            "nhập bảng enrolment và population (data/examples/README.md) để tính số lớp, giáo viên cần."
                            if not en else f"No enrolment by age or single-age population for {loc} in the example "
                                           "data: supply them to count the classes and teachers needed.")
    # 2. qualification: the decree's milestone beside the local target
    q = targets[targets["indicator"].isin(["qualified_teacher_share", "qualified_staff_share"])]
    q = q[q["kind"] == "target"] if "kind" in q.columns else q
    first_q = None
    for _, t in q.iterrows():
        lv = t["level"] if t["level"] in ("preschool", "primary", "lower-secondary") else None
        if lv is None or int(t["year"]) < 2023:
            continue
        tsc = [TeacherScenario("Upgrading 20%/year" if en else "Nâng chuẩn 20%/năm", hires=15, upgrading=20,
                               retirement=3, training_years=2),
               TeacherScenario("Upgrading 40%/year" if en else "Nâng chuẩn 40%/năm", hires=15, upgrading=40,
                               retirement=3, training_years=2)]
        proj_t = pd.concat([project_teacher_qualification(340, 60, 2022, int(t["year"]), s, exempt=15, in_training=5,
                                                          level=lv) for s in tsc], ignore_index=True)
        tab = qualification_outlook(proj_t, local_target=float(t["value"]), target_year=int(t["year"]), lang=lang)
        if first_q is None:
            first_q = (proj_t, float(t["value"]), lv, t["id"])
        cap = (f"{t['id']}: {t['label_en']} — Decree 71/2020 milestone and the local target (illustrative: 340 "
               f"qualified, 60 not, of whom 15 exempt and 5 in training; two-year course; 15 qualified hires a year; "
               f"3% retiring a year)" if en else
               f"{t['id']}: {t['label_vi']} — mốc Nghị định 71/2020 và chỉ tiêu địa phương (minh họa: 340 đạt "
               f"chuẩn, 60 chưa, trong đó 15 ngoài diện và 5 đang học; khóa học 2 năm; 15 người tuyển mới đạt chuẩn/năm; "
               f"3% nghỉ hưu/năm)")
        out["tables"][cap] = tab
    # 3. shortage and surplus per commune, never netted
    if targets["indicator"].isin(["teacher_shortage", "teacher_surplus"]).any():
        c, tt = load_example("classes"), load_example("teachers")
        d = targets["locality"].iloc[0]
        c, tt = c[c["district"] == d], tt[tt["district"] == d]
        if not c.empty:
            bal = teacher_surplus_shortage(c, tt, by=["district", "locality", "year"])
            tot = shortage_surplus_totals(bal, ["district", "year", "level"])
            for col in ("shortage", "surplus"):
                tot[col] = tot[col].map(format_count)
            tot["level"] = tot["level"].map({"preschool": "Mầm non", "primary": "Tiểu học",
                                             "lower-secondary": "THCS"}).fillna(tot["level"])
            out["tables"][f"{d}: tổng thiếu và tổng thừa theo cấp, cộng từ từng xã (không bù trừ giữa các xã, các cấp)"] = \
                tot.rename(columns={"district": "Huyện", "year": "Năm", "level": "Cấp học", "shortage": "Tổng thiếu",
                                    "surplus": "Tổng thừa", "units_short": "Số xã thiếu", "units_surplus": "Số xã thừa"})
            out["notes"].append("Định mức là mức tối đa (\"tối đa\"); thiếu ở xã này không được bù bằng thừa ở xã khác "
                                "hay ở cấp khác.")
    if len(need):
        out["figure"] = _planning_figure(need, names, en)
    elif first_q is not None:
        out["figure"] = _qualification_figure(*first_q, en)
    return out


def _qualification_figure(proj: pd.DataFrame, local_target: float, level: str, tid: str, en: bool):
    import matplotlib.pyplot as plt

    road = nd71_roadmap().drop_duplicates("level").set_index("level")
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
    for scn, g in proj.groupby("scenario", sort=False):
        axes[0].plot(g["year"], g["share_qualified"], marker="o", label=scn)
        axes[1].plot(g["year"], g["nd71_share"], marker="o", label=scn)
    axes[0].axhline(local_target, color="grey", ls="--", lw=1)
    axes[0].set_title(("Share meeting the standard; local target " if en else "Tỷ lệ đạt chuẩn; chỉ tiêu địa phương ")
                      + format_number(local_target, 0) + "%", fontsize=9)
    if level in road.index:
        ms = float(road.loc[level, "phase1_share"])
        axes[1].axhline(ms, color="grey", ls="--", lw=1)
        axes[1].set_title(("ND 71/2020: in training or done; milestone " if en else
                           "NĐ 71/2020: đang học hoặc đã xong; mốc ") + format_number(ms, 0) + "%", fontsize=9)
    axes[0].set_ylabel("%")
    axes[0].legend(fontsize=8, frameon=False)
    fig.suptitle(f"{tid} — " + ("illustrative stock" if en else "số liệu minh họa"), fontsize=9)
    for ax in axes:
        for sp in ("top", "right"):
            ax.spines[sp].set_visible(False)
    fig.tight_layout()
    return fig


def _planning_figure(need: pd.DataFrame, names: list, en: bool):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2))
    years = sorted(need["year"].unique())
    width = 0.8 / max(len(names), 1)
    for i, s in enumerate(names):
        g = need[need["scenario"] == s].groupby("year")["teachers_needed"].sum().reindex(years)
        ax.bar([j + i * width for j in range(len(years))], g.to_numpy(), width, label=s)
        for j, val in enumerate(g.to_numpy()):
            ax.text(j + i * width, val, format_count(val), ha="center", va="bottom", fontsize=8)
    ax.set_xticks([j + width * (len(names) - 1) / 2 for j in range(len(years))], [str(y) for y in years])
    ax.set_ylabel("Teachers needed (maximum at the norms)" if en else "Giáo viên mầm non cần (định mức tối đa)")
    ax.set_title("Synthetic example data" if en else "Số liệu giả định (mô phỏng)", fontsize=9)
    ax.legend(fontsize=8, frameon=False)
    for sp in ("top", "right"):
        ax.spines[sp].set_visible(False)
    fig.tight_layout()
    return fig
