"""Loaders for the shipped data and a planner's own files, refusing bad data loudly.

Every loader reads an Excel cell by the value it stores (:mod:`edustats.excel_io`: a number is a
number, a percent-formatted 0,96 is 96%, a formula its calculated value) and a text cell as text,
parsing Vietnamese number forms (``22,5%``, ``1.830``, ``35 triệu đồng``); finds the table below
title rows and in the right sheet; accepts Vietnamese or English headers and Vietnamese names for
indicators and levels; validates the table with a pandera schema with ``lazy=True`` and raises one
:class:`~edustats.errors.DataError` that names every bad cell, Vietnamese first then English:
file, sheet, cell, row (as the spreadsheet numbers it), column as written, value and what was
expected (with the nearest valid choice where there is one).
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .catalogue import COMPARATORS, KINDS, LEVELS, UNITS, indicator_catalogue
from .errors import raise_data_error
from .excel_io import Cell, Sheet, check_not_mojibake, norm_key, read_sheets, suggest, unneutralise
from .vnformat import decimals_of, format_number, parse_vn_number, parse_vn_numbers

__all__ = [
    "DATA_DIR",
    "data_path",
    "load_sources",
    "load_targets",
    "load_commitments",
    "load_observations",
    "read_table",
    "check_not_mojibake",
    "validate_targets",
    "locality_key",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
YEAR_MIN, YEAR_MAX = 1975, 2100

TARGET_COLUMNS = ["id", "source", "locality", "kind", "year", "annual", "level", "indicator", "label_vi",
                  "label_en", "comparator", "value", "unit", "numerator", "denominator", "quote", "note"]
TARGET_REQUIRED = ["source", "kind", "year", "comparator", "value", "unit"]
OBSERVATION_REQUIRED = ["locality", "indicator", "year", "value"]
OBSERVATION_OPTIONAL = ["level", "unit", "numerator", "denominator", "source", "note", "synthetic"]

def data_path(*parts: str) -> Path:
    """Path inside the repository's ``data/`` folder.

    >>> data_path("targets.csv").name
    'targets.csv'
    """
    return DATA_DIR.joinpath(*parts)


# --------------------------------------------------------------------------------------------
# Headers a planner writes, Vietnamese or English, mapped to the canonical column names. Keys are
# compared with :func:`edustats.excel_io.norm_key` (case, diacritics, spacing and a trailing
# "(%)" or ":" do not matter). When two columns claim one name, the first in this order wins
# and the other falls back to ``_SECONDARY`` (a "Chỉ tiêu" label beside a "Mã chỉ tiêu" code).

_HEADER_ALIASES = {
    "locality": ["locality", "địa phương", "đơn vị", "tên đơn vị", "tên địa phương", "xã", "xã phường",
                 "xã phường thị trấn", "huyện", "đơn vị hành chính", "commune", "district"],
    "indicator": ["indicator", "mã chỉ tiêu", "mã", "indicator code", "code", "chỉ tiêu", "chỉ số",
                  "tên chỉ tiêu", "indicator name"],
    "label_vi": ["label_vi", "nội dung", "nội dung chỉ tiêu", "diễn giải", "chỉ tiêu tiếng việt"],
    "label_en": ["label_en", "label", "english label"],
    "level": ["level", "cấp học", "cấp", "bậc học", "ngành học", "cấp bậc học"],
    "year": ["year", "năm", "năm học", "school year", "năm đạt", "năm hoàn thành", "thời hạn", "đến năm"],
    "value": ["value", "giá trị", "tỷ lệ", "tỉ lệ", "số liệu", "kết quả", "thực hiện", "giá trị thực hiện",
              "mục tiêu", "giá trị mục tiêu", "chỉ tiêu đạt", "target"],
    "numerator": ["numerator", "tử số", "tử", "số lượng đạt"],
    "denominator": ["denominator", "mẫu số", "mẫu", "tổng số"],
    "unit": ["unit", "đơn vị tính", "đvt", "đơn vị đo"],
    "source": ["source", "nguồn", "nguồn số liệu", "văn bản", "tài liệu", "nguồn văn bản"],
    "note": ["note", "ghi chú", "chú thích"],
    "synthetic": ["synthetic"],
    "id": ["id", "mã dòng", "số hiệu"],
    "kind": ["kind", "loại", "loại chỉ tiêu", "phân loại"],
    "comparator": ["comparator", "so sánh", "điều kiện", "dấu so sánh", "phép so sánh"],
    "annual": ["annual", "hằng năm", "hàng năm", "mỗi năm"],
    "base_year": ["base_year", "năm gốc", "năm cơ sở", "năm bắt đầu", "năm đầu kỳ"],
    "quote": ["quote", "trích dẫn", "nguyên văn", "trích văn bản"],
    "target_reference": ["target_reference", "mục tiêu tham khảo", "mục tiêu để tham khảo"],
}
_SECONDARY = {"indicator": "label_vi", "value": "target_reference"}
_HEADER_KEY = {}
for _canon, _names in _HEADER_ALIASES.items():
    for _n in _names:
        _HEADER_KEY.setdefault(_n.replace("_", " ") if "_" in _n else _n, _canon)
_IGNORED_HEADERS = {"stt", "tt", "số tt", "số thứ tự", "no"}


def _header_key(text: str) -> str:
    s = re.sub(r"\(.*?\)|\[.*?\]", " ", str(text))
    return norm_key(s.replace("_", " ")).replace("%", "").strip()


_HEADER_LOOKUP = {_header_key(k): v for k, v in _HEADER_KEY.items()}
_IGNORED_LOOKUP = {_header_key(k) for k in _IGNORED_HEADERS}
_SCHEMAS = {
    "observations": (OBSERVATION_REQUIRED, OBSERVATION_OPTIONAL + ["label_vi", "target_reference"]),
    "targets": (["year", "value"], [c for c in TARGET_COLUMNS if c not in ("year", "value")] + ["base_year"]),
}
_ANTI = {"observations": {"comparator", "kind", "quote", "annual", "base_year"}, "targets": {"target_reference"}}
_HEADER_VI = {"locality": "địa phương", "indicator": "chỉ tiêu (mã hoặc tên)", "year": "năm", "value": "giá trị",
              "level": "cấp học", "unit": "đơn vị tính", "numerator": "tử số", "denominator": "mẫu số",
              "comparator": "so sánh", "kind": "loại", "source": "văn bản", "note": "ghi chú"}


@dataclass
class _Meta:
    """Where each cell of a loaded table came from, and what the loader understood."""

    file: str
    sheet: str | None = None
    header_row: int = 1
    rows: list = field(default_factory=list)         # spreadsheet row of each data row
    headers: dict = field(default_factory=dict)      # canonical column -> header as written
    letters: dict = field(default_factory=dict)      # canonical column -> Excel column letter
    cells: dict = field(default_factory=dict)        # canonical column -> list of Cell (Excel)
    numbers: dict = field(default_factory=dict)      # canonical column -> float array (Parquet numbers; NaN: text)
    normalised: bool = False                         # spacing already normalised while reading
    blank_rows: int = 0
    unfilled_rows: int = 0
    notes_vi: list = field(default_factory=list)
    notes_en: list = field(default_factory=list)
    ignored: list = field(default_factory=list)

    def row(self, i) -> int:
        return self.rows[i] if self.rows else int(i) + 2

    def col(self, c) -> str:
        return self.headers.get(c, c)

    def rec(self, i, c, value, expected, expected_vi=None) -> dict:
        cell = f"{self.letters[c]}{self.row(i)}" if (self.sheet is not None and c in self.letters and i is not None) else None
        return dict(file=self.file, sheet=self.sheet, cell=cell, row=None if i is None else self.row(i),
                    column=self.col(c) if c else None, value=value, expected=expected, expected_vi=expected_vi)

    def cell(self, c, i) -> Cell | None:
        col = self.cells.get(c)
        return col[i] if col is not None else None

    def summary(self) -> tuple[str, str]:
        """What was recognised, in Vietnamese and in English."""
        where_vi = f"trang tính '{self.sheet}', " if self.sheet is not None else ""
        where_en = f"sheet '{self.sheet}', " if self.sheet is not None else ""
        n = len(self.rows)
        mapped = ", ".join(f"'{h}' → {c}" for c, h in self.headers.items())
        vi = (f"Đã đọc {self.file}: {where_vi}tiêu đề ở dòng {self.header_row}, "
              f"{format_number(n)} dòng số liệu"   # counts written the Vietnamese way: 100.000 dòng
              + (f", {format_number(self.blank_rows)} dòng trống bỏ qua" if self.blank_rows else "")
              + (f", {format_number(self.unfilled_rows)} dòng mẫu chưa điền bỏ qua" if self.unfilled_rows else "")
              + f". Cột: {mapped}." + (f" Cột không dùng: {', '.join(self.ignored)}." if self.ignored else ""))
        en = (f"Read {self.file}: {where_en}header in row {self.header_row}, {n:,} data rows"
              + (f", {self.blank_rows:,} blank rows skipped" if self.blank_rows else "")
              + (f", {self.unfilled_rows:,} template rows left empty skipped" if self.unfilled_rows else "")
              + f". Columns: {mapped}." + (f" Columns not used: {', '.join(self.ignored)}." if self.ignored else ""))
        if self.notes_vi:
            vi += " " + " ".join(self.notes_vi)
            en += " " + " ".join(self.notes_en)
        return vi, en


def _letter(j: int) -> str:
    """Excel's letter for column ``j`` (0-based): 0 → A, 25 → Z, 26 → AA.

    >>> _letter(0), _letter(25), _letter(26), _letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    out, n = "", j + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _map_header(cells, schema) -> tuple[dict, int]:
    """Column index -> canonical name for one candidate header row, and a score."""
    required, optional = _SCHEMAS[schema]
    allowed = set(required) | set(optional)
    mapping, taken = {}, {}
    for j, c in enumerate(cells):
        if c.number is not None or not c.text.strip():
            continue
        canon = _HEADER_LOOKUP.get(_header_key(c.text))
        if canon is None or canon not in allowed:
            continue
        if canon in taken:
            alt = _SECONDARY.get(canon)
            if alt and alt not in taken and alt in allowed:
                canon = alt
            else:
                continue
        mapping[j] = canon
        taken[canon] = j
    score = sum(10 for c in required if c in taken) + sum(1 for c in optional if c in taken)
    # a column that belongs to the other kind of table (a comparator in an observations sheet,
    # the template's reference target in a targets sheet) makes this the wrong sheet
    others = {_HEADER_LOOKUP.get(_header_key(c.text)) for c in cells if c.number is None and c.text.strip()}
    score -= 15 * len(others & _ANTI[schema])
    return mapping, score


