"""Page one of a briefing: the decision, ordered by urgency, every number from one assessment row.

:func:`urgency` puts each assessed target in one of seven groups, most urgent first: missed, due
without data, at risk, uncertain, on track, met, no data. :func:`pace_facts` derives the numbers
a sentence may use from one row of :func:`edustats.assess`, with one definition of each pace
(:data:`PACE_NOTE`: achieved, first to latest observation; needed, latest value to target),
oriented so that a "≤" target speaks of falling. A target whose due year is over
(:mod:`edustats.due`) reads as met, missed or due without data, and its action is about the next
plan or the report still owed, never a pace to a past year. :func:`summary_lines` makes one line
per target, labelled by its group only, so that :func:`headline_counts` counts exactly the
labels the tables show; :func:`summary_html` is the dated block that opens every briefing, with
the targets without any value in one compact block by the report that would supply them
(:func:`nodata_block`). Unknown verdict codes (added by later versions of the assessment) are
placed by their name: a code naming a miss or a past due date is "missed", anything else
"uncertain"; nothing is dropped.
"""
from __future__ import annotations

import datetime as _dt
import html
import math
import os
import re

import pandas as pd

from .scorecard import format_target_value
from .vnformat import format_number, format_percent

__all__ = ["GROUPS", "PACE_NOTE", "urgency", "verdict_words", "pace_facts", "need_text", "action_text", "summary_lines",
           "summary_html", "headline_counts", "nodata_block", "count_word", "data_source_hint", "build_date",
           "vn_date", "latest_with_counts"]

# (group, Vietnamese, English, colour), most urgent first
GROUPS = [
    ("missed", "Không đạt", "Missed", "#d73027"),
    ("due_no_data", "Đã đến hạn, chưa có số liệu", "Due, no data yet", "#9e9ac8"),
    ("at_risk", "Có nguy cơ", "At risk", "#fc8d59"),
    ("uncertain", "Chưa chắc chắn", "Uncertain", "#fee08b"),
    ("on_track", "Đúng hướng", "On track", "#91cf60"),
    ("met", "Đã đạt", "Met", "#1a9850"),
    ("no_data", "Chưa có số liệu", "No data", "#bdbdbd"),
]
_GROUP_RANK = {g[0]: i for i, g in enumerate(GROUPS)}
# verdict → (group, rank inside the whole ordering); a finer order inside each group
_VERDICT_ORDER = {
    "observed_missed": ("missed", 0), "unlikely": ("at_risk", 10), "at_risk": ("at_risk", 11),
    "off_pace_low_confidence": ("at_risk", 12), "uncertain": ("uncertain", 20),
    "on_pace_low_confidence": ("on_track", 30), "probable": ("on_track", 31), "likely": ("on_track", 32),
    "observed_met": ("met", 40), "insufficient_data": ("no_data", 50), "due_no_data": ("due_no_data", 5),
}


def urgency(verdict: object, annual_missed: bool = False) -> tuple[str, int]:
    """``(group, rank)`` of a verdict code; lower rank = more urgent.

    An annual target already missed in some year is "missed" whatever its due-year verdict.
    Codes this version does not know are placed by their name.

    >>> urgency("unlikely"), urgency("likely"), urgency("uncertain", annual_missed=True)
    (('at_risk', 10), ('on_track', 32), ('missed', 1))
    >>> urgency("due_no_data"), urgency("something_new")
    (('due_no_data', 5), ('uncertain', 21))
    """
    if annual_missed:
        return "missed", 1
    if verdict in _VERDICT_ORDER:
        return _VERDICT_ORDER[verdict]
    v = str(verdict).lower()
    if "no_data" in v and ("due" in v or "overdue" in v):
        # past its due year with no figure for it: not "missed" (nobody knows), but urgent: the report is owed
        return "due_no_data", 5
    if any(w in v for w in ("miss", "past_due", "overdue", "not_met")):
        return "missed", 2
    if v.endswith("met") or v.startswith("met"):
        return "met", 41
    return "uncertain", 21


def _isnan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _unit_words(unit: str, lang: str = "vi") -> str:
    if unit == "percent":
        return "điểm %" if lang == "vi" else "percentage points"
    if unit == "level":
        return "mức" if lang == "vi" else "levels"
    return {"million_vnd": "triệu đồng", "billion_vnd": "tỷ đồng", "thousand_vnd": "nghìn đồng",
            "vnd": "đồng"}.get(unit, "" if lang == "vi" else "")


def _fmt(v: float, dec: int = 2) -> str:
    return format_number(abs(v), dec, trim=True)


def _is_due(r) -> bool:
    """Whether the row's due year is over (:func:`edustats.due.apply_due_status`) or observed."""
    return r.get("due_status") in ("due_observed", "due_no_data") or r.get("verdict") in (
        "observed_met", "observed_missed", "due_no_data")


