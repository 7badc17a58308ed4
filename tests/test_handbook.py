"""The trainers' handbook: legible formulas, worked examples, exercises, equity indicators, structure."""
import html as htmllib
import re
from pathlib import Path

import pandas as pd
import pytest

import edustats as es
from edustats import progress_rules as pr
from edustats.build import ROOT, build_plan
from edustats.exercises import TOPICS, exercise_keys, rule_exercise, sheet_html, topic_exercises
from edustats.formulas import FORMULAS, formula_svg, legibility
from edustats.handbook import ENTRIES, LEGAL_QUOTES, handbook_html, handbook_sections
from edustats.worked import CASES, exercise_answer, vn_completion_rate, vn_flow_rates, worked_example

SHOTS = ROOT / "reports" / "screenshots" / "formulas"
LEGAL = ROOT.parent / "shared" / "reference" / "legal"
GSO = ROOT.parent / "shared" / "data" / "gso_provinces" / "education_by_province.csv"
KEYS = [e["key"] for e in ENTRIES]


# ---------------------------------------------------------------- formulas
@pytest.mark.parametrize("key", sorted(FORMULAS))
def test_every_formula_is_legible_and_kept_as_a_screenshot(key):
    SHOTS.mkdir(parents=True, exist_ok=True)
    from edustats.formulas import formula_png

    for i, f in enumerate(FORMULAS[key]):
        for lang in ("vi", "en"):
            tex = f.tex(lang)
            r = legibility(tex)
            assert r["overlaps"] == [], (key, lang, r["overlaps"])
            assert r["raw_tex"] == [], (key, lang, r["raw_tex"])
            assert not r["clipped"] and 0.02 <= r["ink_fill"] <= 0.6, (key, lang, r)
            assert r["smallest"] >= 0.6, (key, lang, r["smallest"])  # no script-of-a-script letters
            assert r["ok"], (key, lang, r)
            path = SHOTS / f"{key}-{i + 1}-{lang}.png"
            formula_png(tex, path)
            assert path.stat().st_size > 1000


def test_the_legibility_check_catches_what_made_the_old_handbook_unreadable():
    # braces and backslashes drawn as characters (raw TeX), glyphs pushed onto each other
    assert legibility(r"\{E_{g}\}")["raw_tex"] == ["{", "}"]
    assert legibility(r"\backslash frac")["raw_tex"] == ["\\"]
    assert not legibility(r"\mathrm{GER}\!\!\!\!\!\!\!\!\!=\!\!\!\!\!\!\!100")["ok"]
    # a subscript tucked under a capital's arm overlaps it: the handbook adds a thin space
    assert legibility(r"T_{\mathrm{trên}}")["overlaps"] == [("T", "t")]
    assert legibility(r"T_{\,\mathrm{trên}}")["ok"]
    # a text-style fraction shrinks the denominator's superscript to half a letter: unreadable on a slide
    small = legibility(r"100 \times \frac{B_g^t}{E_g^{t,\ \mathrm{đầu\ năm}}}")
    assert small["smallest"] == pytest.approx(0.5, abs=0.02) and not small["ok"]
    assert legibility(r"100 \times \dfrac{B_g^t}{E_g^{t,\ \mathrm{đầu\ năm}}}")["ok"]
    # the old renderer stacked the lines of a multi-line formula on a 0,01-inch figure; one line per image now
    with pytest.raises(ValueError, match="one line per formula"):
        formula_svg("p = 1 \\\\ r = 2")
    with pytest.raises(ValueError, match="one line per formula"):
        legibility("p = 1\nr = 2")


def test_formula_svgs_on_one_page_have_distinct_ids():
    a, b = formula_svg(r"\frac{E}{P}"), formula_svg(r"\frac{T}{n}")
    ids = lambda s: set(re.findall(r'id="([^"]+)"', s))  # noqa: E731
    assert ids(a) and not ids(a) & ids(b)


