"""Printable exercise sheets, one per topic, with the answers on a separate page.

Questions are built from real figures where they fit (the Hòa Bình yearbook and GSO tables, the
World Bank series for Viet Nam, the figures quoted in the local press) and otherwise from
labelled example counts; every answer is computed by the package (:mod:`edustats.worked` for
the indicators, :mod:`edustats.progress_rules` and :func:`edustats.required_path` for the
projections and progress rules), never typed. :func:`sheet_html` lays a sheet out for printing:
the questions, a page break (CSS ``break-before: page``), the answers.
"""
from __future__ import annotations

import html

import pandas as pd

from . import progress_rules as pr
from .assess import required_path
from .vnformat import format_number
from .worked import REAL_FIGURES, Worked, _t, exercise_answer

__all__ = ["TOPICS", "topic_exercises", "sheet_html", "all_sheets_html", "exercise_keys"]

# topic -> (Vietnamese title, English title, handbook entries whose exercise it carries)
TOPICS = {
    "access": ("Tiếp cận: nhập học, tuyển mới, huy động", "Access: enrolment, intake, mobilisation",
               ["ger", "ner", "aner", "aser", "mobilisation", "gir", "nir", "oosr", "two_session"]),
    "flows": ("Hiệu quả: lên lớp, lưu ban, bỏ học, chuyển cấp, hoàn thành", "Flows: promotion, repetition, dropout, transition, completion",
              ["flows", "flows_vn", "survival", "etr", "graduate_transition", "completion_rate", "graduation"]),
    "equity": ("Công bằng, chất lượng, trường chuẩn", "Equity, outcomes, national-standard schools",
               ["gpi", "over_age", "evaluation", "malnutrition", "schools", "share"]),
    "teachers": ("Giáo viên: tỷ lệ, định mức, thừa thiếu, chuẩn trình độ", "Teachers: ratios, norms, surplus and shortage, qualification",
                 ["ptr", "pcr", "teacher_norm", "teachers_required", "surplus", "qualification"]),
    "universalisation": ("Phổ cập giáo dục: mức độ của xã và huyện", "Universalisation levels of communes and districts",
                         ["completion_by_age", "universalisation", "district"]),
    "projections": ("Dự báo và quy tắc đánh giá tiến độ", "Projections and the progress rules",
                    ["rules_unsd", "rules_statcan", "rules_lower", "rules_pace"]),
}

_TER = {2013: 25.624941, 2015: 29.725080, 2019: 30.224119}  # World Bank SE.TER.ENRR (see worked.REAL_FIGURES["wb_ter"])


def _n(x, d=3):
    s = format_number(x, d, trim=True)
    return f"({s.replace('-', '−')})" if s.startswith("-") else s


def _rule_case(key, lang):
    if key != "rules_lower":
        vb, b, vt, t, target, T, higher = _TER[2015], 2015, _TER[2019], 2019, 40.0, 2030, True
        title = _t(lang, "GER đại học của Việt Nam so với mục tiêu minh họa 40% năm 2030",
                   "Viet Nam's tertiary GER against an illustrative target of 40% by 2030")
        source, real = REAL_FIGURES["wb_ter"] + _t(lang, "; mục tiêu 40% là minh họa", "; the 40% target is illustrative"), True
        rows = [dict(y=b, v=vb), dict(y=t, v=vt)]
    else:
        vb, b, vt, t, target, T, higher = 9.0, 2021, 8.0, 2023, 6.0, 2025, False
        title = _t(lang, "Tỷ lệ trẻ suy dinh dưỡng: 9% (2021), 8% (2023), mục tiêu ≤ 6% năm 2025",
                   "Child malnutrition: 9% (2021), 8% (2023), target ≤ 6% by 2025")
        source, real = _t(lang, "Số liệu minh họa (9% là số liệu nền Na Mèo năm 2021; 8% và mục tiêu là minh họa)",
                          "Example values (9% is Na Mèo's 2021 baseline; 8% and the target are illustrative)"), False
        rows = [dict(y=b, v=vb), dict(y=t, v=vt)]
    tab = pd.DataFrame({_t(lang, "Năm", "Year"): [str(r["y"]) for r in rows],
                        _t(lang, "Giá trị (%)", "Value (%)"): [format_number(r["v"], 2) for r in rows]})
    return dict(vb=vb, b=b, vt=vt, t=t, target=target, T=T, higher=higher, title=title, source=source, real=real, tab=tab)


