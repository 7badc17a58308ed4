"""Words and tables for briefings: Vietnamese first, English with ``lang="en"``.

Notebooks call these; the logic (and its tests) lives here. Every table built on observations
marked synthetic says so, and every rate is shown with its counts ("22,5% (412 / 1.830)").
"""
from __future__ import annotations

import html
import math
import re

import pandas as pd

from .assess import assess, probability_text
from .progress_rules import ESCAP_LABELS, STATCAN_LABELS, UNSD_LABELS, statcan_aggregate
from .scorecard import format_target_value, level_vi
from .vnformat import format_number, format_percent

__all__ = ["assess_document", "assessment_table", "target_sentence", "summary_paragraph", "rule_labels", "T",
           "verdict_colours", "rules_text", "path_text", "score_line"]


def verdict_colours(lang: str = "vi") -> tuple[str, dict]:
    """``(column, {verdict label: colour})`` for :func:`edustats.report.html_table`."""
    from .assess import VERDICTS
    from .charts import VERDICT_COLOURS

    return T("verdict", lang), {VERDICTS[k][0 if lang == "vi" else 1]: c for k, c in VERDICT_COLOURS.items()}

_TEXT = {
    "vi": dict(
        target="Mục tiêu", due="Năm đích", latest="Số liệu gần nhất", projected="Dự báo năm đích (khoảng 80%)",
        prob="Xác suất đạt", pace="Nhịp cần/năm so với đã đạt/năm", verdict="Đánh giá", rules="UNSD / StatCan / ESCAP",
        gap="Dự báo so với mục tiêu (điểm)",
        level="Cấp học", indicator="Chỉ tiêu", none="chưa có số liệu",
        summary="{doc}: {n} mục tiêu. Theo số liệu hiện có, {likely} nhiều khả năng hoặc có khả năng đạt, {risk} có nguy cơ "
                "không đạt hoặc khó đạt, {unc} chưa chắc chắn và {nodata} chưa đủ số liệu để đánh giá.",
        met="Với nhịp hiện tại ({obs} điểm %/năm), chỉ tiêu “{label}” dự báo đạt {proj} vào năm {due} (khoảng 80%: {lo}–{hi}); "
            "xác suất đạt mục tiêu {target} là {p}.",
        need="Để đạt {target} vào năm {due}, cần tăng {req} điểm %/năm từ mức {last} năm {year}, "
             "so với {obs} điểm %/năm đã đạt.",
        nodata="Chưa có số liệu theo năm cho “{label}”: chưa thể dự báo. Lộ trình cần đạt: {path}.",
        aggregate="Theo cách tổng hợp của Thống kê Canada (open-sdg), {k} mục tiêu có từ 2 số liệu trở lên: "
                  "{status} (điểm trung bình {score} trên thang −5 đến 5).",
    ),
    "en": dict(
        target="Target", due="Due", latest="Latest observation", projected="Projected in due year (80% interval)",
        prob="Probability met", pace="Pace needed/yr vs achieved/yr", verdict="Verdict", rules="UNSD / StatCan / ESCAP",
        gap="Projection minus target (points)",
        level="Level", indicator="Indicator", none="no data yet",
        summary="{doc}: {n} targets. On the data available, {likely} are likely or probably met, {risk} are at risk or "
                "unlikely, {unc} are uncertain and {nodata} lack data for an assessment.",
        met="At the current pace ({obs} points a year), “{label}” is projected at {proj} in {due} (80% interval "
            "{lo}–{hi}); the probability of reaching {target} is {p}.",
        need="Reaching {target} by {due} needs {req} points a year from {last} in {year}, against {obs} points a year "
             "achieved so far.",
        nodata="No yearly data for “{label}” yet: no projection. Required path: {path}.",
        aggregate="Aggregated the Statistics Canada (open-sdg) way, the {k} targets with two or more observations "
                  "show: {status} (mean score {score} on a −5 to 5 scale).",
    ),
}


