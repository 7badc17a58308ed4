"""The curated data prove themselves: verbatim quotes, values in quotes, and completeness."""
import re
from pathlib import Path

import pandas as pd
import pytest

import edustats as es
from edustats.vnformat import NUMBER_PATTERN, numbers_in_text

DATA = Path(__file__).resolve().parent.parent / "data"
TARGETS = es.load_targets()
SOURCES = es.load_sources()
TEXTS = {f: (DATA / "sources" / f).read_text(encoding="utf-8") for f in SOURCES["file"]}


def test_sources_are_unchanged_copies_of_the_seeds():
    seeds = DATA.parent.parent / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("shared/seeds not beside the repository")
    for f, text in TEXTS.items():
        assert (seeds / f).read_text(encoding="utf-8") == text, f


def test_every_document_is_represented():
    commitments = es.load_commitments()
    covered = set(TARGETS["source"]) | set(commitments["source"])
    assert covered == set(SOURCES["file"])


@pytest.mark.parametrize("row", TARGETS.to_dict("records"), ids=list(TARGETS["id"]))
def test_quote_is_verbatim_and_states_the_value(row):
    text = TEXTS[row["source"]]
    assert row["quote"] in text, f"{row['id']}: quote not found verbatim in {row['source']}"
    assert row["value"] in numbers_in_text(row["quote"]), (
        f"{row['id']}: value {row['value']} does not appear in its quote {row['quote']!r}")


def test_commitment_quotes_are_verbatim():
    for row in es.load_commitments().itertuples():
        assert row.quote in TEXTS[row.source], row.id


def test_counts_per_document_match_an_independent_reading():
    # 000: 12 targets for 2025 + 2 for 2030; 001: 11 baselines + 35 targets; 002: 3 baselines;
    # 004: 38 targets for the school year 2022-2023 (37 in section II + 1 in section III.2.b)
    counts = TARGETS.groupby(["source", "kind"]).size().to_dict()
    assert counts == {
        ("000_77c0261806063d0e.txt", "target"): 14,
        ("001_51d59cd3eefeb0a9.txt", "baseline"): 11,
        ("001_51d59cd3eefeb0a9.txt", "target"): 35,
        ("002_2d457491d9bb0f7d.txt", "baseline"): 3,
        ("004_2b9630492192a680.txt", "target"): 38,
    }


def test_every_other_number_in_the_texts_has_a_reason():
    audit = pd.read_csv(DATA / "audit" / "numbers_not_targets.csv", dtype={"token": str})
    assert audit["reason"].str.len().gt(0).all()
    uncovered = set()
    for f, text in TEXTS.items():
        quotes = TARGETS.loc[TARGETS["source"] == f, "quote"]
        spans = [(m.start(), m.end()) for q in quotes for m in re.finditer(re.escape(q), text)]
        for m in re.finditer(NUMBER_PATTERN, text):
            if not any(a <= m.start() < b for a, b in spans):
                uncovered.add((f, m.start(), m.group()))
    listed = set(zip(audit["source"], audit["offset"], audit["token"]))
    assert uncovered - listed == set(), "numbers nobody classified (a missed target?)"
    assert listed - uncovered == set(), "audit lists numbers that a quote now covers"


def test_published_values_are_as_read():
    t = TARGETS.set_index("id")
    assert t.loc["000-01", ["comparator", "value", "year"]].tolist() == [">=", 22.5, 2025]
    assert t.loc["001-05", ["kind", "value", "year"]].tolist() == ["baseline", 90.14, 2021]
    assert t.loc["001-18", ["comparator", "value", "unit"]].tolist() == ["<=", 6.0, "percent"]
    assert t.loc["002-01", ["value", "unit", "level"]].tolist() == [255.0, "count", "preschool+primary"]
    row = TARGETS[(TARGETS["source"] == "004_2b9630492192a680.txt")
                  & (TARGETS["indicator"] == "communes_meeting_pcgd_preschool5_share")].iloc[0]
    assert (row["numerator"], row["denominator"], row["value"]) == (10.0, 10.0, 100.0)


def test_indicator_codes_are_in_the_catalogue():
    codes = set(es.indicator_catalogue()["code"])
    used = set(TARGETS["indicator"]) - {""}
    assert used <= codes, used - codes


def test_parts_sum_to_their_whole_where_the_documents_say_so():
    t = TARGETS.set_index("id")
    assert t.loc["000-09", "value"] + t.loc["000-10", "value"] == t.loc["000-08", "value"] == 10
    mt = TARGETS[(TARGETS["source"] == "004_2b9630492192a680.txt")
                 & (TARGETS["indicator"] == "national_standard_schools")]
    whole = mt[mt["level"].str.contains(r"\+")]["value"].item()
    assert mt[~mt["level"].str.contains(r"\+")]["value"].sum() == whole == 9


def test_localities_in_sources_csv_are_the_ones_each_text_writes():
    """Fresh reader: document 003 has no locality. Its text names none: it is a district party committee's plan
    ("Ban Thường vụ Huyện ủy xây dựng kế hoạch…", after the province's "Kế hoạch số 97-KH/TU, ngày 15/8/2019 của
    Ban Thường vụ Tỉnh ủy"), signed "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ … Nguyễn Văn Lộc", with no district or
    province name anywhere. So the row keeps its locality empty, says so, and no name is guessed; every other
    row's commune/district is a place its own text writes."""
    places = re.compile(r"\b(?:[Hh]uyện|[Tt]ỉnh|[Xx]ã|[Tt]hị xã|[Tt]hành phố|[Tt]hị trấn)\s+"
                        r"((?:[A-ZĐÂĂÊÔƠƯ][\wà-ỹ]*\s?){1,3})")
    src = SOURCES.set_index("file")
    for f, text in TEXTS.items():
        named = {m.strip() for m in places.findall(text)}
        row = src.loc[f]
        for col in ("commune", "district"):
            if row[col]:
                assert row[col] in named, (f, col, row[col], sorted(named))
        if f.startswith("003_"):
            assert named == set() and "Ban Thường vụ Huyện ủy xây dựng kế hoạch" in text
            assert "Kế hoạch số 97-KH/TU, ngày 15/8/2019 của Ban Thường vụ Tỉnh ủy" in text
            assert (row["commune"], row["district"], row["province"]) == ("", "", "")
            assert row["unit_after_2025"] == "unknown (district not named)"
            assert "(huyện không ghi tên)" in row["issuer"]
