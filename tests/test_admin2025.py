"""The 2025 map (issue #12): old communes/districts/provinces to the units that hold them now.

Expected values are read from the crosswalk rows (vietnamadminunits 1.0.4, shipped in
data/external/gso_provinces/) and from the shared README's account of the reform.
"""
import unicodedata

import numpy as np
import pandas as pd
import pytest

from edustats.admin2025 import commune_crosswalk, province_crosswalk, successor_units, to_2025_units, unit_key
from edustats.errors import DataError

LAC_SON = ["Thị trấn Vụ Bản", "Xã Quý Hòa", "Xã Miền Đồi", "Xã Mỹ Thành", "Xã Tuân Đạo", "Xã Văn Nghĩa", "Xã Văn Sơn",
           "Xã Tân Lập", "Xã Nhân Nghĩa", "Xã Thượng Cốc", "Xã Quyết Thắng", "Xã Xuất Hóa", "Xã Yên Phú", "Xã Bình Hẻm",
           "Xã Định Cư", "Xã Chí Đạo", "Xã Ngọc Sơn", "Xã Hương Nhượng", "Xã Vũ Bình", "Xã Tự Do", "Xã Yên Nghiệp",
           "Xã Tân Mỹ", "Xã Ân Nghĩa", "Xã Ngọc Lâu"]


def _obs(province, district, communes, values, indicator="pupils", unit="count", **extra):
    return pd.DataFrame({"province": province, "district": district, "commune": communes, "indicator": indicator,
                         "year": 2024, "value": values, "unit": unit, **extra})


def test_lac_son_24_communes_go_whole_into_8_new_communes_of_phu_tho():
    s = successor_units("Lạc Sơn")
    assert sorted(s["old_commune"]) == sorted(LAC_SON)
    assert s["new_commune"].nunique() == 8 and (s["mapping"] == "whole").all()
    assert set(s["new_province"]) == {"Phú Thọ"} and (s["also_holds"] == "").all()
    # commune-level data: 24 rows in, 8 complete new communes out, pupils summed
    values = np.arange(1, 25) * 100.0
    r = to_2025_units(_obs("Hòa Bình", "Lạc Sơn", LAC_SON, values))
    assert len(r) == 8 and (r["status"] == "whole").all() and r["complete"].all()
    assert r["value"].sum() == values.sum() and r["n_old_units"].sum() == 24
    mv = r.set_index("new_unit").loc["Xã Mường Vang"]  # Quý Hòa (200) + Tuân Đạo (500) + Tân Lập (800)
    assert mv["value"] == 1500 and mv["old_units"] == "Xã Quý Hòa; Xã Tuân Đạo; Xã Tân Lập"
    assert mv["new_unit_code"] == "05287"


def test_lac_son_as_a_whole_district_maps_to_its_8_communes():
    r = to_2025_units(_obs("Hòa Bình", "Huyện Lạc Sơn", [""], [33327.0]))
    row = r.iloc[0]
    assert row["status"] == "whole" and row["new_unit_type"] == "8 communes" and bool(row["complete"])
    assert row["new_province"] == "Phú Thọ" and row["value"] == 33327
    assert row["new_unit"].split(" + ")[0] == "Xã Lạc Sơn"


