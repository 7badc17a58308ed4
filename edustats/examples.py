"""Synthetic example data, calibrated to the documents' baselines, that a planner replaces with their own.

The real counts behind the five documents are not public. :func:`generate` writes, from a fixed
seed, the tables an education management information system (EMIS) exports, for Na Mèo commune
and for the districts of Lạc Sơn, Thiệu Hóa and Mường Tè with illustrative communes. The baseline
year's counts are set so that the indicator library reproduces every baseline the documents
report (Na Mèo 2021, Thiệu Hóa 2022); earlier years and the other localities come from seeded
trends with binomial noise.

**Synthetic, not real.** Every file has a ``synthetic`` column set to ``true``; ``manifest.json``
names the generator, the seed and each file's SHA-256; communes are named
"<district> – xã minh họa NN" so that no real commune is given invented figures; every chart
and table built on these files says "synthetic example data" on its face.

Run ``python -m edustats.examples`` to regenerate ``data/examples/`` (byte-identical).
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["SEED", "EXAMPLES_DIR", "generate", "load_example", "load_counts", "CountsMissing", "FILES", "TEXT_COLUMNS",
           "COUNT_HEADERS",
           "SYNTHETIC_LABEL"]

SEED = 20251122
EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "examples"
GENERATOR = "edustats.examples.generate"
FILES = ("population", "enrolment", "attainment", "nutrition", "graduates", "destinations", "rates",
         "literacy", "recognitions", "classes", "teachers", "staff", "commune_levels", "observations")


def _commune(district: str, i: int) -> str:
    return f"{district} – xã minh họa {i:02d}"


def _na_meo(rng) -> dict[str, pd.DataFrame]:
    """Na Mèo 2017-2021: counts whose 2021 values reproduce the resolution's baselines."""
    loc, years = "Na Mèo", range(2017, 2022)
    pop, enr, att, nut, grad, dest = [], [], [], [], [], []
    for y in years:
        k = y - 2021  # 0 in the baseline year
        # population by single age 0-18 (a mountain commune of ~4 000 people)
        base = {a: int(rng.integers(82, 100)) for a in range(0, 19)}
        if k == 0:
            base.update({0: 50, 1: 50, 2: 50, 5: 58, 11: 100, 15: 92, 16: 90, 17: 88, 18: 85})
        pop += [dict(locality=loc, year=y, age=a, population=p) for a, p in base.items()]
        # nursery enrolment: 54% in 2021, rising ~2 points a year before
        share = 0.54 + 0.02 * k
        n_ages = [round(base[a] * share * w) for a, w in zip((0, 1, 2), (0.12, 1.0, 1.88))]
        if k == 0:
            n_ages = [3, 30, 48]  # 81 of 150
        enr += [dict(locality=loc, year=y, level="nursery", grade=0, age=a, enrolment=e) for a, e in zip((0, 1, 2), n_ages)]
        enr += [dict(locality=loc, year=y, level="kindergarten", grade=0, age=a,
                     enrolment=base[a] if a == 5 else int(round(base[a] * (0.93 + 0.01 * k)))) for a in (3, 4, 5)]
        # attainment: 11-year-olds who completed primary; 15-18 with the lower-secondary diploma
        c11 = 97 if k == 0 else int(round(base[11] * (0.97 + 0.004 * k)))
        att.append(dict(locality=loc, year=y, age=11, population=base[11], completed=c11))
        dipl = {15: 80, 16: 82, 17: 80, 18: 78} if k == 0 else {a: int(round(base[a] * (0.9014 + 0.006 * k))) for a in range(15, 19)}
        att += [dict(locality=loc, year=y, age=a, population=base[a], completed=dipl[a]) for a in range(15, 19)]
        # nutrition: 9% of 200 children in 2021, from about 12% in 2017
        weighed = 200 if k == 0 else int(rng.integers(190, 215))
        mal = 18 if k == 0 else int(rng.binomial(weighed, 0.09 - 0.008 * k))
        nut.append(dict(locality=loc, year=y, weighed=weighed, malnourished=mal))
        # lower-secondary graduates and where they went
        g = 100 if k == 0 else int(rng.integers(92, 108))
        cont = 92 if k == 0 else int(rng.binomial(g, 0.92 + 0.01 * k))
        voc = 26 if k == 0 else int(round(cont * 0.28))
        cedu = 4 if k == 0 else 3
        grad.append(dict(locality=loc, year=y, level="lower-secondary", graduates=g, grade9_enrolment=g + 2))
        dest += [dict(locality=loc, year=y, destination=d, entrants=v) for d, v in
                 (("upper-secondary", cont - voc - cedu), ("continuing-education", cedu), ("vocational", voc),
                  ("none", g - cont))]
    rates = pd.DataFrame([
        dict(locality=loc, year=2021, indicator="grade9_vocational_orientation_rate", numerator=102, denominator=102),
        dict(locality=loc, year=2021, indicator="inclusive_education_rate", numerator=6, denominator=6),
        dict(locality=loc, year=2021, indicator="trained_labour_share", numerator=960, denominator=2400),
    ])
    # an ĐBKK commune: Nghị định 20/2014 counts 15-25-year-olds for level 1 and 15-35 for level 2 (Điều 20-21)
    literacy = pd.DataFrame([dict(locality=loc, year=2021, dbkk=True, literate_l1_15_25=97.2, literate_l2_15_35=93.5)])
    recog = pd.DataFrame([
        dict(locality=loc, school="Trường mầm non A (minh họa)", level="preschool", recognised_year=2018),
        dict(locality=loc, school="Trường PTDTBT THCS B (minh họa)", level="lower-secondary", recognised_year=2019),
    ])
    return dict(population=pd.DataFrame(pop), enrolment=pd.DataFrame(enr), attainment=pd.DataFrame(att),
                nutrition=pd.DataFrame(nut), graduates=pd.DataFrame(grad), destinations=pd.DataFrame(dest),
                rates=rates, literacy=literacy, recognitions=recog)


