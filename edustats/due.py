"""Due and past-due targets: once its year is over, a target is judged, not forecast.

:func:`apply_due_status` takes the output of :func:`edustats.assess` and an explicit as-of date.
A target is **due** once its due year is over (the as-of date is after 31 December of the due
year) or once an observation for the due year exists. Then:

- with an observation for the due year, the verdict is met or missed *as observed*
  (``observed_met`` / ``observed_missed``, "Đã đến hạn: đạt / không đạt");
- without one, the verdict is ``due_no_data`` ("Đã đến hạn, chưa có số liệu"): the last
  observation is quoted, the projection to the due year is kept but labelled an **estimate**
  (``projection_label``), and ``settled_by`` names the report that would settle it.

A target not yet due keeps its forecast verdict. The as-of date is a parameter, never the wall
clock: :func:`edustats.assess` passes ``as_of=None``, which means *as of the data* (the end of the
latest year observed in the table); briefings pass their build date (:func:`build_as_of`).
"""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

__all__ = ["DUE_VERDICTS", "FORECAST_VERDICTS", "apply_due_status", "as_of_date", "build_as_of", "settling_report",
           "as_of_sentence"]

DUE_VERDICTS = {
    "due_no_data": ("Đã đến hạn, chưa có số liệu", "Due, no data yet"),
}
FORECAST_VERDICTS = ("likely", "probable", "uncertain", "at_risk", "unlikely", "on_pace_low_confidence",
                     "off_pace_low_confidence", "insufficient_data")
DUE_STATUS = {
    "not_due": ("Chưa đến hạn", "Not yet due"),
    "due_observed": ("Đã đến hạn (có số liệu năm đích)", "Due (observed in the due year)"),
    "due_no_data": ("Đã đến hạn, chưa có số liệu", "Due, no data yet"),
}


def as_of_date(as_of) -> dt.date:
    """An as-of date from a ``date``, an ISO string (``2026-11-29``) or a year (its 31 December).

    >>> as_of_date("2026-11-29"), as_of_date(2023)
    (datetime.date(2026, 11, 29), datetime.date(2023, 12, 31))
    """
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    if isinstance(as_of, (int, np.integer)) or (isinstance(as_of, float) and float(as_of).is_integer()):
        return dt.date(int(as_of), 12, 31)
    return dt.date.fromisoformat(str(as_of).strip()[:10])


def build_as_of(environ=None) -> dt.date:
    """The build date of a briefing: ``EDUSTATS_AS_OF``, else ``SOURCE_DATE_EPOCH``, else today.

    For notebooks and the build only (it reads the environment and the clock); pure functions
    take the date it returns as their ``as_of``.

    >>> build_as_of({"EDUSTATS_AS_OF": "2026-11-29"})
    datetime.date(2026, 11, 29)
    >>> build_as_of({"SOURCE_DATE_EPOCH": "1795910400"})
    datetime.date(2026, 11, 29)
    """
    import os

    env = os.environ if environ is None else environ
    if env.get("EDUSTATS_AS_OF"):
        return as_of_date(env["EDUSTATS_AS_OF"])
    if env.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(env["SOURCE_DATE_EPOCH"]), tz=dt.timezone.utc).date()
    return dt.date.today()


_REPORTS = (  # indicator code prefix → the report that publishes its value (Vietnamese, English)
    ("communes_meeting_pcgd", ("hồ sơ kiểm tra, công nhận PCGD–XMC năm {y} của huyện/tỉnh",
                               "the {y} universal-education (PCGD–XMC) inspection and recognition records")),
    ("pcgd", ("hồ sơ kiểm tra, công nhận PCGD–XMC năm {y}", "the {y} universal-education (PCGD–XMC) inspection records")),
    ("literacy", ("hồ sơ kiểm tra, công nhận XMC năm {y}", "the {y} literacy (XMC) inspection records")),
    ("national_standard", ("các quyết định công nhận trường đạt chuẩn quốc gia đến hết năm {y} (UBND tỉnh)",
                           "the provincial decisions recognising national-standard schools up to {y}")),
    ("malnutrition", ("báo cáo theo dõi sức khỏe trẻ cuối năm học {y0}–{y} (phòng GD&ĐT)",
                      "the end-of-year child health report, school year {y0}–{y}")),
    ("teacher", ("báo cáo thống kê đội ngũ giáo viên năm học {y0}–{y} (phòng/sở GD&ĐT)",
                 "the teacher statistics report for school year {y0}–{y}")),
    ("qualified", ("báo cáo thống kê đội ngũ giáo viên năm học {y0}–{y} (phòng/sở GD&ĐT)",
                   "the teacher statistics report for school year {y0}–{y}")),
    ("graduat", ("báo cáo kết quả xét/thi tốt nghiệp năm {y} (sở GD&ĐT)", "the {y} graduation results report")),
)


