"""The ``edustats`` command line.

``edustats targets`` prints the curated targets; ``assess``, ``reconcile``, ``extract`` and
``briefing`` register their options beside their logic and run here; ``template`` writes a
workbook for a planner to fill. Every message for the user is Vietnamese first, then English.
Bad input prints the :class:`~edustats.errors.DataError` message (every bad cell: file, sheet,
row, column, value, what was expected) and exits with status 2; a misuse (a misspelt locality,
an output over an input) exits 2 too; no traceback reaches the user unless ``--debug`` is given.
Outputs ending in ``.xlsx`` are written as formatted workbooks, others as CSV with a UTF-8 BOM,
always atomically and with formula-like text neutralised (:mod:`edustats.excel_io`).
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import pandas as pd

from ._table import print_table as _print_table
from .errors import DataError, UsageError, raise_usage_error
from .loaders import locality_key
from .vnformat import format_count

__all__ = ["main", "build_parser", "resolve_locality", "locality_key"]



def _say(vi: str, en: str) -> None:
    print(vi, file=sys.stderr)
    print(en, file=sys.stderr)


def _say_summary(df: pd.DataFrame) -> None:
    if df.attrs.get("summary_vi"):
        _say(df.attrs["summary_vi"], df.attrs["summary_en"])


def resolve_locality(name: str, known, *, what_vi: str, what_en: str, file: str) -> str:
    """The spelling in ``known`` of the locality ``name`` (exact, else by :func:`locality_key`);
    a :class:`~edustats.errors.UsageError` with the nearest names when there is none.

    >>> resolve_locality("xã na mèo", ["Na Mèo", "Lạc Sơn"], what_vi="số liệu", what_en="observations", file="o.csv")
    'Na Mèo'
    """
    from .excel_io import suggest

    known = sorted({k for k in known if k})
    if name in known:
        return name
    hits = [k for k in known if locality_key(k) == locality_key(name)]
    if len(hits) == 1:
        return hits[0]
    near = suggest(name, {k: k for k in known})
    listed = ", ".join(known[:20]) + (" …" if len(known) > 20 else "")
    raise_usage_error(
        f"Không có địa phương '{name}' trong {what_vi} ({file})."
        + (f" Có phải: {', '.join(near)}?" if near else "") + f" Các địa phương có trong tệp: {listed}.",
        f"Locality '{name}' is not in the {what_en} ({file})."
        + (f" Did you mean: {', '.join(near)}?" if near else "") + f" Localities in the file: {listed}.")


def _no_targets(locality: str, targets_file: str, known=()) -> None:
    from .excel_io import suggest

    near = suggest(locality, {k: k for k in known if k}) if known else []
    hint_vi = (f" Có phải: {', '.join(near)}? Nếu là lỗi chính tả, hãy sửa tên địa phương trong tệp số liệu cho "
               "giống tệp mục tiêu; nếu là một đơn vị khác, hãy lập tệp mục tiêu của đơn vị đó:") if near else \
        " Hãy lập tệp mục tiêu của đơn vị:"
    hint_en = (f" Did you mean: {', '.join(near)}? If that is a misspelling, correct the locality in the observations "
               "file to match the targets file; if it is another unit, make a targets file for it:") if near else \
        " Make a targets file for it:"
    raise_usage_error(
        f"Chưa có mục tiêu nào cho '{locality}' trong {targets_file}.{hint_vi} "
        f"edustats template --locality \"{locality}\" --out mau-nhap-lieu.xlsx, điền trang 'Mục tiêu' (và "
        f"'Số liệu'), rồi chạy lại với --targets mau-nhap-lieu.xlsx.",
        f"No targets for '{locality}' in {targets_file}.{hint_en} edustats template "
        f"--locality \"{locality}\" --out template.xlsx, fill the sheet 'Mục tiêu' (and 'Số liệu'), then run "
        f"again with --targets template.xlsx.")


def _near_localities(name: str, known) -> list:
    """The names of ``known`` that look like a misspelling of ``name`` (not the same by
    :func:`locality_key`, but a similarity ratio of their keys of at least 0.75), sorted.

    >>> _near_localities("Na Mèoo", ["Na Mèo", "Lạc Sơn", "na mèoo"])
    ['Na Mèo']
    """
    import difflib

    key = locality_key(name)
    return sorted(k for k in set(known) if k and locality_key(k) != key
                  and difflib.SequenceMatcher(None, locality_key(k), key).ratio() >= 0.75)


def _say_misspelt(n: int, written, meant: str, obs_file: str, *, vi_use: str, en_use: str) -> None:
    """Warn that ``n`` rows name the localities ``written``, close to ``meant`` but not used."""
    names = ", ".join(repr(x) for x in written)
    _say(f"Cảnh báo: {format_count(n)} dòng ghi địa phương {names} gần giống '{meant}' nhưng không {vi_use}; nếu là lỗi chính "
         f"tả, hãy sửa trong tệp {obs_file}.",
         f"Warning: {n:,} {'row names' if n == 1 else 'rows name'} {names}, close to '{meant}', and "
         f"{'is' if n == 1 else 'are'} not {en_use}; if that is a misspelling, correct it in {obs_file}.")


def _match_targets(targets: pd.DataFrame, obs: pd.DataFrame, targets_file: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observations renamed to the targets' spelling of each locality (by key), the targets of the
    observed localities kept; localities with no target get a message (an error when none has)."""
    t_locs = sorted({x for x in pd.unique(targets["locality"]) if x})   # distinct names first: a national
    t_set = set(t_locs)                                                 # file repeats each commune
    by_key = None
    obs = obs.copy()
    renamed = {}
    for loc in sorted(set(pd.unique(obs["locality"]))):
        if loc in t_set:
            continue
        if by_key is None:   # each name's key once, and only when a name needs it
            by_key = {}
            for t in t_locs:
                by_key.setdefault(locality_key(t), []).append(t)
        hits = by_key.get(locality_key(loc), [])
        if len(hits) == 1:
            renamed[loc] = hits[0]
    if renamed:
        obs["locality"] = obs["locality"].replace(renamed)
        for a, b in renamed.items():
            _say(f"Địa phương '{a}' trong tệp số liệu được ghép với '{b}' của tệp mục tiêu.",
                 f"Locality '{a}' of the observations matched to '{b}' of the targets file.")
    observed = set(pd.unique(obs["locality"]))
    without = sorted(observed - set(t_locs))
    general = (targets["locality"] == "").any()
    if without and not general:
        if len(without) == len(observed):
            _no_targets(without[0] if len(without) == 1 else ", ".join(without), targets_file, t_locs)
        obs_file = (obs.attrs.get("source_rows") or {}).get("file") or "tệp số liệu / the observations file"
        for loc in without:
            near = _near_localities(loc, t_locs)
            if near:   # a misspelling of a locality that has targets: say so, as the briefing does
                _say_misspelt(int((obs["locality"] == loc).sum()), [loc], near[0], obs_file,
                              vi_use="được đánh giá", en_use="assessed")
                continue
            _say(f"Lưu ý: chưa có mục tiêu cho '{loc}' trong {targets_file}; số liệu của địa phương này không được "
                 "đánh giá (lập tệp mục tiêu bằng edustats template --locality).",
                 f"Note: no targets for '{loc}' in {targets_file}; its observations are not assessed "
                 "(make a targets file with edustats template --locality).")
    keep = (targets["locality"] == "") | targets["locality"].isin(observed)
    targets = targets[keep]
    # indicators are checked on the localities that have targets: rows of a locality without any (a misspelling,
    # said above) would otherwise be reported as "no target for the indicators …"
    _check_some_match(targets, obs if general else obs[obs["locality"].isin(t_set)], targets_file)
    return targets, obs


