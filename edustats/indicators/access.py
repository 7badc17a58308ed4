"""Access and participation: enrolment ratios, intake, out-of-school, mobilisation, full-day schooling.

Input tables are tidy and long:

- ``population``: ``locality, year, age, population`` (single years of age);
- ``enrolment``: ``locality, year, level, grade, age, enrolment`` (``grade`` may be omitted for
  preschool; ``age`` is the age at the start of the school year);
- ``new_entrants``: ``locality, year, age, new_entrants`` (new entrants to grade 1, repeaters
  excluded).

Pitfalls (for trainers): a gross ratio counts every pupil of the level whatever the age, so it
exceeds 100 when over-age and repeating pupils are many (the World Bank's primary completion
rate for Viet Nam is above 100 in most years); a net rate counts only the official age group and
cannot exceed 100, so a sub-national NER above 100 means the population estimate is too low or
pupils come from other communes: it is an error here, not a value to publish.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..errors import raise_data_error
from ._core import ages_of, check_table, rate_frame, require_every_age

__all__ = [
    "gross_enrolment_ratio",
    "net_enrolment_rate",
    "adjusted_net_enrolment_rate",
    "age_specific_enrolment_rate",
    "gross_intake_ratio",
    "net_intake_rate",
    "out_of_school_rate",
    "OUT_OF_SCHOOL_DEFINITIONS",
    "mobilisation_rate",
    "two_session_share",
]

BY = ("locality", "year")


def _pop(population, by, ages):
    p = check_table(population, "population", required=list(by) + ["age", "population"], counts=["population"],
                    keys=list(by) + ["age"])
    # every single age of the group must be there: a missing age is missing data, not 0 people
    p = require_every_age(p, "population", list(by), ages)
    return p.groupby(list(by), as_index=False)["population"].sum()


def _enr(enrolment, by, level=None):
    cols = list(by) + ["enrolment"] + (["level"] if level else [])
    e = check_table(enrolment, "enrolment", required=cols, counts=["enrolment"])
    return e if level is None else e[e["level"] == level]


def _known_ages(e, what="enrolment"):
    """The rows to be placed in or out of an age group must each have an age: a row without one is refused."""
    check_table(e, what, required=["age"])
    age = pd.to_numeric(e["age"], errors="coerce")
    raise_data_error(f"{what} table is invalid", [
        dict(file=what, row=i, column="age", value="(empty)" if pd.isna(e.at[i, "age"]) else e.at[i, "age"],
             expected="một tuổi, số nguyên ≥ 0 / an age in whole years (a row without its age cannot be "
                      "placed in or out of the age group, and leaving it out would move its pupils)")
        for i in e.index[age.isna()]])
    return e.assign(age=age)


def _ages_in_level(e, level, what="enrolment"):
    """Ages recorded for a level must be plausible: within 3 years below to 8 years above the official range."""
    if "age" not in e.columns:
        return
    lo, hi = ages_of(level)
    bad = e[(e["age"] < max(0, lo - 3)) | (e["age"] > hi + 8)]
    if not bad.empty:
        raise_data_error(f"{what} table is invalid", [
            dict(file=what, row=i, column="age", value=int(r["age"]),
                 expected=f"an age between {max(0, lo - 3)} and {hi + 8} for level {level} (official ages {lo}-{hi})")
            for i, r in bad.iterrows()])


def gross_enrolment_ratio(enrolment: pd.DataFrame, population: pd.DataFrame, level: str,
                          by: Sequence[str] = BY) -> pd.DataFrame:
    """Gross enrolment ratio (GER, tỷ lệ đi học chung).

    .. math:: \\mathrm{GER}_L = 100 \\times \\frac{E_L}{P_{a_L..b_L}}

    where :math:`E_L` is enrolment in level :math:`L` at any age and :math:`P_{a..b}` the
    population of the level's official ages (primary 6-10, lower secondary 11-14, upper
    secondary 15-17, kindergarten 3-5, nursery 0-2).

    Pitfall: GER may exceed 100 (over-age pupils and repeaters); it is not an error.

    This is the Vietnamese definition (GSO) and UIS's alike; the age groups are Viet Nam's
    official ones, which UIS uses for Viet Nam too.

    References
    ----------
    Tổng cục Thống kê, Hệ thống chỉ tiêu thống kê cấp tỉnh, "Tỷ lệ học sinh đi học phổ thông"
    (gso.gov.vn, 2019): "Tỷ lệ học sinh đi học chung cấp tiểu học là tỷ lệ phần trăm giữa số
    học sinh đang học cấp tiểu học so với tổng dân số ở độ tuổi cấp tiểu học từ 6 – 10 tuổi"
    (trung học cơ sở 11 – 14, trung học phổ thông 15 – 17). UNESCO UIS, Education Indicators
    Technical Guidelines (2009), "Gross enrolment ratio".

    Examples
    --------
    A commune with 460 primary pupils of any age and 430 children aged 6-10:

    >>> enr = pd.DataFrame({"locality": "Na Mèo", "year": 2021, "level": "primary",
    ...                     "age": [6, 7, 8, 9, 10, 11, 12], "enrolment": [88, 90, 86, 85, 84, 20, 7]})
    >>> pop = pd.DataFrame({"locality": "Na Mèo", "year": 2021, "age": range(6, 11), "population": 86})
    >>> gross_enrolment_ratio(enr, pop, "primary")[["numerator", "denominator", "value"]].round(1).to_dict("records")
    [{'numerator': 460.0, 'denominator': 430.0, 'value': 107.0}]
    """
    by = list(by)
    e = _enr(enrolment, by, level)
    _ages_in_level(e, level)
    num = e.groupby(by, as_index=False)["enrolment"].sum()
    return rate_frame(num, _pop(population, by, ages_of(level)), by, indicator="ger", level=level,
                      num_col="enrolment", den_col="population", bounded=False,
                      what="population of official age")


def net_enrolment_rate(enrolment: pd.DataFrame, population: pd.DataFrame, level: str,
                       by: Sequence[str] = BY) -> pd.DataFrame:
    """Net enrolment rate (NER, tỷ lệ đi học đúng độ tuổi).

    .. math:: \\mathrm{NER}_L = 100 \\times \\frac{E_{L,\\,a_L..b_L}}{P_{a_L..b_L}}

    Only pupils of the official ages enrolled in the level count. NER ≤ GER always, and NER
    cannot exceed 100: a group where it would is an error naming the group. The Vietnamese
    (GSO) and UIS definitions coincide.

    References
    ----------
    Tổng cục Thống kê, Hệ thống chỉ tiêu thống kê cấp tỉnh, "Tỷ lệ học sinh đi học phổ thông"
    (2019): "Tỷ lệ học sinh đi học đúng tuổi cấp tiểu học là tỷ lệ phần trăm giữa số học sinh
    từ 6 – 10 tuổi đang học cấp tiểu học so với tổng dân số trong độ tuổi cấp tiểu học từ 6 –
    10 tuổi". UNESCO UIS, Education Indicators Technical Guidelines (2009), "Net enrolment rate".

    Examples
    --------
    >>> enr = pd.DataFrame({"locality": "Na Mèo", "year": 2021, "level": "primary",
    ...                     "age": [6, 7, 8, 9, 10, 11, 12], "enrolment": [88, 90, 86, 85, 84, 20, 7]})
    >>> pop = pd.DataFrame({"locality": "Na Mèo", "year": 2021, "age": range(6, 11), "population": 90})
    >>> net_enrolment_rate(enr, pop, "primary")[["numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'numerator': 433.0, 'denominator': 450.0, 'value': 96.22}]
    """
    by = list(by)
    e = _known_ages(_enr(enrolment, by, level))
    lo, hi = ages_of(level)
    e = e[(e["age"] >= lo) & (e["age"] <= hi)]
    num = e.groupby(by, as_index=False)["enrolment"].sum()
    return rate_frame(num, _pop(population, by, (lo, hi)), by, indicator="ner", level=level,
                      num_col="enrolment", den_col="population", what="population of official age")


def adjusted_net_enrolment_rate(enrolment: pd.DataFrame, population: pd.DataFrame, level: str = "primary",
                                by: Sequence[str] = BY) -> pd.DataFrame:
    """Adjusted net enrolment rate (ANER): official-age children in the level *or a higher one*.

    .. math:: \\mathrm{ANER}_L = 100 \\times \\frac{E_{L\\cup\\text{higher},\\,a_L..b_L}}{P_{a_L..b_L}}

    A 10-year-old who skipped ahead into grade 6 counts for ANER, not for NER.

    References
    ----------
    UNESCO UIS, Education Indicators Technical Guidelines (2009), "Adjusted net enrolment rate".

    Examples
    --------
    >>> enr = pd.DataFrame({"locality": "A", "year": 2021, "level": ["primary", "primary", "lower-secondary"],
    ...                     "age": [6, 10, 10], "enrolment": [95, 90, 4]})
    >>> pop = pd.DataFrame({"locality": "A", "year": 2021, "age": [6, 7, 8, 9, 10], "population": [100, 0, 0, 0, 100]})
    >>> adjusted_net_enrolment_rate(enr, pop)[["numerator", "denominator", "value"]].to_dict("records")
    [{'numerator': 189.0, 'denominator': 200.0, 'value': 94.5}]
    """
    by = list(by)
    e = _enr(enrolment, by)
    check_table(e, "enrolment", required=["age", "level"])
    order = ["nursery", "kindergarten", "preschool", "primary", "lower-secondary", "upper-secondary"]
    higher = order[order.index(level):] if level in order else [level]
    lo, hi = ages_of(level)
    e = _known_ages(e[e["level"].isin(higher)])
    e = e[(e["age"] >= lo) & (e["age"] <= hi)]
    num = e.groupby(by, as_index=False)["enrolment"].sum()
    return rate_frame(num, _pop(population, by, (lo, hi)), by, indicator="aner", level=level,
                      num_col="enrolment", den_col="population", what="population of official age")


def age_specific_enrolment_rate(enrolment: pd.DataFrame, population: pd.DataFrame, ages: tuple[int, int],
                                by: Sequence[str] = BY, level: str | None = None,
                                indicator: str = "age_specific_enrolment_rate") -> pd.DataFrame:
    """Age-specific enrolment rate (ASER): children of the ages enrolled at any level (or one level).

    .. math:: \\mathrm{ASER}_{a..b} = 100 \\times \\frac{E_{a..b}}{P_{a..b}}

    ``ages=(5, 5), level="kindergarten"`` gives the share of 5-year-olds in kindergarten, the
    first criterion of PCGD mầm non 5 tuổi (≥95%, ĐBKK ≥90%).

    References
    ----------
    UNESCO UIS, Education Indicators Technical Guidelines (2009), "Age-specific enrolment rate";
    Nghị định 20/2014/NĐ-CP (PCGD mầm non cho trẻ em 5 tuổi).

    Examples
    --------
    >>> enr = pd.DataFrame({"locality": "A", "year": 2021, "level": "kindergarten", "age": [5], "enrolment": [57]})
    >>> pop = pd.DataFrame({"locality": "A", "year": 2021, "age": [5], "population": [60]})
    >>> age_specific_enrolment_rate(enr, pop, (5, 5), level="kindergarten")["value"].item()
    95.0
    """
    by = list(by)
    e = _known_ages(_enr(enrolment, by, level))
    lo, hi = ages
    e = e[(e["age"] >= lo) & (e["age"] <= hi)]
    num = e.groupby(by, as_index=False)["enrolment"].sum()
    return rate_frame(num, _pop(population, by, ages), by, indicator=indicator, level=level or "any",
                      num_col="enrolment", den_col="population", what=f"population aged {lo}-{hi}")


def mobilisation_rate(enrolment: pd.DataFrame, population: pd.DataFrame, level: str,
                      by: Sequence[str] = BY) -> pd.DataFrame:
    """Mobilisation rate (tỷ lệ huy động ra lớp): children of the level's age group who are enrolled.

    .. math:: \\text{huy động}_L = 100 \\times \\frac{E_{a_L..b_L}}{P_{a_L..b_L}}

    Age groups: nhà trẻ (nursery) 0-2, mẫu giáo (kindergarten) 3-5, tiểu học 6-10, THCS 11-14.
    Children of the age group count whatever level they attend (a 5-year-old already in grade 1
    has been mobilised), which makes this the age-specific enrolment rate over the age group.

    Pitfall: Vietnamese reports sometimes divide by the children *on the commune's register*
    rather than the population estimate; the two differ where many children live elsewhere.

    References
    ----------
    Vietnamese EMIS practice ("tỷ lệ huy động trẻ ra lớp"); UNESCO UIS ASER.

    Examples
    --------
    Na Mèo's baseline "huy động ra nhóm trẻ đạt 54%": 81 of 150 children aged 0-2:

    >>> enr = pd.DataFrame({"locality": "Na Mèo", "year": 2021, "level": "nursery", "age": [0, 1, 2],
    ...                     "enrolment": [3, 30, 48]})
    >>> pop = pd.DataFrame({"locality": "Na Mèo", "year": 2021, "age": [0, 1, 2], "population": [50, 50, 50]})
    >>> mobilisation_rate(enr, pop, "nursery")[["numerator", "denominator", "value"]].to_dict("records")
    [{'numerator': 81.0, 'denominator': 150.0, 'value': 54.0}]
    """
    out = age_specific_enrolment_rate(enrolment, population, ages_of(level), by=by, indicator="mobilisation_rate")
    out["level"] = level
    return out


def _intake(new_entrants, population, by, ages_num, indicator, bounded):
    by = list(by)
    ne = check_table(new_entrants, "new_entrants", required=by + ["age", "new_entrants"], counts=["new_entrants"])
    if ages_num is not None:
        ne = _known_ages(ne, "new_entrants")
        ne = ne[(ne["age"] >= ages_num[0]) & (ne["age"] <= ages_num[1])]
    num = ne.groupby(by, as_index=False)["new_entrants"].sum()
    return rate_frame(num, _pop(population, by, (6, 6)), by, indicator=indicator, level="primary",
                      num_col="new_entrants", den_col="population", bounded=bounded, what="population aged 6")


def gross_intake_ratio(new_entrants: pd.DataFrame, population: pd.DataFrame, by: Sequence[str] = BY) -> pd.DataFrame:
    """Gross intake ratio to grade 1 (GIR): new entrants of any age per child of entrance age (6).

    .. math:: \\mathrm{GIR} = 100 \\times \\frac{N_{1}}{P_{6}}

    May exceed 100 (late entrants). Repeaters are not new entrants.

    References
    ----------
    UNESCO UIS, Education Indicators Technical Guidelines (2009), "Gross intake ratio".

    Examples
    --------
    >>> ne = pd.DataFrame({"locality": "A", "year": 2022, "age": [6, 7, 8], "new_entrants": [90, 8, 4]})
    >>> pop = pd.DataFrame({"locality": "A", "year": 2022, "age": [6], "population": [96]})
    >>> gross_intake_ratio(ne, pop)["value"].round(2).item()
    106.25
    """
    return _intake(new_entrants, population, by, None, "gir", bounded=False)


def net_intake_rate(new_entrants: pd.DataFrame, population: pd.DataFrame, by: Sequence[str] = BY) -> pd.DataFrame:
    """Net intake rate (NIR; "huy động trẻ 6 tuổi vào lớp 1"): 6-year-old new entrants per 6-year-old.

    .. math:: \\mathrm{NIR} = 100 \\times \\frac{N_{1,\\,6}}{P_{6}}

    Cannot exceed 100. Na Mèo's target "Huy động 100% trẻ 6 tuổi vào lớp 1" is NIR = 100.

    References
    ----------
    UNESCO UIS, Education Indicators Technical Guidelines (2009), "Net intake rate"; Nghị định
    20/2014/NĐ-CP (PCGD tiểu học: 6-year-olds entering grade 1 ≥ 90/95/98% for levels 1/2/3).

    Examples
    --------
    >>> ne = pd.DataFrame({"locality": "A", "year": 2022, "age": [6, 7, 8], "new_entrants": [90, 8, 4]})
    >>> pop = pd.DataFrame({"locality": "A", "year": 2022, "age": [6], "population": [96]})
    >>> net_intake_rate(ne, pop)["value"].round(2).item()
    93.75
    """
    return _intake(new_entrants, population, by, (6, 6), "net_intake_rate", bounded=True)


OUT_OF_SCHOOL_DEFINITIONS = ("sdg", "uis_pre2019")


def out_of_school_rate(enrolment: pd.DataFrame, population: pd.DataFrame, level: str = "primary",
                       by: Sequence[str] = BY, definition: str = "sdg") -> pd.DataFrame:
    """Out-of-school rate (SDG 4.1.4): children of the level's official ages enrolled nowhere.

    .. math:: \\mathrm{OOSR}_L = 100 \\times \\frac{P_{a_L..b_L} - E_{\\text{any level},\\,a_L..b_L}}{P_{a_L..b_L}}

    A child of lower-secondary age (11-14) still in primary is *in school*: so is a 6-year-old
    still in kindergarten. The enrolment table must hold every level the children of these
    ages attend (preschool, primary, secondary …): all its rows of those ages count.

    ``definition="uis_pre2019"`` follows UIS's earlier rule, which counted only pupils "enrolled
    in primary or secondary school" (children of primary age in pre-primary were out of
    school): the numerator is then :math:`P - E_{\\text{primary}\\cup\\text{secondary}}`.

    Pitfall: :math:`100 - \\mathrm{ANER}` is *not* this rate beyond primary: ANER for lower
    secondary leaves out the 11-14-year-olds still in primary, who are in school.

    References
    ----------
    UNESCO UIS glossary, "SDG Indicator 4.1.4: Proportion of children and young people in the
    official age range for the given level of education who are not enrolled in pre-primary,
    primary, secondary or higher levels of education"; UIS Fact Sheet 56 (September 2019):
    "Starting in 2019, any children enrolled in formal education, regardless of the level, are
    considered to be in school, including children of primary school age enrolled in
    pre-primary education". Earlier rule: UIS glossary "Rate of out-of-school children", data
    required: "number of pupils of primary school age enrolled in primary or secondary school".

    Examples
    --------
    200 children of primary age: 95 six-year-olds and 90 ten-year-olds in primary, 4 ten-year-olds
    already in grade 6, 3 six-year-olds still in kindergarten: 8 out of school (4%); UIS's pre-2019
    rule counts the 3 in kindergarten as out (11, 5,5%).

    >>> enr = pd.DataFrame({"locality": "A", "year": 2021,
    ...                     "level": ["primary", "primary", "lower-secondary", "kindergarten"],
    ...                     "age": [6, 10, 10, 6], "enrolment": [95, 90, 4, 3]})
    >>> pop = pd.DataFrame({"locality": "A", "year": 2021, "age": [6, 7, 8, 9, 10], "population": [100, 0, 0, 0, 100]})
    >>> out_of_school_rate(enr, pop)[["numerator", "denominator", "value"]].to_dict("records")
    [{'numerator': 8.0, 'denominator': 200.0, 'value': 4.0}]
    >>> out_of_school_rate(enr, pop, definition="uis_pre2019")["value"].item()
    5.5
    """
    if definition not in OUT_OF_SCHOOL_DEFINITIONS:
        raise ValueError(f"definition must be one of {', '.join(OUT_OF_SCHOOL_DEFINITIONS)}; got {definition!r}")
    by = list(by)
    e = _enr(enrolment, by)
    check_table(e, "enrolment", required=["age", "level"])
    if definition == "uis_pre2019":
        e = e[e["level"].isin(["primary", "lower-secondary", "upper-secondary"])]
    e = _known_ages(e)
    lo, hi = ages_of(level)
    e = e[(e["age"] >= lo) & (e["age"] <= hi)]
    num = e.groupby(by, as_index=False)["enrolment"].sum()
    a = rate_frame(num, _pop(population, by, (lo, hi)), by, indicator="out_of_school_rate", level=level,
                   num_col="enrolment", den_col="population", what="population of official age")
    a["numerator"] = a["denominator"] - a["numerator"]
    a["value"] = 100.0 * a["numerator"] / a["denominator"]
    return a


def two_session_share(enrolment: pd.DataFrame, by: Sequence[str] = BY, level: str | None = None) -> pd.DataFrame:
    """Share of pupils taught two sessions a day (học 2 buổi/ngày).

    ``enrolment`` has a ``sessions`` column (1 or 2) and ``enrolment`` counts.

    .. math:: 100 \\times \\frac{E_{\\text{2 buổi}}}{E}

    References
    ----------
    Thông tư 16/2017/TT-BGDĐT (staffing norms differ by sessions a day); Vietnamese EMIS.

    Examples
    --------
    >>> e = pd.DataFrame({"locality": "Na Mèo", "year": 2022, "level": "lower-secondary",
    ...                   "sessions": [1, 2], "enrolment": [140, 160]})
    >>> two_session_share(e, level="lower-secondary")[["numerator", "denominator", "value"]].round(2).to_dict("records")
    [{'numerator': 160.0, 'denominator': 300.0, 'value': 53.33}]
    """
    by = list(by)
    e = check_table(enrolment, "enrolment", required=by + ["sessions", "enrolment"], counts=["enrolment"],
                    ranges={"sessions": (1, 2, "1 or 2 sessions a day")})
    if level is not None:
        check_table(e, "enrolment", required=["level"])
        e = e[e["level"] == level]
    den = e.groupby(by, as_index=False)["enrolment"].sum()
    num = e[e["sessions"] == 2].groupby(by, as_index=False)["enrolment"].sum()
    return rate_frame(num, den, by, indicator="two_session_share", level=level or "any",
                      num_col="enrolment", den_col="enrolment", what="enrolment")