def test_thieu_hoa_two_split_units_are_reported_not_guessed():
    s = successor_units("Thiệu Hóa")
    split = s[s["mapping"] == "split"].groupby("old_commune")["new_commune"].apply(sorted).to_dict()
    assert split == {"Thị trấn Thiệu Hóa": ["Xã Thiệu Hóa", "Xã Thiệu Quang", "Xã Thiệu Trung"],
                     "Xã Thiệu Long": ["Xã Thiệu Hóa", "Xã Định Hòa"]}
    r = to_2025_units(_obs("Thanh Hóa", "Thiệu Hóa", ["Thị trấn Thiệu Hóa", "Thiệu Long", "Thiệu Phúc"],
                           [700.0, 400.0, 300.0]))
    sp = r[r["status"] == "split"]
    assert sorted(sp["old_units"]) == ["Thị trấn Thiệu Hóa", "Xã Thiệu Long"]
    assert sp["value"].isna().all() and sp["new_unit"].eq("").all()
    assert "Xã Định Hòa" in sp.set_index("old_units").at["Xã Thiệu Long", "candidates"]
    assert "is not assigned" in sp["note"].iloc[0]
    # Thiệu Phúc went whole into Xã Thiệu Hóa, which also holds parts of the two split units and
    # Thiệu Công, Thiệu Nguyên: its sum is marked incomplete, never silently topped up
    th = r[(r["status"] == "whole")].set_index("new_unit").loc["Xã Thiệu Hóa"]
    assert th["value"] == 300 and not th["complete"]
    assert "Xã Thiệu Công (Huyện Thiệu Hóa)" in th["missing_old_units"]
    # the whole district cannot be placed either
    d = to_2025_units(_obs("Thanh Hóa", "Thiệu Hóa", [""], [1000.0])).iloc[0]
    assert d["status"] == "split" and "Xã Thiệu Long (15793)" in d["candidates"]


def test_muong_te_vang_san_merged_into_hua_bum_of_former_nam_nhun():
    s = successor_units("Mường Tè")
    vs = s[s["old_commune"] == "Xã Vàng San"].iloc[0]
    assert (vs["new_commune"], vs["mapping"], vs["also_holds"]) == ("Xã Hua Bum", "whole", "Xã Hua Bum (Huyện Nậm Nhùn)")
    cw = commune_crosswalk()
    hb = cw[(cw["new_commune"] == "Xã Hua Bum") & (cw["new_province"] == "Lai Châu")]
    assert sorted(hb["old_district"]) == ["Huyện Mường Tè", "Huyện Nậm Nhùn"]
    # Vàng San alone is not the whole of new Hua Bum; with Nậm Nhùn's Hua Bum it is
    alone = to_2025_units(_obs("Lai Châu", "Mường Tè", ["Vàng San"], [310.0])).iloc[0]
    assert not alone["complete"] and alone["missing_old_units"] == "Xã Hua Bum (Huyện Nậm Nhùn)"
    both = pd.concat([_obs("Lai Châu", "Mường Tè", ["Vàng San"], [310.0]),
                      _obs("Lai Châu", "Nậm Nhùn", ["Hua Bum"], [290.0])])
    r = to_2025_units(both).iloc[0]
    assert r["complete"] and r["value"] == 600 and r["new_unit_code"] == "03460"


def test_na_meo_keeps_its_name_and_code_15013():
    s = successor_units("Na Mèo")
    assert s[["old_commune_code", "new_commune", "new_commune_code", "mapping"]].values.tolist() == \
        [["15013", "Xã Na Mèo", "15013", "whole"]]
    r = to_2025_units(pd.DataFrame({"province": ["Thanh Hóa"], "district": ["Quan Sơn"], "commune_code": ["15013"],
                                    "indicator": "pupils", "year": 2024, "value": [395.0], "unit": "count"})).iloc[0]
    assert (r["new_unit"], r["new_unit_code"], r["new_province"], r["complete"]) == ("Xã Na Mèo", "15013", "Thanh Hóa", True)


