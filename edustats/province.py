"""The province behind every document: real GSO series, the 2025 successor units, the context.

:func:`province_section` builds, for one source document, a section made only of real data:
the document's province (from ``data/sources.csv``) against its GSO region and the country on
the indicators that bear on the document's targets (teachers per class, pupils per teacher and
pupils per class for staffing and class-size targets; literacy for the XMC targets; the
upper-secondary graduation rate for the streaming targets), a projection with its 80% interval
to the document's due year where the series allows (labelled an *estimate*: the GSO series end
in school year 2016-2017), each chart sourced and dated; the published figures about the
locality and its province beside them, quoted; and the unit the document was written for
against the unit(s) that hold it since 1 July 2025.

:func:`province_ranking` and :func:`plot_province_ranking` rank all 63 provinces (the province
explorer notebook). :func:`data_coverage` says, per document, how many targets have real data,
synthetic data or none. :func:`figure_data_labels` reads which data labels a chart carries, so
tests can check that no chart mixes real and synthetic series without saying so.
"""
from __future__ import annotations

import re

import datetime as dt
import html
import math

import numpy as np
import pandas as pd

from .external import GSO_SOURCE, document_units, fold_name, load_context, load_gso

__all__ = ["THEMES", "REAL_LABEL", "document_themes", "province_section", "section_html", "successor_sentence",
           "province_ranking", "plot_province_ranking", "plot_province_comparison", "data_coverage",
           "figure_data_labels", "project_series", "due_targets_table"]

REAL_LABEL = "SỐ LIỆU THẬT (TỔNG CỤC THỐNG KÊ, GSO)"
_SYNTHETIC_MARK = "synthetic"
# theme → (GSO indicator, levels); the target indicators (by code fragment) that bear on it
THEMES = {
    "teachers": dict(
        vi="Đội ngũ giáo viên và quy mô lớp (định mức giáo viên/lớp, thừa/thiếu)",
        en="Teacher supply and class sizes (staffing norms, surplus/shortage)",
        series=[("teacher_class_ratio", ("preschool", "primary", "lower-secondary", "upper-secondary")),
                ("pupil_teacher_ratio", ("preschool", "primary", "lower-secondary", "upper-secondary")),
                ("pupil_class_ratio", ("preschool", "primary", "lower-secondary", "upper-secondary"))],
        codes=("teacher", "staff", "qualified")),
    "literacy": dict(
        vi="Biết chữ (liên quan mục tiêu xóa mù chữ)", en="Literacy (bears on the XMC targets)",
        series=[("literacy_rate", ("adult",))], codes=("literacy", "trained_labour")),
    "graduation": dict(
        vi="Tốt nghiệp THPT (liên quan mục tiêu phân luồng)",
        en="Upper-secondary graduation (bears on the streaming targets)",
        series=[("graduation_rate", ("upper-secondary",))],
        codes=("graduat", "transition", "admission", "vocational", "diploma", "grade10")),
}
_NAMES = {
    "teacher_class_ratio": ("Giáo viên/lớp", "Teachers per class"),
    "pupil_teacher_ratio": ("Học sinh/giáo viên", "Pupils per teacher"),
    "pupil_class_ratio": ("Học sinh/lớp", "Pupils per class"),
    "literacy_rate": ("Tỷ lệ biết chữ từ 15 tuổi (%)", "Literacy rate, 15+ (%)"),
    "graduation_rate": ("Tỷ lệ tốt nghiệp THPT (% thí sinh)", "Upper-secondary graduation (% of candidates)"),
    "female_pupil_share": ("Tỷ lệ học sinh nữ (%)", "Female share of pupils (%)"),
    "female_teacher_share": ("Tỷ lệ giáo viên nữ (%)", "Female share of teachers (%)"),
}
_PERCENT = ("literacy_rate", "graduation_rate", "female_pupil_share", "female_teacher_share")
_LEVEL_VI = {"preschool": "Mầm non", "primary": "Tiểu học", "lower-secondary": "THCS", "upper-secondary": "THPT",
             "general": "Phổ thông", "adult": "Dân số 15+"}


def _date(as_of) -> dt.date:
    from .due import as_of_date

    return as_of_date(as_of)


def document_themes(source: str, targets: pd.DataFrame | None = None) -> list[str]:
    """The themes of :data:`THEMES` that a document's targets (and baselines) bear on.

    >>> document_themes("000_77c0261806063d0e.txt"), document_themes("002_2d457491d9bb0f7d.txt")
    (['teachers', 'graduation'], ['teachers'])
    """
    from .loaders import load_targets

    t = load_targets() if targets is None else targets
    codes = set(t.loc[t["source"] == source, "indicator"])
    return [k for k, th in THEMES.items() if any(any(c in code for c in th["codes"]) for code in codes)]