def T(key: str, lang: str = "vi") -> str:
    """A label in the briefing language.

    >>> T("prob"), T("prob", "en")
    ('Xác suất đạt', 'Probability met')
    """
    return _TEXT[lang][key]


def rule_labels(unsd: object, statcan: object, escap: object, lang: str = "vi") -> str:
    """The three standard rules' categories as words, UNSD / StatCan / ESCAP, ``–`` where not computed.

    >>> rule_labels("on_track", "moderate_progress", None)
    'Đúng lộ trình / Có tiến bộ, cần tăng tốc / –'
    >>> rule_labels("deterioration", "deterioration", "reverse", "en")
    'Deterioration / Deterioration / Reverse trend to achieve target'
    """
    i = 0 if lang == "vi" else 1
    return " / ".join(labels[c][i] if isinstance(c, str) and c in labels else "–"
                      for c, labels in ((unsd, UNSD_LABELS), (statcan, STATCAN_LABELS), (escap, ESCAP_LABELS)))


def _pct(v, dec=1):
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else format_percent(v, dec)


def _num(v, dec=1, trim=False):
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else format_number(v, dec, trim=trim)


def assess_document(targets: pd.DataFrame, observations: pd.DataFrame, source: str) -> pd.DataFrame:
    """Assess one document's targets against observations (see :func:`edustats.assess`)."""
    t = targets[(targets["source"] == source)]
    if t[t["kind"] == "target"].empty:
        return pd.DataFrame()
    from .due import build_as_of

    res = assess(t, observations, as_of=build_as_of(), calibration="province")  # a past-due target is judged, not forecast; Vietnamese localities: the province profile
    res["synthetic"] = bool(observations.get("synthetic", pd.Series([False])).any())
    return res


def _latest(r, obs: pd.DataFrame | None) -> str:
    from .summary import latest_with_counts

    return latest_with_counts(r, obs)


def _gap_text(r, lang: str = "vi") -> str:
    """Forecast against the target, in words whose sign agrees: 'vượt 0,4' / 'thiếu 1,1'."""
    from .summary import pace_facts

    f = pace_facts(r)
    if math.isnan(f["margin"]):
        return "–"
    m = round(f["margin"], 1)
    met = _gap_met(r, f)
    if met is not None and (m == 0 or (m > 0) != met):   # at the threshold: met or not decides the words
        if met:   # 6% against ≤ 6%: met, not "close to the target"
            return "đạt, vừa đúng mục tiêu" if lang == "vi" else "met, exactly at the target"
        return "chưa đạt, sát mục tiêu" if lang == "vi" else "not met, just short of the target"
    if m == 0:
        return "sát mục tiêu" if lang == "vi" else "at the target"
    word = ("đạt, dư" if m > 0 else "chưa đạt, cách") if lang == "vi" else ("ahead by" if m > 0 else "short by")
    return f"{word} {format_number(abs(m), 1, trim=True)}"


def _gap_met(r, f) -> bool | None:
    """Whether the value the gap is measured on meets the target: the due year's observation when the
    verdict rests on it, else the forecast (``None`` when there is neither)."""
    if r.get("verdict") in ("observed_met", "observed_missed"):
        return r.get("verdict") == "observed_met"
    return f["forecast_meets"]