def _check_some_match(targets: pd.DataFrame, obs: pd.DataFrame, targets_file: str) -> None:
    """Refuse a run where no observation meets a target's indicator; name the indicators that
    have no target (their observations are not assessed: said, not silently dropped)."""
    from .assess import _match_positions

    tk = targets[targets["kind"] == "target"] if "kind" in targets.columns else targets
    wanted = set(pd.unique(tk["indicator"])) - {""}
    given = set(pd.unique(obs["indicator"]))
    o = obs if {"level", "locality"} <= set(obs.columns) else obs.assign(
        **{c: "" for c in ("level", "locality") if c not in obs.columns})
    none = len(tk) and len(_match_positions(tk, o)[0]) == 0   # the pairs assess would make, not the series
    if none:   # same indicator, another level or locality: still nothing to assess
        have = ", ".join(sorted(given))
        want = ", ".join(sorted(wanted)[:30])
        raise_usage_error(
            f"Không số liệu nào ứng với một mục tiêu trong {targets_file} (cùng chỉ tiêu, cấp học, địa phương): tệp "
            f"số liệu có các chỉ tiêu {have}; các mục tiêu hỏi về {want}. Hãy thêm số liệu các chỉ tiêu đó, đúng cấp "
            "học của mục tiêu (edustats template lập sẵn các dòng).",
            f"No observation matches a target of {targets_file} (same indicator, level and locality): the "
            f"observations give {have}; the targets ask about {want}. Add observations of those indicators at the "
            "targets' levels (edustats template lays the rows out).")
    unused = sorted(given - wanted)
    if unused:
        _say(f"Lưu ý: không có mục tiêu cho các chỉ tiêu {', '.join(unused)}; số liệu của chúng không được đánh giá.",
             f"Note: no target for the indicators {', '.join(unused)}; their observations are not assessed.")