# ---------------------------------------------------------------- equity indicators
def _sexes(f, m, loc="A"):
    return pd.DataFrame({"locality": loc, "year": 2021, "sex": ["female", "male"], "value": [f, m]})


def test_gender_parity_index_by_hand_and_the_uis_parity_band():
    g = es.gender_parity_index(_sexes(104.0, 110.0)).iloc[0]
    assert g["value"] == pytest.approx(104 / 110) and not g["at_parity"]
    # the band 0,97-1,03 is inclusive at both ends
    assert bool(es.gender_parity_index(_sexes(97.0, 100.0))["at_parity"].item())
    assert not bool(es.gender_parity_index(_sexes(96.9, 100.0))["at_parity"].item())
    assert bool(es.gender_parity_index(_sexes(103.0, 100.0))["at_parity"].item())
    assert not bool(es.gender_parity_index(_sexes(103.1, 100.0))["at_parity"].item())


def test_adjusted_gpi_is_symmetric_around_one_and_equals_gpi_below_one():
    below = es.adjusted_gender_parity_index(_sexes(50.0, 100.0))["value"].item()
    above = es.adjusted_gender_parity_index(_sexes(100.0, 50.0))["value"].item()
    assert below == 0.5 and above == 1.5  # plain GPI would say 0,5 and 2
    assert es.adjusted_gender_parity_index(_sexes(80.0, 80.0))["value"].item() == 1.0
    assert es.adjusted_gender_parity_index(_sexes(105.0, 100.0))["value"].item() == pytest.approx(2 - 100 / 105)
    assert es.adjusted_gender_parity_index(_sexes(99.0, 100.0))["value"].item() == pytest.approx(0.99)


def test_gpi_refuses_a_missing_sex_an_unknown_sex_and_a_zero_male_value():
    with pytest.raises(es.DataError, match="sex = male"):
        es.gender_parity_index(_sexes(1.0, 1.0).iloc[:1])
    with pytest.raises(es.DataError, match="female or male"):
        es.gender_parity_index(_sexes(1.0, 1.0).assign(sex=["nữ", "male"]))
    with pytest.raises(es.DataError, match="male value > 0"):
        es.gender_parity_index(_sexes(10.0, 0.0))


def test_over_age_share_boundaries_by_hand():
    # grade 3 is age 8: with k = 2, age 10 is over-age, age 9 is not; with k = 1, age 9 is
    e = pd.DataFrame({"locality": "A", "year": 2021, "grade": 3, "age": [8, 9, 10], "enrolment": [70, 20, 10]})
    assert es.over_age_share(e, "primary")["value"].item() == 10.0
    assert es.over_age_share(e, "primary", years_over=1)["value"].item() == 30.0
    # lower secondary: grade 6 is age 11
    e6 = pd.DataFrame({"locality": "A", "year": 2021, "grade": 6, "age": [11, 12, 13], "enrolment": [80, 15, 5]})
    assert es.over_age_share(e6, "lower-secondary")[["numerator", "denominator"]].values.tolist() == [[5.0, 100.0]]
    with pytest.raises(es.DataError, match="grade"):
        es.over_age_share(e.assign(grade=6), "primary")
    with pytest.raises(ValueError, match="years_over"):
        es.over_age_share(e, "primary", years_over=0)


def test_catalogue_has_gpi_and_over_age_rows_and_the_survival_row_no_longer_reads_as_a_product_of_promotion_rates():
    cat = es.indicator_catalogue().set_index("code")
    for code, fn in [("gender_parity_index", "gender_parity_index"),
                     ("gender_parity_index_adjusted", "adjusted_gender_parity_index"), ("over_age_share", "over_age_share")]:
        assert cat.at[code, "function"] == fn and hasattr(es, fn)
    surv = cat.at["survival_rate", "formula"]
    assert "∏ promotion rates" not in surv and "(1 − r_i)" in surv and "regardless of repetition" in cat.at["survival_rate", "numerator"]


