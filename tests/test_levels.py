"""Levels from person-level records: counts by hand, the classifier as the only rule book, DuckDB and Spark alike."""
import os
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from edustats.cli import main
from edustats.errors import DataError
from edustats.indicators import classify_universalization
from edustats.levels import STANDARDS, commune_counts, commune_levels, levels_from_records
from edustats.records import RECORD_COLUMNS, simulate, validate_records, write_population


def person(commune="00001", age=10, **kw):
    base = dict(person_id=0, province_code="01", district_code="001", commune_code=commune, dbkk=False, year=2024,
                birth_year=2024 - age, sex=1, ethnic_minority=False, disability=0, enrolled_level="", grade=0,
                completed="none", literacy=0, synthetic=False)
    base.update(kw)
    return base


def hand_made():
    """Twelve people of one commune, each criterion worked out below by hand."""
    rows = [
        person(age=5, enrolled_level="preschool", completed="preschool"),   # 5: attends, completed
        person(age=5, enrolled_level="preschool"),                          # 5: attends, not completed
        person(age=5),                                                      # 5: at home
        person(age=6, enrolled_level="primary", grade=1, completed="preschool"),  # 6: grade 1
        person(age=6, enrolled_level="preschool", completed="preschool"),   # 6: still in preschool
        person(age=11, completed="primary", enrolled_level="lower_secondary", grade=6, literacy=2),
        person(age=11, enrolled_level="primary", grade=5, literacy=1),      # 11: still in primary
        person(age=11, literacy=1),                                         # 11: left primary without completing
        person(age=14, completed="primary", literacy=2),                    # 14: completed primary, left
        person(age=16, completed="lower_secondary", enrolled_level="upper_secondary", grade=11, literacy=2),
        person(age=17, completed="primary", enrolled_level="vocational", literacy=2),
        person(age=40, literacy=0, disability=1),                           # adult, disabled, not literate
    ]
    df = pd.DataFrame(rows)
    df["person_id"] = range(1, len(df) + 1)
    return df


def test_counts_of_a_hand_made_commune(tmp_path):
    path = tmp_path / "ho_so.parquet"
    hand_made().to_parquet(path)
    c = commune_counts(path).iloc[0]
    expect = {
        "age5_enrolment_rate": (2, 3), "age5_completion_rate": (1, 3), "net_intake_rate": (1, 2),
        "completion_by_14": (2, 4),        # the 11-year-old who completed and the 14-year-old, of four aged 11-14
        "completion_by_11": (1, 3), "diploma_15_18": (1, 2),
        "upper_or_vocational_15_18": (2, 2),  # upper secondary and vocational both count (Điều 16.1.c)
        "literate_l1_15_35": (2, 2), "literate_l2_15_60": (2, 3), "literate_l1_15_25": (2, 2),
        "disabled_access_literacy": (0, 1),
    }
    for col, (num, den) in expect.items():
        assert (c[f"{col}_numerator"], c[f"{col}_denominator"]) == (num, den), col
    assert c["age11_not_completed_not_in_primary"] == 1 and c["persons"] == 12 and not c["dbkk"]


