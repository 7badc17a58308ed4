"""A planner's own files, as planners write them: each loads to the exact values intended, or
fails with one message (Vietnamese first, then English) naming the cell and proposing the fix.

Every workbook here is built with openpyxl the way Excel stores it: numbers as numbers with a
number format, percents as fractions with a percent format, dates as dates, merged title rows,
several sheets. The expected values are the ones a planner typed, written out by hand.
"""
import datetime as dt
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import edustats as es
from edustats.cli import main
from edustats.errors import DataError

VI_HEADER = ["Địa phương", "Chỉ tiêu", "Cấp học", "Năm học", "Tỷ lệ (%)", "Tử số", "Mẫu số", "Ghi chú"]


def workbook(path, sheets):
    """sheets: {name: [rows]}; a row is a list of values or (value, number_format) pairs."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row, start=1):
                fmt = None
                if isinstance(v, tuple):
                    v, fmt = v
                c = ws.cell(row=i, column=j, value=v)
                if isinstance(v, str) and v.startswith("'"):   # text typed with Excel's quote prefix
                    c.value, c.data_type, c.quotePrefix = v[1:], "s", True
                if fmt:
                    c.number_format = fmt
    wb.save(path)
    return path


def error_of(fn, *a, **k) -> DataError:
    with pytest.raises(DataError) as err:
        fn(*a, **k)
    return err.value


# ---------------------------------------------------------------------------------------------
# 1. Excel read by value


def test_number_cell_is_its_stored_value_not_its_display(tmp_path):
    # 19.125 pupils per teacher shows "19,125" in a Vietnamese Excel; it was read as 19 125
    p = workbook(tmp_path / "o.xlsx", {"Sheet1": [
        ["locality", "indicator", "level", "year", "value"],
        ["Na Mèo", "pupil_teacher_ratio", "primary", 2022, (19.125, "#,##0.000")],
        ["Na Mèo", "pupil_teacher_ratio", "primary", 2023, (1830, "#,##0")],
    ]})
    o = es.load_observations(p)
    assert o["value"].tolist() == [19.125, 1830.0]


def test_percent_formatted_cells_are_scaled_from_their_format(tmp_path):
    p = workbook(tmp_path / "o.xlsx", {"Sheet1": [
        ["locality", "indicator", "level", "year", "value"],
        ["Na Mèo", "promotion_rate", "primary", 2021, (0.96, "0.0%")],      # shows 96,0%
        ["Na Mèo", "promotion_rate", "primary", 2022, (0.955, "0.00%")],    # shows 95,50%
        ["Na Mèo", "promotion_rate", "primary", 2023, (0.9712, "0%")],      # shows 97%, stores 97,12
    ]})
    o = es.load_observations(p)
    assert o["value"].tolist() == [96.0, 95.5, 97.12]
    assert o["unit"].tolist() == ["percent"] * 3


def test_percent_cell_checked_against_counts_with_its_stored_precision(tmp_path):
    p = workbook(tmp_path / "o.xlsx", {"Sheet1": [
        ["locality", "indicator", "level", "year", "value", "numerator", "denominator"],
        ["Na Mèo", "promotion_rate", "primary", 2021, (0.965, "0.0%"), 193, 200],
        ["Na Mèo", "promotion_rate", "primary", 2022, (0.9, "0.0%"), 193, 200],
    ]})
    e = error_of(es.load_observations, p)
    assert e.problems[["row", "column"]].values.tolist() == [[3, "value"]]
    assert "sheet 'Sheet1', cell E3, row 3, column 'value': found '90%'; expected 100 × numerator / denominator = 96.5" in str(e)


def test_a_percent_cell_for_a_count_indicator_is_refused(tmp_path):
    p = workbook(tmp_path / "o.xlsx", {"Sheet1": [
        ["locality", "indicator", "level", "year", "value"],
        ["Na Mèo", "national_standard_schools", "all", 2021, (0.02, "0%")],
    ]})
    e = error_of(es.load_observations, p)
    assert "cell E2" in str(e) and "expected a value in unit 'count' (the cell says percent)" in str(e)


def test_percent_typed_into_a_percent_cell_the_libreoffice_way_is_out_of_range(tmp_path):
    # LibreOffice stores 96 typed into a percent cell as 96 (shown 9600%): refused, with the reason
    p = workbook(tmp_path / "o.xlsx", {"Sheet1": [
        ["locality", "indicator", "level", "year", "value"],
        ["Na Mèo", "promotion_rate", "primary", 2021, (96, "0%")],
    ]})
    msg = str(error_of(es.load_observations, p))
    assert "found '9600%'; expected a value in [0, 100] for indicator 'promotion_rate' (the cell is formatted as percent" in msg


def test_dates_in_the_year_column(tmp_path):
    p = workbook(tmp_path / "o.xlsx", {"Sheet1": [
        ["locality", "indicator", "level", "year", "value"],
        ["A", "promotion_rate", "primary", (dt.datetime(2021, 1, 1), "yyyy"), 90],       # a date shown as 2021
        ["A", "promotion_rate", "primary", (2022, "dd/mm/yyyy"), 91],                   # 2022 typed in a date cell
        ["A", "promotion_rate", "primary", (dt.datetime(2023, 9, 5), "dd/mm/yyyy"), 92],  # a full date: ambiguous
    ]})
    e = error_of(es.load_observations, p)
    assert e.problems[["row", "column"]].values.tolist() == [[4, "year"]]
    assert "cell D4, row 4, column 'year': found '05/09/2023'; expected a year such as 2021" in str(e)
    # without the full date, the two other forms are read as the years shown
    wb = load_workbook(p)
    wb.active.delete_rows(4)
    wb.save(p)
    assert es.load_observations(p)["year"].tolist() == [2021, 2022]


def _with_cached_value(path, cell, value):
    """Write a cached result into a formula cell (what Excel does on save; openpyxl cannot)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)<v\s*/>', rf"\g<1><v>{value}</v>", data.decode()).encode()
            zout.writestr(item, data)
    tmp.replace(path)