def _split(rng, total: int, parts: int) -> list[int]:
    """Split a whole number into ``parts`` positive whole numbers summing to it."""
    w = rng.dirichlet(np.full(parts, 8.0))
    raw = np.floor(w * (total - parts)).astype(int) + 1
    raw[np.argmax(w)] += total - raw.sum()
    return raw.tolist()


def _thieu_hoa(rng) -> dict[str, pd.DataFrame]:
    """Thiệu Hóa 2022: classes, teachers and staff giving "thiếu 255 (MN+TH), thừa 85 (THCS), thiếu 28 nhân viên"."""
    d, n = "Thiệu Hóa", 8
    spec = [("preschool", 2, 350, 700), ("primary", 2, 500, 565), ("lower-secondary", 1, 300, 655)]
    classes, teachers = [], []
    for level, sessions, n_classes, n_teachers in spec:
        for i, (c, t) in enumerate(zip(_split(rng, n_classes, n), _split(rng, n_teachers, n)), 1):
            classes.append(dict(district=d, locality=_commune(d, i), year=2022, level=level, sessions=sessions, classes=c))
            teachers.append(dict(district=d, locality=_commune(d, i), year=2022, level=level, teachers=t))
    staff = [dict(district=d, locality=_commune(d, i), year=2022, required=r, in_post=p)
             for i, (r, p) in enumerate(zip(_split(rng, 310, n), _split(rng, 282, n)), 1)]
    return dict(classes=pd.DataFrame(classes), teachers=pd.DataFrame(teachers), staff=pd.DataFrame(staff))


def _series(rng, locality, indicator, level, years, start, slope, denom):
    """A rate series drawn binomially around a logistic trend (percent)."""
    rows = []
    for j, y in enumerate(years):
        p = 1 / (1 + np.exp(-(np.log(start / (100 - start)) + slope * j)))
        n = int(denom * rng.uniform(0.95, 1.05))
        k = int(rng.binomial(n, p))
        rows.append(dict(locality=locality, indicator=indicator, level=level, year=y, value=round(100 * k / n, 2),
                         numerator=k, denominator=n))
    return rows


