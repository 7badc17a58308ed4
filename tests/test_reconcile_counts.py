"""Reconcile on a planner's own counts: any folder, every verdict, a missing row that does not abort the run."""
import shutil

import pandas as pd
import pytest

import edustats as es
from edustats.cli import main
from edustats.examples import EXAMPLES_DIR, FILES, load_counts, load_example
from edustats.reconcile import reconcile

TARGETS = es.load_targets()


@pytest.fixture
def own_counts(tmp_path):
    """The example tables as a planner would export them: no synthetic column, Vietnamese numbers."""
    folder = tmp_path / "my_counts"
    folder.mkdir()
    for name in FILES:
        df = pd.read_csv(EXAMPLES_DIR / f"{name}.csv", dtype=str, keep_default_na=False).drop(columns="synthetic")
        if name == "rates":  # 2400 workers written the Vietnamese way
            df["denominator"] = df["denominator"].map(lambda v: f"{int(v):,}".replace(",", "."))
        df.to_csv(folder / f"{name}.csv", index=False)
    assert "2.400" in (folder / "rates.csv").read_text(encoding="utf-8")
    return folder


def test_load_example_still_refuses_unlabelled_rows(own_counts):
    with pytest.raises(ValueError, match="synthetic=true"):
        load_example("nutrition", own_counts)
    t = load_counts("rates", own_counts)   # the planner's loader takes them
    assert not t.attrs["synthetic"] and 2400 in set(t["denominator"])


def test_cli_reconcile_on_a_planners_own_counts(own_counts, tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["reconcile", "--counts", str(own_counts), "--out", str(out)]) == 0
    r = pd.read_csv(out, keep_default_na=False)
    assert len(r) == 14
    assert r["status"].value_counts().to_dict() == {"reproduced": 13, "tie": 1}
    assert (r["data"] == str(own_counts)).all() and not r["synthetic"].astype(str).eq("True").any()
    assert "minh họa" not in "".join(r["data"])
    err = capsys.readouterr().err
    assert f"counts: {own_counts}" in err and "minh họa" not in err
    nine = r.set_index("id").loc["001-09"]
    assert (float(nine["numerator"]), float(nine["denominator"])) == (960.0, 2400.0)


def test_a_missing_row_is_named_and_the_run_goes_on(own_counts):
    p = own_counts / "population.csv"
    pop = pd.read_csv(p)
    pop[~((pop["locality"] == "Na Mèo") & (pop["year"] == 2021) & (pop["age"] == 5))].to_csv(p, index=False)
    r = reconcile(TARGETS, own_counts).set_index("id")
    assert r.loc["001-01", "status"] == "counts missing"
    assert "population.csv" in r.loc["001-01", "missing"]
    assert "locality=Na Mèo, year=2021" in r.loc["001-01", "missing"] and "aged 5-5" in r.loc["001-01", "missing"]
    assert r.loc["001-01", "verdict"].startswith("thiếu số liệu / counts missing")
    assert (r.drop(index="001-01")["status"].isin(["reproduced", "tie"])).all()


def test_a_missing_table_is_named(own_counts):
    (own_counts / "nutrition.csv").unlink()
    r = reconcile(TARGETS, own_counts).set_index("id")
    assert r.loc["001-03", "status"] == "counts missing"
    assert "nutrition.csv" in r.loc["001-03", "missing"]
    assert r.loc["001-02", "status"] == "reproduced"


def test_not_reproduced_gives_the_nearest_and_the_gap(own_counts):
    p = own_counts / "nutrition.csv"
    nut = pd.read_csv(p)
    nut.loc[(nut["locality"] == "Na Mèo") & (nut["year"] == 2021), "malnourished"] = 22   # 22/200 = 11%
    nut.to_csv(p, index=False)
    r = reconcile(TARGETS, own_counts).set_index("id")
    assert r.loc["001-03", "status"] == "not reproduced" and not r.loc["001-03", "matches"]
    assert r.loc["001-03", "verdict"] == ("không tái lập được / not reproduced: nearest: malnourished ÷ children "
                                          "weighed = 11, gap +2 [rounding assumed: either way at an exact .5]")
    assert r.loc["001-03", ["numerator", "denominator"]].tolist() == [22.0, 200.0]


def test_the_rounding_assumed_decides_and_is_stated(own_counts):
    p = own_counts / "nutrition.csv"
    nut = pd.read_csv(p)
    nut.loc[(nut["locality"] == "Na Mèo") & (nut["year"] == 2021), "malnourished"] = 19   # 19/200 = 9,5%
    nut.to_csv(p, index=False)
    either = reconcile(TARGETS, own_counts).set_index("id").loc["001-03"]
    up = reconcile(TARGETS, own_counts, rounding="half_up").set_index("id").loc["001-03"]
    assert either["status"] == "reproduced" and "either way at an exact .5" in either["rounding"]
    assert up["status"] == "not reproduced" and "half up" in up["rounding"]
    # 9,5 prints 9 only when truncated or rounded down at the half (half-even gives 10)
    assert up["verdict"].endswith("it prints 9% under truncation (8.29 → 8.2), either way at an exact .5 "
                                  "[rounding assumed: half up (8.25 → 8.3)]")


