"""Reading a planner's spreadsheets by value, and writing tables Excel opens safely.

Reading. An Excel cell is taken for what it *stores*, not for how it is displayed: a number cell
holding 19.125 is 19.125 whatever the locale shows ("19,125" in Vietnamese Excel); a cell with a
percent number format storing 0.96 is 96 (percent); a date cell is a date; a formula is read as
its cached result (a workbook whose formulas were never calculated is refused, since the values
are unknown). Only text cells go through the Vietnamese number parser of :mod:`edustats.vnformat`.
CSV text is read as UTF-8 (with or without BOM) or UTF-16 (Excel's "Unicode text"), separated by
commas, semicolons (Vietnamese Excel's default) or tabs. All text is normalised to Unicode NFC,
so a name typed on a Mac (NFD) equals the same name typed on Windows.

Writing. :func:`write_table` writes CSV (UTF-8 with BOM, so Excel shows the diacritics) or
``.xlsx`` (frozen header, Vietnamese header row above the English one, numbers stored as numbers
with display formats, verdict cells coloured); text that Excel would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return) is neutralised with a leading apostrophe
(OWASP, "CSV Injection") in a CSV, and stored as text with Excel's quote prefix in an ``.xlsx``
(shown as typed, never calculated); the loaders undo the apostrophe on reading; files are written to a temporary file and renamed, so a crash never
leaves half a file; an output path equal to one of the run's inputs is refused.

References
----------
.. [1] OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection
.. [2] ECMA-376 Office Open XML, Part 1, §18.8.31 ``numFmts`` (built-in formats 9 and 10 are
   ``0%`` and ``0.00%``).
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import raise_data_error, raise_usage_error
from .vnformat import decimals_of

__all__ = ["Cell", "Sheet", "read_sheets", "check_not_mojibake", "norm_key", "suggest", "neutralise",
           "unneutralise", "put_text", "atomic_write", "write_table", "check_not_an_input", "EXCEL_SUFFIXES"]

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Cell:
    """One cell as stored: ``text`` (what a reader would see, NFC), ``number`` when the cell
    stores a number (already × 100 for a percent format), ``percent``, ``date`` and ``fmt``."""

    text: str = ""
    number: float | None = None
    percent: bool = False
    date: dt.datetime | None = None
    fmt: str = ""
    error: bool = False

    @property
    def blank(self) -> bool:
        return self.number is None and self.date is None and not self.text.strip()


@dataclass
class Sheet:
    """A table's raw cells: ``rows[i][j]`` is a :class:`Cell`; ``row_numbers[i]`` its row as the
    spreadsheet counts it (1-based); ``name`` is ``None`` for CSV."""

    name: str | None
    rows: list
    row_numbers: list
    raw: bool = False  # rows of plain ``str`` fields as the CSV reader gave them (``read_sheets(raw_text=True)``)
    columns: list | None = None  # raw only, when read by Arrow: one object array of ``str`` per column (rows is None)


def norm_key(text: str) -> str:
    """A matching key: NFC, case folded, diacritics and đ dropped, punctuation to spaces.

    >>> norm_key("Tỷ lệ  HUY ĐỘNG ra lớp") == norm_key("ty le huy dong ra lop")
    True
    >>> norm_key(unicodedata.normalize("NFD", "Mường Tè")) == norm_key("Mường Tè")
    True
    """
    s = unicodedata.normalize("NFD", str(text).casefold().replace("đ", "d").replace("Đ", "d"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^0-9a-z+%<>=≥≤]+", " ", s)
    return " ".join(s.split())


def suggest(value: str, choices: dict, n: int = 3) -> list:
    """The ``n`` choices nearest to ``value`` (``choices``: key text → what to return), best first.

    >>> suggest("mobilization_rate", {"mobilisation_rate": "mobilisation_rate", "ner": "ner"})
    ['mobilisation_rate']
    """
    keys = {norm_key(k): v for k, v in choices.items()}
    target = norm_key(value)
    scored = sorted(((difflib.SequenceMatcher(None, target, k).ratio(), k) for k in keys),
                    key=lambda t: (-t[0], t[1]))
    out = []
    best = scored[0][0] if scored else 0
    for score, k in scored:
        if score < max(0.55, best - 0.08):
            break
        if keys[k] not in out:
            out.append(keys[k])
        if len(out) == n:
            break
    return out


# --------------------------------------------------------------------------------------------
# reading

# Sequences that UTF-8 Vietnamese shows when it was decoded as Windows-1252/Latin-1 and saved again.
_MOJIBAKE_MARKERS = ("Ã", "á»", "Ä‘", "Æ°", "Ä", "áº")


def check_not_mojibake(text: str, file: str = "<text>") -> None:
    """Raise :class:`DataError` when UTF-8 Vietnamese was mangled through a legacy code page.

    >>> check_not_mojibake("Tỷ lệ huy động")
    >>> check_not_mojibake("Tá»· lá»‡ huy Ä‘á»™ng")
    Traceback (most recent call last):
    ...
    edustats.errors.DataError: văn bản không phải tiếng Việt đọc được: 1 lỗi
      <text>: gặp 'Tá»· lá»‡ huy Ä‘á»™ng'; cần tiếng Việt UTF-8; ...
    text is not readable Vietnamese: 1 problem
      <text>: found 'Tá»· lá»‡ huy Ä‘á»™ng'; expected UTF-8 Vietnamese; this looks like UTF-8 decoded as Windows-1252 (mojibake): re-save the file as UTF-8
    """
    hits = [m for m in _MOJIBAKE_MARKERS if m in text]
    if len(hits) >= 2 or text.count("á»") >= 2:
        pos = min(text.find(m) for m in hits if m in text)
        raise_data_error("text is not readable Vietnamese", [dict(
            file=file, row=None, column=None, value=text[max(0, pos - 5):pos + 30],
            expected="UTF-8 Vietnamese; this looks like UTF-8 decoded as Windows-1252 (mojibake): "
                     "re-save the file as UTF-8",
            expected_vi="tiếng Việt UTF-8; tệp có vẻ đã bị đọc nhầm bảng mã Windows-1252 rồi lưu lại (lỗi phông): "
                        "hãy lưu lại tệp gốc dưới dạng UTF-8")], msg_vi="văn bản không phải tiếng Việt đọc được")




def _fail(what_vi, what_en, file, expected_vi, expected, value=None, sheet=None):
    raise_data_error(what_en, [dict(file=file, sheet=sheet, row=None, column=None, value=value,
                                    expected=expected, expected_vi=expected_vi)], msg_vi=what_vi)


def _number_text(x: float, percent: bool) -> str:
    """A stored number as a Vietnamese reader sees it, without thousands dots (so a code typed as
    a number, 12345, stays 12345): ``19,125``, ``96,5%``."""
    s = f"{x:.{min(decimals_of(x), 10)}f}".replace(".", ",")
    return s + "%" if percent else s


def _excel_cell(c) -> Cell:
    v = c.value
    fmt = getattr(c, "number_format", "") or ""
    if v is None:
        return Cell()
    if isinstance(v, bool):
        return Cell(text="true" if v else "false")
    if isinstance(v, (int, float)):
        pct = "%" in fmt.replace('"%"', "").replace("\\%", "")
        x = float(Decimal(repr(v)) * 100) if pct else float(v)
        return Cell(text=_number_text(x, pct), number=x, percent=pct, fmt=fmt)
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        if isinstance(v, dt.time):
            return Cell(text=v.isoformat(), fmt=fmt, error=True)
        if not isinstance(v, dt.datetime):
            v = dt.datetime(v.year, v.month, v.day)
        return Cell(text=f"{v.day:02d}/{v.month:02d}/{v.year}", date=v, fmt=fmt)
    text = unicodedata.normalize("NFC", str(v))
    if getattr(c, "data_type", None) == "e":
        return Cell(text=text, error=True)
    return Cell(text=text)


def _read_excel(path: Path, file: str) -> list:
    import zipfile

    from openpyxl import load_workbook

    import warnings

    try:
        # read-only mode streams the sheet XML: about three times faster on large workbooks
        with warnings.catch_warnings():   # "Data Validation extension is not supported", "no default style":
            warnings.simplefilter("ignore", UserWarning)   # about features, not values
            wb_v = load_workbook(path, data_only=True, read_only=True)
        with zipfile.ZipFile(path) as z:   # a second pass for formulas only where a sheet has one
            has_formula = any(re.search(rb"<f[ >/]", z.read(n)) for n in z.namelist()
                              if n.startswith("xl/worksheets/") and n.endswith(".xml"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            wb_f = load_workbook(path, data_only=False, read_only=True) if has_formula else None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        _fail("không đọc được tệp Excel", "cannot read Excel file", file,
              f"một sổ tính .xlsx đọc được ({type(exc).__name__}: {exc})",
              f"a readable .xlsx workbook ({type(exc).__name__}: {exc})", value=path.suffix)
    sheets = []
    try:
        for ws in wb_v.worksheets:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                sheets.append(_read_ws(ws, wb_f[ws.title] if wb_f is not None else None, file))
    finally:
        wb_v.close()
        if wb_f is not None:
            wb_f.close()
    return sheets


def _read_ws(ws, wf, file) -> Sheet:
    from openpyxl.utils import get_column_letter

    rows, numbers = [], []
    uncached = []
    import itertools

    f_rows = wf.iter_rows() if wf is not None else itertools.repeat(())
    for r_v, r_f in zip(ws.iter_rows(), f_rows):
        cells = []
        rn = next((c.row for c in r_v if getattr(c, "row", None)), None) or (numbers[-1] + 1 if numbers else 1)
        for j, (cv, cf) in enumerate(itertools.zip_longest(r_v, r_f)):
            if cv is None:
                break
            if cv.value is None and getattr(cf, "data_type", None) == "f":
                uncached.append(f"{get_column_letter(j + 1)}{rn}")
            cells.append(_excel_cell(cv))
        rows.append(cells)
        numbers.append(rn)
    if uncached:
        raise_data_error("workbook has formulas without calculated values", [dict(
                file=file, sheet=ws.title, cell=c, row=None, column=None, value="=…",
                expected="a value; the formulas were never calculated (the file was written by a program): "
                         "open it in Excel or LibreOffice, save, and run again",
                expected_vi="một giá trị; công thức chưa được tính (tệp do phần mềm khác ghi ra): mở tệp "
                            "bằng Excel hoặc LibreOffice, lưu lại rồi chạy lại") for c in uncached[:20]],
                msg_vi="sổ tính có công thức chưa được tính")
    return Sheet(ws.title, rows, numbers)


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if len(raw) >= 4 and raw[1:2] == b"\x00" and raw[3:4] == b"\x00" and raw[0:1] != b"\x00":
        try:
            return raw.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise_data_error("file is not UTF-8", [dict(
            file=file, row=line, column=None, value=raw[exc.start:exc.start + 8].hex(" "),
            expected="UTF-8 text (re-save as 'CSV UTF-8'; Windows-1258 and TCVN3 are not read)",
            expected_vi="văn bản UTF-8 (lưu lại bằng 'CSV UTF-8' hoặc 'Unicode Text'; bảng mã Windows-1258 "
                        "và TCVN3 không đọc được)")], msg_vi="tệp không phải UTF-8")


def _sniff_delimiter(text: str) -> str:
    lines = []
    head = text[:1 << 20]
    if len(head) < len(text):   # whole lines only
        head = head[:max(head.rfind("\n"), head.rfind("\r")) + 1]
    for ln in head.splitlines():   # the first 30 non-blank lines are in the first MB, or see below
        if ln.strip():
            lines.append(ln)
            if len(lines) == 30:
                break
    if len(lines) < 30 and len(text) > 1 << 20:   # very long lines: the whole text, as written
        lines = [ln for ln in text.splitlines() if ln.strip()][:30]
    best, best_score = ",", -1
    for d in (",", ";", "\t"):
        counts = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=d)]
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        modal = max(set(wide), key=lambda c: (wide.count(c), c))
        score = wide.count(modal) * 1000 + modal
        if score > best_score:
            best, best_score = d, score
    return best


def _read_text(path: Path, file: str, raw_text: bool = False) -> list:
    raw = path.read_bytes()
    if not raw.strip():
        _fail("tệp rỗng", "empty file", file, "một dòng tiêu đề và ít nhất một dòng số liệu",
              "a header row and at least one data row", value="")
    text = unicodedata.normalize("NFC", _decode(raw, file))
    check_not_mojibake(text, file)
    if text.lstrip()[:9].lower().startswith(("<!doctype", "<html")):   # the first 9 characters decide
        _fail("tệp là HTML, không phải bảng", "file is HTML, not a table", file,
              "văn bản CSV (lưu bảng bằng 'CSV UTF-8')", "CSV text", value=text[:30])
    delim = _sniff_delimiter(text)
    if raw_text:
        columns = _arrow_columns(text, delim)
        if columns is not None:
            return [Sheet(None, None, list(range(1, len(columns[0]) + 1)), raw=True, columns=columns)]
    rows, numbers = [], []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
        add_row, add_number = rows.append, numbers.append
        if raw_text:   # fields kept as the reader gives them: the caller works column by column
            rows = list(reader)
            if reader.line_num == len(rows):   # one line per row (no quoted line break): row i is line i + 1
                numbers = list(range(1, len(rows) + 1))
            else:
                rows, numbers = [], []
                add_row, add_number = rows.append, numbers.append
                reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
                for fields in reader:
                    add_row(fields)
                    add_number(reader.line_num)
        else:
            for fields in reader:
                add_row([Cell(text=unneutralise(f)) for f in fields])
                add_number(reader.line_num)
    except csv.Error as exc:
        _fail("CSV bị lỗi định dạng", "malformed CSV", file, f"các dòng phân cách bằng '{delim}' ({exc})",
              f"rows separated by '{delim}' ({exc})")
    return [Sheet(None, rows, numbers, raw=raw_text)]


_QUOTED = '"(?:[^"\r\n]|"")*"'   # a quoted field on one line, quotes doubled inside


def _arrow_columns(text: str, delim: str):
    """The columns of a CSV text read by Arrow's multi-threaded reader, or ``None`` when that reader
    might not give exactly what :mod:`csv` (``strict=True``) gives, which then reads it: every line
    must hold the same number of fields (no blank line, no title row of another width), every quote
    must open and close a whole field on one line, lines end in ``\n`` or ``\r\n``, no NUL."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    if "\x00" in text or text.count("\r") != text.count("\r\n") or len(text) < 1 << 16:
        return None            # (a small file is read quickly either way)
    if '"' in text:
        d = re.escape(delim)
        left = pc.replace_substring_regex(pa.array([text]), _QUOTED, "\x00")
        if pc.match_substring(left, '"')[0].as_py() or pc.match_substring_regex(
                left, f"[^{d}\r\n]\x00|\x00[^{d}\r\n]")[0].as_py():
            return None
    first = next(csv.reader(io.StringIO(text[:text.find("\n") + 1 or len(text)], newline=""), delimiter=delim), [])
    if not first:
        return None
    names = [f"f{j}" for j in range(len(first))]
    try:
        table = pcsv.read_csv(
            pa.py_buffer(text.encode("utf-8")),
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(delimiter=delim, quote_char='"', double_quote=True, escape_char=False,
                                            newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in names}, null_values=[],
                                                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowException):
        return None            # rows of other widths: the csv module reads (and reports) them
    return [c.to_numpy(zero_copy_only=False).astype(object, copy=False) for c in table.columns]