def pace_facts(r) -> dict:
    r"""The numbers one target's sentence may use, all taken from its assessment row ``r``.

    One definition of each pace, used by every table and sentence of a briefing (:data:`PACE_NOTE`):
    ``pace`` is the **pace achieved**, the average change a year from the first to the latest
    observation (``annual_change_pp``); ``need`` is the **pace needed**, the change a year from the
    latest value to the target by the due year (``required_change_pp``). ``higher``: whether higher
    is better (``≥``, ``>``, ``=``); ``margin``: forecast minus target, oriented so that a positive
    margin is on the good side; ``trend``: the change a year the model's forecast implies from the
    latest value (kept for the fan chart, never printed as a pace); ``met_now``: the latest value
    already meets the target at its precision; ``wrong_way``: the pace achieved moves away from the
    target; ``slower``: it moves towards it, more slowly than needed; ``forecast_meets``: the
    model's forecast meets it; ``due``: the due year is over.

    .. math:: \text{pace} = \frac{v_t - v_{t_0}}{t - t_0}, \qquad \text{need} = \frac{\text{target} - v_t}{T - t}

    >>> f = pace_facts(dict(comparator="<=", target=6.0, last_value=7.5, projected=7.1, annual_change_pp=-0.2,
    ...                     required_change_pp=-0.75, due_year=2025, last_year=2023, unit="percent"))
    >>> f["higher"], f["need"], f["pace"], round(f["margin"], 2), f["met_now"], f["wrong_way"], f["slower"]
    (False, -0.75, -0.2, -1.1, False, False, True)
    """
    from .assess import met_threshold

    thr, higher = met_threshold(r["comparator"], float(r["target"]))
    last, proj, pace, need = (r.get("last_value"), r.get("projected"), r.get("annual_change_pp"),
                              r.get("required_change_pp"))
    margin = float("nan") if _isnan(proj) else (proj - r["target"]) * (1 if higher else -1)
    met_now = False if _isnan(last) else bool(last >= thr if higher else last < thr)   # θ prints above "≤"
    left = None if _isnan(r.get("last_year")) else int(r["due_year"]) - int(r["last_year"])
    trend = (proj - last) / left if left and not _isnan(proj) and not _isnan(last) else pace
    moving = (not _isnan(pace)) and round(pace, 2) != 0
    wrong_way = moving and (pace < 0 if higher else pace > 0)
    slower = (not _isnan(need)) and not wrong_way and (_isnan(pace) or round(abs(pace), 2) < round(abs(need), 2))
    forecast_meets = None if _isnan(proj) else bool(proj >= thr if higher else proj < thr)
    return dict(higher=higher, threshold=thr, last=last, projected=proj, pace=pace, trend=trend, need=need,
                margin=margin, met_now=met_now, wrong_way=wrong_way, slower=slower, forecast_meets=forecast_meets,
                years_left=left, due=_is_due(r))


PACE_NOTE = {
    "vi": ("Nhịp đã đạt = (số liệu gần nhất − số liệu đầu tiên) ÷ số năm giữa hai lần; nhịp cần = (mục tiêu − số "
           "liệu gần nhất) ÷ số năm còn lại đến năm đích. Mọi bảng và câu trong bản tin dùng hai định nghĩa này; dự "
           "báo và xác suất đạt là của mô hình (edustats.assess, xu hướng giảm dần)."),
    "en": ("Pace achieved = (latest value − first value) ÷ years between them; pace needed = (target − latest "
           "value) ÷ years left to the due year. Every table and sentence of this briefing uses these two "
           "definitions; the forecast and the probability are the model's (edustats.assess, damped trend)."),
}


def _change(v: float, unit: str, lang: str = "vi", dec: int = 2) -> str:
    """'tăng 0,35 điểm %/năm' / 'giảm 0,75 điểm %/năm' / 'không đổi' from a signed change a year."""
    words = _unit_words(unit, lang)
    per = "/năm" if lang == "vi" else " a year"
    if _isnan(v):
        return "–"
    if round(abs(v), dec) == 0:
        return "không đổi" if lang == "vi" else "no change"
    verb = ("tăng" if v > 0 else "giảm") if lang == "vi" else ("up" if v > 0 else "down")
    return f"{verb} {_fmt(v, dec)}{(' ' + words) if words else ''}{per}"


def _value(v: float, unit: str) -> str:
    return format_percent(v, 1) if unit == "percent" else format_number(v, 1, trim=True)


def _gap(r, f, lang: str = "vi") -> str:
    """'cách 3,6 điểm %' between the latest value and the target (never signed)."""
    gap = abs(float(r["target"]) - float(f["last"]))
    words = _unit_words(r["unit"], lang)
    return (("cách " if lang == "vi" else "short by ") + format_number(gap, 1, trim=True)
            + (f" {words}" if words else ""))