def test_formulas_are_read_as_their_cached_values_or_refused(tmp_path):
    rows = [["locality", "indicator", "level", "year", "value", "numerator", "denominator"],
            ["A", "promotion_rate", "primary", 2022, "=F2/G2*100", 193, 200]]
    p = workbook(tmp_path / "o.xlsx", {"Sheet1": rows})
    e = error_of(es.load_observations, p)      # written by a program: never calculated
    assert str(e).startswith("sổ tính có công thức chưa được tính: 1 lỗi")
    assert "sheet 'Sheet1', cell E2: found '=…'; expected a value; the formulas were never calculated" in str(e)
    _with_cached_value(p, "E2", "96.5")       # as Excel saves it
    o = es.load_observations(p)
    assert o[["value", "numerator", "denominator"]].values.tolist() == [[96.5, 193.0, 200.0]]


def test_excel_error_values_name_the_cell(tmp_path):
    p = workbook(tmp_path / "o.xlsx", {"Sheet1": [
        ["locality", "indicator", "level", "year", "value"], ["A", "promotion_rate", "primary", 2022, "=1/0"]]})
    _with_cached_value(p, "E2", "#DIV/0!")
    with zipfile.ZipFile(p) as z:     # mark the cached value as an error, as Excel does
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "#DIV/0!" in xml
    txt = xml.replace('<c r="E2"', '<c r="E2" t="e"')
    tmp = p.with_suffix(".t2")
    with zipfile.ZipFile(p) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, txt.encode() if item.filename == "xl/worksheets/sheet1.xml" else zin.read(item.filename))
    tmp.replace(p)
    assert "cell E2, row 2, column 'value': found '#DIV/0!'; expected a value, not an Excel error" in str(
        error_of(es.load_observations, p))


# ---------------------------------------------------------------------------------------------
# 2. What planners write


def _messy_workbook(path):
    nfd = unicodedata.normalize("NFD", "Mường Tè")
    return workbook(path, {
        "Bìa": [["BÁO CÁO SỐ LIỆU GIÁO DỤC NĂM HỌC 2022-2023"], ["Đơn vị: xã Mường Tè"], [], ["Người lập: …"]],
        "Số liệu": [
            ["UBND XÃ MƯỜNG TÈ"],
            ["Bảng 1. Kết quả thực hiện các chỉ tiêu"],
            VI_HEADER,
            [nfd, "Tỷ lệ huy động ra lớp", "mẫu giáo", "2020-2021", "96%", 480, 500, "đã rà soát"],
            [],
            ["Mường Tè", "TỶ LỆ HUY ĐỘNG RA LỚP", "Mẫu giáo", "2021 - 2022", "96,8 %", 484, 500, ""],
            ["Mường Tè", "ty le huy dong ra lop", "mau giao", "2022-23", (0.97, "0.0%"), 485, 500, ""],
            ["Mường Tè", "qualified_teacher_share", "THCS", 2023, (81.25, "0.00"), None, None, "'=SUM(x)"],
            [None, None, None, None, None, None, None, None],
        ],
    })


