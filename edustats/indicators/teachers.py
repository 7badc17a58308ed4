"""Teachers: pupil-teacher and pupil-class ratios, staffing norms, surplus and shortage, qualification.

Input tables:

- ``classes``: ``locality, year, level, sessions, classes`` (+ optional ``school_type``:
  ``regular``, ``ethnic-boarding`` (nội trú), ``semi-boarding`` (bán trú), ``disabled`` (trường
  dành cho người khuyết tật) or ``specialised`` (chuyên); :data:`SCHOOL_TYPES`); preschool ``level`` is ``nursery``
  (nhóm trẻ), ``kindergarten`` (lớp mẫu giáo) or ``preschool`` (kindergarten classes, kept for
  tables that do not split the two);
- ``teachers``: ``locality, year, level, teachers`` (+ ``qualification`` in ``below``,
  ``standard``, ``above``, or ``degree`` in ``trung cấp``, ``cao đẳng``, ``đại học``,
  ``thạc sĩ``, ``tiến sĩ``).

Pitfall (for trainers): the norms count teachers *per class*, not per pupil. A district with
many small classes in satellite sites (điểm trường lẻ) needs more teachers than its pupil-teacher
ratio suggests; that is how the same district can lack teachers at preschool and primary while
having too many at lower secondary (Thiệu Hóa: "thiếu 255, thừa 85").

Pitfall: a nursery group (nhóm trẻ) is staffed at 2,5 teachers, a two-session kindergarten class
at 2,2 (TTLT 06/2015 Điều 5 khoản 3; TT 19/2023 Điều 5 khoản 1): a preschool table that lumps groups and classes together
understates the teachers needed.

Norms by date, as data (``edustats/data/teacher_norms.csv`` and ``class_size_basis.csv``, read by
:func:`teacher_norms_table` and :func:`class_size_basis_table`): Thông tư 16/2017/TT-BGDĐT and
Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV until 15/12/2023, Thông tư 20/2023/TT-BGDĐT (general)
and 19/2023/TT-BGDĐT (preschool) from 16/12/2023. The norms are **maxima** ("tối đa"): the number
of teachers a school *may* be allotted, not a floor. Primary 1,50 (two sessions) / 1,20 (one),
THCS 1,90 (ethnic boarding 2,20), THPT 2,25 (ethnic boarding 2,40, specialised 3,10), nursery
group 2,50, kindergarten class 2,20 (and 1,20 for one session until 15/12/2023). From 16/12/2023 classes are counted per school, on
the regional class-size basis (primary 25/30/35, secondary 35/40/45 pupils for regions 1/2/3).

Where the numbers come from (said plainly): the circulars' own gazette texts were not reachable
here; every row of the CSV files quotes the clause that states its number from a **secondary
copy** (thuvienphapluat.vn, lawnet.vn summaries and translations, Bộ GD&ĐT replies in the press),
with its address in ``verified``. Corrected from the texts (2026-11-29): a one-session
kindergarten class under Thông tư 19/2023 is staffed like any other (2,2; Điều 5 khoản 1 điểm b
makes no distinction by sessions, the 1,2 belonged to TTLT 06/2015).

Coded from those texts: Thông tư 20/2023's extra teachers for pupils left over after the school's
pupils are divided by the regional average (Điều 7 khoản 1, Điều 12 khoản 1 điểm c, Điều 17
khoản 1 điểm d: one teacher per 12/15/17 primary or 17/20/22 secondary pupils in regions 1/2/3;
``leftover_pupil_norms.csv``) and Thông tư 19/2023's staffing of children left over after the
groups are formed, per child by age (Điều 5 khoản 1 điểm c, đ; before 16/12/2023 TTLT 06/2015
Điều 5 khoản 3 điểm b; ``preschool_child_norms.csv``). Not coded: the one Đội leader (Tổng phụ
trách Đội) each primary and lower-secondary school is allotted "ngoài định mức" — it is a post
beside the class norm, not a need from pupils. TTLT 06/2015's group maxima (Điều 3: 15/20/25
children per nursery group, 25/30/35 per kindergarten class) are quoted from secondary copies in
``preschool_child_norms.csv``, so before 16/12/2023 the children who cannot fill a group are
staffed per child without the user's ``short_of_children`` flag (which still forces it for a row).

The reading of "cứ k học sinh/trẻ … thêm 01 giáo viên" (TT 20/2023's pupils and TT 19/2023's
children left over): pro rata by default, :math:`(E \bmod b)/k`, with each school's teachers
rounded up once at the end, so a school with pupils is never allotted none; ``leftover="whole"``
(whole multiples) is the literal alternative and says in ``note`` where it leaves a school with 0.
A year :math:`Y` is the school year (Y−1)-Y and takes the norms in force on 5/9/(Y−1). Nghị định 71/2020 (qualification roadmap) is quoted from its
codified text (``teacher_upgrading_nd71.csv``).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import raise_data_error
from ..vnformat import format_number
from ._core import LEVEL_GRADES, check_table, rate_frame

__all__ = [
    "TEACHER_NORMS",
    "SCHOOL_TYPES",
    "CLASS_SIZE_CAPS",
    "NEW_NORMS_FROM",
    "teacher_norms_table",
    "class_size_basis_table",
    "leftover_pupil_norms_table",
    "preschool_child_norms_table",
    "pupils_per_extra_teacher",
    "teachers_by_norm",
    "nd71_roadmap",
    "norms_regime",
    "class_size_basis",
    "classes_per_school",
    "classes_lower_bound",
    "teachers_needed_per_school",
    "shortage_surplus_totals",
    "nd71_status",
    "teacher_norm",
    "teachers_required",
    "teacher_surplus_shortage",
    "pupil_teacher_ratio",
    "pupil_class_ratio",
    "qualification_status",
    "qualified_teacher_share",
]

BY = ("locality", "year")

# Teachers per class. General schools: Thông tư 16/2017/TT-BGDĐT (continued by Thông tư 20/2023);
# preschool: Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV (until 15/12/2023; from 16/12/2023 a one-session
# kindergarten class is 2,20: teacher_norms.csv). Key: (level, sessions a day, school type).
TEACHER_NORMS = {
    ("nursery", 1, "regular"): 2.50,  # nursery groups are full-day: one norm whatever the sessions
    ("nursery", 2, "regular"): 2.50,
    ("kindergarten", 2, "regular"): 2.20,
    ("kindergarten", 1, "regular"): 1.20,
    ("preschool", 2, "regular"): 2.20,
    ("preschool", 1, "regular"): 1.20,
    ("primary", 2, "regular"): 1.50,
    ("primary", 1, "regular"): 1.20,
    ("lower-secondary", 1, "regular"): 1.90,
    ("lower-secondary", 2, "regular"): 1.90,
    ("upper-secondary", 1, "regular"): 2.25,
    ("upper-secondary", 2, "regular"): 2.25,
    ("lower-secondary", 1, "ethnic-boarding"): 2.20,
    ("lower-secondary", 2, "ethnic-boarding"): 2.20,
    ("upper-secondary", 1, "ethnic-boarding"): 2.40,
    ("upper-secondary", 2, "ethnic-boarding"): 2.40,
    ("upper-secondary", 1, "specialised"): 3.10,
    ("upper-secondary", 2, "specialised"): 3.10,
}
# Maximum pupils per class (Điều lệ trường tiểu học / trung học); preschool by age group.
CLASS_SIZE_CAPS = {"primary": 35, "lower-secondary": 45, "upper-secondary": 45, "nursery": 25,
                   "kindergarten": 35, "preschool": 35}


# School types. Thông tư 20/2023 Điều 3 khoản 2 điểm d exempts only ethnic boarding (nội trú) and specialised
# (chuyên) schools from the regional class-size averages; a semi-boarding (bán trú) school or a school for
# the disabled is counted on the regional average with the leftover rule, at its own teachers per class.
SCHOOL_TYPES = {"regular": "trường thường / regular", "ethnic-boarding": "phổ thông dân tộc nội trú / ethnic boarding",
                "semi-boarding": "phổ thông dân tộc bán trú / ethnic semi-boarding",
                "disabled": "trường dành cho người khuyết tật / school for the disabled",
                "specialised": "trường chuyên / specialised"}
_CHARTER_TYPES = {"ethnic-boarding", "specialised"}


def _nearest_type(value) -> str:
    import difflib
    near = difflib.get_close_matches(str(value), list(SCHOOL_TYPES), n=1, cutoff=0.3)
    hint = f" (gần nhất / nearest: {near[0]!r})" if near else ""
    return "một trong / one of " + ", ".join(SCHOOL_TYPES) + hint


NEW_NORMS_FROM = pd.Timestamp("2023-12-16")  # Thông tư 20/2023 and 19/2023 in force (issue #21)
_DATA = Path(__file__).resolve().parent.parent / "data"
_PRESCHOOL_UNITS = {"nursery", "kindergarten", "preschool"}


@lru_cache(maxsize=None)
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(_DATA / name, encoding="utf-8", dtype={"regime": str})


def teacher_norms_table() -> pd.DataFrame:
    """Teachers per class (maxima, "tối đa") by regime, level, sessions and school type, with article and source.

    Every row carries ``verified``: ``no`` where the circular's own text could not be checked here.

    Examples
    --------
    >>> t = teacher_norms_table()
    >>> t[(t["regime"] == "2023") & (t["level"] == "primary")][["sessions", "teachers_per_class"]].to_dict("records")
    [{'sessions': 2, 'teachers_per_class': 1.5}, {'sessions': 1, 'teachers_per_class': 1.2}]
    >>> bool(t["verified"].str.startswith("secondary copy: http").all()), bool((t["quote"].str.len() > 0).all())
    (True, True)
    """
    return _read("teacher_norms.csv").copy()


def leftover_pupil_norms_table() -> pd.DataFrame:
    """Thông tư 20/2023: pupils left over after the division by the regional average, per extra teacher.

    Examples
    --------
    >>> t = leftover_pupil_norms_table()
    >>> t.pivot(index="level", columns="region", values="pupils_per_extra_teacher").to_dict("index")
    {'lower-secondary': {1: 17, 2: 20, 3: 22}, 'primary': {1: 12, 2: 15, 3: 17}, 'upper-secondary': {1: 17, 2: 20, 3: 22}}
    """
    return _read("leftover_pupil_norms.csv").copy()


def preschool_child_norms_table() -> pd.DataFrame:
    """Preschool children per group and per teacher by age (0 = 3-12 months … 5 = 5-6 years), by regime.

    From 16/12/2023 (Thông tư 19/2023, Điều 5 khoản 1): groups of 15/20/25 children (3-12, 13-24,
    25-36 months) and classes of 25/30/35 (3-4, 4-5, 5-6 years); children left over get one more
    teacher per 6/8/10/11/14/16. Until 15/12/2023 (TTLT 06/2015, Điều 5 khoản 3 điểm b): where
    children are too few for a group, one teacher per 6/8/10 (nursery), 11/14/16 (two-session
    kindergarten) or 21/25/29 (one-session kindergarten) children.

    Examples
    --------
    >>> t = preschool_child_norms_table()
    >>> t[t["regime"] == "2023"][["age", "group_max", "children_per_teacher_2s"]].astype(int).values.tolist()
    [[0, 15, 6], [1, 20, 8], [2, 25, 10], [3, 25, 11], [4, 30, 14], [5, 35, 16]]
    """
    return _read("preschool_child_norms.csv").copy()


@lru_cache(maxsize=None)
def _leftover_index() -> dict:
    t = _read("leftover_pupil_norms.csv")
    return {(r.regime, r.level, int(r.region)): int(r.pupils_per_extra_teacher) for r in t.itertuples()}


@lru_cache(maxsize=None)
def _child_index() -> dict:
    t = _read("preschool_child_norms.csv")
    out = {}
    for r in t.itertuples():
        k2 = r.children_per_teacher_2s
        k1 = r.children_per_teacher_1s if pd.notna(r.children_per_teacher_1s) else k2
        out[(r.regime, int(r.age))] = dict(level=r.level, band=r.age_band_vi,
                                           group_max=int(r.group_max) if pd.notna(r.group_max) else None,
                                           k={2: int(k2), 1: int(k1)})
    return out


def pupils_per_extra_teacher(level: str, region: int = 3, date=None) -> int | None:
    """Pupils left over (after the division by the regional average) that earn one more teacher.

    Thông tư 20/2023 only (``None`` before 16/12/2023: Thông tư 16/2017 had no such rule):

    .. math:: k_{\\text{TH}} = 12, 15, 17;\\quad k_{\\text{THCS}} = k_{\\text{THPT}} = 17, 20, 22
              \\quad (\\text{regions } 1, 2, 3)

    References
    ----------
    Thông tư 20/2023/TT-BGDĐT, Điều 7 khoản 1 (primary), Điều 12 khoản 1 điểm c (THCS), Điều 17
    khoản 1 điểm d (THPT), as quoted in ``leftover_pupil_norms.csv`` from secondary copies.

    Examples
    --------
    >>> pupils_per_extra_teacher("primary", 1, "2024-01-01"), pupils_per_extra_teacher("upper-secondary", 3, "2024-01-01")
    (12, 22)
    >>> pupils_per_extra_teacher("primary", 1, "2023-12-15") is None
    True
    """
    return _leftover_index().get((norms_regime(date), _unit_level(level), int(region)))


def class_size_basis_table() -> pd.DataFrame:
    """Pupils per class used to count classes, by regime, level and region (1, 2, 3).

    Until 15/12/2023 the school charters' maxima (primary 35, secondary 45); from 16/12/2023 the
    regional averages of Thông tư 20/2023 (primary 25/30/35, secondary 35/40/45).

    Examples
    --------
    >>> b = class_size_basis_table()
    >>> b[(b["regime"] == "2023") & (b["level"] == "primary")]["pupils_per_class"].tolist()
    [25, 30, 35]
    """
    return _read("class_size_basis.csv").copy()


def nd71_roadmap() -> pd.DataFrame:
    """Nghị định 71/2020/NĐ-CP: who must upgrade (Điều 2) and the 2025/2030 milestones (Điều 4-6), quoted.

    Examples
    --------
    >>> r = nd71_roadmap().drop_duplicates("level").set_index("level")
    >>> r["phase1_share"].to_dict()
    {'preschool': 60, 'primary': 50, 'lower-secondary': 60}
    """
    return _read("teacher_upgrading_nd71.csv").copy()


def _year_date(year) -> pd.Timestamp:
    """The date a school year's norms are read on: year ``Y`` is the school year (Y−1)-Y, read on 5/9/(Y−1)."""
    return pd.Timestamp(year=int(year) - 1, month=9, day=5)