def _choose(sheets, schema, sheet, file):
    """The sheet and header row holding the table: best header score, first sheet on ties."""
    if sheet is not None and sheets[0].name is not None:
        names = [s.name for s in sheets]
        if isinstance(sheet, int) and not isinstance(sheet, bool):
            if not 0 <= sheet < len(sheets):
                raise_data_error("no such sheet", [dict(file=file, row=None, column=None, value=sheet,
                                                        expected=f"a sheet number from 0 to {len(sheets) - 1}",
                                                        expected_vi=f"số thứ tự trang tính từ 0 đến {len(sheets) - 1}")],
                                 msg_vi="không có trang tính này")
            candidates = [sheets[sheet]]
        else:
            hit = [s for s in sheets if s.name == sheet] or [s for s in sheets if norm_key(s.name) == norm_key(sheet)]
            if not hit:
                near = suggest(str(sheet), {n: n for n in names})
                raise_data_error("no such sheet", [dict(
                    file=file, row=None, column=None, value=sheet,
                    expected=f"one of the workbook's sheets: {', '.join(names)}"
                             + (f" (did you mean '{near[0]}'?)" if near else ""),
                    expected_vi=f"một trang tính có trong sổ: {', '.join(names)}"
                                + (f" (có phải '{near[0]}'?)" if near else ""))], msg_vi="không có trang tính này")
            candidates = hit[:1]
    else:
        candidates = sheets
    best = None
    for sh in candidates:
        for k, cells in enumerate(sh.rows[:30]):
            if schema is None:
                if any(not c.blank for c in cells):
                    mapping, score = {}, 1
                else:
                    continue
            else:
                mapping, score = _map_header(cells, schema)
            if best is None or score > best[0]:
                best = (score, sh, k, mapping)
            if schema is None:
                break
    if best is None or (schema is not None and best[0] < 10):
        # nothing recognisable: fall back to the first non-blank row of the first candidate sheet
        sh = candidates[0]
        k = next((k for k, cells in enumerate(sh.rows) if any(not c.blank for c in cells)), 0)
        mapping = _map_header(sh.rows[k], schema)[0] if (schema is not None and sh.rows) else {}
        best = (0, sh, k, mapping)
    return best[1], best[2], best[3]


def _per_distinct(values, func, dtype=object) -> np.ndarray:
    """``func`` applied once per distinct value of ``values`` (a column), spread back to every row."""
    codes, uniq = pd.factorize(values)
    if len(codes) and codes.min() < 0:      # a missing value among them: it is a value of its own here
        codes, uniq = pd.factorize(values, use_na_sentinel=False)
    return np.array([func(u) for u in uniq], dtype=dtype)[codes] if len(uniq) else np.zeros(0, dtype)


def _text_column(values, like=None) -> pd.Series:
    """A text column of the frame the loaders work on: Python ``str`` objects (no conversion per step;
    the loaded table's text columns become pandas' ``str`` dtype at the end, :func:`_as_str`)."""
    return pd.Series(values, index=None if like is None else like.index, dtype=object)


def _as_str(df: pd.DataFrame) -> pd.DataFrame:
    """The text (object) columns of a loaded table as pandas' ``str`` dtype, as ``astype(str)`` gives."""
    for c in df.columns:
        if df[c].dtype == object and pd.api.types.infer_dtype(df[c], skipna=False) in ("string", "empty"):
            df[c] = df[c].astype(str)
    return df


def _is_parquet(path: Path) -> bool:
    if path.suffix.lower() == ".parquet":
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PAR1"
    except OSError:
        return False


def _head_cells(rows, numbers, columns=None) -> Sheet:
    """The first rows of a raw CSV as :class:`Cell` objects: what the header search looks at (30
    rows, or down to the first row that is not blank)."""
    if rows is None:   # read by Arrow: every row has every column; rows are built down to the first non-blank
        first = 0
        while first < len(numbers) and not any(c[first].strip() for c in columns):
            first += 1
        first = first if first < len(numbers) else 0
        n = max(30, first + 1)
        rows = [[c[i] for c in columns] for i in range(min(n, len(numbers)))]
    first = next((i for i, r in enumerate(rows) if any(f.strip() for f in r)), 0)
    n = max(30, first + 1)
    return Sheet(None, [[Cell(text=unneutralise(f)) for f in r] for r in rows[:n]], numbers[:n])


def _read_raw(sh, schema, sheet, file, normalise=False) -> tuple[pd.DataFrame, _Meta]:
    """:func:`_read` for a CSV, column by column (the rows are lists of ``str`` fields)."""
    head = _head_cells(sh.rows, sh.row_numbers, sh.columns)
    _, k, mapping = _choose([head], schema, sheet, file)
    meta = _Meta(file=file, sheet=None, header_row=sh.row_numbers[k] if sh.row_numbers else 1)
    header = head.rows[k] if head.rows else []
    names = [mapping[j] if j in mapping else (c.text.strip() if c.number is None else c.text)
             for j, c in enumerate(header)]
    if sh.columns is not None:
        n_body = len(sh.row_numbers) - k - 1
        width = len(sh.columns)
        columns = [c[k + 1:] for c in sh.columns]
    else:
        body = sh.rows[k + 1:]
        n_body = len(body)
        width = max([len(header)] + ([max(map(len, body))] if body else []))
        if body and min(map(len, body)) < width:
            body = [r if len(r) == width else r + [""] * (width - len(r)) for r in body]
        columns = list(zip(*body)) if body else [()] * width
    names += [""] * (width - len(names))
    texts, blanks = [], []
    for j in range(width):
        col = np.asarray(columns[j], dtype=object) if n_body else np.zeros(0, object)
        codes, uniq = pd.factorize(col)     # the fields are all str: none is missing
        uniq = list(uniq)
        fix = _spaced if (normalise and names[j] != "quote") else (lambda v: v)
        texts.append(np.array([fix(unneutralise(u)) for u in uniq], dtype=object)[codes] if uniq else col)
        blanks.append(np.array([not u.strip() for u in uniq], bool)[codes] if uniq else np.zeros(0, bool))
    problems, keep = [], []
    for j, nm in enumerate(names):
        has_data = not blanks[j].all()
        if nm == "":
            if has_data:
                i = int(np.argmax(~blanks[j]))
                problems.append(dict(file=file, sheet=None, cell=None, row=sh.row_numbers[k], column=None,
                                     value=texts[j][i], expected=f"a header above column {j + 1}, which holds data",
                                     expected_vi=f"tên cột cho cột {j + 1} (cột có số liệu nhưng không có tiêu đề)"))
            continue
        if not _ignored_column(nm, j, mapping, schema, meta):
            keep.append(j)
    _refuse_header(problems, _duplicate_columns(keep, names, header, file, sh.row_numbers[k]), file)
    nums = np.asarray(sh.row_numbers[k:], np.int64)
    blank_row = np.ones(n_body, bool)
    for j in keep:
        blank_row &= blanks[j]
    meta.blank_rows = int(np.clip(np.diff(nums) - 1, 0, None).sum()) + int(blank_row.sum())
    filled = ~blank_row
    meta.normalised = normalise
    meta.rows = nums[1:][filled].tolist()
    df = pd.DataFrame({names[j]: _text_column(texts[j][filled]) for j in keep}, columns=[names[j] for j in keep])
    if schema is not None:
        meta.headers = {names[j]: (header[j].text.strip() if j < len(header) else names[j]) for j in keep}
    return _finish_table(df, meta, names, keep, file)


def _finish_table(df, meta, names, keep, file) -> tuple[pd.DataFrame, _Meta]:
    """Column letters for messages; a table with a header but no data row is refused."""
    meta.letters = {names[j]: _letter(j) for j in keep}
    if df.empty:
        raise_data_error("no data rows", [dict(file=file, sheet=None, row=None, column=None, value="",
                                               expected="at least one data row under the header",
                                               expected_vi="ít nhất một dòng số liệu dưới dòng tiêu đề")],
                         msg_vi="không có dòng số liệu")
    return df.reset_index(drop=True), meta


def _ignored_column(name, j, mapping, schema, meta) -> bool:
    """A row-number column ("STT") that the schema does not use: noted in ``meta``, not read."""
    if schema is not None and j not in mapping and _header_key(name) in _IGNORED_LOOKUP:
        meta.ignored.append(name)
        return True
    return False


def _duplicate_columns(keep, names, header, file, row) -> list[dict]:
    """Problems for two kept columns that map to one name (two headers meaning the same thing)."""
    dup = pd.Series([names[j] for j in keep], dtype=object).duplicated(keep=False)
    return [dict(file=file, sheet=None, cell=None, row=row, column=names[j],
                 value=header[j].text if j < len(header) else "",
                 expected="one column of this name (two columns mean the same thing)",
                 expected_vi="chỉ một cột với tên này (hai cột cùng nghĩa)") for j, d in zip(keep, dup) if d]


def _refuse_header(problems, more, file) -> None:
    raise_data_error(f"cannot read the table header of {file}", problems + more,
                     msg_vi=f"không đọc được tiêu đề bảng của {file}")