def test_rates_are_recomputed_from_summed_counts_never_averaged():
    # Yên Phú = Xuất Hóa + Yên Phú + Bình Hẻm: 45/50, 20/40 and 10/10 qualified teachers
    obs = _obs("Hòa Bình", "Lạc Sơn", ["Xuất Hóa", "Yên Phú", "Bình Hẻm"], [90.0, 50.0, 100.0],
               indicator="qualified_teacher_share", unit="percent", numerator=[45, 20, 10], denominator=[50, 40, 10])
    r = to_2025_units(obs).iloc[0]
    assert (r["numerator"], r["denominator"]) == (75, 100)
    assert r["value"] == pytest.approx(75.0)          # 75/100, not the mean 80
    assert r["note"] == "recomputed from summed numerators and denominators"
    # pupils per class (a ratio): 300/10 and 100/10 → 400/20 = 20
    ratio = _obs("Hòa Bình", "Lạc Sơn", ["Xuất Hóa", "Bình Hẻm"], [30.0, 10.0], indicator="pupil_class_ratio",
                 unit="ratio", numerator=[300, 100], denominator=[10, 10])
    assert to_2025_units(ratio).iloc[0]["value"] == pytest.approx(20.0)
    # a rate without its counts is not combined
    bare = _obs("Hòa Bình", "Lạc Sơn", ["Xuất Hóa", "Yên Phú"], [90.0, 50.0], indicator="x", unit="percent")
    b = to_2025_units(bare).iloc[0]
    assert np.isnan(b["value"]) and "never averaged" in b["note"]


def test_provinces_merge_and_counts_sum():
    obs = pd.DataFrame({"province": ["Hòa Bình", "Phú Thọ", "Vĩnh Phúc"], "indicator": "pupils", "year": 2016,
                        "value": [100.0, 200.0, 300.0], "unit": "count"})
    r = to_2025_units(obs).iloc[0]
    assert (r["new_province"], r["value"], r["n_old_units"], r["complete"]) == ("Phú Thọ", 600, 3, True)
    part = to_2025_units(obs.iloc[:1]).iloc[0]
    assert not part["complete"] and part["missing_old_units"] == "Phú Thọ; Vĩnh Phúc"
    assert len(province_crosswalk()) == 63 and province_crosswalk()["new_province"].nunique() == 34


def test_names_match_across_diacritics_case_and_unicode_forms():
    nfd = unicodedata.normalize("NFD", "XÃ TÂN LẬP")
    a = to_2025_units(_obs("hoà bình", unicodedata.normalize("NFD", "huyện lạc sơn"), [nfd], [5.0]))
    b = to_2025_units(_obs("Hòa Bình", "Lạc Sơn", ["Tân Lập"], [5.0]))
    assert a["new_unit"].tolist() == b["new_unit"].tolist() == ["Xã Mường Vang"]
    # "Pa ủ" is written with a lower-case ủ in the crosswalk
    assert to_2025_units(_obs("Lai Châu", "Mường Tè", ["PA Ủ"], [1.0]))["new_unit"].tolist() == ["Xã Pa Ủ"]
    assert unit_key("Huyện Quan Sơn") == unit_key("quan son") == "quan son"


def test_codes_are_never_joined_across_the_two_systems():
    # 05266 is old Thị trấn Vụ Bản and also the code of the new Xã Lạc Sơn: as input it is the old unit
    r = to_2025_units(pd.DataFrame({"province": ["Hòa Bình"], "district": ["Lạc Sơn"], "commune_code": ["05266"],
                                    "indicator": "pupils", "year": 2024, "value": [10.0], "unit": "count"})).iloc[0]
    assert r["old_units"] == "Thị trấn Vụ Bản" and r["new_unit"] == "Xã Lạc Sơn"
    # 03439 is the new Xã Thu Lũm's code and old Ka Lăng's: naming Thu Lũm with it is a disagreement
    with pytest.raises(DataError, match="name and code disagree"):
        to_2025_units(pd.DataFrame({"province": ["Lai Châu"], "district": ["Mường Tè"], "commune": ["Thu Lũm"],
                                    "commune_code": ["03439"], "indicator": "pupils", "year": 2024, "value": [1.0],
                                    "unit": "count"}))