# --------------------------------------------------------------------------------------------
# subcommands


def _cmd_targets(args) -> int:
    from .loaders import load_targets
    from .scorecard import scorecard

    targets = load_targets(args.file, sheet=args.sheet)
    if args.file:
        _say_summary(targets)
    sc = scorecard(targets, source=args.source, level=args.level, kind=args.kind)
    if sc.empty:
        _say("Không có mục tiêu nào khớp bộ lọc.", "no targets match")
        return 1
    _print_table(sc.drop(columns=["indicator"]) if not args.codes else sc)
    print(f"\n{format_count(len(sc))} dòng / {len(sc):,} rows", file=sys.stderr)
    return 0


_ASSESS_VI = {
    "id": "Mã", "source": "Văn bản", "locality": "Địa phương", "level": "Cấp học", "indicator": "Mã chỉ tiêu",
    "label_vi": "Chỉ tiêu", "label_en": "Chỉ tiêu (tiếng Anh)", "comparator": "So sánh", "target": "Mục tiêu",
    "due_year": "Năm đích", "unit": "Đơn vị", "threshold": "Ngưỡng đạt", "n_obs": "Số năm có số liệu",
    "first_year": "Năm đầu", "first_value": "Giá trị năm đầu", "last_year": "Năm gần nhất",
    "last_value": "Giá trị gần nhất", "model": "Mô hình", "projected": "Dự báo năm đích", "lo80": "Cận dưới 80%",
    "hi80": "Cận trên 80%", "lo95": "Cận dưới 95%", "hi95": "Cận trên 95%", "prob_met": "Xác suất đạt",
    "annual_change_pp": "Thay đổi mỗi năm", "cagr": "Tăng trưởng bình quân", "required_change_pp":
    "Thay đổi cần mỗi năm", "required_cagr": "Tăng trưởng cần", "rule_base_year": "Năm gốc",
    "rule_base_value": "Giá trị năm gốc", "verdict": "Kết luận (mã)", "verdict_vi": "Kết luận",
    "verdict_en": "Kết luận (tiếng Anh)", "note": "Ghi chú", "reported": "Số báo cáo", "recomputed": "Tính lại",
    "difference": "Chênh lệch", "numerator": "Tử số", "denominator": "Mẫu số", "definition": "Định nghĩa",
    "matches": "Khớp", "kind": "Loại", "year": "Năm", "value": "Giá trị", "quote": "Trích dẫn",
}
# the columns of the standard progress rules (edustats.progress_rules), the required path (assess) and the
# due status (edustats.due): a planner reads row 1 of the workbook, the English codes stay in row 2
_ASSESS_VI.update({
    "growth_basis": "Tăng trưởng tính trên (giá trị / phần bù đến 100 / thay đổi tuyệt đối)",
    "unsd_ratio": "UNSD: tỷ số tăng trưởng thực tế / cần có", "unsd_category": "UNSD: xếp loại tiến độ",
    "statcan_ratio": "StatCan: tỷ số tăng trưởng thực tế / cần có", "statcan_category": "StatCan: xếp loại tiến độ",
    "statcan_score": "StatCan: điểm tiến độ (−5 đến 5)",
    "escap_gap": "ESCAP: phần tiến bộ cần có còn thiếu theo xu hướng", "escap_category": "ESCAP: xếp loại tiến độ",
    "required_path": "Lộ trình cần đạt từng năm", "path_start": "Lộ trình tính từ",
    "as_of": "Ngày đánh giá", "data_year": "Năm có số liệu mới nhất", "due_status": "Tình trạng hạn (mã)",
    "due_status_vi": "Tình trạng hạn", "due_status_en": "Tình trạng hạn (tiếng Anh)",
    "forecast_verdict": "Kết luận theo dự báo (mã)", "projection_label": "Ghi chú về dự báo",
    "settled_by": "Báo cáo sẽ xác nhận kết quả", "annual_status": "Hằng năm: tình trạng (mã)",
    "annual_years_met": "Hằng năm: số năm đạt", "annual_years": "Hằng năm: số năm có số liệu",
})