def test_a_tie_when_two_definitions_print_the_figure(own_counts):
    # make the 15-17 definition print 90,14% too: it lists both, numerator/denominator left to each
    p = own_counts / "attainment.csv"
    a = pd.read_csv(p)
    sel = (a["locality"] == "Na Mèo") & (a["year"] == 2021)
    # 15-17: 64 of 71 = 90,14%; 15-18 stays 320/355 (18-year-olds get the rest)
    a.loc[sel & (a["age"] == 15), ["population", "completed"]] = [24, 22]
    a.loc[sel & (a["age"] == 16), ["population", "completed"]] = [24, 21]
    a.loc[sel & (a["age"] == 17), ["population", "completed"]] = [23, 21]
    a.loc[sel & (a["age"] == 18), ["population", "completed"]] = [284, 256]
    a.to_csv(p, index=False)
    r = reconcile(TARGETS, own_counts).set_index("id").loc["001-05"]
    assert r["status"] == "tie"
    assert "(64 / 71) ✓" in r["candidates"] and "(320 / 355) ✓" in r["candidates"]
    assert pd.isna(r["numerator"]) and pd.isna(r["denominator"])


def test_no_definition_coded():
    extra = TARGETS[TARGETS["id"] == "001-02"].assign(id="999-01", indicator="ger", value=105.0)
    r = reconcile(pd.concat([TARGETS, extra], ignore_index=True)).set_index("id")
    assert r.loc["999-01", "status"] == "no definition"
    assert r.loc["999-01", "verdict"] == "chưa có định nghĩa / no definition: no definition coded for indicator ger"


def test_a_bad_count_cell_is_one_clear_error(own_counts, capsys):
    p = own_counts / "nutrition.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("Na Mèo,2021,200,18", "Na Mèo,2021,\"1,830\",18"),
                 encoding="utf-8")
    assert main(["reconcile", "--counts", str(own_counts)]) == 2
    err = capsys.readouterr().err
    assert "nutrition.csv" in err and "column 'weighed': found '1,830'" in err and "ambiguous" in err
    assert "Traceback" not in err


def test_counts_folder_must_exist(tmp_path, capsys):
    assert main(["reconcile", "--counts", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_count_tables_read_a_planners_vietnamese_headers_and_school_years(tmp_path):
    # fresh reader: "Địa phương" was parsed as a number column and "2021-2022" as a unit
    from edustats.examples import load_counts
    from edustats.errors import DataError
    (tmp_path / "population.csv").write_text(
        "Địa phương;Năm học;Tuổi;Dân số;Ghi chú\nNa Mèo;2020-2021;5;58;\nNa Mèo;2020-2021;6;1.203;điều tra\n",
        encoding="utf-8")
    t = load_counts("population", tmp_path)
    assert list(t.columns) == ["locality", "year", "age", "population", "note"]
    assert t[["year", "age", "population"]].values.tolist() == [[2021, 5, 58], [2021, 6, 1203]]
    # a column that is not one of the table's (a row number, a remark) is left out and named, not fatal
    (tmp_path / "population.csv").write_text("STT;Địa phương;Năm;Tuổi;Dân số;Số dân cư\n1;Na Mèo;2021;5;58;x\n",
                                             encoding="utf-8")
    t = load_counts("population", tmp_path)
    assert list(t.columns) == ["locality", "year", "age", "population"]
    assert t.attrs["ignored_columns"][0] == "STT"
    assert t.attrs["ignored_columns"][1].startswith("Số dân cư (có phải / did you mean '")
    (tmp_path / "population.csv").write_text("locality,year,age,population\nNa Mèo,2020-2022,5,58\n"
                                             "Na Mèo,2021,6,\"1,830\"\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_counts("population", tmp_path)
    p = e.value.problems
    assert p[["row", "column", "value"]].values.tolist() == [[2, "year", "2020-2022"], [3, "population", "1,830"]]
    assert "không rõ nghĩa" in str(e.value).split("count table")[0]      # why, in the Vietnamese half too


def test_reconcile_messages_name_the_planners_own_headers(own_counts, capsys):
    # fresh reader: a bad cell under "Tử số" was reported as column 'numerator', a name the planner never wrote
    rates = ("Địa phương,Năm,Chỉ tiêu,Tử số,Mẫu số\n"
             "Na Mèo,2021,grade9_vocational_orientation_rate,{},102\n"
             "Na Mèo,2021,inclusive_education_rate,6,6\nNa Mèo,2021,trained_labour_share,960,2.400\n")
    (own_counts / "rates.csv").write_text(rates.format("abc"), encoding="utf-8")
    assert main(["reconcile", "--counts", str(own_counts)]) == 2
    err = capsys.readouterr().err
    vi, en = err.split("count table")
    assert "rates.csv, dòng 2, cột 'Tử số' (numerator): gặp 'abc'" in vi
    assert "rates.csv, row 2, column 'Tử số' (numerator): found 'abc'" in en
    # a numerator above its denominator (102 grade-9 pupils, 120 oriented): the check names 'Tử số' too
    (own_counts / "rates.csv").write_text(rates.format("120"), encoding="utf-8")
    r = reconcile(TARGETS, own_counts).set_index("id")
    assert r.loc["001-06", "status"] == "counts missing"
    assert "rates.csv: 'Tử số' (numerator) locality=Na Mèo, year=2021: 120 > 102" in r.loc["001-06", "missing"]
    # headers written as the table's own column names are printed as they are, without a bracket
    (own_counts / "rates.csv").write_text(rates.format("abc").replace("Tử số", "numerator"), encoding="utf-8")
    assert main(["reconcile", "--counts", str(own_counts)]) == 2
    assert "column 'numerator': found 'abc'" in capsys.readouterr().err
