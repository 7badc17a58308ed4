"""Page one of the briefings: one calculation behind every sentence, urgency order, annual targets, comparisons."""
import itertools
import re

import numpy as np
import pandas as pd
import pytest

import edustats as es
from edustats.annual import annual_check, annual_sentence
from edustats.assess import assess_series
from edustats.briefing import assessment_table, rules_text, score_line, target_sentence
from edustats.compare import compare_units
from edustats.summary import GROUPS, action_text, need_text, summary_lines, urgency

NUM = r"(-?\d+(?:\.\d{3})*(?:,\d+)?)"


def vn(x: str) -> float:
    return float(x.replace(".", "").replace(",", "."))


def _grid():
    """Rising and falling series against ≥ and ≤ targets, some met, some missed, some already past the target."""
    years = list(range(2018, 2023))
    cases = []
    for direction, comparator, end in itertools.product(("rising", "falling"), (">=", "<="), ("met", "missed")):
        step = 1.2 if direction == "rising" else -1.2
        start = 40.0 if direction == "rising" else 60.0
        values = [start + step * i + (0.3 if i % 2 else -0.2) for i in range(5)]
        last = values[-1]
        # a target the trend reaches (met) or does not (missed) by 2026
        good_way = (direction == "rising") == (comparator == ">=")
        if end == "met":
            target = last + (2.0 if good_way else -2.0) * (1 if comparator == ">=" else -1)
        else:
            target = last + (9.0 if comparator == ">=" else -9.0)
        cases.append((f"{direction}-{comparator}-{end}", years, values, comparator, round(target, 1)))
    return cases


@pytest.fixture(scope="module")
def grid_rows():
    obs, spec = [], []
    for name, years, values, comparator, target in _grid():
        obs += [dict(series=name, year=y, value=v) for y, v in zip(years, values)]
        spec.append(dict(series=name, comparator=comparator, target=target, due_year=2026, unit="percent"))
    res = assess_series(pd.DataFrame(obs), pd.DataFrame(spec))
    res["label_vi"] = res["series"]
    res["label_en"] = res["series"]
    res["indicator"] = "x"
    return res


def test_every_number_in_the_sentence_is_the_rows_own(grid_rows):
    assert len(grid_rows) == 8
    for _, r in grid_rows.iterrows():
        s = target_sentence(r)
        m = re.search(rf"từ {NUM}% \((\d{{4}})\) đến {NUM}% \((\d{{4}})\), bình quân (tăng|giảm) {NUM} điểm %/năm", s)
        assert m, s
        assert vn(m.group(1)) == round(r["first_value"], 1) and int(m.group(2)) == r["first_year"]
        assert vn(m.group(3)) == round(r["last_value"], 1) and int(m.group(4)) == r["last_year"]
        assert (m.group(5) == "tăng") == (r["annual_change_pp"] > 0), s
        assert vn(m.group(6)) == round(abs(r["annual_change_pp"]), 2), s
        # one pace only (achieved, first to latest): the model's forecast is given as a value, never as a pace
        assert "xu hướng của mô hình" not in s and "từ nay" not in s, s
        m = re.search(rf"Dự báo của mô hình cho năm 2026: {NUM}% \(khoảng 80%: {NUM}–{NUM}\)", s)
        assert m, s
        assert vn(m.group(1)) == round(r["projected"], 1)
        assert (vn(m.group(2)), vn(m.group(3))) == (round(r["lo80"], 1), round(r["hi80"], 1))
        higher = r["comparator"] == ">="
        margin = (r["projected"] - r["target"]) * (1 if higher else -1)
        m = re.search(rf"(đạt mục tiêu|chưa đạt mục tiêu) [≥≤] {NUM}%, (dư|còn cách) {NUM} điểm %", s)
        if round(margin, 1) != 0:
            assert m, s
            assert (m.group(1) == "đạt mục tiêu") == (margin > 0) and (m.group(3) == "dư") == (margin > 0), s
            assert vn(m.group(4)) == round(abs(margin), 1), s
        m = re.search(r"xác suất đạt (\d+)%", s)
        assert m and int(m.group(1)) == round(100 * r["prob_met"]), s
        m = re.search(rf"cần (tăng|giảm) {NUM} điểm %/năm từ mức {NUM}% năm (\d{{4}})", s)
        met_now = (r["last_value"] >= r["threshold"]) if higher else (r["last_value"] <= r["threshold"])
        if met_now:
            assert "đã đạt mục tiêu" in s and m is None, s
            continue
        assert m, s
        assert (m.group(1) == "tăng") == (r["required_change_pp"] > 0), s
        # a "≤" target that is not yet met always needs a fall, a "≥" target a rise
        assert m.group(1) == ("tăng" if higher else "giảm"), s
        assert vn(m.group(2)) == round(abs(r["required_change_pp"]), 2), s
        # the summary line says the same as the sentence
        assert need_text(r) == f"cần {m.group(1)} {m.group(2)} điểm %/năm đến 2026"