# ---------------------------------------------------------------- worked examples and exercises
def test_every_indicator_has_a_formula_a_worked_table_and_an_exercise():
    assert set(KEYS) == set(CASES) == set(FORMULAS)
    assert set(KEYS) <= set(exercise_keys())
    for k in KEYS:
        for lang in ("vi", "en"):
            w, x = worked_example(k, lang), exercise_answer(k, lang)
            assert w.tables and all(len(t) for _, t in w.tables), k
            assert w.steps and w.result and w.source, k
            assert x.question and x.steps and x.result and x.value == x.value, k  # computed, not NaN


def test_worked_examples_reproduce_hand_computations_and_published_figures():
    assert worked_example("ptr").value == pytest.approx(86413 / 4527)  # yearbook: "19 students/teacher"
    assert worked_example("ger").value == pytest.approx(100 * 460 / 430)
    assert worked_example("survival").value == pytest.approx(90.0)  # 1000 × 0,90/0,95 × 0,95
    assert worked_example("teachers_required").value == 3394.0  # 1.786 × 1,90 = 3.393,4, whole teachers rounded up
    assert worked_example("surplus").value == 3907 - 3394
    assert worked_example("pcr").value == pytest.approx(71303 / 3127)
    assert exercise_answer("pcr").value == pytest.approx(395 / 21)
    assert worked_example("universalisation").value == 3.0 and exercise_answer("universalisation").value == 2.0
    assert worked_example("district").value == pytest.approx(100 * 10 / 14)
    assert "107,0%" in worked_example("ger").result and "19,09" in worked_example("ptr").result


@pytest.mark.skipif(not GSO.exists(), reason="shared GSO tables not present")
def test_the_gso_figures_typed_into_the_worked_examples_match_the_gso_table():
    d = pd.read_csv(GSO)
    hb = d[(d["province"] == "Hòa Bình") & (d["year_start"] == 2016)].set_index(["level", "measure"])["value"]
    assert hb[("primary", "pupils")] == 71303 and hb[("primary", "classes")] == 3127
    assert hb[("primary", "female_pupils")] == 34251 and hb[("primary", "teachers")] == 4839
    assert hb[("lower_secondary", "pupils")] == 47054 and hb[("lower_secondary", "classes")] == 1786
    assert hb[("lower_secondary", "teachers")] == 3907
    gpi = next(e for e in ENTRIES if e["key"] == "gpi")
    assert "48,0%" in gpi["pitfalls"][0][0] and round(100 * 34251 / 71303, 1) == 48.0


def test_vietnamese_school_report_definitions_beside_uis():
    r = vn_flow_rates(start=100, dropped=2, end=98, promoted=95, kept_down=3)
    assert (r["dropout"], r["repetition"]) == (2.0, 3.0) and r["promotion"] == pytest.approx(100 * 95 / 98)
    assert vn_completion_rate(111, 120) == 92.5
    w = worked_example("flows_vn")
    assert "96,9%" in w.result and "94,0%" in w.result  # same pupils, two definitions, two answers
    with pytest.raises(ValueError):
        vn_flow_rates(0, 0, 10, 5, 0)


def test_progress_rule_exercises_are_answered_by_the_public_functions():
    ter = {2015: 29.725080, 2019: 30.224119}
    R, cat, _ = pr.statcan_progress(ter[2015], 2015, ter[2019], 2019, 40.0, 2030, True, True)
    assert rule_exercise("rules_statcan").value == pytest.approx(float(R)) and str(cat) == "limited_progress"
    u, ucat, _ = pr.unsd_progress(ter[2015], 2015, ter[2019], 2019, 40.0, 2030, True, True)
    assert rule_exercise("rules_unsd").value == pytest.approx(float(u)) and str(ucat) == "limited"  # 0,209 < 0,5 (2022)
    low = rule_exercise("rules_lower")
    assert low.value == pytest.approx(float(pr.statcan_progress(9, 2021, 8, 2023, 6, 2025, False, True)[0]))
    assert low.value < 0.6 and "Tiến bộ hạn chế" in low.result  # just below the 0,60 cut-off
    assert rule_exercise("rules_pace").value == pytest.approx((40 - ter[2019]) / 11)