def need_text(r, lang: str = "vi") -> str:
    """What the target needs a year from now, or, once its due year is over, what it came to.

    >>> r = dict(comparator="<=", target=6.0, last_value=9.0, last_year=2021, due_year=2025, projected=7.0,
    ...          annual_change_pp=-0.5, required_change_pp=-0.75, unit="percent")
    >>> need_text(r)
    'cần giảm 0,75 điểm %/năm đến 2025'
    >>> need_text(dict(r, last_value=5.0, required_change_pp=0.25))
    'đã đạt; giữ mức ≤ 6% đến 2025'

    Past due (as of 29/11/2026): observed in the due year, or only before it:

    >>> need_text(dict(r, verdict="observed_missed", due_status="due_observed", last_value=7.2, last_year=2025))
    'không đạt: năm 2025 là 7,2%, cách 1,2 điểm %'
    >>> need_text(dict(r, verdict="due_no_data", due_status="due_no_data"))
    'chưa có số liệu năm 2025; lần gần nhất (2021) chưa đạt, cách 3 điểm %'
    """
    f = pace_facts(r)
    due = int(r["due_year"])
    target = format_target_value(r["comparator"], r["target"], r["unit"])
    vi = lang == "vi"
    if f["due"]:
        if _isnan(f["last"]):
            return (f"đã đến hạn {due}, chưa có số liệu" if vi else f"due {due}, no data")
        val = _value(f["last"], r["unit"])
        if r.get("verdict") == "observed_met":
            return f"đã đạt: năm {due} là {val}" if vi else f"met: {val} in {due}"
        if r.get("verdict") == "observed_missed":
            return f"không đạt: năm {due} là {val}, {_gap(r, f, lang)}" if vi else f"missed: {val} in {due}, {_gap(r, f, lang)}"
        state = ("đã đạt" if f["met_now"] else "chưa đạt, " + _gap(r, f, lang)) if vi else (
            "met" if f["met_now"] else "not met, " + _gap(r, f, lang))
        return (f"chưa có số liệu năm {due}; lần gần nhất ({int(r['last_year'])}) {state}" if vi
                else f"no figure for {due}; latest ({int(r['last_year'])}) {state}")
    if _isnan(f["last"]):
        return (f"cần đạt {target} vào năm {due}" if vi else f"needs {target} by {due}")
    if f["met_now"]:
        if vi:
            return f"đã đạt; giữ mức {target} đến {due}"
        return f"met; hold {target} until {due}"
    if _isnan(f["need"]):
        return ("đến hạn, chưa đạt" if vi else "due, not met")
    return (f"cần {_change(f['need'], r['unit'], lang)} đến {due}" if vi
            else f"needs {_change(f['need'], r['unit'], lang)} until {due}")


def latest_with_counts(r, observations: pd.DataFrame | None = None) -> str:
    """Latest value, with its counts where the observations carry them, and its year.

    >>> r = dict(indicator="x", locality="A", level="primary", last_value=90.14, last_year=2023, unit="percent")
    >>> o = pd.DataFrame(dict(indicator=["x"], locality=["A"], level=["primary"], year=[2023], numerator=[320],
    ...                       denominator=[355]))
    >>> latest_with_counts(r, o)
    '90,1% (320 / 355), 2023'
    """
    if _isnan(r.get("last_value")):
        return "–"
    v = r["last_value"]
    text = format_percent(v, 1) if r["unit"] == "percent" else format_number(v, 1, trim=True)
    obs = observations
    if obs is not None and {"numerator", "denominator"} <= set(obs.columns):
        hit = obs[(obs["indicator"] == r["indicator"]) & (obs["year"] == r["last_year"])]
        if "locality" in obs.columns and isinstance(r.get("locality"), str) and r.get("locality"):
            hit = hit[hit["locality"] == r["locality"]]
        if "level" in obs.columns and (hit["level"] == r.get("level")).any():
            hit = hit[hit["level"] == r["level"]]
        if len(hit) == 1 and not _isnan(hit["numerator"].iloc[0]) and not _isnan(hit["denominator"].iloc[0]):
            text += (f" ({format_number(hit['numerator'].iloc[0], 0)} / "
                     f"{format_number(hit['denominator'].iloc[0], 0)})")
    return f"{text}, {int(r['last_year'])}"


