"""Baselines reproduced from the example counts; consistency checks; example data honesty."""
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

import edustats as es
from edustats.cli import main
from edustats.consistency import check_documents, grim_consistent, grim_denominators
from edustats.examples import EXAMPLES_DIR, FILES, generate
from edustats.reconcile import DERIVED_DIR, reconcile

TARGETS = es.load_targets()


def test_every_baseline_is_reproduced_at_its_published_precision():
    r = reconcile(TARGETS)
    assert set(r["id"]) == set(TARGETS.loc[TARGETS["kind"] == "baseline", "id"])
    assert r["matches"].all(), r.loc[~r["matches"], ["id", "reported", "recomputed"]]
    assert (r["data"] == "synthetic example data (edustats.examples)").all()


def test_ambiguous_wording_lists_which_definitions_fit():
    r = reconcile(TARGETS).set_index("id")
    # 92 entrants of 100 graduates reproduce 92%; over 102 grade-9 pupils it would be 90,2%
    assert "÷ THCS graduates = 92 ✓" in r.loc["001-07", "candidates"]
    assert "÷ grade-9 enrolment = 90,2" in r.loc["001-07", "candidates"]
    assert "÷ grade-9 enrolment = 90,2 ✓" not in r.loc["001-07", "candidates"]
    # 90,14% = 320 / 355 fifteen-to-eighteen-year-olds (Nghị định 20/2014, Điều 14)
    assert r.loc["001-05", ["numerator", "denominator"]].tolist() == [320.0, 355.0]
    assert "Điều 14" in r.loc["001-05", "definition"]


def test_teacher_norms_reproduce_thieu_hoa():
    r = reconcile(TARGETS).set_index("id")
    # preschool 350 classes × 2,2 = 770, primary 500 × 1,5 = 750; in post 700 + 565 → thiếu 255
    assert r.loc["002-01", ["recomputed", "numerator", "denominator"]].tolist() == [255.0, 1520.0, 1265.0]
    assert "350 lớp × 2,20 = 770; 500 lớp × 1,50 = 750" in r.loc["002-01", "definition"]
    # lower secondary 300 × 1,9 = 570 required, 655 in post → thừa 85
    assert r.loc["002-02", ["recomputed", "numerator", "denominator"]].tolist() == [85.0, 570.0, 655.0]


def test_grim_denominators_for_90_14():
    # 64/71 = 90,1408% is the smallest; 100 pupils cannot give 90,14% (90 or 91 → 90,00 / 91,00)
    assert grim_denominators(90.14, 2, max_n=300) == [71, 142, 213, 284, 294]
    assert not grim_consistent(90.14, 2, 100)
    assert grim_consistent(22.5, 1, 40)  # 9 / 40


def test_consistency_findings_on_the_documents():
    f = check_documents(TARGETS).set_index(["id", "check"])
    assert f.loc[("000-08", "parts_sum"), "status"] == "ok"
    assert f.loc[("004-34", "parts_sum"), "detail"].startswith("9 = 5 + 2 + 2")
    assert f.loc[("001-10", "level_without_rate"), "status"] == "warning"
    assert "71.4% < 90%" in f.loc[("004-31", "district_rule"), "detail"]
    bad = TARGETS.copy()
    bad.loc[bad["id"] == "000-09", "value"] = 8.0  # 8 + 1 ≠ 10
    fb = check_documents(bad).set_index(["id", "check"])
    assert fb.loc[("000-08", "parts_sum"), "status"] == "inconsistent"
    assert "the parts sum to 9" in fb.loc[("000-08", "parts_sum"), "detail"]


def test_derived_data_is_current(tmp_path):
    from edustats.reconcile import write_derived
    for p in write_derived(TARGETS, tmp_path):
        assert p.read_bytes() == (DERIVED_DIR / p.name).read_bytes(), p.name


def test_example_data_regenerates_byte_identically(tmp_path):
    generate(tmp_path)
    for name in FILES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (EXAMPLES_DIR / f"{name}.csv").read_bytes(), name
    assert (tmp_path / "manifest.json").read_bytes() == (EXAMPLES_DIR / "manifest.json").read_bytes()


def test_every_example_row_is_labelled_synthetic():
    manifest = json.loads((EXAMPLES_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True and manifest["seed"] == 20251122
    for name in FILES:
        p = EXAMPLES_DIR / f"{name}.csv"
        df = pd.read_csv(p)
        assert df["synthetic"].astype(str).str.lower().eq("true").all(), name
        assert manifest["files"][p.name] == hashlib.sha256(p.read_bytes()).hexdigest()
    # no real commune name carries invented figures
    for name in ("classes", "teachers", "staff", "commune_levels"):
        assert pd.read_csv(EXAMPLES_DIR / f"{name}.csv")["locality"].str.contains("xã minh họa").all()


def test_example_observations_load_with_the_foundation_loader():
    o = es.load_observations(EXAMPLES_DIR / "observations.csv")
    assert o["synthetic"].all() and len(o) == 120


def test_cli_reconcile_writes_every_baseline(tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["reconcile", "--out", str(out)]) == 0
    r = pd.read_csv(out)
    assert len(r) == 14 and r["matches"].all()
    assert {"source", "label_vi", "reported", "recomputed", "definition", "matches", "consistency"} <= set(r.columns)
    assert "14 of 14 baselines reproduced" in capsys.readouterr().err