def _observations(rng, nm: dict) -> pd.DataFrame:
    """Yearly observations (the planner's file format) for the documents' target indicators."""
    rows = []
    # Na Mèo: computed from its own counts, so the 2021 value is the reproduced baseline
    from .indicators import completion_by_age, malnutrition_rate, mobilisation_rate
    for f, args, ind, lvl in ((mobilisation_rate, ("nursery",), "mobilisation_rate", "nursery"),):
        r = f(nm["enrolment"], nm["population"], *args)
        rows += [dict(locality=x.locality, indicator=ind, level=lvl, year=x.year, value=round(x.value, 2),
                      numerator=x.numerator, denominator=x.denominator) for x in r.itertuples()]
    r = malnutrition_rate(nm["nutrition"])
    rows += [dict(locality=x.locality, indicator="malnutrition_rate", level="preschool", year=x.year,
                  value=round(x.value, 2), numerator=x.numerator, denominator=x.denominator) for x in r.itertuples()]
    r = completion_by_age(nm["attainment"], (15, 18), "lower-secondary", "lower_secondary_diploma_15_18")
    rows += [dict(locality=x.locality, indicator=x.indicator, level="lower-secondary", year=x.year,
                  value=round(x.value, 2), numerator=x.numerator, denominator=x.denominator) for x in r.itertuples()]
    yrs = range(2017, 2022)
    rows += _series(rng, "Na Mèo", "primary_eval_good_share", "primary", yrs, 33, 0.08, 420)
    rows += _series(rng, "Na Mèo", "promotion_rate", "primary", yrs, 96.2, 0.05, 420)
    rows += _series(rng, "Na Mèo", "promotion_rate", "lower-secondary", yrs, 94.5, 0.06, 330)
    rows += _series(rng, "Na Mèo", "legacy_academic_good_share", "lower-secondary", yrs, 30, 0.06, 330)
    rows += _series(rng, "Na Mèo", "two_session_share", "lower-secondary", yrs, 30, 0.12, 330)
    rows += _series(rng, "Na Mèo", "trained_labour_share", "adult", yrs, 31, 0.09, 2400)
    # Lạc Sơn (district): 2018-2022
    yrs = range(2018, 2023)
    rows += _series(rng, "Lạc Sơn", "professional_school_admission_rate", "upper-secondary", yrs, 17, 0.06, 1500)
    rows += _series(rng, "Lạc Sơn", "graduate_vocational_training_rate", "lower-secondary+upper-secondary", yrs, 36, 0.05, 3100)
    for lvl, start, slope, den in (("preschool", 84, 0.12, 520), ("primary", 66, 0.09, 760),
                                   ("lower-secondary", 74, 0.08, 610), ("upper-secondary", 96, 0.10, 260)):
        rows += _series(rng, "Lạc Sơn", "qualified_teacher_share", lvl, yrs, start, slope, den)
    rows += _series(rng, "Lạc Sơn", "above_standard_teacher_share", "upper-secondary", yrs, 3.2, 0.07, 260)
    # Mường Tè (district): school years 2018-2019 … 2021-2022 → 2019-2022; targets are for 2023
    yrs = range(2019, 2023)
    for ind, lvl, start, slope, den in (
            ("qualified_staff_share", "all", 72, 0.08, 1450), ("mobilisation_rate", "nursery", 19, 0.05, 2300),
            ("mobilisation_rate", "kindergarten", 97.2, 0.12, 3900), ("mobilisation_rate", "primary", 99.6, 0.2, 6800),
            ("primary_eval_good_share", "primary", 30, 0.05, 6700), ("mobilisation_rate", "lower-secondary", 93, 0.07, 4200),
            ("secondary_learning_good_share", "lower-secondary", 35, 0.04, 4100),
            ("graduation_rate", "lower-secondary", 98.6, 0.1, 900), ("graduation_rate", "upper-secondary", 97, 0.1, 520),
            ("boarding_capacity_share", "all", 55, 0.12, 2600)):
        rows += _series(rng, "Mường Tè", ind, lvl, yrs, start, slope, den)
    out = pd.DataFrame(rows)
    for c in ("numerator", "denominator"):
        out[c] = out[c].astype(int)
    return out