def test_table_gap_and_pace_agree_with_the_row(grid_rows):
    t = assessment_table(grid_rows.assign(level="primary", locality=""))
    for (_, r), (_, row) in zip(grid_rows.iterrows(), t.iterrows()):
        gap = row["Dự báo so với mục tiêu (điểm)"]
        higher = r["comparator"] == ">="
        margin = round((r["projected"] - r["target"]) * (1 if higher else -1), 1)
        assert gap.startswith("đạt, dư" if margin > 0 else "chưa đạt, cách" if margin < 0 else "sát"), (gap, margin)
        need, done = row["Nhịp cần/năm so với đã đạt/năm"].split(" / ")
        met_now = (r["last_value"] >= r["target"]) if higher else (r["last_value"] <= r["target"])
        # a target the latest value already meets needs no pace: "đã đạt", never "giảm 1,38" for a "≥" target
        assert need == "đã đạt" if met_now else need.startswith("tăng" if r["required_change_pp"] > 0 else "giảm")
        assert done.startswith("tăng" if r["annual_change_pp"] > 0 else "giảm")


def test_a_falling_target_speaks_of_falling():
    r = dict(comparator="<=", target=6.0, last_value=9.0, last_year=2021, due_year=2025, projected=7.0, n_obs=5,
             annual_change_pp=-0.5, required_change_pp=-0.75, unit="percent", indicator="malnutrition_rate")
    assert need_text(r) == "cần giảm 0,75 điểm %/năm đến 2025"
    # achieved −0,5 a year (first to latest) against −0,75 needed: 1,5 times
    assert action_text(r) == "Tăng tốc: cần giảm 0,75 điểm %/năm, gấp 1,5 lần nhịp đã đạt (giảm 0,5 điểm %/năm)."
    # achieved a rise: reverse it (the forecast plays no part in the pace)
    assert action_text(dict(r, annual_change_pp=0.4)) == "Đảo chiều: nhịp đã đạt là tăng 0,4 điểm %/năm, cần giảm 0,75 điểm %/năm."
    # met today but rising: the line says so with the pace achieved
    assert action_text(dict(r, last_value=5.5, annual_change_pp=0.38)) == \
        "Đã đạt nhưng nhịp đã đạt là tăng 0,38 điểm %/năm: giữ không để vượt ≤ 6%."
    # achieved −0,8 ≥ −0,75 needed and the forecast meets the target: keep the pace
    assert action_text(dict(r, annual_change_pp=-0.8, projected=5.8)) == \
        "Giữ nhịp đã đạt (giảm 0,8 điểm %/năm; cần giảm 0,75 điểm %/năm)."
    # pace enough, forecast short: both said, never "tăng tốc"
    assert action_text(dict(r, annual_change_pp=-0.8)).startswith(
        "Giữ nhịp đã đạt (giảm 0,8 điểm %/năm; cần giảm 0,75 điểm %/năm): dự báo của mô hình cho năm 2025 là 7%")


def test_pu_nhi_page_one_and_table_give_the_same_pace():
    """Pù Nhi-like series 12,5 → 9,6 from 2021 to 2025 (4 years): achieved (9,6 − 12,5) / 4 = −0,725 a year;
    a "≤ 6%" target due 2027 needs (6 − 9,6) / 2 = −1,8 a year. Page one and the table say the same numbers."""
    obs = pd.DataFrame({"series": "P", "year": [2021, 2022, 2023, 2024, 2025], "value": [12.5, 11.9, 10.8, 10.2, 9.6]})
    res = assess_series(obs, pd.DataFrame([dict(series="P", comparator="<=", target=6.0, due_year=2027,
                                                unit="percent")]))
    r = res.iloc[0].to_dict() | dict(id="P", label_vi="SDD", indicator="malnutrition_rate", level="preschool",
                                      locality="", verdict_vi="x", verdict_en="x")
    assert r["annual_change_pp"] == pytest.approx(-0.725) and r["required_change_pp"] == pytest.approx(-1.8)
    act = action_text(r)
    assert "giảm 1,8 điểm %/năm" in act and "giảm 0,73 điểm %/năm" in act, act
    assert "gấp 2,5 lần nhịp đã đạt" in act  # 1,8 / 0,725 = 2,48
    row = assessment_table(pd.DataFrame([r])).iloc[0]
    assert row["Nhịp cần/năm so với đã đạt/năm"] == "giảm 1,8 / giảm 0,73"
    assert "giảm 0,73 điểm %/năm" in target_sentence(pd.Series(r))