def read_sheets(path, *, raw_text: bool = False) -> list:
    """Every sheet of a workbook (or the one table of a CSV/TSV/TXT file) as :class:`Sheet` objects.

    ``raw_text=True``: a CSV's rows are lists of the fields as written (``Sheet.raw``), not yet
    :class:`Cell` objects nor :func:`unneutralise`-d, for callers that work column by column.

    Errors (one :class:`~edustats.errors.DataError`, Vietnamese then English) name the file: a
    missing file or a folder, an empty file, a file that is neither UTF-8 nor UTF-16, an old
    ``.xls`` or ``.ods`` workbook, formulas without calculated values.
    """
    path = Path(path)
    file = str(path)
    if path.is_dir():
        _fail("đường dẫn là một thư mục, không phải tệp", "path is a folder, not a file", file,
              "một tệp .xlsx hoặc .csv", "a .xlsx or .csv file")
    if not path.exists():
        _fail("không đọc được bảng", "cannot read table", file, "một tệp có thật", "an existing file")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        _fail("định dạng bảng tính cũ hoặc khác", "unsupported spreadsheet format", file,
              "tệp .xlsx (Excel: Lưu thành → Sổ làm việc Excel .xlsx) hoặc CSV UTF-8",
              "a .xlsx workbook (Save As → Excel Workbook) or a CSV UTF-8 file", value=suffix)
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, file)
    head = path.read_bytes()[:4]
    if head.startswith(b"PK\x03\x04"):
        return _read_excel(path, file)
    return _read_text(path, file, raw_text)