def count_word(indicator: str) -> str:
    """The Vietnamese word for what an indicator's denominator counts ("em", "người", "trường", …).

    Read from the catalogue's denominator: an admission rate counts graduates (pupils), not schools.

    >>> count_word("professional_school_admission_rate"), count_word("schools_with_central_kitchen_share")
    ('em', 'trường')
    >>> count_word("qualified_teacher_share"), count_word("communes_xmc_level2_share"), count_word("my_own")
    ('người', 'xã', 'em')
    """
    from .catalogue import indicator_info

    info = indicator_info(str(indicator))
    den = "" if info is None or not isinstance(info.get("denominator"), str) else info["denominator"].lower()
    for words, word in ((("graduates", "enrolment", "pupils", "children", "year-olds", "cohort", "population of"),
                         "em"),
                        (("teachers", "managers", "people"), "người"), (("classrooms",), "phòng học"),
                        (("classes",), "lớp"), (("communes",), "xã"), (("districts",), "huyện"),
                        (("provinces",), "tỉnh"), (("schools", "institutions"), "trường")):
        if any(w in den for w in words):
            return word
    return "người" if re.search("teacher|staff|labour|cbql", str(indicator)) else "em"


def _counts_per_year(r, observations) -> str:
    """The needed pace as people (schools, classes …) a year, from the latest denominator (percent targets)."""
    if observations is None or r["unit"] != "percent" or not {"numerator", "denominator"} <= set(observations.columns):
        return ""
    hit = observations[(observations["indicator"] == r["indicator"]) & (observations["year"] == r["last_year"])]
    if "locality" in observations.columns and r.get("locality"):
        hit = hit[hit["locality"] == r["locality"]]
    if "level" in observations.columns and (hit["level"] == r.get("level")).any():
        hit = hit[hit["level"] == r["level"]]
    if len(hit) != 1 or _isnan(hit["denominator"].iloc[0]) or _isnan(r.get("required_change_pp")):
        return ""
    d = float(hit["denominator"].iloc[0])
    k = abs(r["required_change_pp"]) / 100 * d
    if k < 0.5:
        return ""
    who = count_word(r["indicator"])
    return f"khoảng {format_number(k, 0)} {who} mỗi năm trên {format_number(d, 0)} {who}"


def _years_span(ys) -> str:
    ys = list(ys)
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(str(y) for y in ys)


def _as_of_year(r):
    a = r.get("as_of")
    if isinstance(a, str) and re.match(r"\d{4}-", a):
        return int(a[:4])
    return None


