import subprocess
import sys

from edustats.cli import main


def test_help_lists_targets(capsys):
    try:
        main(["--help"])
    except SystemExit as e:
        assert e.code == 0
    out = capsys.readouterr().out
    assert "targets" in out


def test_targets_table_for_one_source(capsys):
    assert main(["targets", "--source", "000_77c0261806063d0e.txt"]) == 0
    out = capsys.readouterr().out
    assert "Tỷ lệ trúng tuyển vào trường chuyên nghiệp" in out
    assert "≥ 22,5%" in out and "≥ 25%" in out


def test_targets_filter_by_level(capsys):
    assert main(["targets", "--level", "upper-secondary", "--source", "000_77c0261806063d0e.txt"]) == 0
    out = capsys.readouterr().out
    assert "≥ 99%" in out and "≥ 95%" not in out


def test_bad_file_exits_2_with_the_cells(tmp_path, capsys):
    p = tmp_path / "t.csv"
    p.write_text("source,kind,year,comparator,value,unit\na,target,2025,>=,abc,percent\n", encoding="utf-8")
    assert main(["targets", "--file", str(p)]) == 2
    err = capsys.readouterr().err
    assert "row 2, column 'value': found 'abc'" in err


def test_console_script_is_installed():
    exe = subprocess.run([sys.executable, "-m", "edustats.cli", "--help"], capture_output=True, text=True)
    assert exe.returncode == 0 and "usage: edustats" in exe.stdout


def test_usage_errors_are_vietnamese_first(capsys):
    import pytest

    with pytest.raises(SystemExit) as e:
        main(["assess"])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "edustats assess: lỗi: thiếu tham số bắt buộc: --observations\n" in err
    assert err.index("lỗi:") < err.index("error: the following arguments are required: --observations")


def test_observations_no_target_asks_about(tmp_path, capsys):
    # Lạc Sơn (written without diacritics) has no nursery mobilisation target: a message, not an IndexError
    p = tmp_path / "o.csv"
    p.write_text("locality,indicator,level,year,value\nLac Son,mobilisation_rate,nursery,2021,20\n"
                 "Lac Son,mobilisation_rate,nursery,2022,21\n", encoding="utf-8")
    assert main(["assess", "--observations", str(p)]) == 2
    err = capsys.readouterr().err
    assert "Locality 'Lac Son' of the observations matched to 'Lạc Sơn' of the targets file." in err
    assert "Không số liệu nào ứng với một mục tiêu trong data/targets.csv (cùng chỉ tiêu, cấp học, địa phương): tệp số liệu có các chỉ tiêu mobilisation_rate" in err
    assert "Traceback" not in err


def test_a_locality_with_no_targets_gets_suggestions(tmp_path, capsys):
    p = tmp_path / "o.csv"
    p.write_text("locality,indicator,level,year,value\nNa Meo Moi,mobilisation_rate,nursery,2021,20\n", encoding="utf-8")
    assert main(["assess", "--observations", str(p)]) == 2
    err = capsys.readouterr().err
    assert "Chưa có mục tiêu nào cho 'Na Meo Moi' trong data/targets.csv. Có phải: Na Mèo?" in err
    assert "Did you mean: Na Mèo?" in err


def test_assess_and_briefing_call_the_same_targets_due(tmp_path, capsys, monkeypatch):
    # fresh reader: target due 2025 with data to 2024 read "Chưa đến hạn, P 98%" in assess (as of the data's
    # latest year) and "Đã đến hạn, chưa có số liệu" in the briefing (as of today)
    import pandas as pd
    obs = tmp_path / "o.csv"
    pd.DataFrame({"locality": "X", "indicator": "mobilisation_rate", "level": "primary", "year": [2021, 2022, 2023, 2024],
                  "value": [95.0, 96.0, 97.0, 98.0]}).to_csv(obs, index=False)
    tg = tmp_path / "t.csv"
    pd.DataFrame({"locality": ["X"], "kind": "target", "level": "primary", "indicator": "mobilisation_rate",
                  "comparator": ">=", "value": [99.0], "year": [2025], "unit": "percent"}).to_csv(tg, index=False)
    monkeypatch.setenv("EDUSTATS_AS_OF", "2026-11-29")
    out = tmp_path / "r.csv"
    assert main(["assess", "--observations", str(obs), "--targets", str(tg), "--out", str(out)]) == 0
    r = pd.read_csv(out).iloc[0]
    assert r["due_status"] == "due_no_data"
    # as of mid-2025 the same target is not yet due and gets a forecast
    out2 = tmp_path / "r2.csv"
    assert main(["assess", "--observations", str(obs), "--targets", str(tg), "--out", str(out2),
                 "--as-of", "2025-06-30"]) == 0
    assert pd.read_csv(out2).iloc[0]["due_status"] == "not_due"
    capsys.readouterr()
    assert main(["assess", "--observations", str(obs), "--targets", str(tg), "--as-of", "30/6/2025"]) == 2
    assert "--as-of '30/6/2025': cần ngày viết YYYY-MM-DD" in capsys.readouterr().err