def test_record_counts_equal_pandas_counts_and_levels_come_from_the_classifier(tmp_path):
    pop = simulate(30_000, seed=11, provinces=["Lai Châu"])
    path = tmp_path / "lai_chau.parquet"
    pop.to_parquet(path)
    counts = commune_counts(path)
    # the same counts written independently with pandas
    age = pop["year"] - pop["birth_year"]
    rank = pop["completed"].map({"none": 0, "preschool": 1, "primary": 2, "lower_secondary": 3, "upper_secondary": 4})
    g = pop.assign(a=age, r=rank).groupby("commune_code")
    by_hand = pd.DataFrame({
        "net_intake_rate_numerator": g.apply(lambda d: ((d.a == 6) & (d.enrolled_level == "primary") & (d.grade == 1)).sum()),
        "net_intake_rate_denominator": g.apply(lambda d: (d.a == 6).sum()),
        "completion_by_11_numerator": g.apply(lambda d: ((d.a == 11) & (d.r >= 2)).sum()),
        "diploma_15_18_numerator": g.apply(lambda d: (d.a.between(15, 18) & (d.r >= 3)).sum()),
        "diploma_15_18_denominator": g.apply(lambda d: d.a.between(15, 18).sum()),
        "literate_l2_15_60_numerator": g.apply(lambda d: (d.a.between(15, 60) & (d.literacy >= 2)).sum()),
        "age11_not_completed_not_in_primary": g.apply(
            lambda d: ((d.a == 11) & (d.r < 2) & (d.enrolled_level != "primary")).sum()),
    })
    got = counts.set_index("commune_code")[by_hand.columns]
    by_hand = by_hand.loc[got.index]
    got.index, by_hand.index = got.index.astype(str), by_hand.index.astype(str)
    pd.testing.assert_frame_equal(got.astype("int64"), by_hand.astype("int64"), check_names=False, check_index_type=False)

    levels = commune_levels(counts)
    # primary through the classifier, called here directly on the counts
    rates = counts[["province_code", "district_code", "commune_code", "year", "dbkk"]].copy()
    for col in ("net_intake_rate", "completion_by_14", "completion_by_11"):
        rates[f"{col}_numerator"] = counts[f"{col}_numerator"]
        rates[f"{col}_denominator"] = counts[f"{col}_denominator"]
    rates["age11_not_completed_not_in_primary"] = counts["age11_not_completed_not_in_primary"]
    has = counts["disabled_access_pcgd_primary_denominator"] > 0
    rates["disabled_access_numerator"] = np.where(has, counts["disabled_access_pcgd_primary_numerator"], 1)
    rates["disabled_access_denominator"] = np.where(has, counts["disabled_access_pcgd_primary_denominator"], 1)
    ok = (counts[["net_intake_rate_denominator", "completion_by_14_denominator", "completion_by_11_denominator"]] > 0).all(axis=1)
    direct = classify_universalization(rates[ok], "pcgd_primary", by=("commune_code", "year"))
    lv = levels.set_index("commune_code")["pcgd_primary_level"]
    assert direct.set_index("commune_code")["level"].tolist() == lv[ok.to_numpy()].tolist()
    # a commune with nobody of a criterion's age has no level, and says why
    assert lv[~ok.to_numpy()].isna().all() and (~ok).sum() >= 1
    assert levels.loc[~ok.to_numpy(), "pcgd_primary_binding"].str.startswith("không xác định").all()
    # the synthetic population spreads over the levels (a generator that put every commune at one level
    # could not show a wrong threshold)
    assert levels["pcgd_primary_level"].nunique() >= 3 and levels["pcgd_lower_secondary_level"].nunique() >= 2


def test_districts_follow_the_articles(tmp_path):
    pop = simulate(40_000, seed=3, provinces=["Lai Châu"])
    pop.to_parquet(tmp_path / "p.parquet")
    res = levels_from_records(tmp_path / "p.parquet")
    d = res["districts"]
    c = res["communes"]
    assert set(d["standard"]) == set(STANDARDS) and d["district"].nunique() == c["district_code"].nunique()
    # a district at primary level ≥ 1 has at least 90% of its communes there (Điều 9.3)
    prim = d[d["standard"] == "pcgd_primary"].set_index("district")["level"]
    share = c.assign(d=c["province_code"] + "-" + c["district_code"]).groupby("d")["pcgd_primary_level"].apply(
        lambda s: (s.fillna(0) >= 1).mean())  # an undefined commune level counts as not meeting
    for dist, lvl in prim.items():
        assert (lvl >= 1) == (share[dist] >= 0.9), dist


