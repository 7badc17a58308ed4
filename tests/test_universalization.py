"""Universalisation and literacy levels against the text of Nghị định 20/2014/NĐ-CP and Thông tư 07/2016.

Every threshold is tested just below, exactly at and just above, for other and ĐBKK communes, as a
rate and from counts; every expected level below was worked out by hand from the article cited
beside it (quoted in edustats/data/universalization_criteria.csv, checked against the codified text
in shared/reference/legal/ by the first tests).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from edustats import indicators as ind
from edustats.errors import DataError
from edustats.indicators import universalization as U

LEGAL = Path(__file__).resolve().parents[2] / "shared" / "reference" / "legal"
SHARED_CROSSWALK = Path(__file__).resolve().parents[2] / "shared" / "data" / "gso_provinces" / "admin_crosswalk_communes_2025.csv"
CRITERIA = U.universalization_criteria()


# ---------------------------------------------------------------- the table is the text
def _article_sections(path: Path, doc_marker: str) -> dict[int, list[str]]:
    """Article number -> its lines, from the codification (headings '(Điều N <doc_marker>…')."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out, current = {}, None
    for ln in lines:
        m = re.match(r"\(Điều (\d+)\s*" + doc_marker, ln)
        if m:
            current = int(m.group(1))
            out[current] = []
            continue
        if ln.startswith("Điều 13.1."):
            current = None
        elif current is not None:
            out[current].append(ln)
    return out


@pytest.fixture(scope="module")
def sections():
    if not LEGAL.exists():
        pytest.skip("shared/reference/legal not beside the repository")
    nd = _article_sections(LEGAL / "nd-20-2014-pho-cap-xoa-mu-chu.txt", r"Nghị định số 20/2014")
    tt = _article_sections(LEGAL / "tt-07-2016-dieu-kien-pho-cap.txt", r"\n?Thông tư số 07/2016")
    return {"Nghị định 20/2014/NĐ-CP": nd, "Thông tư 07/2016/TT-BGDĐT": tt}


def _clause(lines: list[str], khoan: str | None, diem: str | None) -> str:
    """The text of khoản ``khoan`` (and điểm ``diem``) of an article."""
    if khoan is None:
        return "\n".join(lines)
    start = [i for i, ln in enumerate(lines) if ln.startswith(f"{khoan}. ")]
    assert start, f"khoản {khoan} not found"
    end = [i for i, ln in enumerate(lines) if ln.startswith(f"{int(khoan) + 1}. ") and i > start[0]]
    block = lines[start[0]:(end[0] if end else len(lines))]
    if diem is None:
        return "\n".join(block)
    hit = [ln for ln in block if ln.startswith(f"{diem}) ")]
    assert hit, f"điểm {diem} not found"
    return hit[0]


def test_every_quote_is_the_article_s_own_words(sections):
    # each row's text_vi must stand, verbatim, in the khoản and điểm its 'article' names
    for r in CRITERIA.itertuples(index=False):
        if not r.text_vi:
            assert r.kind == "prerequisite" and "not written" in r.note, r  # Điều 21: the chain is an interpretation
            continue
        m = re.fullmatch(r"Điều (\d+)(?:\.(\d+))?(?:\.([a-zđ]))?", r.article)
        assert m, r.article
        lines = sections[r.document][int(m.group(1))]
        assert r.text_vi in _clause(lines, m.group(2), m.group(3)), (r.standard, r.level, r.article)


def test_thresholds_and_ages_in_the_table_are_those_of_the_quotes():
    # the numbers of each row are read again from its quote: "ít nhất X%" then, after
    # "đặc biệt khó khăn", the ĐBKK figure; district and province rows "X% số xã/huyện"
    for r in CRITERIA.itertuples(index=False):
        if r.kind in ("district", "province"):
            unit = "xã" if r.kind == "district" else "huyện"
            assert re.search(rf"(?:ít nhất )?{int(r.threshold)}% số {unit}", r.text_vi), r
            assert ("ít nhất" in r.text_vi) == (r.threshold < 100), r
        elif r.unit == "percent":
            normal, _, dbkk = r.text_vi.partition("đặc biệt khó khăn")
            assert re.findall(r"(\d+)%", normal)[0] == str(int(r.threshold)), r
            assert int(r.threshold_dbkk) == int(re.findall(r"(\d+)%", dbkk)[0] if dbkk else r.threshold), r
            for age in filter(None, re.split(r"\D+", r.age_group)):
                assert age in normal, r
            if r.age_group_dbkk != r.age_group:  # literacy: the ĐBKK clause names its own ages
                for age in filter(None, re.split(r"\D+", r.age_group_dbkk)):
                    assert f"{age} " in dbkk, r