def test_a_messy_planner_workbook_loads_exactly(tmp_path):
    p = _messy_workbook(tmp_path / "bao-cao.xlsx")
    o = es.load_observations(p)
    assert o["locality"].unique().tolist() == ["Mường Tè"]                       # NFD → NFC
    assert unicodedata.is_normalized("NFC", o["locality"].iloc[0])
    got = o[["indicator", "level", "year", "value"]].values.tolist()
    assert got == [["mobilisation_rate", "kindergarten", 2021, 96.0], ["mobilisation_rate", "kindergarten", 2022, 96.8],
                   ["mobilisation_rate", "kindergarten", 2023, 97.0],
                   ["qualified_teacher_share", "lower-secondary", 2023, 81.25]]
    assert o["numerator"].tolist()[:3] == [480.0, 484.0, 485.0]
    assert o["note"].tolist() == ["đã rà soát", "", "", "=SUM(x)"]     # text that looks like a formula, kept
    vi, en = o.attrs["summary_vi"], o.attrs["summary_en"]
    assert "trang tính 'Số liệu', tiêu đề ở dòng 3, 4 dòng số liệu, 2 dòng trống bỏ qua" in vi
    assert "'Năm học' → year" in vi and "'Tỷ lệ (%)' → value" in vi and "'Chỉ tiêu' → indicator" in vi
    assert "sheet 'Số liệu', header in row 3, 4 data rows, 2 blank rows skipped" in en
    assert "3 indicator cells given by name were matched to codes" in en


def test_sheet_named_on_the_command_line(tmp_path):
    p = _messy_workbook(tmp_path / "bao-cao.xlsx")
    assert len(es.load_observations(p, sheet="so lieu")) == 4     # case and diacritics ignored
    e = error_of(es.load_observations, p, sheet="Số liệu 2023")
    assert "không có trang tính này: 1 lỗi" in str(e)
    assert "expected one of the workbook's sheets: Bìa, Số liệu (did you mean 'Số liệu'?)" in str(e)


def test_messy_errors_name_sheet_cell_row_column_as_written(tmp_path):
    p = workbook(tmp_path / "o.xlsx", {"Số liệu": [
        ["Tiêu đề"], VI_HEADER,
        ["Na Mèo", "mobilization_rate", "mẫu giáo", "2021-2022", "96", None, None, ""],
        ["Na Mèo", "Tỷ lệ huy động", "mẫu giáo lớn", "2016-2021", "96", None, None, ""],
    ]})
    e = error_of(es.load_observations, p)
    msg = str(e)
    vi, en = msg.split("\nobservations file ")
    assert vi.startswith(f"tệp số liệu {p} có lỗi: 4 lỗi")
    assert (f"{p}, trang tính 'Số liệu', ô B3, dòng 3, cột 'Chỉ tiêu': gặp 'mobilization_rate'; cần mã hoặc tên chỉ "
            "tiêu có trong danh mục") in vi
    assert "có phải mobilisation_rate — Tỷ lệ huy động ra lớp?" in vi
    assert "sheet 'Số liệu', cell B3, row 3, column 'Chỉ tiêu': found 'mobilization_rate'" in en
    assert "did you mean mobilisation_rate — Tỷ lệ huy động ra lớp?" in en
    assert "cell C4, row 4, column 'Cấp học': found 'mẫu giáo lớn'; expected a school level" in en
    assert "(did you mean kindergarten?)" in en
    assert ("cell D4, row 4, column 'Năm học': found '2016-2021'; expected a year such as 2021 or a school year such as "
            "2021-2022 (a school year spans two consecutive years; for a period write its final year, 2021)") in en
    assert "cell B4, row 4, column 'Chỉ tiêu': found 'Tỷ lệ huy động'" in en
    assert e.problems[["row", "column"]].values.tolist() == [[3, "Chỉ tiêu"], [4, "Chỉ tiêu"], [4, "Cấp học"],
                                                             [4, "Năm học"]]


def test_unknown_indicator_is_not_checked_against_a_guessed_rule(tmp_path):
    # before: "numerator above denominator" for an indicator nobody knows the rule of
    p = tmp_path / "o.csv"
    p.write_text("locality,indicator,year,value,numerator,denominator\nA,pupils_per_toilet,2022,45,90,2\n",
                 encoding="utf-8")
    e = error_of(es.load_observations, p)
    assert e.problems["column"].tolist() == ["indicator"]


@pytest.mark.parametrize("encoding,sep,bom", [("utf-8", ";", False), ("utf-8-sig", ";", True),
                                              ("utf-8-sig", ",", True), ("utf-16", "\t", True),
                                              ("utf-8", "\t", False)])
def test_csv_as_excel_saves_it(tmp_path, encoding, sep, bom):
    rows = [["Địa phương", "Chỉ tiêu", "Cấp học", "Năm", "Giá trị"],
            ["Na Mèo", "malnutrition_rate", "mầm non", "2021", "9,5"],
            ["Na Mèo", "malnutrition_rate", "mầm non", "2022", "8,25%"],
            ["Na Mèo", "pupil_teacher_ratio", "tiểu học", "2022", "1.830"]]
    text = "\r\n".join(sep.join(f'"{v}"' if sep in v else v for v in r) for r in rows) + "\r\n"
    p = tmp_path / "o.csv"
    p.write_bytes(text.encode(encoding))
    assert p.read_bytes().startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) == bom
    o = es.load_observations(p)
    assert o[["indicator", "level", "year", "value"]].values.tolist() == [
        ["malnutrition_rate", "preschool", 2021, 9.5], ["malnutrition_rate", "preschool", 2022, 8.25],
        ["pupil_teacher_ratio", "primary", 2022, 1830.0]]