def test_malformed_records_are_named(tmp_path):
    df = hand_made()
    df.loc[3, "grade"] = 7                      # a grade-7 primary pupil
    df.loc[5, "birth_year"] = 2030               # born after the survey
    df.to_csv(tmp_path / "ho_so.csv", index=False)
    with pytest.raises(DataError) as e:
        commune_counts(tmp_path / "ho_so.csv")
    msg = str(e.value)
    assert "ho_so.csv" in msg and "person_id 4" in msg and "column 'grade'" in msg and "person_id 6" in msg
    with pytest.raises(DataError, match="invalid universalisation records"):
        validate_records(df, "ho_so.csv")
    # a column of the wrong type
    bad = hand_made()
    bad["birth_year"] = bad["birth_year"].astype(str) + "x"
    bad.to_parquet(tmp_path / "t.parquet")
    with pytest.raises(DataError, match="birth_year"):
        commune_counts(tmp_path / "t.parquet")
    # a commune that is both ĐBKK and not
    mixed = hand_made()
    mixed.loc[0, "dbkk"] = True
    mixed.to_parquet(tmp_path / "m.parquet")
    with pytest.raises(DataError, match="both ĐBKK and not"):
        commune_counts(tmp_path / "m.parquet")


def test_generator_is_seeded_and_streams(tmp_path):
    a = simulate(8_000, seed=4, provinces=["Lai Châu"])
    b = simulate(8_000, seed=4, provinces=["Lai Châu"])
    pd.testing.assert_frame_equal(a, b)
    assert a["synthetic"].all() and list(a.columns) == list(RECORD_COLUMNS)
    m = write_population(tmp_path / "pop", 8_000, seed=4, provinces=["Lai Châu"], chunk_rows=2_000)
    parts = sorted((tmp_path / "pop").glob("part-*.parquet"))
    assert len(parts) >= 4 and m["rows"] == len(a) and m["synthetic"] is True
    back = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(back.astype(a.dtypes.to_dict()), a, check_dtype=False)


def test_cli_levels_csv_xlsx_and_refusals(tmp_path, capsys):
    pop = simulate(6_000, seed=2, provinces=["Lai Châu"])
    pop.to_csv(tmp_path / "ho_so.csv", index=False)
    assert main(["levels", "--records", str(tmp_path / "ho_so.csv"), "--out", str(tmp_path / "muc.xlsx")]) == 0
    err = capsys.readouterr().err
    assert "xã / communes" in err and "pcgd_primary: mức" in err
    out = pd.read_excel(tmp_path / "muc.xlsx", dtype={"commune_code": str}, header=1)   # row 1: Vietnamese headers
    assert len(out) == pop["commune_code"].nunique() and (tmp_path / "muc-districts.xlsx").exists()
    assert main(["levels", "--records", str(tmp_path / "ho_so.csv"), "--out", str(tmp_path / "ho_so.csv")]) == 2
    assert "refusing to write over the input" in capsys.readouterr().err
    assert main(["levels", "--records", str(tmp_path / "none"), "--out", str(tmp_path / "x.csv")]) == 2
    assert "records not found" in capsys.readouterr().err


def _spark_ready() -> str | None:
    if shutil.which("java") is None:
        return "Java is not installed (the Spark engine needs Java 17)"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed (pip install 'edustats[spark]')"
    return None


@pytest.mark.skipif(_spark_ready() is not None, reason=str(_spark_ready()))
def test_spark_gives_the_same_counts_as_duckdb(tmp_path):
    write_population(tmp_path / "lai_chau", 60_000, seed=9, provinces=["Lai Châu"], chunk_rows=20_000)
    duck = commune_counts(tmp_path / "lai_chau", engine="duckdb")
    spark = commune_counts(tmp_path / "lai_chau", engine="spark")
    pd.testing.assert_frame_equal(duck, spark[duck.columns], check_dtype=False)
    assert len(duck) == 106