def test_the_decree_s_numbers_spelled_out():
    # the figures the issue named, read by eye from the articles
    t = CRITERIA.set_index(["standard", "level", "kind", "criterion"])
    assert t.loc[("pcgd_lower_secondary", 2, "rate", "diploma_15_18"), ["threshold", "threshold_dbkk", "article"]].tolist() == [90, 80, "Điều 15.1.b"]
    assert t.loc[("pcgd_lower_secondary", 2, "district", "communes_share"), "threshold"] == 95  # Điều 15.2
    assert t.loc[("pcgd_lower_secondary", 3, "district", "communes_share"), "threshold"] == 100  # Điều 16.2
    assert t.loc[("literacy", 1, "province", "districts_share"), "threshold"] == 90  # Điều 20.3
    assert U.PROVINCE_SHARE == {k: (90.0 if k == ("literacy", 1) else 100.0) for k in U.PROVINCE_SHARE}
    assert set(U.DISTRICT_SHARE.values()) == {90.0, 95.0, 100.0}
    # Điều 15.1.a names only PCGD THCS mức độ 1: no primary or literacy level-2 prerequisite
    assert U.UNIVERSALIZATION_CRITERIA["pcgd_lower_secondary"][2] == [("diploma_15_18", 90.0, 80.0)]
    assert U.UNIVERSALIZATION_CRITERIA["pcgd_lower_secondary"][1] == [
        ("pcgd_primary_level", 1.0, 1.0), ("literacy_level", 1.0, 1.0), ("diploma_15_18", 80.0, 70.0)]