def test_exercise_sheets_put_answers_on_a_separate_printed_page():
    assert list(TOPICS) == ["access", "flows", "equity", "teachers", "universalisation", "projections"]
    for topic in TOPICS:
        s = sheet_html(topic)
        assert s.count("break-before: page") == 2  # the sheet starts a page, its answers start another
        _, q, a = s.split("break-before: page")
        answers = topic_exercises(topic)
        assert "Đáp án" not in q and "Đáp án" in a
        for w in answers:
            assert htmllib.escape(w.result) in a and htmllib.escape(w.result) not in q, (topic, w.key)


# ---------------------------------------------------------------- structure of the handbook
def _text(h):
    h = re.sub(r"<svg.*?</svg>", "", h, flags=re.S)
    h = re.sub(r"<style.*?</style>", "", h, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", h))


@pytest.fixture(scope="module")
def hb_vi():
    return handbook_html("vi")


@pytest.fixture(scope="module")
def hb_en():
    return handbook_html("en")


def test_handbook_has_contents_whose_anchors_all_resolve(hb_vi, hb_en):
    for h in (hb_vi, hb_en):
        targets = set(re.findall(r'href="#([^"]+)"', h))
        ids = set(re.findall(r'id="([^"]+)"', h))
        assert targets and targets <= ids, targets - ids
        assert set(KEYS) <= targets
    first = handbook_sections("vi", exercises=False)[0]
    assert "Mục lục" in first and all(f'href="#{k}"' in first for k in KEYS)


def test_no_section_shows_a_doctest_or_a_raw_python_object(hb_vi, hb_en):
    for h in (hb_vi, hb_en):
        text = _text(h)
        for bad in (">>>", "{'", "[{", "DataFrame", "dtype", "array(", "np.float", "<function", "NaN", " nan",
                    "Traceback", "\\frac", "\\mathrm", "\\text", "$"):
            assert bad not in text, bad


def test_vietnamese_first_english_variant_glossary_regulation_reading_order(hb_vi, hb_en):
    t_vi, t_en = _text(hb_vi), _text(hb_en)
    assert t_vi.index("Tiếp cận") < t_vi.index("Access: enrolment")  # Vietnamese heading, English under it
    assert "Thuật ngữ" in t_vi and "tỷ lệ đi học chung" in t_vi.lower() and "Gross enrolment ratio" in t_vi
    assert "Trình tự buổi tập huấn nửa ngày" in t_vi and "Reading order for a half-day training" in t_en
    assert "Worked example" in t_en and "Common mistake" in t_en and "Ví dụ tính tay" in t_vi
    assert hb_vi.count("<svg") >= sum(len(v) for v in FORMULAS.values())
    # the regulation of each Vietnamese indicator is quoted from the decree where it was available
    assert "Tỷ lệ trẻ em 6 tuổi vào lớp 1 đạt ít nhất 90%" in t_vi and "Nghị định 20/2014/NĐ-CP, Điều 9" in t_vi


def test_each_pitfall_is_written_once(hb_vi):
    pits = [vi for e in ENTRIES for vi, _ in e["pitfalls"]]
    assert len(pits) == len(set(pits))
    for p in pits:
        assert _text(hb_vi).count(p) == 1, p


def test_vn_and_uis_definitions_side_by_side_with_the_reason_and_the_documents_targets(hb_vi):
    t = _text(hb_vi)
    for needle in ("số học sinh đầu năm", "báo cáo cuối năm", "học sinh lớp 1 năm t − 4", "Tiểu học 6-10, THCS 11-14, THPT 15-17",
                   "Vì sao khác", "Chỉ tiêu của văn bản", "Na Mèo \"tỷ lệ học sinh lên lớp đạt 97%\""):
        assert needle in t, needle


@pytest.mark.skipif(not LEGAL.exists(), reason="shared legal texts not present")
def test_every_quoted_article_is_verbatim_in_the_codified_decree():
    texts = "\n".join(p.read_text(encoding="utf-8") for p in LEGAL.glob("*.txt"))
    for key, (_, quote) in LEGAL_QUOTES.items():
        assert quote in texts, key


def test_english_handbook_and_exercise_sheets_are_registered_briefings():
    plan = {name: (nb, params) for nb, params, name in build_plan()}
    assert plan["20-indicator-handbook-en"] == ("20-indicator-handbook", {"lang": "en"})
    assert plan["20-exercises"] == ("20-indicator-handbook", {"part": "exercises"})
    assert Path(ROOT / "notebooks" / "20-indicator-handbook.ipynb").exists()


def _print_pdf_pages(html_text, tmp_path):
    import shutil
    import subprocess

    from edustats.offline_check import find_chromium

    chromium, pdftotext = find_chromium(), shutil.which("pdftotext")
    if chromium is None or pdftotext is None:
        pytest.skip("needs Chromium and pdftotext (poppler-utils) to print")
    src, pdf = tmp_path / "page.html", tmp_path / "page.pdf"
    src.write_text(f'<html><head><meta charset="utf-8"></head><body>{html_text}</body></html>', encoding="utf-8")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", src.as_uri()], capture_output=True, timeout=180, check=False)
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_exercise_sheets_print_with_each_sheet_and_its_answers_on_their_own_pages(tmp_path):
    from edustats.exercises import all_sheets_html
    from edustats.handbook import HANDBOOK_CSS

    pages = _print_pdf_pages(HANDBOOK_CSS + '<div class="es-hb">' + all_sheets_html("vi") + "</div>", tmp_path)
    assert all(p.strip() for p in pages), "no blank page"
    firsts = [p.strip().splitlines()[0] for p in pages]
    assert firsts[0].startswith("Các phiếu bài tập")  # the list of sheets, then one page-run per sheet
    assert sum(f.startswith("Phiếu bài tập ") for f in firsts) == len(TOPICS)
    assert sum(f.startswith("Đáp án:") for f in firsts) == len(TOPICS)
    for p in pages:  # an answer never shares a page with its questions
        assert not ("Họ tên:" in p and "Kết quả:" in p)


def test_handbook_prints_with_its_table_of_contents_first(tmp_path):
    pages = _print_pdf_pages(handbook_html("vi", exercises=False), tmp_path)
    assert pages[0].strip().startswith("Mục lục") and "Tỷ lệ đi học chung (GER)" in pages[0]
    assert all(p.strip() for p in pages)


def test_printed_rule_steps_recompute_to_the_printed_answer():
    # fresh reader: the key printed "(31,64 − 29,725) / (40 − 29,725) = 0,209", which is 0,186 (the 2023
    # formula beside the 2022 answer). Recompute each printed ratio step from its own printed numbers.
    def num(s):
        return float(s.replace("(", "").replace(")", "").replace("−", "-").replace(",", "."))
    for key in ("rules_unsd", "rules_lower", "rules_statcan"):
        for lang in ("vi", "en"):
            w = rule_exercise(key, lang)
            step = next(s for s in w.steps if re.search(r"(Tỷ số|Ratio|R) = ", s) and "/" in s)
            a, b_, res = re.findall(r"(\(?−?\d+,\d+\)?) / \|?(\(?−?\d+,\d+\)?)\|? = (\d+,\d+)", step)[-1]
            sign = -1 if "−1 ×" in step else 1
            assert sign * num(a) / abs(num(b_)) == pytest.approx(num(res), abs=6e-3), (key, lang, step)
            assert res in w.result
