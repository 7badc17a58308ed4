"""Fresh reader round 3: the planner's and trainer's smaller findings (each fails before its fix)."""
import pandas as pd

from edustats.cli import main


def test_assess_calls_a_misspelt_locality_a_likely_misspelling(tmp_path, capsys):
    # reader: 'Na Mèoo' in one row of the observations (targets for 'Na Mèo') only got "make a targets file with
    # edustats template --locality"; the briefing already says "gần giống 'Na Mèo' … nếu là lỗi chính tả, hãy sửa"
    p = tmp_path / "o.csv"
    pd.DataFrame({"locality": ["Na Mèo", "Na Mèo", "Na Mèoo"], "indicator": "promotion_rate", "level": "primary",
                  "year": [2023, 2024, 2025], "value": [97.1, 97.3, 97.5]}).to_csv(p, index=False)
    assert main(["assess", "--observations", str(p), "--as-of", "2026-11-29"]) == 0
    err = capsys.readouterr().err
    vi = (f"Cảnh báo: 1 dòng ghi địa phương 'Na Mèoo' gần giống 'Na Mèo' nhưng không được đánh giá; nếu là lỗi "
          f"chính tả, hãy sửa trong tệp {p}.")
    en = (f"Warning: 1 row names 'Na Mèoo', close to 'Na Mèo', and is not assessed; if that is a misspelling, "
          f"correct it in {p}.")
    assert vi in err and en in err and err.index(vi) < err.index(en)
    assert "edustats template --locality" not in err   # the wrong advice is gone



def test_assess_with_only_a_misspelt_locality_says_correct_it_first(tmp_path, capsys):
    # every row misspelt: the refusal names the likely locality and says to correct it before making a targets file
    p = tmp_path / "o.csv"
    p.write_text("locality,indicator,level,year,value\nNa Mèoo,promotion_rate,primary,2024,97\n", encoding="utf-8")
    assert main(["assess", "--observations", str(p)]) == 2
    err = capsys.readouterr().err
    assert ("Chưa có mục tiêu nào cho 'Na Mèoo' trong data/targets.csv. Có phải: Na Mèo? Nếu là lỗi chính tả, hãy sửa "
            "tên địa phương trong tệp số liệu cho giống tệp mục tiêu; nếu là một đơn vị khác, hãy lập tệp mục tiêu của "
            "đơn vị đó: edustats template") in err
    assert ("Did you mean: Na Mèo? If that is a misspelling, correct the locality in the observations file to match "
            "the targets file; if it is another unit, make a targets file for it: edustats template") in err