# ---------------------------------------------------------------- every threshold at its boundary
FULL = {  # a commune meeting everything comfortably; the case under test overrides one criterion
    "pcgd_preschool5": {"age5_enrolment_rate": 100.0, "age5_completion_rate": 100.0},
    "pcgd_primary": {"net_intake_rate": 100.0, "completion_by_14": 100.0, "completion_by_11": 100.0},
    "pcgd_lower_secondary": {"diploma_15_18": 100.0, "upper_or_vocational_15_18": 100.0,
                             "pcgd_primary_level": 3, "literacy_level": 2},
    "literacy": {"literate_l1_15_35": 100.0, "literate_l2_15_60": 100.0,
                 "literate_l1_15_25": 100.0, "literate_l2_15_35": 100.0},
}
# (article, standard, column, ĐBKK, threshold, level just below, at, just above): worked by hand
BOUNDARIES = [
    ("Điều 6.2.a", "pcgd_preschool5", "age5_enrolment_rate", False, 95, 0, 1, 1),
    ("Điều 6.2.a", "pcgd_preschool5", "age5_enrolment_rate", True, 90, 0, 1, 1),
    ("Điều 6.2.b", "pcgd_preschool5", "age5_completion_rate", False, 85, 0, 1, 1),
    ("Điều 6.2.b", "pcgd_preschool5", "age5_completion_rate", True, 80, 0, 1, 1),
    ("Điều 9.2.a", "pcgd_primary", "net_intake_rate", False, 90, 0, 1, 1),
    ("Điều 9.2.a", "pcgd_primary", "net_intake_rate", True, 90, 0, 1, 1),  # no ĐBKK concession
    ("Điều 9.2.b", "pcgd_primary", "completion_by_14", False, 80, 0, 3, 3),
    ("Điều 9.2.b", "pcgd_primary", "completion_by_14", True, 70, 0, 3, 3),
    ("Điều 10.1.b", "pcgd_primary", "net_intake_rate", False, 95, 1, 2, 2),
    ("Điều 10.1.b", "pcgd_primary", "net_intake_rate", True, 95, 1, 2, 2),
    ("Điều 10.1.c", "pcgd_primary", "completion_by_11", False, 80, 1, 2, 2),
    ("Điều 10.1.c", "pcgd_primary", "completion_by_11", True, 70, 1, 2, 2),
    ("Điều 11.1.b", "pcgd_primary", "net_intake_rate", False, 98, 2, 3, 3),
    ("Điều 11.1.b", "pcgd_primary", "net_intake_rate", True, 98, 2, 3, 3),
    ("Điều 11.1.c", "pcgd_primary", "completion_by_11", False, 90, 2, 3, 3),
    ("Điều 11.1.c", "pcgd_primary", "completion_by_11", True, 80, 2, 3, 3),
    ("Điều 14.2.b", "pcgd_lower_secondary", "diploma_15_18", False, 80, 0, 1, 1),
    ("Điều 14.2.b", "pcgd_lower_secondary", "diploma_15_18", True, 70, 0, 1, 1),
    ("Điều 15.1.b", "pcgd_lower_secondary", "diploma_15_18", False, 90, 1, 2, 2),
    ("Điều 15.1.b", "pcgd_lower_secondary", "diploma_15_18", True, 80, 1, 2, 2),
    ("Điều 16.1.b", "pcgd_lower_secondary", "diploma_15_18", False, 95, 2, 3, 3),
    ("Điều 16.1.b", "pcgd_lower_secondary", "diploma_15_18", True, 90, 2, 3, 3),
    ("Điều 16.1.c", "pcgd_lower_secondary", "upper_or_vocational_15_18", False, 80, 2, 3, 3),
    ("Điều 16.1.c", "pcgd_lower_secondary", "upper_or_vocational_15_18", True, 70, 2, 3, 3),
    ("Điều 20.1", "literacy", "literate_l1_15_35", False, 90, 0, 2, 2),
    ("Điều 20.1", "literacy", "literate_l1_15_25", True, 90, 0, 2, 2),  # ĐBKK: ages 15-25
    ("Điều 21.1", "literacy", "literate_l2_15_60", False, 90, 1, 2, 2),
    ("Điều 21.1", "literacy", "literate_l2_15_35", True, 90, 1, 2, 2),  # ĐBKK: ages 15-35
    ("TT 07/2016 Điều 2", "pcgd_primary", "disabled_access", False, 60, 0, 3, 3),
    ("TT 07/2016 Điều 2", "pcgd_primary", "disabled_access", True, 60, 0, 3, 3),
    ("TT 07/2016 Điều 2", "pcgd_lower_secondary", "disabled_access", False, 60, 0, 3, 3),
    ("TT 07/2016 Điều 2", "literacy", "disabled_access", True, 60, 0, 2, 2),
]


def _commune(standard, dbkk, **cells):
    row = {"locality": "X", "year": 2023, "dbkk": dbkk, **FULL[standard]}
    for k, v in cells.items():
        if k.endswith("_numerator"):
            row.pop(k.removesuffix("_numerator"), None)  # counts replace the rate
        row[k] = v
    return pd.DataFrame([row])


def _level(standard, dbkk, **cells):
    return int(U.classify_universalization(_commune(standard, dbkk, **cells), standard)["level"].item())


@pytest.mark.parametrize("article,standard,column,dbkk,th,below,at,above", BOUNDARIES,
                         ids=[f"{b[0]}-{b[2]}-{'dbkk' if b[3] else 'normal'}" for b in BOUNDARIES])
@pytest.mark.parametrize("form", ["rate", "counts"])
def test_threshold_just_below_at_and_just_above(article, standard, column, dbkk, th, below, at, above, form):
    if form == "rate":
        cases = [{column: th - 0.01}, {column: float(th)}, {column: th + 0.01}]
    else:  # 10 000 people: one person either side of the threshold, compared in integers
        cases = [{f"{column}_numerator": th * 100 + d, f"{column}_denominator": 10_000} for d in (-1, 0, 1)]
    got = [_level(standard, dbkk, **c) for c in cases]
    assert got == [below, at, above], (article, column, "ĐBKK" if dbkk else "normal", form, got)