def test_urgency_order_and_unknown_verdicts():
    order = ["observed_missed", "unlikely", "at_risk", "off_pace_low_confidence", "uncertain",
             "on_pace_low_confidence", "probable", "likely", "observed_met", "insufficient_data"]
    ranks = [urgency(v)[1] for v in order]
    assert ranks == sorted(ranks)
    assert [g[0] for g in GROUPS] == ["missed", "due_no_data", "at_risk", "uncertain", "on_track", "met", "no_data"]
    # a status added later by the assessment slots in by its name, nothing is dropped; a past-due target
    # without a figure is not "missed" (nobody knows), it is its own urgent group: the report is owed
    assert urgency("due_no_data")[0] == "due_no_data" and urgency("past_due_missed")[0] == "missed"
    assert urgency("observed_missed")[1] < urgency("due_no_data")[1] < urgency("unlikely")[1]
    assert urgency("brand_new_code") == ("uncertain", 21)
    a = pd.DataFrame([dict(id=i, label_vi=i, indicator="x", level="", locality="", comparator=">=", target=90.0,
                           unit="percent", due_year=2024, last_value=v, last_year=y, projected=np.nan,
                           annual_change_pp=np.nan, required_change_pp=np.nan, verdict=vd, verdict_vi=vi, n_obs=n)
                      for i, v, y, vd, vi, n in [("A", 80.0, 2023, "at_risk", "Có nguy cơ không đạt", 3),
                                                 ("B", np.nan, np.nan, "due_no_data", "Đến hạn, chưa có số liệu", 0),
                                                 ("C", 95.0, 2024, "observed_met", "Đã đạt", 4)]])
    lines = summary_lines(a)
    assert lines["id"].tolist() == ["B", "A", "C"]
    # the status is always the group's own label (the headline counts the same labels)
    assert lines.loc[0, "status"] == "Đã đến hạn, chưa có số liệu" and lines.loc[0, "group"] == "due_no_data"
    assert lines["status"].tolist() == ["Đã đến hạn, chưa có số liệu", "Có nguy cơ", "Đã đạt"]


def test_na_meo_promotion_checked_every_year_of_the_plan():
    """Na Mèo's "lên lớp ≥ 97% hằng năm" (001-28): the plan runs from 2021; 94,8% in 2021 misses it."""
    t = es.load_targets()
    obs = es.load_observations("data/examples/observations.csv")
    a = es.assess(t[t["source"] == "001_51d59cd3eefeb0a9.txt"], obs)
    ids = t.loc[t["annual"].astype(bool), "id"]
    res = annual_check(a, obs, ids, {"001_51d59cd3eefeb0a9.txt": 2021}).set_index("id")
    r = res.loc["001-28"]
    assert (r["k_met"], r["n_years"], r["years_missed"]) == (0, 1, [2021])
    # before the plan: 95,56 95,84 97,78 96,97 against 96,5 (97 at its precision): 2 of 4
    assert r["years_before"] == [2017, 2018, 2019, 2020] and r["k_before"] == 2
    assert annual_sentence(r).startswith("Đạt 0/1 năm; không đạt các năm 2021; các năm 2022–2025:")
    lines = summary_lines(a, obs, res.reset_index()).set_index("id")
    assert lines.loc["001-28", "group"] == "missed"


