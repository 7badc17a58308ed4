"""Malformed files give one clear error naming every bad cell; nothing is silently dropped."""
import pandas as pd
import pytest

import edustats as es
from edustats.errors import DataError

HEADER = "source,kind,year,level,indicator,comparator,value,unit,quote\n"


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return p


def test_targets_every_bad_cell_is_named(tmp_path):
    p = write(tmp_path, "t.csv", HEADER +
              "a.txt,target,20255,primary,promotion_rate,>=,97,percent,x\n"
              "a.txt,goal,2025,primary,promotion_rate,=>,abc,percent,x\n"
              "a.txt,target,2025,primry,completion_rate,>=,140,percent,x\n"
              "a.txt,target,2025,primary,,>=,5,furlongs,x\n")
    with pytest.raises(DataError) as err:
        es.load_targets(p)
    msg = str(err.value)
    assert msg.startswith(f"tệp mục tiêu {p} có lỗi: 7 lỗi\n")     # Vietnamese first
    assert f"\ntargets file {p} is invalid: 7 problems\n" in msg     # then English
    assert f"{p}, dòng 2, cột 'year': gặp 20255; cần một năm từ 1975 đến 2100" in msg
    assert f"{p}, row 2, column 'year': found 20255; expected a year between 1975 and 2100" in msg
    assert "row 3, column 'kind': found 'goal'; expected one of target, baseline" in msg
    assert "row 3, column 'comparator': found '=>'; expected one of >=, >, <=, <, =" in msg
    assert "row 3, column 'value': found 'abc'; expected a number such as 22,5 or 1.830" in msg
    assert "row 4, column 'level': found 'primry'" in msg
    assert "row 4, column 'value': found '140'; expected a value in [0, 100] for indicator 'completion_rate'" in msg
    assert "row 5, column 'unit': found 'furlongs'" in msg
    problems = err.value.problems
    assert list(problems.columns) == ["file", "row", "column", "value", "expected"]
    assert problems["row"].tolist() == [2, 3, 3, 3, 4, 4, 5]


def test_targets_missing_columns(tmp_path):
    p = write(tmp_path, "t.csv", "source,kind,year\na.txt,target,2025\n")
    with pytest.raises(DataError, match=r"row 1, column 'value'.*expected a column named 'value'"):
        es.load_targets(p)


def test_targets_vietnamese_numbers_are_read(tmp_path):
    p = write(tmp_path, "t.csv", HEADER + 'a.txt,target,2025,primary,,>=,"22,5%",percent,x\n'
                                          'a.txt,target,2025,all,,>=,35 triệu đồng,million_vnd,x\n'
                                          'a.txt,target,2025,all,,>=,09 trường,count,x\n')
    t = es.load_targets(p)
    assert t["value"].tolist() == [22.5, 35.0, 9.0]
    assert t["year"].dtype == "int64"


def test_targets_unit_in_value_must_agree(tmp_path):
    p = write(tmp_path, "t.csv", HEADER + 'a.txt,target,2025,primary,,>=,"22,5%",count,x\n')
    with pytest.raises(DataError, match=r"expected a value in unit 'count' \(the cell says percent\)"):
        es.load_targets(p)


def test_empty_file(tmp_path):
    p = write(tmp_path, "t.csv", "")
    with pytest.raises(DataError, match=r"empty file: 1 problem\n  .*t.csv: found ''; expected a header row"):
        es.load_targets(p)


def test_header_only(tmp_path):
    p = write(tmp_path, "t.csv", HEADER)
    with pytest.raises(DataError, match="no data rows"):
        es.load_targets(p)


def test_wrong_encoding_names_the_row(tmp_path):
    p = write(tmp_path, "o.csv", "locality,indicator,year,value\nNa Mèo,x,2021,5\n", encoding="cp1258")
    with pytest.raises(DataError) as err:
        es.load_observations(p)
    assert "file is not UTF-8: 1 problem" in str(err.value)
    assert f"{p}, row 2: found 'e8 6f 2c 78" in str(err.value)
    assert "Windows-1258" in str(err.value)


def test_mojibake_is_refused(tmp_path):
    mangled = "locality,indicator,year,value\nNa Mèo,tỷ lệ,2021,5\n".encode("utf-8").decode("cp1252", "replace")
    p = write(tmp_path, "o.csv", mangled)
    with pytest.raises(DataError, match="mojibake"):
        es.load_observations(p)


def test_missing_file():
    with pytest.raises(DataError, match="expected an existing file"):
        es.load_observations("no/such/file.csv")


OBS = "locality,indicator,year,value,numerator,denominator\n"