def _commune_levels(rng) -> pd.DataFrame:
    """Mường Tè's 14 communes and towns: primary universalisation levels (10 at level 3)."""
    levels = [3] * 10 + [2] * 3 + [1]
    rng.shuffle(levels)
    return pd.DataFrame({"district": "Mường Tè", "year": 2023, "locality": [_commune("Mường Tè", i) for i in range(1, 15)],
                         "standard": "pcgd_primary", "level": levels})


def generate(out_dir: Path | str = EXAMPLES_DIR, seed: int = SEED) -> dict[str, Path]:
    """Write the example tables (CSV, UTF-8) and ``manifest.json``; return the paths.

    The same seed gives byte-identical files.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    nm = _na_meo(rng)
    th = _thieu_hoa(rng)
    tables = {**nm, **th, "commune_levels": _commune_levels(rng), "observations": _observations(rng, nm)}
    paths, hashes = {}, {}
    for name in FILES:
        df = tables[name].copy()
        df["synthetic"] = "true"
        df = df.sort_values([c for c in df.columns if c in ("district", "locality", "indicator", "level", "year",
                                                              "age", "grade", "destination", "school")],
                            kind="stable").reset_index(drop=True)
        p = out_dir / f"{name}.csv"
        df.to_csv(p, index=False, lineterminator="\n", encoding="utf-8", float_format="%.10g")
        paths[name] = p
        hashes[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
    manifest = {"synthetic": True, "generator": GENERATOR, "seed": seed,
                "note": "Synthetic example data calibrated to the documents' baselines; not any locality's real figures.",
                "files": hashes}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                                           encoding="utf-8")
    return paths


SYNTHETIC_LABEL = "trên số liệu minh họa / synthetic example data (edustats.examples)"
# columns read as text in a counts table; every other column must hold numbers
TEXT_COLUMNS = {"locality", "district", "level", "indicator", "destination", "school", "standard", "synthetic",
                "note", "source", "unit", "definition"}
_NUMERIC_IN = {"commune_levels": {"level"}}  # a commune's universalisation level is a number
_BOOL_COLUMNS = {"dbkk"}


class CountsMissing(LookupError):
    """A count table, or a row of it, that a definition needs is not in the folder."""


# Vietnamese headers a planner's EMIS export may carry, per canonical column (compared accent- and
# case-insensitively). A header is only mapped to a column the table has: "Mức độ" is a commune's
# universalisation level in commune_levels, "Cấp học" the school level elsewhere.
COUNT_HEADERS = {
    "locality": ["địa phương", "đơn vị", "tên đơn vị", "xã", "tên xã", "xã phường thị trấn", "commune"],
    "district": ["huyện", "tên huyện", "quận huyện"],
    "year": ["năm", "năm học", "school year"],
    "age": ["tuổi", "độ tuổi"],
    "grade": ["lớp", "khối", "khối lớp"],
    "level": ["cấp học", "bậc học", "cấp", "mức độ", "mức"],
    "population": ["dân số", "số dân", "số người"],
    "enrolment": ["số học sinh", "học sinh", "số trẻ", "số hs", "số học sinh trẻ", "enrollment"],
    "completed": ["hoàn thành", "số hoàn thành", "đã hoàn thành", "có bằng", "số có bằng"],
    "weighed": ["số trẻ được cân", "được cân", "cân đo", "số trẻ cân đo"],
    "malnourished": ["suy dinh dưỡng", "số trẻ suy dinh dưỡng"],
    "graduates": ["tốt nghiệp", "số tốt nghiệp"],
    "grade9_enrolment": ["học sinh lớp 9", "số học sinh lớp 9"],
    "destination": ["hướng đi", "nơi học tiếp", "đi đâu"],
    "entrants": ["số vào học", "số nhập học", "số tuyển sinh", "tuyển sinh"],
    "indicator": ["chỉ tiêu", "mã chỉ tiêu"],
    "numerator": ["tử số"],
    "denominator": ["mẫu số"],
    "value": ["giá trị", "tỷ lệ", "tỉ lệ"],
    "school": ["trường", "tên trường"],
    "recognised_year": ["năm công nhận", "năm đạt chuẩn"],
    "sessions": ["số buổi", "buổi"],
    "classes": ["số lớp", "lớp học", "nhóm lớp"],
    "teachers": ["giáo viên", "số giáo viên"],
    "required": ["định mức", "số cần có", "cần có", "biên chế giao"],
    "in_post": ["hiện có", "số hiện có"],
    "standard": ["tiêu chuẩn", "chuẩn", "loại phổ cập"],
    "dbkk": ["đbkk", "xã đbkk", "đặc biệt khó khăn"],
    "literate_l1_15_25": ["biết chữ mức độ 1 15-25", "biết chữ mức 1 (15-25)"],
    "literate_l2_15_35": ["biết chữ mức độ 2 15-35", "biết chữ mức 2 (15-35)"],
    "note": ["ghi chú", "chú thích"],
    "source": ["nguồn", "nguồn số liệu"],
    "unit": ["đơn vị tính", "đvt"],
}


def _count_columns(name: str) -> list[str]:
    """The columns of count table ``name``, as the shipped example writes them."""
    head = (EXAMPLES_DIR / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
    return [c for c in head.split(",") if c != "synthetic"]


def _map_count_headers(name: str, df: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[dict]]:
    """Rename a planner's headers to the table's columns; name every header that cannot be placed."""
    import difflib

    from .excel_io import norm_key

    want = _count_columns(name) if name in FILES else list(df.columns)
    lookup = {norm_key(c): c for c in want} | {norm_key(c.replace("_", " ")): c for c in want}
    for canon, names in COUNT_HEADERS.items():
        if canon in want or canon in ("note", "source"):
            lookup.update({norm_key(n): canon for n in names if norm_key(n) not in lookup})
    allowed = set(want) | {"synthetic", "note", "source"}
    rename, problems, ignored = {}, [], []
    for col in df.columns:
        canon = col if col in allowed else lookup.get(norm_key(col))
        if canon is None:  # not a column of this table (a row number "STT", a remark): left out, and said
            near = difflib.get_close_matches(norm_key(col), list(lookup), n=1, cutoff=0.6)
            ignored.append(col + (f" (có phải / did you mean '{lookup[near[0]]}'?)" if near else ""))
        elif canon in rename.values():
            problems.append(dict(file=file, row=1, column=col, value=col,
                                 expected=f"one column '{canon}' only (another header already means it)",
                                 expected_vi=f"chỉ một cột '{canon}' (một tiêu đề khác đã mang nghĩa này)"))
        else:
            rename[col] = canon
    # a column the table does not have is not refused here: each definition names the columns it needs
    out = df[list(rename)].rename(columns=rename)
    out.attrs["ignored_columns"] = ignored
    out.attrs["headers"] = {canon: col for col, canon in rename.items()}   # each column's header as written
    return out, problems


_SCHOOL_YEAR_RE = r"^\s*(\d{4})\s*[-–—/]\s*(\d{2}|\d{4})\s*$"


def _count_year(v: str):
    """A year cell: ``2021``, or a school year ``2021-2022`` / ``2021-22`` read as its second year."""
    import re

    m = re.match(_SCHOOL_YEAR_RE, v)
    if not m:
        return None
    a, b = int(m.group(1)), m.group(2)
    b = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    return float(b) if b == a + 1 else "span"


def load_counts(name: str, folder: Path | str = EXAMPLES_DIR) -> pd.DataFrame:
    """One count table (``name.csv`` or ``name.xlsx``) from a planner's folder or the examples.

    Headers may be the table's column names or the Vietnamese an EMIS export uses (``Địa
    phương``, ``Năm học``, ``Tuổi``, ``Dân số`` …, :data:`COUNT_HEADERS`); a header that fits no
    column (a row number "STT", a remark) is left out and named in ``attrs["ignored_columns"]``
    with the nearest column, which ``edustats reconcile`` prints. Cells are read as text and
    numbers parsed the Vietnamese way (``1.830``, ``22,5``); a school year ``2021-2022`` is its
    second calendar year, as everywhere in edustats. A cell that is not a number where one is
    expected, or is ambiguous (``1,830``), raises one :class:`~edustats.errors.DataError` naming
    file, row, column and value, Vietnamese first. ``attrs["synthetic"]`` is True only when the
    table has a ``synthetic`` column that is true on every row; ``attrs["file"]`` names the file.
    A missing file raises :class:`CountsMissing`.

    >>> t = load_counts("nutrition"); bool(t.attrs["synthetic"]), t.query("year == 2021")[["weighed", "malnourished"]].to_dict("records")
    (True, [{'weighed': 200, 'malnourished': 18}])
    """
    from .errors import raise_data_error
    from .loaders import read_table
    from .vnformat import parse_vn_number

    folder = Path(folder)
    paths = [folder / f"{name}{ext}" for ext in (".csv", ".xlsx")]
    p = next((q for q in paths if q.exists()), None)
    if p is None:
        raise CountsMissing(f"{name}.csv (không có trong / not in {folder})")
    msg_vi, msg = f"bảng số liệu {p.name} không hợp lệ", f"count table {p} is invalid"
    df, problems = _map_count_headers(name, read_table(p), str(p))
    ignored = df.attrs.get("ignored_columns", [])
    headers = df.attrs.get("headers", {})
    raise_data_error(msg, problems, msg_vi=msg_vi)
    out = pd.DataFrame(index=df.index)

    def bad(i, col, v, expected, expected_vi):   # a bad cell, named by the header the planner wrote
        return dict(file=str(p), row=i + 2, column=headers.get(col, col), canonical=col, value=v, expected=expected,
                    expected_vi=expected_vi)
    for col in df.columns:
        cells = df[col].str.strip()
        if col in _BOOL_COLUMNS:
            low = cells.str.lower()
            wrong = ~low.isin(["true", "false", "1", "0", "có", "không"])
            problems += [bad(i, col, v, "true or false", "có hoặc không (true/false)") for i, v in cells[wrong].items()]
            out[col] = low.isin(["true", "1", "có"])
        elif col in TEXT_COLUMNS and col not in _NUMERIC_IN.get(name, ()):
            out[col] = cells
        else:
            vals = []
            yearish = col in ("year", "recognised_year")
            for i, v in cells.items():
                y = _count_year(v) if yearish else None
                if y == "span":
                    problems.append(bad(i, col, v, "a year such as 2021 or a school year such as 2021-2022",
                                        "một năm như 2021 hoặc năm học như 2021-2022 (hai năm liền nhau)"))
                    vals.append(float("nan"))
                    continue
                if y is not None:
                    vals.append(y)
                    continue
                try:
                    vals.append(parse_vn_number(v).value if v != "" else float("nan"))
                except ValueError as exc:
                    problems.append(bad(i, col, v, f"a number such as 1.830 or 22,5 ({exc})",
                                        "một số, ví dụ 1.830 (dấu chấm ngăn hàng nghìn) hoặc 22,5 (dấu phẩy thập "
                                        "phân)" + (" — năm học viết 2021-2022" if yearish else "")
                                        + f" ({str(exc).split(' / ')[0]})"))
                    vals.append(float("nan"))
            s = pd.Series(vals, index=df.index, dtype=float)
            out[col] = s.astype("int64") if s.notna().all() and (s % 1 == 0).all() else s
    raise_data_error(msg, problems, msg_vi=msg_vi)
    synthetic = "synthetic" in out.columns and len(out) > 0 and out["synthetic"].str.lower().eq("true").all()
    out = out.drop(columns=[c for c in ("synthetic",) if c in out.columns])
    out.attrs.update(synthetic=bool(synthetic), file=str(p), ignored_columns=ignored, headers=headers)
    return out


def load_example(name: str, folder: Path | str = EXAMPLES_DIR) -> pd.DataFrame:
    """One example table, refusing to load it unless it is marked synthetic.

    For a planner's own tables use :func:`load_counts`, which accepts any rows.

    >>> load_example("nutrition").query("year == 2021")[["weighed", "malnourished"]].to_dict("records")
    [{'weighed': 200, 'malnourished': 18}]
    """
    df = load_counts(name, folder)
    if not df.attrs["synthetic"]:
        raise ValueError(f"{df.attrs['file']}: example tables must carry synthetic=true on every row")
    return df


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Regenerate the synthetic example data (byte-identical for a seed).")
    ap.add_argument("--out", type=Path, default=EXAMPLES_DIR)
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args(argv)
    for name, p in generate(a.out, a.seed).items():
        print(f"{name}: {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