def action_text(r, observations: pd.DataFrame | None = None, annual: dict | None = None, lang: str = "vi") -> str:
    """A plain "cần làm gì" line drawn from the row: the pace gap, a wrong-way pace, missed years, a due date passed.

    Paces are the ones :func:`pace_facts` defines (achieved: first to latest observation; needed:
    latest to target); the model's forecast is quoted only where it disagrees with them.

    >>> r = dict(comparator=">=", target=97.0, last_value=95.0, last_year=2023, due_year=2025, projected=95.4,
    ...          annual_change_pp=0.5, required_change_pp=1.0, unit="percent", indicator="x", n_obs=4)
    >>> action_text(r)
    'Tăng tốc: cần tăng 1 điểm %/năm, gấp 2 lần nhịp đã đạt (tăng 0,5 điểm %/năm).'
    >>> action_text(dict(r, annual_change_pp=-0.2))
    'Đảo chiều: nhịp đã đạt là giảm 0,2 điểm %/năm, cần tăng 1 điểm %/năm.'
    >>> action_text(dict(r, annual_change_pp=1.2, projected=97.2))
    'Giữ nhịp đã đạt (tăng 1,2 điểm %/năm; cần tăng 1 điểm %/năm).'

    Once the due year is over the line is about the next plan, or the figure still owed:

    >>> action_text(dict(r, verdict="observed_missed", due_status="due_observed", last_year=2025, last_value=95.8))
    'Kế hoạch kỳ tới: nêu nguyên nhân không đạt, đặt lại mục tiêu từ mức 95,8% năm 2025.'
    >>> action_text(dict(r, verdict="due_no_data", due_status="due_no_data", indicator="malnutrition_rate"))
    'Lấy số liệu năm 2025 (báo cáo theo dõi sức khỏe trẻ cuối năm học 2024–2025 (phòng GD&ĐT)) để kết luận đạt hay không; kế hoạch kỳ tới tính từ số liệu đó.'
    """
    vi = lang == "vi"
    f = pace_facts(r)
    unit = r["unit"]
    if annual is not None and annual.get("status") == "missed_some_years":
        miss = _years_span(annual["years_missed"])
        rest = list(annual.get("remaining_years") or [])
        now = _as_of_year(r)
        past = [y for y in rest if f["due"] or (now is not None and y < now)]
        fut = [y for y in rest if y not in past]
        if vi:
            s = f"Chỉ tiêu hằng năm không đạt năm {miss}"
            s += f"; chưa có số liệu năm {_years_span(past)}" if past else ""
            if f["due"]:
                last = "" if _isnan(f["last"]) else f" từ mức {_value(f['last'], unit)} năm {int(r['last_year'])}"
                return s + f". Kế hoạch kỳ tới: nêu nguyên nhân, đặt lại chỉ tiêu hằng năm{last}."
            return s + (f"; phải đạt từ năm {fut[0]}." if fut else ".")
        s = f"Annual target missed in {miss}" + (f"; no figure for {_years_span(past)}" if past else "")
        if f["due"]:
            return s + ". Next plan: report the reasons, set the annual target again."
        return s + (f"; must be met from {fut[0]}." if fut else ".")
    if f["due"]:
        v = r.get("verdict")
        if v == "observed_met":
            return ("Kế hoạch kỳ tới: giữ mức đã đạt, đặt mục tiêu mới." if vi
                    else "Next plan: hold the level reached, set a new target.")
        if v == "observed_missed":
            return (f"Kế hoạch kỳ tới: nêu nguyên nhân không đạt, đặt lại mục tiêu từ mức {_value(f['last'], unit)} "
                    f"năm {int(r['last_year'])}." if vi else
                    f"Next plan: report why it was missed, set the target again from {_value(f['last'], unit)} "
                    f"in {int(r['last_year'])}.")
        from .due import settling_report

        rep = r.get("settled_by") if isinstance(r.get("settled_by"), str) and r.get("settled_by") else \
            settling_report(r.get("indicator", ""), int(r["due_year"]), lang)
        if not vi:
            rep = settling_report(r.get("indicator", ""), int(r["due_year"]), lang)
            return f"Collect the {int(r['due_year'])} figure ({rep}) to settle it; base the next plan on it."
        return (f"Lấy số liệu năm {int(r['due_year'])} ({rep}) để kết luận đạt hay không; kế hoạch kỳ tới tính từ "
                "số liệu đó.")
    if _isnan(f["last"]):
        return "Thu thập số liệu theo năm." if vi else "Collect yearly data."
    pace = _change(f["pace"], unit, lang)
    if f["met_now"]:
        if f["wrong_way"]:
            target = format_target_value(r["comparator"], r["target"], unit)
            return (f"Đã đạt nhưng nhịp đã đạt là {pace}: giữ không để "
                    f"{'tụt dưới' if f['higher'] else 'vượt'} {target}." if vi else
                    f"Met, but the pace achieved is {pace}: keep it within {target}.")
        return "Giữ mức đã đạt." if vi else "Hold the level reached."
    if _isnan(f["need"]):
        return "Đã đến hạn mà chưa đạt: báo cáo nguyên nhân." if vi else "Due and not met: report the reasons."
    counts = _counts_per_year(r, observations) if vi else ""
    need = _change(f["need"], unit, lang)
    if _isnan(f["pace"]) or r.get("n_obs", 2) < 2:
        return (f"Cần {need}{' (' + counts + ')' if counts else ''}." if vi else f"Needs {need}.")
    if f["wrong_way"]:
        return (f"Đảo chiều: nhịp đã đạt là {pace}, cần {need}{' (' + counts + ')' if counts else ''}." if vi
                else f"Reverse the trend: the pace achieved is {pace}, needs {need}.")
    if f["slower"]:
        ratio = abs(f["need"]) / abs(f["pace"]) if round(f["pace"], 2) else float("inf")
        how = format_number(ratio, 1, trim=True) if math.isfinite(ratio) else ""
        if vi:
            return (f"Tăng tốc: cần {need}" + (f", gấp {how} lần nhịp đã đạt ({pace})" if how else "")
                    + (f"; {counts}" if counts else "") + ".")
        return f"Speed up: needs {need}" + (f", {how} times the pace achieved ({pace})" if how else "") + "."
    if f["forecast_meets"] is False:
        proj = _value(f["projected"], unit)
        return (f"Giữ nhịp đã đạt ({pace}; cần {need}): dự báo của mô hình cho năm {int(r['due_year'])} là {proj}, "
                "chưa đạt, vì mô hình cho nhịp chậm dần." if vi else
                f"Keep the pace achieved ({pace}; needs {need}): the model forecasts {proj} in "
                f"{int(r['due_year'])}, short of the target, as it lets the pace slow down.")
    return (f"Giữ nhịp đã đạt ({pace}; cần {need})." if vi else f"Keep the pace achieved ({pace}; needs {need}).")


