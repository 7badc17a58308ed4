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
    # the English page gives the 2025 reorganisation and the synthetic-data label in English (polish item 5)
    assert "Số liệu giả định (mô phỏng)" not in en and "Sắp xếp đơn vị hành chính" not in en
    assert "Synthetic example data (simulated)" in en and "2025 administrative reorganisation: Lạc Sơn district" in en


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


# ---------------------------------------------------------------- what a fresh reader checks on the built pages

def _text(fragment: str) -> str:
    import html as _html

    return _html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _headline(page: str) -> tuple[int, dict]:
    """'35 mục tiêu: 2 không đạt; 33 đã đến hạn, chưa có số liệu.' → (35, {group: 2, …})."""
    from edustats.summary import GROUPS

    asof = _text(re.search(r'<p class="es-asof">(.*?)</p>', page, re.S).group(1))
    m = re.search(r"(\d+) (?:mục tiêu|targets): (.*)\.$", asof)
    assert m, asof
    label = {x.lower(): g for g, vi, en, _ in GROUPS for x in (vi, en)}
    counts = {}
    for part in m.group(2).split("; "):
        k, words = part.split(" ", 1)
        counts[label[words]] = int(k)
    return int(m.group(1)), counts


def test_headline_counts_are_the_labels_the_tables_show(briefings):
    """Every page one: the headline's count per status equals the labels of its table plus the block of targets
    without data; section 1's verdict column shows the same label for the same target."""
    from edustats.assess import VERDICTS
    from edustats.summary import GROUPS

    label = {x: g for g, vi, en, _ in GROUPS for x in (vi, en)}
    verdicts = {w for pair in VERDICTS.values() for w in pair}
    for name in WITH_SUMMARY:
        if name == "02-scorecard":
            continue
        page = next(p for p in briefings if p.stem == name).read_text(encoding="utf-8")
        if 'class="es-summary-table"' not in page and re.search("không đặt mục tiêu|không có chỉ tiêu định lượng", page):
            continue  # 002: baselines only; 003: qualitative commitments only: no target to count
        total, head = _headline(page)
        summary = re.search(r'<section class="es-summary".*?</section>', page, re.S).group(0)
        seen = {}
        for row in re.findall(r'<tr (?=[^>]*data-urgency)[^>]*>(.*?)</tr>', summary, re.S):
            cell = re.search(r"<td[^>]*>(.*?)</td>", row, re.S).group(1)
            # under the group label, the verdict in the words `edustats assess` prints (polish item 3: one
            # vocabulary); the label alone is what the headline counts
            words = re.search(r'<span class="es-verdict">(.*?)</span>', cell)
            if words:
                assert _text(words.group(1)) in verdicts, (name, words.group(1))
                cell = cell[:words.start()] + cell[words.end():]
            status = _text(cell)
            g = label[re.sub(r" \((?:đạt|met) \d+/\d+ (?:năm|yrs)\)$", "", status)]
            seen[g] = seen.get(g, 0) + 1
        for tag in re.findall(r'<tr [^>]*data-due=[^>]*>', summary):
            due, not_due = re.search(r'data-due="(\d+)"', tag).group(1), re.search(r'data-not-due="(\d+)"', tag).group(1)
            seen["due_no_data"] = seen.get("due_no_data", 0) + int(due)
            seen["no_data"] = seen.get("no_data", 0) + int(not_due)
        seen = {g: k for g, k in seen.items() if k}
        assert seen == head, (name, seen, head)
        assert sum(seen.values()) == total, name
    # the scorecard: per document, the counts table against the status column of the tables by level
    page = next(p for p in briefings if p.stem == "02-scorecard").read_text(encoding="utf-8")
    summary, rest = page.split("Mọi mục tiêu trên một hình", 1)
    counts_table = re.search(r"<table.*?</table>", summary.split('id="tom-tat"', 1)[1], re.S).group(0)
    head_cells = [_text(c) for c in re.findall(r"<th[^>]*>(.*?)</th>", counts_table, re.S)]
    per_doc = {}
    for row in re.findall(r"<tr>(.*?)</tr>", counts_table.split("<tbody>")[1], re.S):
        cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        per_doc[cells[0]] = {label[h]: int(v) for h, v in zip(head_cells[1:], cells[1:]) if h in label and int(v)}
    seen = {}
    for table in re.findall(r"<table.*?</table>", rest, re.S):
        cols = [_text(c) for c in re.findall(r"<th[^>]*>(.*?)</th>", table.split("<tbody>")[0], re.S)]
        if "Đánh giá" not in cols:
            continue
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S):
            cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            doc, status = cells[cols.index("Văn bản")], cells[cols.index("Đánh giá")]
            g = label[re.sub(r" \(đạt \d+/\d+ năm\)$", "", status)]
            seen.setdefault(doc, {}).setdefault(g, 0)
            seen[doc][g] += 1
    assert seen == per_doc, (seen, per_doc)
    # Na Mèo: its two annual promotion targets missed 2021 (94,8% < 97%, 94,7% < 96%): 2 "không đạt" here too
    assert next(v for k, v in per_doc.items() if k.startswith("Na Mèo"))["missed"] == 2