def test_rules_never_blank_and_document_score():
    assert rules_text(dict(n_obs=0, note="")) == "Chưa tính: chưa có số liệu"
    assert rules_text(dict(n_obs=3, note="standard rules not computed: they need two observations from the base "
                                          "year 2021 on")) == "Chưa tính: cần 2 số liệu từ năm gốc 2021 trở đi"
    t = es.load_targets()
    a = es.assess(t[t["source"] == "000_77c0261806063d0e.txt"], es.load_observations("data/examples/observations.csv"))
    texts = [rules_text(r) for _, r in a.iterrows()]
    assert all(x and "–" not in x.split(" / ") for x in texts)
    # the example series end where Lạc Sơn's plan starts (2022): no score, and the line says why
    assert score_line(a).endswith("chưa tính được, vì chưa mục tiêu nào có 2 số liệu kể từ năm gốc của kế hoạch.")
    a = es.assess(t[t["source"] == "000_77c0261806063d0e.txt"], es.load_observations("data/examples/observations.csv"),
                  base_years={})  # measured from the first observation instead
    line = score_line(a)
    k = int(a["statcan_score"].notna().sum())
    assert k == 9
    mean = round(float(a["statcan_score"].mean()), 1)
    assert f"tính trên {k} mục tiêu" in line and es.format_number(mean, 1, trim=True) in line


def test_comparison_total_is_recomputed_from_counts():
    o = es.load_observations("data/examples/observations.csv")
    c = compare_units(o, "mobilisation_rate", "kindergarten")
    if c.empty:  # pick any indicator the example holds for two localities
        ind, lvl = o.groupby(["indicator", "level"])["locality"].nunique().idxmax()
        c = compare_units(o, ind, lvl)
    assert len(c) >= 2 and list(c["rank"]) == list(range(1, len(c) + 1))
    assert list(c["value"]) == sorted(c["value"], reverse=True)
    v, k, n = c.attrs["total"]
    assert k == c["numerator"].sum() and n == c["denominator"].sum() and v == pytest.approx(100 * k / n)
    assert not np.isclose(v, c["value"].mean()) or len(set(c["denominator"])) == 1


def test_page_one_names_the_binding_criterion_and_the_teacher_gap():
    """Computed by hand from data/examples: Na Mèo (ĐBKK) literacy level 2 needs ≥ 90% of 15-35-year-olds at
    level 2, it has 93,5%; Mường Tè has 10 of 14 communes at primary level 3, 90% of 14 is 12,6 → 13 needed;
    Thiệu Hóa's preschool + primary need 770 + 750 = 1.520 teachers and have 1.265: 255 short."""
    from edustats.pages import document_briefing

    obs = es.load_observations("data/examples/observations.csv")
    actions = {f[:3]: re.findall(r'<p class="es-action">([^<]*)</p>', document_briefing(f, obs).summary)
               for f in ("001_51d59cd3eefeb0a9.txt", "002_2d457491d9bb0f7d.txt", "004_2b9630492192a680.txt")}
    assert any("tỷ lệ biết chữ mức độ 2, tuổi 15-35 93,5% so với ngưỡng 90% (dư 3,5 điểm %)" in a for a in actions["001"])
    assert "PCGD tiểu học mức độ 3 (huyện Mường Tè, 2023): 10/14 xã đạt (71,4%), cần ≥ 90%: còn thiếu 3 xã." in actions["004"]
    assert any("Mầm non + Tiểu học toàn huyện năm 2022 (bù trừ giữa các xã và các cấp): thiếu 255 người so với "
               "định mức (1.265 có / 1.520 cần)" in a for a in actions["002"])   # the document's pooled figure, labelled


def test_district_header_names_its_new_communes_not_one_successor():
    """Lạc Sơn, Thiệu Hóa and Mường Tè were districts: abolished on 1/7/2025, their old communes in several new ones
    (24 → 8 in Phú Thọ, 24 → 7 in Thanh Hóa, 14 → 8 in Lai Châu; the 2025 crosswalk)."""
    from edustats.pages import document_header

    src = es.load_sources().set_index("file")
    heads = {f[:3]: document_header(dict(src.loc[f].to_dict(), file=f)) for f in src.index}
    assert "Đơn vị từ 1/7/2025: xã Lạc Sơn" not in heads["000"]
    assert ("huyện Lạc Sơn đã giải thể từ 1/7/2025 (bỏ cấp huyện); 24 xã, thị trấn cũ nay thuộc 8 xã mới của tỉnh "
            "Phú Thọ: Lạc Sơn, Mường Vang,") in heads["000"]
    assert "tỉnh Hòa Bình sáp nhập vào tỉnh Phú Thọ" in heads["000"]
    assert "24 xã, thị trấn cũ nay thuộc 7 xã, phường mới của tỉnh Thanh Hóa" in heads["002"]
    assert "14 xã, thị trấn cũ nay thuộc 8 xã mới của tỉnh Lai Châu" in heads["004"]
    assert "Sắp xếp đơn vị hành chính 2025: xã Na Mèo, tỉnh Thanh Hóa (bỏ cấp huyện từ 1/7/2025)" in heads["001"]  # a commune stays