_SOURCES = [  # (indicator name fragments, Vietnamese report/EMIS table, example file of data/examples)
    (("malnutrition",), "Báo cáo cân đo trẻ mầm non", "nutrition.csv"),
    (("mobilisation", "age5_enrolment", "net_intake", "enrolment"),
     "Thống kê EMIS đầu năm học: học sinh theo độ tuổi, dân số độ tuổi", "population.csv, enrolment.csv"),
    (("graduation", "transition", "admission", "graduate_", "vocational_registration", "grade10"),
     "Báo cáo xét tốt nghiệp và tuyển sinh", "graduates.csv, destinations.csv"),
    (("promotion", "eval", "academic", "conduct", "learning", "award", "readiness", "completion"),
     "Báo cáo thống kê cuối năm học (kết quả đánh giá, lên lớp)", "rates.csv"),
    (("teacher", "staff"), "Thống kê giáo viên, nhân viên theo trình độ và định mức", "teachers.csv, staff.csv"),
    (("pcgd", "literacy"), "Hồ sơ kiểm tra công nhận PCGD-XMC", "commune_levels.csv, literacy.csv"),
    (("national_standard", "key_school", "solid_school", "two_session", "classroom", "boarding", "kitchen",
      "central_site", "semi_boarding"), "Báo cáo cơ sở vật chất, trường đạt chuẩn quốc gia",
     "recognitions.csv, classes.csv"),
    (("scholarship", "clan_fund"), "Báo cáo của Hội Khuyến học", ""),
    (("labour",), "Báo cáo lao động – việc làm (Phòng Lao động – Thương binh và Xã hội)", ""),
    (("english", "foreign_language", "platform"), "Báo cáo ngoại ngữ, chuyển đổi số của ngành giáo dục", ""),
]


def data_source_hint(indicator: str) -> tuple[str, str]:
    """``(report or EMIS table, example file)`` that would supply an indicator.

    >>> data_source_hint("promotion_rate")[0]
    'Báo cáo thống kê cuối năm học (kết quả đánh giá, lên lớp)'
    >>> data_source_hint("unknown_code")[0]
    'Báo cáo thống kê giáo dục hằng năm (EMIS)'
    """
    for keys, report, example in _SOURCES:
        if any(k in indicator for k in keys):
            return report, example
    return "Báo cáo thống kê giáo dục hằng năm (EMIS)", "observations.csv"


