"""Page one of a briefing: the decision, ordered by urgency, every number from one assessment row.

:func:`urgency` puts each assessed target in one of six groups, most urgent first: missed,
at risk, uncertain, on track, met, no data. :func:`pace_facts` derives the numbers a sentence
may use (the pace achieved, the forecast, the margin to the target, the pace needed from now)
from one row of :func:`edustats.assess`, oriented so that a "≤" target speaks of falling.
:func:`summary_lines` makes one line per target, and :func:`summary_html` the dated block that
opens every briefing. Unknown verdict codes (added by later versions of the assessment) are
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

__all__ = ["GROUPS", "urgency", "pace_facts", "need_text", "action_text", "summary_lines", "summary_html",
           "data_source_hint", "build_date", "vn_date", "latest_with_counts"]

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
    "observed_met": ("met", 40), "insufficient_data": ("no_data", 50),
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


def pace_facts(r) -> dict:
    r"""The numbers one target's sentence may use, all taken from its assessment row ``r``.

    ``higher``: whether higher is better (``≥``, ``>``, ``=``); ``pace``: observed change a year
    (``annual_change_pp``); ``need``: change a year needed from the latest value to the target
    (``required_change_pp``); ``margin``: forecast minus target, oriented so that a positive margin
    is on the good side (forecast above a "≥" target, below a "≤" target); ``trend``: the change a
    year the forecast implies from the latest value, so that ``last + trend × years left`` is the
    forecast; ``met_now``: the latest value already meets the target at its precision;
    ``wrong_way``: the trend moves away from the target; ``forecast_meets``: the forecast meets it.

    .. math:: \text{trend} = \frac{\hat v_T - v_t}{T - t}, \qquad \text{need} = \frac{\text{target} - v_t}{T - t}

    >>> f = pace_facts(dict(comparator="<=", target=6.0, last_value=7.5, projected=7.1, annual_change_pp=-0.2,
    ...                     required_change_pp=-0.75, due_year=2025, last_year=2023, unit="percent"))
    >>> f["higher"], f["need"], round(f["trend"], 2), round(f["margin"], 2), f["met_now"], f["wrong_way"]
    (False, -0.75, -0.2, -1.1, False, False)
    """
    from .assess import met_threshold

    thr, higher = met_threshold(r["comparator"], float(r["target"]))
    last, proj, pace, need = (r.get("last_value"), r.get("projected"), r.get("annual_change_pp"),
                              r.get("required_change_pp"))
    margin = float("nan") if _isnan(proj) else (proj - r["target"]) * (1 if higher else -1)
    met_now = False if _isnan(last) else bool(last >= thr if higher else last <= thr)
    left = None if _isnan(r.get("last_year")) else int(r["due_year"]) - int(r["last_year"])
    # the pace the forecast itself implies from the latest value: last + trend × years left = forecast
    trend = (proj - last) / left if left and not _isnan(proj) and not _isnan(last) else pace
    wrong_way = (not _isnan(trend)) and round(trend, 2) != 0 and (trend < 0 if higher else trend > 0)
    forecast_meets = None if _isnan(proj) else bool(proj >= thr if higher else proj <= thr)
    return dict(higher=higher, threshold=thr, last=last, projected=proj, pace=pace, trend=trend, need=need,
                margin=margin, met_now=met_now, wrong_way=wrong_way, forecast_meets=forecast_meets, years_left=left)


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


def need_text(r, lang: str = "vi") -> str:
    """What the target needs a year from now, in words whose sign agrees with the row.

    >>> r = dict(comparator="<=", target=6.0, last_value=9.0, last_year=2021, due_year=2025, projected=7.0,
    ...          annual_change_pp=-0.5, required_change_pp=-0.75, unit="percent")
    >>> need_text(r)
    'cần giảm 0,75 điểm %/năm đến 2025'
    >>> need_text(dict(r, last_value=5.0, required_change_pp=0.25))
    'đã đạt; giữ mức ≤ 6% đến 2025'
    """
    f = pace_facts(r)
    due = int(r["due_year"])
    target = format_target_value(r["comparator"], r["target"], r["unit"])
    vi = lang == "vi"
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


def _counts_per_year(r, observations) -> str:
    """The needed pace as people a year, from the latest denominator (percent targets with counts)."""
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
    ind = str(r["indicator"])
    who = ("người" if re.search("teacher|staff|labour|cbql", ind) else "trường" if "school" in ind
           else "lớp" if "class" in ind else "em")
    return f"khoảng {format_number(k, 0)} {who} mỗi năm trên {format_number(d, 0)} {who}"


def action_text(r, observations: pd.DataFrame | None = None, annual: dict | None = None, lang: str = "vi") -> str:
    """A plain "cần làm gì" line drawn from the row: the pace gap, a wrong-way trend, missed years.

    The trend is the forecast's own (see :func:`pace_facts`), so "tăng tốc" appears exactly when
    the forecast misses the target.

    >>> r = dict(comparator=">=", target=97.0, last_value=95.0, last_year=2023, due_year=2025, projected=95.4,
    ...          annual_change_pp=0.5, required_change_pp=1.0, unit="percent", indicator="x", n_obs=4)
    >>> action_text(r)
    'Tăng tốc: cần tăng 1 điểm %/năm, gấp 5 lần xu hướng hiện nay (tăng 0,2 điểm %/năm).'
    >>> action_text(dict(r, projected=94.6))
    'Đảo chiều: xu hướng đang giảm 0,2 điểm %/năm, cần tăng 1 điểm %/năm.'
    >>> action_text(dict(r, projected=97.2))
    'Giữ nhịp hiện nay.'
    """
    vi = lang == "vi"
    if annual is not None and annual.get("status") == "missed_some_years":
        nxt = annual["remaining_years"][0] if annual["remaining_years"] else None
        miss = ", ".join(str(y) for y in annual["years_missed"])
        if vi:
            return f"Chỉ tiêu hằng năm không đạt năm {miss}" + (f"; phải đạt ngay năm {nxt}." if nxt else ".")
        return f"Annual target missed in {miss}" + (f"; must be met in {nxt}." if nxt else ".")
    f = pace_facts(r)
    if _isnan(f["last"]):
        return "Thu thập số liệu theo năm." if vi else "Collect yearly data."
    if f["met_now"]:
        if f["wrong_way"]:
            target = format_target_value(r["comparator"], r["target"], r["unit"])
            return (f"Đã đạt nhưng xu hướng đang {_change(f['trend'], r['unit'], lang)}: giữ không để "
                    f"{'tụt dưới' if f['higher'] else 'vượt'} {target}." if vi else
                    f"Met, but the trend is {_change(f['trend'], r['unit'], lang)}: keep it within {target}.")
        return "Giữ mức đã đạt." if vi else "Hold the level reached."
    if _isnan(f["need"]):
        return "Đã đến hạn mà chưa đạt: báo cáo nguyên nhân." if vi else "Due and not met: report the reasons."
    counts = _counts_per_year(r, observations) if vi else ""
    need = _change(f["need"], r["unit"], lang)
    if _isnan(f["trend"]) or r.get("n_obs", 2) < 2:
        return (f"Cần {need}{' (' + counts + ')' if counts else ''}." if vi else f"Needs {need}.")
    trend = _change(f["trend"], r["unit"], lang)
    if f["wrong_way"]:
        return (f"Đảo chiều: xu hướng đang {trend}, cần {need}{' (' + counts + ')' if counts else ''}." if vi
                else f"Reverse the trend: {trend}, needs {need}.")
    if f["forecast_meets"] is False:
        ratio = abs(f["need"]) / abs(f["trend"]) if round(f["trend"], 2) else float("inf")
        how = format_number(ratio, 1, trim=True) if math.isfinite(ratio) else ""
        if vi:
            return (f"Tăng tốc: cần {need}" + (f", gấp {how} lần xu hướng hiện nay ({trend})" if how else "")
                    + (f"; {counts}" if counts else "") + ".")
        return f"Speed up: needs {need}" + (f", {how} times the current trend ({trend})" if how else "") + "."
    return "Giữ nhịp hiện nay." if vi else "Keep the current pace."


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


def summary_lines(assessed: pd.DataFrame, observations: pd.DataFrame | None = None,
                  annual: pd.DataFrame | None = None, lang: str = "vi") -> pd.DataFrame:
    """One line per target, most urgent first (group, then rank, then due year, then id).

    Columns: ``id``, ``group``, ``rank``, ``status`` (group in words), ``label``, ``target``
    (as written, with its due year), ``latest`` (value, counts, year), ``need`` (a year from now),
    ``action`` ("cần làm gì"), ``indicator``.

    >>> a = pd.DataFrame([dict(id=i, label_vi=i, indicator="x", level="", locality="", comparator=">=", target=90.0,
    ...     unit="percent", due_year=2025, last_value=v, last_year=2023, projected=p, annual_change_pp=1.0,
    ...     required_change_pp=(90 - v) / 2, verdict=vd, verdict_vi="", n_obs=3)
    ...     for i, v, p, vd in [("A", 91, 93, "likely"), ("B", 80, 82, "unlikely"), ("C", 88, 90, "uncertain")]])
    >>> summary_lines(a)[["id", "group"]].values.tolist()
    [['B', 'at_risk'], ['C', 'uncertain'], ['A', 'met']]
    """
    ann = {} if annual is None or annual.empty else {r["id"]: r for _, r in annual.iterrows()}
    rows = []
    for _, r in assessed.iterrows():
        a = ann.get(r["id"])
        group, rank = urgency(r["verdict"], annual_missed=a is not None and a["status"] == "missed_some_years")
        f = pace_facts(r)
        if group in ("on_track", "uncertain") and f["met_now"] and (a is None or a["status"] == "met_every_year") \
                and r.get("n_obs", 0) >= 1:
            group, rank = "met", 39  # already at the target: say so, keep the due-year verdict in details
        label = r["label_vi"] if lang == "vi" else r.get("label_en", r["label_vi"])
        status = GROUPS[_GROUP_RANK[group]][1 if lang == "vi" else 2]
        own = r.get("verdict_vi" if lang == "vi" else "verdict_en")
        if r["verdict"] not in _VERDICT_ORDER and isinstance(own, str) and own:
            status = own  # a status this version does not know keeps its own words ("Đến hạn, chưa có số liệu")
        if a is not None and a["status"] != "no_data":
            status += (f" (đạt {a['k_met']}/{a['n_years']} năm)" if lang == "vi"
                       else f" (met {a['k_met']}/{a['n_years']} yrs)")
        rows.append(dict(
            id=r["id"], group=group, rank=rank, status=status, label=label, indicator=r["indicator"],
            target=f"{format_target_value(r['comparator'], r['target'], r['unit'])} ({int(r['due_year'])})",
            latest=latest_with_counts(r, observations), need=need_text(r, lang),
            action=action_text(r, observations, a, lang), due_year=int(r["due_year"])))
    out = pd.DataFrame(rows, columns=["id", "group", "rank", "status", "label", "indicator", "target", "latest",
                                      "need", "action", "due_year"])
    return out.sort_values(["rank", "due_year", "id"], kind="stable").reset_index(drop=True)


def summary_html(assessed: pd.DataFrame, observations: pd.DataFrame | None = None, *, place: str = "",
                 annual: pd.DataFrame | None = None, extra_actions: list[str] | None = None,
                 score_line: str = "", synthetic: bool = False, lang: str = "vi",
                 today: _dt.date | None = None) -> str:
    """The dated one-screen summary that opens a briefing (an HTML block).

    As-of line (latest data year and build date), counts per group, one line per target with data
    ordered by urgency (each ``<tr>`` carries ``data-urgency``), extra actions (teacher shortage,
    …), the Statistics Canada document score, and the targets without data grouped by the report
    that would supply them.
    """
    from .report import SYNTHETIC_TEXT

    vi = lang == "vi"
    lines = summary_lines(assessed, observations, annual, lang) if not assessed.empty else summary_lines(
        pd.DataFrame(columns=["id", "verdict"]), observations, None, lang)
    today = today or build_date()
    years = assessed["last_year"].dropna() if "last_year" in assessed.columns else pd.Series(dtype=float)
    asof_year = int(years.max()) if len(years) else None
    counts = lines["group"].value_counts()
    parts = [f"{counts.get(g, 0)} {(vi_ if vi else en).lower()}" for g, vi_, en, _ in GROUPS if counts.get(g, 0)]
    if vi:
        asof = (f"Số liệu đến năm {asof_year}" if asof_year else "Chưa có số liệu theo năm") + \
               f"; lập {vn_date(today)}. {len(lines)} mục tiêu: " + ", ".join(parts) + "."
    else:
        asof = (f"Data up to {asof_year}" if asof_year else "No yearly data yet") + \
               f"; built {today:%d/%m/%Y}. {len(lines)} targets: " + ", ".join(parts) + "."
    h = [f'<section class="es-summary" id="tom-tat" lang="{lang}">',
         f"<h2>{'Tóm tắt' if vi else 'Summary'}{': ' + html.escape(place) if place else ''}</h2>",
         f'<p class="es-asof">{html.escape(asof)}</p>']
    if synthetic:
        h.append(f'<div class="es-synthetic">{html.escape(SYNTHETIC_TEXT if vi else "Synthetic example data, not real figures.")}</div>')
    shown = lines[lines["group"] != "no_data"]
    if len(shown):
        head = (["Tình trạng", "Mục tiêu (năm đích)", "Gần nhất", "Cần từ nay", "Cần làm gì"] if vi
                else ["Status", "Target (due)", "Latest", "Needed from now", "What to do"])
        h.append('<table class="es-summary-table"><thead><tr>' + "".join(f"<th>{x}</th>" for x in head)
                 + "</tr></thead><tbody>")
        colour = {g: c for g, _, _, c in GROUPS}
        for r in shown.itertuples(index=False):
            h.append(f'<tr data-urgency="{r.rank}" data-group="{r.group}">'
                     f'<td style="background-color: {colour[r.group]}">{html.escape(r.status)}</td>'
                     f"<td><b>{html.escape(r.label)}</b> {html.escape(r.target)}</td>"
                     f"<td>{html.escape(r.latest)}</td><td>{html.escape(r.need)}</td>"
                     f"<td>{html.escape(r.action)}</td></tr>")
        h.append("</tbody></table>")
    for a in extra_actions or []:
        h.append(f'<p class="es-action">{html.escape(a)}</p>')
    if score_line:
        h.append(f'<p class="es-score">{html.escape(score_line)}</p>')
    nodata = lines[lines["group"] == "no_data"]
    if len(nodata):
        by = {}
        for r in nodata.itertuples(index=False):
            short = r.label if len(r.label) <= 48 else r.label[:46].rsplit(" ", 1)[0] + "…"
            by.setdefault(data_source_hint(r.indicator)[0], []).append(f"{short} ({r.id})")
        items = "".join(f'<li><i lang="vi">{html.escape(rep)}</i>: {html.escape("; ".join(ids))}</li>'
                        for rep, ids in sorted(by.items()))
        title = (f"{len(nodata)} mục tiêu chưa có số liệu, lấy từ:" if vi else
                 f"{len(nodata)} targets without data; Vietnamese reports that would supply them:")
        h.append(f'<div class="es-nodata"><b>{title}</b><ul>{items}</ul></div>')
    h.append("</section>")
    return "\n".join(h)