def _formats(df: pd.DataFrame) -> dict:
    out = {}
    for c in df.columns:
        if c in ("due_year", "first_year", "last_year", "rule_base_year", "year", "path_start", "n_obs", "data_year"):
            out[c] = "0"
        elif c == "prob_met":
            out[c] = "0%"
        elif c in ("numerator", "denominator"):
            out[c] = "#,##0"
        elif pd.api.types.is_float_dtype(df[c]):
            out[c] = "#,##0.0#"
    return out


def _write(df: pd.DataFrame, out: str, inputs, colours=None) -> None:
    from .excel_io import write_table

    frame = df.copy()
    for c in frame.columns:  # lists and dicts (a required path) as text; only a column of Python objects holds them
        if frame[c].dtype == object and frame[c].map(lambda v: isinstance(v, (list, tuple, dict))).any():
            frame[c] = frame[c].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v))
    write_table(frame, out, headers_vi=_ASSESS_VI, formats=_formats(frame), colours=colours, inputs=inputs)


_SHOW_MAX = 1000   # rows printed when the verdicts also go to --out


def _each_distinct(func, values) -> list:
    """``[func(v) for v in values]``, calling ``func`` once per distinct value (NaN included)."""
    memo, out = {}, []
    for v in values:
        k = ("nan",) if isinstance(v, float) and v != v else (repr(v) if isinstance(v, float) else v)
        if k not in memo:
            memo[k] = func(v)
        out.append(memo[k])
    return out


def _cmd_assess(args) -> int:
    from .annual import annual_verdicts
    from .assess import FRACTION_NOTE, assess, probability_text
    from .excel_io import check_not_an_input
    from .loaders import load_observations, load_targets
    from .vnformat import decimals_of, format_number

    check_not_an_input(args.out, [args.targets, args.observations])
    as_of = _as_of(args.as_of)
    targets = load_targets(args.targets, sheet=args.targets_sheet)
    obs = load_observations(args.observations, sheet=args.sheet)
    _say_summary(obs)
    if args.targets:
        _say_summary(targets)
    tfile = args.targets or "data/targets.csv"
    if not args.all and "locality" in targets.columns:
        targets, obs = _match_targets(targets, obs, tfile)
    res = assess(targets, obs, model=args.model, calibration=args.calibration, as_of=as_of)
    res = annual_verdicts(res, targets, obs)   # annual targets year by year, as the briefing
    if "note" in res.columns:
        frac = res.loc[res["note"].astype(str).str.startswith(FRACTION_NOTE), "id"].tolist()
        if frac:
            _say(f"Lưu ý: {', '.join(map(str, frac[:10]))}{' …' if len(frac) > 10 else ''}: mọi giá trị đều từ 0 đến 1 "
                 "trong khi mục tiêu là một tỷ lệ % từ 5 trở lên — nếu tỷ lệ được viết dạng phân số (0,57 cho 57%), hãy "
                 "nhân với 100 rồi chạy lại.",
                 f"Note: {', '.join(map(str, frac[:10]))}{' …' if len(frac) > 10 else ''}: every value is between 0 and 1 "
                 "while the target is a percentage of 5 or more — if the shares were written as fractions (0.57 for "
                 "57%), multiply them by 100 and run again.")
    if res.empty:
        _no_targets(", ".join(sorted(set(obs["locality"]))), tfile)
    if args.out:
        from .assess import VERDICTS
        from .charts import VERDICT_COLOURS
        colours = {vi: VERDICT_COLOURS[k] for k, (vi, _en) in VERDICTS.items() if k in VERDICT_COLOURS}
        _write(res, args.out, [args.targets, args.observations], colours=("verdict_vi", colours))
    shown = res
    if args.out and len(res) > _SHOW_MAX:   # a national run: the file has every row, the terminal the first ones
        shown = res.head(_SHOW_MAX)
    show = pd.DataFrame({
        "id": shown["id"], "indicator": shown["indicator"],
        "target": _each_distinct(lambda cv: f"{cv[0]} {format_number(cv[1], decimals_of(cv[1]))}",
                                 list(zip(shown["comparator"], shown["target"]))),
        "due": shown["due_year"], "n": shown["n_obs"],
        "projected": _each_distinct(lambda v: format_number(v, 1) if not math.isnan(v) else "–", shown["projected"]),
        # a settled outcome has no probability; a due target without data shows the forecast's, said so
        "P(met)": [("–" if v in ("observed_met", "observed_missed") else
                    f"{p} (ước tính / estimate)" if v == "due_no_data" and p != "–" else p)
                   for v, p in zip(shown["verdict"], _each_distinct(probability_text, shown["prob_met"]))],
        "verdict": shown["verdict_vi"] + " / " + shown["verdict_en"],
    })
    _print_table(show)
    if len(shown) < len(res):
        _say(f"… và {format_count(len(res) - len(shown))} dòng nữa (tất cả {format_count(len(res))} dòng có trong {args.out})",
             f"… and {len(res) - len(shown):,} more rows (all {len(res):,} are in {args.out})")
    if args.out:
        _say(f"\nĐã ghi {format_count(len(res))} kết luận vào {args.out}", f"{len(res):,} verdicts written to {args.out}")
    return 0


