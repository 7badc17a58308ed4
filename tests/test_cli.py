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
