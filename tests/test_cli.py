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