def _as_of(text):
    """The date a run judges as of: ``--as-of`` (YYYY-MM-DD or YYYY), else the briefing's (today or EDUSTATS_AS_OF),
    so that ``assess`` and ``briefing`` call the same targets due."""
    import re

    from .due import as_of_date, build_as_of

    if text is None:
        return build_as_of()
    if not re.fullmatch(r"(?:19|20)\d\d(?:-\d\d-\d\d)?", str(text).strip()):
        raise_usage_error(f"--as-of '{text}': cần ngày viết YYYY-MM-DD hoặc một năm YYYY, ví dụ 2026-11-29.",
                          f"--as-of '{text}': expected a date written YYYY-MM-DD or a year YYYY, e.g. 2026-11-29.")
    try:
        return as_of_date(int(text) if len(str(text).strip()) == 4 else text)
    except ValueError:
        raise_usage_error(f"--as-of '{text}': không phải một ngày có thật.", f"--as-of '{text}': not a real date.")


def _cmd_reconcile(args) -> int:
    from .excel_io import check_not_an_input
    from .loaders import load_targets
    from .reconcile import print_reconciliation, reconcile

    check_not_an_input(args.out, [args.targets])
    if not Path(args.counts).is_dir():
        raise_usage_error(f"--counts '{args.counts}' không phải là một thư mục chứa các bảng số đếm.",
                          f"--counts '{args.counts}' is not a folder of count tables.")
    res = reconcile(load_targets(args.targets), args.counts, rounding=args.rounding)
    if args.out:
        _write(res, args.out, [args.targets])
    print_reconciliation(res, args.rounding)
    _say_ignored_count_columns(args.counts)
    return 0


def _say_ignored_count_columns(folder) -> None:
    """Name the columns of the planner's count tables that were left out (not columns of those tables)."""
    from .examples import FILES, CountsMissing, load_counts

    for name in FILES:
        try:
            cols = load_counts(name, folder).attrs.get("ignored_columns", [])
        except (CountsMissing, DataError):
            continue
        if cols:
            _say(f"Cột không dùng trong {name}: {', '.join(cols)}", f"Columns not used in {name}: {', '.join(cols)}")