def test_own_briefing_says_which_rows_it_merged_or_left_out_and_cites_file_names():
    """'Na Meo' is Na Mèo without accents (used, said); 'Na Mèoo' only looks like it (left out, said with its count);
    sources by file name, the targets file named as given."""
    from edustats.pages import own_briefing, render_sections

    obs = es.load_observations("data/examples/observations.csv")
    here = obs.index[obs["locality"] == "Na Mèo"]
    obs.loc[here[:3], "locality"] = "Na Meo"
    obs.loc[here[3:5], "locality"] = "Na Mèoo"
    t = es.load_targets()
    b = own_briefing("Na Mèo", obs, t[t["source"] == "001_51d59cd3eefeb0a9.txt"],
                     observations_label="/tmp/abc/clean.xlsx", targets_label="/tmp/abc/mau-nhap-lieu.xlsx")
    assert "3 dòng ghi địa phương &#x27;Na Meo&#x27; được dùng như &#x27;Na Mèo&#x27;" in b.summary
    assert "2 dòng ghi địa phương &#x27;Na Mèoo&#x27;, gần giống &#x27;Na Mèo&#x27;, không được dùng" in b.summary
    page = b.summary + "".join(render_sections(b))
    assert "/tmp/" not in page and "số liệu: clean.xlsx" in page
    assert "Nguồn: mau-nhap-lieu.xlsx (cột annual)" in page and "data/targets.csv (cột annual)" not in page


def test_path_for_a_series_observed_to_its_due_year_is_not_missing_a_start():
    """Seven years observed up to the due year: the path text gives the outcome, never 'chưa có mức xuất phát'."""
    obs = pd.DataFrame({"series": "P", "year": range(2019, 2026), "value": [13.0, 12.5, 11.9, 11.0, 10.8, 10.2, 9.6]})
    r = assess_series(obs, pd.DataFrame([dict(series="P", comparator="<=", target=6.0, due_year=2025,
                                              unit="percent")])).iloc[0].to_dict()
    from edustats.briefing import path_text

    r |= dict(required_path="", path_start="observed")
    assert r["verdict"] == "observed_missed" and r["n_obs"] == 7
    assert path_text(r) == "đã đến hạn năm 2025: không đạt: năm 2025 là 9,6%, cách 3,6 điểm %"


def test_counts_a_year_use_the_denominators_word():
    """An admission rate's denominator is graduates (pupils): 'em', not 'trường'. 0,75 points of 1.463 = 10,97 ≈ 11 a year."""
    from edustats.summary import action_text

    o = pd.DataFrame(dict(indicator=["professional_school_admission_rate"], locality=["A"], level=["upper-secondary"],
                          year=[2023], numerator=[300], denominator=[1463]))
    r = dict(comparator=">=", target=23.5, last_value=20.5, last_year=2023, due_year=2027, projected=21.0,
             annual_change_pp=0.5, required_change_pp=0.75, unit="percent", indicator="professional_school_admission_rate",
             locality="A", level="upper-secondary", n_obs=4)
    assert action_text(r, o).endswith("; khoảng 11 em mỗi năm trên 1.463 em.")