def _bad_date(date):
    raise_data_error("ngày không hợp lệ / invalid date", [dict(
        file="date", row=None, column="date", value=date,
        expected="một ngày 'YYYY-MM-DD' hoặc một năm học là số nguyên (2025 = năm học 2024-2025) / a date "
                 "'YYYY-MM-DD' or a school year as a whole number (2025 = school year 2024-2025)")])


def norms_regime(date=None) -> str:
    """Which norms are in force on ``date``: ``"2017"`` (TT 16/2017, TTLT 06/2015) or ``"2023"`` (TT 20/2023, 19/2023).

    ``date`` is a date (``"2023-12-15"``) or a year as a number (``2025`` or ``2025.0``), read with
    edustats' convention: year :math:`Y` is the school year :math:`(Y-1)`-:math:`Y`, whose norms are
    those in force on 5/9/(Y−1), at its start. So ``2024`` (2023-2024, started 5/9/2023) is still
    under the old norms and ``2025`` (2024-2025) under the new. A number that is not a whole year,
    a boolean, or a bare year written as text (``"2025"``) is refused. ``None``: today's norms.

    .. math:: \\text{regime}(Y) = \\begin{cases} 2023 & \\text{if } (Y-1)\\text{-09-05} \\geq 2023\\text{-12-16} \\\\
              2017 & \\text{otherwise} \\end{cases}

    References
    ----------
    Thông tư 20/2023/TT-BGDĐT and 19/2023/TT-BGDĐT, in force from 16/12/2023 (``teacher_norms.csv``).

    Examples
    --------
    >>> norms_regime("2023-12-15"), norms_regime("2023-12-16"), norms_regime(2024), norms_regime(2025), norms_regime(2025.0)
    ('2017', '2023', '2017', '2023', '2023')
    """
    if date is None:
        return "2023"
    if isinstance(date, (bool, np.bool_)):
        _bad_date(date)
    if isinstance(date, (int, np.integer)):
        ts = _year_date(date)
    elif isinstance(date, (float, np.floating)):
        if not (np.isfinite(date) and float(date) == int(date)):
            _bad_date(date)
        ts = _year_date(int(date))
    elif isinstance(date, str) and date.strip().isdigit():
        _bad_date(date)
    else:
        try:
            ts = pd.Timestamp(date)
        except (ValueError, TypeError):
            _bad_date(date)
        if pd.isna(ts):
            _bad_date(date)
    return "2023" if ts >= NEW_NORMS_FROM else "2017"


def _unit_level(level: str) -> str:
    return "kindergarten" if level == "preschool" else level


def teacher_norm(level: str, sessions: int = 1, school_type: str = "regular", date=None) -> float:
    """Teachers per class at the norm (a maximum, "tối đa"), :math:`\\nu_{L,s,k}` in :func:`teachers_required`.

    .. math:: \\nu_{\\text{primary},2} = 1{,}50,\\quad \\nu_{\\text{primary},1} = 1{,}20,\\quad
              \\nu_{\\text{THCS}} = 1{,}90,\\quad \\nu_{\\text{THPT}} = 2{,}25

    ``date``: the norms in force that day (:func:`norms_regime`); the values are the same under
    both regimes, the articles differ.

    References
    ----------
    Thông tư 16/2017/TT-BGDĐT, Điều 6-8 and Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV (until
    15/12/2023); Thông tư 20/2023/TT-BGDĐT and 19/2023/TT-BGDĐT (from 16/12/2023). Texts not
    verified here: see ``teacher_norms.csv``.

    Examples
    --------
    >>> teacher_norm("primary", 2)
    1.5
    >>> teacher_norm("preschool", 2)
    2.2
    >>> teacher_norm("nursery", 2), teacher_norm("upper-secondary", 1, "specialised", date="2024-01-01")
    (2.5, 3.1)
    """
    key = (norms_regime(date), _unit_level(level), int(sessions), school_type)
    norms = _norm_index()
    if key not in norms:
        raise ValueError(f"không có định mức / no teacher norm for level={level!r}, sessions={sessions}, "
                         f"school_type={school_type!r}")
    return norms[key]


@lru_cache(maxsize=None)
def _norm_index() -> dict:
    t = _read("teacher_norms.csv")
    return {(r.regime, r.level, int(r.sessions), r.school_type): float(r.teachers_per_class) for r in t.itertuples()}


@lru_cache(maxsize=None)
def _basis_index() -> dict:
    b = _read("class_size_basis.csv")
    return {(r.regime, r.level, int(r.region)): int(r.pupils_per_class) for r in b.itertuples()}


def class_size_basis(level: str, region: int = 3, date=None) -> int:
    """Pupils per class on which classes are counted (:func:`class_size_basis_table`).

    .. math:: b_{L,r} \\in \\{25, 30, 35\\}\\ (\\text{primary}),\\quad \\{35, 40, 45\\}\\ (\\text{secondary})

    References
    ----------
    Thông tư 20/2023/TT-BGDĐT and 19/2023/TT-BGDĐT (from 16/12/2023), Thông tư 16/2017/TT-BGDĐT and
    TTLT 06/2015/TTLT-BGDĐT-BNV (until 15/12/2023): each size with its article and a quote from a
    secondary copy in ``class_size_basis.csv`` (provenance: ``edustats/data/README.md``).

    Examples
    --------
    1.000 primary pupils in a region-1 school: 40 classes at 25, not 29 at 35.

    >>> class_size_basis("primary", 1, "2024-09-05"), class_size_basis("primary", 1, "2022-09-05")
    (25, 35)
    """
    key = (norms_regime(date), _unit_level(level), int(region))
    basis = _basis_index()
    if key not in basis:
        raise ValueError(f"không có sĩ số cơ sở / no class-size basis for level={level!r}, region={region}")
    return basis[key]