def _cmd_extract(args) -> int:
    from .excel_io import check_not_an_input
    from .extract import extract_targets, read_document

    check_not_an_input(args.out, [args.file])
    text = read_document(args.file)
    import re

    if args.date is not None and not re.fullmatch(r"(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?", str(args.date)):
        raise_usage_error(f"--date '{args.date}': cần ngày viết YYYY hoặc YYYY-MM-DD, ví dụ 2023-06-28.",
                          f"--date '{args.date}': expected a date written YYYY or YYYY-MM-DD, e.g. 2023-06-28.")
    rows = extract_targets(text, source=args.source or Path(args.file).name, locality=args.locality,
                           date=args.date, period_end=args.period_end)
    uncoded = rows[rows["indicator"] == ""]
    if args.out:
        _write(rows, args.out, [args.file])
        _say(f"Đã ghi {format_count(len(rows))} dòng đề xuất vào {args.out} ({format_count(len(rows) - len(uncoded))} dòng có mã "
             "chỉ tiêu); "
             "hãy rà soát rồi nạp bằng edustats.load_targets",
             f"{len(rows):,} proposed rows written to {args.out} ({len(rows) - len(uncoded):,} with an indicator code); "
             "review them, then load with edustats.load_targets")
    else:
        _print_table(rows[["id", "kind", "year", "level", "indicator", "comparator", "value", "unit", "label_vi"]])
    if len(uncoded):
        _say(f"\n{format_count(len(uncoded))} dòng chưa có mã chỉ tiêu (assess bỏ qua); các mục gần nhất trong danh mục:",
             f"{len(uncoded):,} rows have no indicator code (assess skips them); nearest catalogue entries:")
        for r in uncoded.itertuples():
            print(f"  {r.id} {r.value:g} {r.unit}: {r.label_vi[:70]}\n      → {r.candidates or 'không có / no close entry'}",
                  file=sys.stderr)
    return 0


def _cmd_briefing(args) -> int:
    from .build import build_own_briefing
    from .excel_io import check_not_an_input
    from .loaders import load_observations, load_targets

    check_not_an_input(args.out, [args.targets, args.observations])
    if args.out and Path(args.out).suffix.lower() not in (".html", ".htm"):
        raise_usage_error(f"--out '{args.out}': bản tóm tắt là một tệp .html.", f"--out '{args.out}': a briefing is an .html file.")
    if args.as_of is not None:  # the notebook's kernel reads it through edustats.due.build_as_of
        os.environ["EDUSTATS_AS_OF"] = _as_of(args.as_of).isoformat()
    obs = load_observations(args.observations)  # refuse bad input before starting a kernel
    _say_summary(obs)
    locality = resolve_locality(args.locality, obs["locality"], what_vi="tệp số liệu", what_en="observations file",
                                file=args.observations)
    if locality != args.locality:
        _say(f"--locality '{args.locality}' được hiểu là '{locality}' (cách viết trong tệp số liệu).",
             f"--locality '{args.locality}' read as '{locality}' (as the observations file writes it).")
    # rows written for a locality that looks like a misspelling of this one are not used: say so, never drop silently
    others = sorted(set(obs["locality"]) - {locality})
    same = [o for o in others if locality_key(o) == locality_key(locality)]
    if same:  # the page uses rows written without accents or in other case, and notes it; say so here too
        n = int(obs["locality"].isin(same).sum())
        _say(f"Lưu ý: {format_count(n)} dòng ghi địa phương {', '.join(repr(x) for x in same)} được hiểu là '{locality}' (chỉ khác "
             "dấu hoặc chữ hoa); bản tóm tắt ghi chú điều này.",
             f"Note: {n:,} {'row names' if n == 1 else 'rows name'} {', '.join(repr(x) for x in same)}, read as '{locality}' (only accents or case "
             "differ); the briefing notes it.")
    near = [o for o in others if _near_localities(o, [locality])]
    if near:
        _say_misspelt(int(obs["locality"].isin(near).sum()), near, locality, args.observations,
                      vi_use="được dùng cho bản tóm tắt này", en_use="used in this briefing")
    targets = load_targets(args.targets)
    if args.targets:
        _say_summary(targets)
    tfile = args.targets or "data/targets.csv"
    mine = targets[(targets["locality"] == locality) | (targets["locality"] == "")]
    if mine.empty:
        other = sorted({t for t in targets["locality"] if t and locality_key(t) == locality_key(locality)})
        if other:
            raise_usage_error(
                f"Tệp mục tiêu {tfile} viết '{other[0]}', tệp số liệu viết '{locality}': hãy viết tên địa phương "
                "giống nhau ở hai tệp.",
                f"The targets file {tfile} writes '{other[0]}', the observations '{locality}': write the locality "
                "the same way in both files.")
        _no_targets(locality, tfile, targets["locality"])
    _check_some_match(mine, obs[obs["locality"] == locality], tfile)
    import re
    import unicodedata

    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", locality).encode("ascii", "ignore")
                  .decode().lower()).strip("-")
    from .build import REPORTS_DIR
    final = Path(args.out) if args.out else REPORTS_DIR / f"30-{slug or 'locality'}.html"
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".{final.stem}.partial.html"
    try:
        path = build_own_briefing(locality, args.observations, args.targets, args.lang, tmp, pdf=args.pdf)
        os.replace(path, final)
        if args.pdf:
            os.replace(path.with_suffix(".pdf"), final.with_suffix(".pdf"))
    finally:
        for leftover in (tmp, tmp.with_suffix(".pdf")):
            if leftover.exists():
                leftover.unlink()
    _say(f"Đã ghi bản tóm tắt vào {final}" + (f" (và {final.with_suffix('.pdf').name})" if args.pdf else ""),
         f"briefing written to {final}" + (f" (and {final.with_suffix('.pdf').name})" if args.pdf else ""))
    return 0