def test_assess_checks_annual_targets_year_by_year_like_the_briefing(tmp_path, capsys, monkeypatch):
    # fresh reader (round 2): "≥ 97% every year", 96,5 in 2022 and 97,2 in 2025: assess said "Đã đến hạn: đạt",
    # the briefing "Không đạt (đạt 4/5 năm)". By hand: 2021 97,5 ✓, 2022 96,5 ✗, 2023 97,1 ✓, 2024 97,3 ✓, 2025 97,2 ✓
    import pandas as pd
    obs = tmp_path / "o.csv"
    pd.DataFrame({"locality": "X", "indicator": "promotion_rate", "level": "primary", "year": range(2021, 2026),
                  "value": [97.5, 96.5, 97.1, 97.3, 97.2]}).to_csv(obs, index=False)
    tg = tmp_path / "t.csv"
    pd.DataFrame({"id": ["A1"], "source": "kế hoạch", "locality": ["X"], "kind": "target", "level": "primary",
                  "indicator": "promotion_rate", "comparator": ">=", "value": [97.0], "year": [2025],
                  "annual": ["true"], "unit": "percent"}).to_csv(tg, index=False)
    monkeypatch.setenv("EDUSTATS_AS_OF", "2026-11-29")
    out = tmp_path / "r.csv"
    assert main(["assess", "--observations", str(obs), "--targets", str(tg), "--out", str(out)]) == 0
    r = pd.read_csv(out).iloc[0]
    assert (r["annual_years_met"], r["annual_years"], r["annual_status"]) == (4, 5, "missed_some_years")
    assert r["verdict"] == "observed_missed" and r["verdict_vi"] == "Không đạt (hằng năm: đạt 4/5 năm)"


def _refused_second_year(tmp_path, capsys, cells: str) -> str:
    """stderr of ``assess`` on Na Mèo's nursery mobilisation: 2020 = 50 (75/150), 2021 = ``cells`` (value,
    numerator, denominator as written), which must be refused."""
    p = tmp_path / "obs.csv"
    p.write_text("locality,indicator,level,year,value,numerator,denominator\n"
                 "Na Mèo,mobilisation_rate,nursery,2020,50,75,150\n"
                 f"Na Mèo,mobilisation_rate,nursery,2021{cells}\n", encoding="utf-8")
    assert main(["assess", "--observations", str(p)]) == 2
    return capsys.readouterr().err


def test_assess_shows_a_value_computed_from_the_counts_as_a_planner_reads_it(tmp_path, capsys):
    # fresh reader: an empty value cell with 183 / 150 given was reported as found '122,0000000000'
    err = _refused_second_year(tmp_path, capsys, ",,183,150")
    vi, en = err.split("observations file")
    assert "0000" not in err
    # 100 × 183 / 150 = 122 exactly: one decimal, as every rate on a page
    assert ("dòng 3, cột 'value': gặp '122,0'; cần một giá trị trong [0, 100] cho chỉ tiêu 'mobilisation_rate'; "
            "ô giá trị để trống nên giá trị được tính từ tử số và mẫu số: 100 × 183 / 150 = 122,0%; "
            "tỷ lệ không thể vượt 100%") in vi
    assert ("row 3, column 'value': found '122,0'; expected a value in [0, 100] for indicator 'mobilisation_rate'; "
            "the cell is empty, so the value was computed from the numerator and denominator: 100 × 183 / 150 = "
            "122,0%; a rate above 100% is impossible") in en


def test_assess_terminal_shows_no_probability_for_a_settled_outcome_and_labels_the_estimate_of_a_due_one(capsys):
    # fresh reader 3: "Không đạt (hằng năm 2/3)" beside "P 73%", and due targets without data beside a bare P
    assert main(["assess", "--observations", "data/examples/observations.csv", "--as-of", "2026-11-29"]) == 0
    lines = {ln.split()[0]: ln for ln in capsys.readouterr().out.splitlines() if ln[:4] in ("000-", "001-")}
    assert "20% (ước tính / estimate)" in lines["000-01"] and "Đã đến hạn, chưa có số liệu" in lines["000-01"]
    # id, indicator, target (2 words), due, n, projected, then P(met): "–", not the forecast's probability
    assert lines["001-28"].split()[7] == "–" and "Không đạt (hằng năm: đạt 0/1 năm)" in lines["001-28"]


def test_an_empty_value_beside_an_unreadable_count_says_the_value_may_come_from_the_counts(tmp_path, capsys):
    # fresh reader 4: "value: found ''; expected a value (empty cells are not allowed here)" — but an empty value
    # is allowed when both counts are numbers
    err = _refused_second_year(tmp_path, capsys, ",,abc,150")
    assert "dòng 3, cột 'value': gặp ''; cần một giá trị, hoặc số ở cả tử số và mẫu số để tính ra giá trị" in err
    assert "row 3, column 'value': found ''; expected a value, or a number in both numerator and denominator" in err
    assert "empty cells are not allowed" not in err


def test_a_misspelt_locality_beside_real_ones_is_not_reported_as_indicators_without_targets(tmp_path, capsys):
    # fresh reader 4: after the misspelling warning came "no target for the indicators malnutrition_rate, …",
    # indicators that do have targets (Na Mèo's), skipped only because of the misspelling
    import pandas as pd
    o = pd.read_csv("data/examples/observations.csv", dtype=str, keep_default_na=False)
    assert (o["locality"] == "Na Mèo").any() and o["locality"].nunique() > 1
    o["locality"] = o["locality"].replace({"Na Mèo": "Na Mèoo"})
    p = tmp_path / "obs.csv"
    o.to_csv(p, index=False)
    assert main(["assess", "--observations", str(p)]) == 0
    err = capsys.readouterr().err
    assert "gần giống 'Na Mèo'" in err and "no target for the indicators" not in err