def _read_parquet(path: Path, schema, file) -> tuple[pd.DataFrame, _Meta]:
    """:func:`_read` for a Parquet file: the column names are the header (row 1), each record a row
    (row 2 on); a number is a number (as an Excel number cell), text is text, a missing value blank."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise_data_error("cannot read Parquet file", [dict(
            file=file, row=None, column=None, value=path.suffix,
            expected=f"a readable Parquet file ({type(exc).__name__}: {exc})",
            expected_vi=f"một tệp Parquet đọc được ({type(exc).__name__}: {exc})")], msg_vi="không đọc được tệp Parquet")
    header = [Cell(text=unicodedata.normalize("NFC", str(n))) for n in table.column_names]
    mapping = _map_header(header, schema)[0] if schema is not None else {}
    meta = _Meta(file=file, sheet=None, header_row=1)
    names = [mapping.get(j, c.text.strip()) for j, c in enumerate(header)]
    keep = [j for j, nm in enumerate(names) if not _ignored_column(nm, j, mapping, schema, meta)]
    _refuse_header([], _duplicate_columns(keep, names, header, file, 1), file)
    from .excel_io import _number_text

    data, blank_row = {}, np.ones(table.num_rows, bool)
    for j in keep:
        col = table.column(j)
        t = col.type
        if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
            x = col.cast(pa.float64()).to_numpy(zero_copy_only=False)
            ok = np.isfinite(x)
            text = np.full(len(x), "", dtype=object)
            text[ok] = _per_distinct(x[ok], lambda v: _number_text(float(v), False))
            text[np.isinf(x)] = np.where(x[np.isinf(x)] > 0, "inf", "-inf")
            meta.numbers[names[j]] = np.where(ok, x, np.nan)
        elif pa.types.is_boolean(t):
            b = col.to_numpy(zero_copy_only=False)
            text = np.array(["" if v is None else ("true" if v else "false") for v in b], dtype=object) \
                if col.null_count else np.where(b.astype(bool), "true", "false").astype(object)
        else:
            if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
                col = col.cast(pa.large_string())
            text = col.fill_null("").to_numpy(zero_copy_only=False).astype(object)
            text = _per_distinct(text, lambda v: unicodedata.normalize("NFC", v))
        blank_row &= _per_distinct(text, lambda v: not v.strip(), bool)
        data[names[j]] = text
    filled = ~blank_row
    meta.blank_rows = int(blank_row.sum())
    meta.rows = (np.flatnonzero(filled) + 2).tolist()
    for c in meta.numbers:
        meta.numbers[c] = meta.numbers[c][filled]
    df = pd.DataFrame({c: _text_column(v[filled]) for c, v in data.items()}, columns=[names[j] for j in keep])
    if schema is not None:
        meta.headers = {names[j]: header[j].text.strip() for j in keep}
    return _finish_table(df, meta, names, keep, file)


def _read(path, schema, sheet=None, normalise=False) -> tuple[pd.DataFrame, _Meta]:
    """Read a table as text (canonical column names where recognised) with its cells' origins.
    ``normalise``: a CSV's cells also get :func:`_normalise_text`'s spacing while they are read
    (``meta.normalised`` says whether that was done)."""
    path = Path(path)
    file = str(path)
    if path.is_file() and _is_parquet(path):
        return _read_parquet(path, schema, file)
    sheets = read_sheets(path, raw_text=True)
    if sheets[0].raw:
        return _read_raw(sheets[0], schema, sheet, file, normalise)
    sh, k, mapping = _choose(sheets, schema, sheet, file)
    meta = _Meta(file=file, sheet=sh.name, header_row=sh.row_numbers[k] if sh.rows else 1)
    header = sh.rows[k] if sh.rows else []
    names = []
    for j, c in enumerate(header):
        if j in mapping:
            names.append(mapping[j])
        else:
            names.append(c.text.strip() if c.number is None else c.text)
    # columns with no header and no data are dropped; data under no header is an error
    body = sh.rows[k + 1:]
    width = max([len(header)] + [len(r) for r in body])
    names += [""] * (width - len(names))
    problems = []
    keep = []
    for j, nm in enumerate(names):
        has_data = any(j < len(r) and not r[j].blank for r in body)
        if nm == "":
            if has_data:
                i = next(i for i, r in enumerate(body) if j < len(r) and not r[j].blank)
                problems.append(dict(file=file, sheet=sh.name, cell=f"{_letter(j)}{sh.row_numbers[k]}" if sh.name else None,
                                     row=sh.row_numbers[k], column=None, value=body[i][j].text,
                                     expected=f"a header above column {j + 1}, which holds data",
                                     expected_vi=f"tên cột cho cột {j + 1} (cột có số liệu nhưng không có tiêu đề)"))
            continue
        if schema is not None and j not in mapping and _header_key(nm) in _IGNORED_LOOKUP:
            meta.ignored.append(nm)
            continue
        keep.append(j)
    dup = pd.Series([names[j] for j in keep]).duplicated(keep=False)
    for j, d in zip(keep, dup):
        if d:
            problems.append(dict(file=file, sheet=sh.name, cell=None, row=sh.row_numbers[k], column=names[j],
                                 value=header[j].text if j < len(header) else "",
                                 expected="one column of this name (two columns mean the same thing)",
                                 expected_vi="chỉ một cột với tên này (hai cột cùng nghĩa)"))
    raise_data_error(f"cannot read the table header of {file}", problems, msg_vi=f"không đọc được tiêu đề bảng của {file}")
    data = {names[j]: [] for j in keep}
    cells = {names[j]: [] for j in keep}
    nums = sh.row_numbers[k:]
    meta.blank_rows = sum(max(0, b - a - 1) for a, b in zip(nums, nums[1:]))  # rows a reader never stored
    for r, rn in zip(body, sh.row_numbers[k + 1:]):
        row = [r[j] if j < len(r) else Cell() for j in keep]
        if all(c.blank for c in row):
            meta.blank_rows += 1
            continue
        meta.rows.append(rn)
        for j, c in zip(keep, row):
            data[names[j]].append(c.text)
            cells[names[j]].append(c)
    df = pd.DataFrame(data, columns=[names[j] for j in keep], dtype=object)
    if schema is not None:
        meta.headers = {names[j]: (header[j].text.strip() if j < len(header) else names[j]) for j in keep}
    meta.letters = {names[j]: _letter(j) for j in keep}
    meta.cells = cells
    if df.empty:
        raise_data_error("no data rows", [dict(file=file, sheet=sh.name, row=None, column=None, value="",
                                               expected="at least one data row under the header",
                                               expected_vi="ít nhất một dòng số liệu dưới dòng tiêu đề")],
                         msg_vi="không có dòng số liệu")
    df = df.astype(str)
    return df.reset_index(drop=True), meta


def read_table(path, *, sheet=None) -> pd.DataFrame:
    """Read a CSV (UTF-8 or UTF-16; ``,``, ``;`` or tab) or Excel file with every cell as text.

    The header is the first non-blank row; empty cells are ``""``; blank rows are skipped.
    Excel numbers are written the Vietnamese way (``19,125``). Errors name the file: a missing
    file or a folder, an empty file, a file that is not UTF-8 (say, saved from Excel as
    Windows-1258), or one with no data rows.
    """
    df, _ = _read(path, None, sheet)
    return df


def _row(i) -> int:
    """Spreadsheet row number of data row ``i`` of a CSV with its header in row 1."""
    return int(i) + 2


def _missing_columns(df, required, file, meta=None) -> list[dict]:
    return [dict(file=file, sheet=meta.sheet if meta else None, row=meta.header_row if meta else 1, column=c,
                 value=None,
                 expected=f"a column named '{c}' (required columns: {', '.join(required)})",
                 expected_vi=f"một cột '{_HEADER_VI.get(c, c)}' hoặc '{c}' (cột bắt buộc: "
                             f"{', '.join(_HEADER_VI.get(r, r) for r in required)})")
            for c in required if c not in df.columns]


_E_NUMBER = ("a number such as 22,5 or 1.830", "một số như 22,5 hoặc 1.830")


def _number_refusal(reason: str) -> tuple[str, str]:
    """(English, Vietnamese) expectations for a refused number, each with the parser's reason in its language
    (the parser writes "Vietnamese / English" where it explains, English alone for plain text)."""
    vi, sep, en = str(reason).partition(" / ")
    if not sep:
        return f"{_E_NUMBER[0]} ({reason})", _E_NUMBER[1]
    value = vi.split(" ", 1)[0] if vi.startswith("'") else ""
    return f"{_E_NUMBER[0]} ({value + ' ' if value else ''}{en})", f"{_E_NUMBER[1]} ({vi})"


def _special_cells(meta, column, n):
    """Rows of an Excel column whose cell is not plain text (an error, a date or a number)."""
    cells = meta.cells.get(column)
    if cells is None:
        return []
    return [i for i, c in enumerate(cells[:n]) if c.error or c.date is not None or c.number is not None]


def _parse_numbers(df, column, file, problems, *, required=True, integer=False, meta=None, detail=False):
    """Parse one column into floats, recording every bad cell. Excel number cells (and Parquet
    numbers) are taken as stored (a percent-formatted cell already × 100); text goes through the
    Vietnamese parser, once per distinct text (:func:`~edustats.vnformat.parse_vn_numbers`).

    Returns the values (NaN where empty or refused); with ``detail=True`` also the unit each cell
    wrote (``None`` or a unit code) and its decimals, as arrays."""
    meta = meta or _Meta(file=file)
    n = len(df)
    out = np.full(n, np.nan)
    units = np.full(n, None, dtype=object)
    decimals = np.zeros(n, np.int64)

    def done():
        s = pd.Series(out, index=df.index, name=column)
        return (s, units, decimals) if detail else s

    if column not in df.columns:
        return done()
    raw = df[column].to_numpy(dtype=object)
    bad = {}                                     # row -> (expected, expected_vi)
    todo = np.ones(n, bool)
    for i in _special_cells(meta, column, n):    # Excel: what the cell stores decides
        c = meta.cells[column][i]
        todo[i] = False
        if c.error:
            bad[i] = ("a value, not an Excel error", "một giá trị, không phải lỗi của Excel")
        elif c.date is not None:
            bad[i] = ("a number, not a date (format the cell as Number)", "một số, không phải ngày tháng (định dạng ô là Số)")
        else:
            out[i], units[i], decimals[i] = c.number, ("percent" if c.percent else None), decimals_of(c.number)
    stored = meta.numbers.get(column)
    if stored is not None:                       # Parquet numbers, as stored
        num = np.isfinite(stored) & todo
        out[num] = stored[num]
        decimals[num] = _per_distinct(stored[num], decimals_of, np.int64)
        todo &= ~num
    rows = np.flatnonzero(todo)
    codes, uniq = pd.factorize(raw[rows])       # each distinct text once: stripped, checked, parsed
    stripped = np.array([u.strip() for u in uniq], dtype=object)
    empty_u = stripped == ""
    p = parse_vn_numbers(np.where(empty_u, "0", stripped))   # (an empty cell is not parsed: "0" holds its place)
    err_u = p["error"].to_numpy(dtype=object)
    refused_u = ~pd.isna(err_u) & ~empty_u
    empty, refused = empty_u[codes], refused_u[codes]
    if required:
        for i in rows[empty]:
            bad[i] = ("a value (empty cells are not allowed here)", "một giá trị (ô này không được để trống)")
    for i, c in zip(rows[refused], codes[refused]):
        bad[i] = _number_refusal(err_u[c])
    good = ~empty & ~refused
    ok, c = rows[good], codes[good]
    out[ok] = p["value"].to_numpy()[c]
    units[ok] = p["unit"].to_numpy(dtype=object)[c]
    decimals[ok] = p["decimals"].to_numpy()[c]
    if integer:
        with np.errstate(invalid="ignore"):
            frac = np.flatnonzero(np.isfinite(out) & (np.floor(out) != out))
        for i in frac:
            bad[i] = ("a whole number", "một số nguyên")
        out[frac] = np.nan
        units[frac] = None
        decimals[frac] = 0
    for i in sorted(bad):
        problems.append(meta.rec(i, column, raw[i], *bad[i]))
    return done()


_SCHOOL_YEAR = re.compile(r"^(?:năm học|nam hoc|school year)?\s*(\d{4})\s*[-–—/]\s*(\d{2,4})$",
                          re.IGNORECASE)


def _year_of_text(cell: str):
    """A year read from a (stripped, non-empty) text cell: ``(year, None)`` or ``(None, (expected, expected_vi))``."""
    exp = ("a year such as 2021 or a school year such as 2021-2022",
           "một năm như 2021 hoặc năm học như 2021-2022")
    m = _SCHOOL_YEAR.match(cell)
    if m:
        a, b = int(m.group(1)), m.group(2)
        b = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
        if b == a - 1:   # the two years written the other way round: the nearest school year is b-a
            return None, (exp[0] + f" (a school year is written earlier year first: did you mean {b}-{a}?)",
                          exp[1] + f" (năm học ghi năm trước trước: có phải {b}-{a}?)")
        if b != a + 1:
            return None, (exp[0] + f" (a school year spans two consecutive years; for a period write its final year, "
                          f"{max(a, b)})",
                          exp[1] + f" (năm học gồm hai năm liền nhau; với một giai đoạn hãy ghi năm cuối, {max(a, b)})")
        return b, None
    if re.fullmatch(r"\d{1,6}", cell):
        return int(cell), None
    try:
        p = parse_vn_number(cell)
        if float(p.value).is_integer() and p.unit is None:
            return p.value, None
        return None, ("a whole number", "một số nguyên")
    except ValueError:
        return None, exp


def _duplicate_year_problems(rows, keyed, year_txt, loc_txt, codes, meta) -> list:
    """One problem per row of a duplicated (locality, indicator, level, year), naming the year as read
    and how each row of the group wrote it: '2024-2025' beside '2025' is the same year, 2025."""
    if not len(rows):
        return []
    group = keyed.iloc[rows].astype(str).agg("\x1f".join, axis=1).to_numpy()
    written = {}
    for g, i in zip(group, rows):
        written.setdefault(g, [])
        t = str(year_txt.iat[i]).strip()
        if t not in written[g]:
            written[g].append(t)
    out = []
    for g, i in zip(group, rows):
        y = int(keyed["year"].iat[i])
        texts = written[g]
        read = [t for t in texts if t != str(y)]
        how_en = how_vi = ""
        if read:   # a school year or a text that is read as this year: say so, it is why the rows collide
            plain = [t for t in texts if t == str(y)]
            how_en = (": " + " and ".join(f"'{t}'" for t in read) + f" {'is' if len(read) == 1 else 'are'} read as {y}"
                      + (f", the same year as '{y}'" if plain else ""))
            how_vi = (": " + " và ".join(f"'{t}'" for t in read) + f" được tính là năm {y}"
                      + (f", trùng với '{y}'" if plain else ""))
        out.append(meta.rec(i, "year", year_txt.iat[i],
                            f"one row per locality, indicator, level and year (duplicate of "
                            f"{loc_txt.iat[i]} / {codes[i]} / {y}{how_en})",
                            f"mỗi địa phương, chỉ tiêu, cấp học và năm chỉ một dòng (trùng "
                            f"{loc_txt.iat[i]} / {codes[i]} / {y}{how_vi})"))
    return out


def _parse_years(df, column, file, problems, *, required=True, meta=None) -> pd.Series:
    """Years: ``2021``, a school year ``2021-2022`` / ``2021 - 2022`` / ``2021-22`` (its second
    calendar year, as in ``data/README.md``), or an Excel date cell formatted to show the year.
    Each distinct text is read once."""
    meta = meta or _Meta(file=file)
    n = len(df)
    out = np.full(n, np.nan)
    if column not in df.columns:
        return pd.Series(out, index=df.index, name=column)
    exp = ("a year such as 2021 or a school year such as 2021-2022",
           "một năm như 2021 hoặc năm học như 2021-2022")
    raw = df[column].to_numpy(dtype=object)
    bad = {}
    todo = np.ones(n, bool)
    for i in _special_cells(meta, column, n):
        c = meta.cells[column][i]
        todo[i] = False
        if c.date is not None:
            from openpyxl.utils.datetime import to_excel
            fmt = c.fmt.lower()
            serial = to_excel(c.date)
            if re.fullmatch(r"[\[\]$\-\w]*y{2,4}", fmt.replace("\\", "")) or fmt in ("yyyy", "yy"):
                out[i] = c.date.year         # a date shown as its year only
            elif float(serial).is_integer() and YEAR_MIN <= serial <= YEAR_MAX:
                out[i] = serial              # a year typed into a date-formatted cell
            else:
                bad[i] = (exp[0] + ", not a full date", exp[1] + ", không phải một ngày")
        elif c.number is not None:
            if not float(c.number).is_integer():
                bad[i] = ("a whole number", "một số nguyên")
            else:
                out[i] = c.number
        else:
            todo[i] = True                   # an Excel error cell is read as its text, as before
    stored = meta.numbers.get(column)
    if stored is not None:                   # Parquet numbers
        num = np.isfinite(stored) & todo
        whole = num & (np.floor(np.where(num, stored, 0)) == np.where(num, stored, 0))
        out[whole] = stored[whole]
        for i in np.flatnonzero(num & ~whole):
            bad[i] = ("a whole number", "một số nguyên")
        todo &= ~num
    rows = np.flatnonzero(todo)
    codes, uniq = pd.factorize(raw[rows])       # each distinct text once
    stripped = [u.strip() for u in uniq]
    empty_u = np.array([u == "" for u in stripped], bool)
    read = [(None, None) if u == "" else _year_of_text(u) for u in stripped]
    vals_u = np.array([np.nan if v is None else float(v) for v, _ in read])
    empty = empty_u[codes]
    if required:
        for i in rows[empty]:
            bad[i] = ("a value (empty cells are not allowed here)", "một giá trị (ô này không được để trống)")
    out[rows] = vals_u[codes]
    wrong = np.isnan(vals_u)[codes] & ~empty
    for i, c in zip(rows[wrong], codes[wrong]):
        bad[i] = read[c][1]
    for i in sorted(bad):
        problems.append(meta.rec(i, column, raw[i], *bad[i]))
    return pd.Series(out, index=df.index, name=column)


# ---- codes written as words ----------------------------------------------------------------

_LEVEL_WORDS = {
    "mầm non": "preschool", "giáo dục mầm non": "preschool", "gdmn": "preschool", "nhà trẻ": "nursery",
    "mẫu giáo": "kindergarten", "tiểu học": "primary", "th": "primary", "trung học cơ sở": "lower-secondary",
    "thcs": "lower-secondary", "trung học phổ thông": "upper-secondary", "thpt": "upper-secondary",
    "phổ thông": "general", "nghề": "vocational", "giáo dục nghề nghiệp": "vocational", "gdnn": "vocational",
    "người lớn": "adult", "xóa mù chữ": "adult", "đại học": "tertiary", "chung": "all", "tất cả": "all",
    "toàn ngành": "all", "mọi cấp": "any", "lower secondary": "lower-secondary",
    "upper secondary": "upper-secondary",
}
_LEVEL_LOOKUP = {norm_key(k): v for k, v in _LEVEL_WORDS.items()} | {norm_key(c): c for c in LEVELS}
_COMPARATOR_WORDS = {"≥": ">=", "≤": "<=", ">=": ">=", "<=": "<=", ">": ">", "<": "<", "=": "=",
                     "từ trở lên": ">=", "trở lên": ">=", "tối thiểu": ">=", "ít nhất": ">=", "không dưới": ">=",
                     "đạt": ">=", "trên": ">", "dưới": "<", "tối đa": "<=", "không quá": "<=", "không vượt quá": "<=",
                     "bằng": "=", "giảm xuống": "<=", "xuống còn": "<="}
_UNIT_WORDS = {"%": "percent", "phần trăm": "percent", "tỷ lệ": "percent", "percent": "percent",
               "số lượng": "count", "người": "count", "học sinh": "count", "trẻ": "count", "giáo viên": "count",
               "trường": "count", "xã": "count", "lớp": "count", "phòng": "count", "mô hình": "count",
               "đơn vị": "count", "count": "count", "mức": "level", "mức độ": "level", "level": "level",
               "lần": "ratio", "tỷ số": "ratio", "ratio": "ratio", "học sinh lớp": "ratio", "hs lớp": "ratio",
               "học sinh giáo viên": "ratio", "hs gv": "ratio", "giáo viên lớp": "ratio", "gv lớp": "ratio",
               "triệu đồng": "million_vnd", "tỷ đồng": "billion_vnd", "tỉ đồng": "billion_vnd",
               "nghìn đồng": "thousand_vnd", "ngàn đồng": "thousand_vnd", "đồng": "vnd"}
_UNIT_LOOKUP = {norm_key(k) or k: v for k, v in _UNIT_WORDS.items()} | {u: u for u in UNITS}
_KIND_WORDS = {"target": "target", "mục tiêu": "target", "chỉ tiêu": "target", "baseline": "baseline",
               "hiện trạng": "baseline", "thực trạng": "baseline", "cơ sở": "baseline", "năm gốc": "baseline",
               "kết quả": "baseline", "đã đạt": "baseline"}
_KIND_LOOKUP = {norm_key(k): v for k, v in _KIND_WORDS.items()}
_ANNUAL_WORDS = {"true": "true", "false": "false", "": "", "có": "true", "x": "true", "1": "true", "yes": "true",
                 "hằng năm": "true", "hàng năm": "true", "mỗi năm": "true", "không": "false", "0": "false",
                 "no": "false"}
_ANNUAL_LOOKUP = {norm_key(k): v for k, v in _ANNUAL_WORDS.items()}


@lru_cache(maxsize=1)
def _indicator_lookup() -> tuple[dict, dict]:
    """norm_key(code or Vietnamese/English name) -> code; and names that fit several codes."""
    cat = indicator_catalogue()
    lookup, clash = {}, {}
    for r in cat.itertuples(index=False):
        for text in (r.code, r.name_vi, r.name_en):
            k = norm_key(text)
            if k in lookup and lookup[k] != r.code:
                clash.setdefault(k, {lookup[k]}).add(r.code)
            lookup.setdefault(k, r.code)
    return lookup, clash


def _indicator_choices() -> dict:
    cat = indicator_catalogue()
    out = {}
    for r in cat.itertuples(index=False):
        out[r.code] = r.code
        out[r.name_vi] = r.code
    return out


def _resolve_indicators(df, meta, problems) -> None:
    """Indicator cells given by code or catalogue name (any case, diacritics, NFC/NFD) become
    codes; a cell matching nothing is an error proposing the nearest catalogue entries. Each
    distinct cell is looked up once."""
    if "indicator" not in df.columns:
        return
    cat = indicator_catalogue().set_index("code")
    codes_known = set(cat.index)
    lookup, clash = _indicator_lookup()
    raw = df["indicator"].to_numpy(dtype=object)
    codes, uniq = pd.factorize(raw)
    resolved, errors = list(uniq), {}
    renamed_u = np.zeros(len(uniq), bool)
    for u, r in enumerate(uniq):
        v = r.strip()
        if v == "" or v in codes_known:
            continue
        k = norm_key(v)
        if k in clash:
            cs = sorted(clash[k])
            errors[u] = (f"one indicator code; this name fits {', '.join(cs)}",
                         f"một mã chỉ tiêu; tên này ứng với nhiều mã: {', '.join(cs)}")
        elif k in lookup:
            resolved[u] = lookup[k]
            renamed_u[u] = True
        else:
            near = suggest(v, _indicator_choices())
            hint_en = "; did you mean " + " or ".join(f"{c} — {cat.at[c, 'name_vi']}" for c in near) + "?" if near else ""
            hint_vi = "; có phải " + " hoặc ".join(f"{c} — {cat.at[c, 'name_vi']}" for c in near) + "?" if near else ""
            errors[u] = ("an indicator code or Vietnamese name from the catalogue (sheet 'Danh mục' of "
                         "`edustats template`, or edustats.indicator_catalogue())" + hint_en,
                         "mã hoặc tên chỉ tiêu có trong danh mục (trang 'Danh mục' của tệp mẫu `edustats template`)"
                         + hint_vi)
    if errors:
        is_bad = np.zeros(len(uniq), bool)
        is_bad[list(errors)] = True
        for i in np.flatnonzero(is_bad[codes]):
            problems.append(meta.rec(i, "indicator", raw[i], *errors[codes[i]]))
    renamed = int(renamed_u[codes].sum()) if len(uniq) else 0
    if renamed:
        df["indicator"] = _text_column(np.array(resolved, dtype=object)[codes], df)
        meta.notes_vi.append(f"{renamed} ô chỉ tiêu ghi bằng tên đã đổi sang mã.")
        meta.notes_en.append(f"{renamed} indicator cells given by name were matched to codes.")


def _resolve_words(df, column, lookup, meta, problems, *, expected, expected_vi, split=False) -> None:
    """Map a column's words (Vietnamese or English) to codes; unknown words are errors (or, with
    ``expected=""``, left as written for the schema to report). Each distinct cell is read once."""
    if column not in df.columns:
        return
    choices = sorted(set(lookup.values()) - {""})

    def resolve(v):
        parts = re.split(r"\s*(?:\+|,|;| và )\s*", v) if split else [v]
        codes = []
        for part in parts:
            code = lookup.get(norm_key(part) or part, lookup.get(part))
            if code is None:
                return None
            codes.append(code)
        return "+".join(codes)

    raw = df[column].to_numpy(dtype=object)
    codes, uniq = pd.factorize(raw)
    new, unknown = [], np.zeros(len(uniq), bool)
    for u, r in enumerate(uniq):
        v = r.strip()
        code = resolve(v) if v != "" else r
        if code is None:
            unknown[u] = True
            code = r
        new.append(code)
    if expected and unknown.any():
        hint = {}
        for i in np.flatnonzero(unknown[codes]):
            v = raw[i].strip()
            if v not in hint:
                near = suggest(v, {k: c for k, c in lookup.items() if c})
                hint[v] = near
            near = hint[v]
            problems.append(meta.rec(
                i, column, raw[i],
                f"{expected}: one of {', '.join(choices)}" + (f" (did you mean {near[0]}?)" if near else ""),
                f"{expected_vi}: một trong {', '.join(choices)}" + (f" (có phải {near[0]}?)" if near else "")))
    if len(uniq) and any(a != b for a, b in zip(new, uniq)):
        df[column] = _text_column(np.array(new, dtype=object)[codes], df)


_ADMIN_PREFIXES = ("thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã", "tp")


def locality_key(name: str) -> str:
    """The key localities are matched by: case, diacritics, spacing and Unicode form ignored, and a
    leading administrative word (xã, huyện, phường, …) dropped.

    >>> import unicodedata
    >>> locality_key("Xã  MƯỜNG TÈ") == locality_key(unicodedata.normalize("NFD", "Mường Tè"))
    True
    """
    k = norm_key(name)
    for p in _ADMIN_PREFIXES:
        pk = norm_key(p)
        if k.startswith(pk + " "):
            return k[len(pk) + 1:]
    return k


def _spaced(v: str) -> str:
    """One space between words, none around (no-break spaces included)."""
    return " ".join(v.replace("\u00a0", " ").split())


def _normalise_text(df) -> None:
    for c in df.columns:
        if c != "quote":  # a quote stays verbatim, spaces included
            df[c] = _text_column(_per_distinct(df[c].to_numpy(dtype=object), _spaced), df)


_VI_PATTERNS = [
    (r"^a year between (\d+) and (\d+)$", r"một năm từ \1 đến \2"),
    (r"^one of (.*) \(kind\)$", r"một trong \1 (loại: target = mục tiêu, baseline = hiện trạng)"),
    (r"^one of (.*) \(comparator\)$", r"một trong \1 (hoặc ≥, ≤)"),
    (r"^one of (.*) \(unit\)$", r"một trong \1 (hoặc %, người, trường, mức, triệu đồng…)"),
    (r"^one of (.*) \(annual\)$", r"một trong \1 (hoặc có / không)"),
    (r"^one of (.*)$", r"một trong \1"),
    (r"^levels joined by '\+' from: (.*)$", r"các cấp học nối bằng '+' trong: \1 (hoặc tên tiếng Việt: mầm non, tiểu học, THCS…)"),
    (r"^the source document or a name for it$", "tên văn bản nguồn"),
    (r"^a non-empty name$", "một tên (không để trống)"),
    (r"^a count ≥ 0$", "một số đếm ≥ 0"),
    (r"^a value in (.*) for indicator '(.*)'$", r"một giá trị trong \1 cho chỉ tiêu '\2'"),
    (r"^a value in (.*) for unit '(.*)'$", r"một giá trị trong \1 cho đơn vị '\2'"),
]


def _vi(expected: str) -> str:
    for pat, rep in _VI_PATTERNS:
        if re.match(pat, expected):
            return re.sub(pat, rep, expected)
    return expected


def _pandera_problems(schema: pa.DataFrameSchema, df: pd.DataFrame, file: str, meta=None) -> list[dict]:
    meta = meta or _Meta(file=file)
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        recs = []
        for r in fc.itertuples(index=False):
            idx = r.index
            missing = idx is None or (isinstance(idx, float) and math.isnan(idx))
            value = df.loc[idx, r.column] if (not missing and r.column in df.columns) else r.failure_case
            rec = meta.rec(None if missing else int(idx), r.column, _plain(value), str(r.check), _vi(str(r.check)))
            recs.append(rec)
        return recs
    return []


def _plain(v):
    if isinstance(v, (np.floating, float)):
        return float(v) if not float(v).is_integer() else int(v)
    if isinstance(v, np.integer):
        return int(v)
    return v


def _isin(values, what):
    return pa.Check.isin(list(values), error=f"one of {', '.join(values)} ({what})")


def _level_ok(s: pd.Series) -> pd.Series:
    return s.map(lambda v: v == "" or all(p in LEVELS for p in v.split("+")))


_TARGET_SCHEMA = pa.DataFrameSchema(
    {
        "kind": pa.Column(str, _isin(KINDS, "kind")),
        "comparator": pa.Column(str, _isin(COMPARATORS, "comparator")),
        "unit": pa.Column(str, _isin(UNITS, "unit")),
        "year": pa.Column(float, pa.Check.in_range(YEAR_MIN, YEAR_MAX,
                                                   error=f"a year between {YEAR_MIN} and {YEAR_MAX}"), nullable=True),
        "level": pa.Column(str, pa.Check(_level_ok, element_wise=False,
                                         error="levels joined by '+' from: " + ", ".join(LEVELS))),
        "annual": pa.Column(str, _isin(("true", "false", ""), "annual")),
        "source": pa.Column(str, pa.Check.str_length(min_value=1, error="the source document or a name for it")),
        "decimals": pa.Column(str, pa.Check.str_matches(r"^\d?$", error="the decimal places printed (0-9) or empty"),
                              required=False),
    },
    strict=False,
    coerce=False,
)


_NON_NEGATIVE_UNITS = ("count", "level", "ratio", "million_vnd", "billion_vnd", "thousand_vnd", "vnd")


def _explain_empty_value(problems, df, meta) -> None:
    """An empty value cell beside counts that could not be read: the value may be left empty when both counts
    are numbers (it is computed from them), so the message says that, not "empty cells are not allowed"."""
    col = meta.col("value")
    empty = [rec for rec in problems if rec.get("column") == col and rec.get("value") == ""]
    if not empty:   # the usual case: nothing to look at (a clean file pays nothing here)
        return
    at = {meta.row(i): i for i in range(len(df))}
    num, den = df["numerator"].to_numpy(dtype=object), df["denominator"].to_numpy(dtype=object)
    for rec in empty:
        i = at.get(rec.get("row"))
        if i is not None and (str(num[i]).strip() != "" or str(den[i]).strip() != ""):
            rec["expected"] = "a value, or a number in both numerator and denominator to compute it from"
            rec["expected_vi"] = "một giá trị, hoặc số ở cả tử số và mẫu số để tính ra giá trị"


def _explain_computed(problems, rows, values, num, den, units, meta) -> None:
    """A value the loader computed from the counts (its cell empty) is shown as a planner reads it (122,0),
    and the message says it was computed, not typed; over 100% for a percentage: impossible, check the counts."""
    where = {meta.row(i): k for k, i in enumerate(rows)}
    col = meta.col("value")
    for rec in problems:
        k = where.get(rec.get("row"))
        if k is None or rec.get("column") != col:
            continue
        i, x = rows[k], values[k]
        pct = units[i] == "percent"
        shown = format_number(x, 1)
        calc = (f"{'100 × ' if pct else ''}{format_number(num[i], 0)} / {format_number(den[i], 0)} = "
                f"{shown}{'%' if pct else ''}")
        over = pct and x > 100
        rec["value"] = shown
        rec["expected"] = (f"{rec['expected']}; the cell is empty, so the value was computed from the numerator and "
                           f"denominator: {calc}" + ("; a rate above 100% is impossible: check the two counts"
                                                     if over else ""))
        rec["expected_vi"] = (f"{rec.get('expected_vi') or rec['expected']}; ô giá trị để trống nên giá trị được tính "
                              f"từ tử số và mẫu số: {calc}" + ("; tỷ lệ không thể vượt 100%: hãy kiểm tra hai số đếm"
                                                               if over else ""))


def _range_problems(df, value, unit_col, file, *, column="value", meta=None) -> list[dict]:
    """Values outside the unit's range or the catalogue's valid range for the indicator (compared
    for every row at once; a message is written for the bad rows only)."""
    meta = meta or _Meta(file=file)
    cat = indicator_catalogue().set_index("code")
    n = len(df)
    codes = df["indicator"].to_numpy(dtype=object) if "indicator" in df.columns else np.full(n, "", dtype=object)
    units = df[unit_col].to_numpy(dtype=object) if unit_col in df.columns else np.full(n, "", dtype=object)
    v = np.asarray(value, float)
    known = pd.Index(cat.index).get_indexer(codes)
    in_cat = known >= 0
    lo = np.where(in_cat, cat["min_value"].to_numpy(float)[known], -np.inf)
    hi = np.where(in_cat, cat["max_value"].to_numpy(float)[known], np.inf)
    unit = np.where(in_cat & (units == ""), cat["unit"].to_numpy(dtype=object)[known], units)
    pct = ~in_cat & (unit == "percent")
    lo = np.where(pct, 0.0, lo)
    hi = np.where(pct, 100.0, hi)
    lo = np.where(~in_cat & ~pct & np.isin(unit, _NON_NEGATIVE_UNITS), 0.0, lo)
    with np.errstate(invalid="ignore"):
        outside = ~np.isnan(v) & ~((lo <= v) & (v <= hi))
    recs = []
    for i in np.flatnonzero(outside):
        code, u = codes[i], unit[i]
        rng = f"[{lo[i]:g}, {'∞)' if np.isinf(hi[i]) else f'{hi[i]:g}]'}"
        what = f"indicator '{code}'" if in_cat[i] else f"unit '{u}'"
        c = meta.cell(column, i)
        hint = (" (the cell is formatted as percent: it stores "
                f"{c.number / 100:g}, shown {c.text}; type 96 for 96% in a Number cell)") if c is not None and c.percent else ""
        hint_vi = (" (ô được định dạng phần trăm: nó lưu "
                   f"{c.number / 100:g}, hiển thị {c.text}; hãy gõ 96 cho 96% trong ô kiểu Số)") if hint else ""
        recs.append(meta.rec(i, column, df[column].iat[i], f"a value in {rng} for {what}" + hint,
                             _vi(f"a value in {rng} for {what}") + hint_vi))
    return recs


_OBSERVATION_SCHEMA = pa.DataFrameSchema(
    {
        "locality": pa.Column(str, pa.Check.str_length(min_value=1, error="a non-empty name")),
        "indicator": pa.Column(str, pa.Check.str_length(min_value=1, error="a non-empty name")),
        "year": pa.Column(float, pa.Check.in_range(YEAR_MIN, YEAR_MAX, error=f"a year between {YEAR_MIN} and {YEAR_MAX}"),
                          nullable=True),
        "unit": pa.Column(str, pa.Check.isin(list(UNITS) + [""], error="one of " + ", ".join(UNITS))),
        "numerator": pa.Column(float, pa.Check.ge(0, error="a count ≥ 0"), nullable=True),
        "denominator": pa.Column(float, pa.Check.ge(0, error="a count ≥ 0"), nullable=True),
    },
    strict=False,
    coerce=False,
)


def _dedupe(problems: list[dict]) -> list[dict]:
    """One problem per cell: the first (most specific) one found."""
    seen, out = set(), []
    for p in problems:
        key = (p.get("sheet"), p.get("row"), p.get("column"))
        if p.get("row") is not None and key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def _unit_agreement(df, value_units, meta, problems, default_units) -> None:
    """A unit written in the value cell ("22,5%", or a percent-formatted cell) must agree."""
    n = len(df)
    given = df["unit"].to_numpy(dtype=object) if "unit" in df.columns else np.full(n, "", dtype=object)
    u = np.asarray(value_units, dtype=object)
    want = np.where(given != "", given, np.asarray(default_units, dtype=object))
    has = ~pd.isna(u) & (u != "")
    bad = has & (want != "") & (u != want)
    for i in np.flatnonzero(bad):
        problems.append(meta.rec(i, "value", df["value"].iat[i], f"a value in unit '{want[i]}' (the cell says {u[i]})",
                                 f"một giá trị theo đơn vị '{want[i]}' (ô ghi {u[i]})"))


def validate_targets(df: pd.DataFrame, file: str = "<targets>", *, meta=None) -> pd.DataFrame:
    """Validate and type a targets table read as text; raise one DataError for all problems.

    Accepts what the briefings print: ``≥``/``≤`` (also inside the value cell, ``≥ 22,5%``),
    Vietnamese levels (``mẫu giáo``, ``THCS``), kinds (``mục tiêu``, ``hiện trạng``), units
    (``%``, ``người``, ``triệu đồng``), school years (``2024-2025`` is 2025) and indicators by
    catalogue name. Missing ``kind`` means every row is a target, a missing ``source`` is the
    file's name and a missing ``unit`` is the value's (``96%``) or the indicator's; the reading
    summary (``attrs["summary_vi"]``/``["summary_en"]``) says so.
    """
    meta = meta or _Meta(file=file)
    df = df.copy()
    for c in df.columns:
        if c != "quote":  # a quote stays verbatim, spaces included
            df[c] = df[c].str.strip()
    # the target written as the briefings print it: "≥ 22,5%" in one cell
    if "value" in df.columns:
        comp_in_value = df["value"].str.extract(r"^\s*(≥|≤|>=|<=|>|<|=)\s*(.*)$")
        has = comp_in_value[0].notna()
        if has.any():
            if "comparator" not in df.columns:
                df["comparator"] = ""
                meta.headers.setdefault("comparator", meta.col("value"))
                meta.letters.setdefault("comparator", meta.letters.get("value", ""))
            rows = np.flatnonzero(has.to_numpy(bool))
            comp = df["comparator"].to_numpy(dtype=object).copy()
            val = df["value"].to_numpy(dtype=object).copy()
            found_c = comp_in_value[0].to_numpy(dtype=object)
            found_v = comp_in_value[1].to_numpy(dtype=object)
            blank = rows[comp[rows] == ""]
            comp[blank] = found_c[blank]
            val[rows] = found_v[rows]
            df["comparator"] = _text_column(comp, df)
            df["value"] = _text_column(val, df)
            if meta.cells.get("value") is not None:
                for i in rows:
                    meta.cells["value"][i] = Cell(text=found_v[i])
    defaults_vi, defaults_en = [], []
    if "kind" not in df.columns:
        df["kind"] = "target"
        defaults_vi.append("không có cột 'loại': mọi dòng là mục tiêu")
        defaults_en.append("no 'kind' column: every row is a target")
    if "source" not in df.columns:
        df["source"] = Path(file).name
        defaults_vi.append(f"không có cột 'văn bản': ghi '{Path(file).name}'")
        defaults_en.append(f"no 'source' column: '{Path(file).name}' is used")
    else:
        # a planner's own target need not come from a document: an empty cell names the file, and says so
        empty = df["source"].fillna("").astype(str).str.strip() == ""
        if empty.any():
            df.loc[empty, "source"] = Path(file).name
            defaults_vi.append(f"{format_number(int(empty.sum()))} dòng để trống 'văn bản': ghi '{Path(file).name}'")
            defaults_en.append(f"{int(empty.sum())} rows with no 'source': '{Path(file).name}' is used")
    if "comparator" not in df.columns and "kind" in df.columns:
        df["comparator"] = ""
    required = [c for c in TARGET_REQUIRED if c not in ("unit", "source", "kind")]
    problems = _missing_columns(df, required, file, meta)
    if problems:
        raise_data_error("targets file is missing columns", problems, msg_vi="tệp mục tiêu thiếu cột")
    for c in TARGET_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    _resolve_words(df, "comparator", {norm_key(k) or k: v for k, v in _COMPARATOR_WORDS.items()} | {c: c for c in COMPARATORS},
                   meta, [], expected="", expected_vi="")
    _resolve_words(df, "kind", _KIND_LOOKUP, meta, [], expected="", expected_vi="")
    _resolve_words(df, "unit", _UNIT_LOOKUP, meta, [], expected="", expected_vi="")
    df["annual"] = _text_column(_per_distinct(df["annual"].to_numpy(dtype=object),   # Excel writes TRUE / FALSE
                                              lambda v: _ANNUAL_LOOKUP.get(norm_key(v), v.lower())), df)
    eq = (df["comparator"] == "") & (df["kind"] == "baseline")   # "a reported baseline is =" (data/README.md)
    if eq.any():
        df.loc[eq, "comparator"] = "="
        defaults_vi.append(f"số hiện trạng không ghi phép so sánh được hiểu là '=' ({format_number(int(eq.sum()))} dòng)")
        defaults_en.append(f"a baseline with no comparator is '=' (data/README.md) ({int(eq.sum())} rows)")
    _resolve_words(df, "level", _LEVEL_LOOKUP, meta, problems, expected="a school level", expected_vi="một cấp học",
                   split=True)
    _resolve_indicators(df, meta, problems)
    year = _parse_years(df, "year", file, problems, meta=meta)
    base_year = (_parse_years(df, "base_year", file, problems, required=False, meta=meta)
                 if (df["base_year"] != "").any() or "base_year" in meta.headers else None) \
        if "base_year" in df.columns else None
    value, value_units, _ = _parse_numbers(df, "value", file, problems, meta=meta, detail=True)
    num = _parse_numbers(df, "numerator", file, problems, required=False, meta=meta)
    den = _parse_numbers(df, "denominator", file, problems, required=False, meta=meta)
    # a unit left empty: the value's own ("96%") or the indicator's
    cat = indicator_catalogue().set_index("code")
    units = df["unit"].to_numpy(dtype=object)
    where = pd.Index(cat.index).get_indexer(df["indicator"].to_numpy(dtype=object))
    cat_unit = np.where(where >= 0, cat["unit"].to_numpy(dtype=object)[where], "")
    own = np.where(pd.isna(value_units), "", value_units).astype(object)
    guess = np.where(own != "", own, cat_unit)
    empty = units == ""
    fill = empty & (guess != "")
    filled = int(fill.sum())
    if filled:
        units = units.copy()
        units[fill] = guess[fill]
        df["unit"] = _text_column(units, df)
    for i in np.flatnonzero(empty & (guess == "")):
        problems.append(meta.rec(i, "unit" if "unit" in meta.headers else "value", df["value"].iat[i],
                                 "a unit (percent, count, level, …) in a 'unit' column or in the value (22,5%)",
                                 "một đơn vị tính (%, người, trường, mức…) ở cột 'đơn vị tính' hoặc trong giá trị (22,5%)"))
    if filled and "unit" not in meta.headers:
        defaults_vi.append(f"đơn vị tính lấy từ giá trị hoặc danh mục chỉ tiêu ({format_number(filled)} dòng)")
        defaults_en.append(f"units taken from the value or the indicator catalogue ({filled} rows)")
    _unit_agreement(df, value_units, meta, problems, np.full(len(df), "", dtype=object))
    typed = df.copy()
    typed["year"] = year
    problems += _pandera_problems(_TARGET_SCHEMA, typed, file, meta)
    problems += _range_problems(df, value, "unit", file, meta=meta)
    if "id" in df.columns and (df["id"] != "").any():
        dup = df["id"][(df["id"] != "") & df["id"].duplicated(keep=False)]
        problems += [meta.rec(i, "id", v, "a unique id", "một mã dòng không trùng") for i, v in dup.items()]
    raise_data_error(f"targets file {file} is invalid", _dedupe(problems), msg_vi=f"tệp mục tiêu {file} có lỗi")
    if "id" in df.columns and (df["id"] == "").all() and meta.sheet is not None:  # a workbook without ids
        df["id"] = [f"T{k + 1:02d}" for k in range(len(df))]
    out = df[TARGET_COLUMNS + [c for c in df.columns if c not in TARGET_COLUMNS]].copy()
    out["year"] = year.astype("int64")
    out["value"] = value
    out["numerator"] = num
    out["denominator"] = den
    out["annual"] = out["annual"].eq("true")
    if base_year is not None:
        out["base_year"] = base_year
    if "target_reference" in out.columns:
        out = out.drop(columns="target_reference")
    out = _as_str(out)
    meta.notes_vi += [d[0].upper() + d[1:] + "." for d in defaults_vi]
    meta.notes_en += [d[0].upper() + d[1:] + "." for d in defaults_en]
    _attach_summary(out, meta)
    return out


def _attach_summary(out, meta) -> None:
    vi, en = meta.summary()
    out.attrs["summary_vi"], out.attrs["summary_en"] = vi, en
    out.attrs["source_rows"] = {"file": meta.file, "sheet": meta.sheet}


def load_targets(path=None, *, sheet=None) -> pd.DataFrame:
    """Load a targets table (default: the curated ``data/targets.csv``; CSV, Excel or Parquet).

    The file has the columns of ``data/targets.csv``: at least ``year``, ``comparator`` and
    ``value`` (``source``, ``kind`` and ``unit`` are filled in when absent, and said so), with
    English or Vietnamese headers (``năm``, ``so sánh``, ``giá trị``, ``đơn vị tính``…),
    possibly under title rows, in a CSV or in one sheet of a workbook (found by its header, or
    named by ``sheet``). Values may be written the Vietnamese way (``22,5`` or ``22,5%``).
    Returns a typed DataFrame in the file's order; ``attrs["summary_vi"]`` and
    ``attrs["summary_en"]`` say what was recognised.

    Examples
    --------
    >>> t = load_targets()
    >>> t.loc[t["id"] == "000-01", ["comparator", "value", "year"]].to_dict("records")
    [{'comparator': '>=', 'value': 22.5, 'year': 2025}]
    """
    path = Path(path) if path is not None else data_path("targets.csv")
    df, meta = _read(path, "targets", sheet)
    out = validate_targets(df, str(path), meta=meta)
    if "label_vi" in out.columns and "indicator" in out.columns:
        # a planner's target with no wording of its own is shown under the catalogue's name
        names = indicator_catalogue().set_index("code")
        blank = out["label_vi"].fillna("").astype(str).str.strip() == ""
        known = out["indicator"].isin(names.index)
        out.loc[blank & known, "label_vi"] = out.loc[blank & known, "indicator"].map(names["name_vi"])
        if "label_en" in out.columns:
            blank_en = out["label_en"].fillna("").astype(str).str.strip() == ""
            out.loc[blank_en & known, "label_en"] = out.loc[blank_en & known, "indicator"].map(names["name_en"])
    return out


def load_sources(path=None) -> pd.DataFrame:
    """The five source documents' metadata (``data/sources.csv``), with a ``path`` column.

    >>> int(load_sources()["type"].value_counts()["kế hoạch"])
    2
    """
    path = Path(path) if path is not None else data_path("sources.csv")
    df = read_table(path)
    required = ["file", "document_number", "type", "issuer", "date", "title_vi"]
    problems = _missing_columns(df, required, str(path))
    schema = pa.DataFrameSchema({
        "file": pa.Column(str, [pa.Check.str_length(min_value=1, error="a file name"),
                                pa.Check(lambda s: ~s.duplicated(), error="a unique file name")]),
        "type": pa.Column(str, _isin(("nghị quyết", "kế hoạch", "báo cáo", "quyết định", "chỉ thị", "kết luận"),
                                     "document type")),
        "date": pa.Column(str, pa.Check.str_matches(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                                    error="a date as YYYY, YYYY-MM or YYYY-MM-DD, or empty")),
    }, strict=False)
    if not problems:
        problems += _pandera_problems(schema, df, str(path))
        for i, f in df["file"].items():
            if f and not (path.parent / "sources" / f).exists():
                problems.append(dict(file=str(path), row=_row(i), column="file", value=f,
                                     expected=f"a text in {path.parent / 'sources'}"))
    raise_data_error(f"sources file {path} is invalid", problems)
    df["path"] = [str(path.parent / "sources" / f) for f in df["file"]]
    return df
def load_commitments(path=None) -> pd.DataFrame:
    """Qualitative commitments (no number) with their quotes (``data/commitments.csv``).

    >>> c = load_commitments()
    >>> int((c["source"] == "003_13022e394e31c5a6.txt").sum()) >= 10
    True
    """
    path = Path(path) if path is not None else data_path("commitments.csv")
    df = read_table(path)
    required = ["id", "source", "commitment_vi", "quote"]
    problems = _missing_columns(df, required, str(path))
    if not problems:
        for col in required:
            problems += [dict(file=str(path), row=_row(i), column=col, value=v, expected="a non-empty value")
                         for i, v in df[col].items() if not v.strip()]
    raise_data_error(f"commitments file {path} is invalid", problems)
    return df


def _drop_rows(df, meta, mask) -> pd.DataFrame:
    keep = np.flatnonzero(~np.asarray(mask, bool))
    meta.rows = np.asarray(meta.rows)[keep].tolist() if len(meta.rows) else meta.rows
    meta.cells = {c: [v[i] for i in keep] for c, v in meta.cells.items()}
    meta.numbers = {c: v[keep] for c, v in meta.numbers.items()}
    return df.iloc[keep].reset_index(drop=True)


def load_observations(path, *, sheet=None) -> pd.DataFrame:
    """Load a planner's own observations (CSV, Excel or Parquet) as a tidy long table.

    Columns: ``locality``, ``indicator``, ``year``, ``value`` (required) and, where known,
    ``numerator``, ``denominator``, ``level``, ``unit``, ``source``, ``note``, ``synthetic``;
    English or Vietnamese headers (``địa phương``, ``chỉ tiêu``, ``năm học``, ``giá trị``,
    ``tử số``, ``mẫu số``, ``cấp học``, ``ghi chú``…), found below title rows, in the sheet of a
    workbook that holds them (or the one named by ``sheet``). Excel cells are read by value (a
    percent-formatted 0,96 is 96); indicators and levels may be codes or Vietnamese names
    (``Tỷ lệ huy động ra lớp``, ``mẫu giáo``); a school year ``2021-2022`` is 2022.

    Checks, all reported together: numbers in Vietnamese or plain form; years within
    1975–2100; indicators and levels that exist (the nearest are proposed); values inside the
    indicator's valid range (a completion rate of 140% is an error; a GER of 105% is not);
    counts not negative; a numerator not above its denominator for a bounded rate; a value
    that agrees with numerator/denominator to its written precision; no duplicated (locality,
    indicator, level, year). In a workbook made by ``edustats template`` the rows left empty
    are skipped (and counted in the summary). A Parquet file is read like a CSV whose header is the
    column names (row 1) and whose numbers are stored as numbers; the same checks, the same messages.

    National files are read column by column: a large CSV by Arrow's reader when its quoting is plain
    (else by the csv module, with the same table), and each distinct text of a column parsed once
    (:func:`~edustats.vnformat.parse_vn_numbers`), the checks made on whole columns, a message written
    for each bad cell only (1 000 000 rows: about 5 s of CPU, ``benchmarks/bench_loaders.py 1000000``).

    Returns a DataFrame sorted by locality, indicator, level, year, with float ``value``,
    ``numerator``, ``denominator`` (NaN only where the file left them empty, which is allowed)
    and int ``year``; ``attrs["summary_vi"]``/``["summary_en"]`` say what was recognised.
    """
    path = Path(path)
    file = str(path)
    df, meta = _read(path, "observations", sheet, normalise=True)
    problems = _missing_columns(df, OBSERVATION_REQUIRED, file, meta)
    if problems:
        found = ", ".join(f"'{c}'" for c in df.columns)
        raise_data_error(f"observations file {file} is missing columns (columns found: {found})", problems,
                         msg_vi=f"tệp số liệu {file} thiếu cột (các cột đọc được: {found})")
    for c in OBSERVATION_OPTIONAL:
        if c not in df.columns:
            df[c] = ""
    if not meta.normalised:
        _normalise_text(df)
    if "target_reference" in df.columns:   # a template's pre-laid rows the planner did not fill
        unfilled = ((df["value"] == "") & (df["numerator"] == "") & (df["denominator"] == "")).to_numpy(bool)
        meta.unfilled_rows = int(unfilled.sum())
        df = _drop_rows(df, meta, unfilled).drop(columns="target_reference")
        if df.empty:
            raise_data_error("no data rows", [dict(file=file, sheet=meta.sheet, row=None, column=None, value="",
                                                   expected="at least one row with a value filled in",
                                                   expected_vi="ít nhất một dòng đã điền giá trị")],
                             msg_vi="chưa có dòng nào được điền số liệu")
    _resolve_words(df, "level", _LEVEL_LOOKUP, meta, problems, expected="a school level", expected_vi="một cấp học",
                   split=True)
    _resolve_indicators(df, meta, problems)
    _resolve_words(df, "unit", _UNIT_LOOKUP, meta, [], expected="", expected_vi="")
    year = _parse_years(df, "year", file, problems, meta=meta)
    num = _parse_numbers(df, "numerator", file, problems, required=False, meta=meta)
    den = _parse_numbers(df, "denominator", file, problems, required=False, meta=meta)
    cat = indicator_catalogue().set_index("code")
    codes = df["indicator"].to_numpy(dtype=object)
    where = pd.Index(cat.index).get_indexer(codes)
    in_cat = where >= 0
    cat_unit = np.where(in_cat, cat["unit"].to_numpy(dtype=object)[where], "")
    units_given = df["unit"].to_numpy(dtype=object)
    unit_of = np.where(units_given != "", units_given, cat_unit)        # the row's unit, or the indicator's
    n_arr, d_arr = num.to_numpy(), den.to_numpy()
    # a rate may be given by its counts alone (the template says so): the value is computed from them,
    # written into the cell as Vietnamese text so that it goes through the same checks, and noted
    val_txt = df["value"].to_numpy(dtype=object)
    with np.errstate(invalid="ignore"):
        from_counts = (_per_distinct(val_txt, lambda v: str(v).strip() == "", bool) & np.isfinite(n_arr)
                       & np.isfinite(d_arr) & (d_arr > 0) & np.isin(unit_of, ("percent", "ratio")))
    rows = np.flatnonzero(from_counts)
    if len(rows):
        v = np.where(unit_of[rows] == "percent", 100.0, 1.0) * n_arr[rows] / d_arr[rows]
        val_txt = val_txt.copy()
        val_txt[rows] = [f"{x:.10f}".replace(".", ",") for x in v]
        df["value"] = _text_column(val_txt, df)
        note = df["note"].to_numpy(dtype=object).copy()
        told = "giá trị tính từ tử số / mẫu số (value computed from numerator / denominator)"
        note[rows] = [((x + "; ") if x else "") + told for x in note[rows]]
        df["note"] = _text_column(note, df)
    value, value_units, value_dec = _parse_numbers(df, "value", file, problems, meta=meta, detail=True)
    default_units = cat_unit
    _unit_agreement(df, value_units, meta, problems, default_units)
    # structural checks as a pandera schema (all failures collected at once, lazy=True); the text columns it
    # checks become the ``str`` dtype now (they are returned so), which pandera checks by dtype, not cell by cell
    for c in ("locality", "indicator", "unit"):
        df[c] = df[c].astype(str)
    typed = df.assign(year=year, numerator=num, denominator=den)
    problems += _pandera_problems(_OBSERVATION_SCHEMA, typed, file, meta)
    problems += _range_problems(df, value, "unit", file, meta=meta)
    # counts against the value, every row at once; a message for each bad row, the first check that fails
    v_arr = value.to_numpy()
    n_nan, d_nan, v_nan = np.isnan(n_arr), np.isnan(d_arr), np.isnan(v_arr)
    with np.errstate(invalid="ignore", divide="ignore"):
        lone = n_nan != d_nan
        go = ~lone & ~(n_nan | v_nan | (n_arr < 0) | (d_arr < 0))
        zero = go & (d_arr == 0)
        go &= ~zero & in_cat
        bounded = np.isfinite(np.where(in_cat, cat["max_value"].to_numpy(float)[where], np.nan))
        over = go & (unit_of == "percent") & bounded & (n_arr > d_arr)
        go &= ~over & (unit_of == "percent")
        ratio = 100 * n_arr / d_arr
        tol = 0.5 * 10.0 ** (-value_dec.astype(float)) + 1e-9
        off = go & (np.abs(ratio - v_arr) > tol)
    den_txt, num_txt = df["denominator"], df["numerator"]
    checks = []
    for i in np.flatnonzero(lone):
        checks.append((i, meta.rec(i, "denominator" if d_nan[i] else "numerator", "",
                                   "numerator and denominator given together", "tử số và mẫu số đi cùng nhau")))
    for i in np.flatnonzero(zero):
        checks.append((i, meta.rec(i, "denominator", den_txt.iat[i], "a denominator > 0 (a rate over nobody is undefined)",
                                   "mẫu số > 0 (tỷ lệ trên 0 người không xác định)")))
    for i in np.flatnonzero(over):
        checks.append((i, meta.rec(i, "numerator", num_txt.iat[i],
                                   f"at most the denominator ({den_txt.iat[i]}) for a rate bounded by 100",
                                   f"không lớn hơn mẫu số ({den_txt.iat[i]}) với tỷ lệ tối đa 100")))
    for i in np.flatnonzero(off):
        checks.append((i, meta.rec(i, "value", df["value"].iat[i],
                                   f"100 × numerator / denominator = {ratio[i]:.4g} to the precision written",
                                   f"100 × tử số / mẫu số = {format_number(ratio[i], 2, trim=True)} "
                                   "theo số chữ số thập phân đã ghi")))
    problems += [r for _, r in sorted(checks, key=lambda t: t[0])]
    key = ["locality", "indicator", "level", "year"]
    keyed = df[key[:-1]].assign(year=year)
    dup = keyed.duplicated(keep=False) & year.notna()
    year_txt, loc_txt = df["year"], df["locality"]
    problems += _duplicate_year_problems(np.flatnonzero(dup.to_numpy()), keyed, year_txt, loc_txt, codes, meta)
    if len(rows):
        _explain_computed(problems, rows, v, n_arr, d_arr, unit_of, meta)
    _explain_empty_value(problems, df, meta)
    raise_data_error(f"observations file {file} is invalid", _dedupe(problems),
                     msg_vi=f"tệp số liệu {file} có lỗi")
    out = df.copy()
    out["year"] = year.astype("int64")
    out["value"] = value
    out["numerator"] = num
    out["denominator"] = den
    out["unit"] = pd.Series(unit_of, index=out.index, dtype=str)
    out["synthetic"] = _per_distinct(out["synthetic"].to_numpy(dtype=object),
                                     lambda v: v.lower() in ("true", "1", "yes"), bool)
    if "label_vi" in out.columns:
        out = out.drop(columns="label_vi")
    out = _as_str(out.sort_values(key, kind="stable").reset_index(drop=True))
    _attach_summary(out, meta)
    return out