def rules_text(r, lang: str = "vi") -> str:
    """The three standard rules' categories, or in words why they are not computed (never blank).

    >>> rules_text(dict(unsd_category=None, statcan_category=None, escap_category=None, n_obs=1, note=""))
    'Chưa tính: mới có 1 số liệu, cần ít nhất 2'
    >>> rules_text(dict(unsd_category="on_track", statcan_category="moderate_progress", escap_category="maintain",
    ...                 n_obs=4, note=""))
    'Đúng lộ trình / Có tiến bộ, cần tăng tốc / Giữ nhịp độ để đạt'
    >>> rules_text(dict(unsd_category="on_track", due_status="due_observed", n_obs=4, note=""))
    'Không áp dụng: đã đến hạn (xem kết quả)'
    """
    vi = lang == "vi"
    if r.get("due_status") in ("due_observed", "due_no_data"):  # past due: no pace to judge, the outcome is given
        return ("Không áp dụng: đã đến hạn (xem kết quả)" if vi
                else "Not applicable: past due (see the outcome)")
    cats = (r.get("unsd_category"), r.get("statcan_category"), r.get("escap_category"))
    if any(isinstance(c, str) for c in cats):
        return rule_labels(*cats, lang=lang)
    vi = lang == "vi"
    n = int(r.get("n_obs", 0) or 0)
    note = str(r.get("note") or "")
    if n == 0:
        return "Chưa tính: chưa có số liệu" if vi else "Not computed: no data"
    if n == 1:
        return "Chưa tính: mới có 1 số liệu, cần ít nhất 2" if vi else "Not computed: one observation, two needed"
    m = re.search(r"base year (\d{4})", note)
    if m:
        return (f"Chưa tính: cần 2 số liệu từ năm gốc {m.group(1)} trở đi" if vi
                else f"Not computed: two observations from the base year {m.group(1)} needed")
    return "Chưa tính: số liệu không đủ để so với năm gốc" if vi else "Not computed: too few observations since the base"


def path_text(r, lang: str = "vi") -> str:
    """The required path in the briefing language, or why there is none.

    A target whose due year is over has no path left (its outcome is given instead); a series
    observed up to the due year needs none; only a target without any value, observed or in the
    document's baselines, has no starting value.

    >>> path_text(dict(required_path="no starting value: reach 10 by 2025", comparator=">=", target=10.0,
    ...                unit="count", due_year=2025, path_start="", n_obs=0))
    'chưa có mức xuất phát; cần đạt ≥ 10 vào năm 2025'
    >>> path_text(dict(required_path="", comparator="<=", target=6.0, unit="percent", due_year=2025, path_start="observed",
    ...                n_obs=7, last_year=2025, last_value=9.6, verdict="observed_missed", due_status="due_observed"))
    'đã đến hạn năm 2025: không đạt: năm 2025 là 9,6%, cách 3,6 điểm %'
    >>> path_text(dict(required_path="", comparator="<=", target=6.0, unit="percent", due_year=2027, path_start="observed",
    ...                n_obs=7, last_year=2027, last_value=5.6, verdict="observed_met"))
    'đã đến hạn năm 2027: đã đạt: năm 2027 là 5,6%'
    """
    from .summary import _is_due, need_text

    vi = lang == "vi"
    p = str(r.get("required_path") or "")
    target = format_target_value(r["comparator"], r["target"], r["unit"])
    due = int(r["due_year"])
    if _is_due(r):
        return (f"đã đến hạn năm {due}: " if vi else f"due in {due}: ") + need_text(r, lang)
    n = r.get("n_obs", 0)
    n = 0 if n is None or (isinstance(n, float) and math.isnan(n)) else int(n)
    if not p and n >= 1:
        return (f"đã có số liệu năm đích {due}" if vi else f"observed in the due year {due}")
    if not p or p.startswith("no starting value"):
        return (f"chưa có mức xuất phát; cần đạt {target} vào năm {due}" if vi
                else f"no starting value; reach {target} by {due}")
    start = str(r.get("path_start") or "")
    if start.startswith("baseline"):
        ref = start.replace("baseline", "").strip()
        p += (f" (từ số liệu nền {ref} của văn bản)" if vi else f" (from the document's baseline {ref})")
    return p


