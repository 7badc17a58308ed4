"""Worked examples a trainer can put on a slide, computed by the package functions.

For each handbook entry: a small table of counts (real where a published figure fits, cited;
otherwise labelled "số liệu minh họa / example counts"), the substitution into the formula step
by step in Vietnamese number format (1.830; 22,5%), and the result. The same builders, given
other counts, make the exercises of :mod:`edustats.exercises`, so every answer is computed, not
typed.

Real figures used (typed here from the cited tables, with the file they were read from):

- Hòa Bình, school year 2016-2017 (GSO, "Number of pupils / classes / direct teaching teachers /
  schoolgirls of general education as of 30 September by province", via
  ``shared/data/gso_provinces/education_by_province.csv``; preliminary): primary 71.303 pupils
  of whom 34.251 girls, 3.127 classes, 4.839 teachers; lower secondary 47.054 pupils, 1.786
  classes, 3.907 teachers.
- Hòa Bình, 2021-2022 (Cục Thống kê tỉnh Hòa Bình, Niên giám thống kê 2021, p. 613): 86.413
  primary pupils, 4.527 primary teachers, "19 students/teacher".
- Trường Tiểu học Na Mèo: "395 pupils in total divided into 21 classes"; Lạc Sơn: "Forty-one
  out of the 89 schools in the locality have met national standards"; Mường Tè 2017-2018: "24 out
  of 51" schools boarding (``shared/data/local_context/observations.csv``, quotes and addresses
  there).
- Viet Nam, tertiary gross enrolment ratio (World Bank WDI SE.TER.ENRR, CC BY 4.0;
  ``data/external/worldbank_vnm_education.csv``).

The Vietnamese school-report definitions (within-year dropout and repetition over start-of-year
enrolment, "lên lớp" from the end-of-year report, completion over grade-1 enrolment four years
earlier) are computed by small private helpers here (``_vn_*``) that mirror those definitions;
point them at the package functions once :mod:`edustats.indicators.efficiency` has them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import indicators as ind
from .vnformat import format_count, format_number, format_percent

__all__ = ["Worked", "worked_example", "exercise_answer", "WORKED_KEYS", "REAL_FIGURES", "vn_flow_rates",
           "vn_completion_rate"]

REAL_FIGURES = {
    "hb2016": "GSO, giáo dục phổ thông tại 30/9 theo tỉnh, Hòa Bình năm học 2016-2017 (số sơ bộ); "
              "shared/data/gso_provinces/education_by_province.csv",
    "hb2021": "Cục Thống kê tỉnh Hòa Bình, Niên giám thống kê 2021, tr. 613",
    "na_meo_school": "Trường Tiểu học Na Mèo: \"395 pupils in total divided into 21 classes\" "
                     "(tothethao.com; shared/data/local_context/observations.csv)",
    "lac_son_schools": "Lạc Sơn: \"Forty-one out of the 89 schools in the locality have met national standards\" "
                       "(baohoabinh.com.vn; shared/data/local_context/observations.csv)",
    "muong_te_boarding": "Mường Tè 2017-2018: \"24 out of 51\" schools are boarding schools "
                         "(shared/data/local_context/observations.csv)",
    "wb_ter": "World Bank, World Development Indicators, SE.TER.ENRR (UIS), CC BY 4.0; data/external/worldbank_vnm_education.csv",
}
EXAMPLE = ("Số liệu minh họa (không phải số liệu thật của địa phương)", "Example counts (not a locality's real figures)")


@dataclass
class Worked:
    """One worked example (or one exercise's answer): counts, substitution steps, result."""

    key: str
    title: str
    tables: list = field(default_factory=list)  # (caption, DataFrame of display strings)
    source: str = ""
    real: bool = False
    question: str = ""
    steps: list = field(default_factory=list)
    result: str = ""
    value: float = float("nan")  # the computed number, for tests


def _t(lang, vi, en):
    return en if lang == "en" else vi


def _c(x):
    return format_count(x)


def _num(x, d=1):
    return format_number(x, d, trim=False)


def _pct(x, d=1):
    return format_percent(x, d, trim=False)


def _sum(vals):
    vals = list(vals)
    if len(vals) == 1:
        return _c(vals[0])
    return " + ".join(_c(v) for v in vals) + " = " + _c(sum(vals))


def _table(rows, cols, lang):
    """DataFrame of display strings: ``cols`` maps key -> (vi header, en header); numbers in VN format."""
    df = pd.DataFrame(rows)
    out = pd.DataFrame()
    for k, (vi, en) in cols.items():
        out[_t(lang, vi, en)] = [v if isinstance(v, str) else (_c(v) if float(v).is_integer() else _num(v, 2))
                                 for v in df[k]]
    return out


def _src(lang, real_key=None, extra=""):
    if isinstance(extra, tuple):
        extra = _t(lang, *extra)
    if real_key:
        return REAL_FIGURES[real_key] + extra, True
    return _t(lang, *EXAMPLE) + extra, False


def _row(res):
    r = res.iloc[0]
    return float(r["numerator"]), float(r["denominator"]), float(r["value"])


# ------------------------------------------------------------------ access
def _age_table(enrolment_by_age, population_by_age, lang, level_vi):
    rows = [dict(age=a, e=enrolment_by_age.get(a, 0), p=population_by_age.get(a, "–"))
            for a in sorted(set(enrolment_by_age) | set(population_by_age))]
    return _table(rows, {"age": ("Tuổi", "Age"), "e": (f"Học sinh {level_vi}", "Pupils"), "p": ("Dân số", "Population")}, lang)


def _enr_pop(d, level):
    loc = d.get("locality", "A")
    enr = pd.DataFrame({"locality": loc, "year": d["year"], "level": level, "age": list(d["enrolment"]),
                        "enrolment": list(d["enrolment"].values())})
    pop = pd.DataFrame({"locality": loc, "year": d["year"], "age": list(d["population"]),
                        "population": list(d["population"].values())})
    return enr, pop


_LEVEL_VI = {"primary": ("tiểu học", "primary"), "lower-secondary": ("THCS", "lower secondary"),
             "upper-secondary": ("THPT", "upper secondary"), "kindergarten": ("mẫu giáo", "kindergarten"),
             "nursery": ("nhà trẻ", "nursery")}


def _ger(lang, d):
    level = d["level"]
    enr, pop = _enr_pop(d, level)
    n, den, v = _row(ind.gross_enrolment_ratio(enr, pop, level))
    lo, hi = ind.LEVEL_AGES[level]
    lv = _t(lang, *_LEVEL_VI[level])
    w = Worked("ger", _t(lang, f"Tỷ lệ đi học chung (GER) cấp {lv}, {d['locality']} {d['year']}",
                         f"Gross enrolment ratio, {lv}, {d['locality']} {d['year']}"),
               tables=[(_t(lang, "Học sinh theo tuổi và dân số", "Pupils by age and population"),
                        _age_table(d["enrolment"], d["population"], lang, lv))],
               question=_t(lang, f"Tính GER cấp {lv}.", f"Compute the {lv} GER."))
    w.source, w.real = _src(lang)
    pops = [p for a, p in d["population"].items() if lo <= a <= hi]
    w.steps = [_t(lang, f"Tử số: mọi học sinh {lv}, mọi độ tuổi: {_sum(d['enrolment'].values())}",
                  f"Numerator: every {lv} pupil, any age: {_sum(d['enrolment'].values())}"),
               _t(lang, f"Mẫu số: dân số {_ages(lo, hi)} tuổi: {_sum(pops)}", f"Denominator: population aged {_ages(lo, hi)}: {_sum(pops)}"),
               f"GER = 100 × {_c(n)} / {_c(den)} = {_pct(v)}"]
    w.result, w.value = f"GER = {_pct(v)} ({_c(n)} / {_c(den)})", v
    if v > 100:
        w.steps.append(_t(lang, "Trên 100% vì có học sinh quá tuổi và lưu ban: không phải lỗi.",
                          "Above 100% because of over-age pupils and repeaters: not an error."))
    return w


def _ner(lang, d):
    level = d["level"]
    enr, pop = _enr_pop(d, level)
    n, den, v = _row(ind.net_enrolment_rate(enr, pop, level))
    lo, hi = ind.LEVEL_AGES[level]
    lv = _t(lang, *_LEVEL_VI[level])
    inside = [e for a, e in d["enrolment"].items() if lo <= a <= hi]
    w = Worked("ner", _t(lang, f"Tỷ lệ đi học đúng độ tuổi (NER) cấp {lv}, {d['locality']} {d['year']}",
                         f"Net enrolment rate, {lv}, {d['locality']} {d['year']}"),
               tables=[(_t(lang, "Học sinh theo tuổi và dân số", "Pupils by age and population"),
                        _age_table(d["enrolment"], d["population"], lang, lv))],
               question=_t(lang, f"Tính NER cấp {lv}. Vì sao NER nhỏ hơn GER?", f"Compute the {lv} NER. Why is it below the GER?"))
    w.source, w.real = _src(lang)
    w.steps = [_t(lang, f"Tử số: chỉ học sinh {_ages(lo, hi)} tuổi: {_sum(inside)}", f"Numerator: pupils aged {_ages(lo, hi)} only: {_sum(inside)}"),
               _t(lang, f"Mẫu số: dân số {_ages(lo, hi)} tuổi = {_c(den)}", f"Denominator: population aged {_ages(lo, hi)} = {_c(den)}"),
               f"NER = 100 × {_c(n)} / {_c(den)} = {_pct(v)}",
               _t(lang, "Học sinh ngoài độ tuổi (quá tuổi, lưu ban) không được tính vào tử số, nên NER ≤ GER.",
                  "Pupils outside the official ages (over-age, repeaters) are left out, so NER ≤ GER.")]
    w.result, w.value = f"NER = {_pct(v)} ({_c(n)} / {_c(den)})", v
    return w


def _aner(lang, d):
    loc = "A"
    enr = pd.DataFrame({"locality": loc, "year": 2021, "level": [r[0] for r in d["rows"]], "age": [r[1] for r in d["rows"]],
                        "enrolment": [r[2] for r in d["rows"]]})
    pop = pd.DataFrame({"locality": loc, "year": 2021, "age": list(d["population"]), "population": list(d["population"].values())})
    n, den, v = _row(ind.adjusted_net_enrolment_rate(enr, pop, "primary"))
    ner_n = sum(r[2] for r in d["rows"] if r[0] == "primary" and 6 <= r[1] <= 10)
    tab = _table([dict(l=_t(lang, *_LEVEL_VI[r[0]]), a=r[1], e=r[2]) for r in d["rows"]],
                 {"l": ("Cấp đang học", "Level attended"), "a": ("Tuổi", "Age"), "e": ("Học sinh", "Pupils")}, lang)
    w = Worked("aner", _t(lang, "Tỷ lệ đi học đúng độ tuổi điều chỉnh (ANER), tiểu học", "Adjusted net enrolment rate, primary"),
               tables=[(_t(lang, "Trẻ 6-10 tuổi theo cấp đang học", "Children aged 6-10 by level attended"), tab)],
               question=_t(lang, f"Dân số 6-10 tuổi là {_c(den)}. Tính NER và ANER tiểu học.",
                           f"The population aged 6-10 is {_c(den)}. Compute the primary NER and ANER."))
    w.source, w.real = _src(lang)
    w.steps = [_t(lang, f"NER: chỉ trẻ 6-10 tuổi học tiểu học: {_c(ner_n)}; 100 × {_c(ner_n)} / {_c(den)} = {_pct(100 * ner_n / den)}",
                  f"NER: children 6-10 in primary only: {_c(ner_n)}; 100 × {_c(ner_n)} / {_c(den)} = {_pct(100 * ner_n / den)}"),
               _t(lang, f"ANER: cộng thêm trẻ 6-10 tuổi đã học THCS: {_c(n)}", f"ANER: add children 6-10 already in lower secondary: {_c(n)}"),
               f"ANER = 100 × {_c(n)} / {_c(den)} = {_pct(v)}"]
    w.result, w.value = f"ANER = {_pct(v)} ({_c(n)} / {_c(den)})", v
    return w


def _aser(lang, d):
    enr = pd.DataFrame({"locality": "A", "year": 2021, "level": "kindergarten", "age": [5], "enrolment": [d["enrolled"]]})
    pop = pd.DataFrame({"locality": "A", "year": 2021, "age": [5], "population": [d["population"]]})
    n, den, v = _row(ind.age_specific_enrolment_rate(enr, pop, (5, 5), level="kindergarten"))
    th = 90 if d.get("dbkk") else 95
    w = Worked("aser", _t(lang, f"Tỷ lệ trẻ 5 tuổi học mẫu giáo, {d['name']}", f"Share of 5-year-olds in kindergarten, {d['name']}"),
               tables=[("", _table([dict(e=d["enrolled"], p=d["population"])],
                                   {"e": ("Trẻ 5 tuổi đang học mẫu giáo", "5-year-olds in kindergarten"),
                                    "p": ("Trẻ 5 tuổi trên địa bàn", "5-year-olds living in the commune")}, lang))],
               question=_t(lang, f"Tính tỷ lệ. Xã {'ĐBKK' if d.get('dbkk') else 'không ĐBKK'}: có đạt tiêu chí a) của PCGD mầm non 5 tuổi không?",
                           f"Compute the rate. The commune is {'ĐBKK' if d.get('dbkk') else 'not ĐBKK'}: does it meet criterion a) of preschool-5 universalisation?"))
    w.source, w.real = _src(lang)
    w.steps = [f"100 × {_c(n)} / {_c(den)} = {_pct(v)}",
               _t(lang, f"Ngưỡng (Nghị định 20/2014, Điều 6.2.a): {th}%", f"Threshold (Decree 20/2014, art. 6.2.a): {th}%")]
    met = v >= th
    w.result = _t(lang, f"{_pct(v)}: {'đạt' if met else 'chưa đạt'} ngưỡng {th}%", f"{_pct(v)}: threshold {th}% {'met' if met else 'not met'}")
    w.value = v
    return w


def _mobilisation(lang, d):
    level = d["level"]
    enr, pop = _enr_pop(d, level)
    n, den, v = _row(ind.mobilisation_rate(enr, pop, level))
    lv = _t(lang, *_LEVEL_VI[level])
    w = Worked("mobilisation", _t(lang, f"Tỷ lệ huy động ra lớp {lv}, {d['locality']}", f"Mobilisation rate, {lv}, {d['locality']}"),
               tables=[(_t(lang, "Trẻ đi học và dân số theo tuổi", "Children enrolled and population by age"),
                        _age_table(d["enrolment"], d["population"], lang, lv))],
               question=_t(lang, "Tính tỷ lệ huy động.", "Compute the mobilisation rate."))
    w.source, w.real = _src(lang, extra=d.get("note", ""))
    w.steps = [_t(lang, f"Tử số: trẻ trong độ tuổi đang đi học: {_sum(d['enrolment'].values())}",
                  f"Numerator: children of the age group enrolled: {_sum(d['enrolment'].values())}"),
               _t(lang, f"Mẫu số: dân số độ tuổi: {_sum(d['population'].values())}", f"Denominator: population of the age group: {_sum(d['population'].values())}"),
               f"100 × {_c(n)} / {_c(den)} = {_pct(v)}"]
    w.result, w.value = f"{_pct(v)} ({_c(n)} / {_c(den)})", v
    return w


def _intake(key, lang, d):
    ne = pd.DataFrame({"locality": "A", "year": 2022, "age": list(d["entrants"]), "new_entrants": list(d["entrants"].values())})
    pop = pd.DataFrame({"locality": "A", "year": 2022, "age": [6], "population": [d["p6"]]})
    fn = ind.gross_intake_ratio if key == "gir" else ind.net_intake_rate
    n, den, v = _row(fn(ne, pop))
    name = "GIR" if key == "gir" else "NIR"
    tab = _table([dict(a=a, n=x) for a, x in d["entrants"].items()], {"a": ("Tuổi", "Age"), "n": ("Học sinh mới vào lớp 1", "New entrants to grade 1")}, lang)
    w = Worked(key, _t(lang, f"Tỷ lệ tuyển mới {'chung' if key == 'gir' else '6 tuổi'} vào lớp 1 ({name})",
                       f"{'Gross intake ratio' if key == 'gir' else 'Net intake rate'} to grade 1 ({name})"),
               tables=[(_t(lang, f"Dân số 6 tuổi: {_c(d['p6'])}", f"Population aged 6: {_c(d['p6'])}"), tab)],
               question=_t(lang, f"Tính {name}.", f"Compute the {name}."))
    w.source, w.real = _src(lang)
    if key == "gir":
        w.steps = [_t(lang, f"Tử số: học sinh mới vào lớp 1 mọi độ tuổi: {_sum(d['entrants'].values())}",
                      f"Numerator: new entrants of any age: {_sum(d['entrants'].values())}")]
    else:
        w.steps = [_t(lang, f"Tử số: chỉ trẻ 6 tuổi: {_c(n)}", f"Numerator: 6-year-olds only: {_c(n)}")]
    w.steps.append(f"{name} = 100 × {_c(n)} / {_c(den)} = {_pct(v, 2)}")
    w.result, w.value = f"{name} = {_pct(v, 2)} ({_c(n)} / {_c(den)})", v
    return w


def _oosr(lang, d):
    w = _aner(lang, d)
    v = 100.0 - w.value
    den = sum(d["population"].values())
    n = den - sum(r[2] for r in d["rows"] if 6 <= r[1] <= 10)
    enr = pd.DataFrame({"locality": "A", "year": 2021, "level": [r[0] for r in d["rows"]], "age": [r[1] for r in d["rows"]],
                        "enrolment": [r[2] for r in d["rows"]]})
    pop = pd.DataFrame({"locality": "A", "year": 2021, "age": list(d["population"]), "population": list(d["population"].values())})
    n, den, v = _row(ind.out_of_school_rate(enr, pop, "primary"))
    w.key = "oosr"
    w.title = _t(lang, "Tỷ lệ trẻ ngoài nhà trường, tuổi tiểu học", "Out-of-school rate, primary age")
    w.question = _t(lang, f"Dân số 6-10 tuổi là {_c(den)}. Tính tỷ lệ trẻ ngoài nhà trường.",
                    f"The population aged 6-10 is {_c(den)}. Compute the out-of-school rate.")
    w.steps = w.steps[1:] + [_t(lang, f"Trẻ ngoài nhà trường: {_c(den)} − {_c(den - n)} = {_c(n)}",
                                f"Out of school: {_c(den)} − {_c(den - n)} = {_c(n)}"),
                             f"100 × {_c(n)} / {_c(den)} = {_pct(v)} (= 100 − ANER)"]
    w.result, w.value = f"{_pct(v)} ({_c(n)} / {_c(den)})", v
    return w


def _two_session(lang, d):
    e = pd.DataFrame({"locality": d["locality"], "year": 2022, "level": "lower-secondary", "sessions": [1, 2],
                      "enrolment": [d["one"], d["two"]]})
    n, den, v = _row(ind.two_session_share(e, level="lower-secondary"))
    w = Worked("two_session", _t(lang, f"Tỷ lệ học sinh học 2 buổi/ngày, THCS {d['locality']}",
                                 f"Share of pupils in two-session schooling, lower secondary, {d['locality']}"),
               tables=[("", _table([dict(s=_t(lang, "1 buổi", "1 session"), e=d["one"]), dict(s=_t(lang, "2 buổi", "2 sessions"), e=d["two"])],
                                   {"s": ("Số buổi/ngày", "Sessions a day"), "e": ("Học sinh", "Pupils")}, lang))],
               question=_t(lang, "Tính tỷ lệ học 2 buổi/ngày.", "Compute the two-session share."))
    w.source, w.real = _src(lang)
    w.steps = [_t(lang, f"Mẫu số: {_sum([d['one'], d['two']])}", f"Denominator: {_sum([d['one'], d['two']])}"),
               f"100 × {_c(n)} / {_c(den)} = {_pct(v)}"]
    w.result, w.value = f"{_pct(v)} ({_c(n)} / {_c(den)})", v
    return w


# ------------------------------------------------------------------ flows
def vn_flow_rates(start: float, dropped: float, end: float, promoted: float, kept_down: float) -> dict:
    """Flow rates as Vietnamese school reports compute them (mirrors the VN definitions; private use).

    Within-year dropout and repetition over the start-of-year enrolment; "lên lớp" from the
    end-of-year report over the pupils at the end of the year.

    >>> r = vn_flow_rates(100, 2, 98, 95, 3)
    >>> round(r["dropout"], 2), round(r["repetition"], 2), round(r["promotion"], 2)
    (2.0, 3.0, 96.94)
    """
    if start <= 0 or end <= 0:
        raise ValueError("start- and end-of-year enrolment must be > 0")
    return dict(dropout=100.0 * dropped / start, repetition=100.0 * kept_down / start, promotion=100.0 * promoted / end)


def vn_completion_rate(completed: float, grade1_four_years_earlier: float) -> float:
    """Primary completion as school reports compute it: completers in year t over grade-1 pupils of year t − 4.

    >>> round(vn_completion_rate(111, 120), 2)
    92.5
    """
    if grade1_four_years_earlier <= 0:
        raise ValueError("grade-1 enrolment must be > 0")
    return 100.0 * completed / grade1_four_years_earlier


def _flows(lang, d):
    g = d["grade"]
    e = pd.DataFrame({"locality": "A", "year": [2021, 2022, 2022], "grade": [g, g, g + 1],
                      "enrolment": [d["E_g"], d["E_g_next"], d["E_g1_next"]]})
    r = pd.DataFrame({"locality": "A", "year": [2022, 2022], "grade": [g, g + 1], "repeaters": [d["R_g_next"], d["R_g1_next"]]})
    f = ind.flow_rates(e, r, "lower-secondary" if g >= 6 else "primary")
    f = f[f["grade"] == g].set_index("indicator")
    p, rr, dd = (float(f.loc[k, "value"]) for k in ("promotion_rate", "repetition_rate", "dropout_rate"))
    tab = _table([dict(y="2021-2022", a=d["E_g"], b="…", c="–", dd="–"),
                  dict(y="2022-2023", a=d["E_g_next"], b=d["E_g1_next"], c=d["R_g_next"], dd=d["R_g1_next"])],
                 {"y": ("Năm học", "School year"), "a": (f"Học sinh lớp {g}", f"Grade {g} pupils"),
                  "b": (f"Học sinh lớp {g + 1}", f"Grade {g + 1} pupils"), "c": (f"Lưu ban lớp {g}", f"Grade {g} repeaters"),
                  "dd": (f"Lưu ban lớp {g + 1}", f"Grade {g + 1} repeaters")}, lang)
    w = Worked("flows", _t(lang, f"Tỷ lệ lên lớp, lưu ban, bỏ học lớp {g} (phương pháp đoàn học sinh tái tạo của UIS)",
                           f"Promotion, repetition and dropout, grade {g} (UIS reconstructed cohort)"),
               tables=[("", tab)], question=_t(lang, f"Tính tỷ lệ lên lớp, lưu ban và bỏ học của lớp {g} năm học 2021-2022.",
                                               f"Compute the grade-{g} promotion, repetition and dropout rates of 2021-2022."))
    w.source, w.real = _src(lang)
    prom = d["E_g1_next"] - d["R_g1_next"]
    w.steps = [_t(lang, f"Lên lớp: 100 × ({_c(d['E_g1_next'])} − {_c(d['R_g1_next'])}) / {_c(d['E_g'])} = 100 × {_c(prom)} / {_c(d['E_g'])} = {_pct(p)}",
                  f"Promotion: 100 × ({_c(d['E_g1_next'])} − {_c(d['R_g1_next'])}) / {_c(d['E_g'])} = 100 × {_c(prom)} / {_c(d['E_g'])} = {_pct(p)}"),
               _t(lang, f"Lưu ban: 100 × {_c(d['R_g_next'])} / {_c(d['E_g'])} = {_pct(rr)}",
                  f"Repetition: 100 × {_c(d['R_g_next'])} / {_c(d['E_g'])} = {_pct(rr)}"),
               _t(lang, f"Bỏ học: 100 − {_num(p)} − {_num(rr)} = {_pct(dd)}", f"Dropout: 100 − {_num(p)} − {_num(rr)} = {_pct(dd)}")]
    w.result = _t(lang, f"lên lớp {_pct(p)}, lưu ban {_pct(rr)}, bỏ học {_pct(dd)}", f"promotion {_pct(p)}, repetition {_pct(rr)}, dropout {_pct(dd)}")
    w.value = p
    return w


def _flows_vn(lang, d):
    vn = vn_flow_rates(d["start"], d["dropped"], d["end"], d["promoted"], d["kept_down"])
    uis = _flows(lang, d["uis"])
    tab = _table([dict(a=d["start"], b=d["dropped"], c=d["end"], e=d["promoted"], f=d["kept_down"])],
                 {"a": ("Học sinh đầu năm", "Enrolled at the start"), "b": ("Bỏ học trong năm", "Left during the year"),
                  "c": ("Học sinh cuối năm", "Enrolled at the end"), "e": ("Được lên lớp", "Promoted"),
                  "f": ("Phải ở lại lớp", "Kept down")}, lang)
    w = Worked("flows_vn", _t(lang, f"Cùng một lớp {d['uis']['grade']}, hai cách tính: báo cáo trường (Việt Nam) và UIS",
                              f"One grade {d['uis']['grade']}, two ways: school report (Viet Nam) and UIS"),
               tables=[(_t(lang, "Báo cáo cuối năm học 2021-2022", "End-of-year report 2021-2022"), tab)] + uis.tables,
               question=_t(lang, "Tính ba tỷ lệ theo cách của báo cáo trường, rồi theo UIS từ số liệu năm sau. Vì sao khác nhau?",
                           "Compute the three rates as the school report does, then the UIS way from next year's counts. Why do they differ?"))
    w.source, w.real = _src(lang)
    w.steps = [_t(lang, f"Bỏ học trong năm (VN): 100 × {_c(d['dropped'])} / {_c(d['start'])} = {_pct(vn['dropout'])}",
                  f"Within-year dropout (VN): 100 × {_c(d['dropped'])} / {_c(d['start'])} = {_pct(vn['dropout'])}"),
               _t(lang, f"Lưu ban (VN): 100 × {_c(d['kept_down'])} / {_c(d['start'])} = {_pct(vn['repetition'])}",
                  f"Repetition (VN): 100 × {_c(d['kept_down'])} / {_c(d['start'])} = {_pct(vn['repetition'])}"),
               _t(lang, f"Lên lớp (VN): 100 × {_c(d['promoted'])} / {_c(d['end'])} = {_pct(vn['promotion'])}",
                  f"Promoted (VN): 100 × {_c(d['promoted'])} / {_c(d['end'])} = {_pct(vn['promotion'])}")] + \
              [_t(lang, "UIS: ", "UIS: ") + s for s in uis.steps] + \
              [_t(lang, "Khác nhau vì: báo cáo trường tính em được lên lớp dù hè đó em không quay lại, UIS tính em đó là bỏ học; "
                        "báo cáo trường chỉ tính bỏ học trong năm học; chuyển trường đi, chuyển đến cũng làm hai cách lệch nhau.",
                  "They differ because the school report counts a pupil promoted even if she does not come back after the summer, "
                  "where UIS counts her as a dropout; the report counts only dropout during the school year; transfers in and out "
                  "also move the two apart.")]
    w.result = _t(lang, f"VN: lên lớp {_pct(vn['promotion'])}, lưu ban {_pct(vn['repetition'])}, bỏ học {_pct(vn['dropout'])}; UIS: {uis.result}",
                  f"VN: promoted {_pct(vn['promotion'])}, repeating {_pct(vn['repetition'])}, dropout {_pct(vn['dropout'])}; UIS: {uis.result}")
    w.value = vn["promotion"]
    return w


def _survival(lang, d):
    rows = []
    for g, (p, r) in d["rates"].items():
        rows += [dict(locality="A", year=2021, grade=g, indicator="promotion_rate", value=p),
                 dict(locality="A", year=2021, grade=g, indicator="repetition_rate", value=r)]
    s = ind.survival_rate(pd.DataFrame(rows))
    last = s.iloc[-1]
    tab = _table([dict(g=g, p=_num(p), r=_num(r)) for g, (p, r) in d["rates"].items()],
                 {"g": ("Lớp", "Grade"), "p": ("Lên lớp p (%)", "Promotion p (%)"), "r": ("Lưu ban r (%)", "Repetition r (%)")}, lang)
    w = Worked("survival", _t(lang, f"Tỷ lệ học đến lớp {int(last['grade'])} (đoàn 1000 học sinh tái tạo)",
                              f"Survival to grade {int(last['grade'])} (reconstructed cohort of 1000)"),
               tables=[("", tab)], question=_t(lang, f"Trong 1000 em vào lớp {min(d['rates'])}, bao nhiêu em dự kiến học đến lớp {int(last['grade'])}?",
                                               f"Of 1000 pupils entering grade {min(d['rates'])}, how many are expected to reach grade {int(last['grade'])}?"))
    w.source, w.real = _src(lang)
    cur = 1000.0
    for g, (p, r) in d["rates"].items():
        nxt = cur * p / (100 - r)
        w.steps.append(_t(lang, f"Lớp {g} → {g + 1}: {_num(cur)} × {_num(p)} / (100 − {_num(r)}) = {_num(nxt)}",
                          f"Grade {g} → {g + 1}: {_num(cur)} × {_num(p)} / (100 − {_num(r)}) = {_num(nxt)}"))
        cur = nxt
    w.steps.append(_t(lang, "Không nhân thẳng các tỷ lệ lên lớp: em lưu ban vẫn có thể lên lớp năm sau, nên chia cho (100 − r).",
                      "Do not just multiply the promotion rates: a repeater can still be promoted next year, hence the division by (100 − r)."))
    w.result = _t(lang, f"{_num(last['numerator'])} / 1000 em, tức {_pct(last['value'])}", f"{_num(last['numerator'])} of 1000, i.e. {_pct(last['value'])}")
    w.value = float(last["value"])
    return w


def _etr(lang, d):
    l = d["last"]
    e = pd.DataFrame({"locality": "A", "year": [2021, 2022], "grade": [l, l + 1], "enrolment": [d["E_l"], d["E_f"]]})
    r = pd.DataFrame({"locality": "A", "year": [2022, 2022], "grade": [l, l + 1], "repeaters": [d["R_l"], d["R_f"]]})
    n, den, v = _row(ind.effective_transition_rate(e, r, "primary" if l == 5 else "lower-secondary"))
    tab = _table([dict(y="2021-2022", a=d["E_l"], b="–", c="–", e="–"), dict(y="2022-2023", a="–", b=d["R_l"], c=d["E_f"], e=d["R_f"])],
                 {"y": ("Năm học", "School year"), "a": (f"Học sinh lớp {l}", f"Grade {l} pupils"), "b": (f"Lưu ban lớp {l}", f"Grade {l} repeaters"),
                  "c": (f"Học sinh lớp {l + 1}", f"Grade {l + 1} pupils"), "e": (f"Lưu ban lớp {l + 1}", f"Grade {l + 1} repeaters")}, lang)
    w = Worked("etr", _t(lang, f"Tỷ lệ chuyển cấp hiệu quả lớp {l} → lớp {l + 1}", f"Effective transition rate, grade {l} → {l + 1}"),
               tables=[("", tab)], question=_t(lang, "Tính tỷ lệ chuyển cấp hiệu quả.", "Compute the effective transition rate."))
    w.source, w.real = _src(lang)
    w.steps = [_t(lang, f"Tử số: học sinh mới vào lớp {l + 1} = {_c(d['E_f'])} − {_c(d['R_f'])} = {_c(n)}",
                  f"Numerator: new entrants to grade {l + 1} = {_c(d['E_f'])} − {_c(d['R_f'])} = {_c(n)}"),
               _t(lang, f"Mẫu số: học sinh lớp {l} không lưu ban = {_c(d['E_l'])} − {_c(d['R_l'])} = {_c(den)}",
                  f"Denominator: grade-{l} pupils who did not repeat = {_c(d['E_l'])} − {_c(d['R_l'])} = {_c(den)}"),
               f"ETR = 100 × {_c(n)} / {_c(den)} = {_pct(v)}"]
    w.result, w.value = f"ETR = {_pct(v)} ({_c(n)} / {_c(den)})", v
    return w


def _graduate_transition(lang, d):
    g = pd.DataFrame({"locality": d["locality"], "year": [2021], "graduates": [d["graduates"]]})
    dest = pd.DataFrame({"locality": d["locality"], "year": 2021, "destination": list(d["dest"]), "entrants": list(d["dest"].values())})
    res = ind.graduate_transition_rate(g, dest).set_index("indicator")
    both = res.loc["transition_rate_upper_secondary_or_vocational"]
    names = {"upper-secondary": ("Vào lớp 10 THPT", "Grade 10 (general)"), "continuing-education": ("Vào lớp 10 GDTX", "Grade 10 (continuing ed.)"),
             "vocational": ("Học nghề, trung cấp", "Vocational"), "none": ("Không học tiếp", "Not continuing")}
    tab = _table([dict(k=_t(lang, *names[k]), n=v) for k, v in d["dest"].items()], {"k": ("Hướng đi", "Destination"), "n": ("Học sinh", "Graduates")}, lang)
    w = Worked("graduate_transition", _t(lang, f"Học sinh tốt nghiệp THCS học tiếp THPT và học nghề, {d['locality']}",
                                         f"Lower-secondary graduates continuing to upper secondary or vocational, {d['locality']}"),
               tables=[(_t(lang, f"{_c(d['graduates'])} học sinh tốt nghiệp THCS", f"{_c(d['graduates'])} lower-secondary graduates"), tab)],
               question=_t(lang, "Tính tỷ lệ học tiếp THPT (kể cả GDTX), tỷ lệ học nghề và tỷ lệ học tiếp chung.",
                           "Compute the shares going on to upper secondary (incl. continuing education), to vocational training, and either."))
    w.source, w.real = _src(lang, extra=d.get("note", ""))
    up = res.loc["transition_rate_upper_secondary"]
    voc = res.loc["transition_rate_vocational"]
    w.steps = [_t(lang, f"THPT + GDTX: 100 × {_c(up['numerator'])} / {_c(up['denominator'])} = {_pct(up['value'])}",
                  f"Upper secondary: 100 × {_c(up['numerator'])} / {_c(up['denominator'])} = {_pct(up['value'])}"),
               _t(lang, f"Học nghề: 100 × {_c(voc['numerator'])} / {_c(voc['denominator'])} = {_pct(voc['value'])}",
                  f"Vocational: 100 × {_c(voc['numerator'])} / {_c(voc['denominator'])} = {_pct(voc['value'])}"),
               _t(lang, f"Học tiếp chung: 100 × {_c(both['numerator'])} / {_c(both['denominator'])} = {_pct(both['value'])}",
                  f"Either: 100 × {_c(both['numerator'])} / {_c(both['denominator'])} = {_pct(both['value'])}")]
    w.result, w.value = _t(lang, f"học tiếp chung {_pct(both['value'])}", f"either {_pct(both['value'])}"), float(both["value"])
    return w


def _ages(lo, hi) -> str:
    """An age range as the pages write it: ``11-14``, or ``11`` when both ends are the same age.

    >>> _ages(11, 14), _ages(11, 11)
    ('11-14', '11')
    """
    return f"{lo}" if lo == hi else f"{lo}-{hi}"


def _completion_by_age(lang, d):
    a = pd.DataFrame({"locality": d["locality"], "year": 2021, "age": list(d["pop"]), "population": list(d["pop"].values()),
                      "completed": list(d["done"].values())})
    lo, hi = min(d["pop"]), max(d["pop"])
    n, den, v = _row(ind.completion_by_age(a, (lo, hi), d["level"], "x"))
    tab = _table([dict(a=k, p=d["pop"][k], c=d["done"][k]) for k in d["pop"]],
                 {"a": ("Tuổi", "Age"), "p": ("Dân số", "Population"), "c": (d["what_vi"], d["what_en"])}, lang)
    w = Worked("completion_by_age", _t(lang, f"{d['what_vi']} ({_ages(lo, hi)} tuổi), {d['locality']}", f"{d['what_en']} (aged {_ages(lo, hi)}), {d['locality']}"),
               tables=[("", tab)], question=_t(lang, f"Tính tỷ lệ, so với ngưỡng {d['threshold']}% của Nghị định 20/2014.",
                                               f"Compute the share and compare it with the {d['threshold']}% threshold of Decree 20/2014."))
    w.source, w.real = _src(lang)
    w.steps = [_t(lang, f"Tử số: {_sum(d['done'].values())}", f"Numerator: {_sum(d['done'].values())}"),
               _t(lang, f"Mẫu số: {_sum(d['pop'].values())}", f"Denominator: {_sum(d['pop'].values())}"),
               f"100 × {_c(n)} / {_c(den)} = {_pct(v, 2)}"]
    met = v >= d["threshold"]
    w.result = _t(lang, f"{_pct(v, 2)}: {'đạt' if met else 'chưa đạt'} ngưỡng {d['threshold']}%", f"{_pct(v, 2)}: threshold {d['threshold']}% {'met' if met else 'not met'}")
    w.value = v
    return w


def _completion_rate(lang, d):
    a = pd.DataFrame({"locality": "A", "year": 2021, "age": [13, 14, 15], "population": d["pop"], "completed": d["done"]})
    res = ind.completion_rate(a, "primary")
    n, den, v = _row(res)
    vn = vn_completion_rate(d["completers"], d["grade1_t4"])
    tab = _table([dict(a=13 + i, p=d["pop"][i], c=d["done"][i]) for i in range(3)],
                 {"a": ("Tuổi", "Age"), "p": ("Dân số", "Population"), "c": ("Đã hoàn thành tiểu học", "Completed primary")}, lang)
    tab2 = _table([dict(a=d["grade1_t4"], b=d["completers"])], {"a": ("Học sinh lớp 1 năm học 2017-2018", "Grade 1, 2017-2018"),
                                                                 "b": ("Hoàn thành tiểu học 2021-2022", "Completed primary, 2021-2022")}, lang)
    w = Worked("completion_rate", _t(lang, "Tỷ lệ hoàn thành tiểu học: SDG 4.1.2 (UIS) và cách tính của báo cáo trường",
                                     "Primary completion: SDG 4.1.2 (UIS) and the school-report way"),
               tables=[(_t(lang, "Điều tra hộ (SDG 4.1.2)", "Household count (SDG 4.1.2)"), tab),
                       (_t(lang, "Sổ sách nhà trường", "School records"), tab2)],
               question=_t(lang, "Tính tỷ lệ hoàn thành theo SDG 4.1.2 và theo báo cáo trường.", "Compute completion the SDG 4.1.2 way and the school-report way."))
    w.source, w.real = _src(lang)
    w.steps = [_t(lang, f"SDG 4.1.2: người 13-15 tuổi đã hoàn thành: {_sum(d['done'])}; dân số: {_sum(d['pop'])}",
                  f"SDG 4.1.2: people aged 13-15 who completed: {_sum(d['done'])}; population: {_sum(d['pop'])}"),
               f"CR = 100 × {_c(n)} / {_c(den)} = {_pct(v, 2)}",
               _t(lang, f"Báo cáo trường: 100 × {_c(d['completers'])} / {_c(d['grade1_t4'])} = {_pct(vn, 2)}",
                  f"School report: 100 × {_c(d['completers'])} / {_c(d['grade1_t4'])} = {_pct(vn, 2)}")]
    w.result = f"SDG 4.1.2: {_pct(v, 2)}; " + _t(lang, f"báo cáo trường: {_pct(vn, 2)}", f"school report: {_pct(vn, 2)}")
    w.value = v
    return w


def _graduation(lang, d):
    r = pd.DataFrame({"locality": d["locality"], "year": 2023, "candidates": [d["cand"]], "graduates": [d["grad"]]})
    n, den, v = _row(ind.graduation_rate(r, "lower-secondary"))
    w = Worked("graduation", _t(lang, f"Tỷ lệ tốt nghiệp THCS, {d['locality']}", f"Lower-secondary graduation rate, {d['locality']}"),
               tables=[("", _table([dict(a=d["cand"], b=d["grad"])], {"a": ("Học sinh lớp 9 dự xét", "Grade-9 candidates"),
                                                                        "b": ("Được công nhận tốt nghiệp", "Graduates")}, lang))],
               question=_t(lang, "Tính tỷ lệ tốt nghiệp.", "Compute the graduation rate."))
    w.source, w.real = _src(lang)
    w.steps = [f"100 × {_c(n)} / {_c(den)} = {_pct(v, 2)}"]
    w.result, w.value = f"{_pct(v, 2)} ({_c(n)} / {_c(den)})", v
    return w


# ------------------------------------------------------------------ equity
def _gpi(lang, d):
    rows = [dict(locality="A", year=2021, sex="female", value=100 * d["girls"] / d["pop_f"]),
            dict(locality="A", year=2021, sex="male", value=100 * d["boys"] / d["pop_m"])]
    r = pd.DataFrame(rows)
    g = float(ind.gender_parity_index(r)["value"].iloc[0])
    ga = float(ind.adjusted_gender_parity_index(r)["value"].iloc[0])
    gf, gm = rows[0]["value"], rows[1]["value"]
    tab = _table([dict(s=_t(lang, "Nữ", "Girls"), e=d["girls"], p=d["pop_f"]), dict(s=_t(lang, "Nam", "Boys"), e=d["boys"], p=d["pop_m"])],
                 {"s": ("Giới", "Sex"), "e": ("Học sinh tiểu học", "Primary pupils"), "p": ("Dân số 6-10 tuổi", "Population aged 6-10")}, lang)
    w = Worked("gpi", _t(lang, "Chỉ số bình đẳng giới (GPI) của tỷ lệ đi học chung tiểu học", "Gender parity index of the primary GER"),
               tables=[("", tab)], question=_t(lang, "Tính GER của nữ, của nam, rồi GPI và GPI điều chỉnh. Có bình đẳng không (0,97-1,03)?",
                                               "Compute the girls' and boys' GER, then the GPI and the adjusted GPI. Is there parity (0,97-1,03)?"))
    w.source, w.real = _src(lang, extra=d.get("note", ""))
    w.steps = [_t(lang, f"GER nữ = 100 × {_c(d['girls'])} / {_c(d['pop_f'])} = {_num(gf, 2)}", f"Girls' GER = 100 × {_c(d['girls'])} / {_c(d['pop_f'])} = {_num(gf, 2)}"),
               _t(lang, f"GER nam = 100 × {_c(d['boys'])} / {_c(d['pop_m'])} = {_num(gm, 2)}", f"Boys' GER = 100 × {_c(d['boys'])} / {_c(d['pop_m'])} = {_num(gm, 2)}"),
               f"GPI = {_num(gf, 2)} / {_num(gm, 2)} = {_num(g, 3)}"]
    if gf > gm:
        w.steps.append(f"GPIA = 2 − {_num(gm, 2)} / {_num(gf, 2)} = {_num(ga, 3)}")
    else:
        w.steps.append(_t(lang, f"GPI ≤ 1 nên GPIA = GPI = {_num(ga, 3)}", f"GPI ≤ 1, so GPIA = GPI = {_num(ga, 3)}"))
    par = 0.97 <= g <= 1.03
    w.result = f"GPI = {_num(g, 3)}, GPIA = {_num(ga, 3)}: " + _t(lang, "bình đẳng" if par else ("nghiêng về nam" if g < 1 else "nghiêng về nữ"),
                                                                   "parity" if par else ("favours boys" if g < 1 else "favours girls"))
    w.value = g
    return w


def _over_age(lang, d):
    rows = [(g, a, n) for g, ages in d["by_grade"].items() for a, n in ages.items()]
    e = pd.DataFrame({"locality": "A", "year": 2021, "grade": [r[0] for r in rows], "age": [r[1] for r in rows], "enrolment": [r[2] for r in rows]})
    k = d.get("k", 2)
    res = ind.over_age_share(e, "primary", years_over=k)
    n, den, v = _row(res)
    tab = _table([dict(g=g, a=a, n=x) for g, a, x in rows], {"g": ("Lớp", "Grade"), "a": ("Tuổi", "Age"), "n": ("Học sinh", "Pupils")}, lang)
    w = Worked("over_age", _t(lang, f"Tỷ lệ học sinh quá tuổi (từ {k} tuổi trở lên)", f"Share of pupils over-age by {k} years or more"),
               tables=[("", tab)], question=_t(lang, f"Tuổi của lớp g là g + 5. Tính tỷ lệ học sinh quá tuổi từ {k} năm trở lên.",
                                               f"The age of grade g is g + 5. Compute the share of pupils {k} or more years over-age."))
    w.source, w.real = _src(lang)
    for g in d["by_grade"]:
        lim = g + 5 + k
        over = sum(x for a, x in d["by_grade"][g].items() if a >= lim)
        w.steps.append(_t(lang, f"Lớp {g}: quá tuổi khi từ {lim} tuổi trở lên: {_c(over)} em", f"Grade {g}: over-age from age {lim}: {_c(over)} pupils"))
    w.steps.append(f"100 × {_c(n)} / {_c(den)} = {_pct(v, 2)}")
    w.result, w.value = f"{_pct(v, 2)} ({_c(n)} / {_c(den)})", v
    return w


# ------------------------------------------------------------------ teachers
def _ptr(lang, d):
    e = pd.DataFrame({"locality": d["locality"], "year": d["year"], "level": d["level"], "enrolment": [d["pupils"]]})
    t = pd.DataFrame({"locality": d["locality"], "year": d["year"], "level": d["level"], "teachers": [d["teachers"]]})
    n, den, v = _row(ind.pupil_teacher_ratio(e, t, d["level"]))
    lv = _t(lang, *_LEVEL_VI[d["level"]])
    w = Worked("ptr", _t(lang, f"Số học sinh/giáo viên, {lv}, {d['locality']} {d['year']}-{d['year'] + 1}",
                         f"Pupil-teacher ratio, {lv}, {d['locality']} {d['year']}-{d['year'] + 1}"),
               tables=[("", _table([dict(a=d["pupils"], b=d["teachers"])], {"a": ("Học sinh", "Pupils"), "b": ("Giáo viên", "Teachers")}, lang))],
               question=_t(lang, "Tính số học sinh trên một giáo viên.", "Compute the pupils per teacher."))
    w.source, w.real = _src(lang, d.get("real"))
    w.steps = [f"{_c(n)} / {_c(den)} = {_num(v, 2)}"]
    if d.get("published"):
        p = d["published"]   # the yearbook's rounded figure, said in the page's language
        w.steps.append(_t(lang, f"Niên giám in {_c(p)} học sinh/giáo viên: làm tròn đến số nguyên, {_num(v, 2)} ≈ {_c(round(v))}",
                          f"The yearbook prints {_c(p)} pupils per teacher: rounded to whole pupils, {_num(v, 2)} ≈ {_c(round(v))}"))
    w.result, w.value = _t(lang, f"{_num(v, 2)} học sinh/giáo viên", f"{_num(v, 2)} pupils per teacher"), v
    return w


def _pcr(lang, d):
    e = pd.DataFrame({"locality": d["locality"], "year": 2016, "level": "primary", "enrolment": [d["pupils"]]})
    c = pd.DataFrame({"locality": d["locality"], "year": 2016, "level": "primary", "classes": [d["classes"]]})
    res = ind.pupil_class_ratio(e, c, "primary")
    n, den, v = _row(res)
    w = Worked("pcr", _t(lang, f"Số học sinh bình quân/lớp, tiểu học, {d['locality']}", f"Pupils per class, primary, {d['locality']}"),
               tables=[("", _table([dict(a=d["pupils"], b=d["classes"])], {"a": ("Học sinh", "Pupils"), "b": ("Số lớp", "Classes")}, lang))],
               question=_t(lang, "Tính số học sinh bình quân một lớp; so với mức tối đa 35 của Điều lệ trường tiểu học.",
                           "Compute the pupils per class and compare with the cap of 35 of the primary school charter."))
    w.source, w.real = _src(lang, d.get("real"))
    w.steps = [f"{_c(n)} / {_c(den)} = {_num(v, 2)}",
               _t(lang, "Đây là bình quân: một lớp ở điểm trường chính vẫn có thể vượt 35.", "This is an average: one class at the main site may still exceed 35.")]
    w.result = _t(lang, f"{_num(v, 2)} học sinh/lớp ({'trên' if bool(res['above_cap'].iloc[0]) else 'dưới'} mức 35)",
                  f"{_num(v, 2)} pupils per class ({'above' if bool(res['above_cap'].iloc[0]) else 'below'} the cap of 35)")
    w.value = v
    return w


def _classes_frame(d):
    return pd.DataFrame({"locality": d["locality"], "year": 2016, "level": [r[0] for r in d["classes"]],
                         "sessions": [r[1] for r in d["classes"]], "classes": [r[2] for r in d["classes"]]})


def _classes_table(d, lang):
    return _table([dict(l=_t(lang, *_LEVEL_VI[r[0]]), s=r[1], n=r[2], v=_num(ind.teacher_norm(r[0], r[1]), 2)) for r in d["classes"]],
                  {"l": ("Cấp", "Level"), "s": ("Buổi/ngày", "Sessions a day"), "n": ("Số lớp", "Classes"), "v": ("Định mức GV/lớp", "Teachers per class")}, lang)


def _teachers_required(lang, d):
    res = ind.teachers_required(_classes_frame(d))
    r = res.iloc[0]
    w = Worked("teachers_required", _t(lang, f"Số giáo viên cần theo định mức, {d['locality']}", f"Teachers required at the norms, {d['locality']}"),
               tables=[("", _classes_table(d, lang))], question=_t(lang, "Tính số giáo viên cần theo định mức (làm tròn đến người).",
                                                                  "Compute the teachers required at the norms (rounded to whole teachers)."))
    w.source, w.real = _src(lang, d.get("real"), d.get("note", ""))
    w.steps = [r["calculation"], _t(lang, f"Làm tròn: {_c(r['teachers_required'])} giáo viên", f"Rounded: {_c(r['teachers_required'])} teachers")]
    w.result, w.value = _t(lang, f"{_c(r['teachers_required'])} giáo viên", f"{_c(r['teachers_required'])} teachers"), float(r["teachers_required"])
    return w


def _teacher_norm(lang, d):
    vals = [(lv, s, ind.teacher_norm(lv, s)) for lv, s in d["cases"]]
    w = Worked("teacher_norm", _t(lang, "Định mức giáo viên trên lớp", "Teachers per class at the norm"),
               tables=[("", _table([dict(l=_t(lang, *_LEVEL_VI.get(lv, (lv, lv))), s=s) for lv, s, _ in vals],
                                   {"l": ("Cấp", "Level"), "s": ("Buổi/ngày", "Sessions a day")}, lang))],
               question=_t(lang, "Tra định mức giáo viên/lớp cho từng trường hợp.", "Look up the teachers per class for each case."))
    w.source, w.real = _t(lang, "Định mức tối đa đang áp dụng (từ 16/12/2023): Thông tư 20/2023/TT-BGDĐT, Điều 7, 12, 17; "
                          "Thông tư 19/2023/TT-BGDĐT, Điều 5 (lớp mẫu giáo 2,2 dù 1 hay 2 buổi)",
                          "The maxima in force (from 16/12/2023): Circular 20/2023, art. 7, 12, 17; Circular 19/2023, art. 5 "
                          "(a kindergarten class 2,2 whatever the sessions)"), True
    w.steps = [f"{_t(lang, *_LEVEL_VI.get(lv, (lv, lv)))}, {s} {_t(lang, 'buổi', 'session(s)')}: {_num(v, 2)}" for lv, s, v in vals]
    w.result, w.value = "; ".join(_num(v, 2) for *_, v in vals), vals[0][2]
    return w


def _surplus(lang, d):
    c = _classes_frame(d)
    t = pd.DataFrame({"locality": d["locality"], "year": 2016, "level": list(d["teachers"]), "teachers": list(d["teachers"].values())})
    res = ind.teacher_surplus_shortage(c, t)
    w = Worked("surplus", _t(lang, f"Thừa, thiếu giáo viên so với định mức, {d['locality']}", f"Teacher surplus or shortage against the norms, {d['locality']}"),
               tables=[("", _classes_table(d, lang)),
                       (_t(lang, "Giáo viên hiện có", "Teachers in post"),
                        _table([dict(l=_t(lang, *_LEVEL_VI[k]), t=v) for k, v in d["teachers"].items()], {"l": ("Cấp", "Level"), "t": ("Giáo viên", "Teachers")}, lang))],
               question=_t(lang, "Mỗi cấp thừa hay thiếu bao nhiêu giáo viên?", "How many teachers does each level have too many or too few?"))
    w.source, w.real = _src(lang, d.get("real"), d.get("note", ""))
    parts = []
    for _, r in res.iterrows():
        lv = _t(lang, *_LEVEL_VI[r["level"]])
        w.steps.append(f"{lv}: {r['calculation']} → {_c(r['teachers_required'])}; {_c(r['teachers_in_post'])} − {_c(r['teachers_required'])} = {format_number(r['gap'], 0)}")
        st = {"thiếu": ("thiếu", "short by"), "thừa": ("thừa", "surplus of"), "đủ": ("đủ", "exactly staffed")}[r["status"]]
        parts.append(f"{lv} {_t(lang, *st)} {_c(abs(r['gap']))}" if r["status"] != "đủ" else f"{lv} {_t(lang, *st)}")
    w.result, w.value = "; ".join(parts), float(res["gap"].iloc[0])
    return w


def _qualification(lang, d):
    t = pd.DataFrame({"locality": d["locality"], "year": 2022, "level": d["level"], "degree": list(d["degrees"]), "teachers": list(d["degrees"].values())})
    q = ind.qualified_teacher_share(t, d["level"])
    a = ind.qualified_teacher_share(t, d["level"], threshold="above")
    n, den, v = _row(q)
    na, _, va = _row(a)
    lv = _t(lang, *_LEVEL_VI.get(d["level"], ("mầm non", "preschool")))
    tab = _table([dict(g=k, s=_t(lang, *{"below": ("dưới chuẩn", "below"), "standard": ("đạt chuẩn", "standard"), "above": ("trên chuẩn", "above")}[ind.qualification_status(k, d["level"])]), n=x)
                  for k, x in d["degrees"].items()], {"g": ("Trình độ", "Degree"), "s": ("So với chuẩn", "Against the standard"), "n": ("Giáo viên", "Teachers")}, lang)
    w = Worked("qualification", _t(lang, f"Tỷ lệ giáo viên {lv} đạt chuẩn và trên chuẩn, {d['locality']}", f"Qualified {lv} teachers, {d['locality']}"),
               tables=[("", tab)], question=_t(lang, "Tính tỷ lệ đạt chuẩn (kể cả trên chuẩn) và tỷ lệ trên chuẩn.", "Compute the qualified share (above included) and the above-standard share."))
    w.source, w.real = _src(lang)
    w.steps = [_t(lang, f"Đạt chuẩn trở lên: 100 × {_c(n)} / {_c(den)} = {_pct(v)}", f"Qualified or above: 100 × {_c(n)} / {_c(den)} = {_pct(v)}"),
               _t(lang, f"Trên chuẩn: 100 × {_c(na)} / {_c(den)} = {_pct(va)}", f"Above the standard: 100 × {_c(na)} / {_c(den)} = {_pct(va)}")]
    w.result, w.value = _t(lang, f"đạt chuẩn {_pct(v)}, trên chuẩn {_pct(va)}", f"qualified {_pct(v)}, above {_pct(va)}"), v
    return w


# ------------------------------------------------------------------ outcomes
def _evaluation(lang, d):
    ev = pd.DataFrame({"locality": d["locality"], "year": 2023, "level": d["level"], "category": list(d["counts"]), "pupils": list(d["counts"].values())})
    res = ind.evaluation_shares(ev, d["scale"], d["level"])
    names = {"secondary_learning_good_share": ("Khá, Tốt", "Khá or Tốt"), "secondary_learning_pass_share": ("Đạt trở lên", "Đạt or better"),
             "primary_eval_good_share": ("Hoàn thành tốt trở lên", "Completed well or better"),
             "primary_eval_completed_share": ("Hoàn thành trở lên", "Completed or better"), "primary_eval_not_completed_share": ("Chưa hoàn thành", "Not completed")}
    tab = _table([dict(c=k, n=v) for k, v in d["counts"].items()], {"c": ("Mức đánh giá", "Category"), "n": ("Học sinh", "Pupils")}, lang)
    w = Worked("evaluation", _t(lang, f"Tỷ lệ học sinh theo mức đánh giá, {d['locality']}", f"Pupils by evaluation category, {d['locality']}"),
               tables=[("", tab)], question=_t(lang, "Tính các tỷ lệ cộng dồn mà văn bản dùng làm chỉ tiêu.", "Compute the cumulative shares the documents set targets on."))
    w.source, w.real = _src(lang)
    for _, r in res.iterrows():
        w.steps.append(f"{_t(lang, *names[r['indicator']])}: 100 × {_c(r['numerator'])} / {_c(r['denominator'])} = {_pct(r['value'])}")
    w.result = "; ".join(f"{_t(lang, *names[r['indicator']])} {_pct(r['value'])}" for _, r in res.iterrows())
    w.value = float(res["value"].iloc[0])
    return w


def _malnutrition(lang, d):
    n_ = pd.DataFrame({"locality": d["locality"], "year": 2021, "weighed": [d["weighed"]], "malnourished": [d["mal"]]})
    n, den, v = _row(ind.malnutrition_rate(n_))
    w = Worked("malnutrition", _t(lang, f"Tỷ lệ trẻ suy dinh dưỡng, {d['locality']}", f"Child malnutrition rate, {d['locality']}"),
               tables=[("", _table([dict(a=d["weighed"], b=d["mal"])], {"a": ("Trẻ được cân đo", "Children weighed"), "b": ("Trẻ suy dinh dưỡng", "Malnourished")}, lang))],
               question=_t(lang, "Tính tỷ lệ suy dinh dưỡng.", "Compute the malnutrition rate."))
    w.source, w.real = _src(lang)
    w.steps = [f"100 × {_c(n)} / {_c(den)} = {_pct(v)}"]
    w.result, w.value = f"{_pct(v)} ({_c(n)} / {_c(den)})", v
    return w


# ------------------------------------------------------------------ universalisation
_CRIT = {"diploma_15_18": ("15-18 tuổi có bằng THCS", "aged 15-18 with the lower-secondary diploma"),
         "upper_or_vocational_15_18": ("15-18 tuổi đang học THPT, GDTX hoặc nghề", "aged 15-18 in upper secondary, continuing ed. or vocational"),
         "pcgd_primary_level": ("mức PCGD tiểu học", "primary universalisation level"),
         "literacy_level": ("mức XMC", "literacy level")}


def _universalisation(lang, d):
    r = pd.DataFrame({"locality": [d["locality"]], "year": [2021], "dbkk": [d["dbkk"]], **{k: [v] for k, v in d["rates"].items()}})
    res = ind.classify_universalization(r, "pcgd_lower_secondary").iloc[0]
    tab = _table([dict(c=_t(lang, *_CRIT[k]), v=(_num(v, 2) + "%") if not k.endswith("level") else str(v)) for k, v in d["rates"].items()],
                 {"c": ("Tiêu chí", "Criterion"), "v": ("Giá trị", "Value")}, lang)
    w = Worked("universalisation", _t(lang, f"Mức PCGD THCS của xã {d['locality']} ({'ĐBKK' if d['dbkk'] else 'không ĐBKK'})",
                                      f"Lower-secondary universalisation level of {d['locality']} ({'ĐBKK' if d['dbkk'] else 'not ĐBKK'})"),
               tables=[("", tab)], question=_t(lang, "Xã đạt mức mấy (Nghị định 20/2014, Điều 14-16)? Tiêu chí nào quyết định?",
                                               "Which level does the commune reach (Decree 20/2014, art. 14-16)? Which criterion binds?"))
    w.source, w.real = _src(lang)
    th = ind.UNIVERSALIZATION_CRITERIA["pcgd_lower_secondary"]
    for lvl, crits in th.items():
        parts = []
        for c in crits:
            t_ = c[2] if d["dbkk"] else c[1]
            x = d["rates"][c[0]]
            ok = x >= t_
            parts.append(f"{_t(lang, *_CRIT[c[0]])} {(_num(x, 2) + '%') if not c[0].endswith('level') else x} "
                         f"{'≥' if ok else '<'} {(_num(t_, 0) + '%') if not c[0].endswith('level') else int(t_)}")
        w.steps.append(_t(lang, f"Mức {lvl}: ", f"Level {lvl}: ") + "; ".join(parts))
    crit = _t(lang, *_CRIT.get(res["binding_criterion"], (res["binding_criterion"],) * 2))
    w.result = _t(lang, f"mức {res['level']}; tiêu chí quyết định: {crit} (chênh {format_number(res['margin'], 2)} điểm)",
                  f"level {res['level']}; binding criterion: {crit} (margin {format_number(res['margin'], 2)} points)")
    w.value = float(res["level"])
    return w


def _district(lang, d):
    c = pd.DataFrame({"district": d["district"], "year": 2023, "commune": range(sum(d["levels"].values())),
                      "level": [lv for lv, n in d["levels"].items() for _ in range(n)]})
    res = ind.district_universalization(c, d["target_level"], standard=d.get("standard")).iloc[0]
    tab = _table([dict(l=lv, n=n) for lv, n in d["levels"].items()], {"l": ("Mức của xã", "Commune level"), "n": ("Số xã", "Communes")}, lang)
    w = Worked("district", _t(lang, f"Huyện {d['district']} có đạt mức {d['target_level']} không?", f"Does {d['district']} district reach level {d['target_level']}?"),
               tables=[("", tab)], question=_t(lang, f"Tỷ lệ xã đạt mức {d['target_level']} trở lên là bao nhiêu? Huyện có đạt (ngưỡng {_num(res['threshold'], 0)}%)?",
                                               f"What share of communes is at level {d['target_level']} or above? Does the district qualify (threshold {_num(res['threshold'], 0)}%)?"))
    w.source, w.real = _src(lang, extra=d.get("note", ""))
    w.steps = [f"100 × {_c(res['numerator'])} / {_c(res['denominator'])} = {_pct(res['value'])}",
               f"{_pct(res['value'])} {'≥' if res['met'] else '<'} {_num(res['threshold'], 0)}%"]
    w.result = _t(lang, "đạt" if res["met"] else "chưa đạt", "yes" if res["met"] else "no") + f" ({_pct(res['value'])})"
    w.value = float(res["value"])
    return w


def _schools(lang, d):
    r = pd.DataFrame({"locality": "A", "school": [x[0] for x in d["rec"]], "level": "preschool", "recognised_year": [x[1] for x in d["rec"]]})
    res = ind.national_standard_schools(r, [d["year"]])
    get = {row["indicator"]: row for _, row in res.iterrows()}
    tab = _table([dict(s=s, y=str(y)) for s, y in d["rec"]], {"s": ("Trường", "School"), "y": ("Năm công nhận", "Year recognised")}, lang)
    w = Worked("schools", _t(lang, f"Số trường đạt chuẩn quốc gia còn hiệu lực năm {d['year']}", f"National-standard schools in force in {d['year']}"),
               tables=[("", tab)], question=_t(lang, f"Năm {d['year']} có bao nhiêu trường còn hiệu lực công nhận (5 năm)? Bao nhiêu trường hết hạn được công nhận lại?",
                                               f"How many recognitions (valid 5 years) are in force in {d['year']}? How many expiring ones were renewed?"))
    w.source, w.real = _src(lang)
    for s in sorted({x[0] for x in d["rec"]}):
        ys = sorted(y for x, y in d["rec"] if x == s)
        valid = [y for y in ys if y <= d["year"] < y + 5]
        w.steps.append(f"{s}: " + ", ".join(f"{y}–{y + 4}" for y in ys) + " → " + _t(lang, "còn hiệu lực" if valid else "hết hiệu lực", "in force" if valid else "lapsed"))
    n_force = get["national_standard_schools"]["value"]
    w.result = _t(lang, f"{_c(n_force)} trường còn hiệu lực", f"{_c(n_force)} schools in force")
    if "national_standard_rerecognition_share" in get:
        rr = get["national_standard_rerecognition_share"]
        w.result += _t(lang, f"; công nhận lại {_c(rr['numerator'])}/{_c(rr['denominator'])} trường hết hạn",
                       f"; {_c(rr['numerator'])} of {_c(rr['denominator'])} expiring recognitions renewed")
    w.value = float(n_force)
    return w


def _share(lang, d):
    t = pd.DataFrame({"locality": [d["locality"]], "year": [d["year"]], "numerator": [d["num"]], "denominator": [d["den"]]})
    n, den, v = _row(ind.rate_table(t, d["code"]))
    w = Worked("share", _t(lang, d["title_vi"], d["title_en"]),
               tables=[("", _table([dict(a=d["num"], b=d["den"])], {"a": (d["num_vi"], d["num_en"]), "b": (d["den_vi"], d["den_en"])}, lang))],
               question=_t(lang, "Tính tỷ lệ và viết kèm hai số.", "Compute the share and write both counts beside it."))
    w.source, w.real = _src(lang, d.get("real"))
    w.steps = [f"100 × {_c(n)} / {_c(den)} = {_pct(v)}"]
    w.result, w.value = f"{_pct(v)} ({_c(n)} / {_c(den)})", v
    return w


# ------------------------------------------------------------------ data: (worked example, exercise)
_ASSUME = ("; giả định: mọi trường là trường thường, học 1 buổi (trường PTDT nội trú dùng định mức 2,20)",
           "; assumed: all regular schools (ethnic boarding schools use 2,20)")
_NA_MEO_ENR = {6: 88, 7: 90, 8: 86, 9: 85, 10: 84, 11: 20, 12: 7}
CASES = {
    "ger": (_ger, dict(locality="Na Mèo", year=2021, level="primary", enrolment=_NA_MEO_ENR, population={a: 86 for a in range(6, 11)}),
            dict(locality="Xã B", year=2022, level="lower-secondary", enrolment={11: 70, 12: 68, 13: 66, 14: 61, 15: 14, 16: 5},
                 population={11: 72, 12: 70, 13: 69, 14: 68})),
    "ner": (_ner, dict(locality="Xã A (minh họa)", year=2021, level="primary", enrolment=_NA_MEO_ENR,
                       population={a: 90 for a in range(6, 11)}),
            dict(locality="Xã B", year=2022, level="lower-secondary", enrolment={11: 70, 12: 68, 13: 66, 14: 61, 15: 14, 16: 5},
                 population={11: 72, 12: 70, 13: 69, 14: 68})),
    "aner": (_aner, dict(rows=[("primary", 6, 95), ("primary", 7, 97), ("primary", 8, 96), ("primary", 9, 98), ("primary", 10, 90),
                               ("lower-secondary", 10, 4)], population={6: 100, 7: 100, 8: 100, 9: 100, 10: 100}),
             dict(rows=[("primary", 6, 61), ("primary", 7, 60), ("primary", 8, 58), ("primary", 9, 59), ("primary", 10, 55), ("lower-secondary", 10, 3)],
                  population={6: 63, 7: 62, 8: 60, 9: 61, 10: 60})),
    "aser": (_aser, dict(name="xã A", enrolled=57, population=60, dbkk=False), dict(name="xã C", enrolled=83, population=94, dbkk=True)),
    "mobilisation": (_mobilisation, dict(locality="Na Mèo", year=2021, level="nursery", enrolment={0: 3, 1: 30, 2: 48}, population={0: 50, 1: 50, 2: 50},
                                         note=("; tái lập số liệu nền \"huy động ra nhóm trẻ đạt 54%\" của Na Mèo",
                                               "; reproduces Na Mèo's baseline \"huy động ra nhóm trẻ đạt 54%\"")),
                     dict(locality="Xã B", year=2022, level="kindergarten", enrolment={3: 52, 4: 58, 5: 61}, population={3: 60, 4: 61, 5: 62})),
    "gir": (lambda lang, d: _intake("gir", lang, d), dict(entrants={6: 90, 7: 8, 8: 4}, p6=96), dict(entrants={6: 71, 7: 6, 8: 2}, p6=74)),
    "nir": (lambda lang, d: _intake("nir", lang, d), dict(entrants={6: 90, 7: 8, 8: 4}, p6=96), dict(entrants={6: 71, 7: 6, 8: 2}, p6=74)),
    "oosr": (_oosr, dict(rows=[("primary", 6, 95), ("primary", 10, 90), ("lower-secondary", 10, 4)], population={6: 100, 7: 0, 8: 0, 9: 0, 10: 100}),
             dict(rows=[("primary", 6, 61), ("primary", 7, 60), ("primary", 8, 58), ("primary", 9, 59), ("primary", 10, 55), ("lower-secondary", 10, 3)],
                  population={6: 63, 7: 62, 8: 60, 9: 61, 10: 60})),
    "two_session": (_two_session, dict(locality="Na Mèo", one=140, two=160), dict(locality="Xã B", one=95, two=310)),
    "flows": (_flows, dict(grade=6, E_g=100, E_g1_now=98, E_g_next=101, E_g1_next=97, R_g_next=3, R_g1_next=2),
              dict(grade=2, E_g=412, E_g1_now=405, E_g_next=398, E_g1_next=404, R_g_next=9, R_g1_next=6)),
    "flows_vn": (_flows_vn, dict(start=100, dropped=2, end=98, promoted=95, kept_down=3,
                                 uis=dict(grade=6, E_g=100, E_g1_now=98, E_g_next=101, E_g1_next=96, R_g_next=3, R_g1_next=2)),
                 dict(start=240, dropped=5, end=238, promoted=229, kept_down=9,
                      uis=dict(grade=7, E_g=240, E_g1_now=231, E_g_next=236, E_g1_next=227, R_g_next=8, R_g1_next=4))),
    "survival": (_survival, dict(rates={1: (90.0, 5.0), 2: (95.0, 0.0)}),
                 dict(rates={1: (94.0, 4.0), 2: (95.5, 3.0), 3: (96.0, 2.5), 4: (97.0, 2.0)})),
    "etr": (_etr, dict(last=5, E_l=120, R_l=2, E_f=117, R_f=3), dict(last=9, E_l=310, R_l=4, E_f=262, R_f=6)),
    "graduate_transition": (_graduate_transition, dict(locality="Na Mèo", graduates=100, dest={"upper-secondary": 70, "vocational": 22, "none": 8},
                                                       note=("; tái lập số liệu nền \"tiếp tục học lên THPT và trường nghề đạt 92%\" của Na Mèo",
                                                             "; reproduces Na Mèo's baseline of 92% continuing")),
                            dict(locality="Xã B", graduates=180, dest={"upper-secondary": 118, "continuing-education": 14, "vocational": 31, "none": 17})),
    "completion_by_age": (_completion_by_age, dict(locality="Na Mèo", level="lower-secondary", pop={15: 90, 16: 88, 17: 86, 18: 86}, done={15: 60, 16: 82, 17: 82, 18: 80},
                                                   what_vi="Có bằng tốt nghiệp THCS", what_en="Holding the lower-secondary diploma", threshold=80),
                          dict(locality="Xã B", level="primary", pop={11: 64}, done={11: 57}, what_vi="Đã hoàn thành tiểu học",
                               what_en="Completed primary", threshold=80)),
    "completion_rate": (_completion_rate, dict(pop=[100, 100, 100], done=[96, 98, 99], completers=111, grade1_t4=120),
                        dict(pop=[58, 61, 60], done=[53, 57, 58], completers=57, grade1_t4=63)),
    "graduation": (_graduation, dict(locality="Mường Tè", cand=842, grad=836), dict(locality="Xã B", cand=176, grad=173)),
    "gpi": (_gpi, dict(girls=416, boys=462, pop_f=400, pop_m=420), dict(girls=301, boys=289, pop_f=280, pop_m=292)),
    "over_age": (_over_age, dict(by_grade={1: {6: 80, 7: 14, 8: 6}, 2: {7: 75, 8: 16, 9: 4}}),
                 dict(by_grade={3: {8: 60, 9: 9, 10: 3}, 4: {9: 58, 10: 8, 11: 2, 12: 1}}, k=1)),
    "ptr": (_ptr, dict(locality="Hòa Bình", year=2021, level="primary", pupils=86413, teachers=4527, real="hb2021", published=19),
            dict(locality="Hòa Bình", year=2016, level="lower-secondary", pupils=47054, teachers=3907, real="hb2016")),
    "pcr": (_pcr, dict(locality="Hòa Bình", pupils=71303, classes=3127, real="hb2016"),
            dict(locality="Trường TH Na Mèo", pupils=395, classes=21, real="na_meo_school")),
    "teacher_norm": (_teacher_norm, dict(cases=[("primary", 2), ("primary", 1), ("lower-secondary", 1), ("upper-secondary", 1)]),
                     dict(cases=[("nursery", 2), ("kindergarten", 2), ("kindergarten", 1)])),
    "teachers_required": (_teachers_required, dict(locality="Hòa Bình", classes=[("lower-secondary", 1, 1786)], real="hb2016",
                                                   note=_ASSUME),
                          dict(locality="Xã B", classes=[("primary", 2, 120), ("primary", 1, 40)])),
    "surplus": (_surplus, dict(locality="Hòa Bình", classes=[("lower-secondary", 1, 1786)], teachers={"lower-secondary": 3907}, real="hb2016",
                               note=_ASSUME),
                dict(locality="Xã B", classes=[("primary", 2, 100), ("lower-secondary", 1, 50)], teachers={"primary": 140, "lower-secondary": 100})),
    "qualification": (_qualification, dict(locality="Lạc Sơn", level="preschool", degrees={"trung cấp": 20, "cao đẳng": 250, "đại học": 130}),
                      dict(locality="Xã B", level="primary", degrees={"cao đẳng": 9, "đại học": 52, "thạc sĩ": 3})),
    "evaluation": (_evaluation, dict(locality="Mường Tè", level="lower-secondary", scale="tt22-learning",
                                     counts={"Tốt": 120, "Khá": 300, "Đạt": 520, "Chưa đạt": 60}),
                   dict(locality="Xã B", level="primary", scale="tt27",
                        counts={"Hoàn thành xuất sắc": 41, "Hoàn thành tốt": 96, "Hoàn thành": 248, "Chưa hoàn thành": 10})),
    "malnutrition": (_malnutrition, dict(locality="Na Mèo", weighed=200, mal=18), dict(locality="Xã B", weighed=164, mal=13)),
    "universalisation": (_universalisation, dict(locality="Na Mèo", dbkk=True, rates={"diploma_15_18": 90.14, "upper_or_vocational_15_18": 75.0,
                                                                                      "pcgd_primary_level": 3, "literacy_level": 2}),
                         dict(locality="Xã B", dbkk=False, rates={"diploma_15_18": 93.2, "upper_or_vocational_15_18": 82.5,
                                                                 "pcgd_primary_level": 3, "literacy_level": 2})),
    "district": (_district, dict(district="Mường Tè", target_level=3, standard="pcgd_primary", levels={3: 10, 2: 3, 1: 1},
                                 note=("; 14 xã, thị trấn; \"10 xã đạt chuẩn mức độ 3\" theo văn bản, mức của các xã còn lại là minh họa",
                                       "; 14 communes; \"10 xã đạt chuẩn mức độ 3\" from the document, the other communes' levels are illustrative")),
                 dict(district="Huyện B", target_level=3, standard="pcgd_lower_secondary", levels={3: 17, 2: 1})),
    "schools": (_schools, dict(rec=[("MN1", 2016), ("MN2", 2019), ("MN1", 2021)], year=2021),
                dict(rec=[("TH1", 2015), ("TH2", 2017), ("TH3", 2020), ("TH1", 2020), ("TH2", 2023)], year=2022)),
    "share": (_share, dict(locality="Lạc Sơn", year=2019, code="national_standard_school_share", num=41, den=89, real="lac_son_schools",
                           title_vi="Tỷ lệ trường đạt chuẩn quốc gia, Lạc Sơn", title_en="Share of national-standard schools, Lạc Sơn",
                           num_vi="Trường đạt chuẩn quốc gia", num_en="National-standard schools", den_vi="Tổng số trường", den_en="All schools"),
              dict(locality="Mường Tè", year=2018, code="boarding_school_share", num=24, den=51, real="muong_te_boarding",
                   title_vi="Tỷ lệ trường phổ thông dân tộc bán trú, nội trú, Mường Tè 2017-2018",
                   title_en="Share of boarding schools, Mường Tè 2017-2018",
                   num_vi="Trường bán trú, nội trú", num_en="Boarding schools", den_vi="Tổng số trường", den_en="All schools")),
}
WORKED_KEYS = list(CASES)


def worked_example(key: str, lang: str = "vi") -> Worked:
    """The worked example of a handbook entry, computed by the package.

    >>> w = worked_example("ptr")
    >>> w.real, w.result
    (True, '19,09 học sinh/giáo viên')
    >>> worked_example("survival", "en").result
    '900,0 of 1000, i.e. 90,0%'
    """
    builder, data, _ = CASES[key]
    return builder(lang, data)


def exercise_answer(key: str, lang: str = "vi") -> Worked:
    """The exercise on a handbook entry, with its answer computed by the package.

    >>> exercise_answer("pcr").result
    '18,81 học sinh/lớp (dưới mức 35)'
    """
    builder, _, data = CASES[key]
    return builder(lang, data)
