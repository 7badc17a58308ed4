"""Whole briefings as ordered HTML sections: the header, page one (the decision), numbered sections, appendix.

The notebooks only display what these functions return; which sections a document gets is
decided from its data (targets, baselines, annual flags, teacher figures, several units in the
observations), never from its file name.

A :class:`Briefing` holds ``title`` (the page's ``<title>``, distinct per briefing), ``lang``,
``header`` and ``summary`` (page one), ``sections`` and ``appendix`` (lists of ``(title, html)``).
:func:`render_sections` numbers them ("1. …", "Phụ lục A. …").
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .due import build_as_of
from .vnformat import decimals_of, format_count, format_number, format_ratio

__all__ = ["Briefing", "document_briefing", "own_briefing", "scorecard_briefing", "render_sections", "page_marker", "page_one", "document_header", "vn_doc_date",
           "vi_phrase", "page_title", "successor_text", "nodata_appendix", "locality_rows", "source_name"]

_PHRASES = [  # English phrases in data/sources.csv and their Vietnamese
    (r"\(number left blank\)", "(không ghi số)"),
    (r"district level abolished (\d+/\d+/\d{4})", r"bỏ cấp huyện từ \1"),
    (r"district abolished (\d+/\d+/\d{4})", r"cấp huyện kết thúc hoạt động từ \1"),
    (r"(\w[\w ]*?) merged into (\w[\w ]*)", r"\1 sáp nhập vào \2"),
    (r"^unknown \(district not named\)$", "không rõ (văn bản không ghi tên huyện)"),
]


def vi_phrase(text: str) -> str:
    """The Vietnamese of the few English phrases ``data/sources.csv`` uses.

    >>> vi_phrase("xã Lạc Sơn, tỉnh Phú Thọ (district abolished 1/7/2025; Hòa Bình merged into Phú Thọ)")
    'xã Lạc Sơn, tỉnh Phú Thọ (cấp huyện kết thúc hoạt động từ 1/7/2025; Hòa Bình sáp nhập vào Phú Thọ)'
    >>> vi_phrase("unknown (district not named)"), vi_phrase("/KH-UBND (number left blank)")
    ('không rõ (văn bản không ghi tên huyện)', '/KH-UBND (không ghi số)')
    """
    for pat, rep in _PHRASES:
        text = re.sub(pat, rep, text)
    return text


def vn_doc_date(d: str) -> str:
    """A document date as written in Vietnamese.

    >>> vn_doc_date("2022-07-18"), vn_doc_date("2022-09"), vn_doc_date("")
    ('ngày 18/07/2022', 'tháng 09/2022', 'không ghi ngày')
    """
    d = (d or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        y, m, dd = d.split("-")
        return f"ngày {dd}/{m}/{y}"
    if re.fullmatch(r"\d{4}-\d{2}", d):
        y, m = d.split("-")
        return f"tháng {m}/{y}"
    return d or "không ghi ngày"


@dataclass
class Briefing:
    title: str
    lang: str = "vi"
    header: str = ""
    summary: str = ""
    sections: list = field(default_factory=list)
    appendix: list = field(default_factory=list)


def _place(doc) -> str:
    return doc["commune"] or doc["district"] or "huyện không ghi tên"


def page_title(doc, lang: str = "vi") -> str:
    """The ``<title>`` of a document briefing: place, document type and number (distinct per document).

    >>> page_title(dict(commune="", district="", type="kế hoạch", document_number="", file="003_x.txt"))
    'Bản tin mục tiêu giáo dục: huyện không ghi tên, kế hoạch (tệp 003)'
    """
    number = vi_phrase(doc["document_number"]) if doc["document_number"] else f"(tệp {doc['file'][:3]})"
    if lang == "vi":
        return f"Bản tin mục tiêu giáo dục: {_place(doc)}, {doc['type']} {number}"
    return f"Education targets briefing: {_place(doc) if doc['commune'] or doc['district'] else 'district not named'}, {number}"


def successor_text(doc, lang: str = "vi") -> str:
    """Where the document's unit went on 1/7/2025, in Vietnamese (or English), from both maps (communes and provinces).

    A district has no single successor: it was abolished and its old communes went into several
    new ones (:func:`edustats.admin2025.successor_units`); a commune names the commune that holds
    it; the province merger (``data/sources.csv``) is added in words.

    >>> print(successor_text(dict(commune="", district="Mường Tè", province="Lai Châu",
    ...     unit_after_2025="xã Mường Tè, tỉnh Lai Châu (district abolished 1/7/2025)")))
    huyện Mường Tè đã giải thể từ 1/7/2025 (bỏ cấp huyện); 14 xã, thị trấn cũ nay thuộc 8 xã mới của tỉnh Lai Châu: Bum Nưa, Bum Tở, Hua Bum, Mù Cả, Mường Tè, Pa Ủ, Thu Lũm, Tà Tổng
    >>> print(successor_text(dict(commune="Na Mèo", district="Quan Sơn", province="Thanh Hóa",
    ...     unit_after_2025="xã Na Mèo, tỉnh Thanh Hóa (district level abolished 1/7/2025)")))
    xã Na Mèo, tỉnh Thanh Hóa (bỏ cấp huyện từ 1/7/2025)

    An English page says it in English (``data/sources.csv`` writes its remarks in English):

    >>> print(successor_text(dict(commune="", district="Mường Tè", province="Lai Châu",
    ...     unit_after_2025="xã Mường Tè, tỉnh Lai Châu (district abolished 1/7/2025)"), lang="en"))
    Mường Tè district was abolished on 1 July 2025 (the district level was removed); its 14 former communes and townships are now in 8 new communes of Lai Châu province: Bum Nưa, Bum Tở, Hua Bum, Mù Cả, Mường Tè, Pa Ủ, Thu Lũm, Tà Tổng
    """
    raw = doc.get("unit_after_2025") or ""
    after = vi_phrase(raw)
    if doc.get("commune") or not doc.get("district"):
        return after if lang == "vi" else raw
    try:
        from .admin2025 import successor_units

        s = successor_units(doc["district"], province=doc.get("province") or None, kind="district")
    except Exception:  # no crosswalk for this unit: the document's own words
        return after if lang == "vi" else raw
    if s.empty:
        return after if lang == "vi" else raw
    units = sorted(set(s["new_commune"]))
    kinds = {re.match(r"^(Xã|Phường|Thị trấn|Đặc khu) ", n).group(1).lower() if re.match(r"^(Xã|Phường|Thị trấn|Đặc khu) ", n)
             else "" for n in units}
    names = sorted((n[3:] if n.startswith("Xã ") else n[0].lower() + n[1:]) for n in units)
    provinces = sorted(set(s["new_province"]))
    n_old = s["old_commune"].nunique()
    split = sorted(set(s.loc[s["mapping"] == "split", "old_commune"]))
    merged = re.search(r"(\w[\w ]*?) sáp nhập vào (\w[\w ]*)", after)
    if lang != "vi":
        kinds_en = {"xã": "communes", "phường": "wards", "thị trấn": "townships", "đặc khu": "special zones"}
        text = (f"{doc['district']} district was abolished on 1 July 2025 (the district level was removed); its {n_old} "
                f"former communes and townships are now in {len(names)} new "
                f"{' and '.join(kinds_en[k] for k in kinds_en if k in kinds) or 'units'} of "
                f"{', '.join(provinces)} province: {', '.join(names)}")
        if split:
            text += f" ({len(split)} former communes split between more than one new commune)"
        if merged:
            text += f"; {merged.group(1)} province merged into {merged.group(2)} province"
        return text
    text = (f"huyện {doc['district']} đã giải thể từ 1/7/2025 (bỏ cấp huyện); {n_old} xã, thị trấn cũ nay thuộc "
            f"{len(names)} {', '.join(k for k in ('xã', 'phường', 'thị trấn', 'đặc khu') if k in kinds) or 'đơn vị'} mới của tỉnh {', '.join(provinces)}: {', '.join(names)}")
    if split:
        text += f" ({len(split)} xã cũ chia cho hơn một xã mới)"
    if merged:
        text += f"; tỉnh {merged.group(1)} sáp nhập vào tỉnh {merged.group(2)}"
    return text


def document_header(doc, lang: str = "vi") -> str:
    """The heading of a document briefing: its title, type and number, issuer, date, place, and where the
    unit went on 1/7/2025 (:func:`successor_text`)."""
    number = f"số {vi_phrase(doc['document_number'])}" if doc["document_number"] else "không ghi số"
    where = ", ".join(x for x in (doc["commune"] and f"xã {doc['commune']}", doc["district"] and f"huyện {doc['district']}",
                                  doc["province"] and f"tỉnh {doc['province']}") if x) or "địa bàn không ghi tên"
    after = successor_text(doc, lang)
    title = doc["title_vi"] if lang == "vi" else doc.get("title_en", doc["title_vi"])
    ident = f"{doc['type'].capitalize()} {number}; {doc['issuer']}; {vn_doc_date(doc['date'])}."
    if lang == "vi":
        meta = ident + f" Địa bàn: {where}." + (f" Sắp xếp đơn vị hành chính 2025: {after}." if after else "")
        return (f'<header class="es-header"><h1>{html.escape(title)}</h1><p class="es-meta" lang="vi">{html.escape(meta)} '
                f'<span class="es-source">Nguồn: data/sources/{html.escape(doc["file"])}</span></p></header>')
    # an English page: the document's identity as it is written (Vietnamese, marked so), the rest in English
    where_en = ", ".join(x for x in (doc["commune"] and f"{doc['commune']} commune",
                                     doc["district"] and f"{doc['district']} district",
                                     doc["province"] and f"{doc['province']} province") if x) or "area not named"
    meta_en = f"Area: {where_en}." + (f" 2025 administrative reorganisation: {after}." if after else "")
    return (f'<header class="es-header"><h1>{html.escape(title)}</h1><p class="es-meta"><span lang="vi">'
            f'{html.escape(ident)}</span> {html.escape(meta_en)} '
            f'<span class="es-source">Source: data/sources/{html.escape(doc["file"])}</span></p></header>')


def page_marker(title: str, lang: str = "vi") -> str:
    """A hidden marker from which :func:`edustats.build.page_identity` takes the page's title and language.

    >>> page_marker("Bản tin: Na Mèo")
    '<div class="es-page" data-es-title="Bản tin: Na Mèo" data-es-lang="vi" hidden></div>'
    """
    return f'<div class="es-page" data-es-title="{html.escape(title)}" data-es-lang="{lang}" hidden></div>'


def page_one(b: Briefing) -> str:
    """The marker, the header and the summary: what the first screen shows."""
    return page_marker(b.title, b.lang) + b.header + b.summary


def render_sections(b: Briefing, part: str = "all") -> list[str]:
    """Each numbered section (``part="sections"``) and appendix part (``"appendix"``) as HTML, in order."""
    vi = b.lang == "vi"
    out = []
    for i, (title, body) in enumerate(b.sections, 1):
        if part in ("all", "sections"):
            out.append(f'<section class="es-section"><h2>{i}. {html.escape(title)}</h2>\n{body}</section>')
    for i, (title, body) in enumerate(b.appendix if part in ("all", "appendix") else []):
        first = ' id="phu-luc"' if i == 0 else ""
        lead = (f'<h2 class="es-appendix-title">{"Phụ lục" if vi else "Appendix"}</h2>' if i == 0 else "")
        out.append(f'<section class="es-appendix"{first}>{lead}<h3>{"Phụ lục" if vi else "Appendix"} '
                   f'{chr(65 + i)}. {html.escape(title)}</h3>\n{body}</section>')
    return out


# ---------------------------------------------------------------- building blocks

def source_name(label: str) -> str:
    """A data file as a page may cite it: a path inside the package as it is, anything else by its file name only.

    >>> source_name("/tmp/abc/clean.xlsx"), source_name("data/examples/observations.csv"), source_name("")
    ('clean.xlsx', 'data/examples/observations.csv', '')
    >>> source_name("../data/targets.csv"), source_name("C:\\\\Users\\\\x\\\\so-lieu.xlsx")
    ('data/targets.csv', 'so-lieu.xlsx')
    """
    label = str(label or "").strip()
    if not label:
        return ""
    if "\\" in label or re.match(r"^[A-Za-z]:", label):  # a Windows path: its file name
        return re.split(r"[\\/]", label)[-1]
    if not label.startswith("/"):  # relative to the notebooks or the repository: the repository's own path
        return re.sub(r"^(\.\./|\./)+", "", label)
    try:
        return Path(label).resolve().relative_to(Path(__file__).resolve().parent.parent).as_posix()
    except ValueError:
        return Path(label).name


def locality_rows(observations: pd.DataFrame, locality: str, lang: str = "vi") -> tuple[pd.DataFrame, list[str]]:
    """The observations of one locality, and a note for every row not used as written.

    Rows whose locality is the same name once case, diacritics, spacing and a leading "xã" are
    ignored (:func:`edustats.loaders.locality_key`: "Na Meo", "xã na mèo") are used and renamed,
    as ``edustats assess`` matches them, and a note says so; rows whose locality only looks like it
    ("Na Mèoo", a close misspelling) are left out, and a note says how many and why. Nothing is
    dropped without a word on the page.

    >>> o = pd.DataFrame({"locality": ["Na Mèo", "Na Meo", "Na Mèoo", "Lạc Sơn"], "value": [1.0, 2, 3, 4]})
    >>> rows, notes = locality_rows(o, "Na Mèo")
    >>> rows["value"].tolist(), rows["locality"].unique().tolist()
    ([1.0, 2.0], ['Na Mèo'])
    >>> print(notes[0]); print(notes[1])
    1 dòng ghi địa phương 'Na Meo' được dùng như 'Na Mèo' (cùng tên khi bỏ qua dấu và chữ hoa).
    1 dòng ghi địa phương 'Na Mèoo', gần giống 'Na Mèo', không được dùng trong bản tin này; nếu là lỗi chính tả, hãy sửa trong tệp số liệu.
    """
    import difflib

    from .loaders import locality_key

    if "locality" not in observations.columns:
        return observations, []
    vi = lang == "vi"
    names = observations["locality"].fillna("").astype(str)
    key = locality_key(locality)
    same = sorted({n for n in set(names) if n != locality and locality_key(n) == key})
    near = sorted({n for n in set(names) - set(same) - {locality}
                   if n and difflib.SequenceMatcher(None, locality_key(n), key).ratio() >= 0.75})
    rows = observations[names.isin([locality, *same])].copy()
    rows["locality"] = locality
    notes = []
    for n in same:
        k = int((names == n).sum())
        notes.append(f"{k} dòng ghi địa phương '{n}' được dùng như '{locality}' (cùng tên khi bỏ qua dấu và chữ hoa)."
                     if vi else f"{k} rows naming '{n}' are used as '{locality}' (the same name ignoring accents and case).")
    for n in near:
        k = int((names == n).sum())
        notes.append(f"{k} dòng ghi địa phương '{n}', gần giống '{locality}', không được dùng trong bản tin này; nếu là "
                     "lỗi chính tả, hãy sửa trong tệp số liệu." if vi else
                     f"{k} rows naming '{n}', close to '{locality}', are left out of this briefing; if that is a "
                     "misspelling, correct it in the observations file.")
    return rows, notes


def nodata_appendix(assessed: pd.DataFrame, lines: pd.DataFrame, lang: str = "vi", source: str = "") -> str:
    """The full list of the targets without any observation: status, the report that would supply
    (or, past due, settle) each, and its required path or outcome."""
    from .briefing import path_text
    from .report import html_table

    vi = lang == "vi"
    nod = lines[~lines["has_value"].astype(bool)]
    if nod.empty:
        return ""
    a = assessed.set_index("id")
    rows = []
    for r in nod.itertuples(index=False):
        t = a.loc[r.id]
        rows.append({("Mã" if vi else "Id"): r.id, ("Chỉ tiêu" if vi else "Indicator"): r.label,
                     ("Mục tiêu (năm đích)" if vi else "Target (due)"): r.target,
                     ("Tình trạng" if vi else "Status"): r.status,
                     ("Nguồn số liệu" if vi else "Source of the figure"): (r.settled_by or r.report),
                     ("Lộ trình hoặc ghi chú" if vi else "Path or note"): path_text(t.to_dict(), lang)})
    return html_table(pd.DataFrame(rows), source=(source + "; " if source else "") + "edustats.assess, edustats.due")



def _series_for(obs: pd.DataFrame, r) -> pd.DataFrame:
    s = obs[obs["indicator"] == r["indicator"]]
    if "locality" in s.columns and r.get("locality"):
        s = s[s["locality"] == r["locality"]]
    if "level" in s.columns and (s["level"] == r["level"]).any():
        s = s[s["level"] == r["level"]]
    return s.sort_values("year")


def _fans(assessed, obs, synthetic, lang, max_fans, figures_dir, prefix) -> str:
    from .charts import figure_html, plot_fan
    from .summary import urgency

    with_data = assessed[(assessed["n_obs"] >= 2)].copy()
    if with_data.empty:
        return ""
    with_data["_u"] = [urgency(v)[1] for v in with_data["verdict"]]
    pick = with_data.sort_values(["_u", "id"]).head(max_fans)
    imgs = []
    for _, r in pick.iterrows():
        fig = plot_fan(_series_for(obs, r), r, synthetic=synthetic, lang=lang)
        fig.set_size_inches(5.6, 3.4)
        imgs.append(figure_html(fig, f"{prefix}-fan-{r['id']}", figures_dir, width="49%",
                                alt=str(r["label_vi"] if lang == "vi" else r.get("label_en", r["label_vi"]))))
    note = ("Các mục tiêu cấp bách nhất có từ 2 số liệu trở lên: số liệu, dự báo và khoảng 80%, 95%; đường đỏ là mục tiêu."
            if lang == "vi" else "The most urgent targets with two or more observations; red line: the target.")
    return f"<p>{note}</p><div class=\"es-charts\">{''.join(imgs)}</div>"


def _annual_section(annual: pd.DataFrame, assessed: pd.DataFrame, lang: str, targets_label: str = "data/targets.csv") -> str:
    from .annual import annual_sentence
    from .report import html_table
    from .scorecard import format_target_value

    if annual.empty:
        return ""
    a = assessed.set_index("id")
    rows = []
    empty = annual[annual["status"] == "no_data"]
    for _, r in annual[annual["status"] != "no_data"].iterrows():
        t = a.loc[r["id"]]
        rows.append({
            "Mục tiêu": f"{t['label_vi']} ({r['id']})" if lang == "vi" else f"{t.get('label_en', t['label_vi'])} ({r['id']})",
            "Mức hằng năm": format_target_value(t["comparator"], t["target"], t["unit"]),
            "Áp dụng": f"{r['start_year'] or '…'}–{r['due_year']}",
            "Kết quả từng năm": annual_sentence(r, lang),
        })
    out = html_table(pd.DataFrame(rows), caption=("Chỉ tiêu “hằng năm”: kiểm tra từng năm" if lang == "vi"
                                                  else "Annual targets, checked every year"),
                     source=f"{targets_label} (cột annual); số liệu theo năm") if rows else ""
    if len(empty):
        names = "; ".join(f"{a.loc[i, 'label_vi'] if lang == 'vi' else a.loc[i].get('label_en', a.loc[i, 'label_vi'])} "
                          f"({i})" for i in empty["id"])
        out += (f"<p>{len(empty)} chỉ tiêu hằng năm chưa có số liệu năm nào để kiểm tra: {html.escape(names)}.</p>"
                if lang == "vi" else f"<p>{len(empty)} annual targets without any yearly data: {html.escape(names)}.</p>")
    return out


def _compare_section(assessed: pd.DataFrame, obs: pd.DataFrame, here: str, lang: str, figures_dir, prefix) -> str:
    from .charts import figure_html, plot_compare
    from .compare import compare_html, compare_units
    from .summary import pace_facts

    parts, charts = [], 0
    seen = set()
    for _, r in assessed.iterrows():
        key = (r["indicator"], r["level"])
        if key in seen:
            continue
        seen.add(key)
        c = compare_units(obs, r["indicator"], r["level"], higher_is_better=pace_facts(r)["higher"])
        if c.empty:
            continue
        label = r["label_vi"] if lang == "vi" else r.get("label_en", r["label_vi"])
        parts.append(compare_html(c, label, target=float(r["target"]), unit=r["unit"], highlight=here))
        if charts < 2 and len(c) >= 3:
            parts.append(figure_html(plot_compare(c, label, float(r["target"]), here, r["unit"]),
                                     f"{prefix}-compare-{r['id']}", figures_dir, width="70%", alt=label))
            charts += 1
    if not parts:
        return ""
    lead = ("Cùng chỉ tiêu, cùng năm, ở các đơn vị có trong tệp số liệu: xếp từ cao đến thấp theo hướng tốt của mục tiêu; "
            "dòng cuối là cộng chung, tính lại từ tổng tử số và tổng mẫu số." if lang == "vi" else
            "The same indicator in the same year for every unit in the observations, best first; the last line "
            "is all units together, recomputed from the summed counts.")
    return f"<p>{lead}</p>" + "\n".join(parts)


_CHECK_VI = {"grim": "Tỷ lệ có khớp với một mẫu số nguyên", "parts_sum": "Tổng các phần bằng toàn thể",
             "level_without_rate": "Nêu mức độ mà không kèm tỷ lệ của tiêu chí",
             "fraction": "Phân số khớp với tỷ lệ công bố",
             "district_rule": "Điều kiện công nhận cấp huyện (tỷ lệ xã đạt chuẩn)"}
_STATUS_VI = {"ok": "đạt", "warning": "cần xem lại", "error": "sai", "inconsistent": "không nhất quán",
              "not informative": "không đủ thông tin để kết luận", "not checked": "chưa kiểm tra được"}


def _check_detail_vi(check: str, detail: str) -> str:
    m = re.search(r"a (\d)-decimal percentage.*smallest overall (\d+)", detail)
    if check == "grim" and m:
        return f"tỷ lệ ghi {m.group(1)} chữ số thập phân: mẫu số nhỏ nhất có thể là {m.group(2)}"
    if check in ("parts_sum",):
        return detail
    if check == "fraction":
        m = re.match(r"(\d+)/(\d+) = ([\d.,]+%) against the published ([\d.,]+%)", detail)
        return f"{m.group(1)}/{m.group(2)} = {m.group(3)}, văn bản ghi {m.group(4)}" if m else ""
    if check == "district_rule":
        m = re.match(r"(\d+) of (\d+) communes.*? at level (\d+) = ([\d.]+)% < (\d+)%", detail)
        if m:
            pct = m.group(4).replace(".", ",")
            return (f"{m.group(1)}/{m.group(2)} xã, thị trấn đạt mức độ {m.group(3)} = {pct}% < {m.group(5)}%: huyện chưa "
                    f"đủ điều kiện công nhận mức độ {m.group(3)}, khớp với mục tiêu cấp huyện")
        return ""
    if check == "level_without_rate":
        m = re.search(r"level (\d+)", detail)
        return f"nêu mức độ {m.group(1) if m else ''} mà không nêu tỷ lệ biết chữ theo nhóm tuổi mà tiêu chí cần"
    return ""


def _en(text: str) -> str:
    return f'<span class="es-en" lang="en">{html.escape(text)}</span>' if text else ""


def _consistency_html(f: pd.DataFrame) -> str:
    rows = []
    for r in f.itertuples(index=False):
        vi = _check_detail_vi(r.check, r.detail)
        rows.append(f"<tr><td>{html.escape(r.id)}</td><td>{html.escape(_CHECK_VI.get(r.check, r.check.replace('_', ' ')))}</td>"
                    f"<td>{_STATUS_VI.get(r.status, r.status)}</td><td>{html.escape(vi)}"
                    f"{'<br>' if vi else ''}{_en(r.detail)}</td></tr>")
    return ('<table class="dataframe"><caption>Kiểm tra tính nhất quán của số liệu công bố</caption><thead><tr>'
            "<th>Mã</th><th>Kiểm tra</th><th>Kết quả</th><th>Chi tiết</th></tr></thead><tbody>" + "".join(rows) +
            '</tbody></table><div class="es-source">Nguồn: edustats.consistency trên data/targets.csv (không cần số đếm); '
            'dòng chữ nghiêng nhỏ: nguyên văn tiếng Anh của chương trình.</div>')


def _reconcile_html(rec: pd.DataFrame) -> str:
    """Each reported baseline: the verdict (reproduced by one definition, by several, not reproduced, no
    definition coded, counts missing), recomputed with its counts, the rounding assumed and how strong the
    match is (how many other numerators would print the same figure)."""
    from .reconcile import _STATUS_VI, _strength_vi
    from .report import synthetic_banner

    rows = []
    for r in rec.itertuples(index=False):
        d = int(r.decimals) if str(r.decimals) not in ("", "nan") else decimals_of(r.reported)
        recomputed = "–" if not math.isfinite(r.recomputed) else \
            format_number(r.recomputed, max(d, 2) if r.recomputed != round(r.recomputed) else d)
        counts = ("–" if math.isnan(r.numerator) or math.isnan(r.denominator) else format_ratio(r.numerator, r.denominator))
        m = re.search(r"\(([^)]*[ạ-ỹàáâãèéêìíòóôõùúýăđĩũơưẠ-Ỹ][^)]*)\)", str(r.definition))
        vi_def = m.group(1) if m else "tử số ÷ mẫu số như đơn vị báo cáo"
        status = _STATUS_VI.get(r.status, r.status)
        rounding = str(r.rounding).split(" / ")[0]
        rows.append(f"<tr><td>{html.escape(r.label_vi)}</td><td>{html.escape(str(r.reported_text))}</td><td>{recomputed}</td>"
                    f"<td>{counts}</td><td>{html.escape(vi_def)}<br>{_en(str(r.definition))}</td>"
                    f"<td><b>{html.escape(status)}</b></td><td>{html.escape(rounding)}</td>"
                    f"<td>{html.escape(_strength_vi(str(r.strength)))}</td></tr>")
    synthetic = bool(rec["synthetic"].any()) if "synthetic" in rec.columns else True
    where = "trên số liệu minh họa (data/examples, số liệu giả định)" if synthetic else html.escape(str(rec["data"].iloc[0]))
    return ((synthetic_banner() if synthetic else "") +
            '<table class="dataframe"><caption>Tái lập số liệu nền từ số đếm</caption><thead><tr>'
            "<th>Chỉ tiêu</th><th>Văn bản ghi</th><th>Tính lại</th><th>Tử số / mẫu số</th><th>Cách tính</th>"
            "<th>Kết quả</th><th>Cách làm tròn</th><th>Độ mạnh của sự khớp</th>"
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
            f'<div class="es-source">Nguồn: edustats.reconcile {where}; dòng chữ nghiêng nhỏ: '
            "định nghĩa nguyên văn tiếng Anh.</div>")


def _targets_appendix(b, assessed: pd.DataFrame, lines: pd.DataFrame, lang: str, source_label: str) -> None:
    """The two appendices every briefing has: what each target means, and the targets without data."""
    from .briefing import target_sentence

    vi = lang == "vi"
    items = "".join(f"<li><b>{html.escape(str(r['id']))}</b>: {html.escape(target_sentence(r, lang))}</li>"
                    for _, r in assessed.iterrows())
    b.appendix.append(("Ý nghĩa của từng mục tiêu" if vi else "What each target means", f"<ul>{items}</ul>"))
    nodata = nodata_appendix(assessed, lines, lang, source_label)
    if nodata:
        b.appendix.append(("Mục tiêu chưa có số liệu: nguồn số liệu, lộ trình" if vi
                           else "Targets without data: source, required path", nodata))


def _teacher_section(mine: pd.DataFrame, district: str):
    """Teacher norms (Thông tư 16/2017, TTLT 06/2015) when the document reports teacher figures and counts exist."""
    from . import indicators
    from .examples import load_example
    from .report import html_table

    if not district or not mine["indicator"].str.contains("teacher|staff").any():
        return "", []
    classes, teachers = load_example("classes"), load_example("teachers")
    if not (classes["district"] == district).any():
        return "", []
    # the table: each level, commune by commune, shortage and surplus side by side (a commune's or a level's
    # surplus cannot fill another's gap: never netted); the document's own pooled figure only as a note
    here = (classes[classes["district"] == district], teachers[teachers["district"] == district])
    per = indicators.teacher_surplus_shortage(*here, by=["district", "year"], unit="locality",
                                              groups={"Mầm non": ["preschool"], "Tiểu học": ["primary"],
                                                      "THCS": ["lower-secondary"]})
    pooled = indicators.teacher_surplus_shortage(*here, by=["district", "year"], pooled=True,
                                                 groups={"Mầm non + Tiểu học": ["preschool", "primary"],
                                                         "THCS": ["lower-secondary"]})
    order = {"Mầm non": 0, "Tiểu học": 1, "THCS": 2}
    per = per.sort_values(["year", "level"], key=lambda c: c.map(order) if c.name == "level" else c, kind="stable")
    show = per[["year", "level", "classes", "teachers_required", "teachers_in_post", "shortage", "surplus",
                "norm"]].copy()
    for col in ("classes", "teachers_required", "teachers_in_post", "shortage", "surplus"):
        show[col] = show[col].map(format_count)
    table = html_table(show, caption="Định mức giáo viên: thiếu và thừa cộng theo từng xã, từng cấp học, không bù trừ "
                                     "(định mức là mức tối đa)",
                       source="edustats.indicators.teacher_surplus_shortage(unit='locality') trên data/examples",
                       synthetic=True,
                       columns={"year": "Năm", "level": "Cấp học", "classes": "Số lớp",
                                "teachers_required": "Giáo viên theo định mức", "teachers_in_post": "Giáo viên hiện có",
                                "shortage": "Thiếu (cộng các xã)", "surplus": "Thừa (cộng các xã)",
                                "norm": "Văn bản định mức"})
    actions = [f"Giáo viên {r.level if r.level == 'THCS' else r.level.lower()} năm {int(r.year)}: thiếu {format_count(r.shortage)}, thừa "
               f"{format_count(r.surplus)} người (cộng theo từng xã, không bù trừ)."
               for r in per.itertuples(index=False) if r.shortage > 0 or r.surplus > 0]
    actions += [f"Văn bản tính gộp {r.level} toàn huyện năm {int(r.year)} (bù trừ giữa các xã và các cấp): "
                f"{r.status} {format_count(r.shortage if r.status == 'thiếu' else r.surplus)} người so với định mức "
                f"({format_count(r.teachers_in_post)} có / {format_count(r.teachers_required)} cần); con số gộp này "
                "che khuất chỗ thiếu thật của từng xã." for r in pooled.itertuples(index=False)
                if r.status in ("thiếu", "thừa")]
    if actions:
        actions = ["Cần làm gì về giáo viên: " + " ".join(actions)]
    return table, actions


_CRITERION_VI = {"literate_l1_15_25": "tỷ lệ biết chữ mức độ 1, tuổi 15-25",
                 "literate_l1_15_35": "tỷ lệ biết chữ mức độ 1, tuổi 15-35",
                 "literate_l2_15_35": "tỷ lệ biết chữ mức độ 2, tuổi 15-35",
                 "literate_l2_15_60": "tỷ lệ biết chữ mức độ 2, tuổi 15-60"}
_STANDARD_VI = {"pcgd_primary": "PCGD tiểu học", "pcgd_lower_secondary": "PCGD THCS", "pcgd_preschool5": "PCGD mầm non 5 tuổi"}


def _universalisation_actions(mine: pd.DataFrame, doc) -> list[str]:
    """The binding criterion of a universalisation level (Nghị định 20/2014), from the example counts.

    A commune's literacy level names the criterion that decides it; a district's level names how
    many communes it has at that level against the 90% (or 100%) it needs.
    """
    import math as _m

    from .examples import load_example
    from .indicators.universalization import classify_universalization, district_universalization

    out = []
    targets = mine[mine["kind"] == "target"]
    if doc["commune"] and (targets["indicator"] == "literacy_level").any():
        lit = load_example("literacy")
        lit = lit[lit["locality"] == doc["commune"]]
        if len(lit):
            r = classify_universalization(lit, "literacy").sort_values("year").iloc[-1]
            want = int(targets.loc[targets["indicator"] == "literacy_level", "value"].max())
            crit = _CRITERION_VI.get(r["binding_criterion"], str(r["binding_criterion"]).replace("_", " "))
            side = "dư" if r["margin"] >= 0 else "thiếu"
            out.append(f"Xóa mù chữ ({doc['commune']}, {int(r['year'])}): đạt mức độ {int(r['level'])}, mục tiêu mức độ "
                       f"{want}; tiêu chí quyết định: {crit} {format_number(r['binding_value'], 1, trim=True)}% so với "
                       f"ngưỡng {format_number(r['binding_threshold'], 0)}% ({side} {format_number(abs(r['margin']), 1, trim=True)} "
                       "điểm %).")
    if doc["district"]:
        levels = load_example("commune_levels")
        levels = levels[levels["district"] == doc["district"]]
        wanted = set()
        for ind, val in zip(targets["indicator"], targets["value"]):
            m = re.match(r"(?:communes_)?(pcgd_[a-z_]+?)_level(\d)?$", ind)
            if m and m.group(1) in set(levels["standard"]):
                wanted.add((m.group(1), int(m.group(2)) if m.group(2) else int(val)))
        for standard, lvl in sorted(wanted):
            d = district_universalization(levels[levels["standard"] == standard], lvl, standard=standard)
            r = d.sort_values("year").iloc[-1]
            need = max(0, _m.ceil(r["threshold"] / 100 * r["denominator"] - 1e-9) - int(r["numerator"]))
            out.append(f"{_STANDARD_VI.get(standard, standard)} mức độ {lvl} (huyện {doc['district']}, {int(r['year'])}): "
                       f"{format_count(r['numerator'])}/{format_count(r['denominator'])} xã đạt "
                       f"({format_number(r['value'], 1, trim=True)}%), cần ≥ {format_number(r['threshold'], 0)}%"
                       + (f": còn thiếu {need} xã." if need else ": đã đủ."))
    return out


# ---------------------------------------------------------------- the document briefing

def _status_colours(lines, lang: str = "vi"):
    """``({id: page one's status}, (verdict column, {status: colour}))`` so that a section's table
    shows the same labels, in the same colours, as page one."""
    from .briefing import T
    from .summary import GROUPS

    colour = {g: c for g, _, _, c in GROUPS}
    if lines is None or lines.empty:
        return {}, (T("verdict", lang), {})
    return (dict(zip(lines["id"], lines["status"])),
            (T("verdict", lang), {st: colour[g] for st, g in zip(lines["status"], lines["group"])}))


def document_briefing(source: str, observations: pd.DataFrame, targets: pd.DataFrame | None = None,
                      sources: pd.DataFrame | None = None, lang: str = "vi", max_fans: int = 4,
                      figures_dir: Path | str | None = None, observations_label: str = "") -> Briefing:
    """The briefing of one source document, section by section (see the module docstring)."""
    from . import check_documents, load_commitments, load_sources, load_targets, reconcile
    from .annual import annual_check
    from .assess import document_base_years
    from .briefing import assess_document, assessment_table, rules_text, score_line
    from .report import html_table
    from .scorecard import scorecard
    from .summary import build_date, summary_html, summary_lines, vn_date

    observations_label = source_name(observations_label)
    targets = load_targets() if targets is None else targets
    sources = load_sources() if sources is None else sources
    doc = sources.set_index("file").loc[source].to_dict()
    doc["file"] = source
    vi = lang == "vi"
    figures_dir = Path(figures_dir) if figures_dir else None
    prefix = f"10-{source[:3]}{'' if vi else '-' + lang}"
    synthetic = bool(observations.get("synthetic", pd.Series([False])).any())
    mine = targets[targets["source"] == source]
    assessed = assess_document(targets, observations, source)
    b = Briefing(title=page_title(doc, lang), lang=lang, header=document_header(doc, lang))
    place = _place(doc)

    teacher_table, teacher_actions = _teacher_section(mine, doc["district"])
    teacher_actions = _universalisation_actions(mine, doc) + teacher_actions
    annual = pd.DataFrame()
    if not assessed.empty:
        ids = mine.loc[mine["annual"].astype(bool) & (mine["kind"] == "target"), "id"] if "annual" in mine.columns else []
        annual = annual_check(assessed, observations, ids, document_base_years())
        b.summary = summary_html(assessed, observations, place=place, annual=annual, extra_actions=teacher_actions,
                                 score_line=score_line(assessed, lang), synthetic=synthetic, lang=lang)
    else:
        commitments = load_commitments()
        commitments = commitments[commitments["source"] == source]
        n_base = int((mine["kind"] == "baseline").sum())
        text = (f"{place}: văn bản nêu {n_base} số liệu nền, không đặt mục tiêu mới; các số liệu được tái lập từ số đếm "
                "ở phụ lục." if n_base else
                f"{place}: văn bản không có chỉ tiêu định lượng; {len(commitments)} cam kết định tính được liệt kê ở mục 1.")
        b.summary = (f'<section class="es-summary" id="tom-tat"><h2>Tóm tắt: {html.escape(place)}</h2>'
                     f'<p class="es-asof">Lập {vn_date(build_date())}. '
                     f"{html.escape(text)}</p>"
                     + "".join(f'<p class="es-action">{html.escape(a)}</p>' for a in teacher_actions) + "</section>")
        if mine.empty and len(commitments):
            b.sections.append(("Cam kết định tính của văn bản", html_table(
                commitments[["section", "commitment_vi"]], caption="Cam kết định tính",
                source=f"data/commitments.csv; {source}",
                columns={"section": "Mục", "commitment_vi": "Cam kết"})))

    lines = summary_lines(assessed, observations, annual, lang) if not assessed.empty else None
    if not assessed.empty:
        with_data = assessed[assessed["n_obs"] >= 1]
        if len(with_data):
            status, colour = _status_colours(lines, lang)
            b.sections.append(("Đánh giá các mục tiêu có số liệu" if vi else "Targets with data", html_table(
                assessment_table(with_data, observations, lang, rules=False, status=status),
                caption=("Khả năng đạt mục tiêu (dự báo, xác suất, nhịp cần so với nhịp đã đạt)" if vi
                         else "Will the target be met"),
                source=f"{source}; số liệu: {observations_label or 'tệp số liệu'}; mô hình: edustats.assess",
                synthetic=synthetic, colour=colour, lang=lang)))
            fans = _fans(assessed, observations, synthetic, lang, max_fans, figures_dir, prefix)
            if fans:
                b.sections.append(("Diễn biến và dự báo" if vi else "Trends and projections", fans))
        if not annual.empty:
            b.sections.append(("Chỉ tiêu hằng năm" if vi else "Annual targets",
                               _annual_section(annual, assessed, lang)))
        comp = _compare_section(assessed, observations, place, lang, figures_dir, prefix)
        if comp:
            b.sections.append(("So sánh giữa các đơn vị" if vi else "Comparison across units", comp))
    if teacher_table:
        b.sections.append(("Giáo viên so với định mức", teacher_table))

    # ---- appendix
    if not assessed.empty:
        _targets_appendix(b, assessed, lines, lang, source)
        rt = pd.DataFrame({"Mã": assessed["id"], "Chỉ tiêu": assessed["label_vi"],
                           "UNSD / Thống kê Canada / ESCAP": [rules_text(r, lang) for _, r in assessed.iterrows()]})
        b.appendix.append(("Ba quy tắc đánh giá tiến độ chuẩn" if vi else "The standard progress rules", html_table(
            rt, caption=score_line(assessed, lang), source="edustats.progress_rules (UNSD, Thống kê Canada, ESCAP)",
            synthetic=synthetic, lang=lang)))
    if not mine.empty:
        sc = scorecard(targets, source=source)
        b.appendix.append(("Mục tiêu và số liệu nền như văn bản ghi" if vi else "Targets and baselines as written",
                           html_table(sc[["id", "kind_vi", "year", "level_vi", "label_vi", "target"]],
                                      source=f"{source}; trích dẫn nguyên văn trong data/targets.csv",
                                      columns={"id": "Mã", "kind_vi": "Loại", "year": "Năm", "level_vi": "Cấp học",
                                               "label_vi": "Chỉ tiêu", "target": "Giá trị"})))
    rec = pd.DataFrame(columns=["source"])
    if (mine["kind"] == "baseline").any():
        try:  # one document is quicker; reconcile() fails on a subset without any consistency finding
            rec = reconcile(mine)
        except ValueError:
            rec = reconcile(targets)
    rec = rec[rec["source"] == source]
    if not rec.empty:
        b.appendix.append(("Tái lập số liệu nền từ số đếm", _reconcile_html(rec)))
    from .consistency import informative

    # GRIM verdicts that could not have failed are left out (consistency.informative)
    f = informative(check_documents(mine)) if not mine.empty else pd.DataFrame(columns=["source"])
    f = f[f["source"] == source]
    if not f.empty:
        b.appendix.append(("Kiểm tra tính nhất quán", _consistency_html(f)))
    return b


def own_briefing(locality: str, observations: pd.DataFrame, targets: pd.DataFrame, lang: str = "vi",
                 figures_dir: Path | str | None = None, observations_label: str = "", max_fans: int = 4,
                 targets_label: str = "") -> Briefing:
    """The briefing of a planner's own locality: its targets (and those naming no locality) on its data.

    Rows of the observations whose locality is the same name spelt without accents are used, rows
    that only look like it are left out, and page one says both (:func:`locality_rows`). Sources
    are cited by file name (:func:`source_name`); ``targets_label`` names the targets file
    (default: the curated ``data/targets.csv``).
    """
    from .annual import annual_check
    from .assess import assess, document_base_years
    from .briefing import assessment_table, path_text, rules_text, score_line
    from .report import html_table
    from .summary import summary_html, summary_lines

    vi = lang == "vi"
    figures_dir = Path(figures_dir) if figures_dir else None
    observations_label = source_name(observations_label) or ("tệp số liệu" if vi else "observations file")
    targets_label = source_name(targets_label) or "data/targets.csv"
    obs_here, notes = locality_rows(observations, locality, lang)
    synthetic = bool(obs_here.get("synthetic", pd.Series([False])).any())
    mine = targets[(targets["locality"] == locality) | (targets["locality"] == "")] if "locality" in targets.columns \
        else targets
    assessed = assess(mine, obs_here, as_of=build_as_of(), calibration="province")  # a past-due target is judged, not forecast; Vietnamese localities: the province profile
    b = Briefing(title=(f"Bản tin mục tiêu giáo dục: {locality}" if vi else f"Education targets briefing: {locality}"),
                 lang=lang, header=f'<header class="es-header"><h1>{html.escape(locality)}</h1></header>')
    if assessed.empty:
        b.summary = f"<p>{'Không có mục tiêu nào cho đơn vị này.' if vi else 'No targets for this unit.'}</p>"
        return b
    ids = mine.loc[mine["annual"].astype(bool), "id"] if "annual" in mine.columns else []
    annual = annual_check(assessed, obs_here, ids, document_base_years())
    b.summary = summary_html(assessed, obs_here, place=locality, annual=annual, score_line=score_line(assessed, lang),
                             synthetic=synthetic, lang=lang, notes=notes)
    lines = summary_lines(assessed, obs_here, annual, lang)
    with_data = assessed[assessed["n_obs"] >= 1]
    if len(with_data):
        status, colour = _status_colours(lines, lang)
        b.sections.append(("Đánh giá các mục tiêu có số liệu" if vi else "Targets with data", html_table(
            assessment_table(with_data, obs_here, lang, rules=False, status=status), caption=locality,
            source=f"{targets_label}; số liệu: {observations_label}; mô hình: edustats.assess", synthetic=synthetic,
            colour=colour, lang=lang)))
        fans = _fans(assessed, obs_here, synthetic, lang, max_fans, figures_dir, "30")
        if fans:
            b.sections.append(("Diễn biến và dự báo" if vi else "Trends and projections", fans))
    if not annual.empty:
        b.sections.append(("Chỉ tiêu hằng năm" if vi else "Annual targets",
                           _annual_section(annual, assessed, lang, targets_label)))
    if "locality" in observations.columns:  # the rows used as this locality count as it in the comparison too
        observations = observations.assign(locality=observations["locality"].where(
            ~observations.index.isin(obs_here.index), locality))
    comp = _compare_section(assessed, observations, locality, lang, figures_dir, "30")
    if comp:
        b.sections.append(("So sánh giữa các đơn vị" if vi else "Comparison across units", comp))
    _targets_appendix(b, assessed, lines, lang, targets_label)
    rt = pd.DataFrame({"Mã" if vi else "Id": assessed["id"],
                       ("UNSD / Thống kê Canada / ESCAP" if vi else "UNSD / Statistics Canada / ESCAP"):
                           [rules_text(r, lang) for _, r in assessed.iterrows()],
                       ("Lộ trình cần đạt" if vi else "Required path"): [path_text(r, lang) for _, r in assessed.iterrows()]})
    b.appendix.append(("Quy tắc chuẩn và lộ trình" if vi else "Standard rules and required paths",
                       html_table(rt, caption=score_line(assessed, lang), source="edustats.assess")))
    return b


def scorecard_briefing(observations: pd.DataFrame, targets: pd.DataFrame | None = None,
                       sources: pd.DataFrame | None = None, lang: str = "vi",
                       figures_dir: Path | str | None = None, observations_label: str = "") -> Briefing:
    """Every target of every document: counts by urgency per document first, then the chart and the tables.

    Every row names its document and locality; the chart's cells carry the targets' numbers.
    """
    from . import assess, load_sources, load_targets
    from .briefing import assessment_table, score_line
    from .charts import figure_html, plot_scorecard_heatmap
    from .report import html_table, synthetic_banner
    from .scorecard import level_vi
    from .summary import GROUPS, build_date, summary_lines, vn_date

    vi = lang == "vi"
    targets = load_targets() if targets is None else targets
    sources = (load_sources() if sources is None else sources).set_index("file")
    synthetic = bool(observations.get("synthetic", pd.Series([False])).any())
    assessed = assess(targets, observations, as_of=build_as_of(), calibration="province")  # Vietnamese localities
    b = Briefing(title=("Bảng tổng hợp: mọi mục tiêu của năm văn bản" if vi else "Scorecard: every target of five documents"),
                 lang=lang, header=('<header class="es-header"><h1>' + ("Bảng tổng hợp: mọi mục tiêu của năm văn bản" if vi
                                    else "Scorecard: every target of five documents") + "</h1></header>"))

    def doc_name(f):
        d = sources.loc[f]
        return f"{d['commune'] or d['district'] or 'huyện không ghi tên'} ({d['type']} {vi_phrase(d['document_number']) or 'không số'})"

    from .annual import annual_check
    from .assess import document_base_years

    observations_label = source_name(observations_label)
    ids = targets.loc[targets["annual"].astype(bool) & (targets["kind"] == "target"), "id"] \
        if "annual" in targets.columns else []
    annual = annual_check(assessed, observations, ids, document_base_years())
    # one set of lines (annual targets checked year by year, as on each document's page one): the counts
    # below and the labels of the tables by level come from the same rows
    all_lines = summary_lines(assessed, observations, annual, lang)
    status, colour = _status_colours(all_lines, lang)
    by_id = all_lines.set_index("id")
    rows = []
    for f, grp in assessed.groupby("source", sort=True):
        lines = by_id.loc[grp["id"]]
        counts = lines["group"].value_counts()
        row = {("Văn bản" if vi else "Document"): doc_name(f)}
        for g, gvi, gen, _ in GROUPS:
            row[gvi if vi else gen] = int(counts.get(g, 0))
        row["Điểm Thống kê Canada" if vi else "Statistics Canada score"] = (
            score_line(grp, lang).split(": ", 1)[1].split(" trên")[0].split(" on")[0])
        rows.append(row)
    years = assessed["last_year"].dropna()
    asof = ((f"Số liệu đến năm {int(years.max())}" if len(years) else "Chưa có số liệu") +
            f"; lập {vn_date(build_date())}. {len(assessed)} mục tiêu của {assessed['source'].nunique()} văn bản có mục tiêu.")
    b.summary = (f'<section class="es-summary" id="tom-tat"><h2>{"Tóm tắt theo văn bản" if vi else "Summary by document"}</h2>'
                 f'<p class="es-asof">{html.escape(asof)}</p>' + (synthetic_banner(lang) if synthetic else "") +
                 html_table(pd.DataFrame(rows), caption=("Số mục tiêu theo mức cấp bách" if vi else "Targets by urgency"),
                            source="edustats.summary trên data/targets.csv và " + (observations_label or "tệp số liệu"))
                 + "</section>")
    b.sections.append(("Mọi mục tiêu trên một hình" if vi else "Every target in one chart", figure_html(
        plot_scorecard_heatmap(assessed, synthetic=synthetic, lang=lang), "02-scorecard-heatmap",
        Path(figures_dir) if figures_dir else None, alt="scorecard")))
    a = assessed.assign(_doc=[doc_name(f) for f in assessed["source"]])
    for level, grp in a.groupby(a["level"].str.split("+").str[0], sort=False):
        t = assessment_table(grp, observations, lang, rules=False, status=status)
        t.insert(0, "Văn bản" if vi else "Document", grp["_doc"].to_numpy())
        t.insert(1, "Mã" if vi else "Id", grp["id"].to_numpy())
        b.sections.append(((f"Cấp học: {level_vi(level)}" if vi else f"Level: {level}"), html_table(
            t, source="data/targets.csv; số liệu: " + (observations_label or "tệp số liệu"), synthetic=synthetic,
            colour=colour, lang=lang)))
    return b
