"""A workbook for a planner to fill: ``edustats template`` (tệp mẫu nhập liệu).

The workbook has four sheets, all in Vietnamese:

- **Hướng dẫn**: what to fill, and how to run the briefing afterwards;
- **Số liệu**: one row per indicator × level × year for the targets of a document (or a targets
  file, or a locality), laid out with the locality, indicator code and name, level, year and
  unit already written and the target beside it for reference; the planner fills ``Giá trị``
  (or ``Tử số`` and ``Mẫu số``). Drop-down lists (data validation) offer the catalogue's
  indicator codes, the levels and the units; years must be whole numbers from 1975 to 2100 (or
  a school year typed "2023-2024") and
  values numbers ≥ 0. Rows left empty are skipped by :func:`edustats.load_observations`;
- **Mục tiêu**: the targets themselves (filled in for a shipped document, or empty rows with the
  same drop-downs for a commune that has none), read by :func:`edustats.load_targets`;
- **Danh mục**: every catalogue indicator with its Vietnamese name, formula, numerator,
  denominator, unit, valid range and source; **Danh sách** holds the drop-down lists.

The same file is passed to ``edustats briefing --observations F --targets F``: each loader finds
its own sheet by its header.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .catalogue import indicator_catalogue
from .errors import raise_usage_error
from .excel_io import atomic_write, check_not_an_input, check_not_overwriting, put_text
from .scorecard import format_target_value

__all__ = ["write_template", "template_rows", "LEVEL_WORDS_VI", "UNIT_WORDS_VI", "DATA_SHEET", "TARGETS_SHEET"]

DATA_SHEET, TARGETS_SHEET, CATALOGUE_SHEET, LISTS_SHEET, HELP_SHEET = (
    "Số liệu", "Mục tiêu", "Danh mục", "Danh sách", "Hướng dẫn")
LEVEL_WORDS_VI = {"preschool": "mầm non", "nursery": "nhà trẻ", "kindergarten": "mẫu giáo", "primary": "tiểu học",
                  "lower-secondary": "THCS", "upper-secondary": "THPT", "general": "phổ thông", "vocational": "nghề",
                  "adult": "người lớn", "tertiary": "đại học", "all": "chung", "any": "mọi cấp"}
UNIT_WORDS_VI = {"percent": "%", "count": "số lượng", "level": "mức", "ratio": "tỷ số", "million_vnd": "triệu đồng",
                 "billion_vnd": "tỷ đồng", "thousand_vnd": "nghìn đồng", "vnd": "đồng"}
KIND_VI = {"target": "mục tiêu", "baseline": "hiện trạng"}
COMPARATOR_VI = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}

DATA_COLUMNS = [("locality", "Địa phương", 18), ("indicator", "Mã chỉ tiêu", 30), ("label_vi", "Nội dung chỉ tiêu", 48),
                ("level", "Cấp học", 14), ("year", "Năm", 8), ("value", "Giá trị", 11), ("numerator", "Tử số", 10),
                ("denominator", "Mẫu số", 10), ("unit", "Đơn vị tính", 12),
                ("target_reference", "Mục tiêu (tham khảo)", 30), ("source", "Nguồn số liệu", 20),
                ("note", "Ghi chú", 30)]
TARGET_SHEET_COLUMNS = [("id", "Mã dòng", 9), ("locality", "Địa phương", 18), ("source", "Văn bản", 26),
                        ("kind", "Loại", 11), ("indicator", "Mã chỉ tiêu", 30), ("label_vi", "Nội dung chỉ tiêu", 48),
                        ("level", "Cấp học", 14), ("comparator", "So sánh", 9), ("value", "Giá trị", 10),
                        ("unit", "Đơn vị tính", 12), ("year", "Năm", 8), ("annual", "Hằng năm", 10),
                        ("base_year", "Năm gốc", 9), ("quote", "Trích dẫn", 50), ("note", "Ghi chú", 30)]
EMPTY_ROWS = 40
HEADER_ROW = 3


def _level_vi(level: str) -> str:
    return " + ".join(LEVEL_WORDS_VI.get(p, p) for p in str(level).split("+")) if level else ""


def _select(source, targets, locality):
    """(targets table, locality written in the rows, base year or None, the origin said in the title)."""
    from .loaders import load_sources, load_targets, locality_key

    if targets is not None:
        t = load_targets(targets)
        locs = sorted({x for x in t["locality"] if x})
        return t, (locs[0] if len(locs) == 1 else ""), None, Path(targets).name
    shipped = load_targets()
    src = load_sources()
    if source is not None:
        hit = src[(src["file"] == source) | (src["document_number"] == source) | src["file"].str.startswith(str(source))]
        if source == "" or hit.empty:
            from .excel_io import suggest
            near = suggest(str(source), {f: f for f in src["file"]} | {d: f for d, f in zip(src["document_number"], src["file"]) if d})
            # documents by the number a planner knows ("20-NQ/ĐU"), the file name beside it
            docs = "; ".join(f"{d or f}" + (f" ({c or dis or p})" if (c or dis or p) else "") for f, d, c, dis, p in
                             zip(src["file"], src["document_number"].fillna(""), src["commune"].fillna(""),
                                 src["district"].fillna(""), src["province"].fillna("")))
            raise_usage_error(f"Không có văn bản '{source}'. Các văn bản: {docs}"
                              + (f" (có phải {near[0]}?)" if near else ""),
                              f"No document '{source}'. Documents: {docs}"
                              + (f" (did you mean {near[0]}?)" if near else ""))
        row = hit.iloc[0]
        t = shipped[shipped["source"] == row["file"]]
        base = pd.to_numeric(pd.Series([row["period_start"]]), errors="coerce").iloc[0]
        locs = sorted({x for x in t["locality"] if x})
        return t, (locs[0] if len(locs) == 1 else ""), (None if pd.isna(base) else int(base)), _document_name(row)
    keys = {x: locality_key(x) for x in set(shipped["locality"]) if x}
    mine = [x for x, k in keys.items() if k == locality_key(locality)]
    if mine:
        t = shipped[shipped["locality"] == mine[0]]
        srcs = src[src["file"].isin(set(t["source"]))]
        base = pd.to_numeric(srcs["period_start"], errors="coerce").min()
        return t, mine[0], (None if pd.isna(base) else int(base)), "; ".join(_document_name(r) for _, r in srcs.iterrows())
    return shipped.iloc[0:0], locality, None, f"{locality} (chưa có mục tiêu nào trong dữ liệu của edustats)"


def _document_name(row) -> str:
    """A shipped document as a planner knows it: its type and number, issuer and date, title (the
    file name last), from a row of ``data/sources.csv``.

    >>> from edustats.loaders import load_sources
    >>> s = load_sources()
    >>> _document_name(s[s["file"] == "001_51d59cd3eefeb0a9.txt"].iloc[0])[:90]
    'Nghị quyết số 20-NQ/ĐU của Ban Thường vụ Đảng ủy xã Na Mèo, ngày 19/08/2021: Nghị quyết về'
    """
    def text(col):
        v = row.get(col)
        return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v).strip()

    number, kind, issuer, title = text("document_number"), text("type"), text("issuer"), text("title_vi")
    d = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text("date"))
    name = (f"{kind[:1].upper()}{kind[1:]} số {number}" if kind else f"Văn bản số {number}") if number else \
        (kind[:1].upper() + kind[1:] if kind else "Văn bản")
    name += (f" của {issuer}" if issuer else "") + (f", ngày {d.group(3)}/{d.group(2)}/{d.group(1)}" if d else "")
    return name + (f": {title}" if title else "") + f" (tệp {text('file')})"


def _years(t: pd.DataFrame, base, years) -> list:
    if years:
        m = re.fullmatch(r"\s*(\d{4})\s*[-–:]\s*(\d{4})\s*", str(years))
        if not m or int(m.group(1)) > int(m.group(2)) or int(m.group(2)) - int(m.group(1)) > 40:
            raise_usage_error(f"--years '{years}': cần dạng 2019-2025.", f"--years '{years}': expected e.g. 2019-2025.")
        return list(range(int(m.group(1)), int(m.group(2)) + 1))
    if t.empty:
        return []
    due = int(t["year"].max())
    start = min([int(t["year"].min())] + ([base] if base else []))
    return list(range(start - 3, due + 1))


def template_rows(t: pd.DataFrame, locality: str, years: list) -> pd.DataFrame:
    """The data sheet's pre-laid rows: one per (locality, indicator, level) a target asks about ×
    year, with that indicator's targets and baselines at that level written beside it for reference.

    >>> t = pd.DataFrame({"locality": "Na Mèo", "indicator": "mobilisation_rate", "level": "nursery",
    ...                   "label_vi": "Tỷ lệ huy động trẻ nhà trẻ", "kind": ["baseline", "target"],
    ...                   "comparator": ["=", ">"], "value": [54.0, 60.0], "unit": "percent", "year": [2021, 2025]})
    >>> r = template_rows(t, "Na Mèo", [2024, 2025])
    >>> r[["year", "level", "unit", "target_reference"]].values.tolist()
    [[2024, 'nhà trẻ', '%', 'hiện trạng 2021: 54%; mục tiêu 2025: > 60%'], [2025, 'nhà trẻ', '%', 'hiện trạng 2021: 54%; mục tiêu 2025: > 60%']]
    """
    t = t[t["indicator"] != ""]
    rows = []
    # rows for what the targets ask (a baseline at another level would match no target), in file order
    asked = t[t["kind"] == "target"] if (t["kind"] == "target").any() else t
    keys = asked[["locality", "indicator", "level"]].drop_duplicates()
    for k in keys.itertuples(index=False):
        sel = t[(t["locality"] == k.locality) & (t["indicator"] == k.indicator) & (t["level"] == k.level)]
        sel = sel.sort_values(["kind", "year"], key=lambda s: s.map({"baseline": 0, "target": 1}) if s.name == "kind" else s)
        ref = "; ".join(
            f"{KIND_VI.get(r.kind, r.kind)} {r.year}: "
            + (format_target_value(r.comparator, r.value, r.unit) if r.kind == "target"
               else format_target_value("=", r.value, r.unit).lstrip("= ").strip())
            for r in sel.itertuples(index=False))
        first = sel.iloc[0]
        for y in years:
            rows.append(dict(locality=k.locality or locality, indicator=k.indicator, label_vi=first["label_vi"],
                             level=_level_vi(k.level), year=y, unit=UNIT_WORDS_VI.get(first["unit"], first["unit"]),
                             target_reference=ref))
    return pd.DataFrame(rows, columns=["locality", "indicator", "label_vi", "level", "year", "unit", "target_reference"])


def write_template(out, *, source=None, targets=None, locality=None, years=None,
                   overwrite: bool = False) -> tuple[Path, dict]:
    """Write the fill-in workbook to ``out`` (``.xlsx``); returns the path and what it holds.

    Exactly one of ``source`` (a shipped document's file name or number), ``targets`` (a
    targets file) or ``locality`` (its shipped targets, or none for a commune that has none).
    An existing ``out`` is refused unless ``overwrite``: it may be a workbook a planner has filled.
    """
    if sum(x is not None for x in (source, targets, locality)) != 1:
        raise_usage_error("Cần đúng một trong --source, --targets, --locality.",
                          "Give exactly one of --source, --targets, --locality.")
    if Path(out).suffix.lower() != ".xlsx":
        raise_usage_error(f"--out '{out}': tệp mẫu là một sổ tính .xlsx.", f"--out '{out}': the template is an .xlsx workbook.")
    check_not_an_input(out, [targets])
    check_not_overwriting(out, overwrite)
    t, loc, base, origin = _select(source, targets, locality)
    yrs = _years(t, base, years)
    rows = template_rows(t, loc, yrs)
    atomic_write(out, lambda tmp: _write(tmp, t, rows, loc, base, origin, yrs, Path(out).name))
    n_ind = len(rows.drop_duplicates(["locality", "indicator", "level"])) if len(rows) else 0
    return Path(out), dict(rows=len(rows), indicators=n_ind, years=len(yrs), targets=len(t))


def _year_rule(col: str, row: int) -> str:
    """Excel validation: a whole year 1975-2100, or text "yyyy-yyyy" of two consecutive years."""
    c = f"{col}{row}"
    return (f'OR(AND(ISNUMBER({c}),{c}>=1975,{c}<=2100,INT({c})={c}),'
            f'AND(ISTEXT({c}),LEN({c})=9,MID({c},5,1)="-",'
            f'IFERROR(VALUE(RIGHT({c},4))-VALUE(LEFT({c},4))=1,FALSE)))')


def _write(path, t, rows, locality, base, origin, years, name="mau-nhap-lieu.xlsx") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cat = indicator_catalogue()
    wb = Workbook()
    bold, title_font = Font(bold=True), Font(bold=True, size=13)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    fill_me = PatternFill("solid", fgColor="FFF2CC")

    # ---- Hướng dẫn
    ws = wb.active
    ws.title = HELP_SHEET
    shown = f'"{name}"' if re.search(r"[\s\"']", name) else name   # the file as written out, as a shell reads it
    lines = [
        ("TỆP MẪU NHẬP SỐ LIỆU GIÁO DỤC" + (f" — {locality}" if locality else ""), title_font),
        (f"Lập bởi edustats cho: {origin}" + (f"; năm {years[0]}–{years[-1]}" if years else ""), None),
        ("", None),
        ("Cách điền", bold),
        (f"1. Trang '{DATA_SHEET}': mỗi dòng là một chỉ tiêu của một năm. Điền cột 'Giá trị' (ô màu vàng), hoặc "
         "'Tử số' và 'Mẫu số' (khi đó 'Giá trị' = 100 × Tử số / Mẫu số, làm tròn như khi công bố).", None),
        ("2. Tỷ lệ ghi bằng số phần trăm: 96,5 nghĩa là 96,5%. Có thể gõ '96,5%'. Số đếm ghi 1.830 hoặc 1830.", None),
        ("3. Năm: ghi 2024; năm học 2023-2024 cũng được và được tính là năm 2024.", None),
        ("4. Dòng nào chưa có số liệu thì để trống: dòng đó được bỏ qua. Có thể thêm dòng mới bên dưới; "
         "chọn 'Mã chỉ tiêu' và 'Cấp học' trong danh sách thả xuống, hoặc ghi tên chỉ tiêu như ở trang "
         f"'{CATALOGUE_SHEET}'.", None),
        (f"5. Trang '{TARGETS_SHEET}': các mục tiêu của nghị quyết/kế hoạch. Nếu đơn vị chưa có mục tiêu, ghi mỗi "
         "mục tiêu một dòng: chỉ tiêu, cấp học, so sánh (≥, ≤, >, <, =), giá trị, đơn vị tính, năm đích. "
         "Để trống 'Địa phương' nghĩa là mục tiêu áp dụng cho đơn vị của tệp số liệu.", None),
        ("6. Không đổi tên các cột; có thể thêm dòng tiêu đề hoặc ghi chú phía trên bảng.", None),
        ("", None),
        ("Sau khi điền", bold),
        ("Lưu tệp (Excel hoặc LibreOffice, giữ định dạng .xlsx) rồi chạy:", None),
        (f"edustats briefing --locality \"{locality or 'Tên xã'}\" --observations {shown} "
         f"--targets {shown} --out ban-tom-tat.html", Font(name="Consolas")),
        ("Nếu tệp có lỗi, chương trình báo từng ô (trang tính, ô, giá trị gặp, giá trị cần) và không tạo báo cáo.", None),
        ("", None),
        ("English: fill 'Giá trị' (value) or 'Tử số'/'Mẫu số' (numerator/denominator) on the sheet "
         f"'{DATA_SHEET}'; targets go on '{TARGETS_SHEET}'; then run edustats briefing with this file as both "
         "--observations and --targets.", Font(italic=True, color="666666")),
    ]
    for i, (text, font) in enumerate(lines, start=1):
        c = ws.cell(row=i, column=1)
        put_text(c, text)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            c.font = font
    ws.column_dimensions["A"].width = 120

    # ---- Danh mục (catalogue) and Danh sách (lists)
    wc = wb.create_sheet(CATALOGUE_SHEET)
    cat_cols = [("code", "Mã chỉ tiêu", 34), ("name_vi", "Tên chỉ tiêu", 50), ("name_en", "Tên tiếng Anh", 40),
                ("level", "Cấp học", 14), ("formula", "Công thức", 30), ("numerator", "Tử số là", 36),
                ("denominator", "Mẫu số là", 36), ("unit", "Đơn vị tính", 12), ("valid_range", "Khoảng hợp lệ", 12),
                ("source", "Căn cứ", 50)]
    for j, (_, h, w) in enumerate(cat_cols, start=1):
        c = wc.cell(row=1, column=j, value=h)
        c.font, c.fill = bold, head_fill
        wc.column_dimensions[get_column_letter(j)].width = w
    for i, r in enumerate(cat.itertuples(index=False), start=2):
        for j, (col, _, _) in enumerate(cat_cols, start=1):
            v = getattr(r, col)
            if col == "level":
                v = _level_vi(v)
            elif col == "unit":
                v = UNIT_WORDS_VI.get(v, v)
            put_text(wc.cell(row=i, column=j), str(v))
    wc.freeze_panes = "B2"
    n_cat = len(cat)

    wl = wb.create_sheet(LISTS_SHEET)
    used_levels = sorted({_level_vi(x) for x in t["level"] if x}) if len(t) else []
    lists = [("Cấp học", list(dict.fromkeys(list(LEVEL_WORDS_VI.values()) + used_levels))),
             ("Đơn vị tính", list(UNIT_WORDS_VI.values())), ("So sánh", list(COMPARATOR_VI.values())),
             ("Loại", list(KIND_VI.values())), ("Hằng năm", ["có", "không"])]
    for j, (h, vals) in enumerate(lists, start=1):
        wl.cell(row=1, column=j, value=h).font = bold
        for i, v in enumerate(vals, start=2):
            put_text(wl.cell(row=i, column=j), v)
        wl.column_dimensions[get_column_letter(j)].width = 22

    def lst(j):
        return f"'{LISTS_SHEET}'!${get_column_letter(j)}$2:${get_column_letter(j)}${len(lists[j - 1][1]) + 1}"

    def validations(ws, cols, first, last):
        where = {c: get_column_letter(j) for j, (c, _, _) in enumerate(cols, start=1)}
        specs = [("indicator", dict(type="list", formula1=f"'{CATALOGUE_SHEET}'!$A$2:$A${n_cat + 1}")),
                 ("level", dict(type="list", formula1=lst(1))), ("unit", dict(type="list", formula1=lst(2))),
                 ("comparator", dict(type="list", formula1=lst(3))), ("kind", dict(type="list", formula1=lst(4))),
                 ("annual", dict(type="list", formula1=lst(5))),
                 # a year 1975-2100, or a school year typed as text "2023-2024" (the instructions allow it)
                 ("year", dict(type="custom", formula1=_year_rule(where.get("year", "A"), first))),
                 ("base_year", dict(type="custom", formula1=_year_rule(where.get("base_year", "A"), first))),
                 ("value", dict(type="decimal", operator="greaterThanOrEqual", formula1="0")),
                 ("numerator", dict(type="decimal", operator="greaterThanOrEqual", formula1="0")),
                 ("denominator", dict(type="decimal", operator="greaterThanOrEqual", formula1="0"))]
        for col, kw in specs:
            if col not in where:
                continue
            dv = DataValidation(allow_blank=True, showErrorMessage=col not in ("indicator", "level"), **kw)
            dv.error = "Giá trị không hợp lệ (xem trang Hướng dẫn) / invalid value"
            dv.errorTitle = "edustats"
            dv.add(f"{where[col]}{first}:{where[col]}{last}")
            ws.add_data_validation(dv)

    def header(ws, cols, title, subtitle):
        put_text(ws.cell(row=1, column=1), title)
        ws.cell(row=1, column=1).font = title_font
        put_text(ws.cell(row=2, column=1), subtitle)
        ws.cell(row=2, column=1).font = Font(italic=True, color="666666")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
        for j, (_, h, w) in enumerate(cols, start=1):
            c = ws.cell(row=HEADER_ROW, column=j, value=h)
            c.font, c.fill = bold, head_fill
            c.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = f"A{HEADER_ROW + 1}"

    # ---- Số liệu (data)
    wd = wb.create_sheet(DATA_SHEET, 1)
    header(wd, DATA_COLUMNS, "SỐ LIỆU THỰC HIỆN" + (f" — {locality}" if locality else ""),
           "Điền 'Giá trị' (hoặc 'Tử số' và 'Mẫu số'); để trống dòng chưa có số liệu. Tỷ lệ: 96,5 nghĩa là 96,5%.")
    data = rows.to_dict("records")
    if not data:  # a commune with no targets yet: empty rows with its name
        data = [dict(locality=locality) for _ in range(EMPTY_ROWS)]
    fmt = {"year": "0", "value": "General", "numerator": "#,##0", "denominator": "#,##0"}
    last = HEADER_ROW + len(data) + EMPTY_ROWS
    for i, rec in enumerate(data, start=HEADER_ROW + 1):
        for j, (col, _, _) in enumerate(DATA_COLUMNS, start=1):
            v = rec.get(col)
            c = wd.cell(row=i, column=j)
            put_text(c, v)
            if col in fmt:
                c.number_format = fmt[col]
            if col in ("value", "numerator", "denominator"):
                c.fill = fill_me
    for i in range(HEADER_ROW + 1, last + 1):
        for j, (col, _, _) in enumerate(DATA_COLUMNS, start=1):
            if col in fmt:
                wd.cell(row=i, column=j).number_format = fmt[col]
    validations(wd, DATA_COLUMNS, HEADER_ROW + 1, last)

    # ---- Mục tiêu (targets)
    wt = wb.create_sheet(TARGETS_SHEET, 2)
    header(wt, TARGET_SHEET_COLUMNS, "MỤC TIÊU" + (f" — {locality}" if locality else ""),
           "Mỗi mục tiêu một dòng: chỉ tiêu, cấp học, so sánh, giá trị, đơn vị tính, năm đích.")
    tfmt = {"year": "0", "base_year": "0", "value": "General"}
    for i, r in enumerate(t.to_dict("records"), start=HEADER_ROW + 1):
        shown = dict(r)
        shown["kind"] = KIND_VI.get(r["kind"], r["kind"])
        shown["level"] = _level_vi(r["level"])
        shown["comparator"] = COMPARATOR_VI.get(r["comparator"], r["comparator"])
        shown["unit"] = UNIT_WORDS_VI.get(r["unit"], r["unit"])
        shown["annual"] = "có" if r.get("annual") else ""
        by = r.get("base_year")
        shown["base_year"] = int(by) if by is not None and not pd.isna(by) else base
        for j, (col, _, _) in enumerate(TARGET_SHEET_COLUMNS, start=1):
            v = shown.get(col)
            if v is None or (isinstance(v, float) and pd.isna(v)):
                v = None
            elif hasattr(v, "item") and not isinstance(v, str):
                v = v.item()
            c = wt.cell(row=i, column=j)
            put_text(c, v)
            if col in tfmt:
                c.number_format = tfmt[col]
    validations(wt, TARGET_SHEET_COLUMNS, HEADER_ROW + 1, HEADER_ROW + len(t) + EMPTY_ROWS)
    wb.properties.title = "edustats — mẫu nhập liệu"
    wb.properties.creator = "edustats"
    wb.save(path)