# --------------------------------------------------------------------------------------------
# writing


def neutralise(value):
    """Text that Excel would run as a formula gets a leading apostrophe; anything else unchanged.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-1+2"), neutralise("Na Mèo"), neutralise(-3.5)
    ('\\'=HYPERLINK("http://x")', "'-1+2", 'Na Mèo', -3.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise` on reading a CSV this tool (or an OWASP-minded one) wrote.

    >>> unneutralise("'- Giáo dục Tiểu học"), unneutralise("'bình thường")
    ('- Giáo dục Tiểu học', "'bình thường")
    """
    if text.startswith("'") and text[1:2] and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def put_text(cell, value) -> None:
    """Store ``value`` in an openpyxl cell; text is stored as text, and text that looks like a
    formula carries Excel's quote prefix (shown as typed, never calculated), value unchanged."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True


def atomic_write(path, write) -> Path:
    """Call ``write(tmp_path)`` on a temporary file in the target folder, then rename it to ``path``.

    The file gets the permissions an ordinary ``open(path, "w")`` would give (0666 less the umask):
    ``mkstemp`` creates it 0600, which would hide a shared office folder's results from colleagues.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def check_not_overwriting(out, overwrite: bool = False) -> None:
    """Refuse to replace an existing file unless told to: a filled workbook is a planner's work."""
    if out is not None and not overwrite and Path(out).exists():
        raise_usage_error(f"--out '{out}' đã có: lệnh này không ghi đè một tệp đã có (có thể là tệp đã điền số "
                          "liệu). Đặt tên khác, hoặc thêm --ghi-de nếu chắc chắn muốn thay nó.",
                          f"--out '{out}' exists: this command does not replace an existing file (it may be a "
                          "filled workbook). Choose another name, or add --overwrite if you mean to replace it.")


