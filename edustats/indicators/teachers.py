"""Teachers: pupil-teacher and pupil-class ratios, staffing norms, surplus and shortage, qualification.

Input tables:

- ``classes``: ``locality, year, level, sessions, classes`` (+ optional ``school_type``:
  ``regular``, ``ethnic-boarding`` or ``specialised``); preschool ``level`` is ``nursery``
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
at 2,2 (TTLT 06/2015, Điều 4-5): a preschool table that lumps groups and classes together
understates the teachers needed.

Norms checked against the texts as quoted by thuvienphapluat.vn: Thông tư 16/2017/TT-BGDĐT,
Điều 7 (THCS 1,90; ethnic boarding and semi-boarding THCS 2,20) and Điều 8 (THPT 2,25; provincial
ethnic boarding 2,40; specialised THPT 3,10); primary 1,50 (two sessions) / 1,20 (one);
TTLT 06/2015/TTLT-BGDĐT-BNV (nursery group 2,5; kindergarten class 2,2 with two sessions, 1,2
with one). From 16/12/2023 Thông tư 20/2023 (general) and 19/2023 (preschool) keep these per-class
norms and add one teacher for each 12, 15 or 17 pupils left over by region after the classes are
formed (and a Đội leader per primary school); that addition is not coded here.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import raise_data_error
from ..vnformat import format_number
from ._core import check_table, rate_frame

__all__ = [
    "TEACHER_NORMS",
    "CLASS_SIZE_CAPS",
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
# preschool: Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV. Key: (level, sessions a day, school type).
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


def teacher_norm(level: str, sessions: int = 1, school_type: str = "regular") -> float:
    """Teachers per class at the norm, :math:`\\nu_{L,s,k}` in :func:`teachers_required`.

    .. math:: \\nu_{\\text{primary},2} = 1{,}50,\\quad \\nu_{\\text{primary},1} = 1{,}20,\\quad
              \\nu_{\\text{THCS}} = 1{,}90,\\quad \\nu_{\\text{THPT}} = 2{,}25

    References
    ----------
    Thông tư 16/2017/TT-BGDĐT, Điều 6-8; Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV (nursery group
    2,50; kindergarten class 2,20 with two sessions, 1,20 with one).

    Examples
    --------
    >>> teacher_norm("primary", 2)
    1.5
    >>> teacher_norm("preschool", 2)
    2.2
    >>> teacher_norm("nursery", 2), teacher_norm("upper-secondary", 1, "specialised")
    (2.5, 3.1)
    """
    key = (level, int(sessions), school_type)
    if key not in TEACHER_NORMS:
        raise ValueError(f"no teacher norm for level={level!r}, sessions={sessions}, school_type={school_type!r}")
    return TEACHER_NORMS[key]


def _classes(classes, by):
    c = check_table(classes, "classes", required=list(by) + ["level", "sessions", "classes"], counts=["classes"],
                    ranges={"sessions": (1, 2, "1 or 2 sessions a day")})
    if "school_type" not in c.columns:
        c["school_type"] = "regular"
    problems = []
    norms = []
    for i, r in c.iterrows():
        try:
            norms.append(teacher_norm(r["level"], r["sessions"], r["school_type"]))
        except ValueError as exc:
            norms.append(np.nan)
            problems.append(dict(file="classes", row=i, column="level", value=r["level"], expected=str(exc)))
    raise_data_error("classes table is invalid", problems)
    c["norm"] = norms
    # a nursery group is a "nhóm", every other unit a "lớp"; groups and classes add up to one preschool level
    c["unit_vi"] = np.where(c["level"] == "nursery", "nhóm", "lớp")
    c["level"] = c["level"].replace({"nursery": "preschool", "kindergarten": "preschool"})
    return c


def teachers_required(classes: pd.DataFrame, by: Sequence[str] = BY, rounding: str = "round") -> pd.DataFrame:
    """Teachers required at the norms: classes × teachers per class, summed by level.

    .. math:: T^{*}_L = \\sum_{s,\\,k} n_{L,s,k} \\times \\nu_{L,s,k}

    with :math:`n` the classes of level :math:`L` taught :math:`s` sessions a day in schools of
    type :math:`k` and :math:`\\nu` the norm (primary 1,20 or 1,50; lower secondary 1,90; upper
    secondary 2,25; ethnic boarding 2,20 / 2,40; specialised 3,10; nursery group 2,50; kindergarten
    class 1,20 or 2,20). The sum is rounded to
    whole teachers once per level (``rounding``: ``round``, ``ceil`` or ``none``).

    References
    ----------
    Thông tư 16/2017/TT-BGDĐT, Điều 6-8 (định mức giáo viên phổ thông); Thông tư liên tịch
    06/2015/TTLT-BGDĐT-BNV (mầm non).

    Examples
    --------
    >>> c = pd.DataFrame({"locality": "A", "year": 2022, "level": "primary", "sessions": [2, 1], "classes": [120, 40]})
    >>> teachers_required(c)[["level", "classes", "norm_teachers", "teachers_required", "calculation"]].to_dict("records")
    [{'level': 'primary', 'classes': 160.0, 'norm_teachers': 228.0, 'teachers_required': 228.0, 'calculation': '120 lớp × 1,50 + 40 lớp × 1,20 = 228'}]
    """
    by = list(by)
    c = _classes(classes, by)
    c["norm_teachers"] = c["classes"] * c["norm"]
    rows = []
    for key, g in c.groupby(by + ["level"], sort=True):
        exact = g["norm_teachers"].sum()
        req = {"round": math.floor(exact + 0.5), "ceil": math.ceil(exact - 1e-9), "none": exact}[rounding]
        # classes under the same norm are added first, so the calculation reads as a planner writes it
        by_norm = g.groupby(["unit_vi", "sessions", "norm"], sort=False)["classes"].sum().reset_index()
        terms = " + ".join(f"{format_number(n, 0)} {u} × {format_number(v, 2)}"
                           for n, u, v in zip(by_norm["classes"], by_norm["unit_vi"], by_norm["norm"]))
        calc = f"{terms} = {format_number(exact, 2 if not float(round(exact, 2)).is_integer() else 0)}"
        rows.append(dict(zip(by + ["level"], key), classes=g["classes"].sum(), norm_teachers=exact,
                         teachers_required=float(req), calculation=calc))
    return pd.DataFrame(rows)


def teacher_surplus_shortage(classes: pd.DataFrame, teachers: pd.DataFrame, by: Sequence[str] = BY,
                             groups: dict | None = None, rounding: str = "round") -> pd.DataFrame:
    """Teachers in post against the norms: the surplus (thừa) or shortage (thiếu) by level.

    .. math:: \\Delta_L = T_L - T^{*}_L \\quad (\\Delta < 0: \\text{thiếu } |\\Delta|;\\ \\Delta > 0: \\text{thừa } \\Delta)

    ``groups`` sums levels the way a report does, e.g. ``{"preschool+primary": ["preschool",
    "primary"]}`` for Thiệu Hóa's "Mầm non và Tiểu học thiếu 255 giáo viên". A group's gap is the
    sum of its levels' gaps.

    Returns ``by``, ``level``, ``classes``, ``teachers_required``, ``teachers_in_post``, ``gap``,
    ``shortage``, ``surplus``, ``status`` (``thiếu`` / ``thừa`` / ``đủ``) and ``calculation``.

    References
    ----------
    Thông tư 16/2017/TT-BGDĐT; Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV.

    Examples
    --------
    >>> c = pd.DataFrame({"locality": "A", "year": 2022, "level": ["primary", "lower-secondary"],
    ...                   "sessions": [2, 1], "classes": [100, 50]})
    >>> t = pd.DataFrame({"locality": "A", "year": 2022, "level": ["primary", "lower-secondary"], "teachers": [140, 100]})
    >>> teacher_surplus_shortage(c, t)[["level", "teachers_required", "teachers_in_post", "shortage", "surplus", "status"]].to_dict("records")
    [{'level': 'lower-secondary', 'teachers_required': 95.0, 'teachers_in_post': 100.0, 'shortage': 0.0, 'surplus': 5.0, 'status': 'thừa'}, {'level': 'primary', 'teachers_required': 150.0, 'teachers_in_post': 140.0, 'shortage': 10.0, 'surplus': 0.0, 'status': 'thiếu'}]
    """
    by = list(by)
    req = teachers_required(classes, by, rounding)
    t = check_table(teachers, "teachers", required=by + ["level", "teachers"], counts=["teachers"])
    t = t.assign(level=t["level"].replace({"nursery": "preschool", "kindergarten": "preschool"}))
    t = t.groupby(by + ["level"], as_index=False)["teachers"].sum().rename(columns={"teachers": "teachers_in_post"})
    m = req.merge(t, on=by + ["level"], how="outer", indicator="_m")
    problems = [dict(file="teachers" if r["_m"] == "left_only" else "classes", row=None, column="level",
                     value=", ".join(str(r[k]) for k in by + ["level"]),
                     expected="teachers in post for every level with classes" if r["_m"] == "left_only"
                     else "classes for every level with teachers")
                for _, r in m[m["_m"] != "both"].iterrows()]
    raise_data_error("teacher_surplus_shortage cannot be computed", problems)
    m = m.drop(columns="_m")
    if groups:
        parts = []
        for name, levels in groups.items():
            g = m[m["level"].isin(levels)]
            agg = g.groupby(by, as_index=False)[["classes", "norm_teachers", "teachers_required",
                                                 "teachers_in_post"]].sum()
            agg["calculation"] = g.groupby(by)["calculation"].agg(lambda s: "; ".join(s)).to_numpy()
            agg["level"] = name
            parts.append(agg)
        m = pd.concat(parts, ignore_index=True)
    m["gap"] = m["teachers_in_post"] - m["teachers_required"]
    m["shortage"] = (-m["gap"]).clip(lower=0.0)
    m["surplus"] = m["gap"].clip(lower=0.0)
    m["status"] = np.where(m["gap"] < 0, "thiếu", np.where(m["gap"] > 0, "thừa", "đủ"))
    cols = by + ["level", "classes", "norm_teachers", "teachers_required", "teachers_in_post", "gap", "shortage",
                 "surplus", "status", "calculation"]
    return m[cols].sort_values(by + ["level"], kind="stable").reset_index(drop=True)


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
    e = check_table(enrolment, "enrolment", required=by + ["level", "enrolment"], counts=["enrolment"])
    t = check_table(teachers, "teachers", required=by + ["level", "teachers"], counts=["teachers"])
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
    e = check_table(enrolment, "enrolment", required=by + ["level", "enrolment"], counts=["enrolment"])
    c = check_table(classes, "classes", required=by + ["level", "classes"], counts=["classes"])
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
    t = check_table(teachers, "teachers", required=by + ["level", "teachers"], counts=["teachers"])
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