def test_past_due_targets_get_no_advice_about_the_past(briefings):
    """As of the build date (after 2025), no page asks for a pace 'đến 2025', 'phải đạt ngay năm 2022' or
    'Tăng tốc' for a target whose due year is over; those rows say met / missed / due without data."""
    for name in ("10-document-000", "10-document-001", "10-document-002", "10-document-004",
                 "30-your-own-data-na-meo"):
        page = _text(next(p for p in briefings if p.stem == name).read_text(encoding="utf-8"))
        assert not re.search(r"cần (?:tăng|giảm) [\d,]+ [^.;]*?/năm đến 20(?:1\d|2[0-5])\b", page), name
        assert not re.search(r"phải đạt (?:ngay )?(?:năm|từ năm) 20(?:1\d|2[0-5])\b", page), name
        assert not re.search(r"vào năm 20(?:1\d|2[0-5])\b", page.split("Phụ lục")[0]), name
    doc1 = next(p for p in briefings if p.stem == "10-document-001").read_text(encoding="utf-8")
    summary = re.search(r'<section class="es-summary".*?</section>', doc1, re.S).group(0)
    assert "Tăng tốc" not in summary
    # 001-28: promotion ≥ 97% every year, 94,8% (383 / 404) in 2021, nothing since: missed, next plan
    assert ("Chỉ tiêu hằng năm không đạt năm 2021; chưa có số liệu năm 2022–2025. Kế hoạch kỳ tới: nêu nguyên "
            "nhân, đặt lại chỉ tiêu hằng năm từ mức 94,8% năm 2021.") in _text(summary)


def test_page_one_compact_block_and_full_appendix(briefings):
    """Targets without any observation: one compact block on page one (counts by report), every id in the appendix."""
    page = next(p for p in briefings if p.stem == "10-document-001").read_text(encoding="utf-8")
    summary = re.search(r'<section class="es-summary".*?</section>', page, re.S).group(0)
    assert "Thu thập số liệu theo năm" not in summary
    rows = [(re.search(r'data-due="(\d+)"', tag).group(1), re.search(r'data-not-due="(\d+)"', tag).group(1), ids)
            for tag, ids in re.findall(r'(<tr [^>]*data-due=[^>]*>).*?<td>([^<]*)</td>\s*</tr>', summary, re.S)]
    ids = [i for *_, cell in rows for i in cell.split(", ")]
    assert len(rows) <= 12 and len(ids) == sum(int(a) + int(b) for a, b, _ in rows) == len(set(ids))
    appendix = page.split('id="phu-luc"', 1)[1]
    assert all(f"<td>{i}</td>" in appendix for i in ids)