_MULTIGRADE_LEVELS = {"primary", "nursery", "kindergarten", "preschool"}


def classes_per_school(schools: pd.DataFrame, date=None, multigrade_cap: int | None = None) -> pd.DataFrame:
    """Classes each school must open, per grade (or multi-grade group), counted per school.

    .. math:: n_{s,g} = \\left\\lceil \\frac{E_{s,g}}{b_{L,r}} \\right\\rceil

    with :math:`E_{s,g}` the pupils of grade :math:`g` in school :math:`s`, :math:`b_{L,r}` the
    class-size basis of the level in the school's region (:func:`class_size_basis`). Rows of a
    school sharing a ``multigrade_group`` (lớp ghép; primary and preschool only) are pooled and
    divided by ``multigrade_cap``, which the user gives (the charter's limit was not verified here).
    Classes are never counted on a locality's total: that is only a lower bound
    (:func:`classes_lower_bound`).

    Parameters
    ----------
    schools : DataFrame
        ``school, region, level, grade, pupils, sessions`` (+ optional ``locality``, ``district``,
        ``year``, ``school_type``, ``multigrade_group``, ``site``). Preschool: ``level`` ``nursery`` or
        ``kindergarten`` and ``grade`` the age group. ``site`` (điểm trường) names the school
        location of a row (one row per school, site, level and grade); ``school_type`` is one of
        :data:`SCHOOL_TYPES`. Numbers must be numbers (a ``"30"`` typed as text is refused);
        rows are named as a spreadsheet counts them (header = row 1).

    Returns
    -------
    DataFrame
        One row per school and grade (or group): ``pupils``, ``basis``, ``classes``, ``calculation``.

    References
    ----------
    Thông tư 20/2023/TT-BGDĐT (classes counted per school on regional averages, as summarised in
    issue #21; text not verified here).

    Examples
    --------
    83 grade-1 pupils in four schools of 36, 20, 15 and 12 need 5 classes, not ⌈83 / 35⌉ = 3:

    >>> s = pd.DataFrame({"school": ["A", "B", "C", "D"], "region": 3, "level": "primary", "grade": 1,
    ...                   "pupils": [36, 20, 15, 12], "sessions": 2})
    >>> classes_per_school(s, "2024-09-05")[["school", "classes"]].to_dict("records")
    [{'school': 'A', 'classes': 2}, {'school': 'B', 'classes': 1}, {'school': 'C', 'classes': 1}, {'school': 'D', 'classes': 1}]
    """
    s = _check_schools(schools, multigrade_cap)
    keys = [c for c in ("district", "locality", "year") if c in s.columns] + ["school", "level"]
    regime, basis_idx = norms_regime(date), _basis_index()
    multi = s["multigrade_group"] != ""
    single = s[~multi].copy()
    single["multigrade"] = False
    cols = ["site", "grade", "multigrade", "region", "sessions", "school_type", "pupils", "pupils_per_class",
            "short_of_children"]
    parts = [single[keys + cols]]
    if multi.any():
        m = s[multi].copy()
        m["grade"] = m["grade"].astype(int)
        g = m.groupby(keys + ["site", "multigrade_group"], sort=True)
        agg = g.agg(region=("region", "first"), sessions=("sessions", "max"), school_type=("school_type", "first"),
                    pupils=("pupils", "sum"), pupils_per_class=("pupils_per_class", "first"),
                    short_of_children=("short_of_children", "any")).reset_index()
        agg["grade"] = g["grade"].agg(lambda x: ", ".join(str(v) for v in sorted(set(x)))).to_numpy()
        agg["multigrade"] = True
        parts.append(agg[keys + cols])
    out = pd.concat(parts, ignore_index=True)
    basis = []
    for lv, r, mg, own in zip(out["level"], out["region"], out["multigrade"], out["pupils_per_class"]):
        if mg:
            basis.append(int(multigrade_cap))
            continue
        if pd.notna(own) and lv not in _PRESCHOOL_UNITS:  # set by the province (TT 20/2023 Điều 3 khoản 4)
            basis.append(int(own))
            continue
        k = (regime, _unit_level(lv), int(r))
        if k not in basis_idx:
            raise ValueError(f"không có sĩ số cơ sở / no class-size basis for level={lv!r}, region={r}")
        basis.append(basis_idx[k])
    out["basis"] = basis
    out["region"] = out["region"].astype(int)
    out["sessions"] = out["sessions"].astype(int)
    out["pupils"] = out["pupils"].astype(int)
    out["classes"] = -(-out["pupils"] // out["basis"])
    out["calculation"] = [f"⌈{format_number(p_, 0)} / {b_}⌉ = {n_}"
                          for p_, b_, n_ in zip(out["pupils"], out["basis"], out["classes"])]
    out["_g"] = [int(str(g_).split(",")[0]) for g_ in out["grade"]]
    return out.sort_values(keys + ["site", "multigrade", "_g"], kind="stable").drop(columns="_g").reset_index(drop=True)


def _sheet(df, name: str) -> pd.DataFrame:
    """A copy indexed as a spreadsheet counts rows (header = row 1), so every message names the same row."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name}: expected a pandas DataFrame, got {type(df).__name__}")
    out = df.reset_index(drop=True)
    out.index = out.index + 2
    return out


def _text_numbers(df: pd.DataFrame, name: str, columns) -> list:
    """Problems for numbers typed as text ("30", "1"): refused, never read silently (rows as the index holds them)."""
    out = []
    for c in columns:
        if c not in df.columns:
            continue
        for i, v in df[c].items():
            if isinstance(v, str):
                out.append(dict(file=name, row=i, column=c, value=v,
                                expected="một số, không phải chữ (bỏ dấu nháy) / a number, not text"))
    return out


def _whole_in(df: pd.DataFrame, name: str, column: str, allowed, what: str) -> list:
    """Problems for values of ``column`` that are not one of the whole numbers ``allowed`` (1,5 sessions is refused)."""
    v = pd.to_numeric(df[column], errors="coerce")
    return [dict(file=name, row=i, column=column, value=df.at[i, column], expected=what)
            for i in df.index[~v.isin(list(allowed))]]


def _check_schools(schools, multigrade_cap):
    if not isinstance(schools, pd.DataFrame):
        raise TypeError(f"schools: expected a pandas DataFrame, got {type(schools).__name__}")
    s = schools.reset_index(drop=True)
    s.index = s.index + 2  # rows as a spreadsheet counts them: the header is row 1
    raise_data_error("bảng trường không hợp lệ / schools table is invalid",
                     _text_numbers(s, "schools", ["region", "pupils", "sessions", "grade", "pupils_per_class"]))
    s = check_table(s, "schools", required=["school", "region", "level", "grade", "pupils", "sessions"],
                    counts=["pupils"])
    raise_data_error("bảng trường không hợp lệ / schools table is invalid",
                     _whole_in(s, "schools", "sessions", (1, 2), "1 hoặc 2 buổi/ngày (số nguyên) / 1 or 2 sessions a day")
                     + _whole_in(s, "schools", "region", (1, 2, 3), "vùng 1, 2 hoặc 3 / region 1, 2 or 3"))
    if "site" not in s.columns:
        s["site"] = ""
    s["site"] = s["site"].fillna("").astype(str).str.strip()
    if "school_type" not in s.columns:
        s["school_type"] = "regular"
    if "multigrade_group" not in s.columns:
        s["multigrade_group"] = ""
    if "pupils_per_class" not in s.columns:
        s["pupils_per_class"] = np.nan
    if "short_of_children" not in s.columns:
        s["short_of_children"] = False
    s["short_of_children"] = s["short_of_children"].fillna(False).astype(bool)
    s["multigrade_group"] = s["multigrade_group"].fillna("").astype(str).str.strip()
    problems = []
    row = pd.Series(s.index, index=s.index)
    s["school_type"] = s["school_type"].fillna("regular")
    for i in s.index[~s["school_type"].isin(list(SCHOOL_TYPES))]:
        problems.append(dict(file="schools", row=row[i], column="school_type", value=s.at[i, "school_type"],
                             expected=_nearest_type(s.at[i, "school_type"])))
    for i in s.index[s["pupils"] != np.floor(s["pupils"])]:
        problems.append(dict(file="schools", row=row[i], column="pupils", value=s.at[i, "pupils"],
                             expected="số học sinh nguyên / a whole number of pupils"))
    known = s["level"].isin(["primary", "lower-secondary", "upper-secondary", "nursery", "kindergarten", "preschool"])
    for i in s.index[~known]:
        problems.append(dict(file="schools", row=row[i], column="level", value=s.at[i, "level"],
                             expected="primary, lower-secondary, upper-secondary, nursery hoặc kindergarten"))
    lo = s["level"].map({k: v[0] for k, v in LEVEL_GRADES.items()})
    hi = s["level"].map({k: v[1] for k, v in LEVEL_GRADES.items()})
    grade = pd.to_numeric(s["grade"], errors="coerce")
    bad_grade = lo.notna() & ~((grade >= lo) & (grade <= hi))
    for i in s.index[bad_grade]:
        lv = s.at[i, "level"]
        problems.append(dict(file="schools", row=row[i], column="grade", value=s.at[i, "grade"],
                             expected=f"lớp {int(lo[i])}–{int(hi[i])} của cấp {lv} / a grade of {lv} "
                                      f"({int(lo[i])}-{int(hi[i])})"))
    own = pd.to_numeric(s["pupils_per_class"], errors="coerce")
    bad_own = s["pupils_per_class"].notna() & ~((own >= 1) & (own == np.floor(own)))
    for i in s.index[bad_own]:
        problems.append(dict(file="schools", row=row[i], column="pupils_per_class", value=s.at[i, "pupils_per_class"],
                             expected="số học sinh/lớp nguyên dương do tỉnh quyết định (TT 20/2023 Điều 3 khoản 4) / "
                                      "a positive whole class size set by the province"))
    pre_age = {"nursery": (0, 2), "kindergarten": (3, 5)}
    for i in s.index[s["level"].isin(list(pre_age))]:
        a0, a1 = pre_age[s.at[i, "level"]]
        g_ = pd.to_numeric(pd.Series([s.at[i, "grade"]]), errors="coerce").iloc[0]
        if not (pd.notna(g_) and a0 <= g_ <= a1 and g_ == int(g_)):
            problems.append(dict(file="schools", row=row[i], column="grade", value=s.at[i, "grade"],
                                 expected=f"tuổi {a0}–{a1} của {s.at[i, 'level']} (0 = 3-12 tháng … 5 = 5-6 tuổi) / "
                                          f"an age {a0}-{a1}"))
    bad_mg = known & (s["multigrade_group"] != "") & ~s["level"].isin(list(_MULTIGRADE_LEVELS))
    for i in s.index[bad_mg]:
        problems.append(dict(file="schools", row=row[i], column="multigrade_group", value=s.at[i, "multigrade_group"],
                             expected="lớp ghép chỉ ở tiểu học và mầm non / multi-grade classes only in primary "
                                      "and preschool"))
    if (s["multigrade_group"] != "").any() and not multigrade_cap:
        problems.append(dict(file="schools", row=None, column="multigrade_group", value="",
                             expected="multigrade_cap: sĩ số tối đa của lớp ghép (người dùng cho) / the maximum size "
                                      "of a multi-grade class, given by the user"))
    raise_data_error("bảng trường không hợp lệ / schools table is invalid", problems)
    dup_keys = [c for c in ("locality", "year") if c in s.columns] + ["school", "site", "level", "grade"]
    dup = s[s.duplicated(dup_keys, keep=False)]
    raise_data_error("bảng trường trùng dòng / schools table has duplicated rows", [
        dict(file="schools", row=row[i], column="grade", value=r["grade"],
             expected=f"một dòng cho mỗi trường và lớp / one row per school and grade ({r['school']})")
        for i, r in dup.iterrows()])
    return s.reset_index(drop=True)


_READING = {"pro-rata": "học sinh dư tính theo tỷ lệ (k học sinh = 1 giáo viên) / leftover pupils pro rata",
            "whole": "học sinh dư tính theo bội số nguyên (đọc đúng chữ) / leftover pupils in whole multiples (literal)"}


def _check_leftover(leftover):
    if leftover not in _READING:
        raise ValueError(f"leftover={leftover!r}: dùng 'pro-rata' (mặc định) hoặc 'whole' / use 'pro-rata' "
                         f"(default) or 'whole'")


def _extra(left: float, k: int, leftover: str) -> float:
    """Teachers for ``left`` pupils at one per ``k``: pro rata (default) or whole multiples ("cứ k … thì thêm 01")."""
    if leftover == "whole":
        return float(int(left) // int(k))
    return left / k


def _op(left, k, x, leftover):
    return f"⌊{left} / {k}⌋ = {format_number(x, 0)}" if leftover == "whole" else f"{left} / {k} = {format_number(x, 2)}"


def teachers_by_norm(pupils: int, level: str, region: int = 3, sessions: int = 2, school_type: str = "regular",
                     date=None, leftover: str = "pro-rata", pupils_per_class: int | None = None) -> dict:
    """One school's teachers at the norm of a general level (a maximum, "tối đa"), from its pupils.

    From 16/12/2023 (Thông tư 20/2023) the school's pupils are divided by the regional average
    :math:`b` (Điều 3 khoản 2; a province may set another size for a special case, Điều 3 khoản 4:
    ``pupils_per_class``), each full class earns the norm :math:`\\nu`, and the pupils left over
    earn one teacher per :math:`k` (:func:`pupils_per_extra_teacher`):

    .. math:: T = \\left\\lfloor \\frac{E}{b} \\right\\rfloor \\nu + \\frac{E - \\lfloor E/b \\rfloor b}{k}

    The reading, said in the output (``leftover_reading``): ``leftover="pro-rata"`` (the default)
    reads "cứ 12 học sinh … được bố trí thêm 01 giáo viên" as one teacher for every 12 pupils,
    so 11 pupils left earn 11/12 of a teacher and the school's total is rounded up once, at the
    end (:func:`teachers_needed_per_school`): a small school that opens a class is never left with
    no teacher. ``"whole"`` is the literal alternative, :math:`\\lfloor (E \\bmod b)/k \\rfloor` (11
    pupils earn none). Until 15/12/2023 (Thông tư 16/2017, no leftover rule) the pupils fill
    :math:`\\lceil E/b \\rceil` classes at :math:`\\nu` each. Ethnic boarding (nội trú) and
    specialised (chuyên) schools keep their charters' class sizes (Điều 3 khoản 2 điểm d): no
    leftover rule is applied to them; semi-boarding (bán trú) schools and schools for the disabled
    are counted like any school, at their own :math:`\\nu`. Not rounded.

    References
    ----------
    Thông tư 20/2023/TT-BGDĐT, Điều 3, 7, 12, 17; Thông tư 16/2017/TT-BGDĐT, Điều 6-8 (quoted from
    secondary copies in ``teacher_norms.csv`` and ``leftover_pupil_norms.csv``).

    Examples
    --------
    A two-session primary school in region 1 with 1.011 pupils: 40 classes of 25, 11 pupils left:
    40 × 1,5 + 11/12 = 60,92 (61 once rounded); read in whole multiples the 11 earn none (60):

    >>> teachers_by_norm(1011, "primary", 1, 2, date="2024-01-01")["calculation"]
    '⌊1.011 / 25⌋ = 40 lớp × 1,50 + 11 / 12 = 0,92 → 60,92 (tối đa)'
    >>> teachers_by_norm(1011, "primary", 1, 2, date="2024-01-01", leftover="whole")["norm_teachers"]
    60.0
    """
    _check_leftover(leftover)
    if sessions not in (1, 2) or isinstance(sessions, (bool, str)):
        raise_data_error("số buổi không hợp lệ / invalid sessions", [dict(
            file="sessions", row=None, column="sessions", value=sessions,
            expected="1 hoặc 2 buổi/ngày (số nguyên) / 1 or 2 sessions a day")])
    regime = norms_regime(date)
    nu = teacher_norm(level, sessions, school_type, date)
    b = int(pupils_per_class) if pupils_per_class else class_size_basis(level, region, date)
    E = int(pupils)
    k = pupils_per_extra_teacher(level, region, date) if school_type not in _CHARTER_TYPES else None
    if regime == "2017" or k is None:
        n = -(-E // b)
        return dict(norm_classes=n, leftover_pupils=0, extra_teachers=0.0, norm_teachers=n * nu,
                    leftover_reading="",
                    calculation=f"⌈{format_number(E, 0)} / {b}⌉ = {n} lớp × {format_number(nu, 2)} → "
                                f"{format_number(n * nu, 2 if n * nu != int(n * nu) else 0)} (tối đa)")
    n, left = E // b, E % b
    extra = _extra(left, k, leftover)
    total = n * nu + extra
    return dict(norm_classes=n, leftover_pupils=left, extra_teachers=extra, norm_teachers=total,
                leftover_reading=leftover,
                calculation=f"⌊{format_number(E, 0)} / {b}⌋ = {n} lớp × {format_number(nu, 2)} + "
                            f"{_op(left, k, extra, leftover)} → "
                            f"{format_number(total, 2 if total != int(total) else 0)} (tối đa)")


def teachers_needed_per_school(schools: pd.DataFrame, date=None, multigrade_cap: int | None = None,
                               by: Sequence[str] | None = None, leftover: str = "pro-rata") -> pd.DataFrame:
    """Classes and whole teachers each school needs at the norms, then summed (never netted) by ``by``.

    ``classes`` are the classes to open, grade by grade (:func:`classes_per_school`). Teachers
    follow the circular in force:

    - from 16/12/2023, general levels (Thông tư 20/2023): the school's pupils of a level (all its
      grades and sessions together, so the remainder is the school's own) divided by the regional
      average, the full classes at the norm and the pupils left over at one teacher per 12/15/17
      (primary) or 17/20/22 (secondary) (:func:`teachers_by_norm`). Where a school has one- and
      two-session classes, the full classes get the norm averaged over its pupils (an
      interpretation, said so in ``calculation``): :math:`\\bar\\nu = \\sum_s E_s \\nu_s / E`.
      Ethnic boarding (nội trú) and specialised (chuyên) schools, whose class sizes their charters
      set (Điều 3 khoản 2 điểm d), and multi-grade classes: the classes to open at the norm;
    - from 16/12/2023, preschool (Thông tư 19/2023, Điều 5 khoản 1): per age (and ``site``), full
      groups of 15/20/25 (nursery) or classes of 25/30/35 (kindergarten) at 2,5 / 2,2, the children
      left over at one teacher per 6/8/10/11/14/16 (``grade`` is the age, 0 = 3-12 months … 5 =
      5-6 years); a school location (điểm trường, column ``site``; the whole school where no site
      is given) with only one group or class, short of children, gets 2,0 (điểm đ); multi-grade
      groups get the group norm (điểm d);
    - until 15/12/2023: general levels, the classes to open at the norm (Thông tư 16/2017);
      preschool (TTLT 06/2015), full groups at the norm (Điều 3's maxima 15/20/25 and 25/30/35)
      and the children who cannot fill a group at one teacher per 6/8/10 (nursery), 11/14/16
      (two-session) or 21/25/29 (one-session kindergarten) (Điều 5 khoản 3 điểm b); a row marked
      ``short_of_children`` is staffed per child throughout.

    .. math:: T_s = \\left\\lceil \\sum_{\\text{groups}} \\left( \\left\\lfloor \\frac{E}{b} \\right\\rfloor \\nu
              + \\frac{E \\bmod b}{k} \\right) \\right\\rceil

    The reading of "cứ k học sinh … thêm 01 giáo viên": ``leftover="pro-rata"`` (default), as
    above, with the teachers rounded up **once** per school and level at the end (nursery groups and
    kindergarten classes together, as ``level`` ``preschool``) (a school cannot
    be allotted 43,5 teachers, and a school with pupils always gets at least one); ``"whole"``
    counts whole multiples :math:`\\lfloor (E \\bmod b)/k \\rfloor`, the literal text, and says in
    ``note`` where that leaves a school with pupils and no teacher. ``leftover_reading`` states the
    reading used. The norms are maxima ("tối đa"): this is the most a school may be allotted. An
    optional ``pupils_per_class`` column holds a class size the province set for a special school
    (TT 20/2023 Điều 3 khoản 4).

    References
    ----------
    Thông tư 20/2023/TT-BGDĐT (Điều 3, 7, 12, 17) and 19/2023/TT-BGDĐT (Điều 5) from 16/12/2023;
    Thông tư 16/2017/TT-BGDĐT (Điều 6-8) and TTLT 06/2015/TTLT-BGDĐT-BNV (Điều 3, 5) until 15/12/2023;
    quoted from secondary copies in ``teacher_norms.csv``, ``leftover_pupil_norms.csv`` and
    ``preschool_child_norms.csv``.

    Examples
    --------
    The handbook's worked example: 1.000 primary pupils, 200 per grade, in a two-session region-1
    school after 16/12/2023: 1.000 / 25 = 40 classes, 40 × 1,50 = 60 teachers (counted on the
    maximum class size of 35 it would have been 29 classes and 43,5 teachers):

    >>> s = pd.DataFrame({"school": "A", "region": 1, "level": "primary", "grade": [1, 2, 3, 4, 5],
    ...                   "pupils": 200, "sessions": 2})
    >>> teachers_needed_per_school(s, "2024-09-05")[["classes", "teachers_needed", "calculation"]].to_dict("records")
    [{'classes': 40, 'teachers_needed': 60, 'calculation': '⌊1.000 / 25⌋ = 40 lớp × 1,50 + 0 / 12 = 0,00 = 60 (tối đa)'}]

    A region-3 primary school of 15 pupils opens one class; pro rata it gets 15/17 = 0,88 → 1
    teacher, read in whole multiples ⌊15/17⌋ = 0, and the note says so:

    >>> t = pd.DataFrame({"school": "C", "region": 3, "level": "primary", "grade": 1, "pupils": [15], "sessions": 2})
    >>> teachers_needed_per_school(t, "2024-09-05")[["classes", "teachers_needed"]].to_dict("records")
    [{'classes': 1, 'teachers_needed': 1}]
    >>> teachers_needed_per_school(t, "2024-09-05", leftover="whole")["note"].item().startswith("0 giáo viên cho 15 học sinh")
    True

    A kindergarten of 40 five-year-olds after 16/12/2023: one class of 35 (2,2) and 5 children
    left: 2,2 + 5/16 = 2,51 → 3 teachers; with 51, 16 left: 2,2 + 1 → 4.

    >>> k = pd.DataFrame({"school": ["A", "B"], "region": 3, "level": "kindergarten", "grade": 5,
    ...                   "pupils": [40, 51], "sessions": 2})
    >>> teachers_needed_per_school(k, "2024-09-05")["teachers_needed"].tolist()
    [3, 4]
    """
    _check_leftover(leftover)
    c = classes_per_school(schools, date, multigrade_cap)
    keys = [k for k in ("district", "locality", "year") if k in c.columns] + ["school", "level"]
    regime, idx = norms_regime(date), _norm_index()
    c["level_u"] = [_unit_level(lv) for lv in c["level"]]
    norms = []
    for lv, ss, st in zip(c["level_u"], c["sessions"], c["school_type"]):
        k = (regime, lv, int(ss), st)
        if k not in idx:
            raise ValueError(f"không có định mức / no teacher norm for level={lv!r}, sessions={ss}, school_type={st!r} "
                             f"({'TT 20/19 2023' if regime == '2023' else 'TT 16/2017, TTLT 06/2015'})")
        norms.append(idx[k])
    c["norm"] = norms
    whole = leftover == "whole"
    fmt2 = lambda v: format_number(v, 2)  # noqa: E731
    pre = c["level"].isin(list(_PRESCHOOL_UNITS))
    parts = []  # one frame of (keys, exact, term) per kind of unit

    # general levels, regime 2023: the school's pupils of the level together (TT 20/2023 Điều 3, 7, 12, 17)
    tt20 = ~pre & ~c["multigrade"] & ~c["school_type"].isin(list(_CHARTER_TYPES)) & (regime == "2023")
    gen = c[tt20]
    if len(gen):
        gen = gen.assign(own=gen["pupils_per_class"].fillna(0).astype(int), nuE=gen["pupils"] * gen["norm"])
        gk = keys + ["region", "school_type", "own"]
        g = gen.groupby(gk, sort=True).agg(pupils=("pupils", "sum"), nuE=("nuE", "sum")).reset_index()
        sn = gen.groupby(gk + ["sessions", "norm"], sort=True)["pupils"].sum().reset_index()
        sn = sn[sn["pupils"] > 0]
        mixed = sn.groupby(gk, sort=False)["norm"].transform("nunique") > 1
        mix_of = {}
        for r_ in sn[mixed].itertuples(index=False):
            mix_of.setdefault(tuple(getattr(r_, k) for k in gk), []).append((r_.pupils, r_.norm))
        mix = [mix_of.get(tuple(v), []) for v in g[gk].itertuples(index=False, name=None)]
        bidx, lidx = _basis_index(), _leftover_index()
        g["b"] = [int(o) if o else bidx[(regime, _unit_level(lv), int(r))] for o, lv, r in zip(g["own"], g["level"], g["region"])]
        g["k"] = [lidx.get((regime, _unit_level(lv), int(r))) for lv, r in zip(g["level"], g["region"])]
        g["nu"] = np.where(g["pupils"] > 0, g["nuE"] / g["pupils"].where(g["pupils"] > 0, 1), 0.0)
        full, left = g["pupils"] // g["b"], g["pupils"] % g["b"]
        extra = [0.0 if k is None else _extra(lf, k, leftover) for lf, k in zip(left, g["k"])]
        g["exact"] = full * g["nu"] + extra
        terms = []
        for E, b, n, v, lf, k, x, mx in zip(g["pupils"], g["b"], full, g["nu"], left, g["k"], extra, mix):
            nu_txt = fmt2(v) if not mx else (
                f"{fmt2(v)} (bình quân theo học sinh / pupil-weighted: ("
                + " + ".join(f"{format_number(m[0], 0)} × {fmt2(m[1])}" for m in mx) + f") / {format_number(E, 0)})")
            t = f"⌊{format_number(E, 0)} / {b}⌋ = {n} lớp × {nu_txt}"
            terms.append(t + (f" + {_op(lf, k, x, leftover)}" if k is not None else ""))
        g["term"] = terms
        parts.append(g[keys + ["exact", "term"]])

    # preschool (TT 19/2023 Điều 5 khoản 1; TTLT 06/2015 Điều 3, Điều 5 khoản 3)
    ps = c[pre & ~c["multigrade"]]
    if len(ps):
        cidx = _child_index()
        ps = ps.copy()
        band = [cidx[(regime, int(a))] for a in ps["grade"]]
        ps["gmax"] = [bd["group_max"] for bd in band]
        ps["k"] = [bd["k"][int(ss)] for bd, ss in zip(band, ps["sessions"])]
        ps["band"] = [bd["band"] for bd in band]
        unit = np.where(ps["level_u"] == "nursery", "nhóm", "lớp")
        full, left = ps["pupils"] // ps["gmax"], ps["pupils"] % ps["gmax"]
        short = ps["short_of_children"].to_numpy() & (regime == "2017")
        full = np.where(short, 0, full)
        left = np.where(short, ps["pupils"], left)
        extra = np.array([_extra(lf, k, leftover) for lf, k in zip(left, ps["k"])])
        if regime == "2023":
            site_keys = keys[:-1] + ["site"]
            # groups and classes with children at the site (an age listed with 0 children opens nothing)
            held = c[pre & (c["pupils"] > 0)]
            n_rows = held.groupby(site_keys, sort=False)["pupils"].transform("size").reindex(ps.index)
            lone = ((n_rows == 1) & (ps["pupils"] > 0) & (ps["pupils"] < ps["gmax"])).to_numpy()  # điểm đ
        else:
            lone = np.zeros(len(ps), dtype=bool)
        ps["exact"] = np.where(lone, 2.0, full * ps["norm"] + extra)
        ps["term"] = [f"1 {u} duy nhất ở điểm trường, {E} trẻ < {gm} → 2,0" if ln else
                      (f"{bd}: ⌊{E} / {gm}⌋ = {n} {u} × {fmt2(v)} + " if not sh else f"{bd} (thiếu trẻ / short): ")
                      + _op(lf, k, x, leftover)
                      for ln, sh, u, E, gm, bd, n, v, lf, k, x in zip(lone, short, unit, ps["pupils"], ps["gmax"], ps["band"],
                                                                       full, ps["norm"], left, ps["k"], extra)]
        parts.append(ps[keys + ["exact", "term"]])

    # classes at the norm: general levels before 16/12/2023, ethnic boarding and specialised schools (their
    # charters set the class size, TT 20/2023 Điều 3 khoản 2 điểm d), every multi-grade class or group
    rest = c[(~pre & ~tt20) | (pre & c["multigrade"])]
    if len(rest):
        r = rest.groupby(keys + ["multigrade", "norm"], sort=False)["classes"].sum().reset_index()
        r["exact"] = r["classes"] * r["norm"]
        r["term"] = [f"{n} {'nhóm' if lv == 'nursery' else 'lớp'}{' ghép' if mg else ''} × {fmt2(v)}"
                     for n, lv, mg, v in zip(r["classes"], r["level"], r["multigrade"], r["norm"])]
        parts.append(r[keys + ["exact", "term"]])

    terms = pd.concat(parts, ignore_index=True)
    # nursery groups and kindergarten classes are one preschool staff: rounded up once per school, not per level
    terms["level"] = terms["level"].replace({"nursery": "preschool", "kindergarten": "preschool"})
    c["level"] = c["level"].replace({"nursery": "preschool", "kindergarten": "preschool"})
    agg = terms.groupby(keys, sort=True).agg(norm_teachers=("exact", "sum"), calculation=("term", " + ".join)).reset_index()
    base = c.groupby(keys, sort=True).agg(pupils=("pupils", "sum"), classes=("classes", "sum")).reset_index()
    out = base.merge(agg, on=keys, how="left")
    out["pupils"] = out["pupils"].astype(int)
    out["classes"] = out["classes"].astype(int)
    out["teachers_needed"] = [math.ceil(round(x, 9)) for x in out["norm_teachers"]]
    out["calculation"] = [f"{cal} = {format_number(x, 0 if x == int(x) else 2)}" + ("" if n == x else f" → {n}") + " (tối đa)"
                          for cal, x, n in zip(out["calculation"], out["norm_teachers"], out["teachers_needed"])]
    out["leftover_reading"] = leftover
    out["note"] = [f"0 giáo viên cho {E} học sinh: cách đọc ‘whole’ (bội số nguyên) không cho giáo viên nào; "
                   f"leftover='pro-rata' cho ít nhất 1 / 0 teachers for {E} pupils under the literal 'whole' reading"
                   if (whole and n == 0 and E > 0) else "" for E, n in zip(out["pupils"], out["teachers_needed"])]
    out = out[keys + ["pupils", "classes", "norm_teachers", "teachers_needed", "leftover_reading", "note", "calculation"]]
    if by is not None:
        by = list(by)
        out = out.groupby(by + ["level"], as_index=False, sort=True)[["pupils", "classes", "teachers_needed"]].sum()
        out["leftover_reading"] = leftover
    return out


def classes_lower_bound(pupils: float, level: str, region: int = 3, date=None) -> dict:
    """Classes counted on a locality's total: only a **lower bound** (cận dưới) of the classes needed.

    .. math:: n \\geq \\left\\lceil \\frac{E}{b_{L,r}} \\right\\rceil

    Pitfall: small schools and satellite sites need more classes than the total suggests
    (83 pupils in schools of 36, 20, 15 and 12 need 5 classes, the total says 3).

    References
    ----------
    The circulars of :func:`class_size_basis` (the basis ``b`` it returns).

    Examples
    --------
    >>> classes_lower_bound(83, "primary", 3, "2024-09-05")
    {'classes_lower_bound': 3, 'label': 'cận dưới / lower bound: ⌈83 / 35⌉ = 3; số lớp thật đếm theo từng trường'}
    """
    b = class_size_basis(level, region, date)
    n = math.ceil(pupils / b)
    return {"classes_lower_bound": n,
            "label": f"cận dưới / lower bound: ⌈{format_number(pupils, 0)} / {b}⌉ = {n}; số lớp thật đếm theo từng trường"}


_DOCS = {"2017": "TT 16/2017, TTLT 06/2015", "2023": "TT 20/2023, TT 19/2023"}


def _classes(classes, by, date=None):
    if not isinstance(classes, pd.DataFrame):
        raise TypeError(f"classes: expected a pandas DataFrame, got {type(classes).__name__}")
    c = classes.reset_index(drop=True)
    c.index = c.index + 2  # rows as a spreadsheet counts them: the header is row 1
    raise_data_error("bảng lớp không hợp lệ / classes table is invalid",
                     _text_numbers(c, "classes", ["classes", "sessions", "year"]))
    c = check_table(c, "classes", required=list(by) + ["level", "sessions", "classes"], counts=["classes"])
    raise_data_error("bảng lớp không hợp lệ / classes table is invalid",
                     _whole_in(c, "classes", "sessions", (1, 2), "1 hoặc 2 buổi/ngày (số nguyên) / 1 or 2 sessions a day"))
    if "school_type" not in c.columns:
        c["school_type"] = "regular"
    if date is None and "year" not in c.columns:
        raise_data_error("không biết định mức năm nào / which norms apply is unknown", [dict(
            file="classes", row=None, column="year", value=None,
            expected="cột year (năm học) hoặc tham số date / a year column or the date argument")])
    problems, norms, regimes = [], [], []
    for i, r in c.iterrows():
        d = date if date is not None else r["year"]
        try:
            regimes.append(norms_regime(d))
            norms.append(teacher_norm(r["level"], int(r["sessions"]), r["school_type"], d))
        except ValueError as exc:
            norms.append(np.nan)
            problems.append(dict(file="classes", row=i, column="level", value=r["level"], expected=str(exc)))
    raise_data_error("bảng lớp không hợp lệ / classes table is invalid", problems)
    c["norm"] = norms
    c["norm_doc"] = [_DOCS[g] for g in regimes]
    # a nursery group is a "nhóm", every other unit a "lớp"; groups and classes add up to one preschool level
    c["unit_vi"] = np.where(c["level"] == "nursery", "nhóm", "lớp")
    c["level"] = c["level"].replace({"nursery": "preschool", "kindergarten": "preschool"})
    return c.reset_index(drop=True)


def teachers_required(classes: pd.DataFrame, by: Sequence[str] = BY, rounding: str = "ceil",
                      date=None) -> pd.DataFrame:
    """Teachers required at the norms: classes × teachers per class, summed by level.

    .. math:: T^{*}_L = \\sum_{s,\\,k} n_{L,s,k} \\times \\nu_{L,s,k}

    with :math:`n` the classes of level :math:`L` taught :math:`s` sessions a day in schools of
    type :math:`k` and :math:`\\nu` the norm (primary 1,20 or 1,50; lower secondary 1,90; upper
    secondary 2,25; ethnic boarding 2,20 / 2,40; specialised 3,10; nursery group 2,50; kindergarten
    class 1,20 or 2,20). The sum is rounded up to
    whole teachers once per level (``rounding``: ``ceil``, the default used throughout the package,
    ``round`` or ``none``). The norms are maxima ("tối đa"), said so in the ``norm`` column.
    ``date`` picks the circulars in force (:func:`norms_regime`); without it each row's norms are
    those in force at the start of its school year (``year`` :math:`Y` = school year (Y−1)-Y, read
    on 5/9/(Y−1)): 2024 (2023-2024) is under TT 16/2017 and TTLT 06/2015, 2025 under TT 20/2023 and
    19/2023. ``norm`` names the circulars used. Rows are named as a spreadsheet counts them.

    References
    ----------
    Thông tư 16/2017/TT-BGDĐT, Điều 6-8 (định mức giáo viên phổ thông); Thông tư liên tịch
    06/2015/TTLT-BGDĐT-BNV (mầm non).

    Examples
    --------
    >>> c = pd.DataFrame({"locality": "A", "year": 2022, "level": "primary", "sessions": [2, 1], "classes": [120, 40]})
    >>> teachers_required(c)[["level", "classes", "teachers_required", "norm", "calculation"]].to_dict("records")
    [{'level': 'primary', 'classes': 160.0, 'teachers_required': 228.0, 'norm': 'TT 16/2017, TTLT 06/2015 (tối đa / maxima)', 'calculation': '120 lớp × 1,50 + 40 lớp × 1,20 = 228'}]

    Ten one-session kindergarten classes in 2022 (2021-2022): TTLT 06/2015's 1,2 each, 12 teachers;
    in 2025 (2024-2025) TT 19/2023's 2,2, 22:

    >>> k = pd.DataFrame({"locality": "A", "year": [2022, 2025], "level": "kindergarten", "sessions": 1, "classes": 10})
    >>> teachers_required(k)["teachers_required"].tolist()
    [12.0, 22.0]
    """
    by = list(by)
    c = _classes(classes, by, date)
    c["norm_teachers"] = c["classes"] * c["norm"]
    rows = []
    for key, g in c.groupby(by + ["level"], sort=True):
        exact = g["norm_teachers"].sum()
        req = {"round": math.floor(exact + 0.5), "ceil": math.ceil(round(exact, 9)), "none": exact}[rounding]
        # classes under the same norm are added first, so the calculation reads as a planner writes it
        by_norm = g.groupby(["unit_vi", "sessions", "norm"], sort=False)["classes"].sum().reset_index()
        terms = " + ".join(f"{format_number(n, 0)} {u} × {format_number(v, 2)}"
                           for n, u, v in zip(by_norm["classes"], by_norm["unit_vi"], by_norm["norm"]))
        calc = f"{terms} = {format_number(exact, 2 if not float(round(exact, 2)).is_integer() else 0)}"
        rows.append(dict(zip(by + ["level"], key), classes=g["classes"].sum(), norm_teachers=exact,
                         teachers_required=float(req), norm="; ".join(sorted(set(g["norm_doc"]))) + " (tối đa / maxima)",
                         calculation=calc))
    return pd.DataFrame(rows)


def teacher_surplus_shortage(classes: pd.DataFrame, teachers: pd.DataFrame, by: Sequence[str] = BY,
                             groups: dict | None = None, rounding: str = "ceil", unit: str | None = None,
                             date=None, pooled: bool = False) -> pd.DataFrame:
    """Teachers in post against the norms: the surplus (thừa) and shortage (thiếu), never netted.

    .. math::

        \\text{thiếu} = \\sum_{u,L} \\max(0,\\ T^{*}_{u,L} - T_{u,L}),\\qquad
        \\text{thừa} = \\sum_{u,L} \\max(0,\\ T_{u,L} - T^{*}_{u,L})

    over the units :math:`u` (communes, with ``unit="locality"``) and the levels :math:`L` of a
    group. A surplus in one level or commune never fills a shortage in another: a district shows
    its total shortage and its total surplus side by side (``status`` ``thiếu và thừa``).

    ``groups`` sums levels the way a report does, e.g. ``{"preschool+primary": ["preschool",
    "primary"]}`` for Thiệu Hóa's "Mầm non và Tiểu học thiếu 255 giáo viên"; the group's shortage
    is the sum of its levels' shortages and its surplus the sum of their surpluses. ``unit``: a
    column finer than ``by`` (e.g. ``"locality"`` with ``by=["district", "year"]``) at which the
    balance is struck first. Without ``unit``, the balance is struck per ``locality`` (then
    ``school``) when both tables hold that column and ``by`` does not, and otherwise per row of
    ``by``: shortages and surpluses are summed separately, never netted. ``pooled=True`` asks
    for the other figure, the classes and teachers of ``by`` pooled before the balance, as a
    district report does (the figure reproduced by :mod:`edustats.reconcile`); it nets units
    against each other and says so in ``basis``. ``date``: as :func:`teachers_required` (without
    it, each row's school year picks its norms).

    Returns ``by``, ``level``, ``classes``, ``teachers_required``, ``teachers_in_post``, ``gap``
    (in post − required, for one level and unit only; NaN where it would net), ``shortage``,
    ``surplus``, ``status`` (``thiếu`` / ``thừa`` / ``thiếu và thừa`` / ``đủ``), ``basis`` (per unit
    or pooled), ``norm`` (the circulars used, maxima: "tối đa") and ``calculation``.

    References
    ----------
    Thông tư 16/2017/TT-BGDĐT; Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV; from 16/12/2023 Thông tư
    20/2023 and 19/2023 (the norms are maxima, "tối đa").

    Examples
    --------
    >>> c = pd.DataFrame({"locality": "A", "year": 2022, "level": ["primary", "lower-secondary"],
    ...                   "sessions": [2, 1], "classes": [100, 50]})
    >>> t = pd.DataFrame({"locality": "A", "year": 2022, "level": ["primary", "lower-secondary"], "teachers": [140, 100]})
    >>> teacher_surplus_shortage(c, t)[["level", "teachers_required", "teachers_in_post", "shortage", "surplus", "status"]].to_dict("records")
    [{'level': 'lower-secondary', 'teachers_required': 95.0, 'teachers_in_post': 100.0, 'shortage': 0.0, 'surplus': 5.0, 'status': 'thừa'}, {'level': 'primary', 'teachers_required': 150.0, 'teachers_in_post': 140.0, 'shortage': 10.0, 'surplus': 0.0, 'status': 'thiếu'}]

    Preschool lacks 100 and primary has 30 too many: the group shows both, not "thiếu 70":

    >>> c = pd.DataFrame({"locality": "A", "year": 2022, "level": ["preschool", "primary"], "sessions": 2, "classes": [100, 100]})
    >>> t = pd.DataFrame({"locality": "A", "year": 2022, "level": ["preschool", "primary"], "teachers": [120, 180]})
    >>> g = teacher_surplus_shortage(c, t, groups={"MN+TH": ["preschool", "primary"]})
    >>> g[["shortage", "surplus", "status"]].to_dict("records")
    [{'shortage': 100.0, 'surplus': 30.0, 'status': 'thiếu và thừa'}]
    """
    by = list(by)
    if pooled and unit:
        raise ValueError("pooled=True gộp các đơn vị, unit tách chúng: chọn một / pooled=True and unit= contradict")
    if unit is None and not pooled:
        unit = next((u for u in ("locality", "school") if u not in by and u in classes.columns
                     and u in teachers.columns), None)
    work_by = by + ([unit] if unit and unit not in by else [])
    req = teachers_required(classes, work_by, rounding, date)
    t = teachers.reset_index(drop=True)
    t.index = t.index + 2  # rows as a spreadsheet counts them: the header is row 1
    raise_data_error("bảng giáo viên không hợp lệ / teachers table is invalid", _text_numbers(t, "teachers", ["teachers"]))
    t = check_table(t, "teachers", required=work_by + ["level", "teachers"], counts=["teachers"])
    t = t.assign(level=t["level"].replace({"nursery": "preschool", "kindergarten": "preschool"}))
    t = t.groupby(work_by + ["level"], as_index=False)["teachers"].sum().rename(columns={"teachers": "teachers_in_post"})
    m = req.merge(t, on=work_by + ["level"], how="outer", indicator="_m")
    problems = [dict(file="teachers" if r["_m"] == "left_only" else "classes", row=None, column="level",
                     value=", ".join(str(r[k]) for k in work_by + ["level"]),
                     expected="giáo viên hiện có cho mỗi cấp có lớp / teachers in post for every level with classes"
                     if r["_m"] == "left_only"
                     else "số lớp cho mỗi cấp có giáo viên / classes for every level with teachers")
                for _, r in m[m["_m"] != "both"].iterrows()]
    raise_data_error("không tính được thừa thiếu / teacher_surplus_shortage cannot be computed", problems)
    m = m.drop(columns="_m")
    m["gap"] = m["teachers_in_post"] - m["teachers_required"]
    m["shortage"] = (-m["gap"]).clip(lower=0.0)
    m["surplus"] = m["gap"].clip(lower=0.0)
    nums = ["classes", "norm_teachers", "teachers_required", "teachers_in_post", "shortage", "surplus"]
    if groups:
        parts = []
        for name, levels in groups.items():
            g = m[m["level"].isin(levels)]
            agg = g.groupby(by, as_index=False)[nums].sum()
            agg["calculation"] = g.groupby(by)["calculation"].agg(lambda s: "; ".join(s)).to_numpy()
            agg["norm"] = g.groupby(by)["norm"].agg(lambda s: "; ".join(sorted(set(s)))).to_numpy()
            agg["level"] = name
            agg["_n"] = g.groupby(by)["level"].size().to_numpy()
            parts.append(agg)
        m = pd.concat(parts, ignore_index=True)
        m["gap"] = np.where(m["_n"] == 1, m["teachers_in_post"] - m["teachers_required"], np.nan)
        m = m.drop(columns="_n")
    elif len(work_by) > len(by):
        g = m.groupby(by + ["level"], sort=True)
        agg = g[nums].sum().reset_index()
        agg["calculation"] = g["calculation"].agg(lambda s: "; ".join(s)).to_numpy()
        agg["norm"] = g["norm"].agg(lambda s: "; ".join(sorted(set(s)))).to_numpy()
        one = g.size().to_numpy() == 1
        agg["gap"] = np.where(one, agg["teachers_in_post"] - agg["teachers_required"], np.nan)
        m = agg
    m["status"] = np.select([(m["shortage"] > 0) & (m["surplus"] > 0), m["shortage"] > 0, m["surplus"] > 0],
                            ["thiếu và thừa", "thiếu", "thừa"], "đủ")
    m["basis"] = ("gộp cả địa bàn, bù trừ giữa các đơn vị / pooled, netted across units" if pooled else
                  f"theo từng {unit}, không bù trừ / per {unit}, never netted" if unit and unit not in by else
                  "theo từng dòng, không bù trừ / per row, never netted")
    cols = by + ["level", "classes", "norm_teachers", "teachers_required", "teachers_in_post", "gap", "shortage",
                 "surplus", "status", "basis", "norm", "calculation"]
    return m[cols].sort_values(by + ["level"], kind="stable").reset_index(drop=True)


def shortage_surplus_totals(balance: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Total shortage and total surplus side by side for an area, summed over its units and levels, never netted.

    .. math:: \\text{thiếu}_A = \\sum_{u \\in A} \\text{thiếu}_u,\\qquad \\text{thừa}_A = \\sum_{u \\in A} \\text{thừa}_u

    Pitfall: a district total computed on pooled classes and teachers nets one commune's surplus
    against another's shortage ("0" while a commune lacks 10).

    References
    ----------
    Issue #21 (no netting across levels or communes); norms as in :func:`teacher_surplus_shortage`.

    Examples
    --------
    A district whose commune X lacks 10 teachers while commune Y has 10 too many shows both, not 0:

    >>> b = pd.DataFrame({"district": "D", "locality": ["X", "Y"], "level": "primary", "shortage": [10, 0], "surplus": [0, 10]})
    >>> shortage_surplus_totals(b, ["district"]).to_dict("records")
    [{'district': 'D', 'shortage': 10, 'surplus': 10, 'units_short': 1, 'units_surplus': 1}]
    """
    by = list(by)
    g = balance.groupby(by, sort=True)
    out = g[["shortage", "surplus"]].sum().reset_index()
    out["units_short"] = g["shortage"].apply(lambda s: int((s > 0).sum())).to_numpy()
    out["units_surplus"] = g["surplus"].apply(lambda s: int((s > 0).sum())).to_numpy()
    return out


def _ratio(num, den, by, level, indicator, num_col, den_col, what):
    out = rate_frame(num, den, by, indicator=indicator, level=level, num_col=num_col, den_col=den_col, scale=1.0,
                     bounded=False, unit="ratio", what=what)
    return out


def pupil_teacher_ratio(enrolment: pd.DataFrame, teachers: pd.DataFrame, level: str,
                        by: Sequence[str] = BY) -> pd.DataFrame:
    """Pupil-teacher ratio (PTR): pupils per teacher at a level.

    .. math:: \\mathrm{PTR}_L = \\frac{E_L}{T_L}

    Pitfall: official yearbooks print the ratio rounded to whole pupils ("19 học sinh/giáo
    viên"); compare at that precision, and count the same teachers (teaching staff, not managers).

    References
    ----------
    UNESCO UIS, Education Indicators Technical Guidelines (2009), "Pupil-teacher ratio";
    Cục Thống kê tỉnh Hòa Bình, Niên giám thống kê 2021, p. 613 ("Education and training in 2021").

    Examples
    --------
    Hòa Bình province, school year 2021-2022, as published in its statistical yearbook: 86.413
    primary pupils and 4.527 primary teachers, "19 students/teacher":

    >>> e = pd.DataFrame({"locality": "Hòa Bình", "year": 2021, "level": "primary", "enrolment": [86413]})
    >>> t = pd.DataFrame({"locality": "Hòa Bình", "year": 2021, "level": "primary", "teachers": [4527]})
    >>> pupil_teacher_ratio(e, t, "primary")[["numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'numerator': 86413.0, 'denominator': 4527.0, 'value': 19.09}]
    """
    by = list(by)
    e = check_table(_sheet(enrolment, "enrolment"), "enrolment", required=by + ["level", "enrolment"], counts=["enrolment"])
    t = check_table(_sheet(teachers, "teachers"), "teachers", required=by + ["level", "teachers"], counts=["teachers"])
    num = e[e["level"] == level].groupby(by, as_index=False)["enrolment"].sum()
    den = t[t["level"] == level].groupby(by, as_index=False)["teachers"].sum()
    return _ratio(num, den, by, level, "pupil_teacher_ratio", "enrolment", "teachers", "teachers")


def pupil_class_ratio(enrolment: pd.DataFrame, classes: pd.DataFrame, level: str,
                      by: Sequence[str] = BY) -> pd.DataFrame:
    """Pupils per class, with a flag where the average is above the class-size cap.

    .. math:: \\frac{E_L}{n_L} \\quad (\\text{cap: primary 35, secondary 45})

    References
    ----------
    Điều lệ trường tiểu học (Thông tư 28/2020/TT-BGDĐT, Điều 7) and trường trung học (Thông tư
    32/2020/TT-BGDĐT, Điều 15): at most 35 and 45 pupils per class.

    Hệ thống chỉ tiêu thống kê cấp tỉnh: "Số học sinh phổ thông bình quân một lớp học" = pupils
    ÷ classes of the level; Cục Thống kê tỉnh Quảng Ngãi, Niên giám thống kê 2016, tables 211-212.

    Examples
    --------
    Quảng Ngãi province, preschool 2016, as published in its statistical yearbook: 51.345
    children in 1.819 classes and groups, "28,23" per class:

    >>> e = pd.DataFrame({"locality": "Quảng Ngãi", "year": 2016, "level": "preschool", "enrolment": [51345]})
    >>> c = pd.DataFrame({"locality": "Quảng Ngãi", "year": 2016, "level": "preschool", "classes": [1819]})
    >>> pupil_class_ratio(e, c, "preschool")[["numerator", "denominator", "value", "above_cap"]].round(2).to_dict("records")
    [{'numerator': 51345.0, 'denominator': 1819.0, 'value': 28.23, 'above_cap': False}]
    """
    by = list(by)
    e = check_table(_sheet(enrolment, "enrolment"), "enrolment", required=by + ["level", "enrolment"], counts=["enrolment"])
    c = check_table(_sheet(classes, "classes"), "classes", required=by + ["level", "classes"], counts=["classes"])
    num = e[e["level"] == level].groupby(by, as_index=False)["enrolment"].sum()
    den = c[c["level"] == level].groupby(by, as_index=False)["classes"].sum()
    out = _ratio(num, den, by, level, "pupil_class_ratio", "enrolment", "classes", "classes")
    out["above_cap"] = out["value"] > CLASS_SIZE_CAPS.get(level, np.inf)
    return out


_DEGREE_RANK = {"dưới trung cấp": 0, "trung cấp": 1, "cao đẳng": 2, "đại học": 3, "thạc sĩ": 4, "tiến sĩ": 5}
_REQUIRED_RANK = {"preschool": 2, "nursery": 2, "kindergarten": 2, "primary": 3, "lower-secondary": 3,
                  "upper-secondary": 3}


def qualification_status(degree: str, level: str) -> str:
    """``below``, ``standard`` or ``above`` the qualification standard for a level.

    Preschool teachers need a pedagogical college diploma (cao đẳng); primary and secondary
    teachers a bachelor's degree (đại học) in teacher training, or in the subject with a pedagogy
    certificate. Anything higher is "trên chuẩn". The documents' targets date from 2021-2022,
    under Luật Giáo dục 2019; from 1 January 2026 Luật Nhà giáo 2025, Điều 28, sets the same
    levels.

    Pitfall: a bachelor's degree outside teacher training counts only with the pedagogy
    certificate; a roster that records the degree alone can overstate the qualified share.

    .. math:: \\text{below if } r_d < r_L;\\quad \\text{standard if } r_d = r_L;\\quad \\text{above if } r_d > r_L

    with :math:`r_d` the rank of the degree and :math:`r_L` the rank the level requires.

    References
    ----------
    Luật Giáo dục 2019, Điều 72, khoản 1 (checked against the text on hethongphapluat.com);
    Luật Nhà giáo 2025, Điều 28 (from 1/1/2026); Nghị định 71/2020/NĐ-CP (roadmap for upgrading).

    Examples
    --------
    >>> qualification_status("cao đẳng", "preschool"), qualification_status("cao đẳng", "primary")
    ('standard', 'below')
    >>> qualification_status("thạc sĩ", "upper-secondary")
    'above'
    """
    d = degree.strip().lower()
    if d not in _DEGREE_RANK:
        raise ValueError(f"unknown degree {degree!r}; expected one of {', '.join(_DEGREE_RANK)}")
    if level not in _REQUIRED_RANK:
        raise ValueError(f"no qualification standard for level {level!r}")
    diff = _DEGREE_RANK[d] - _REQUIRED_RANK[level]
    return "below" if diff < 0 else ("standard" if diff == 0 else "above")


def qualified_teacher_share(teachers: pd.DataFrame, level: str, by: Sequence[str] = BY,
                            threshold: str = "standard") -> pd.DataFrame:
    """Share of teachers meeting (``threshold="standard"``) or exceeding (``"above"``) the standard.

    .. math::

        \\%\\text{đạt chuẩn} = 100\\,\\frac{T_{\\text{standard}} + T_{\\text{above}}}{T}, \\qquad
        \\%\\text{trên chuẩn} = 100\\,\\frac{T_{\\text{above}}}{T}

    ``teachers`` carries either ``qualification`` (below / standard / above) or ``degree``
    (mapped by :func:`qualification_status`).

    Pitfall: since Luật Giáo dục 2019 the standard rose (primary: college → bachelor's), so a
    series that straddles 2020 may fall with no change in staff; say which standard was used.

    References
    ----------
    Luật Giáo dục 2019, Điều 72; UNESCO UIS "Percentage of qualified teachers".

    Examples
    --------
    Lạc Sơn's target "95% giáo viên mầm non đạt chuẩn": 380 of 400 would meet it.

    >>> t = pd.DataFrame({"locality": "Lạc Sơn", "year": 2022, "level": "preschool",
    ...                   "degree": ["trung cấp", "cao đẳng", "đại học"], "teachers": [20, 250, 130]})
    >>> qualified_teacher_share(t, "preschool")[["numerator", "denominator", "value"]].to_dict("records")
    [{'numerator': 380.0, 'denominator': 400.0, 'value': 95.0}]
    """
    by = list(by)
    t = check_table(_sheet(teachers, "teachers"), "teachers", required=by + ["level", "teachers"], counts=["teachers"])
    t = t[t["level"] == level].copy()
    if "qualification" not in t.columns:
        check_table(t, "teachers", required=["degree"])
        problems, status = [], []
        for i, d in t["degree"].items():
            try:
                status.append(qualification_status(str(d), level))
            except ValueError as exc:
                status.append(None)
                problems.append(dict(file="teachers", row=i, column="degree", value=d, expected=str(exc)))
        raise_data_error("teachers table is invalid", problems)
        t["qualification"] = status
    bad = t[~t["qualification"].isin(["below", "standard", "above"])]
    raise_data_error("teachers table is invalid", [
        dict(file="teachers", row=i, column="qualification", value=v, expected="below, standard or above")
        for i, v in bad["qualification"].items()])
    ok = ["above"] if threshold == "above" else ["standard", "above"]
    den = t.groupby(by, as_index=False)["teachers"].sum()
    num = t[t["qualification"].isin(ok)].groupby(by, as_index=False)["teachers"].sum()
    ind = "above_standard_teacher_share" if threshold == "above" else "qualified_teacher_share"
    return rate_frame(num, den, by, indicator=ind, level=level, num_col="teachers", den_col="teachers",
                      what="teachers")


def nd71_status(roster: pd.DataFrame) -> pd.DataFrame:
    """Who Nghị định 71/2020 requires to upgrade: ``qualified``, ``required`` or ``exempt``, teacher by teacher.

    Điều 2: preschool and lower-secondary teachers below the standard with at least 7 years (84
    months) of service left on 1/7/2020 must upgrade; primary teachers with at least 8 years (96
    months) if they hold an intermediate diploma (trung cấp), 7 years (84 months) if a college
    diploma (cao đẳng). The others below the standard are exempt (Điều 3.2: the Minister decides).

    .. math:: \\text{required} \\iff r_d < r_L \\ \\wedge\\ m \\geq m^{*}_{L,d},\\qquad m^{*} \\in \\{84, 96\\}

    with :math:`m` the months of service left on 1/7/2020. Interpretation, said so: a primary
    teacher below trung cấp is given the trung cấp rule (96 months); the decree names only the two.

    Parameters
    ----------
    roster : DataFrame
        ``level, degree, months_left_2020`` (+ any other column, kept), one row per teacher or with
        a ``teachers`` count.

    References
    ----------
    Nghị định 71/2020/NĐ-CP, Điều 2 (``teacher_upgrading_nd71.csv``, quoted from the codified text).

    Examples
    --------
    >>> r = pd.DataFrame({"level": ["preschool", "preschool", "primary", "primary", "primary"],
    ...                   "degree": ["trung cấp", "trung cấp", "trung cấp", "cao đẳng", "đại học"],
    ...                   "months_left_2020": [84, 83, 95, 84, 10]})
    >>> nd71_status(r)["nd71"].tolist()
    ['required', 'exempt', 'exempt', 'required', 'qualified']
    """
    r = check_table(_sheet(roster, "roster"), "roster", required=["level", "degree", "months_left_2020"],
                    counts=["months_left_2020"])
    problems, out = [], []
    for i, row in r.iterrows():
        try:
            q = qualification_status(str(row["degree"]), row["level"])
        except ValueError as exc:
            problems.append(dict(file="roster", row=i, column="degree", value=row["degree"], expected=str(exc)))
            out.append(None)
            continue
        if q != "below":
            out.append("qualified")
            continue
        if row["level"] not in ("preschool", "nursery", "kindergarten", "primary", "lower-secondary"):
            problems.append(dict(file="roster", row=i, column="level", value=row["level"],
                                 expected="mầm non, tiểu học hoặc THCS (Nghị định 71/2020 Điều 2) / preschool, primary "
                                          "or lower secondary"))
            out.append(None)
            continue
        need = 96 if row["level"] == "primary" and _DEGREE_RANK[str(row["degree"]).strip().lower()] <= 1 else 84
        out.append("required" if row["months_left_2020"] >= need else "exempt")
    raise_data_error("danh sách giáo viên không hợp lệ / roster is invalid", problems)
    return r.assign(nd71=out)