def test_page_one_shows_the_verdict_in_the_words_assess_prints():
    """Fresh reader: assess said "Có khả năng đạt", page one "Đúng hướng" for the same target: two vocabularies.
    Page one keeps its group label (the headline counts it) and shows assess's words under it."""
    from edustats.assess import VERDICTS
    from edustats.summary import summary_html

    base = dict(label_vi="x", label_en="x", indicator="x", level="", locality="", comparator=">=", target=90.0,
                unit="percent", due_year=2030, last_year=2024, projected=95.0, annual_change_pp=1.0, n_obs=5)
    rows = [dict(base, id="P", last_value=85.0, required_change_pp=5 / 6, verdict="probable"),
            dict(base, id="L", last_value=86.0, required_change_pp=4 / 6, verdict="likely"),
            dict(base, id="R", last_value=70.0, required_change_pp=20 / 6, projected=80.0, verdict="at_risk")]
    a = pd.DataFrame([dict(r, verdict_vi=VERDICTS[r["verdict"]][0], verdict_en=VERDICTS[r["verdict"]][1]) for r in rows])
    lines = summary_lines(a).set_index("id")
    assert lines.loc[["P", "L", "R"], "status"].tolist() == ["Đúng hướng", "Đúng hướng", "Có nguy cơ"]
    # "Có nguy cơ" already starts assess's "Có nguy cơ không đạt": nothing added
    assert lines.loc[["P", "L", "R"], "verdict_words"].tolist() == ["Có khả năng đạt", "Nhiều khả năng đạt", ""]
    page = summary_html(a)
    cells = re.findall(r'<tr data-urgency[^>]*><td[^>]*>(.*?)</td>', page)
    assert cells == ['Có nguy cơ', 'Đúng hướng<span class="es-verdict">Có khả năng đạt</span>',
                     'Đúng hướng<span class="es-verdict">Nhiều khả năng đạt</span>']
    en = summary_html(a, lang="en")
    assert 'On track<span class="es-verdict">Probably met</span>' in en

    # on the shipped Lạc Sơn data: every line's words are the verdict assess gives that target
    t = es.load_targets()
    obs = es.load_observations("data/examples/observations.csv")
    res = es.assess(t[t["source"] == "000_77c0261806063d0e.txt"], obs).set_index("id")
    for i, r in summary_lines(res.reset_index()).set_index("id").iterrows():
        words = res.loc[i, "verdict_vi"]
        assert r["verdict_words"] in ("", words), i
        assert r["verdict_words"] == words or words.lower().startswith(r["status"].lower()), (i, r["status"], words)


def test_english_header_and_synthetic_labels_are_in_english():
    """Fresh reader: the English Lạc Sơn briefing had two Vietnamese-only lines, the 2025 reorganisation and the
    synthetic-data label. The Vietnamese pages are unchanged."""
    import matplotlib.pyplot as plt

    from edustats.charts import plot_fan
    from edustats.pages import document_header
    from edustats.province import figure_data_labels
    from edustats.report import SYNTHETIC_TEXT, html_table

    src = es.load_sources().set_index("file")
    f = "000_77c0261806063d0e.txt"
    en = document_header(dict(src.loc[f].to_dict(), file=f), "en")
    assert ("2025 administrative reorganisation: Lạc Sơn district was abolished on 1 July 2025 (the district level was "
            "removed); its 24 former communes and townships are now in 8 new communes of Phú Thọ province: Lạc Sơn, "
            "Mường Vang,") in en
    assert "; Hòa Bình province merged into Phú Thọ province." in en and "Area: Lạc Sơn district, Hòa Bình province." in en
    assert "Sắp xếp" not in en and "giải thể" not in en and "sáp nhập" not in en
    # the document's own identity stays as written, marked Vietnamese
    assert '<span lang="vi">Nghị quyết số 10-NQ/HU; Ban Thường vụ Huyện ủy Lạc Sơn; ngày 18/07/2022.</span>' in en
    vi = document_header(dict(src.loc[f].to_dict(), file=f))
    assert "Sắp xếp đơn vị hành chính 2025: huyện Lạc Sơn đã giải thể từ 1/7/2025" in vi and "abolished" not in vi

    t = pd.DataFrame({"a": [1]})
    assert "Synthetic example data (simulated): not the locality&#x27;s real figures" in html_table(t, synthetic=True,
                                                                                                   lang="en")
    assert SYNTHETIC_TEXT.split(":")[0] not in html_table(t, synthetic=True, lang="en")
    assert SYNTHETIC_TEXT.split(":")[0] in html_table(t, synthetic=True)
    from edustats.pages import _series_for

    targets = es.load_targets()
    obs = es.load_observations("data/examples/observations.csv")
    row = es.assess(targets[targets["id"] == "000-01"], obs).iloc[0]
    for lang, words in (("en", "SYNTHETIC EXAMPLE DATA (SIMULATED)"), ("vi", "SỐ LIỆU GIẢ ĐỊNH (MÔ PHỎNG)")):
        fig = plot_fan(_series_for(obs, row), row, synthetic=True, lang=lang)
        assert [t.get_text() for t in fig.texts] == [words] and figure_data_labels(fig) == {"synthetic"}
        plt.close(fig)
