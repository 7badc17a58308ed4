"""The briefings: built from the notebooks, self-contained, opened offline in headless Chromium."""
import os
import re

import pytest

from edustats.build import ROOT, build_all, build_plan, external_references
from edustats.offline_check import FIRST_SCREEN_JS, check_offline, find_chromium, print_pdf

SCREENSHOTS = ROOT / "reports" / "screenshots"
# the briefings this package writes page one for (20 and 21 are teaching notebooks)
WITH_SUMMARY = ("02-scorecard", "10-document-000", "10-document-001", "10-document-002", "10-document-003",
                "10-document-004", "10-document-000-en", "30-your-own-data-na-meo")
VIETNAMESE = ("01-targets-overview", "02-scorecard", "10-document-000", "10-document-001", "10-document-002",
              "10-document-003", "10-document-004", "30-your-own-data-na-meo")
# English words that are not also Vietnamese syllables ("to", "an", "do", "no", "in" are): any of them, or a
# snake_case code, in the rendered text of a Vietnamese page outside a marked secondary line is a leak
ENGLISH = {"the", "of", "and", "with", "by", "from", "data", "target", "targets", "value", "reach", "starting",
           "unknown", "district", "named", "synthetic", "example", "observed", "observation", "observations",
           "projection", "probability", "verdict", "level", "year", "years", "rate", "share", "teachers", "school",
           "schools", "not", "percent", "points", "met", "missed", "baseline", "definition", "numerator",
           "denominator", "enrolled", "children", "commune", "document", "reported", "source", "interval",
           "likely", "uncertain", "pace", "required", "achieved", "this", "that", "abolished", "merged", "blank",
           "left", "number", "grim", "summary", "overview", "scorecard", "what", "means", "first", "seed", "fixed"}


def _requires_chromium():
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required under CI: `make test` installs Debian's chromium")
        pytest.skip("Chromium not installed (make test installs Debian's chromium)")