def _labels(table, code, lang):
    return table[str(code)][0 if lang == "vi" else 1]


def rule_exercise(key: str, lang: str = "vi") -> Worked:
    """An exercise on a progress rule, answered with :mod:`edustats.progress_rules`.

    >>> rule_exercise("rules_statcan").result
    'R = 0,209: Tiến bộ hạn chế'
    >>> rule_exercise("rules_pace", "en").result
    'required 0,889 points a year, observed 0,125: about 7 times faster'
    """
    c = _rule_case(key, lang)
    vb, b, vt, t, target, T, higher = (c[k] for k in ("vb", "b", "vt", "t", "target", "T", "higher"))
    w = Worked(key, c["title"], tables=[("", c["tab"])], source=c["source"], real=c["real"])
    g, greq = float(pr.cagr(vt, vb, t, b)), float(pr.cagr(target, vb, T, b))

    def cagr_steps(actual="CAGR_a", required="CAGR_r"):
        return [f"{actual} = ({_n(vt)} / {_n(vb)})^(1/{t - b}) − 1 = {_n(g, 5)}",
                f"{required} = ({_n(target)} / {_n(vb)})^(1/{T - b}) − 1 = {_n(greq, 5)}"]

    if key == "rules_unsd":
        ratio, cat, _ = pr.unsd_progress(vb, b, vt, t, target, T, higher, True)
        w.question = _t(lang, "Áp dụng quy tắc UNSD (SDG Progress Chart 2022): tính CAGR thực tế, CAGR cần có để đạt mục tiêu và tỷ số hai CAGR; xếp loại.",
                        "Apply the UNSD rule (SDG Progress Chart 2022): compute the actual CAGR, the CAGR the target requires and their ratio; classify.")
        w.steps = [*cagr_steps(),
                   _t(lang, f"Tỷ số = CAGR_a / |CAGR_r| = {_n(g, 5)} / {_n(abs(greq), 5)} = {_n(float(ratio))}",
                      f"Ratio = CAGR_a / |CAGR_r| = {_n(g, 5)} / {_n(abs(greq), 5)} = {_n(float(ratio))}"),
                   _t(lang, "Ngưỡng (Progress Chart 2022): ≥ 0,95 đúng lộ trình; 0,5-0,95 cần tăng tốc; −0,1-0,5 hạn chế; "
                            "< −0,1 đi xuống. (Quy tắc 2023 thay tỷ số bằng (v̂_T − v_b) / (mục tiêu − v_b), "
                            "v̂_T = v_t (1 + CAGR_a)^(T − t): edustats.unsd_progress(..., version=\"2023\").)",
                      "Cut-offs (Progress Chart 2022): ≥ 0,95 on track; 0,5-0,95 acceleration needed; −0,1-0,5 limited; "
                      "< −0,1 deterioration. (The 2023 rule uses (v̂_T − v_b) / (target − v_b) instead, with "
                      "v̂_T = v_t (1 + CAGR_a)^(T − t): edustats.unsd_progress(..., version=\"2023\").)")]
        w.result, w.value = f"{_n(float(ratio))}: {_labels(pr.UNSD_LABELS, cat, lang)}", float(ratio)
    elif key == "rules_statcan":
        R, cat, _ = pr.statcan_progress(vb, b, vt, t, target, T, higher, True)
        d = 1 if higher else -1
        w.question = _t(lang, "Áp dụng quy tắc của Thống kê Canada (open-sdg): tính CAGR quan sát, CAGR cần có và tỷ số R; xếp loại. So với quy tắc UNSD thì sao?",
                        "Apply the Statistics Canada rule (open-sdg): compute the observed CAGR, the required CAGR and the ratio R; classify. How does it compare with the UNSD rule?")
        w.steps = [*cagr_steps("CAGR_obs", "CAGR_req"),
                   f"R = {'' if d > 0 else '−1 × '}{_n(g, 5)} / |{_n(greq, 5)}| = {_n(float(R))}",
                   _t(lang, "Ngưỡng: ≥ 0,95 rõ rệt; 0,60-0,95 cần tăng tốc; 0-0,60 hạn chế; < 0 đi xuống",
                      "Cut-offs: ≥ 0,95 substantial; 0,60-0,95 moderate; 0-0,60 limited; < 0 deterioration")]
        w.result, w.value = f"R = {_n(float(R))}: {_labels(pr.STATCAN_LABELS, cat, lang)}", float(R)
    elif key == "rules_lower":
        u, ucat, _ = pr.unsd_progress(vb, b, vt, t, target, T, higher, True)
        R, scat, _ = pr.statcan_progress(vb, b, vt, t, target, T, higher, True)
        w.question = _t(lang, "Mục tiêu \"≤\": thấp hơn là tốt. Áp dụng cả hai quy tắc (UNSD và Thống kê Canada) và xếp loại. Vì sao hai quy tắc cho hai kết luận?",
                        "A \"≤\" target: lower is better. Apply both rules (UNSD and Statistics Canada) and classify. Why do they disagree?")
        w.steps = [*cagr_steps(),
                   _t(lang, "Hai quy tắc cùng tính một tỷ số (thấp hơn là tốt nên nhân −1): ",
                      "Both rules compute the same ratio (lower is better, hence −1): ")
                   + f"R = −1 × {_n(g, 5)} / |{_n(greq, 5)}| = {_n(float(R))}",
                   _t(lang, f"Khác nhau ở ngưỡng: UNSD (2022) xếp 'cần tăng tốc' từ 0,5, Thống kê Canada xếp 'có tiến bộ, cần tăng tốc' từ 0,60; "
                            f"R = {_n(float(R))} {'nằm giữa hai ngưỡng' if 0.5 <= float(R) < 0.6 else 'không nằm giữa hai ngưỡng'}.",
                      f"They differ in the cut-offs: UNSD (2022) says 'acceleration needed' from 0,5, Statistics Canada 'moderate progress' from 0,60; "
                      f"R = {_n(float(R))} {'falls between them' if 0.5 <= float(R) < 0.6 else 'does not fall between them'}.")]
        w.result = (f"UNSD {_n(float(u))}: {_labels(pr.UNSD_LABELS, ucat, lang)}; "
                    f"StatCan R = {_n(float(R))}: {_labels(pr.STATCAN_LABELS, scat, lang)}")
        w.value = float(R)
    else:
        path = required_path(t, vt, target, T)
        step = float(path["value"].iloc[1] - path["value"].iloc[0])
        obs = (vt - vb) / (t - b)
        w.question = _t(lang, f"Để đạt {_n(target)}% năm {T} từ {_n(vt)}% năm {t}, mỗi năm cần tăng bao nhiêu điểm phần trăm (đường thẳng)? "
                              f"So với nhịp {b}-{t}.",
                        f"To reach {_n(target)}% by {T} from {_n(vt)}% in {t}, how many points a year are needed (straight line)? "
                        f"Compare with the pace of {b}-{t}.")
        w.steps = [_t(lang, f"Cần: ({_n(target)} − {_n(vt)}) / ({T} − {t}) = {_n(step)} điểm/năm",
                      f"Required: ({_n(target)} − {_n(vt)}) / ({T} − {t}) = {_n(step)} points a year"),
                   _t(lang, f"Đã đạt: ({_n(vt)} − {_n(vb)}) / ({t} − {b}) = {_n(obs)} điểm/năm",
                      f"Observed: ({_n(vt)} − {_n(vb)}) / ({t} − {b}) = {_n(obs)} points a year"),
                   _t(lang, f"Năm {T - 1} cần đạt {_n(float(path['value'].iloc[-2]))}% (edustats.required_path)",
                      f"By {T - 1} the path needs {_n(float(path['value'].iloc[-2]))}% (edustats.required_path)")]
        times = step / obs
        w.result = _t(lang, f"cần {_n(step)} điểm/năm, đã đạt {_n(obs)}: nhanh hơn khoảng {format_number(times, 0)} lần",
                      f"required {_n(step)} points a year, observed {_n(obs)}: about {format_number(times, 0)} times faster")
        w.value = step
    return w