def test_observations_bad_rows_all_reported(tmp_path):
    p = write(tmp_path, "o.csv", OBS +
              "Na Mèo,completion_rate,2021,140,,\n"          # 140% completion: impossible
              'Na Mèo,malnutrition_rate,2021,"9,0",18,200\n'
              "Na Mèo,malnutrition_rate,2021,9,18,200\n"     # duplicate key
              "Na Mèo,ger,2021,105,210,200\n"                # GER may exceed 100: fine
              'Na Mèo,promotion_rate,2021,"22,5",412,1830\n'
              "Na Mèo,promotion_rate,2022,50,412,1830\n"     # value disagrees with counts
              "Na Mèo,net_intake_rate,2022,50,-1,2\n"        # negative count
              "Na Mèo,net_intake_rate,2023,50,3,0\n"         # zero denominator
              "Na Mèo,net_intake_rate,2024,100,3,2\n"        # numerator > denominator
              "Na Mèo,net_intake_rate,20255,50,,\n")         # year out of range
    with pytest.raises(DataError) as err:
        es.load_observations(p)
    pr = err.value.problems
    got = set(zip(pr["row"], pr["column"]))
    assert got == {(2, "value"), (3, "year"), (4, "year"), (7, "value"), (8, "numerator"),
                   (9, "denominator"), (10, "numerator"), (11, "year")}
    msg = str(err.value)
    assert "row 2, column 'value': found '140'; expected a value in [0, 100] for indicator 'completion_rate'" in msg
    assert "row 7, column 'value': found '50'; expected 100 × numerator / denominator = 22.51" in msg
    assert "row 9, column 'denominator': found '0'; expected a denominator > 0" in msg


def test_observations_good_file_is_tidy_and_sorted(tmp_path):
    p = write(tmp_path, "o.csv", OBS +
              'Na Mèo,promotion_rate,2022,"96,5",193,200\n'
              'Na Mèo,promotion_rate,2021,"22,5",412,1830\n'
              "Lạc Sơn,qualified_teacher_share,2022,81,,\n")
    o = es.load_observations(p)
    assert o[["locality", "year"]].values.tolist() == [["Lạc Sơn", 2022], ["Na Mèo", 2021], ["Na Mèo", 2022]]
    assert o["value"].tolist() == [81.0, 22.5, 96.5]
    assert o["unit"].tolist() == ["percent"] * 3
    assert len(o) == 3  # nothing dropped


def test_observations_from_excel(tmp_path):
    p = tmp_path / "o.xlsx"
    pd.DataFrame({"locality": ["Na Mèo"], "indicator": ["malnutrition_rate"], "year": [2021],
                  "value": ["9"], "numerator": [18], "denominator": [200]}).to_excel(p, index=False)
    o = es.load_observations(p)
    assert o["value"].item() == 9.0 and o["numerator"].item() == 18.0


def test_observations_excel_bad_cell_names_the_row(tmp_path):
    p = tmp_path / "o.xlsx"
    pd.DataFrame({"locality": ["A", "B"], "indicator": ["ner", "ner"], "year": [2021, 2021],
                  "value": ["95", "101"]}).to_excel(p, index=False)
    with pytest.raises(DataError, match=r"row 3, column 'value': found '101'; expected a value in \[0, 100\]"):
        es.load_observations(p)


def test_html_is_not_a_table(tmp_path):
    p = write(tmp_path, "o.csv", "<!DOCTYPE html><html><body>x</body></html>")
    with pytest.raises(DataError, match="file is HTML"):
        es.load_observations(p)


def test_sources_and_commitments_load():
    s = es.load_sources()
    assert len(s) == 5 and s["file"].is_unique
    c = es.load_commitments()
    assert c["id"].is_unique


def test_a_rate_given_by_its_counts_alone_is_computed_and_noted(tmp_path):
    p = tmp_path / "o.csv"
    p.write_text("locality,indicator,level,year,value,numerator,denominator\n"
                 "A,mobilisation_rate,nursery,2023,,33,120\nA,mobilisation_rate,nursery,2024,30,36,120\n", encoding="utf-8")
    o = es.load_observations(p).set_index("year")
    assert o.at[2023, "value"] == pytest.approx(27.5) and "tính từ tử số" in o.at[2023, "note"]
    assert o.at[2024, "value"] == 30 and o.at[2024, "note"] == ""
    p.write_text("locality,indicator,level,year,value,numerator,denominator\nA,mobilisation_rate,nursery,2023,,,\n",
                 encoding="utf-8")
    with pytest.raises(es.DataError, match="row 2, column 'value'"):
        es.load_observations(p)