def test_targets_written_the_way_the_briefings_print_them(tmp_path):
    p = workbook(tmp_path / "muc-tieu.xlsx", {"Mục tiêu": [
        ["MỤC TIÊU ĐẾN NĂM 2025"],
        ["Địa phương", "Chỉ tiêu", "Cấp học", "Mục tiêu", "Năm", "Loại"],
        ["Na Mèo", "Tỷ lệ trẻ suy dinh dưỡng", "mầm non", "≤ 6%", 2025, "mục tiêu"],
        ["Na Mèo", "Tỷ lệ huy động ra lớp", "nhà trẻ", "> 60%", "2024-2025", "mục tiêu"],
        ["Na Mèo", "national_standard_schools", "mầm non", "≥ 1", 2025, "mục tiêu"],
    ]})
    t = es.load_targets(p)
    assert t[["indicator", "level", "comparator", "value", "unit", "year", "kind"]].values.tolist() == [
        ["malnutrition_rate", "preschool", "<=", 6.0, "percent", 2025, "target"],
        ["mobilisation_rate", "nursery", ">", 60.0, "percent", 2025, "target"],
        ["national_standard_schools", "preschool", ">=", 1.0, "count", 2025, "target"],
    ]
    assert t["source"].unique().tolist() == ["muc-tieu.xlsx"]
    assert "No 'source' column: 'muc-tieu.xlsx' is used." in t.attrs["summary_en"]