@pytest.fixture(scope="module")
def briefings(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return build_all(out)


def test_one_briefing_per_document_plus_scorecard_handbook_and_own_data(briefings):
    names = {p.stem for p in briefings}
    for doc in ("000", "001", "002", "003", "004"):
        assert f"10-document-{doc}" in names
    assert {"02-scorecard", "20-indicator-handbook", "30-your-own-data-na-meo", "10-document-000-en"} <= names
    assert len(briefings) == len(build_plan())


def test_no_html_references_an_external_resource(briefings):
    for p in briefings:
        html = p.read_text(encoding="utf-8")
        assert external_references(html) == [], p.name
        assert "cdnjs" not in html and "mathjax" not in html.lower(), p.name
        assert "<script src=" not in html, p.name


def test_vietnamese_first_with_counts_beside_rates_and_synthetic_label(briefings):
    doc = next(p for p in briefings if p.stem == "10-document-001").read_text(encoding="utf-8")
    assert "Tóm tắt" in doc and "Số liệu giả định (mô phỏng)" in doc and "Dữ liệu minh họa tổng hợp" not in doc
    assert re.search(r"\d+,\d% \(\d[\d.]* / \d[\d.]*\)", doc), "a rate with its counts, Vietnamese format"
    assert "320 / 355" in doc  # 90,14% reproduced from its counts
    en = next(p for p in briefings if p.stem == "10-document-000-en").read_text(encoding="utf-8")
    assert "Probability met" in en


def test_handbook_renders_formulas_without_mathjax(briefings):
    hb = next(p for p in briefings if p.stem == "20-indicator-handbook").read_text(encoding="utf-8")
    assert hb.count("<svg") >= 20  # one rendered formula per indicator function, inline
    assert "Ví dụ tính tay" in hb and "Lưu ý" in hb


def test_every_briefing_opens_offline_in_chromium(briefings):
    _requires_chromium()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for p in briefings:
        r = check_offline(p, screenshot=SCREENSHOTS / f"{p.stem}-full.png")
        assert r["external"] == [], (p.name, r["external"])
        assert r["failed"] == [], (p.name, r["failed"])
        assert r["exceptions"] == [] and r["console_errors"] == [], p.name
        assert r["broken"] == 0, p.name
        assert r["tables"] >= 1 and r["text"] > 500, p.name
        assert (SCREENSHOTS / f"{p.stem}-full.png").stat().st_size > 10_000
    doc = [check_offline(p) for p in briefings if p.stem == "10-document-001"]
    assert doc and doc[0]["images"] >= 4, [(d["images"], d["text"]) for d in doc]


@pytest.fixture(scope="module")
def first_screens(briefings):
    """Every briefing opened at 1366×768 (an office laptop): screenshot of the first screen, layout facts."""
    _requires_chromium()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return {p.stem: check_offline(p, screenshot=SCREENSHOTS / f"{p.stem}.png", window=(1366, 768),
                                  expression=FIRST_SCREEN_JS)["eval"] for p in briefings}


def test_page_one_is_on_the_first_screen_ordered_by_urgency(first_screens):
    for name in WITH_SUMMARY:
        e = first_screens[name]
        assert e["summary"] is not None, name
        top, _ = e["summary"]
        assert top < 300, (name, top)  # the summary starts right under the heading
        rows = e["rows"]
        if name.startswith("10-document-00") and name[-1] in "014" or name.startswith("30"):
            assert rows, name
            # the first line (the most urgent) is wholly on the first screen
            assert rows[0][3] <= 768, (name, rows[0])
            ranks = [r[0] for r in rows]
            assert ranks == sorted(ranks), (name, ranks)
            # past its due year without a figure is as urgent as a miss (the report is owed)
            assert rows[0][1] in ("missed", "due_no_data", "at_risk"), (name, rows[0])
        assert ("Số liệu đến năm" in e["text"] or "Lập ngày" in e["text"] or "lập ngày" in e["text"]
                or "Data up to" in e["text"]), name
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000


def test_clean_vietnamese_lang_and_distinct_titles(first_screens):
    titles = {n: e["title"] for n, e in first_screens.items()}
    assert len(set(titles.values())) == len(titles), titles
    for name, e in first_screens.items():
        assert e["lang"] == ("en" if name.endswith("-en") else "vi"), (name, e["lang"])
    for name in VIETNAMESE:
        e = first_screens[name]
        text = e["text"]
        for sec in sorted(e["secondary"], key=len, reverse=True):
            text = text.replace(sec, " ")
        text = re.sub(r"\S*[/.@]\S*", " ", text)  # file names, modules, numbers: not prose
        words = set(re.findall(r"[A-Za-z_]+", text))
        leaks = sorted(w for w in words if w.lower() in ENGLISH or re.fullmatch(r"[a-z]+(?:_[a-z0-9]+)+", w))
        assert not leaks, (name, leaks[:20])
    doc3 = first_screens["10-document-003"]["text"]
    assert "unknown" not in doc3 and "(không ghi tên), ." not in doc3 and "huyện không ghi tên" in doc3


def _pages_before_appendix(pdf):
    from pypdf import PdfReader

    pages = [pg.extract_text() or "" for pg in PdfReader(str(pdf)).pages]
    first = next((i for i, t in enumerate(pages) if re.search(r"Phụ lục\s*A\.", t)), len(pages))
    return first, pages


def test_document_briefings_print_on_at_most_six_a4_pages_before_the_appendix(briefings, tmp_path):
    _requires_chromium()
    for name in ("10-document-001", "10-document-004"):
        pdf = print_pdf(next(p for p in briefings if p.stem == name), tmp_path / f"{name}.pdf")
        before, pages = _pages_before_appendix(pdf)
        assert before <= 6, (name, before, len(pages))
        assert len(pages) > before  # the appendix is there, after the budget
        assert "Tóm tắt" in pages[0] and "Số liệu đến năm" in pages[0], name


def test_quiet_build_one_line_per_briefing(capfd, tmp_path):
    build_all(tmp_path, only=["10-document-003"])
    out, err = capfd.readouterr()
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == 3, lines  # start, one per briefing, summary
    assert re.match(r"  \[1/1\] 10-document-003\.html \(\d+,\d s\)$", lines[1]), lines
    assert lines[2].startswith("edustats: xong 1 bản tin trong ")
    assert "Kernel is running" not in out + err and "KeyboardInterrupt" not in out + err


def test_rebuilding_gives_byte_identical_html(briefings, tmp_path):
    again = build_all(tmp_path, only=["02-scorecard"])
    first = next(p for p in briefings if p.stem == "02-scorecard")
    assert again[0].read_bytes() == first.read_bytes()


def test_cli_briefing_for_a_planners_own_files(tmp_path):
    from edustats.cli import main

    obs = tmp_path / "obs.csv"
    obs.write_text("locality,indicator,level,year,value,numerator,denominator\n"
                   "Xã A,malnutrition_rate,preschool,2022,\"12,5\",25,200\n"
                   "Xã A,malnutrition_rate,preschool,2023,11,22,200\n"
                   "Xã A,malnutrition_rate,preschool,2024,\"9,5\",19,200\n", encoding="utf-8")
    tg = tmp_path / "targets.csv"
    tg.write_text("id,source,locality,kind,year,level,indicator,label_vi,label_en,comparator,value,unit,quote\n"
                  "A1,nghị quyết xã A,Xã A,target,2026,preschool,malnutrition_rate,Tỷ lệ trẻ suy dinh dưỡng,"
                  "Child malnutrition,<=,7,percent,\n", encoding="utf-8")
    out = tmp_path / "out" / "xa-a.html"
    figures = ROOT / "figures"
    before = {p: p.stat().st_mtime_ns for p in figures.glob("*")} if figures.exists() else {}
    assert main(["briefing", "--locality", "Xã A", "--observations", str(obs), "--targets", str(tg),
                 "--lang", "en", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Xã A" in html and "Probability met" in html and "9,5% (19 / 200)" in html
    assert '<html lang="en">' in html
    # only where --out points: no chart in the package's figures/, nothing else beside the HTML
    assert sorted(p.name for p in out.parent.iterdir()) == ["xa-a.html"]
    after = {p: p.stat().st_mtime_ns for p in figures.glob("*")} if figures.exists() else {}
    assert after == before
    assert external_references(html) == []
    # the planner's own data carries no synthetic label (the stylesheet names the class, nothing shows it)
    assert 'class="es-synthetic"' not in html and "synthetic example data" not in html


def test_cli_briefing_pdf_offline(tmp_path):
    _requires_chromium()
    from pypdf import PdfReader

    from edustats.cli import main

    out = tmp_path / "na-meo.html"
    assert main(["briefing", "--locality", "Na Mèo", "--observations", str(ROOT / "data/examples/observations.csv"),
                 "--out", str(out), "--pdf"]) == 0
    pdf = out.with_suffix(".pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["na-meo.html", "na-meo.pdf"]
    html = out.read_text(encoding="utf-8")
    assert '<html lang="vi">' in html and "<title>Bản tin mục tiêu giáo dục: Na Mèo</title>" in html
    reader = PdfReader(str(pdf))
    first = reader.pages[0].extract_text()
    assert 1 <= len(reader.pages) <= 12
    assert "Tóm tắt: Na Mèo" in first and "không đạt" in first.lower() and "Số liệu đến năm 2021" in first


def test_kernel_chatter_is_filtered_and_real_warnings_pass():
    from edustats.build import _quiet

    def noisy():
        os.write(2, "[IPKernelApp] WARNING | Kernel is running over TCP without encryption\n"
                    "KeyboardInterrupt caught in kernel\n"
                    "/x/notebook.py:3: UserWarning: Số liệu năm 2024 thiếu mẫu số\n".encode())
        return 42

    result, lines = _quiet(noisy)
    assert result == 42
    assert lines == ["/x/notebook.py:3: UserWarning: Số liệu năm 2024 thiếu mẫu số"]