def _en_attr(quote: str) -> str:
    """A quote from an English edition (no Vietnamese letters) is marked as English, kept verbatim."""
    return "" if re.search(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", str(quote), re.I) \
        else ' class="es-en" lang="en"'


def successor_sentence(locality: str, lang: str = "vi") -> str:
    """The unit a document was written for and the unit(s) that hold it since 1 July 2025.

    >>> print(successor_sentence("Na Mèo"))
    Văn bản viết cho xã Na Mèo (huyện Quan Sơn), tỉnh Thanh Hóa. Từ 1/7/2025: Xã Na Mèo, tỉnh Thanh Hóa (giữ tên; mã mới 15013, trùng mã cũ 15013).
    """
    from .admin2025 import successor_units

    kind, province, district = document_units()[locality]
    s = successor_units(locality)
    new_prov = ", ".join(dict.fromkeys(s["new_province"]))
    new = list(dict.fromkeys(s["new_commune"]))
    if lang == "vi":
        old = (f"xã {locality} (huyện {district})" if kind == "commune" else f"huyện {locality}") + f", tỉnh {province}"
    else:
        old = (f"commune {locality} ({district} district)" if kind == "commune" else f"{locality} district") + \
              f", {province} province"
    splits = s[s["mapping"] == "split"]
    others = s[s["also_holds"] != ""]
    if kind == "commune" and len(new) == 1 and splits.empty:
        code_old, code_new = s["old_commune_code"].iloc[0], s["new_commune_code"].iloc[0]
        same = fold_name(new[0]).endswith(fold_name(locality))
        if lang == "vi":
            tail = (f" (giữ tên; mã mới {code_new}, trùng mã cũ {code_old})" if same and code_new == code_old else
                    f" (mã mới {code_new}; mã cũ {code_old})")
            return f"Văn bản viết cho {old}. Từ 1/7/2025: {new[0]}, tỉnh {new_prov}{tail}."
        return f"The document was written for {old}. Since 1 July 2025: {new[0]}, {new_prov} province " \
               f"(new code {code_new}; old code {code_old})."
    n_old = s["old_commune"].nunique()
    if lang == "vi":
        text = (f"Văn bản viết cho {old}. Huyện không còn từ 1/7/2025: {n_old} xã, thị trấn cũ nay thuộc {len(new)} "
                f"xã, phường của tỉnh {new_prov}: {', '.join(new)}.")
        if splits.empty:
            text += " Tất cả được nhập nguyên vẹn."
        else:
            parts = "; ".join(f"{o} chia cho {', '.join(g['new_commune'])}" for o, g in splits.groupby("old_commune"))
            text += f" {splits['old_commune'].nunique()} đơn vị cũ bị chia: {parts}."
        if not others.empty:
            text += " " + "; ".join(f"{r.new_commune} còn gồm {r.also_holds}" for r in
                                    others.drop_duplicates("new_commune").itertuples()) + "."
        return text
    text = (f"The document was written for {old}. Districts were abolished on 1 July 2025: its {n_old} former "
            f"communes are now in {len(new)} communes/wards of {new_prov}: {', '.join(new)}.")
    if splits.empty:
        text += " All moved whole."
    else:
        parts = "; ".join(f"{o} divided between {', '.join(g['new_commune'])}" for o, g in splits.groupby("old_commune"))
        text += f" {splits['old_commune'].nunique()} former units were divided: {parts}."
    if not others.empty:
        text += " " + "; ".join(f"{r.new_commune} also holds {r.also_holds}" for r in
                                others.drop_duplicates("new_commune").itertuples()) + "."
    return text


def _region_of(province: str) -> tuple[str, str]:
    g = load_gso("teachers", province, "primary")
    code = g["region"].iloc[0]
    reg = load_gso("teachers", levels="primary", geo_types=("region",))
    return code, reg.loc[reg["region"] == code, "locality"].iloc[0]


def project_series(series: pd.DataFrame, horizon: int) -> dict:
    """Projection of one real series to ``horizon`` with its 80% interval, via :func:`edustats.assess_series`.

    Flagged values (GSO's suspect-value checks) are left out of the fit. Where the series does
    not allow a projection, the values are NaN and ``reason`` says why: fewer than three
    unflagged points; a horizon further ahead than the series is long (years ahead > points);
    or an 80% interval reaching impossible values (a ratio ≤ 0, a rate outside 0–100). Returns
    ``dict(projected, lo80, hi80, model, n_obs, last_year, reason)``.

    >>> s = load_gso("pupil_class_ratio", "Lai Châu", "primary")
    >>> p = project_series(s, 2023)
    >>> p["model"], p["n_obs"], p["last_year"], round(p["projected"], 1), p["reason"]
    ('damped', 15, 2017, 21.8, '')
    """
    from .assess import assess_series

    s = series[series["flag"].fillna("") == ""].dropna(subset=["value"])
    out = dict(projected=np.nan, lo80=np.nan, hi80=np.nan, model="none", n_obs=len(s),
               last_year=int(s["year"].max()) if len(s) else None, reason="")
    if len(s) < 3:
        return {**out, "reason": "fewer than 3 unflagged points"}
    if horizon <= s["year"].max():
        return {**out, "reason": "the horizon is not after the last observation"}
    if horizon - s["year"].max() > len(s):
        return {**out, "reason": f"{horizon - int(s['year'].max())} years ahead of {len(s)} points"}
    unit = s["unit"].iloc[0]
    obs = pd.DataFrame({"series": "s", "year": s["year"].to_numpy(), "value": s["value"].to_numpy()})
    if unit == "percent" and s["numerator"].notna().all():
        obs["numerator"], obs["denominator"] = s["numerator"].to_numpy(), s["denominator"].to_numpy()
    spec = pd.DataFrame({"series": ["s"], "comparator": [">="], "target": [float(s["value"].iloc[-1])],
                         "due_year": [int(horizon)], "unit": [unit]})
    r = assess_series(obs, spec).iloc[0]
    lo, hi = float(r["lo80"]), float(r["hi80"])
    if (unit == "ratio" and lo <= 0) or (unit == "percent" and (lo < 0 or hi > 100)):
        return {**out, "model": str(r["model"]), "reason": "the 80% interval reaches impossible values "
                                                           f"({lo:.2f}–{hi:.2f}): the trend cannot be extrapolated"}
    out.update(projected=float(r["projected"]), lo80=lo, hi80=hi, model=str(r["model"]))
    return out


def _fmt(v, unit, counts=None):
    from .vnformat import format_number

    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    s = format_number(v, 1 if unit == "percent" else 2, trim=unit == "percent") + ("%" if unit == "percent" else "")
    if counts is not None and not any(isinstance(c, float) and math.isnan(c) for c in counts):
        s += f" ({format_number(counts[0], 0)} / {format_number(counts[1], 0)})"
    return s


def _source_line(as_of: dt.date, lang: str, extra: str = "") -> str:
    if lang == "vi":
        return (f"Nguồn: Tổng cục Thống kê (GSO), Niên giám thống kê 2016 (qua github.com/choisy/gso@50040d2); "
                f"số liệu đến năm học 2016-2017 (sơ bộ). {extra}Lập ngày {as_of:%d/%m/%Y}.")
    return (f"Source: General Statistics Office of Viet Nam (GSO), Statistical Yearbook 2016 series (via "
            f"github.com/choisy/gso@50040d2); data to school year 2016-2017 (preliminary). {extra}Drawn {as_of:%d/%m/%Y}.")


def plot_province_comparison(indicator: str, levels, province: str, region: str, horizon: int | None,
                             as_of, lang: str = "vi"):
    """Province against its region and the country, one panel per level, with the province's projection.

    The projection to ``horizon`` (80% interval) is drawn as an estimate, apart from the
    observations; suspect values flagged by GSO's checks are drawn as ×.
    """
    import matplotlib.pyplot as plt

    day = _date(as_of)
    levels = list(levels)
    g = load_gso(indicator, [province, region, "Cả nước"], levels)
    fig, axes = plt.subplots(1, len(levels), figsize=(3.3 * len(levels) + 0.6, 3.4), squeeze=False)
    styles = {province: dict(color="#b2182b", lw=2.2), region: dict(color="#2166ac", lw=1.4, ls="--"),
              "Cả nước": dict(color="#333333", lw=1.2, ls=":")}
    projections = []
    for ax, lv in zip(axes[0], levels):
        for place, st in styles.items():
            s = g[(g["locality"] == place) & (g["level"] == lv)].sort_values("year")
            if s.empty:
                continue
            ax.plot(s["year"], s["value"], label=place, **st)
            bad = s[s["flag"] != ""]
            if len(bad):
                ax.plot(bad["year"], bad["value"], "x", color=st["color"], ms=7)
        s = g[(g["locality"] == province) & (g["level"] == lv)].sort_values("year")
        if horizon is not None and len(s):
            p = project_series(s, horizon)
            if not math.isnan(p["projected"]):
                ax.errorbar([horizon], [p["projected"]], yerr=[[p["projected"] - p["lo80"]], [p["hi80"] - p["projected"]]],
                            fmt="o", mfc="white", color="#b2182b", capsize=4,
                            label=("ước tính " if lang == "vi" else "estimate ") + f"{horizon} (80%)")
                ax.plot([s["year"].iloc[-1], horizon], [s["value"].iloc[-1], p["projected"]], color="#b2182b", lw=0.8,
                        ls=(0, (2, 2)))
            elif p["reason"]:
                ax.text(0.98, 0.02, ("không ước tính: chuỗi không cho phép ngoại suy" if lang == "vi" else
                                     "no estimate: the series does not allow it"), transform=ax.transAxes,
                        ha="right", va="bottom", fontsize=6, color="#777")
            projections.append(dict(indicator=indicator, level=lv, **p, horizon=horizon))
        ax.set_title(_LEVEL_VI.get(lv, lv) if lang == "vi" else lv, fontsize=9)
        ax.tick_params(labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    axes[0][0].legend(fontsize=6.5, loc="best")
    name = _NAMES.get(indicator, (indicator, indicator))[0 if lang == "vi" else 1]
    fig.suptitle(f"{name}: {province} – {region} – " + ("cả nước" if lang == "vi" else "Viet Nam"), fontsize=10)
    extra = (f"Điểm tròn rỗng: ước tính ngoại suy đến {horizon} (khoảng 80%), không phải số liệu; × = giá trị GSO bị "
             f"đánh dấu nghi vấn (không dùng để ước tính). " if lang == "vi" else
             f"Open circle: extrapolated estimate for {horizon} (80% interval), not data; × = value flagged by GSO "
             f"checks (not used in the estimate). ") if horizon else ""
    fig.text(0.005, 0.995, REAL_LABEL, ha="left", va="top", fontsize=8, color="#1b5e20",
             bbox=dict(facecolor="#e8f5e9", edgecolor="#2e7d32", boxstyle="round,pad=0.3"))
    fig.text(0.005, 0.005, _wrap(_source_line(day, lang, extra), 190), fontsize=6.5, color="#555", va="bottom")
    fig.tight_layout(rect=(0, 0.1, 1, 0.9))
    return fig, pd.DataFrame(projections)


def _wrap(text, width):
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _comparison_table(indicator, levels, province, region, lang):
    """Latest year: province (with counts), region, country, and the province's rank among 63."""
    g = load_gso(indicator, levels=list(levels))
    rows = []
    for lv in levels:
        sub = g[g["level"] == lv]
        prov = sub[(sub["locality"] == province)].sort_values("year")
        if prov.empty:
            continue
        y = int(prov["year"].iloc[-1])
        at = sub[sub["year"] == y].set_index("locality")
        provs = sub[(sub["year"] == y) & (sub["geo_type"] == "province")].sort_values("value", ascending=False)
        rank = int(np.flatnonzero(provs["locality"].to_numpy() == province)[0]) + 1
        first = prov.iloc[0]
        p = at.loc[province]
        unit = p["unit"]
        counts = (p["numerator"], p["denominator"])
        rows.append({
            ("Chỉ tiêu" if lang == "vi" else "Indicator"): _NAMES[indicator][0 if lang == "vi" else 1],
            ("Cấp" if lang == "vi" else "Level"): _LEVEL_VI.get(lv, lv) if lang == "vi" else lv,
            ("Năm" if lang == "vi" else "Year"): f"{p['school_year'] or y}",
            province: _fmt(p["value"], unit, counts),
            region: _fmt(at.loc[region, "value"], unit) if region in at.index else "–",
            ("Cả nước" if lang == "vi" else "Viet Nam"): _fmt(at.loc["Cả nước", "value"], unit) if "Cả nước" in at.index else "–",
            ("Thứ hạng (cao→thấp)" if lang == "vi" else "Rank (high→low)"): f"{rank}/{len(provs)}",
            (f"Năm đầu ({int(first['year'])})" if lang == "vi" else f"First year ({int(first['year'])})"):
                _fmt(first["value"], unit),
            ("Cờ GSO" if lang == "vi" else "GSO flag"): p["flag"] or "",
        })
    return pd.DataFrame(rows)


def province_section(source: str, as_of, lang: str = "vi", targets: pd.DataFrame | None = None) -> dict:
    """The real-data section of one document's briefing.

    Parameters
    ----------
    source : str
        The document's file name in ``data/sources.csv``.
    as_of : date, ISO string or year
        The build date printed on every chart and table (never the wall clock here).
    lang : ``vi`` or ``en``.

    Returns
    -------
    dict
        ``source``, ``locality``, ``province``, ``region``, ``written_for`` (sentence naming
        the unit the document was written for and the unit(s) holding it now), ``successors``
        (DataFrame, :func:`edustats.admin2025.successor_units`), ``themes``, ``horizon`` (the
        document's main due year), ``tables`` (``{title: DataFrame}``: province vs region vs
        country, latest year, counts beside ratios), ``due`` (:func:`due_targets_table`),
        ``projections`` (DataFrame),
        ``figures`` (list of ``dict(name, figure, caption)``), ``context`` (DataFrame of the
        published figures, quoted), ``as_of``, ``real_only`` (always ``True``), ``html``
        (:func:`section_html`). A document without a named place (003) gets a section that says so.

    Examples
    --------
    >>> s = province_section("002_2d457491d9bb0f7d.txt", as_of="2026-11-29")
    >>> s["province"], s["region"], s["themes"], s["horizon"]
    ('Thanh Hóa', 'Bắc Trung Bộ và duyên hải miền Trung', ['teachers'], 2022)
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    from .admin2025 import successor_units
    from .loaders import load_sources, load_targets

    day = _date(as_of)
    t = load_targets() if targets is None else targets
    doc = load_sources().set_index("file").loc[source]
    units = document_units()
    locality = doc["commune"] or doc["district"]
    out = dict(source=source, locality=locality, province=doc["province"], region="", written_for="", due=pd.DataFrame(),
               successors=pd.DataFrame(), themes=[], horizon=None, tables={}, projections=pd.DataFrame(),
               figures=[], context=pd.DataFrame(), as_of=day.isoformat(), real_only=True, lang=lang)
    out["due"] = due_targets_table(source, day, t, lang=lang)
    if not locality or locality not in units:
        out["written_for"] = ("Văn bản không ghi tên huyện/tỉnh: không có số liệu tỉnh để đối chiếu." if lang == "vi" else
                              "The document names no district or province: no province series to compare.")
        out["html"] = section_html(out)
        return out
    province = doc["province"]
    _, region = _region_of(province)
    mine = t[t["source"] == source]
    years = mine.loc[mine["kind"] == "target", "year"]
    if years.empty:
        years = mine["year"]
    horizon = int(years.mode().min()) if len(years) else None
    out.update(region=region, written_for=successor_sentence(locality, lang), successors=successor_units(locality),
               themes=document_themes(source, t), horizon=horizon)
    projections = []
    for theme in out["themes"]:
        for indicator, levels in THEMES[theme]["series"]:
            title = f"{THEMES[theme]['vi' if lang == 'vi' else 'en']} – {_NAMES[indicator][0 if lang == 'vi' else 1]}"
            out["tables"][title] = _comparison_table(indicator, levels, province, region, lang)
            fig, proj = plot_province_comparison(indicator, levels, province, region, horizon, day, lang)
            name = f"40-{source[:3]}-{indicator}"
            out["figures"].append(dict(name=name, figure=fig, caption=title))
            projections.append(proj)
    if projections:
        out["projections"] = pd.concat(projections, ignore_index=True)
    ctx = load_context()
    # the locality's own figures and the province-wide ones (not another locality of the same province)
    ctx = ctx[(ctx["place"] == locality) | ((ctx["scope"] == "province") & (ctx["province"] == province))]
    out["context"] = ctx[["locality", "indicator", "level", "year", "value", "unit", "quote", "source"]]
    out["html"] = section_html(out)
    return out


def due_targets_table(source: str, as_of, targets: pd.DataFrame | None = None,
                      observations: pd.DataFrame | None = None, lang: str = "vi") -> pd.DataFrame:
    """The document's targets as of ``as_of`` on real observations only: due or not, and what would settle them.

    ``observations`` are a planner's real observations (rows marked synthetic are ignored);
    by default none: no real outcome of the shipped documents' targets has been found
    (``data/external/local_context/README.md``), so every target whose year is over is
    "Đã đến hạn, chưa có số liệu" with the report that would settle it
    (:func:`edustats.due.apply_due_status`).

    Examples
    --------
    >>> d = due_targets_table("004_2b9630492192a680.txt", as_of="2026-11-29")
    >>> len(d), d["Tình trạng"].unique().tolist()
    (38, ['Đã đến hạn, chưa có số liệu'])
    >>> due_targets_table("004_2b9630492192a680.txt", as_of="2023-06-30")["Tình trạng"].unique().tolist()
    ['Chưa đến hạn']
    """
    from .assess import VERDICTS, assess
    from .due import DUE_STATUS, apply_due_status
    from .loaders import load_targets
    from .scorecard import format_target_value

    t = load_targets() if targets is None else targets
    mine = t[(t["source"] == source) & (t["kind"] == "target")]
    vi = lang == "vi"
    if mine.empty:
        return pd.DataFrame()
    real = None
    if observations is not None and len(observations):
        real = observations[~observations.get("synthetic", pd.Series(False, index=observations.index)).astype(bool)]
    if real is not None and real["indicator"].isin(mine["indicator"]).any():
        a = assess(mine, real, as_of=as_of, calibration="province")  # Vietnamese localities
    else:  # nothing observed: the status follows from the calendar alone
        a = pd.DataFrame({"id": mine["id"].to_numpy(), "indicator": mine["indicator"].to_numpy(),
                          "unit": mine["unit"].to_numpy(), "due_year": mine["year"].to_numpy(),
                          "last_year": np.nan, "last_value": np.nan, "projected": np.nan, "lo80": np.nan,
                          "hi80": np.nan, "verdict": "insufficient_data",
                          "verdict_vi": VERDICTS["insufficient_data"][0], "verdict_en": VERDICTS["insufficient_data"][1]})
        a = apply_due_status(a, as_of=as_of)
    m = mine.set_index("id")
    return pd.DataFrame({
        ("Mã" if vi else "Id"): a["id"],
        ("Chỉ tiêu" if vi else "Indicator"): [m.at[i, "label_vi" if vi else "label_en"] or m.at[i, "label_vi"]
                                               for i in a["id"]],
        ("Mục tiêu" if vi else "Target"): [format_target_value(m.at[i, "comparator"], m.at[i, "value"], m.at[i, "unit"])
                                            for i in a["id"]],
        ("Năm đích" if vi else "Due"): a["due_year"].astype(int),
        ("Tình trạng" if vi else "Status"): [DUE_STATUS[s][0 if vi else 1] if s != "due_observed" else
                                              (r_vi if vi else r_en) for s, r_vi, r_en in
                                              zip(a["due_status"], a["verdict_vi"], a["verdict_en"])],
        ("Số liệu thật gần nhất" if vi else "Latest real data"): [
            "–" if pd.isna(v) else f"{_fmt(v, u)} ({int(y)})" for v, u, y in zip(a["last_value"], a["unit"], a["last_year"])],
        ("Báo cáo sẽ trả lời" if vi else "Report that would settle it"): a["settled_by"].replace("", "–"),
    })


def section_html(section: dict) -> str:
    """The section as offline HTML: heading, successor sentence, tables with sources, context quotes.

    Figures are not embedded here (a notebook displays them inline; the build embeds them).
    """
    from .report import html_table

    vi = section.get("lang", "vi") == "vi"
    day = _date(section["as_of"])
    h = [f'<div class="es-real"><b>{html.escape(REAL_LABEL)}</b> — ' +
         (f"Phần này chỉ dùng số liệu thật; lập ngày {day:%d/%m/%Y}." if vi else
          f"This section uses real data only; built {day:%d/%m/%Y}.") + "</div>",
         f"<p>{html.escape(section['written_for'])}</p>"]
    if section.get("province") and section.get("region"):
        h.append("<p>" + html.escape(
            (f"Tỉnh {section['province']} so với vùng {section['region']} và cả nước (GSO, đến năm học 2016-2017)."
             if vi else f"{section['province']} against {section['region']} and Viet Nam (GSO, to school year 2016-2017).")
        ) + "</p>")
    due = section.get("due")
    if isinstance(due, pd.DataFrame) and not due.empty:
        h.append(html_table(due, caption=(f"Các mục tiêu tính đến ngày {day:%d/%m/%Y}, trên số liệu thật" if vi else
                                          f"The targets as of {day:%d/%m/%Y}, on real data"),
                            source=("data/targets.csv; không tìm thấy số liệu thật về kết quả của mục tiêu nào "
                                    "(data/external/local_context/README.md); edustats.due" if vi else
                                    "data/targets.csv; no real outcome of any target was found "
                                    "(data/external/local_context/README.md); edustats.due")))
    src = _source_line(day, section.get("lang", "vi")).replace("Nguồn: ", "").replace("Source: ", "")
    for title, df in section["tables"].items():
        if not df.empty:
            h.append(html_table(df, caption=title, source=src))
    proj = section.get("projections")
    if isinstance(proj, pd.DataFrame) and not proj.empty:
        p = proj.dropna(subset=["projected"])
        if len(p):
            show = pd.DataFrame({
                ("Chỉ tiêu" if vi else "Indicator"): [_NAMES[i][0 if vi else 1] for i in p["indicator"]],
                ("Cấp" if vi else "Level"): [_LEVEL_VI.get(lv, lv) if vi else lv for lv in p["level"]],
                ("Ước tính (không phải số liệu)" if vi else "Estimate (not data)"): [
                    f"{_fmt(v, u)} ({_fmt(lo, u)}–{_fmt(hi, u)}), {int(hz)}" for v, lo, hi, hz, u in
                    zip(p["projected"], p["lo80"], p["hi80"], p["horizon"],
                        ["percent" if i in _PERCENT else "ratio" for i in p["indicator"]])],
                ("Số điểm dùng, mô hình" if vi else "Points used, model"): [f"{n}, {m}" for n, m in zip(p["n_obs"], p["model"])],
            })
            h.append(html_table(show, caption=("Ngoại suy đến năm đích của văn bản (khoảng 80%)" if vi else
                                               "Extrapolated to the document's due year (80% interval)"),
                                source=src + (" Ước tính bằng edustats.assess_series; dữ liệu kết thúc năm học "
                                              "2016-2017 nên khoảng rộng." if vi else
                                              " Estimated with edustats.assess_series; the data end in 2016-2017, hence "
                                              "the wide intervals.")))
    succ = section.get("successors")
    if isinstance(succ, pd.DataFrame) and not succ.empty:
        show = pd.DataFrame({
            ("Đơn vị cũ (mã cũ)" if vi else "Former unit (old code)"): succ["old_commune"] + " (" + succ["old_commune_code"] + ")",
            ("Đơn vị từ 1/7/2025 (mã mới)" if vi else "Unit since 1/7/2025 (new code)"):
                succ["new_commune"] + " (" + succ["new_commune_code"] + "), " + succ["new_province"],
            ("Cách chuyển" if vi else "Mapping"): succ["mapping"].map(
                {"whole": "nhập nguyên vẹn" if vi else "moved whole", "split": "bị chia" if vi else "divided"}),
            ("Đơn vị mới còn gồm" if vi else "The new unit also holds"): succ["also_holds"]})
        h.append(html_table(show, caption=("Địa bàn của văn bản trên bản đồ hành chính 2025" if vi else
                                           "The document's area on the 2025 administrative map"),
                            source="data/external/gso_provinces/admin_crosswalk_communes_2025.csv "
                                   "(vietnamadminunits 1.0.4, MIT); Nghị quyết 202/2025/QH15"))
    ctx = section.get("context")
    if isinstance(ctx, pd.DataFrame) and not ctx.empty:
        items = []
        for r in ctx.itertuples(index=False):
            year = ("không ghi năm" if vi else "undated") if pd.isna(r.year) else str(int(r.year))
            items.append(f"<li><b>{html.escape(r.locality)}</b> — {html.escape(r.indicator)}: "
                         f"{html.escape(_fmt(r.value, r.unit) if r.unit == 'percent' else _fmt_count(r.value))} "
                         f"({year}). «<q{_en_attr(r.quote)}>{html.escape(r.quote)}</q>» "
                         f"<a class=\"es-en\" lang=\"en\" href=\"{html.escape(r.source)}\">{html.escape(r.source)}</a></li>")
        h.append(("<p><b>Số liệu đã công bố về địa phương và tỉnh</b> (bối cảnh, không phải kết quả của mục tiêu nào):"
                  "</p>" if vi else "<p><b>Figures published about the locality and its province</b> (context, not the "
                  "outcome of any target):</p>") + "<ul>" + "".join(items) + "</ul>" +
                 '<div class="es-source">' + ("Nguồn: data/external/local_context/observations.csv (trích nguyên văn)."
                                               if vi else "Source: data/external/local_context/observations.csv "
                                                          "(verbatim quotes).") + "</div>")
    return "\n".join(h)


def _fmt_count(v):
    from .vnformat import format_number

    return format_number(v, 0) if float(v).is_integer() else format_number(v, 2, trim=True)


# ------------------------------------------------------------------------------ the 63 provinces
def province_ranking(indicator: str, level: str, year: int | None = None) -> pd.DataFrame:
    """All 63 provinces on one GSO indicator in one year (default: the latest), ranked high → low.

    Returns ``rank``, ``province``, ``region``, ``new_province`` (since 1/7/2025), ``year``,
    ``school_year``, ``value``, ``numerator``, ``denominator``, ``first_year``, ``first_value``,
    ``change``, ``flag``.

    Examples
    --------
    >>> r = province_ranking("pupil_class_ratio", "primary")
    >>> len(r), int(r["year"].iloc[0]), r["rank"].tolist()[:3]
    (63, 2017, [1, 2, 3])
    >>> bool((r["value"].diff().dropna() <= 0).all())
    True
    """
    from .admin2025 import province_crosswalk

    g = load_gso(indicator, levels=level, geo_types=("province",))
    y = int(g["year"].max()) if year is None else int(year)
    cur = g[g["year"] == y].copy()
    firsts = g.sort_values("year").groupby("locality").first()
    cur["first_year"] = cur["locality"].map(firsts["year"])
    cur["first_value"] = cur["locality"].map(firsts["value"])
    cur["change"] = cur["value"] - cur["first_value"]
    cw = province_crosswalk().set_index("old_province")
    cur["new_province"] = cur["locality"].map(cw["new_province"])
    regions = load_gso("teachers", levels="primary", geo_types=("region",)).drop_duplicates("region")
    cur["region_name"] = cur["region"].map(dict(zip(regions["region"], regions["locality"])))
    cur = cur.sort_values(["value", "locality"], ascending=[False, True], kind="stable").reset_index(drop=True)
    cur["rank"] = np.arange(1, len(cur) + 1)
    return cur.rename(columns={"locality": "province"})[
        ["rank", "province", "region", "region_name", "new_province", "year", "school_year", "value", "numerator",
         "denominator", "first_year", "first_value", "change", "flag"]]


def plot_province_ranking(indicator: str, level: str, as_of, highlight=(), lang: str = "vi"):
    """The 63 provinces ranked on one indicator: latest year (dot) and first year (ring), by region colour."""
    import matplotlib.pyplot as plt

    r = province_ranking(indicator, level).iloc[::-1]
    day = _date(as_of)
    colours = dict(zip(["RRD", "NMM", "NCC", "CH", "SE", "MRD"],
                       ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"]))
    fig, ax = plt.subplots(figsize=(6.5, 11))
    y = np.arange(len(r))
    ax.hlines(y, r["first_value"], r["value"], color="#bbb", lw=0.8)
    ax.scatter(r["first_value"], y, facecolors="white", edgecolors="#777", s=14, zorder=3,
               label=("năm đầu" if lang == "vi" else "first year") + f" ({int(r['first_year'].min())})")
    for reg, col in colours.items():
        m = (r["region"] == reg).to_numpy()
        ax.scatter(r["value"][m], y[m], color=col, s=20, zorder=4, label=r.loc[r["region"] == reg, "region_name"].iloc[0]
                   if m.any() else reg)
    flagged = (r["flag"] != "").to_numpy()
    if flagged.any():
        ax.scatter(r["value"][flagged], y[flagged], marker="x", color="k", s=30, zorder=5,
                   label="cờ GSO (nghi vấn)" if lang == "vi" else "GSO flag (suspect)")
    labels = [(f"▶ {p}" if p in highlight else p) for p in r["province"]]
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=6.5)
    for lab, p in zip(ax.get_yticklabels(), r["province"]):
        if p in highlight:
            lab.set_fontweight("bold")
    ax.set_ylim(-1, len(r))
    name = _NAMES.get(indicator, (indicator, indicator))[0 if lang == "vi" else 1]
    ax.set_title(f"{name} – {_LEVEL_VI.get(level, level) if lang == 'vi' else level}, "
                 f"{r['school_year'].iloc[0] or int(r['year'].iloc[0])}", fontsize=10)
    ax.legend(fontsize=6.5, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelsize=7)
    fig.text(0.005, 0.998, REAL_LABEL, ha="left", va="top", fontsize=8, color="#1b5e20",
             bbox=dict(facecolor="#e8f5e9", edgecolor="#2e7d32", boxstyle="round,pad=0.3"))
    fig.text(0.005, 0.002, _wrap(_source_line(day, lang), 120), fontsize=6, color="#555", va="bottom")
    fig.tight_layout(rect=(0, 0.03, 1, 0.98))
    return fig


# ------------------------------------------------------------------------------ overview and labels
def data_coverage(targets: pd.DataFrame, observations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per document: how many targets have real data, only synthetic data, or none.

    A target has *real data* when a non-synthetic observation matches its indicator and
    locality (and level where the observations give one); *synthetic* when only synthetic
    (example) observations match; *none* otherwise. ``real_province_series`` counts the targets
    that a real GSO province series bears on (:func:`document_themes`): context, not the
    target's own outcome.

    Examples
    --------
    >>> import edustats as es
    >>> cov = data_coverage(es.load_targets(), es.load_observations(es.data_path("examples", "observations.csv")))
    >>> cov.set_index("source").loc["000_77c0261806063d0e.txt", ["targets", "real", "synthetic", "none"]].tolist()
    [14, 0, 9, 5]
    """
    t = targets[targets["kind"] == "target"]
    o = observations if observations is not None else pd.DataFrame(columns=["locality", "indicator", "level",
                                                                            "synthetic"])
    o = o.copy()
    for c in ("locality", "level"):
        if c not in o.columns:
            o[c] = ""
    o["synthetic"] = o["synthetic"].astype(bool) if "synthetic" in o.columns else False
    rows = []
    for src in sorted(set(targets["source"])):
        g = t[t["source"] == src]
        themes = document_themes(src, targets)
        real = syn = none = prov = 0
        for r in g.itertuples(index=False):
            m = o[(o["indicator"] == r.indicator)]
            if r.locality and (m["locality"] != "").any():
                m = m[m["locality"] == r.locality]
            if r.level and (m["level"] == r.level).any():
                m = m[m["level"] == r.level]
            if (~m["synthetic"]).any():
                real += 1
            elif len(m):
                syn += 1
            else:
                none += 1
            if any(any(c in r.indicator for c in THEMES[th]["codes"]) for th in themes):
                prov += 1
        loc = targets.loc[targets["source"] == src, "locality"]
        rows.append(dict(source=src, locality=loc.iloc[0] if len(loc) else "", targets=len(g), real=real, synthetic=syn,
                         none=none, real_province_series=prov))
    return pd.DataFrame(rows)


def figure_data_labels(fig) -> set:
    """Which data labels a matplotlib figure carries: ``{"real"}``, ``{"synthetic"}``, both or none."""
    from .charts import SYNTHETIC_LABEL, SYNTHETIC_LABEL_EN

    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts] + [ax.get_title()]
    found = set()
    if any(REAL_LABEL in s for s in texts):
        found.add("real")
    if any(SYNTHETIC_LABEL in s or SYNTHETIC_LABEL_EN in s for s in texts):
        found.add("synthetic")
    return found