def _split_words(pages: list[str], page: str) -> list[tuple[str, str]]:
    """Words the PDF breaks across two lines: a line ending in a fragment and the next starting with one, neither
    a word of the page, together a word of it ("(cao→thấ" / "p)", "20%/nă" / "m")."""
    body = re.sub(r"<style.*?</style>|<script.*?</script>", " ", page, flags=re.S)
    words = set(re.findall(r"\w+", _text(re.sub(r"<[^>]+>", " ", body))))
    lines = "\n".join(pages).split("\n")
    out = []
    for a, b in zip(lines, lines[1:]):
        end, start = re.search(r"(\w+)$", a), re.match(r"\w+", b)
        if end and start and end.group(1) not in words and start.group(0) not in words \
                and end.group(1) + start.group(0) in words:
            out.append((a[-20:], b[:20]))
    return out


def test_print_fits_a4_and_the_readme_page_count(briefings, tmp_path):
    """Printed to A4 the wide 001 tables are not cut (every column heading prints whole), no word is split across
    two lines (polish item 6: the print CSS wrapped cells "anywhere": "(cao→thấ|p)", "20%/nă|m", 11 such in 001),
    and the README's statement of pages before the appendix is the measured one."""
    _requires_chromium()
    from pypdf import PdfReader

    src = next(p for p in briefings if p.stem == "10-document-001")
    pdf = print_pdf(src, tmp_path / "001.pdf")
    pages = [pg.extract_text() or "" for pg in PdfReader(str(pdf)).pages]
    text = re.sub(r"\s+", "", "".join(pages))
    heads = {_text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", src.read_text(encoding="utf-8"), re.S)}
    assert "Đạt mốc NĐ 71/2020?" in heads
    cut = sorted(h for h in heads if h and re.sub(r"\s+", "", h) not in text)
    assert not cut, cut[:5]
    assert _split_words(pages, src.read_text(encoding="utf-8")) == []
    assert _split_words(["a (cao→thấ", "p) b"], "<td>(cao→thấp)</td>") == [("a (cao→thấ", "p) b")]   # it can fail
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"the document briefings print on (\d+) \(Na Mèo\) and (\d+) \(Mường Tè\)\s+A4 pages before it", readme)
    assert m, "README states the pages before the appendix"
    for name, stated in (("10-document-001", int(m.group(1))), ("10-document-004", int(m.group(2)))):
        page = next(p for p in briefings if p.stem == name)
        before, pages = _pages_before_appendix(print_pdf(page, tmp_path / f"{name}-n.pdf"))
        assert before == stated, (name, before, stated)
        assert _split_words(pages, page.read_text(encoding="utf-8")) == [], name


def test_no_hyphen_for_a_minus_and_no_absolute_path_on_any_page(briefings):
    from edustats.report import minus_signs

    for p in briefings:
        page = p.read_text(encoding="utf-8")
        assert minus_signs(page) == page, p.name
        text = _text(re.sub(r"<style.*?</style>", "", page, flags=re.S))
        assert not re.search(r"Nguồn: /|Source: /|/tmp/", text), p.name
        if p.stem in VIETNAMESE:  # the assessment's notes are English: never printed on a Vietnamese page as they are
            for note in ("no observation up to the due year", "no starting value", "one observation: no trend",
                         "standard rules not computed", "after the due year not used"):
                assert note not in text, (p.name, note)


def test_document_teacher_table_never_nets_communes_or_levels():
    # issue #21: the Thiệu Hóa page showed the document's pooled "thiếu 255" (preschool + primary, all communes)
    # as its table; the table now has each level's shortage and surplus summed commune by commune
    from edustats import load_targets
    from edustats.pages import _teacher_section
    t = load_targets()
    table, actions = _teacher_section(t[t["source"].str.startswith("002")], "Thiệu Hóa")
    assert "Mầm non + Tiểu học" not in table and "Thiếu (cộng các xã)" in table and "Thừa (cộng các xã)" in table
    text = " ".join(actions)
    # the pooled figure appears once, labelled as the document's netting, after the unnetted ones
    assert text.count("thiếu 255") == 1 and text.index("không bù trừ") < text.index("tính gộp")
    assert "bù trừ giữa các xã và các cấp): thiếu 255 người so với định mức (1.265 có / 1.520 cần)" in text
