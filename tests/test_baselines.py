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
from edustats.vnformat import DEFAULT_ROUNDING, rounding_label

TARGETS = es.load_targets()


def test_every_baseline_gets_a_verdict_on_the_examples():
    r = reconcile(TARGETS)
    assert set(r["id"]) == set(TARGETS.loc[TARGETS["kind"] == "baseline", "id"])
    assert r["status"].value_counts().to_dict() == {"reproduced": 13, "tie": 1}
    assert r["matches"].all()
    # synthetic counts, labelled as such on every row
    assert r["synthetic"].all() and r["data"].str.startswith("trên số liệu minh họa").all()
    assert (r["rounding"] == rounding_label(DEFAULT_ROUNDING)).all()


def test_ambiguous_wording_lists_which_definitions_fit():
    r = reconcile(TARGETS).set_index("id")
    # 92 entrants of 100 graduates reproduce 92%; over 102 grade-9 pupils it would be 90,2%
    assert "÷ THCS graduates = 92 (92 / 100) ✓" in r.loc["001-07", "candidates"]
    assert "÷ grade-9 enrolment = 90,2 (92 / 102)" in r.loc["001-07", "candidates"]
    assert "÷ grade-9 enrolment = 90,2 (92 / 102) ✓" not in r.loc["001-07", "candidates"]
    # 90,14% = 320 / 355 fifteen-to-eighteen-year-olds (Nghị định 20/2014, Điều 14)
    assert r.loc["001-05", ["numerator", "denominator"]].tolist() == [320.0, 355.0]
    assert "Điều 14" in r.loc["001-05", "definition"]
    assert r.loc["001-05", "reported_text"] == "90,14%"


def test_a_tie_is_shown_not_settled_by_list_order():
    r = reconcile(TARGETS).set_index("id")
    # 2 schools in force and 2 ever recognised: the figure cannot say which the document counted
    assert r.loc["001-11", "status"] == "tie"
    assert r.loc["001-11", "definition"] == "schools whose 5-year recognition is in force | schools ever recognised"
    assert r.loc["001-11", "verdict"].startswith("nhiều định nghĩa cùng khớp / tie: by 2 definitions")


def test_strength_of_a_match():
    r = reconcile(TARGETS).set_index("id")
    # 40% of 2 400 workers: 948/2400 = 39,5% … 972/2400 = 40,5%, all print 40% if either way at .5
    assert r.loc["001-09", "strength"] == "25 of 2.401 possible numerators over 2.400 print 40% (948–972)"
    assert reconcile(TARGETS, rounding="half_up").set_index("id").loc["001-09", "strength"].startswith("24 of 2.401")
    # 90,14% of 355: only 320 (319/355 = 89,86%, 321/355 = 90,42%)
    assert r.loc["001-05", "strength"] == "1 of 356 possible numerators over 355 print 90,14% (320)"


def test_grim_on_the_counts_shown_only_where_informative():
    r = reconcile(TARGETS).set_index("id")
    # N = 355 rules out (10 000 − 355) / 10 000 = 96,45% of 2-decimal percentages
    assert r.loc["001-05", "grim"].startswith("ok: 90,14%, N = 355")
    assert "rules out 96,5% of 2-decimal percentages" in r.loc["001-05", "grim"]
    # 54% of 150: every whole percentage is possible over 150; 100% is possible over any N
    assert r.loc["001-02", "grim"] == "" and r.loc["001-01", "grim"] == ""
    assert set(r.index[r["grim"] != ""]) == {"001-05"}


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
    assert {"source", "label_vi", "reported", "reported_text", "status", "recomputed", "numerator", "denominator",
            "definition", "matches", "strength", "rounding", "candidates", "consistency", "data"} <= set(r.columns)
    err = capsys.readouterr().err
    assert "14 baselines: 13 reproduced, 1 tie; rounding assumed: either way at an exact .5" in err
    assert "14 số hiện trạng: 13 tái lập được, 1 nhiều định nghĩa cùng khớp;" in err   # Vietnamese line in Vietnamese
    assert "trên số liệu minh họa" in err


def test_decimals_column_is_the_precision_printed_in_the_quote():
    import re
    from edustats.vnformat import NUMBER_PATTERN, parse_vn_decimal
    raw = pd.read_csv(es.data_path("targets.csv"), dtype=str, keep_default_na=False)
    assert raw["decimals"].str.fullmatch(r"\d").all()
    for r in raw.itertuples(index=False):
        printed = set()
        for tok in re.findall(NUMBER_PATTERN, r.quote):
            try:
                v, d = parse_vn_decimal(tok.rstrip(".,"))
            except ValueError:
                continue
            if v == float(r.value):
                printed.add(d)
        assert printed == {int(r.decimals)}, (r.id, r.quote, r.decimals)
    assert raw.set_index("id").loc["001-05", "decimals"] == "2" and raw.set_index("id").loc["004-01", "decimals"] == "1"


def test_targets_loader_accepts_decimals_and_refuses_a_bad_one(tmp_path):
    from edustats.errors import DataError
    raw = pd.read_csv(es.data_path("targets.csv"), dtype=str, keep_default_na=False)
    assert TARGETS["decimals"].tolist() == raw["decimals"].tolist()
    bad = raw.copy()
    bad.loc[0, "decimals"] = "two"
    p = tmp_path / "t.csv"
    bad.to_csv(p, index=False)
    with pytest.raises(DataError, match=r"row 2, column 'decimals': found 'two'; expected the decimal places printed"):
        es.load_targets(p)