def build_date() -> _dt.date:
    """Today, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


def vn_date(d: _dt.date) -> str:
    """A date the Vietnamese way.

    >>> vn_date(_dt.date(2026, 11, 9))
    'ngày 09/11/2026'
    """
    return f"ngày {d:%d/%m/%Y}"


def verdict_words(r, group: str, annual=None, lang: str = "vi") -> str:
    """The words ``edustats assess`` prints for the row's verdict (:data:`edustats.assess.VERDICTS`), shown
    under page one's group label so that a planner meets one vocabulary; empty where the label already says
    them (it starts with them: "Chưa chắc chắn", "Có nguy cơ" for "Có nguy cơ không đạt", an annual target's
    "Không đạt (đạt 1/3 năm)").

    >>> r = dict(verdict="probable", verdict_vi="Có khả năng đạt", verdict_en="Probably met")
    >>> verdict_words(r, "on_track"), verdict_words(r, "on_track", lang="en")
    ('Có khả năng đạt', 'Probably met')
    >>> verdict_words(dict(verdict="at_risk", verdict_vi="Có nguy cơ không đạt"), "at_risk")
    ''
    """
    if annual is not None and annual.get("status") == "missed_some_years":
        return ""   # the label says "Không đạt (đạt k/n năm)", as assess does ("hằng năm: đạt k/n năm")
    words = r.get("verdict_vi" if lang == "vi" else "verdict_en")
    if not isinstance(words, str) or not words:
        from .assess import VERDICTS
        words = VERDICTS.get(r.get("verdict"), ("", ""))[0 if lang == "vi" else 1]
    label = GROUPS[_GROUP_RANK[group]][1 if lang == "vi" else 2]
    return "" if not words or words.lower().startswith(label.lower()) else words


def summary_lines(assessed: pd.DataFrame, observations: pd.DataFrame | None = None,
                  annual: pd.DataFrame | None = None, lang: str = "vi") -> pd.DataFrame:
    """One line per target, most urgent first (group, then rank, then due year, then id).

    Columns: ``id``, ``group``, ``rank``, ``status`` (the group in words, with the years an annual
    target met), ``label``, ``target`` (as written, with its due year), ``latest`` (value, counts,
    year), ``has_value`` (a value was observed: the line goes in page one's table, else in the
    block of targets without data), ``need`` (a year from now, or what a past-due target came to),
    ``action`` ("cần làm gì"), ``indicator``, ``report`` (the report or EMIS table that supplies
    it), ``settled_by`` (for a past-due target, the report that settles it), ``due_year``.

    The status is always the group's own label, so that counting the labels a table shows gives
    the counts the headline prints (:func:`summary_html`).

    >>> a = pd.DataFrame([dict(id=i, label_vi=i, indicator="x", level="", locality="", comparator=">=", target=90.0,
    ...     unit="percent", due_year=2025, last_value=v, last_year=2023, projected=p, annual_change_pp=1.0,
    ...     required_change_pp=(90 - v) / 2, verdict=vd, verdict_vi="", n_obs=3)
    ...     for i, v, p, vd in [("A", 91, 93, "likely"), ("B", 80, 82, "unlikely"), ("C", 88, 90, "uncertain")]])
    >>> summary_lines(a)[["id", "group", "status"]].values.tolist()
    [['B', 'at_risk', 'Có nguy cơ'], ['C', 'uncertain', 'Chưa chắc chắn'], ['A', 'met', 'Đã đạt']]
    """
    ann = {} if annual is None or annual.empty else {r["id"]: r for _, r in annual.iterrows()}
    rows = []
    for _, r in assessed.iterrows():
        a = ann.get(r["id"])
        group, rank = urgency(r["verdict"], annual_missed=a is not None and a["status"] == "missed_some_years")
        f = pace_facts(r)
        has_value = not _isnan(r.get("last_value"))
        if not f["due"] and group in ("on_track", "uncertain", "no_data") and f["met_now"] \
                and (a is None or a["status"] == "met_every_year"):
            group, rank = "met", 39  # already at the target: say so, keep the due-year verdict in details
        elif group == "no_data" and has_value:
            group, rank = "uncertain", 22  # one observation: no trend, no probability
        label = r["label_vi"] if lang == "vi" else r.get("label_en", r["label_vi"])
        status = GROUPS[_GROUP_RANK[group]][1 if lang == "vi" else 2]
        if a is not None and a["status"] != "no_data":
            status += (f" (đạt {a['k_met']}/{a['n_years']} năm)" if lang == "vi"
                       else f" (met {a['k_met']}/{a['n_years']} yrs)")
        settled = r.get("settled_by") if isinstance(r.get("settled_by"), str) else ""
        rows.append(dict(
            id=r["id"], group=group, rank=rank, status=status, verdict_words=verdict_words(r, group, a, lang),
            label=label, indicator=r["indicator"],
            target=f"{format_target_value(r['comparator'], r['target'], r['unit'])} ({int(r['due_year'])})",
            latest=latest_with_counts(r, observations), has_value=has_value, need=need_text(r, lang),
            action=action_text(r, observations, a, lang), report=data_source_hint(str(r["indicator"]))[0],
            settled_by=settled, due_year=int(r["due_year"])))
    out = pd.DataFrame(rows, columns=["id", "group", "rank", "status", "verdict_words", "label", "indicator", "target",
                                      "latest", "has_value", "need", "action", "report", "settled_by", "due_year"])
    return out.sort_values(["rank", "due_year", "id"], kind="stable").reset_index(drop=True)


def headline_counts(lines: pd.DataFrame, lang: str = "vi") -> str:
    """"35 mục tiêu: 2 không đạt; 33 đã đến hạn, chưa có số liệu" from the lines' groups, in :data:`GROUPS` order.

    >>> headline_counts(pd.DataFrame({"group": ["missed", "due_no_data", "due_no_data"]}))
    '3 mục tiêu: 1 không đạt; 2 đã đến hạn, chưa có số liệu'
    """
    counts = lines["group"].value_counts()
    parts = [f"{counts.get(g, 0)} {(vi_ if lang == 'vi' else en).lower()}" for g, vi_, en, _ in GROUPS
             if counts.get(g, 0)]
    return f"{len(lines)} {'mục tiêu' if lang == 'vi' else 'targets'}: " + "; ".join(parts)


def nodata_block(lines: pd.DataFrame, lang: str = "vi") -> str:
    """Page one's compact block of the targets without any observation, one row per report that would supply them.

    Columns: the report or EMIS table, how many are past due, how many are not, their ids. The
    full list is the appendix's (:func:`edustats.pages.nodata_appendix`).
    """
    vi = lang == "vi"
    nod = lines[~lines["has_value"].astype(bool)]
    if nod.empty:
        return ""
    rows = []
    for rep, g in sorted(nod.groupby("report", sort=False), key=lambda kv: (-len(kv[1]), kv[0])):
        due = int((g["group"] == "due_no_data").sum())
        rows.append(f'<tr data-due="{due}" data-not-due="{len(g) - due}"><td><i lang="vi">{html.escape(rep)}</i></td>'
                    f'<td class="num">{due}</td><td class="num">{len(g) - due}</td>'
                    f'<td>{html.escape(", ".join(sorted(g["id"].astype(str))))}</td></tr>')
    n_due = int((nod["group"] == "due_no_data").sum())
    title = (f"{len(nod)} mục tiêu chưa có số liệu nào ({n_due} đã đến hạn), theo nguồn sẽ cung cấp số liệu; "
             "danh sách đầy đủ ở phụ lục." if vi else
             f"{len(nod)} targets without any data ({n_due} past due), by the report that would supply them; "
             "full list in the appendix.")
    head = (["Báo cáo, bảng EMIS", "Đã đến hạn", "Chưa đến hạn", "Mã mục tiêu"] if vi
            else ["Report or EMIS table (Vietnamese)", "Past due", "Not yet due", "Target ids"])
    return (f'<div class="es-nodata"><b>{html.escape(title)}</b><table class="es-nodata-table"><thead><tr>'
            + "".join(f'<th class="num">{h}</th>' if k in (1, 2) else f"<th>{h}</th>" for k, h in enumerate(head))
            + "</tr></thead><tbody>" + "".join(rows)
            + "</tbody></table></div>")


def summary_html(assessed: pd.DataFrame, observations: pd.DataFrame | None = None, *, place: str = "",
                 annual: pd.DataFrame | None = None, extra_actions: list[str] | None = None,
                 score_line: str = "", synthetic: bool = False, lang: str = "vi",
                 today: _dt.date | None = None, notes: list[str] | None = None) -> str:
    """The dated one-screen summary that opens a briefing (an HTML block).

    As-of line (latest data year and build date) with the counts per group, one line per target
    with a value ordered by urgency (each ``<tr>`` carries ``data-urgency`` and ``data-group``),
    the definition of the two paces (:data:`PACE_NOTE`), extra actions (teacher shortage, …), the
    Statistics Canada document score, and the targets without any value in one compact block by
    the report that would supply them (:func:`nodata_block`). The headline counts are those of the
    table's labels plus the block's counts. ``notes`` are shown first (rows of the data left out,
    names matched, …).
    """
    from .report import SYNTHETIC_TEXT, SYNTHETIC_TEXT_EN

    vi = lang == "vi"
    lines = summary_lines(assessed, observations, annual, lang) if not assessed.empty else summary_lines(
        pd.DataFrame(columns=["id", "verdict"]), observations, None, lang)
    today = today or build_date()
    years = assessed["last_year"].dropna() if "last_year" in assessed.columns else pd.Series(dtype=float)
    asof_year = int(years.max()) if len(years) else None
    if vi:
        asof = (f"Số liệu đến năm {asof_year}" if asof_year else "Chưa có số liệu theo năm") + \
               f"; lập {vn_date(today)}. " + headline_counts(lines, lang) + "."
    else:
        asof = (f"Data up to {asof_year}" if asof_year else "No yearly data yet") + \
               f"; built {today:%d/%m/%Y}. " + headline_counts(lines, lang) + "."
    h = [f'<section class="es-summary" id="tom-tat" lang="{lang}">',
         f"<h2>{'Tóm tắt' if vi else 'Summary'}{': ' + html.escape(place) if place else ''}</h2>",
         f'<p class="es-asof">{html.escape(asof)}</p>']
    for n in notes or []:
        h.append(f'<p class="es-note">{html.escape(n)}</p>')
    if synthetic:
        h.append(f'<div class="es-synthetic">{html.escape(SYNTHETIC_TEXT if vi else SYNTHETIC_TEXT_EN)}</div>')
    shown = lines[lines["has_value"].astype(bool)]
    if len(shown):
        head = (["Tình trạng", "Mục tiêu (năm đích)", "Gần nhất", "Kết quả hoặc nhịp cần", "Cần làm gì"] if vi
                else ["Status", "Target (due)", "Latest", "Outcome or pace needed", "What to do"])
        h.append('<table class="es-summary-table"><thead><tr>' + "".join(f"<th>{x}</th>" for x in head)
                 + "</tr></thead><tbody>")
        colour = {g: c for g, _, _, c in GROUPS}
        for r in shown.itertuples(index=False):
            h.append(f'<tr data-urgency="{r.rank}" data-group="{r.group}">'
                     f'<td style="background-color: {colour[r.group]}">{html.escape(r.status)}'
                     + (f'<span class="es-verdict">{html.escape(r.verdict_words)}</span>' if r.verdict_words else "")
                     + "</td>"
                     f"<td><b>{html.escape(r.label)}</b> {html.escape(r.target)}</td>"
                     f"<td>{html.escape(r.latest)}</td><td>{html.escape(r.need)}</td>"
                     f"<td>{html.escape(r.action)}</td></tr>")
        h.append("</tbody></table>")
        h.append(f'<p class="es-pace-note">{html.escape(PACE_NOTE[lang])}</p>')
    for a in extra_actions or []:
        h.append(f'<p class="es-action">{html.escape(a)}</p>')
    if score_line:
        h.append(f'<p class="es-score">{html.escape(score_line)}</p>')
    h.append(nodata_block(lines, lang))
    h.append("</section>")
    return "\n".join(x for x in h if x)