def test_a_csv_cell_of_the_wrong_type_is_named_with_every_other_problem(tmp_path):
    # fresh reader: "19x5" gave DuckDB's "Conversion Error: CSV Error on Line: 7" alone, the other
    # planted errors unreported, all in English
    df = hand_made()
    df.to_csv(tmp_path / "ho_so.csv", index=False)
    text = (tmp_path / "ho_so.csv").read_text().splitlines()
    head = text[0].split(",")
    def put(line, col, value):
        cells = text[line].split(",")
        cells[head.index(col)] = value
        text[line] = ",".join(cells)
    put(2, "birth_year", "19x5")      # person_id 2: not a number
    put(3, "dbkk", "maybe")           # person_id 3: not true/false
    put(5, "sex", "3")                # person_id 5: out of range
    (tmp_path / "ho_so.csv").write_text("\n".join(text) + "\n")
    with pytest.raises(DataError) as e:
        commune_counts(tmp_path / "ho_so.csv")
    p = e.value.problems.set_index("column")
    assert p.loc["birth_year", "value"] == "19x5" and p.loc["birth_year", "row"] == "person_id 2"
    assert p.loc["dbkk", "value"] == "maybe" and p.loc["sex", "value"] == "3" and len(p) == 3
    msg = str(e.value)
    assert msg.index("hồ sơ phổ cập không hợp lệ") < msg.index("invalid universalisation records")
    assert "cần một số nguyên" in msg and "cần 1 (nam) hoặc 2 (nữ)" in msg
    # the same file without the checks still never reads "19x5" as an empty cell
    with pytest.raises(DataError, match="19x5"):
        commune_counts(tmp_path / "ho_so.csv", check=False)


def test_levels_name_both_maps(tmp_path):
    pop = simulate(6_000, seed=2, provinces=["Lai Châu"])
    pop.to_parquet(tmp_path / "p.parquet")
    res = levels_from_records(tmp_path / "p.parquet")
    c = res["communes"].set_index("commune_code")
    # GSO 2016 list: 03451 is Xã Mù Cả, Huyện Mường Tè; the 2025 crosswalk puts it in Xã Mù Cả (Lai Châu)
    assert tuple(c.loc["03451", ["province", "district", "commune"]]) == ("Lai Châu", "Huyện Mường Tè", "Xã Mù Cả")
    assert c.loc["03451", "commune_2025"] == "Xã Mù Cả (Lai Châu)"
    assert (c["commune_2025"] != "").all()
    d = res["districts"].drop_duplicates("district").set_index("district")
    assert d.loc["12-107", "district_name"] == "Huyện Mường Tè" and d.loc["12-107", "province"] == "Lai Châu"


def test_cli_levels_xlsx_names_its_sheets_and_shows_rates_to_one_decimal(tmp_path, capsys):
    # fresh reader: the workbook's sheet was "Sheet1" and margins read 6.774193548387103
    import openpyxl

    pop = simulate(3_000, seed=2, provinces=["Lai Châu"])
    pop.to_csv(tmp_path / "ho_so.csv", index=False)
    assert main(["levels", "--records", str(tmp_path / "ho_so.csv"), "--out", str(tmp_path / "muc.xlsx")]) == 0
    res = levels_from_records(tmp_path / "ho_so.csv")
    for name, frame, sheet in (("muc.xlsx", res["communes"], "Mức PCGD-XMC theo xã"),
                               ("muc-districts.xlsx", res["districts"], "Mức PCGD-XMC theo huyện")):
        wb = openpyxl.load_workbook(tmp_path / name)
        assert wb.sheetnames == [sheet] and len(sheet) <= 31
        ws = wb[sheet]
        head = [c.value for c in ws[2]]   # row 1: Vietnamese headers, row 2: the codes
        col = "literacy_margin" if name == "muc.xlsx" else "next_value"
        j = head.index(col) + 1
        cells = [ws.cell(r, j) for r in range(3, len(frame) + 3)]
        # one decimal shown, the full value kept: the cells equal the computed frame, unrounded
        assert {c.number_format for c in cells if c.value is not None} == {"0.0"}
        stored = [c.value for c in cells]
        want = frame[col].tolist()
        assert all((s is None and w != w) or s == pytest.approx(w, rel=1e-12) for s, w in zip(stored, want))
        assert any(isinstance(s, float) and round(s, 1) != s for s in stored)   # not rounded in the data
        lv = head.index("literacy_level" if name == "muc.xlsx" else "level") + 1
        assert ws.cell(3, lv).number_format in ("0", "General")   # a level is a whole number