def test_a_baseline_is_equal_by_convention_a_target_needs_its_comparator(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("Năm;Chỉ tiêu;Cấp học;Giá trị;Loại\n2021;mobilisation_rate;nhà trẻ;54%;hiện trạng\n"
                 "2025;mobilisation_rate;nhà trẻ;60%;mục tiêu\n", encoding="utf-8")
    e = error_of(es.load_targets, p)
    assert e.problems[["row", "column"]].values.tolist() == [[3, "comparator"]]
    assert "row 3, column 'comparator': found ''; expected one of >=, >, <=, <, =" in str(e)
    p.write_text("Năm;Chỉ tiêu;Cấp học;Giá trị;Loại\n2021;mobilisation_rate;nhà trẻ;54%;hiện trạng\n", encoding="utf-8")
    t = es.load_targets(p)
    assert t[["kind", "comparator", "value", "unit", "year"]].values.tolist() == [["baseline", "=", 54.0, "percent", 2021]]
    assert "A baseline with no comparator is '=' (data/README.md) (1 rows)." in t.attrs["summary_en"]


def test_unreadable_files_give_one_message(tmp_path):
    (tmp_path / "d.csv").mkdir()
    assert "path is a folder, not a file" in str(error_of(es.load_observations, tmp_path / "d.csv"))
    old = tmp_path / "o.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    msg = str(error_of(es.load_observations, old))
    assert msg.startswith("định dạng bảng tính cũ hoặc khác: 1 lỗi") and "Save As → Excel Workbook" in msg
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert "cannot read Excel file" in str(error_of(es.load_observations, broken))


def test_data_under_no_header_is_not_dropped(tmp_path):
    p = tmp_path / "o.csv"
    p.write_text("locality,indicator,year,value,\nA,ner,2022,95,96\n", encoding="utf-8")
    assert "expected a header above column 5, which holds data" in str(error_of(es.load_observations, p))


# ---------------------------------------------------------------------------------------------
# 5-7. Outputs: Excel, BOM, formula injection, atomic writes, no overwriting an input, no traceback

OBS_CSV = ("locality,indicator,level,year,value,numerator,denominator\n"
           "Xã A,malnutrition_rate,preschool,2021,\"13,5\",27,200\n"
           "Xã A,malnutrition_rate,preschool,2022,\"12,5\",25,200\n"
           "Xã A,malnutrition_rate,preschool,2023,11,22,200\n"
           "Xã A,malnutrition_rate,preschool,2024,\"9,5\",19,200\n")
EVIL = "=HYPERLINK(\"http://evil.example\",\"bấm\")"
TARGETS_CSV = ("id,source,locality,kind,year,level,indicator,label_vi,label_en,comparator,value,unit,quote\n"
               f"A1,nghị quyết xã A,Xã A,target,2026,preschool,malnutrition_rate,\"{EVIL.replace(chr(34), chr(34) * 2)}\","
               "Child malnutrition,<=,7,percent,-cmd\n")


@pytest.fixture
def planner(tmp_path):
    (tmp_path / "obs.csv").write_text(OBS_CSV, encoding="utf-8")
    (tmp_path / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
    return tmp_path


def test_assess_writes_a_formatted_workbook(planner, capsys):
    out = planner / "ket-qua.xlsx"
    assert main(["assess", "--observations", str(planner / "obs.csv"), "--targets", str(planner / "targets.csv"),
                 "--out", str(out)]) == 0
    ws = load_workbook(out).active
    assert ws.freeze_panes == "A3"
    head_vi = [c.value for c in ws[1]]
    head_en = [c.value for c in ws[2]]
    j = head_en.index("verdict_vi")
    assert head_vi[j] == "Kết luận" and head_vi[head_en.index("target")] == "Mục tiêu"
    assert ws.cell(3, head_en.index("target") + 1).value == 7            # a number, not text
    assert ws.cell(3, head_en.index("prob_met") + 1).number_format == "0%"
    label = ws.cell(3, head_en.index("label_vi") + 1)
    assert label.value == EVIL and label.data_type == "s" and label.quotePrefix   # shown as text, never run
    verdict = ws.cell(3, j + 1)
    assert verdict.fill.fgColor.rgb.endswith(("1A9850", "91CF60", "FEE08B", "FC8D59", "D73027", "D9EF8B", "FDAE61"))
    assert not [f for f in os.listdir(planner) if f.endswith(".tmp")]


def test_csv_out_has_a_bom_and_no_live_formula(planner):
    out = planner / "ket-qua.csv"
    assert main(["assess", "--observations", str(planner / "obs.csv"), "--targets", str(planner / "targets.csv"),
                 "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert df["label_vi"].tolist() == ["'" + EVIL]
    assert df["target"].tolist() == ["7"]


def test_extract_xlsx_round_trips_through_load_targets(tmp_path):
    out = tmp_path / "de-xuat.xlsx"
    src = es.data_path("sources", "004_2b9630492192a680.txt")
    assert main(["extract", str(src), "--out", str(out), "--locality", "Mường Tè"]) == 0
    csv = tmp_path / "de-xuat.csv"
    assert main(["extract", str(src), "--out", str(csv), "--locality", "Mường Tè"]) == 0
    a, b = es.load_targets(out), es.load_targets(csv)
    assert len(a) == 38
    cols = ["id", "kind", "year", "level", "indicator", "comparator", "value", "unit", "quote"]
    pd.testing.assert_frame_equal(a[cols], b[cols])
    assert set(a["quote"]) <= {q for q in a["quote"] if q in src.read_text(encoding="utf-8")}


def test_reconcile_writes_xlsx(tmp_path):
    out = tmp_path / "r.xlsx"
    assert main(["reconcile", "--out", str(out)]) == 0
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]][:2] == ["source", "id"] and ws.max_row > 10


def test_out_refuses_to_overwrite_an_input(planner, capsys):
    obs = planner / "obs.csv"
    before = obs.read_bytes()
    assert main(["assess", "--observations", str(obs), "--targets", str(planner / "targets.csv"), "--out", str(obs)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"edustats assess: --out '{obs}' là một tệp đầu vào") and "is an input file of this run" in err
    assert obs.read_bytes() == before


def test_a_failed_write_leaves_the_old_file_whole(planner, monkeypatch):
    from edustats import excel_io
    out = planner / "old.csv"
    out.write_text("kept\n", encoding="utf-8")

    def boom(self, *a, **k):
        raise OSError("disk full")
    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    with pytest.raises(OSError):
        excel_io.write_table(pd.DataFrame({"a": [1]}), out)
    assert out.read_text(encoding="utf-8") == "kept\n"
    assert sorted(os.listdir(planner)) == ["obs.csv", "old.csv", "targets.csv"]


def test_a_commune_without_targets_gets_a_clear_message(planner, capsys):
    (planner / "o2.csv").write_text(OBS_CSV.replace("Xã A", "Pù Nhi"), encoding="utf-8")
    assert main(["assess", "--observations", str(planner / "o2.csv")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "Chưa có mục tiêu nào cho 'Pù Nhi' trong data/targets.csv" in err
    assert "edustats template --locality \"Pù Nhi\"" in err and "No targets for 'Pù Nhi'" in err


def test_locality_spelt_differently_is_matched_or_suggested(planner, capsys):
    (planner / "o2.csv").write_text(OBS_CSV.replace("Xã A", unicodedata.normalize("NFD", "xã mường tè"))
                                    .replace("malnutrition_rate,preschool", "mobilisation_rate,nursery"), encoding="utf-8")
    assert main(["assess", "--observations", str(planner / "o2.csv")]) == 0
    err = capsys.readouterr().err
    assert "Locality 'xã mường tè' of the observations matched to 'Mường Tè' of the targets file." in err
    assert main(["briefing", "--locality", "Xã A Lưới", "--observations", str(planner / "obs.csv"),
                 "--targets", str(planner / "targets.csv")]) == 2
    err = capsys.readouterr().err
    assert "Không có địa phương 'Xã A Lưới' trong tệp số liệu" in err and "Did you mean: Xã A?" in err


def test_no_traceback_reaches_the_user_and_debug_shows_it(planner, capsys, monkeypatch):
    assert main(["assess", "--observations", str(planner)]) == 2        # a folder
    err = capsys.readouterr().err
    assert "Traceback" not in err and "đường dẫn là một thư mục" in err and "path is a folder" in err
    import sys
    A = sys.modules["edustats.assess"]

    def broken(*a, **k):
        raise KeyError("verdict")
    monkeypatch.setattr(A, "assess", broken)
    args = ["assess", "--observations", str(planner / "obs.csv"), "--targets", str(planner / "targets.csv")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "lỗi bên trong edustats (KeyError: 'verdict')" in err and "--debug" in err and "Traceback" not in err
    with pytest.raises(KeyError):
        main(["--debug"] + args)


def test_english_only_errors_of_other_modules_get_a_vietnamese_lead(tmp_path, capsys):
    bad = tmp_path / "doc.txt"
    bad.write_bytes(b"Tr\xfd\xf5ng h\xf4c")       # Windows-1258 bytes
    assert main(["extract", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("edustats extract: dữ liệu đầu vào có lỗi (chi tiết bằng tiếng Anh bên dưới)")


# ---------------------------------------------------------------------------------------------
# 4. The template


def test_template_for_a_document_is_laid_out_and_round_trips(tmp_path, capsys):
    out = tmp_path / "mau-nhap-lieu.xlsx"
    assert main(["template", "--source", "20-NQ/ĐU", "--out", str(out)]) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["Hướng dẫn", "Số liệu", "Mục tiêu", "Danh mục", "Danh sách"]
    ws = wb["Số liệu"]
    assert [c.value for c in ws[3]][:6] == ["Địa phương", "Mã chỉ tiêu", "Nội dung chỉ tiêu", "Cấp học", "Năm", "Giá trị"]
    targets = es.load_targets()
    na_meo = targets[targets["source"] == "001_51d59cd3eefeb0a9.txt"]
    pairs = na_meo[na_meo["kind"] == "target"][["indicator", "level"]].drop_duplicates()
    years = list(range(2018, 2026))               # plan 2021-2025, three years of history before it
    laid = [r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value]
    assert laid == list(range(4, 4 + 34 * 8)) and len(pairs) * len(years) == 34 * 8
    first = [c.value for c in ws[4]]
    assert first[:5] == ["Na Mèo", "qualified_teacher_share",
                         "Tỷ lệ CBQL và giáo viên tiểu học, THCS đạt chuẩn trình độ đại học", "tiểu học + THCS", 2018]
    assert first[8:10] == ["%", "mục tiêu 2025: ≥ 100%"]
    nursery = [c.value for c in ws[4 + 2 * 8]]    # the third pair: a baseline and a target beside it
    assert nursery[1:5] == ["mobilisation_rate", "Tỷ lệ huy động ra nhóm trẻ", "nhà trẻ", 2018]
    assert nursery[9] == "hiện trạng 2021: 54%; mục tiêu 2025: > 60%"
    assert ws["E4"].number_format == "0" and ws["G4"].number_format == "#,##0"
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "custom", "decimal"} <= kinds
    # the year column takes 2024 or the text "2023-2024" the instructions allow (fresh reader: a whole-number
    # rule made Excel refuse the school year)
    yr = [dv for dv in ws.data_validations.dataValidation if "E4" in str(dv.sqref)][0]
    assert yr.type == "custom" and "ISNUMBER(E4),E4>=1975,E4<=2100" in yr.formula1 and 'MID(E4,5,1)="-"' in yr.formula1
    ind = [dv for dv in ws.data_validations.dataValidation if "B4" in str(dv.sqref)][0]
    assert ind.formula1 == f"'Danh mục'!$A$2:$A${len(es.indicator_catalogue()) + 1}"
    assert wb["Danh mục"].max_row == len(es.indicator_catalogue()) + 1
    # fill three cells as a planner would, save, load
    ws["F4"] = 98.5                                             # a number
    ws["G5"], ws["H5"] = 196, 200                               # counts only
    ws["F5"] = 98
    ws["F6"] = "99,5"                                           # typed as text
    wb.save(out)
    o = es.load_observations(out)
    assert o["value"].tolist() == [98.5, 98.0, 99.5] and o["year"].tolist() == [2018, 2019, 2020]
    assert o["numerator"].tolist()[1] == 196.0 and o["numerator"].isna().tolist() == [True, False, True]
    assert o["indicator"].unique().tolist() == ["qualified_teacher_share"]
    assert o["level"].unique().tolist() == ["primary+lower-secondary"]
    assert "269 template rows left empty skipped" in o.attrs["summary_en"]
    t = es.load_targets(out)
    cols = ["locality", "kind", "year", "annual", "level", "indicator", "label_vi", "comparator", "value", "unit",
            "quote", "note", "id"]
    pd.testing.assert_frame_equal(t[cols].reset_index(drop=True), na_meo[cols].reset_index(drop=True))
    # the laid-out rows are the ones the targets ask about: the filled series meets its target
    a = es.assess(t, o).set_index("id")
    assert a.loc["001-12", ["indicator", "level", "n_obs", "last_value"]].tolist() == [
        "qualified_teacher_share", "primary+lower-secondary", 3, 99.5]


def _soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice not installed (Debian: apt-get install libreoffice-calc-nogui)")
def test_template_saved_again_by_libreoffice_loads_unchanged(tmp_path):
    out = tmp_path / "mau.xlsx"
    assert main(["template", "--source", "001_51d59cd3eefeb0a9.txt", "--out", str(out)]) == 0
    ref = es.load_targets(out)
    wb = load_workbook(out)
    ws = wb["Số liệu"]
    ws["F4"], ws["F5"] = 98.5, 0.99
    ws["F5"].number_format = "0.0%"
    ws["F6"] = "=G6/H6*100"          # LibreOffice calculates it and stores the result
    ws["G6"], ws["H6"] = 193, 200
    wb.save(out)
    lo = tmp_path / "lo"
    # a private profile that recalculates formulas on load (LibreOffice's default keeps the file's values)
    user = tmp_path / "profile" / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        '<value>0</value></prop></item></oor:items>\n', encoding="utf-8")
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(lo), str(out)],
                   check=True, capture_output=True, timeout=180)
    resaved = lo / "mau.xlsx"
    o = es.load_observations(resaved)
    assert o["value"].tolist() == [98.5, 99.0, 96.5]
    assert o["numerator"].tolist()[2] == 193.0
    t = es.load_targets(resaved)
    cols = ["locality", "kind", "year", "annual", "level", "indicator", "comparator", "value", "unit", "quote"]
    pd.testing.assert_frame_equal(t[cols], ref[cols])
    ws2 = load_workbook(resaved)["Số liệu"]
    assert len(ws2.data_validations.dataValidation) >= 5


def test_template_then_briefing_for_a_commune_not_in_the_data(tmp_path, capsys):
    """A commune with no targets anywhere: template → fill both sheets → briefing, end to end."""
    xa = "Pù Nhi"
    assert xa not in set(es.load_targets()["locality"])
    f = tmp_path / "mau-nhap-lieu.xlsx"
    assert main(["template", "--locality", xa, "--out", str(f)]) == 0
    wb = load_workbook(f)
    wt = wb["Mục tiêu"]
    # Mã dòng, Địa phương, Văn bản, Loại, Mã chỉ tiêu, Nội dung, Cấp học, So sánh, Giá trị, Đơn vị, Năm, Hằng năm, Năm gốc
    wt.append([None, xa, "Nghị quyết 05-NQ/ĐU", "mục tiêu", "Tỷ lệ trẻ suy dinh dưỡng", "Giảm suy dinh dưỡng",
               "mầm non", "≤", 7, "%", 2026, None, 2021])
    wd = wb["Số liệu"]
    for k, (y, num, den) in enumerate([(2021, 27, 200), (2022, 25, 200), (2023, 22, 200), (2024, 19, 200)]):
        r = 4 + k
        wd.cell(r, 2, "malnutrition_rate")
        wd.cell(r, 4, "mầm non")
        wd.cell(r, 5, f"{y - 1}-{y}")
        wd.cell(r, 6, num / den * 100)
        wd.cell(r, 7, num)
        wd.cell(r, 8, den)
    wb.save(f)
    html_out = tmp_path / "pu-nhi.html"
    assert main(["briefing", "--locality", "xã pù nhi", "--observations", str(f), "--targets", str(f),
                 "--out", str(html_out)]) == 0
    html = html_out.read_text(encoding="utf-8")
    assert "<h1>Pù Nhi</h1>" in html
    assert "9,5% (19 / 200)" in html and "≤ 7%" in html
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".")]


XSS_LOCALITY = "<img src=x onerror=\"throw new Error('xss-locality')\">"
XSS_LABEL = "<script>throw new Error('xss-label')</script>"


def test_user_text_is_escaped_in_the_briefing(tmp_path):
    obs = tmp_path / "o.csv"
    obs.write_text(OBS_CSV.replace("Xã A", XSS_LOCALITY.replace('"', '""').join('""')), encoding="utf-8")
    tg = tmp_path / "t.csv"
    tg.write_text("source,locality,kind,year,level,indicator,label_vi,comparator,value,unit,quote,note\n"
                  f"x,,target,2026,preschool,malnutrition_rate,{XSS_LABEL},<=,7,percent,"
                  "\"<svg onload=alert(1)>\",<b onmouseover=alert(2)>n</b>\n", encoding="utf-8")
    out = tmp_path / "x.html"
    assert main(["briefing", "--locality", XSS_LOCALITY, "--observations", str(obs), "--targets", str(tg),
                 "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    for tag in ("<script>throw", "<img src=x", "<svg onload", "<b onmouseover"):   # no live tag, only text
        assert tag not in html, tag
    assert "&lt;img src=x onerror=" in html
    assert "&lt;script&gt;throw new Error(&#x27;xss-label&#x27;)&lt;/script&gt;" in html or \
        "&lt;script&gt;throw new Error('xss-label')&lt;/script&gt;" in html
    from edustats.offline_check import check_offline, find_chromium
    if find_chromium() is None:
        pytest.skip("Chromium not installed: the HTML was checked as text only")
    r = check_offline(out)
    assert r["exceptions"] == [] and r["console_errors"] == [] and r["broken"] == 0 and r["external"] == []


def test_the_data_sheet_is_chosen_over_a_targets_sheet_before_it(tmp_path):
    # same number of recognised columns; the comparator column marks the first sheet as targets
    p = workbook(tmp_path / "o.xlsx", {
        "Mục tiêu": [["Địa phương", "Chỉ tiêu", "Cấp học", "Năm", "Giá trị", "So sánh", "Đơn vị tính"],
                     ["Na Mèo", "malnutrition_rate", "mầm non", 2025, 6, "≤", "%"]],
        "Số liệu": [["Địa phương", "Chỉ tiêu", "Cấp học", "Năm", "Giá trị", "Đơn vị tính"],
                    ["Na Mèo", "malnutrition_rate", "mầm non", 2023, 9.5, "%"]]})
    o = es.load_observations(p)
    assert o[["year", "value"]].values.tolist() == [[2023, 9.5]] and "sheet 'Số liệu'" in o.attrs["summary_en"]
    t = es.load_targets(p)
    assert t[["year", "comparator", "value"]].values.tolist() == [[2025, "<=", 6.0]]


def test_a_code_typed_as_a_number_stays_as_typed(tmp_path):
    p = workbook(tmp_path / "o.xlsx", {"S": [["locality", "indicator", "level", "year", "value", "note"],
                                             ["A", "ner", "primary", 2022, 95, 12345]]})
    assert es.load_observations(p)["note"].tolist() == ["12345"]


def test_template_never_replaces_a_filled_workbook(tmp_path, capsys):
    """Fresh reader: re-running step 1 with the same --out wiped a filled workbook without a word."""
    f = tmp_path / "mau-nhap-lieu.xlsx"
    assert main(["template", "--locality", "Pù Nhi", "--out", str(f)]) == 0
    wb = load_workbook(f)
    wb["Số liệu"].cell(4, 6, 42.5)
    wb.save(f)
    before = f.read_bytes()
    capsys.readouterr()
    assert main(["template", "--locality", "Pù Nhi", "--out", str(f)]) == 2
    err = capsys.readouterr().err
    assert "đã có" in err and "--ghi-de" in err and "--overwrite" in err and "Traceback" not in err
    assert f.read_bytes() == before                          # the filled workbook is untouched
    assert main(["template", "--locality", "Pù Nhi", "--out", str(f), "--ghi-de"]) == 0
    assert load_workbook(f)["Số liệu"].cell(4, 6).value is None   # replaced only when asked
    # written with the ordinary permissions (0666 less the umask), not mkstemp's 0600
    umask = os.umask(0)
    os.umask(umask)
    assert (f.stat().st_mode & 0o777) == (0o666 & ~umask)


def test_assess_to_xlsx_with_annual_and_once_only_targets_leaves_the_not_applicable_cells_empty(tmp_path):
    # fresh reader 3: every real resolution mixes annual targets with once-only ones; the annual columns are
    # nullable integers (NA where a target is not annual) and the workbook writer stopped on "<NA>"
    out = tmp_path / "ket-qua.xlsx"
    assert main(["assess", "--observations", "data/examples/observations.csv", "--out", str(out)]) == 0
    ws = load_workbook(out).active
    en = [c.value for c in ws[2]]
    rows = {ws.cell(i, en.index("id") + 1).value: i for i in range(3, ws.max_row + 1)}
    col = en.index("annual_years") + 1
    assert ws.cell(rows["001-26"], col).value == 1            # an annual target checked over one year of data
    assert ws.cell(rows["000-01"], col).value is None         # a once-only target: an empty cell, not "<NA>"
    assert sum(ws.cell(r, col).value is None for r in rows.values()) == 73 and len(rows) == 87


def test_assess_csv_has_the_same_columns_whether_or_not_a_target_is_annual(planner, tmp_path):
    # fresh reader 3: 55 columns with an annual target, 52 without; a table read back should not change shape
    once, mixed = tmp_path / "once.csv", tmp_path / "mixed.csv"
    assert main(["assess", "--observations", str(planner / "obs.csv"), "--targets", str(planner / "targets.csv"),
                 "--out", str(once)]) == 0
    assert main(["assess", "--observations", "data/examples/observations.csv", "--out", str(mixed)]) == 0
    a, b = (pd.read_csv(p, encoding="utf-8-sig", nrows=1) for p in (once, mixed))
    assert list(a.columns) == list(b.columns) and "annual_years" in a.columns
    assert pd.isna(a["annual_years"].iloc[0]) and a["annual_status"].isna().iloc[0]
