"""Real data (issue #12): GSO province series and local context as observations, the province
section of each document, the overview's data coverage, and charts labelled real or synthetic.

Expected values are GSO's published cells (data/external/gso_provinces/*.csv, quoted in comments)
divided by hand.
"""
import hashlib
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import edustats as es  # noqa: E402
from edustats.errors import DataError  # noqa: E402
from edustats.province import (REAL_LABEL, data_coverage, figure_data_labels, plot_province_ranking,  # noqa: E402
                               province_ranking, province_section, successor_sentence)

AS_OF = "2026-11-29"


# ------------------------------------------------------------------ provenance of the copies
def test_shipped_copies_match_the_checksums_in_the_readme():
    readme = es.data_path("external", "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"\| `((?:gso_provinces|local_context)/[^`]+)`[^|]*\| \d+ \| `([0-9a-f]{64})` \|", readme))
    assert len(listed) == 7
    for rel, digest in listed.items():
        path = es.data_path("external", *rel.split("/"))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, rel


# ------------------------------------------------------------------ load_gso
def test_counts_are_gso_cells_and_ratios_keep_numerator_and_denominator():
    g = es.load_gso(["pupils", "teachers", "pupil_teacher_ratio"], "Hòa Bình", "primary")
    y = g[g["year"] == 2016].set_index("indicator")  # school year 2015-2016 (count of 30/9/2015)
    assert y.loc["pupils", "value"] == 69118 and y.loc["teachers", "value"] == 4956
    assert y.loc["pupil_teacher_ratio", ["numerator", "denominator"]].tolist() == [69118, 4956]
    assert y.loc["pupil_teacher_ratio", "value"] == pytest.approx(69118 / 4956)  # 13,95
    assert (y["school_year"] == "2015-2016").all()
    assert not g["synthetic"].any() and g["source"].str.contains("General Statistics Office").all()
    assert g.loc[g["indicator"] == "pupil_teacher_ratio", "source"].str.contains("computed by edustats").all()


def test_country_total_matches_the_national_table():
    # README: province table "2015 Total" 15,353,785 pupils = national "2015-2016" 15,353.8 thousand
    g = es.load_gso("pupils", "Cả nước", "general")
    assert g.loc[g["year"] == 2016, "value"].item() == 15353785


def test_flags_are_carried_to_the_derived_values():
    # HCM lower-secondary classes 2010-11 = 11.899, flagged `excursion`; pupils 311.096
    g = es.load_gso("pupil_class_ratio", "Hồ Chí Minh", "lower-secondary")
    r = g[g["year"] == 2011].iloc[0]
    assert r["value"] == pytest.approx(311096 / 11899) and r["flag"] == "excursion"
    # Hà Giang primary 2011-12: 89.483 "schoolgirls" against 77.258 pupils: the share is kept as
    # computed (115,8%), never clipped, and flagged
    f = es.load_gso("female_pupil_share", "Hà Giang", "primary")
    r = f[f["year"] == 2012].iloc[0]
    assert r["value"] == pytest.approx(100 * 89483 / 77258) and "exceeds_total" in r["flag"]


def test_published_rates_have_no_counts_and_say_so():
    lit = es.load_gso("literacy_rate", "Lai Châu")
    r = lit[lit["year"] == 2016].iloc[0]
    assert r["value"] == 60.2 and np.isnan(r["numerator"]) and "no counts" in r["note"] and r["preliminary"]
    grad = es.load_gso("graduation_rate", "Hòa Bình")
    assert grad.loc[grad["year"] == 2015, "value"].item() == 93.77  # exam closing school year 2014-2015


def test_locality_names_fold_and_bad_names_say_the_nearest():
    a = es.load_gso("teachers", "hoa binh", "primary")
    assert set(a["locality"]) == {"Hòa Bình"} and len(a) == 15
    with pytest.raises(DataError) as err:
        es.load_gso("pupil_teacher_ratoi", "Hoa Bihn")
    msg = str(err.value)
    assert "found 'pupil_teacher_ratoi'; expected one of" in msg
    assert "found 'Hoa Bihn'; expected a province, region or 'Cả nước' (nearest: Hòa Bình)" in msg


# ------------------------------------------------------------------ load_context
def test_context_figures_are_real_quoted_and_placed():
    c = es.load_context()
    assert len(c) == 67 and not c["synthetic"].any()
    assert (c["quote"].str.len() > 20).all() and c["source"].str.startswith("http").all()
    assert (c["scope"] == "province").sum() == 29 and (c["scope"] == "locality").sum() == 38
    lc = c[(c["province"] == "Lai Châu") & (c["indicator"] == "số học sinh") & (c["year"] == 2025)].iloc[0]
    assert lc["value"] == 149461 and "149,461 students" in lc["quote"]
    assert set(c.loc[c["place"] == "Lạc Sơn", "province"]) == {"Hòa Bình"}
    assert c["year"].isna().sum() > 0  # undated articles stay undated


# ------------------------------------------------------------------ the province behind the documents
@pytest.fixture(scope="module")
def muong_te():
    s = province_section("004_2b9630492192a680.txt", as_of=AS_OF)
    yield s
    plt.close("all")


def test_province_section_is_real_sourced_dated_and_names_the_successor(muong_te):
    s = muong_te
    assert (s["province"], s["region"], s["horizon"]) == ("Lai Châu", "Trung du và miền núi phía Bắc", 2023)
    assert s["themes"] == ["teachers", "graduation"] and s["real_only"]
    assert "huyện Mường Tè, tỉnh Lai Châu" in s["written_for"]
    assert "Xã Hua Bum còn gồm Xã Hua Bum (Huyện Nậm Nhùn)" in s["written_for"]
    html = s["html"]
    assert REAL_LABEL in html and "Lập ngày 29/11/2026" in html and "Tổng cục Thống kê (GSO)" in html
    assert "In the 2024-2025 school year, the whole province has 336 schools" in html
    # the comparison quotes the counts: Lai Châu primary pupils per class 2016-17 = 54.424 / 2.728
    t = next(v for k, v in s["tables"].items() if k.endswith("Học sinh/lớp"))
    assert t.loc[t["Cấp"] == "Tiểu học", "Lai Châu"].item() == "19,95 (54.424 / 2.728)"
    assert "Synthetic" not in html and "minh họa tổng hợp" not in html


def test_projection_is_an_estimate_or_refused_with_a_reason(muong_te):
    p = muong_te["projections"]
    assert set(p["horizon"]) == {2023}
    ok = p.dropna(subset=["projected"])
    assert len(ok) >= 8 and (ok["lo80"] <= ok["projected"]).all() and (ok["projected"] <= ok["hi80"]).all()
    assert (p.loc[p["projected"].isna(), "reason"] != "").all()
    assert "không phải số liệu" in muong_te["html"]


def test_every_section_chart_is_labelled_real_and_only_real(muong_te):
    assert len(muong_te["figures"]) == 4
    for f in muong_te["figures"]:
        fig = f["figure"]
        assert figure_data_labels(fig) == {"real"}, f["name"]
        texts = " ".join(t.get_text() for t in fig.texts)
        assert "Nguồn: Tổng cục Thống kê (GSO)" in texts and "Lập ngày 29/11/2026" in texts


def test_no_chart_mixes_real_and_synthetic_without_saying_so():
    from edustats.charts import plot_fan

    # a synthetic fan chart says so on its face, and carries no real label
    obs = es.load_observations(es.data_path("examples", "observations.csv"))
    t = es.load_targets()
    a = es.assess(t[t["source"] == "001_51d59cd3eefeb0a9.txt"], obs)
    row = a[a["n_obs"] >= 2].iloc[0]
    s = obs[(obs["indicator"] == row["indicator"]) & (obs["locality"] == row["locality"])]
    fan = plot_fan(s, row, synthetic=True)
    assert figure_data_labels(fan) == {"synthetic"}
    rank = plot_province_ranking("graduation_rate", "upper-secondary", AS_OF, highlight=("Lai Châu",))
    assert figure_data_labels(rank) == {"real"}
    # a chart with both kinds of series must carry both labels: the checker sees a missing one
    from edustats.charts import stamp_synthetic

    stamp_synthetic(rank)
    assert figure_data_labels(rank) == {"real", "synthetic"}
    plt.close("all")


def test_successor_sentences():
    assert "24 xã, thị trấn cũ nay thuộc 8 xã, phường của tỉnh Phú Thọ" in successor_sentence("Lạc Sơn")
    assert "Tất cả được nhập nguyên vẹn" in successor_sentence("Lạc Sơn")
    th = successor_sentence("Thiệu Hóa")
    assert "2 đơn vị cũ bị chia: Thị trấn Thiệu Hóa chia cho Xã Thiệu Hóa, Xã Thiệu Quang, Xã Thiệu Trung" in th
    assert "Since 1 July 2025: Xã Na Mèo, Thanh Hóa province (new code 15013; old code 15013)" in \
        successor_sentence("Na Mèo", "en")


def test_a_document_without_a_place_says_so():
    s = province_section("003_13022e394e31c5a6.txt", as_of=AS_OF)
    assert s["figures"] == [] and s["tables"] == {} and "không ghi tên huyện/tỉnh" in s["written_for"]


def test_province_ranking_covers_63_provinces_with_counts():
    r = province_ranking("teacher_class_ratio", "lower-secondary")
    assert len(r) == 63 and r["province"].is_unique and int(r["year"].iloc[0]) == 2017
    lc = r.set_index("province").loc["Lai Châu"]
    assert (lc["numerator"], lc["denominator"]) == (2104, 1078) and lc["new_province"] == "Lai Châu"
    assert r.set_index("province").loc["Hòa Bình", "new_province"] == "Phú Thọ"


# ------------------------------------------------------------------ overview: data coverage
def test_data_coverage_counts_real_synthetic_and_none():
    t = es.load_targets()
    obs = es.load_observations(es.data_path("examples", "observations.csv"))
    cov = data_coverage(t, obs).set_index("source")
    # the local-context README: no seed target has a real outcome in the stored material
    assert (cov["real"] == 0).all()
    assert (cov["real"] + cov["synthetic"] + cov["none"] == cov["targets"]).all()
    assert cov.loc["004_2b9630492192a680.txt", ["targets", "synthetic", "none"]].tolist() == [38, 11, 27]
    assert cov.loc["002_2d457491d9bb0f7d.txt", "targets"] == 0  # baselines only
    # one real observation for a target's indicator and locality makes it "real"
    real = pd.DataFrame({"locality": ["Mường Tè"], "indicator": ["graduation_rate"], "level": ["upper-secondary"],
                         "year": [2023], "value": [99.3], "synthetic": [False]})
    cov2 = data_coverage(t, pd.concat([obs, real], ignore_index=True)).set_index("source")
    assert cov2.loc["004_2b9630492192a680.txt", "real"] >= 1


def test_section_context_is_the_locality_and_its_province_only():
    s = province_section("002_2d457491d9bb0f7d.txt", as_of=AS_OF)
    places = set(s["context"]["locality"].str.split("(").str[0].str.strip())
    assert places == {"Thiệu Hóa", "Thanh Hóa"}  # Na Mèo, also in Thanh Hóa, is not Thiệu Hóa's context
    assert len(s["context"]) == 10 + 10  # README: Thiệu Hóa 10 figures, Thanh Hóa province 10
    assert "Thị trấn Thiệu Hóa (15772)" in s["html"] and "bị chia" in s["html"]
    plt.close("all")


def test_due_targets_table_on_real_data_only():
    from edustats.province import due_targets_table

    d = due_targets_table("001_51d59cd3eefeb0a9.txt", as_of=AS_OF)
    assert len(d) == 35 and set(d["Tình trạng"]) == {"Đã đến hạn, chưa có số liệu"}
    assert set(d["Số liệu thật gần nhất"]) == {"–"}  # synthetic example rows are never used here
    row = d.set_index("Mã").loc["001-18"]  # malnutrition ≤ 6% by 2025
    assert row["Báo cáo sẽ trả lời"] == "báo cáo theo dõi sức khỏe trẻ cuối năm học 2024–2025 (phòng GD&ĐT)"
    # a planner's real observation for the due year settles it; synthetic rows are ignored
    obs = pd.DataFrame({"locality": "Na Mèo", "indicator": "malnutrition_rate", "level": "preschool",
                        "year": [2024, 2025, 2025], "value": [7.0, 5.8, 1.0], "synthetic": [False, False, True]})
    obs = obs.iloc[:2]
    d2 = due_targets_table("001_51d59cd3eefeb0a9.txt", as_of=AS_OF, observations=obs).set_index("Mã")
    assert d2.loc["001-18", "Tình trạng"] == "Đã đến hạn: đạt (số liệu năm đích)"
    assert d2.loc["001-18", "Số liệu thật gần nhất"] == "5,8% (2025)"
    # not yet due on 30/6/2025 for a 2025 target
    early = due_targets_table("001_51d59cd3eefeb0a9.txt", as_of="2025-06-30")
    assert set(early.loc[early["Năm đích"] == 2025, "Tình trạng"]) == {"Chưa đến hạn"}