def settling_report(indicator: str, due_year: int, lang: str = "vi") -> str:
    """The report that would settle a past-due target.

    >>> settling_report("malnutrition_rate", 2025)
    'báo cáo theo dõi sức khỏe trẻ cuối năm học 2024–2025 (phòng GD&ĐT)'
    >>> settling_report("mobilisation_rate", 2023, "en")
    'the end-of-year review for school year 2022–2023 (or the statistical yearbook 2023)'
    """
    i = 0 if lang == "vi" else 1
    y, y0 = int(due_year), int(due_year) - 1
    for prefix, texts in _REPORTS:
        if str(indicator).startswith(prefix) or prefix in str(indicator):
            return texts[i].format(y=y, y0=y0)
    return (f"báo cáo tổng kết năm học {y0}–{y} (phòng/sở GD&ĐT) hoặc niên giám thống kê {y}" if lang == "vi" else
            f"the end-of-year review for school year {y0}–{y} (or the statistical yearbook {y})")


def _fmt(v, unit):
    from .vnformat import format_number

    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return format_number(v, 1, trim=True) + ("%" if unit == "percent" else "")


def apply_due_status(assessed: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Mark targets whose due year is over: judged as observed, or "due, no data yet".

    Parameters
    ----------
    assessed : DataFrame
        Output of :func:`edustats.assess` (at least ``due_year``, ``last_year``,
        ``last_value``, ``verdict``, ``verdict_vi``, ``verdict_en``, ``projected``, ``lo80``,
        ``hi80``, ``unit``; ``indicator`` for the settling report).
    as_of : date, ISO string, year or None
        The date the assessment speaks for. ``None``: as of the data, the 31 December of the
        latest ``last_year`` in the table (no row is due when nothing was observed).

    Returns
    -------
    DataFrame
        A copy with ``as_of`` (ISO date), ``data_year`` (latest year observed in the table),
        ``due_status`` (``not_due``, ``due_observed``, ``due_no_data``), ``due_status_vi``,
        ``due_status_en``, ``forecast_verdict`` (the model's verdict before this step),
        ``projection_label`` (for a due target without data: the projection is an estimate,
        not an observation) and ``settled_by``; ``verdict``, ``verdict_vi``, ``verdict_en``
        changed for due rows. A target with due year :math:`T` is due when

        .. math:: \\text{as\\_of} > \\text{31 December } T \\quad\\text{or}\\quad \\exists\\, y_T \\text{ observed}

    Examples
    --------
    A target due 2023, assessed on 29/11/2026, once with a 2023 observation and once without:

    >>> a = pd.DataFrame({"id": ["A", "B"], "indicator": "mobilisation_rate", "unit": "percent",
    ...     "due_year": 2023, "last_year": [2023.0, 2022.0], "last_value": [96.0, 93.5],
    ...     "projected": [96.0, 94.6], "lo80": [96.0, 93.0], "hi80": [96.0, 96.1],
    ...     "verdict": ["observed_met", "probable"], "verdict_vi": ["x", "Có khả năng đạt"],
    ...     "verdict_en": ["x", "Probably met"]})
    >>> d = apply_due_status(a, as_of="2026-11-29")
    >>> d[["due_status", "verdict", "verdict_vi"]].values.tolist()
    [['due_observed', 'observed_met', 'Đã đến hạn: đạt (số liệu năm đích)'], ['due_no_data', 'due_no_data', 'Đã đến hạn, chưa có số liệu']]
    >>> print(d.loc[1, "projection_label"])
    ước tính, không phải số liệu: 94,6% năm 2023 (khoảng 80%: 93–96,1); số liệu gần nhất 93,5% năm 2022
    """
    from .assess import VERDICTS

    a = assessed.copy()
    last = pd.to_numeric(a["last_year"], errors="coerce")
    data_year = last.max() if len(a) else np.nan
    if as_of is None:
        day = as_of_date(int(data_year)) if not (isinstance(data_year, float) and math.isnan(data_year)) else None
    else:
        day = as_of_date(as_of)
    due = pd.to_numeric(a["due_year"]).astype(int)
    over = np.array([day is not None and day > dt.date(int(y), 12, 31) for y in due], bool)
    observed = a["verdict"].isin(["observed_met", "observed_missed"]).to_numpy() | (last.to_numpy() == due.to_numpy())
    status = np.where(observed, "due_observed", np.where(over, "due_no_data", "not_due"))
    a["as_of"] = day.isoformat() if day is not None else ""
    a["data_year"] = data_year
    a["due_status"] = status
    a["due_status_vi"] = [DUE_STATUS[s][0] for s in status]
    a["due_status_en"] = [DUE_STATUS[s][1] for s in status]
    a["forecast_verdict"] = a["verdict"]
    labels, settled = [], []
    for r, s in zip(a.itertuples(index=False), status):
        if s != "due_no_data":
            labels.append("")
            settled.append("")
            continue
        unit = getattr(r, "unit", "")
        last_txt = ("chưa có số liệu nào" if math.isnan(r.last_value) else
                    f"số liệu gần nhất {_fmt(r.last_value, unit)} năm {int(r.last_year)}")
        proj = getattr(r, "projected", np.nan)
        if isinstance(proj, float) and not math.isnan(proj):
            lo, hi = getattr(r, "lo80", np.nan), getattr(r, "hi80", np.nan)
            rng = "" if math.isnan(lo) else f" (khoảng 80%: {_fmt(lo, '')}–{_fmt(hi, '')})"
            labels.append(f"ước tính, không phải số liệu: {_fmt(proj, unit)} năm {int(r.due_year)}{rng}; {last_txt}")
        else:
            labels.append(f"không có ước tính; {last_txt}")
        settled.append(settling_report(getattr(r, "indicator", ""), int(r.due_year)))
    a["projection_label"] = labels
    a["settled_by"] = settled
    nodata = status == "due_no_data"
    a.loc[nodata, "verdict"] = "due_no_data"
    a.loc[nodata, "verdict_vi"] = DUE_VERDICTS["due_no_data"][0]
    a.loc[nodata, "verdict_en"] = DUE_VERDICTS["due_no_data"][1]
    obs = status == "due_observed"
    a.loc[obs, "verdict_vi"] = [VERDICTS[v][0] for v in a.loc[obs, "verdict"]]
    a.loc[obs, "verdict_en"] = [VERDICTS[v][1] for v in a.loc[obs, "verdict"]]
    return a


def as_of_sentence(assessed: pd.DataFrame, lang: str = "vi") -> str:
    """One line for the top of a briefing: the as-of date and the data's latest year.

    >>> a = pd.DataFrame({"as_of": ["2026-11-29"], "data_year": [2024.0], "due_status": ["due_no_data"]})
    >>> as_of_sentence(a)
    'Tính đến ngày 29/11/2026 (số liệu mới nhất: năm 2024). 1 mục tiêu đã đến hạn, 0 chưa đến hạn.'
    """
    day = as_of_date(assessed["as_of"].iloc[0]) if len(assessed) and assessed["as_of"].iloc[0] else None
    dy = assessed["data_year"].iloc[0] if len(assessed) else np.nan
    n_due = int((assessed["due_status"] != "not_due").sum())
    n_not = int((assessed["due_status"] == "not_due").sum())
    when = day.strftime("%d/%m/%Y") if day else "–"
    data = "–" if dy is None or (isinstance(dy, float) and math.isnan(dy)) else str(int(dy))
    if lang == "vi":
        return f"Tính đến ngày {when} (số liệu mới nhất: năm {data}). {n_due} mục tiêu đã đến hạn, {n_not} chưa đến hạn."
    return f"As of {when} (latest data: {data}). {n_due} target(s) due, {n_not} not yet due."