def topic_exercises(topic: str, lang: str = "vi") -> list[Worked]:
    """The exercises of one topic, each with its computed answer.

    >>> [w.key for w in topic_exercises("universalisation")]
    ['completion_by_age', 'universalisation', 'district']
    """
    keys = TOPICS[topic][2]
    return [rule_exercise(k, lang) if k.startswith("rules_") else exercise_answer(k, lang) for k in keys]


def exercise_keys() -> list[str]:
    """Every handbook entry that has an exercise, over all sheets."""
    return [k for _, _, keys in TOPICS.values() for k in keys]


def _tables_html(w: Worked) -> str:
    from .report import html_table

    return "\n".join(html_table(t, caption=c) for c, t in w.tables)


def sheet_html(topic: str, lang: str = "vi", number: int = 1) -> str:
    """One printable sheet, starting on a new page: questions, then (on a new page) the computed answers."""
    vi, en, _ = TOPICS[topic]
    title = _t(lang, vi, en)
    ex = topic_exercises(topic, lang)
    head = _t(lang, "Phiếu bài tập", "Exercise sheet")
    out = [f'<section class="es-sheet" id="sheet-{topic}" style="break-before: page; page-break-before: always">',
           f"<h2>{head} {number}: {html.escape(title)}</h2>",
           "<p>" + _t(lang, "Họ tên: ………………………………   Đơn vị: ………………………………   Ngày: …………",
                        "Name: ………………………………   Office: ………………………………   Date: …………") + "</p><ol>"]
    for w in ex:
        out.append(f"<li><p><b>{html.escape(w.title)}</b></p>{_tables_html(w)}"
                   f'<div class="es-source">{_t(lang, "Nguồn", "Source")}: {html.escape(w.source)}</div>'
                   f"<p>{html.escape(w.question)}</p></li>")
    out.append("</ol>")
    out.append('<div class="es-page-break" style="break-before: page; page-break-before: always"></div>')
    out.append(f"<h2>{_t(lang, 'Đáp án', 'Answers')}: {html.escape(title)}</h2><ol>")
    for w in ex:
        steps = "".join(f"<li>{html.escape(s)}</li>" for s in w.steps)
        out.append(f"<li><p><b>{html.escape(w.title)}</b></p><ul>{steps}</ul>"
                   f"<p>{_t(lang, 'Kết quả', 'Result')}: <b>{html.escape(w.result)}</b></p></li>")
    out.append("</ol></section>")
    return "\n".join(out)


def all_sheets_html(lang: str = "vi") -> str:
    """Every sheet, one after the other, each starting on a new page, with a list of sheets first."""
    toc = "".join(f'<li><a href="#sheet-{k}">{html.escape(_t(lang, v[0], v[1]))}</a></li>' for k, v in TOPICS.items())
    parts = [f"<nav><h2>{_t(lang, 'Các phiếu bài tập', 'Exercise sheets')}</h2><ol>{toc}</ol></nav>"]
    parts += [sheet_html(k, lang, i) for i, k in enumerate(TOPICS, start=1)]
    return "\n".join(parts)