def test_every_commune_threshold_of_the_table_has_its_boundary_test():
    # no rate of the table is left without a below/at/above case, for other and for ĐBKK communes
    rows = CRITERIA[(CRITERIA["kind"] == "rate") | ((CRITERIA["kind"] == "condition") & (CRITERIA["unit"] == "percent"))]
    tested = {(std, art.removeprefix("TT 07/2016 "), th, dbkk) for art, std, _, dbkk, th, *_ in BOUNDARIES}
    need = {(r.standard, r.article, int(r.threshold_dbkk if d else r.threshold), d)
            for r in rows.itertuples(index=False) for d in (False, True)
            if r.kind == "rate" or r.standard in ("pcgd_primary",)}  # TT 07/2016 Điều 2: one standard each way suffices
    assert need <= tested, sorted(need - tested)


@pytest.mark.parametrize("kind", ["district", "province"])
def test_every_district_and_province_rule_at_its_boundary(kind):
    # 100 units: threshold − 1 units at the level fail, threshold units pass, threshold + 1 pass (when ≤ 100)
    fn = U.district_universalization if kind == "district" else U.province_universalization
    unit = "commune" if kind == "district" else "district"
    area = "district" if kind == "district" else "province"
    for r in CRITERIA[CRITERIA["kind"] == kind].itertuples(index=False):
        th = int(r.threshold)
        for n_at, met in ((th - 1, False), (th, True), (min(th + 1, 100), True)):
            t = pd.DataFrame({area: "A", "year": 2020, unit: range(100), "standard": r.standard,
                              "level": [r.level] * n_at + [r.level - 1] * (100 - n_at)})
            out = fn(t, r.level).iloc[0]
            assert (bool(out["met"]), out["article"]) == (met, f"NĐ 20/2014 {r.article}"), (r.article, n_at)


def test_counts_are_compared_in_integers():
    # Điều 15.1.b (90%): 9 of 10 meets it exactly; one person short among a million does not
    assert _level("pcgd_lower_secondary", False, diploma_15_18_numerator=9, diploma_15_18_denominator=10) == 2
    assert _level("pcgd_lower_secondary", False, diploma_15_18_numerator=899_999, diploma_15_18_denominator=1_000_000) == 1
    assert _level("pcgd_lower_secondary", False, diploma_15_18_numerator=900_000, diploma_15_18_denominator=1_000_000) == 2


def test_issue_done_when_cases():
    # Điều 15.1.b: a commune at 85-89,99% diplomas (ĐBKK 75-79,99%) is level 1, not 2
    for v in (85.0, 87.5, 89.99):
        assert _level("pcgd_lower_secondary", False, diploma_15_18=v) == 1
    for v in (75.0, 79.99):
        assert _level("pcgd_lower_secondary", True, diploma_15_18=v) == 1
    # Điều 15.1.a: level 2 asks for PCGD THCS mức độ 1 only: 92% with primary and literacy at level 1 is level 2
    assert _level("pcgd_lower_secondary", False, diploma_15_18=92.0, pcgd_primary_level=1, literacy_level=1) == 2
    # Điều 16.1 with primary and literacy at level 1 (Điều 14.2.a): level 3
    assert _level("pcgd_lower_secondary", False, diploma_15_18=95.0, upper_or_vocational_15_18=80.0,
                  pcgd_primary_level=1, literacy_level=1) == 3
    # Điều 14.2.a: primary or literacy below level 1 stops level 1, whatever the diploma rate
    assert _level("pcgd_lower_secondary", False, pcgd_primary_level=0) == 0
    assert _level("pcgd_lower_secondary", False, literacy_level=0) == 0


def test_binding_criterion_runs_over_the_whole_chain():
    # issue #20 item 7: primary level 3, completion by 14 at 80,01% (Điều 9.2.b) and intake 99,5%
    # (Điều 11.1.b: 98%, 1,5 points): the headroom is 0,01 points on completion by 14
    r = _commune("pcgd_primary", False, completion_by_14=80.01, net_intake_rate=99.5)
    out = U.classify_universalization(r, "pcgd_primary").iloc[0]
    assert (out["level"], out["binding_criterion"], out["binding_article"]) == (3, "completion_by_14", "Điều 9.2.b")
    assert out["margin"] == pytest.approx(0.01)
    assert (out["keep_criterion"], out["keep_margin"]) == ("completion_by_14", pytest.approx(0.01))
    # the same for literacy level 2: level-1 rate 90,01% binds, not level 2's 95%
    out = U.classify_universalization(_commune("literacy", False, literate_l1_15_35=90.01, literate_l2_15_60=95.0),
                                      "literacy").iloc[0]
    assert (out["level"], out["binding_criterion"], out["binding_article"]) == (2, "literate_l1_15_35", "Điều 20.1")
    assert out["margin"] == pytest.approx(0.01)