def assessment_table(assessed: pd.DataFrame, observations: pd.DataFrame | None = None, lang: str = "vi",
                     rules: bool = True, status: dict | None = None) -> pd.DataFrame:
    """The assessment as a briefing table: target, latest with counts, projection, probability, pace, verdict.

    The gap column reads the forecast against the target in words ("thiếu 1,1" for a "≤ 6%" target
    forecast at 7,1%), and the pace column says which way the value must move, both from the row
    (the paces of :func:`edustats.summary.pace_facts`: needed from the latest value / achieved from
    the first). Once the due year is over no pace is needed any more ("đã đến hạn"), and a
    forecast to a past year without its figure is marked an estimate. ``status`` (id → words)
    replaces the verdict column with page one's labels (:func:`edustats.summary.summary_lines`),
    so both say the same.

    >>> a = pd.DataFrame([dict(id="T1", level="preschool", label_vi="Tỷ lệ SDD", label_en="Malnutrition", indicator="x",
    ...     locality="A", comparator="<=", target=6.0, unit="percent", due_year=2025, last_value=7.1, last_year=2023,
    ...     projected=7.1, lo80=6.2, hi80=8.0, prob_met=0.15, required_change_pp=-0.55, annual_change_pp=-0.15,
    ...     verdict_vi="Có nguy cơ không đạt", verdict_en="At risk", unsd_category="limited",
    ...     statcan_category="limited_progress", escap_category="accelerate", n_obs=4, note="")])
    >>> assessment_table(a).iloc[0][["Mục tiêu", "Xác suất đạt", "Dự báo năm đích (khoảng 80%)",
    ...                              "Dự báo so với mục tiêu (điểm)", "Nhịp cần/năm so với đã đạt/năm"]].tolist()
    ['≤ 6%', '15%', '7,1% (6,2–8)', 'chưa đạt, cách 1,1', 'giảm 0,55 / giảm 0,15']
    """
    from .summary import pace_facts

    vi = lang == "vi"
    rows = []
    for _, r in assessed.iterrows():
        pct = r["unit"] == "percent"
        f = pace_facts(r)
        proj = "–" if math.isnan(r["projected"]) else (
            (_pct(r["projected"]) if pct else _num(r["projected"])) +
            ("" if math.isnan(r["lo80"]) else f" ({_num(r['lo80'], trim=True)}–{_num(r['hi80'], trim=True)})"))
        if r.get("verdict") in ("observed_met", "observed_missed"):
            proj = "số liệu năm đích" if vi else "observed in the due year"
        elif f["due"] and proj != "–":
            proj = ("ước tính " if vi else "estimate ") + proj
        if f["due"]:
            need = "đã đến hạn" if vi else "due"
        elif f["met_now"]:
            need = "đã đạt" if vi else "met"
        else:
            need = _signed(r["required_change_pp"], lang)
        pace = "–" if math.isnan(r["annual_change_pp"]) and need == "–" else (
            need + " / " + _signed(r["annual_change_pp"], lang))
        row = {
            T("level", lang): level_vi(r["level"]) if lang == "vi" else r["level"],
            T("indicator", lang): r["label_vi"] if lang == "vi" else r.get("label_en", r["label_vi"]),
            T("target", lang): format_target_value(r["comparator"], r["target"], r["unit"]),
            T("due", lang): int(r["due_year"]),
            T("latest", lang): _latest(r, observations),
            T("projected", lang): proj,
            T("prob", lang): probability_text(r["prob_met"]),
            T("gap", lang): (("ước tính: " if vi else "estimate: ") if f["due"] and r.get("verdict") == "due_no_data"
                             and _gap_text(r, lang) != "–" else "") + _gap_text(r, lang),
            T("pace", lang): pace,
            T("verdict", lang): (status or {}).get(r.get("id"), r["verdict_vi"] if vi else r["verdict_en"]),
        }
        if rules:
            row[T("rules", lang)] = rules_text(r, lang)
        rows.append(row)
    return pd.DataFrame(rows)


