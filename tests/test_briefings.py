"""The briefings: built from the notebooks, self-contained, opened offline in headless Chromium."""
import os
import re

import pytest

from edustats.build import ROOT, build_all, build_plan, external_references
from edustats.offline_check import check_offline, find_chromium

SCREENSHOTS = ROOT / "reports" / "screenshots"


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
    assert "Tóm tắt" in doc and "Dữ liệu minh họa tổng hợp" in doc
    assert re.search(r"\d+,\d% \(\d[\d.]* / \d[\d.]*\)", doc), "a rate with its counts, Vietnamese format"
    assert "320 / 355" in doc  # 90,14% reproduced from its counts
    en = next(p for p in briefings if p.stem == "10-document-000-en").read_text(encoding="utf-8")
    assert "Probability met" in en


def test_handbook_renders_formulas_without_mathjax(briefings):
    hb = next(p for p in briefings if p.stem == "20-indicator-handbook").read_text(encoding="utf-8")
    assert hb.count("<svg") >= 20  # one rendered formula per indicator function, inline
    assert "Ví dụ tính tay" in hb and "Lưu ý" in hb


def test_every_briefing_opens_offline_in_chromium(briefings):
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required under CI: `make test` installs Debian's chromium")
        pytest.skip("Chromium not installed (make test installs Debian's chromium)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for p in briefings:
        r = check_offline(p, screenshot=SCREENSHOTS / f"{p.stem}.png")
        assert r["external"] == [], (p.name, r["external"])
        assert r["failed"] == [], (p.name, r["failed"])
        assert r["exceptions"] == [] and r["console_errors"] == [], p.name
        assert r["broken"] == 0, p.name
        assert r["tables"] >= 1 and r["text"] > 500, p.name
        assert (SCREENSHOTS / f"{p.stem}.png").stat().st_size > 10_000
    doc = [check_offline(p) for p in briefings if p.stem == "10-document-001"]
    assert doc and doc[0]["images"] >= 5, [(d["images"], d["text"]) for d in doc]


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
    out = tmp_path / "xa-a.html"
    assert main(["briefing", "--locality", "Xã A", "--observations", str(obs), "--targets", str(tg),
                 "--lang", "en", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Xã A" in html and "Probability met" in html and "9,5% (19 / 200)" in html
    assert external_references(html) == []
    # the planner's own data carries no synthetic label (the stylesheet names the class, nothing shows it)
    assert 'class="es-synthetic"' not in html and "synthetic example data" not in html