def test_headroom_in_persons_from_counts():
    # Primary level 3 (Điều 9-11), by hand:
    #   intake 196 / 200 = 98,0%   vs 98 (Điều 11.1.b): 100·196 − 98·200 = 0 → 0 persons to spare, 0 points
    #   completion by 14 1 000 / 1 200 = 83,33% vs 80 (Điều 9.2.b): (100 000 − 96 000) / 100 = 40 persons, 3,33 points
    #   completion at 11 190 / 200 = 95,0% vs 90 (Điều 11.1.c): (19 000 − 18 000) / 100 = 10 persons, 5 points
    r = pd.DataFrame({"locality": ["A"], "year": [2023], "dbkk": [False],
                      "net_intake_rate_numerator": [196], "net_intake_rate_denominator": [200],
                      "completion_by_14_numerator": [1000], "completion_by_14_denominator": [1200],
                      "completion_by_11_numerator": [190], "completion_by_11_denominator": [200]})
    out = U.classify_universalization(r, "pcgd_primary").iloc[0]
    assert (out["level"], out["keep_criterion"], out["keep_margin"], out["keep_criterion_persons"],
            out["keep_margin_persons"]) == (3, "net_intake_rate", 0.0, "net_intake_rate", 0.0)
    # 197 / 200 = 98,5%: 0,5 points and (19 700 − 19 600) // 100 = 1 person to spare, still the smallest
    out = U.classify_universalization(r.assign(net_intake_rate_numerator=197), "pcgd_primary").iloc[0]
    assert (out["keep_criterion"], out["keep_margin"], out["keep_margin_persons"]) == ("net_intake_rate", 0.5, 1.0)
    # points and persons can disagree: completion by 14 at 16 010 / 20 000 = 80,05% is 0,05 points but
    # (1 601 000 − 1 600 000) // 100 = 10 persons above Điều 9.2.b; intake 197 / 200 is 0,5 points but 1 person
    out = U.classify_universalization(r.assign(net_intake_rate_numerator=197, completion_by_14_numerator=16010,
                                               completion_by_14_denominator=20000), "pcgd_primary").iloc[0]
    assert (out["keep_criterion"], round(out["keep_margin"], 2), out["keep_criterion_persons"], out["keep_margin_persons"]) == \
        ("completion_by_14", 0.05, "net_intake_rate", 1.0)
    # failing: 1 700 of 2 000 15-18-year-olds with the diploma (85%) needs 100 more for 90% (Điều 15.1.b)
    d = _commune("pcgd_lower_secondary", False, diploma_15_18_numerator=1700, diploma_15_18_denominator=2000)
    out = U.classify_universalization(d, "pcgd_lower_secondary").iloc[0]
    assert (out["level"], out["binding_criterion"], out["margin"], out["margin_persons"], out["binding_article"]) == \
        (1, "diploma_15_18", -5.0, -100.0, "Điều 15.1.b")


# ---------------------------------------------------------------- conditions the rates cannot show
C10 = "NĐ 20/2014 Điều 10.1.c: các trẻ em 11 tuổi còn lại đều đang học các lớp tiểu học"
C11 = "NĐ 20/2014 Điều 11.1.c: các trẻ em 11 tuổi còn lại đều đang học các lớp tiểu học"
TT07 = "TT 07/2016 Điều 2: huy động ít nhất 60% người khuyết tật có khả năng học tập được tiếp cận giáo dục"


def test_conditions_to_confirm_follow_the_level_reached():
    lv3 = U.classify_universalization(_commune("pcgd_primary", False), "pcgd_primary").iloc[0]
    assert lv3["level"] == 3 and lv3["conditions_to_confirm"].split(" | ") == [TT07, C10, C11]
    lv1 = U.classify_universalization(_commune("pcgd_primary", False, net_intake_rate=94.0), "pcgd_primary").iloc[0]
    assert lv1["level"] == 1 and lv1["conditions_to_confirm"] == TT07
    lv0 = U.classify_universalization(_commune("pcgd_primary", False, net_intake_rate=89.0), "pcgd_primary").iloc[0]
    assert lv0["level"] == 0 and lv0["conditions_to_confirm"] == ""
    # given in the input, they are checked instead: none left to confirm
    ok = U.classify_universalization(_commune("pcgd_primary", False, age11_not_completed_not_in_primary=0,
                                              disabled_access=75.0), "pcgd_primary").iloc[0]
    assert ok["level"] == 3 and ok["conditions_to_confirm"] == ""