def check_not_an_input(out, inputs) -> None:
    """Refuse an output path that is one of the run's input files (it would be overwritten)."""
    if out is None:
        return
    o = Path(out).resolve()
    for i in inputs:
        if i and Path(i).exists() and Path(i).resolve() == o:
            raise_usage_error(f"--out '{out}' là một tệp đầu vào của lệnh này: đặt tên tệp kết quả khác để "
                              "không ghi đè số liệu.",
                              f"--out '{out}' is an input file of this run: choose another name so the input "
                              "is not overwritten.")


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = out[c].map(neutralise)
        elif pd.api.types.is_string_dtype(out[c]):   # text only: the cells to neutralise are found at once
            risky = out[c].str.startswith(_FORMULA_START).fillna(False).to_numpy(bool)
            values = out[c].to_numpy(dtype=object, na_value=None)   # Python strings: the CSV writer's fast path
            if risky.any():
                values[risky] = ["'" + v for v in values[risky]]
            out[c] = pd.Series(values, index=out.index, dtype=object)
    return out


def write_table(df: pd.DataFrame, path, *, headers_vi: dict | None = None, formats: dict | None = None,
                colours: tuple | None = None, sheet: str = "Kết quả", inputs=()) -> Path:
    """Write ``df`` to ``path``: ``.xlsx`` (formatted) or CSV (UTF-8 with BOM), atomically.

    ``headers_vi``: column → Vietnamese header (row 1; the English column names are row 2 on an
    ``.xlsx``, and the panes are frozen below them). ``formats``: column → Excel number format
    (e.g. ``"#,##0.0"``). ``colours``: ``(column, {value: "#rrggbb"})`` fills those cells.
    ``inputs``: the run's input files, which ``path`` must not be.
    """
    check_not_an_input(path, inputs)
    path = Path(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return atomic_write(path, lambda tmp: _write_xlsx(df, tmp, headers_vi or {}, formats or {},
                                                          colours, sheet))

    safe = _safe_frame(df)
    for c in safe.columns:   # floats as "%.10g" text, each distinct value formatted once (as to_csv would write it)
        if pd.api.types.is_float_dtype(safe[c].dtype) and isinstance(safe[c].dtype, np.dtype):
            x = safe[c].to_numpy()
            codes, uniq = pd.factorize(x)   # NaN: code -1, written as an empty cell
            txt = np.array(["%.10g" % v for v in uniq] + [""], dtype=object)[codes]
            txt[(x == 0) & np.signbit(x)] = "%.10g" % -0.0   # factorize takes -0.0 for 0.0; the text does not
            safe[c] = pd.Series(txt, index=safe.index, dtype=object)

    def _csv(tmp):
        safe.to_csv(tmp, index=False, encoding="utf-8-sig", float_format="%.10g", lineterminator="\n")
    return atomic_write(path, _csv)


def _write_xlsx(df, tmp, headers_vi, formats, colours, sheet):
    import math

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    bold = Font(bold=True)
    for j, c in enumerate(df.columns, start=1):
        put_text(ws.cell(row=1, column=j), str(headers_vi.get(c, c)))
        ws.cell(row=1, column=j).font = bold
        put_text(ws.cell(row=2, column=j), str(c))
        ws.cell(row=2, column=j).font = Font(italic=True, color="666666")
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(10, len(str(headers_vi.get(c, c))) + 2))
    col_colour = list(df.columns).index(colours[0]) if colours and colours[0] in df.columns else None
    for i, row in enumerate(df.itertuples(index=False), start=3):
        for j, v in enumerate(row, start=1):
            if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
                v = None   # nullable integers (an annual target's years met) are NA where they do not apply
            elif hasattr(v, "item") and not isinstance(v, str):
                v = v.item()
            cell = ws.cell(row=i, column=j)
            put_text(cell, v)  # text is never a formula
            fmt = formats.get(df.columns[j - 1])
            if fmt and isinstance(v, (int, float)) and not isinstance(v, bool):
                cell.number_format = fmt
            if col_colour is not None and j - 1 == col_colour and v in colours[1]:
                cell.fill = PatternFill("solid", fgColor=colours[1][v].lstrip("#").upper())
    ws.freeze_panes = "A3"
    wb.save(tmp)
