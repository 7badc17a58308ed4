"""Words and tables for briefings: Vietnamese first, English with ``lang="en"``.

Notebooks call these; the logic (and its tests) lives here. Every table built on observations
marked synthetic says so, and every rate is shown with its counts ("22,5% (412 / 1.830)").
"""
from __future__ import annotations

import html
import math

import pandas as pd

from .assess import assess
from .progress_rules import ESCAP_LABELS, STATCAN_LABELS, UNSD_LABELS, statcan_aggregate
from .scorecard import format_target_value, level_vi
from .vnformat import format_number, format_percent

__all__ = ["assess_document", "assessment_table", "target_sentence", "summary_paragraph", "rule_labels", "T",
           "verdict_colours"]


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
    res = assess(t, observations)
    res["synthetic"] = bool(observations.get("synthetic", pd.Series([False])).any())
    return res


def _latest(r, obs: pd.DataFrame | None) -> str:
    if math.isnan(r.last_value):
        return "–"
    text = _pct(r.last_value) if r.unit == "percent" else _num(r.last_value, 0)
    if obs is not None and {"numerator", "denominator"} <= set(obs.columns):
        hit = obs[(obs["indicator"] == r.indicator) & (obs["year"] == r.last_year)]
        if "locality" in obs.columns and isinstance(r.locality, str) and r.locality:
            hit = hit[hit["locality"] == r.locality]
        if "level" in obs.columns and (hit["level"] == r.level).any():
            hit = hit[hit["level"] == r.level]
        if len(hit) == 1 and not math.isnan(hit["numerator"].iloc[0]):
            text += f" ({format_number(hit['numerator'].iloc[0], 0)} / {format_number(hit['denominator'].iloc[0], 0)})"
    return f"{text}, {int(r.last_year)}"


def assessment_table(assessed: pd.DataFrame, observations: pd.DataFrame | None = None, lang: str = "vi") -> pd.DataFrame:
    """The assessment as a briefing table: target, latest with counts, projection, probability, pace, verdict.

    >>> a = pd.DataFrame([dict(id="T1", level="preschool", label_vi="Tỷ lệ SDD", label_en="Malnutrition", indicator="x",
    ...     locality="A", comparator="<=", target=6.0, unit="percent", due_year=2025, last_value=7.1, last_year=2023,
    ...     projected=5.9, lo80=5.2, hi80=6.7, prob_met=0.55, required_change_pp=-0.55, annual_change_pp=-0.95,
    ...     verdict_vi="Chưa chắc chắn", verdict_en="Uncertain", unsd_category="on_track",
    ...     statcan_category="substantial_progress", escap_category="maintain")])
    >>> assessment_table(a).iloc[0][["Mục tiêu", "Xác suất đạt", "Dự báo năm đích (khoảng 80%)"]].tolist()
    ['≤ 6%', '55%', '5,9% (5,2–6,7)']
    """
    rows = []
    for r in assessed.itertuples(index=False):
        pct = r.unit == "percent"
        proj = "–" if math.isnan(r.projected) else (
            (_pct(r.projected) if pct else _num(r.projected)) +
            ("" if math.isnan(r.lo80) else f" ({_num(r.lo80)}–{_num(r.hi80)})"))
        pace = "–" if math.isnan(r.required_change_pp) else (
            f"{_num(r.required_change_pp, 2)} / " + ("–" if math.isnan(r.annual_change_pp) else _num(r.annual_change_pp, 2)))
        rules = rule_labels(r.unsd_category, r.statcan_category, r.escap_category, lang)
        rows.append({
            T("level", lang): level_vi(r.level) if lang == "vi" else r.level,
            T("indicator", lang): r.label_vi if lang == "vi" else getattr(r, "label_en", r.label_vi),
            T("target", lang): format_target_value(r.comparator, r.target, r.unit),
            T("due", lang): int(r.due_year),
            T("latest", lang): _latest(r, observations),
            T("projected", lang): proj,
            T("prob", lang): "–" if math.isnan(r.prob_met) else format_percent(100 * r.prob_met, 0),
            T("gap", lang): "–" if math.isnan(r.projected) else
            ("+" if r.projected >= r.target else "") + _num(r.projected - r.target, 1),
            T("pace", lang): pace,
            T("verdict", lang): r.verdict_vi if lang == "vi" else r.verdict_en,
            T("rules", lang): rules,
        })
    return pd.DataFrame(rows)


def target_sentence(r, lang: str = "vi") -> str:
    """"What this means" for one assessed target, in plain words.

    >>> r = pd.Series(dict(label_vi="Tỷ lệ trúng tuyển", label_en="Admission rate", comparator=">=", target=22.5,
    ...     unit="percent", due_year=2025, last_value=19.0, last_year=2022, projected=22.7, lo80=21.0, hi80=24.3,
    ...     prob_met=0.55, annual_change_pp=1.0, required_change_pp=1.17, n_obs=5, required_path=""))
    >>> print(target_sentence(r))
    Với nhịp hiện tại (1 điểm %/năm), chỉ tiêu “Tỷ lệ trúng tuyển” dự báo đạt 22,7% vào năm 2025 (khoảng 80%: 21–24,3); xác suất đạt mục tiêu ≥ 22,5% là 55%. Để đạt ≥ 22,5% vào năm 2025, cần tăng 1,17 điểm %/năm từ mức 19% năm 2022, so với 1 điểm %/năm đã đạt.
    """
    tx = _TEXT[lang]
    label = r["label_vi"] if lang == "vi" else r.get("label_en", r["label_vi"])
    label = html.escape(str(label), quote=False)  # the sentence goes into HTML; a label is user text
    target = format_target_value(r["comparator"], r["target"], r["unit"])
    if r["n_obs"] < 2 or math.isnan(r["projected"]):
        return tx["nodata"].format(label=label, path=html.escape(str(r.get("required_path") or "–"), quote=False))
    pct = r["unit"] == "percent"
    fmt = (lambda v: _pct(v)) if pct else (lambda v: _num(v))
    s = tx["met"].format(obs=_num(r["annual_change_pp"], 2, trim=True), label=label,
                         proj=fmt(r["projected"]), due=int(r["due_year"]),
                         lo=_num(r["lo80"], trim=True), hi=_num(r["hi80"], trim=True),
                         target=target, p="–" if math.isnan(r["prob_met"]) else format_percent(100 * r["prob_met"], 0))
    if not math.isnan(r["required_change_pp"]):
        s += " " + tx["need"].format(target=target, due=int(r["due_year"]), req=_num(r["required_change_pp"], 2),
                                     last=fmt(r["last_value"]), year=int(r["last_year"]),
                                     obs=_num(r["annual_change_pp"], 2, trim=True))
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