def test_a_condition_shown_by_the_data_can_fail():
    # Điều 10.1.c: one 11-year-old neither finished nor in a primary class stops level 2
    out = U.classify_universalization(_commune("pcgd_primary", False, age11_not_completed_not_in_primary=1),
                                      "pcgd_primary").iloc[0]
    assert (out["level"], out["binding_criterion"], out["binding_article"], out["margin_persons"]) == \
        (1, "age11_not_completed_not_in_primary", "Điều 10.1.c", -1.0)
    # TT 07/2016 Điều 2: 59 of 100 people with disabilities able to learn reached: no level at all
    out = U.classify_universalization(_commune("literacy", True, disabled_access_numerator=59,
                                               disabled_access_denominator=100), "literacy").iloc[0]
    assert (out["level"], out["binding_criterion"], out["margin_persons"]) == (0, "disabled_access", -1.0)


def test_conditions_survive_every_aggregation():
    communes = U.classify_universalization(pd.DataFrame(
        [{"locality": f"x{i}", "year": 2023, "dbkk": False, **FULL["pcgd_primary"]} for i in range(10)]), "pcgd_primary")
    communes["district"] = "D"
    d3 = U.district_universalization(communes, 3, standard="pcgd_primary")
    assert bool(d3["met"].item()) and d3["conditions_to_confirm"].item().split(" | ") == [TT07, C10, C11]
    # at level 1 only the conditions of level 1 apply
    assert U.district_universalization(communes, 1, standard="pcgd_primary")["conditions_to_confirm"].item() == TT07
    dl = U.district_levels(communes, "pcgd_primary")
    assert dl["level"].item() == 3 and C11 in dl["conditions_to_confirm"].item()
    prov = U.province_universalization(dl.assign(province="P"), 3, "pcgd_primary")
    assert bool(prov["met"].item()) and prov["conditions_to_confirm"].item().split(" | ") == [TT07, C10, C11]
    share = U.province_commune_share(communes.assign(province="P", year=2026), 2, "pcgd_primary")
    assert share["conditions_to_confirm"].item().split(" | ") == [TT07, C10]
    # levels given without the column (an official list): the level's conditions are still listed
    bare = communes[["district", "year", "locality", "level"]]
    assert U.district_universalization(bare, 2, standard="pcgd_primary")["conditions_to_confirm"].item() == f"{TT07} | {C10}"


# ---------------------------------------------------------------- districts and provinces
def _district(levels, standard="pcgd_lower_secondary", **kw):
    return pd.DataFrame({"district": "D", "year": 2023, "commune": [f"c{i:03d}" for i in range(len(levels))],
                         "standard": standard, "level": levels, **kw})


@pytest.mark.parametrize("standard,level,n_at,n,met,article", [
    ("pcgd_lower_secondary", 2, 94, 100, False, "Điều 15.2"),   # 94% < 95%
    ("pcgd_lower_secondary", 2, 95, 100, True, "Điều 15.2"),
    ("pcgd_lower_secondary", 2, 90, 100, False, "Điều 15.2"),   # the old 90% rule said met
    ("pcgd_lower_secondary", 2, 27, 29, False, "Điều 15.2"),    # 93,10%
    ("pcgd_lower_secondary", 2, 28, 29, True, "Điều 15.2"),     # 96,55%
    ("pcgd_lower_secondary", 1, 89, 100, False, "Điều 14.3"),
    ("pcgd_lower_secondary", 1, 90, 100, True, "Điều 14.3"),
    ("pcgd_lower_secondary", 3, 99, 100, False, "Điều 16.2"),
    ("pcgd_lower_secondary", 3, 100, 100, True, "Điều 16.2"),
    ("pcgd_primary", 2, 89, 100, False, "Điều 10.2"),
    ("pcgd_primary", 2, 90, 100, True, "Điều 10.2"),
    ("pcgd_primary", 3, 9, 10, True, "Điều 11.2"),
    ("pcgd_preschool5", 1, 17, 19, False, "Điều 6.3"),         # 89,47%
    ("pcgd_preschool5", 1, 18, 20, True, "Điều 6.3"),
    ("literacy", 2, 9, 10, True, "Điều 21.2"),
    ("literacy", 1, 8, 9, False, "Điều 20.2"),                 # 88,89%
])
def test_district_share_per_article(standard, level, n_at, n, met, article):
    c = _district([level] * n_at + [level - 1] * (n - n_at), standard)
    out = U.district_universalization(c, level).iloc[0]
    assert (bool(out["met"]), out["article"], out["numerator"], out["denominator"]) == (met, f"NĐ 20/2014 {article}", n_at, n)