def _cmd_template(args) -> int:
    from .template import write_template

    path, info = write_template(args.out, source=args.source, targets=args.targets, locality=args.locality,
                                years=args.years, overwrite=args.overwrite)
    if not info["targets"]:   # a locality with no targets yet: nothing is laid out, the targets come first
        loc = args.locality or args.source or args.targets
        name = f'"{path.name}"' if any(ch.isspace() for ch in path.name) else path.name
        _say(f"Đã ghi tệp mẫu {path}: chưa có mục tiêu nào cho '{loc}' nên chưa có dòng số liệu dựng sẵn. "
             "Trước hết hãy điền trang 'Mục tiêu' (mỗi mục tiêu một dòng: chỉ tiêu, cấp học, so sánh, giá trị, đơn vị "
             "tính, năm đích), rồi ghi số liệu các chỉ tiêu đó ở trang 'Số liệu' (mỗi năm một dòng), rồi chạy "
             f"edustats briefing --locality \"{loc}\" --observations {name} --targets {name}.",
             f"Template written to {path}: no targets for '{loc}' yet, so no data rows are laid out. First "
             "fill the sheet 'Mục tiêu' (targets; one target a row: indicator, level, comparator, value, unit, due "
             "year), then the observations of those indicators on the sheet 'Số liệu' (one row a year), then run "
             f"edustats briefing --locality \"{loc}\" --observations {name} --targets {name}.")
        return 0
    _say(f"Đã ghi tệp mẫu {path}: {format_count(info['rows'])} dòng số liệu dựng sẵn ({format_count(info['indicators'])} chỉ tiêu × "
         f"{info['years']} năm), {format_count(info['targets'])} mục tiêu. Điền cột 'Giá trị' (hoặc tử số, mẫu số) ở trang "
         "'Số liệu', rồi chạy edustats briefing.",
         f"Template written to {path}: {info['rows']:,} data rows laid out ({info['indicators']:,} indicators × "
         f"{info['years']} years), {info['targets']:,} targets. Fill the 'Giá trị' (value) column, or the numerator "
         "and denominator, on the 'Số liệu' sheet, then run edustats briefing.")
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Vietnamese first (exit status 2, as argparse)."""

    def error(self, message):
        vi = (message.replace("the following arguments are required", "thiếu tham số bắt buộc")
                     .replace("unrecognized arguments", "tham số không nhận ra")
                     .replace("invalid choice", "lựa chọn không hợp lệ")
                     .replace("not allowed with argument", "không dùng cùng tham số")
                     .replace("one of the arguments", "cần một trong các tham số")
                     .replace("is required", "là bắt buộc")
                     .replace("expected one argument", "cần một giá trị"))
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {vi}\n{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="edustats",
        description="Mục tiêu và số liệu giáo dục của địa phương / Targets and baselines of Vietnamese education "
                    "resolutions as data; indicators computed the official way.",
    )
    parser.add_argument("--version", action="version", version=f"edustats {__import__('edustats').__version__}")
    parser.add_argument("--debug", action="store_true", help="show the Python traceback of an error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("targets", help="in bảng mục tiêu và số liệu nền / print targets and baselines as a readable table",
                       description="Print the targets and baselines (default: data/targets.csv).")
    p.add_argument("--file", default=None, help="a targets CSV/Excel file (default: the curated data/targets.csv)")
    p.add_argument("--sheet", default=None, help="the sheet of the workbook holding the targets (default: found)")
    p.add_argument("--source", help="only this document (file name, e.g. 000_77c0261806063d0e.txt)")
    p.add_argument("--level", help="only this level (preschool, primary, lower-secondary, …)")
    p.add_argument("--kind", choices=["target", "baseline"], help="only targets or only baselines")
    p.add_argument("--codes", action="store_true", help="show the indicator codes too")
    p.set_defaults(func=_cmd_targets)

    p = sub.add_parser("template", help="lập tệp mẫu nhập liệu Excel / write a Vietnamese workbook for a planner to fill",
                       description="Write a workbook: instructions, a data sheet laid out per indicator × year with "
                                   "drop-down lists, a targets sheet and the indicator catalogue.")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--source", help="a shipped document (file name or its number, e.g. 20-NQ/ĐU)")
    g.add_argument("--targets", help="a targets file (CSV or Excel)")
    g.add_argument("--locality", help="a locality: its targets in data/targets.csv, or an empty targets sheet")
    p.add_argument("--years", default=None, help="years to lay out, e.g. 2019-2025 (default: from the plan)")
    p.add_argument("--out", required=True, help="the workbook to write (.xlsx); an existing file is refused")
    p.add_argument("--overwrite", "--ghi-de", dest="overwrite", action="store_true",
                   help="replace --out if it exists (ghi đè; a filled workbook would be lost)")
    p.set_defaults(func=_cmd_template)

    for register in _registry():
        register(sub)
    # the handlers run here: Excel out, locality matching, messages in Vietnamese first
    for name, func in (("assess", _cmd_assess), ("reconcile", _cmd_reconcile), ("extract", _cmd_extract),
                       ("briefing", _cmd_briefing)):
        sp = sub.choices[name]
        sp.set_defaults(func=func)
        if name == "assess":
            sp.add_argument("--sheet", default=None, help="sheet of the observations workbook (default: found)")
            sp.add_argument("--targets-sheet", default=None, help="sheet of the targets workbook (default: found)")
        for a in sp._actions:
            if a.dest == "out" and name != "briefing":
                a.help = (a.help or "") + " (.xlsx for a formatted workbook; CSV is written with a UTF-8 BOM)"
    return parser


def _registry():
    # subcommands live beside their logic; imported lazily so `edustats --help` stays quick
    from .assess import _register_cli as assess_cli
    from .build import _register_cli as briefing_cli
    from .extract import _register_cli as extract_cli
    from .levels import _register_cli as levels_cli
    from .reconcile import _register_cli as reconcile_cli

    return [extract_cli, assess_cli, reconcile_cli, briefing_cli, levels_cli]


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    cmd = f"edustats {args.command}"
    try:
        return int(args.func(args) or 0)
    except DataError as exc:
        if debug:
            raise
        if not exc.vietnamese:
            print(f"{cmd}: dữ liệu đầu vào có lỗi (chi tiết bằng tiếng Anh bên dưới) / invalid input:", file=sys.stderr)
        print(f"{cmd}: {exc}", file=sys.stderr)
        return 2
    except UsageError as exc:
        if debug:
            raise
        print(f"{cmd}: {exc}", file=sys.stderr)
        return 2
    except (FileNotFoundError, IsADirectoryError, PermissionError, NotADirectoryError) as exc:
        if debug:
            raise
        name = getattr(exc, "filename", None) or ""
        vi = {"FileNotFoundError": "không tìm thấy tệp", "IsADirectoryError": "đây là thư mục, không phải tệp",
              "PermissionError": "không có quyền đọc/ghi tệp", "NotADirectoryError": "đường dẫn không hợp lệ"}
        print(f"{cmd}: {vi[type(exc).__name__]}: {name}\n{cmd}: {exc.strerror or exc}: {name}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{cmd}: đã dừng / interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal error: a message, not a traceback (--debug shows it)
        if debug:
            raise
        print(f"{cmd}: lỗi bên trong edustats ({type(exc).__name__}: {exc}). Chạy lại với --debug để xem chi tiết "
              f"và gửi cho người phát triển.\n{cmd}: internal error ({type(exc).__name__}: {exc}); run again with "
              "--debug for the traceback and report it.", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
