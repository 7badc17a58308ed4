"""Due and past-due targets (issue #12): once the due year is over, a verdict is not a forecast."""
import datetime as dt

import pandas as pd
import pytest

import edustats as es
from edustats.due import FORECAST_VERDICTS, apply_due_status, as_of_date, settling_report

TARGET = pd.DataFrame({"id": ["T23"], "kind": "target", "source": "kế hoạch", "locality": "Mường Tè",
                       "level": "preschool", "indicator": "mobilisation_rate", "label_vi": "Tỷ lệ huy động",
                       "comparator": ">=", "value": 95.0, "year": 2023, "unit": "percent"})
# a rate rising about 1,5 points a year, 2018-2022: on its own a forecast for 2023
SERIES = pd.DataFrame({"locality": "Mường Tè", "level": "preschool", "indicator": "mobilisation_rate",
                       "year": [2018, 2019, 2020, 2021, 2022], "value": [88.0, 89.6, 91.1, 92.4, 94.1]})
TODAY = "2026-11-29"


def test_due_2023_without_a_2023_observation_is_due_no_data_not_a_forecast():
    r = es.assess(TARGET, SERIES, as_of=TODAY).iloc[0]
    assert r["verdict"] == "due_no_data" and r["verdict"] not in FORECAST_VERDICTS
    assert r["verdict_vi"] == "Đã đến hạn, chưa có số liệu"
    assert r["forecast_verdict"] in FORECAST_VERDICTS  # what the model alone would have said, kept beside
    assert r["due_status"] == "due_no_data" and r["as_of"] == TODAY
    # the last observation is quoted and the projection is labelled an estimate
    assert "số liệu gần nhất 94,1% năm 2022" in r["projection_label"]
    assert r["projection_label"].startswith("ước tính, không phải số liệu: ")
    assert "năm 2023" in r["projection_label"]
    assert r["settled_by"] == "báo cáo tổng kết năm học 2022–2023 (phòng/sở GD&ĐT) hoặc niên giám thống kê 2023"


@pytest.mark.parametrize("v2023, verdict", [(95.0, "observed_met"), (94.95, "observed_met"), (94.94, "observed_missed"),
                                            (94.5, "observed_missed")])
def test_due_2023_with_a_2023_observation_is_met_or_missed_as_observed(v2023, verdict):
    obs = pd.concat([SERIES, SERIES.iloc[[0]].assign(year=2023, value=v2023)], ignore_index=True)
    r = es.assess(TARGET, obs, as_of=TODAY).iloc[0]
    # "95%" read as the page prints it, never coarser than one decimal: 94,95 prints 95,0 (met), 94,94 prints
    # 94,9 and 94,5 prints 94,5 (missed; a planner reads 94,5 < 95)
    assert r["verdict"] == verdict and r["verdict"] not in FORECAST_VERDICTS
    assert r["due_status"] == "due_observed" and r["verdict_vi"].startswith("Đã đến hạn: ")
    assert r["projection_label"] == "" and r["last_value"] == v2023


@pytest.mark.parametrize("as_of, due", [("2023-12-31", False), ("2024-01-01", True), (2023, False), (2024, True)])
def test_a_target_becomes_due_the_day_after_its_year_ends(as_of, due):
    r = es.assess(TARGET, SERIES, as_of=as_of).iloc[0]
    assert (r["verdict"] == "due_no_data") is due
    assert (r["verdict"] in FORECAST_VERDICTS) is (not due)


def test_default_as_of_is_the_datas_latest_year_and_is_stated():
    r = es.assess(TARGET, SERIES).iloc[0]  # data end in 2022: as of 31/12/2022 the 2023 target is not due
    assert r["as_of"] == "2022-12-31" and r["data_year"] == 2022 and r["due_status"] == "not_due"
    assert r["verdict"] in FORECAST_VERDICTS and r["verdict"] == r["forecast_verdict"]


def test_a_due_target_with_no_observation_at_all():
    two = pd.concat([TARGET, TARGET.assign(id="T24", indicator="malnutrition_rate", comparator="<=", value=6.0)])
    r = es.assess(two, SERIES, as_of=TODAY).set_index("id").loc["T24"]
    assert r["verdict"] == "due_no_data"
    assert r["projection_label"] == "không có ước tính; chưa có số liệu nào"
    assert r["settled_by"] == "báo cáo theo dõi sức khỏe trẻ cuối năm học 2022–2023 (phòng GD&ĐT)"


def test_every_shipped_target_due_by_2025_is_never_a_plain_forecast_on_29_11_2026():
    t = es.load_targets()
    obs = es.load_observations(es.data_path("examples", "observations.csv"))
    res = es.assess(t, obs, as_of=TODAY)
    due = res[res["due_year"] <= 2025]
    assert len(due) > 50
    assert not due["verdict"].isin(FORECAST_VERDICTS).any()
    assert set(due["verdict"]) <= {"due_no_data", "observed_met", "observed_missed"}
    later = res[res["due_year"] > 2026]
    assert (later["due_status"] == "not_due").all()


def test_as_of_parsing_and_errors():
    assert as_of_date(dt.date(2026, 11, 29)) == dt.date(2026, 11, 29)
    assert as_of_date(dt.datetime(2026, 11, 29, 10, 5)) == dt.date(2026, 11, 29)
    with pytest.raises(ValueError):
        as_of_date("29/11/2026")
    assert settling_report("communes_meeting_pcgd_preschool5_share", 2023).startswith("hồ sơ kiểm tra, công nhận PCGD")


def test_apply_due_status_keeps_rows_and_order():
    a = es.assess(TARGET, SERIES)
    b = apply_due_status(a, as_of=TODAY)
    assert list(b["id"]) == list(a["id"]) and len(b) == len(a)