def test_district_table_duplicate_commune_refused_naming_the_rows():
    # 17 of 19 communes (89,47%) with one listed twice would read 18 of 20 = 90%, "met"
    c = _district([1] * 17 + [0] * 2, "pcgd_preschool5")
    c = pd.concat([c, c.iloc[[0]]], ignore_index=True)
    with pytest.raises(DataError) as e:
        U.district_universalization(c, 1)
    msg = str(e.value)
    assert "row 0, column 'district, year, commune'" in msg and "row 19, column 'district, year, commune'" in msg
    assert "rows [0, 19]" in msg
    # a commune without its district cannot be counted in any district's denominator: refused too
    c.loc[5, "district"] = None
    with pytest.raises(DataError, match="row 5, column 'district': found '\\(empty\\)'"):
        U.district_universalization(c.drop(index=19), 1)


def test_district_table_missing_commune_counts_as_not_meeting_or_is_refused():
    roster = pd.DataFrame({"district": "D", "year": 2023, "commune": [f"c{i:03d}" for i in range(19)]})
    c = _district([1] * 17 + [0], "pcgd_preschool5")  # c018 absent from the table
    out = U.district_universalization(c, 1, roster=roster).iloc[0]
    assert (out["numerator"], out["denominator"], out["missing"], out["missing_units"], bool(out["met"])) == \
        (17, 19, 1, "c018", False)  # 89,47% < 90% (Điều 6.3); without the roster 17 / 18 = 94,4% "met"
    assert bool(U.district_universalization(c, 1)["met"].item())
    with pytest.raises(DataError, match="c018"):
        U.district_universalization(c, 1, roster=roster, missing="refuse")
    stray = pd.concat([c, _district([1], "pcgd_preschool5").assign(commune="zz")], ignore_index=True)
    with pytest.raises(DataError, match="row 18, column 'commune': found 'zz'"):
        U.district_universalization(stray, 1, roster=roster)


def test_district_table_standard_column_respected():
    # 10 primary communes at level 2 and 10 lower-secondary communes at level 1: primary level 2 is 100%, not 50%
    c = pd.concat([_district([2] * 10, "pcgd_primary"),
                   _district([1] * 10, "pcgd_lower_secondary")], ignore_index=True)
    out = U.district_universalization(c, 2, standard="pcgd_primary").iloc[0]
    assert (out["numerator"], out["denominator"], out["value"], bool(out["met"])) == (10, 10, 100.0, True)
    with pytest.raises(DataError, match="several standards"):
        U.district_universalization(c, 2)
    with pytest.raises(ValueError, match="standard needed"):
        U.district_universalization(c.drop(columns="standard").iloc[:10], 2)


def test_levels_refuse_fractions_and_out_of_range():
    # literacy has levels 1-2 (Điều 20-21): 3 and 1,5 are refused, in the classifier's input and in district tables
    with pytest.raises(DataError) as e:
        U.classify_universalization(pd.concat([_commune("pcgd_lower_secondary", False, literacy_level=3),
                                               _commune("pcgd_lower_secondary", False, literacy_level=1.5).assign(locality="Y"),
                                               _commune("pcgd_lower_secondary", False, pcgd_primary_level=4).assign(locality="Z")],
                                              ignore_index=True), "pcgd_lower_secondary")
    msg = str(e.value)
    assert "row 0, column 'literacy_level': found 3" in msg and "a whole level 0-2" in msg
    assert "row 1, column 'literacy_level': found 1.5" in msg
    assert "row 2, column 'pcgd_primary_level': found 4" in msg and "a whole level 0-3" in msg
    with pytest.raises(DataError, match="row 1, column 'level': found 1.5"):
        U.district_universalization(_district([2, 1.5], "literacy"), 1)
    with pytest.raises(DataError, match="row 0, column 'level': found 3"):
        U.district_universalization(_district([3, 1], "literacy"), 1)