def test_assess_workbook_has_a_vietnamese_header_for_every_column(tmp_path, capsys, monkeypatch):
    # reader: 14 headers of `assess --out x.xlsx` were the English codes (growth_basis, unsd_*, statcan_*, escap_*,
    # required_path, path_start, due_status_vi, projection_label, settled_by, annual_* …); an annual target with no
    # observation also crashed the workbook ("Cannot convert <NA> to Excel")
    import openpyxl

    obs = tmp_path / "o.csv"
    pd.DataFrame({"locality": "X", "indicator": "promotion_rate", "level": "primary", "year": [2022, 2023, 2024, 2025],
                  "value": [96.5, 97.1, 97.3, 97.2]}).to_csv(obs, index=False)
    tg = tmp_path / "t.csv"
    pd.DataFrame({"id": ["A1", "A2"], "source": "kế hoạch", "locality": "X", "kind": "target",
                  "level": ["primary", "preschool"], "indicator": ["promotion_rate", "malnutrition_rate"],
                  "comparator": [">=", "<="], "value": [97.0, 6.0], "year": 2025, "annual": ["true", "false"],
                  "unit": "percent"}).to_csv(tg, index=False)
    monkeypatch.setenv("EDUSTATS_AS_OF", "2026-11-29")
    out = tmp_path / "r.xlsx"
    assert main(["assess", "--observations", str(obs), "--targets", str(tg), "--all", "--out", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    vi, codes = [c.value for c in ws[1]], [c.value for c in ws[2]]
    assert [c for v, c in zip(vi, codes) if v == c] == []     # every column has its Vietnamese header
    for code, header in (("unsd_category", "UNSD: xếp loại tiến độ"), ("required_path", "Lộ trình cần đạt từng năm"),
                         ("due_status_vi", "Tình trạng hạn"), ("settled_by", "Báo cáo sẽ xác nhận kết quả"),
                         ("annual_years_met", "Hằng năm: số năm đạt")):
        assert vi[codes.index(code)] == header
    rows = {ws.cell(r, codes.index("id") + 1).value: r for r in range(3, ws.max_row + 1)}
    j = codes.index("annual_years_met") + 1
    # A1 by hand: 96,5 ✗, 97,1 ✓, 97,3 ✓, 97,2 ✓ → met 3 of 4 years; A2 is not annual: an empty cell
    assert ws.cell(rows["A1"], j).value == 3 and ws.cell(rows["A2"], j).value is None
    assert ws.cell(rows["A1"], codes.index("data_year") + 1).number_format == "0"   # 2025, not 2.025,0


def test_levels_workbook_has_vietnamese_headers_above_the_codes(tmp_path, capsys):
    # reader: `levels --out x.xlsx` had only English codes as headers; now the assess workbook's convention
    import openpyxl

    from edustats.records import simulate

    simulate(3_000, seed=2, provinces=["Lai Châu"]).to_csv(tmp_path / "ho_so.csv", index=False)
    assert main(["levels", "--records", str(tmp_path / "ho_so.csv"), "--out", str(tmp_path / "muc.xlsx")]) == 0
    for name, want in (("muc.xlsx", {"commune_code": "Mã xã", "literacy_level": "XMC: mức đạt",
                                     "pcgd_primary_margin_persons": "PCGD tiểu học: chênh lệch so với ngưỡng (số người)",
                                     "diploma_15_18_numerator": "15-18 tuổi có bằng tốt nghiệp THCS: tử số"}),
                       ("muc-districts.xlsx", {"district": "Mã huyện", "district_name": "Huyện",
                                               "next_units_short": "Số xã còn thiếu"})):
        ws = openpyxl.load_workbook(tmp_path / name).active
        vi, codes = [c.value for c in ws[1]], [c.value for c in ws[2]]
        assert [c for v, c in zip(vi, codes) if v == c] == []
        assert {c: vi[codes.index(c)] for c in want} == want
        assert ws.freeze_panes == "A3"


def test_template_instructions_name_the_real_file_and_the_document(tmp_path, capsys):
    # reader: the *Hướng dẫn* command always named mau-nhap-lieu.xlsx whatever --out was, and the sheet said
    # "Lập bởi edustats cho: 001_51d59cd3eefeb0a9.txt" (data/sources.csv: 20-NQ/ĐU, 19/08/2021, Na Mèo)
    from openpyxl import load_workbook

    out = tmp_path / "mau na meo.xlsx"
    assert main(["template", "--source", "20-NQ/ĐU", "--out", str(out)]) == 0
    ws = load_workbook(out)["Hướng dẫn"]
    cells = [ws.cell(r, 1).value or "" for r in range(1, ws.max_row + 1)]
    made = next(c for c in cells if c.startswith("Lập bởi edustats cho: "))
    assert made.startswith("Lập bởi edustats cho: Nghị quyết số 20-NQ/ĐU của Ban Thường vụ Đảng ủy xã Na Mèo, "
                           "ngày 19/08/2021: Nghị quyết về phát triển, nâng cao chất lượng giáo dục")
    assert "(tệp 001_51d59cd3eefeb0a9.txt); năm 2018–2025" in made
    assert ('edustats briefing --locality "Na Mèo" --observations "mau na meo.xlsx" --targets "mau na meo.xlsx" '
            "--out ban-tom-tat.html") in cells
    assert not any("mau-nhap-lieu.xlsx" in c for c in cells)


def test_template_for_a_locality_without_targets_says_fill_the_targets_first(tmp_path, capsys):
    # reader: `template --locality "Pù Nhi"` said "0 dòng … (0 chỉ tiêu × 0 năm) … rồi chạy edustats briefing"
    out = tmp_path / "pu-nhi.xlsx"
    assert main(["template", "--locality", "Pù Nhi", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    vi = (f"Đã ghi tệp mẫu {out}: chưa có mục tiêu nào cho 'Pù Nhi' nên chưa có dòng số liệu dựng sẵn. Trước hết "
          "hãy điền trang 'Mục tiêu'")
    en = f"Template written to {out}: no targets for 'Pù Nhi' yet, so no data rows are laid out. First fill the sheet 'Mục tiêu'"
    assert vi in err and en in err and err.index(vi) < err.index(en)
    assert "0 chỉ tiêu × 0 năm" not in err and "0 indicators" not in err
    assert 'edustats briefing --locality "Pù Nhi" --observations pu-nhi.xlsx --targets pu-nhi.xlsx.' in err


def test_a_school_year_beside_its_calendar_year_is_called_the_same_year(tmp_path):
    # reader: '2024-2025' beside a '2025' row gave two duplicate messages, neither saying 2024-2025 is read as 2025;
    # '2024-2023' suggested 2023, the nearest valid form is the school year 2023-2024
    import pytest

    from edustats.errors import DataError
    from edustats.loaders import load_observations

    p = tmp_path / "o.csv"
    p.write_text("locality,indicator,level,year,value\nNa Mèo,promotion_rate,primary,2024-2025,97.1\n"
                 "Na Mèo,promotion_rate,primary,2025,97.3\nNa Mèo,promotion_rate,primary,2024-2023,97.0\n"
                 "Na Mèo,promotion_rate,primary,2020-2024,96.0\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_observations(p)
    vi, en = str(e.value).split("\nobservations file ")
    for row, found in ((2, "2024-2025"), (3, "2025")):
        assert (f"row {row}, column 'year': found '{found}'; expected one row per locality, indicator, level and year "
                "(duplicate of Na Mèo / promotion_rate / 2025: '2024-2025' is read as 2025, the same year as '2025')") in en
        assert (f"dòng {row}, cột 'year': gặp '{found}'; cần mỗi địa phương, chỉ tiêu, cấp học và năm chỉ một dòng "
                "(trùng Na Mèo / promotion_rate / 2025: '2024-2025' được tính là năm 2025, trùng với '2025')") in vi
    assert "found '2024-2023'; expected a year such as 2021 or a school year such as 2021-2022 (a school year is " \
           "written earlier year first: did you mean 2023-2024?)" in en
    assert "gặp '2024-2023'; cần một năm như 2021 hoặc năm học như 2021-2022 (năm học ghi năm trước trước: có phải " \
           "2023-2024?)" in vi
    # a period (not a reversed school year) still gets its final year
    assert "found '2020-2024'; expected a year such as 2021 or a school year such as 2021-2022 (a school year spans " \
           "two consecutive years; for a period write its final year, 2024)" in en
    assert len(e.value.problems) == 4


def test_counts_in_messages_are_written_the_vietnamese_way(tmp_path):
    # reader: "100000 dòng", "11500 dòng nữa": Vietnamese lines now write 1.200 (the English lines 1,200)
    import pytest

    from edustats.errors import DataError
    from edustats.loaders import load_observations

    n = 1_200
    rows = pd.DataFrame({"locality": [f"Xã {i:04d}" for i in range(n)], "indicator": "promotion_rate",
                         "level": "primary", "year": 2024, "value": 97.0})
    p = tmp_path / "o.csv"
    rows.to_csv(p, index=False)
    o = load_observations(p)
    assert "tiêu đề ở dòng 1, 1.200 dòng số liệu." in o.attrs["summary_vi"]
    assert "header in row 1, 1,200 data rows." in o.attrs["summary_en"]
    rows.assign(value="abc").to_csv(p, index=False)
    with pytest.raises(DataError) as e:
        load_observations(p)
    vi = str(e.value).split("\nobservations file ")[0]
    assert vi.startswith(f"tệp số liệu {p} có lỗi: 1.200 lỗi\n")
    assert vi.splitlines()[-1] == ("  … và 1.000 lỗi khác: sửa các lỗi trên rồi chạy lại (thường cùng một nguyên "
                                   "nhân); trong Python, DataError.problems có đủ mọi lỗi")   # 200 shown, 1.000 more
    en = "observations file " + str(e.value).split("\nobservations file ")[1]
    assert " is invalid: 1,200 problems\n" in en and en.splitlines()[-1].startswith("  … and 1,000 more: fix the ones")


def test_trainer_pupils_per_class_formula_is_the_ratio_with_every_symbol_defined():
    # reader: drawn as an inequality "≤ 35 (TH), 45" with a legend defining only n and naming preschool groups
    from edustats.formulas import formulas_for, legibility

    (f,) = formulas_for("pcr")
    assert f.tex("vi") == r"\mathrm{HS/lớp}_L = \dfrac{E_L}{n_L}" and f.tex("en") == r"\mathrm{PCR}_L = \dfrac{E_L}{n_L}"
    assert r"\leq" not in f.tex("vi") + f.tex("en")
    for sym in ("HS/lớp:", "E_L:", "n_L:"):
        assert sym in f.where("vi")
    for sym in ("PCR:", "E_L:", "n_L:"):
        assert sym in f.where("en")
    assert "35 học sinh/lớp ở tiểu học, 45 ở THCS và THPT" in f.where("vi")
    assert "nhóm trẻ" not in f.where("vi") and "nursery" not in f.where("en")
    assert legibility(f.tex("vi"))["ok"] and legibility(f.tex("en"))["ok"]   # drawn legibly (the handbook check)


def test_trainer_worked_ptr_speaks_the_page_language_and_single_ages_read_as_one_age():
    # reader: "19 students/teacher" on the Vietnamese page; exercises had "(11-11 tuổi)"
    from edustats.worked import exercise_answer, worked_example

    vi = worked_example("ptr").steps
    assert vi == ["86.413 / 4.527 = 19,09", "Niên giám in 19 học sinh/giáo viên: làm tròn đến số nguyên, 19,09 ≈ 19"]
    assert "students" not in " ".join(vi)   # 86.413 / 4.527 = 19,088… by hand
    assert worked_example("ptr", "en").steps[1] == "The yearbook prints 19 pupils per teacher: rounded to whole pupils, 19,09 ≈ 19"
    w = exercise_answer("completion_by_age")
    assert w.title == "Đã hoàn thành tiểu học (11 tuổi), Xã B" and "11-11" not in w.title
    assert exercise_answer("completion_by_age", "en").title.startswith("Completed primary (aged 11), ")


def test_a_target_met_exactly_at_its_threshold_is_not_called_close_to_it():
    # reader: 6 % against "≤ 6 %" read "sát mục tiêu" beside "Đã đạt" on page one
    from edustats.assess import assess
    from edustats.briefing import assessment_table, target_sentence

    tg = pd.DataFrame({"id": ["T1", "T2"], "kind": "target", "source": "x", "locality": "Na Mèo", "level": "preschool",
                       "indicator": "malnutrition_rate", "label_vi": "Tỷ lệ trẻ suy dinh dưỡng", "comparator": ["<=", "<"],
                       "value": 6.0, "year": 2025, "unit": "percent"})
    ob = pd.DataFrame({"locality": "Na Mèo", "level": "preschool", "indicator": "malnutrition_rate",
                       "year": [2022, 2023, 2024, 2025], "value": [8.5, 7.6, 6.9, 6.0]})
    r = assess(tg, ob, as_of="2026-11-29")
    assert r["verdict"].tolist() == ["observed_met", "observed_missed"]   # 6,0 ≤ 6 met; 6,0 < 6 not met
    gap = assessment_table(r, ob).iloc[:, 7].tolist()
    assert gap == ["đạt, vừa đúng mục tiêu", "chưa đạt, sát mục tiêu"]
    assert assessment_table(r, ob, lang="en").iloc[:, 7].tolist() == ["met, exactly at the target",
                                                                       "not met, just short of the target"]
    # a forecast exactly at the threshold: "đạt mục tiêu ≤ 6% (vừa đúng ngưỡng)", not "sát mục tiêu"
    ob4 = ob.assign(year=[2021, 2022, 2023, 2024], value=[8.5, 7.6, 6.9, 6.4])
    row = assess(tg.iloc[:1], ob4, as_of="2025-06-30").iloc[0].to_dict()
    row["projected"] = 6.0
    assert "Dự báo của mô hình cho năm 2025: 6% (khoảng 80%: " in target_sentence(row)
    assert "), đạt mục tiêu ≤ 6% (vừa đúng ngưỡng); xác suất đạt" in target_sentence(row)
    assert "), meeting the target ≤ 6% exactly; probability met" in target_sentence(row, "en")
    assert "sát mục tiêu" not in target_sentence(row)