def test_bad_names_are_one_error_naming_rows_and_nearest_choice():
    obs = _obs("Hòa Bình", "Lạc Sơn", ["Tân Lậpp", "Yên Phú"], [1.0, 2.0])
    obs.loc[1, "province"] = "Hoa Bihn"
    with pytest.raises(DataError) as err:
        to_2025_units(obs)
    msg = str(err.value)
    assert "2 problems" in msg
    assert "row 2, column 'commune': found 'Tân Lậpp'; expected a pre-2025 commune of Lạc Sơn (nearest: Xã Tân Lập)" in msg
    assert "row 3, column 'province': found 'Hoa Bihn'; expected one of the 63 pre-2025 provinces (nearest: Hòa Bình)" in msg


def test_crosswalk_cleaning_drops_the_suspect_links():
    cw = commune_crosswalk()
    assert "suspect_name_collision" in cw.columns and not cw["suspect_name_collision"].str.lower().eq("true").any()
    assert cw["old_commune_code"].ne("").sum() > 10000
    pt = cw[(cw["old_commune_code"] == "31379") & (cw["old_province"] == "Hậu Giang")]
    assert pt["new_commune_code"].tolist() == ["31378"]


def test_the_package_at_run_time_gives_the_shipped_crosswalk():
    """vietnamadminunits 1.0.4, when installed, is read at run time; it must equal the shipped copy."""
    pytest.importorskip("vietnamadminunits")
    from edustats import admin2025

    pkg = admin2025._from_package()
    if pkg is None:
        pytest.skip("vietnamadminunits is installed at another version than 1.0.4: the shipped copy serves")
    ship = pd.read_csv(admin2025.gso_dir() / "admin_crosswalk_communes_2025.csv", dtype=str, keep_default_na=False)
    key = ["old_province_code", "old_district_code", "old_commune_code", "new_commune_code"]
    cols = [c for c in pkg.columns]
    a = pkg[cols].sort_values(key).reset_index(drop=True)
    b = ship[cols].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_diacritics_distinguish_communes_when_given():
    # Trấn Yên (Yên Bái) had both Xã Minh Quán (04516) and Xã Minh Quân (04567)
    obs = _obs("Yên Bái", "Trấn Yên", ["Xã Minh Quân", "Minh Quán"], [1.0, 2.0])
    r = to_2025_units(obs)
    assert sorted(r["old_units"]) == ["Xã Minh Quán", "Xã Minh Quân"]
    with pytest.raises(DataError, match=r"the name is ambiguous \(Xã Minh Quán \(Huyện Trấn Yên, 04516\); "
                                        r"Xã Minh Quân \(Huyện Trấn Yên, 04567\)\)"):
        to_2025_units(_obs("Yên Bái", "Trấn Yên", ["minh quan"], [1.0]))


def test_gso_province_series_move_to_the_34_provinces():
    import edustats as es

    g = es.load_gso(["pupils", "teachers", "pupil_teacher_ratio"], levels="primary", geo_types=("province",))
    g = g[g["year"] == 2017].rename(columns={"locality": "province"})
    r = to_2025_units(g)
    assert len(r) == 34 * 3 and (r["status"] == "whole").all() and r["complete"].all()
    pt = r[r["new_province"] == "Phú Thọ"].set_index("indicator")
    three = g[g["province"].isin(["Hòa Bình", "Phú Thọ", "Vĩnh Phúc"])].set_index(["province", "indicator"])["value"]
    pupils = sum(three[(p, "pupils")] for p in ("Hòa Bình", "Phú Thọ", "Vĩnh Phúc"))
    teachers = sum(three[(p, "teachers")] for p in ("Hòa Bình", "Phú Thọ", "Vĩnh Phúc"))
    assert pt.loc["pupils", "value"] == pupils == pt.loc["pupil_teacher_ratio", "numerator"]
    assert pt.loc["pupil_teacher_ratio", "value"] == pytest.approx(pupils / teachers)  # 293.063 / 15.666 = 18,71
    assert pt.loc["pupil_teacher_ratio", "old_units"] == "Hòa Bình; Phú Thọ; Vĩnh Phúc"