def test_rate_and_counts_that_disagree_are_refused():
    with pytest.raises(DataError, match="diploma_15_18': found 95.0; expected tỷ lệ khớp với số đếm"):
        U.classify_universalization(_commune("pcgd_lower_secondary", False, diploma_15_18_numerator=85,
                                             diploma_15_18_denominator=100).assign(diploma_15_18=95.0),
                                    "pcgd_lower_secondary")


@pytest.mark.parametrize("standard,level,n_at,n,met,article", [
    ("literacy", 1, 9, 10, True, "Điều 20.3"),      # 90% of districts suffices
    ("literacy", 1, 8, 10, False, "Điều 20.3"),
    ("literacy", 2, 9, 10, False, "Điều 21.3"),     # 100%
    ("pcgd_primary", 1, 9, 10, False, "Điều 9.4"),
    ("pcgd_primary", 1, 10, 10, True, "Điều 9.4"),
    ("pcgd_lower_secondary", 2, 12, 13, False, "Điều 15.3"),
    ("pcgd_preschool5", 1, 11, 11, True, "Điều 6.4"),
])
def test_province_share_per_article(standard, level, n_at, n, met, article):
    d = pd.DataFrame({"province": "P", "year": 2020, "district": range(n), "standard": standard,
                      "level": [level] * n_at + [level - 1] * (n - n_at)})
    out = U.province_universalization(d, level).iloc[0]
    assert (bool(out["met"]), out["article"]) == (met, f"NĐ 20/2014 {article}")


def test_district_levels_from_communes():
    # 19 of 20 communes at THCS level 3 and one at 2: 95% at ≥ 3 (< 100%, Điều 16.2), 100% at ≥ 2: level 2
    out = U.district_levels(_district([3] * 19 + [2]), "pcgd_lower_secondary").iloc[0]
    assert (out["level"], out["next_value"], out["next_threshold"], out["next_units_short"], out["article"]) == \
        (2, 95.0, 100.0, 1.0, "NĐ 20/2014 Điều 15.2")


# ---------------------------------------------------------------- the 2025 map
def test_no_district_rule_after_july_2025():
    c = _district([2] * 10, "pcgd_primary").assign(year=2025)
    with pytest.raises(DataError, match="1/7/2025"):
        U.district_universalization(c, 2)
    with pytest.raises(DataError, match="1/7/2025"):
        U.province_universalization(c.rename(columns={"district": "province", "commune": "district"}), 2)
    share = U.province_commune_share(c.rename(columns={"district": "province"}), 2)
    assert share["value"].item() == 100.0 and np.isnan(share["threshold"].item()) and share["met"].item() is None
    assert share["legal_threshold"].item().startswith("không có ngưỡng pháp lý / no legal threshold")


def test_communes_placed_in_their_2025_province():
    if not SHARED_CROSSWALK.exists():
        pytest.skip("shared/data/gso_provinces not beside the repository")
    cw = pd.read_csv(SHARED_CROSSWALK, dtype=str)
    # crosswalk rows: Phường Phúc Xá (00001, Hà Nội) stays in Hà Nội; Hà Giang's communes go to Tuyên Quang
    ha_giang = cw[(cw["old_province"] == "Hà Giang")]["old_commune_code"].iloc[0]
    c = pd.DataFrame({"commune_code": ["00001", ha_giang], "level": [3, 2]})
    out = U.communes_to_2025_provinces(c, cw)
    assert out["province_2025"].tolist() == ["Hà Nội", "Tuyên Quang"]
    with pytest.raises(DataError, match="row 0, column 'commune_code': found '99999'"):
        U.communes_to_2025_provinces(pd.DataFrame({"commune_code": ["99999"]}), cw)


def test_public_api_kept():
    assert ind.classify_universalization is U.classify_universalization
    assert ind.district_universalization is U.district_universalization