def _signed(v, lang: str = "vi") -> str:
    """'tăng 0,35' / 'giảm 0,75' / '–' for a signed change a year (two decimals, trimmed)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if round(abs(v), 2) == 0:
        return "không đổi" if lang == "vi" else "flat"
    word = ("tăng" if v > 0 else "giảm") if lang == "vi" else ("up" if v > 0 else "down")
    return f"{word} {format_number(abs(v), 2, trim=True)}"


def target_sentence(r, lang: str = "vi") -> str:
    """"What this means" for one assessed target: every number from the row, signs and words agreeing.

    The observed pace (``annual_change_pp``, first to latest observation), the model's forecast
    (``projected`` with its 80% interval), its margin to the target and the pace needed from the
    latest value (``required_change_pp``) are named as what they are; a "≤" target speaks of falling.

    >>> r = pd.Series(dict(label_vi="Tỷ lệ trúng tuyển", label_en="Admission rate", comparator=">=", target=22.5,
    ...     unit="percent", due_year=2025, first_value=19.6, first_year=2019, last_value=20.65, last_year=2022,
    ...     projected=22.7, lo80=21.0, hi80=24.3, prob_met=0.55, annual_change_pp=0.35, required_change_pp=0.62,
    ...     n_obs=4, required_path=""))
    >>> print(target_sentence(r))
    “Tỷ lệ trúng tuyển”: từ 19,6% (2019) đến 20,7% (2022), bình quân tăng 0,35 điểm %/năm. Dự báo của mô hình cho năm 2025: 22,7% (khoảng 80%: 21–24,3), đạt mục tiêu ≥ 22,5%, dư 0,2 điểm %; xác suất đạt 55%. Để đạt ≥ 22,5% vào năm 2025 cần tăng 0,62 điểm %/năm từ mức 20,7% năm 2022.
    >>> r2 = r.copy(); r2.update(dict(comparator="<=", target=6.0, first_value=9.0, last_value=7.5, projected=7.1,
    ...     lo80=6.2, hi80=8.0, prob_met=0.15, annual_change_pp=-0.5, required_change_pp=-0.5))
    >>> print(target_sentence(r2).split(". ")[-1])
    Để đạt ≤ 6% vào năm 2025 cần giảm 0,5 điểm %/năm từ mức 7,5% năm 2022.
    """
    from .summary import _change, need_text, pace_facts

    vi = lang == "vi"
    label = r["label_vi"] if vi else r.get("label_en", r["label_vi"])
    label = html.escape(str(label), quote=False)  # the sentence goes into HTML; a label is user text
    target = format_target_value(r["comparator"], r["target"], r["unit"])
    pct = r["unit"] == "percent"
    fmt = (lambda v: _pct(v)) if pct else (lambda v: _num(v, trim=True))
    unitw = " điểm %" if pct and vi else (" points" if pct else "")
    f = pace_facts(r)
    if r["n_obs"] < 1 or math.isnan(r["last_value"]):
        return (f"“{label}”: chưa có số liệu theo năm, chưa thể dự báo. Lộ trình cần đạt: {path_text(r, lang)}." if vi
                else f"“{label}”: no yearly data yet, no projection. Required path: {path_text(r, lang)}.")
    if vi:
        s = f"“{label}”: "
        if r["n_obs"] >= 2 and not math.isnan(r["annual_change_pp"]):
            s += (f"từ {fmt(r['first_value'])} ({int(r['first_year'])}) đến {fmt(r['last_value'])} ({int(r['last_year'])}), "
                  f"bình quân {_change(r['annual_change_pp'], r['unit'])}.")
        else:
            s += f"mới có 1 số liệu: {fmt(r['last_value'])} ({int(r['last_year'])})."
        if not math.isnan(r["projected"]) and int(r["last_year"]) < int(r["due_year"]):
            interval = "" if math.isnan(r["lo80"]) else f" (khoảng 80%: {_num(r['lo80'], trim=True)}–{_num(r['hi80'], trim=True)})"
            m = round(f["margin"], 1)
            met = f["forecast_meets"]
            where = (f"đạt mục tiêu {target} (vừa đúng ngưỡng)" if met and m <= 0 else
                     f"sát mục tiêu {target} nhưng chưa đạt" if met is False and m >= 0 else
                     f"sát mục tiêu {target}" if m == 0 else
                     f"đạt mục tiêu {target}, dư {format_number(abs(m), 1, trim=True)}{unitw}" if m > 0 else
                     f"chưa đạt mục tiêu {target}, còn cách {format_number(abs(m), 1, trim=True)}{unitw}")
            lead = (f" Chưa có số liệu năm {int(r['due_year'])}; ước tính của mô hình (không phải số liệu): "
                    if f["due"] else f" Dự báo của mô hình cho năm {int(r['due_year'])}: ")
            s += (lead + f"{fmt(r['projected'])}{interval}, {where}"
                  + ("" if math.isnan(r["prob_met"]) else f"; xác suất đạt {probability_text(r['prob_met'])}") + ".")
        if f["due"]:
            s += f" Đã đến hạn năm {int(r['due_year'])}: {need_text(r, lang)}."
        elif f["met_now"]:
            s += f" Mức {fmt(r['last_value'])} năm {int(r['last_year'])} đã đạt mục tiêu {target}; cần giữ đến năm {int(r['due_year'])}."
        elif not math.isnan(r["required_change_pp"]):
            s += (f" Để đạt {target} vào năm {int(r['due_year'])} cần {_change(r['required_change_pp'], r['unit'])} "
                  f"từ mức {fmt(r['last_value'])} năm {int(r['last_year'])}.")
        return s
    s = f"“{label}”: "
    if r["n_obs"] >= 2 and not math.isnan(r["annual_change_pp"]):
        s += (f"from {fmt(r['first_value'])} ({int(r['first_year'])}) to {fmt(r['last_value'])} ({int(r['last_year'])}), "
              f"on average {_change(r['annual_change_pp'], r['unit'], 'en')}.")
    else:
        s += f"one observation: {fmt(r['last_value'])} ({int(r['last_year'])})."
    if not math.isnan(r["projected"]) and int(r["last_year"]) < int(r["due_year"]):
        interval = "" if math.isnan(r["lo80"]) else f" (80% interval {_num(r['lo80'], trim=True)}–{_num(r['hi80'], trim=True)})"
        m = round(f["margin"], 1)
        met = f["forecast_meets"]
        where = (f"meeting the target {target} exactly" if met and m <= 0 else
                 f"just short of the target {target}" if met is False and m >= 0 else
                 "at the target " + target if m == 0 else
                 f"{'ahead of' if m > 0 else 'short of'} the target {target} by {format_number(abs(m), 1, trim=True)}{unitw}")
        lead = (f" No figure for {int(r['due_year'])} yet; the model's estimate (not an observation): " if f["due"]
                else f" The model's forecast for {int(r['due_year'])}: ")
        s += (lead + f"{fmt(r['projected'])}{interval}, {where}"
              + ("" if math.isnan(r["prob_met"]) else f"; probability met {probability_text(r['prob_met'])}") + ".")
    if f["due"]:
        s += f" Due in {int(r['due_year'])}: {need_text(r, lang)}."
    elif f["met_now"]:
        s += f" {fmt(r['last_value'])} in {int(r['last_year'])} already meets {target}; hold it until {int(r['due_year'])}."
    elif not math.isnan(r["required_change_pp"]):
        s += (f" Reaching {target} by {int(r['due_year'])} needs {_change(r['required_change_pp'], r['unit'], 'en')} "
              f"from {fmt(r['last_value'])} in {int(r['last_year'])}.")
    return s


def summary_paragraph(assessed: pd.DataFrame, doc: str, lang: str = "vi") -> str:
    """One-paragraph summary for the top of a briefing.

    >>> a = pd.DataFrame({"verdict": ["likely", "at_risk", "insufficient_data", "uncertain"]})
    >>> summary_paragraph(a, "Na Mèo")
    'Na Mèo: 4 mục tiêu. Theo số liệu hiện có, 1 nhiều khả năng hoặc có khả năng đạt, 1 có nguy cơ không đạt hoặc khó đạt, 1 chưa chắc chắn và 1 chưa đủ số liệu để đánh giá.'

    With the Statistics Canada scores of :func:`edustats.assess` (4,048 and −1,469; mean 1,3):

    >>> a = a.assign(statcan_score=[4.048, -1.469, float("nan"), float("nan")],
    ...              statcan_category=["substantial_progress", "limited_progress", None, None])
    >>> print(summary_paragraph(a, "Na Mèo").split(". ")[-1])
    Theo cách tổng hợp của Thống kê Canada (open-sdg), 2 mục tiêu có từ 2 số liệu trở lên: có tiến bộ, cần tăng tốc (điểm trung bình 1,3 trên thang −5 đến 5).
    """
    v = assessed["verdict"]
    good = v.isin(["likely", "probable", "observed_met", "on_pace_low_confidence"]).sum()
    risk = v.isin(["at_risk", "unlikely", "observed_missed", "off_pace_low_confidence"]).sum()
    text = _TEXT[lang]["summary"].format(doc=html.escape(str(doc), quote=False), n=len(v), likely=good, risk=risk, unc=(v == "uncertain").sum(),
                                         nodata=(v == "insufficient_data").sum())
    if "statcan_score" in assessed.columns:
        score, status, k = statcan_aggregate(assessed["statcan_score"], assessed["statcan_category"] == "target_achieved")
        if status is not None:
            text += " " + _TEXT[lang]["aggregate"].format(
                k=k, status=STATCAN_LABELS[status][0 if lang == "vi" else 1].lower(),
                score=format_number(score, 1, trim=True))
    return text


def score_line(assessed: pd.DataFrame, lang: str = "vi") -> str:
    """The document's Statistics Canada score (mean of the targets' scores, −5…5), or why it is not defined.

    >>> a = pd.DataFrame({"statcan_score": [4.048, -1.469, float("nan")],
    ...                   "statcan_category": ["substantial_progress", "limited_progress", None]})
    >>> score_line(a)
    'Điểm tổng hợp theo cách của Thống kê Canada: 1,3 trên thang −5 đến 5 (có tiến bộ, cần tăng tốc), tính trên 2 mục tiêu có từ 2 số liệu kể từ năm gốc.'
    >>> score_line(a.iloc[2:])
    'Điểm tổng hợp theo cách của Thống kê Canada: chưa tính được, vì chưa mục tiêu nào có 2 số liệu kể từ năm gốc của kế hoạch.'
    """
    vi = lang == "vi"
    if "statcan_score" not in assessed.columns or assessed.empty:
        score, status, k = float("nan"), None, 0
    else:
        score, status, k = statcan_aggregate(assessed["statcan_score"], assessed["statcan_category"] == "target_achieved")
    if status is None:
        return ("Điểm tổng hợp theo cách của Thống kê Canada: chưa tính được, vì chưa mục tiêu nào có 2 số liệu kể từ "
                "năm gốc của kế hoạch." if vi else "Statistics Canada document score: not defined, no target has two "
                "observations since the plan's base year.")
    label = STATCAN_LABELS[status][0 if vi else 1].lower()
    if vi:
        return (f"Điểm tổng hợp theo cách của Thống kê Canada: {format_number(score, 1, trim=True)} trên thang −5 đến 5 "
                f"({label}), tính trên {k} mục tiêu có từ 2 số liệu kể từ năm gốc.")
    return (f"Statistics Canada document score: {format_number(score, 1, trim=True)} on a −5 to 5 scale ({label}), "
            f"over {k} targets with two or more observations since the base year.")
