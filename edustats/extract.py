"""Read a Vietnamese education resolution and propose its numeric targets and baselines as rows.

:func:`extract_targets` returns rows in the format of ``data/targets.csv`` (kind, year, level,
label, comparator, value, unit, quote) plus the character span of each figure and a confidence,
for a planner to review in Excel and load with :func:`edustats.load_targets`.

The rules describe the language of these documents, not particular texts:

- **Figures.** A percentage (``22,5%``, ``100% (10/10)``), an amount (``35 triệu đồng``), a count
  of something countable (``09 trường``, ``7 lớp``, ``255 giáo viên``, ``28 người``) or a level
  (``mức độ 2``). Bare numbers are not figures: dates, years, document and article numbers,
  section numbers, ages (``5 tuổi``), grades (``lớp 3``), times and page furniture are skipped.
  A level that qualifies a count ("2 trường đạt chuẩn quốc gia mức độ 1") is not a separate figure.
- **Comparators** from the words just before the figure: ``từ … trở lên`` / ``đạt`` → ``>=``;
  ``trên`` → ``>``; ``dưới`` / ``dưới mức`` → ``<``; ``xuống`` / ``giảm xuống còn`` /
  ``không quá`` → ``<=``; a reported result is ``=``.
- **Targets or results.** A sentence about the past ("Trong giai đoạn 2016-2021", "đã đạt",
  "năm qua", a shortage "thiếu"/"thừa" in a report) gives baselines; anything else in a plan or
  resolution is a target.
- **Years** from the nearest context: "đến năm 2025", "vào năm 2025", "năm học 2022 - 2023"
  (→ 2023), "giai đoạn 2016-2021" (→ 2021 for results); "hằng năm"/"mỗi năm" marks the target
  ``annual``; otherwise the document's own horizon.
- **Levels** from the noun after the figure ("95% giáo viên mầm non, 80% giáo viên tiểu học")
  or the nearest heading ("Đối với bậc Tiểu học", "Giáo dục Trung học cơ sở").
- **Repeated text** (a web page that prints the document twice) yields each figure once.

Bad input: empty text, mojibake (UTF-8 read as Windows-1252/1258) and undecodable bytes raise
:class:`~edustats.errors.DataError`; HTML is reduced to its text first (spans then refer to
that text). Every regular expression is linear-time (no nested unbounded repetition), so a
5 MB file is read in seconds, never hangs.
"""
from __future__ import annotations

import html as _html
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from .errors import raise_data_error
from .loaders import TARGET_COLUMNS, check_not_mojibake
from .vnformat import parse_vn_decimal

__all__ = ["extract_targets", "read_document", "html_to_text", "score_extraction"]

MAX_CHARS = 20_000_000

_NUM = r"\d{1,9}(?:[.,]\d{1,9}){0,3}"
# things a target counts; pupils and children are left out: "35 học sinh" describes a class, it is
# rarely a target, and their shares are written as percentages
_COUNT_NOUNS = (r"trường học|trường|xã|thị trấn|lớp học|lớp|giáo viên|cán bộ|nhân viên|người|đơn vị|mô hình|"
                r"phòng học bộ môn|phòng chức năng|phòng học|phòng|nhà công vụ|nhà ở|nhà|thư viện|công trình|"
                r"trung tâm|điểm trường|cơ sở|huyện|nhóm trẻ|nhóm|thôn|khu")
_FIGURE = re.compile(
    r"(?P<pct>" + _NUM + r")\s{0,2}%(?:\s{0,2}\(\s{0,2}(?P<pnum>\d{1,6})\s{0,2}/\s{0,2}(?P<pden>\d{1,6})\s{0,2}\))?"
    r"|(?P<money>" + _NUM + r")\s{1,3}(?P<mu>triệu|tỷ|tỉ|nghìn|ngàn)\s{1,3}đồng"
    r"|(?P<cnt>\d{1,6})\s{1,3}(?P<noun>" + _COUNT_NOUNS + r")(?![\wÀ-ỹ])"
    r"|mức\s{1,3}độ\s{1,3}(?P<lvl>[1-3])(?!\d)",
    flags=re.IGNORECASE)
_MONEY_UNITS = {"triệu": "million_vnd", "tỷ": "billion_vnd", "tỉ": "billion_vnd", "nghìn": "thousand_vnd",
                "ngàn": "thousand_vnd"}
# a count noun right after a number is sometimes an age, a grade or a time, not a count
_NOT_A_COUNT_AFTER = re.compile(r"^\s{0,2}(tuổi|năm|tháng|ngày|giờ|buổi|số|lần|điểm|môn)", re.IGNORECASE)
_BASELINE_SENTENCE = re.compile(
    r"(trong\s+giai\s+đoạn\s+\d{4}\s*-\s*\d{4}|đã\s+đạt|đã\s+có|đạt\s+được|năm\s+qua|kết\s+quả\s+đạt|đến\s+nay\s+(?:đã|có)|"
    r"hiện\s+nay\s+(?:có|đạt)|so\s+với\s+quy\s+định|thực\s+trạng|hạn\s+chế)", re.IGNORECASE)
_TARGET_WORDS = re.compile(r"(phấn\s+đấu|đến\s+năm|mục\s+tiêu|chỉ\s+tiêu|hằng\s+năm|hàng\s+năm|mỗi\s+năm|duy\s+trì|"
                           r"huy\s+động|giữ\s+vững|xây\s+dựng|bảo\s+đảm|đảm\s+bảo|tổ\s+chức\s+cho)", re.IGNORECASE)
_SHORTAGE = re.compile(r"\b(thiếu|thừa)\b", re.IGNORECASE)
_LEVEL_WORDS = [
    (re.compile(r"nhà\s+trẻ|dưới\s+3\s+tuổi|nhóm\s+trẻ", re.I), "nursery"),
    (re.compile(r"mẫu\s+giáo", re.I), "kindergarten"),
    (re.compile(r"mầm\s+non|\bMN\b|suy\s+dinh\s+dưỡng|bé\s+chăm", re.I), "preschool"),
    (re.compile(r"tiểu\s+học|\bTH\b", re.I), "primary"),
    (re.compile(r"trung\s+học\s+cơ\s+sở|\bTHCS\b|lớp\s+[6-9]\b", re.I), "lower-secondary"),
    (re.compile(r"trung\s+học\s+phổ\s+thông|\bTHPT\b|lớp\s+1[0-2]\b|PTDTNT", re.I), "upper-secondary"),
    (re.compile(r"lao\s+động|mù\s+chữ|xã\s+hội\s+học\s+tập", re.I), "adult"),
    (re.compile(r"\bnghề\b", re.I), "vocational"),
]
# a section starts at a numbered or bulleted line ("3.4. Đối với bậc Trung học cơ sở:", "- Giáo dục Mầm non:",
# "II. MỤC TIÊU"); the first words of that line give the section's level, or "all"
_HEADING = re.compile(r"(?:^|\n)[ \t\xa0]{0,16}(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2}){0,2}\.?|[a-zđ]\)|[-–•*])[ \t\xa0]{1,8}"
                      r"(?P<h>[^\n]{0,48})")
_YEAR_CONTEXT = re.compile(r"(?:đến|vào|trong)\s+năm\s+(?P<y1>20\d\d)|năm\s+học\s+(?P<sy>20\d\d)\s{0,3}[-–]\s{0,3}(?P<sy2>20\d\d)|"
                           r"giai\s+đoạn\s+(?P<g1>20\d\d)\s{0,3}[-–]\s{0,3}(?P<g2>20\d\d)", re.IGNORECASE)


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "table"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(text: str) -> str:
    """The visible text of an HTML page (tags, scripts and styles removed, entities decoded).

    >>> html_to_text("<p>Phấn đấu <b>95%</b> giáo viên</p><script>x=1</script>")
    '\\nPhấn đấu 95% giáo viên'
    """
    p = _TextOnly()
    p.feed(text)
    p.close()
    return _html.unescape("".join(p.parts))


def read_document(path) -> str:
    """Read a document file as UTF-8 text; refuse other encodings and mojibake with a clear error."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise_data_error("document is not UTF-8", [dict(
            file=str(path), row=raw[:exc.start].count(b"\n") + 1, column=None, value=raw[exc.start:exc.start + 8].hex(" "),
            expected="UTF-8 text (documents saved as Windows-1258 or TCVN3 must be converted to UTF-8 first)")])
    check_not_mojibake(text, str(path))
    return text


def _sentences(text: str):
    """Yield (start, end) of sentences: split at '.', '!' or '?' before a space and a capital or a
    newline, and at blank lines. Decimal points and section numbers ("3.1.") are not breaks."""
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9-])|\n\s*\n|\n(?=\s{0,12}(?:[-–•]|\d{1,2}\.))", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _clauses(text: str, s: int, e: int):
    """Clauses of a sentence: split at ';' and at newlines."""
    start = s
    for m in re.finditer(r"[;\n]", text[s:e]):
        yield start, s + m.start()
        start = s + m.end()
    yield start, e


def _comparator(before: str, after: str, kind: str) -> str:
    if kind == "baseline":
        return "="
    b = before[-28:].lower()
    if re.search(r"dưới\s+mức\s*$|dưới\s*$|thấp\s+hơn\s*$|ít\s+hơn\s*$", b):
        return "<"
    if re.search(r"(giảm\s+)?xuống(\s+còn)?\s*(dưới\s+)?$|không\s+(vượt\s+)?quá\s*$|vượt\s+quá\s*$|tối\s+đa\s*$|"
                 r"còn\s*$", b):
        return "<="
    if re.search(r"trên\s*$|hơn\s*$|vượt\s*$", b):
        return ">"
    return ">="


def _level_from(text: str) -> str | None:
    for rx, lv in _LEVEL_WORDS:
        if rx.search(text):
            return lv
    return None


def _heading_level(h: str) -> str:
    # only a level named as the section's subject counts ("Đối với bậc Tiểu học", "Giáo dục Mầm non")
    m = re.match(r"\s*(?:Đối\s+với\s+(?:bậc\s+|cấp\s+)?|Giáo\s+dục\s+|Bậc\s+|Cấp\s+)(.{0,40})", h, flags=re.I)
    return (_level_from(m.group(1)) if m else None) or "all"


def _year_of(m) -> int | None:
    if m.group("y1"):
        return int(m.group("y1"))
    if m.group("sy2"):
        return int(m.group("sy2"))
    return None


def extract_targets(text: str, source: str = "document", locality: str = "") -> pd.DataFrame:
    """Propose target and baseline rows from the text of a resolution or plan.

    Returns a DataFrame with the columns of ``data/targets.csv`` plus ``span_start``,
    ``span_end`` (character offsets of the figure in ``text``) and ``confidence`` (0-1), sorted
    by position. ``quote`` is the clause the figure came from, verbatim.

    Examples
    --------
    >>> t = ("Đến năm 2025, tỷ lệ trúng tuyển vào trường chuyên nghiệp đạt từ 22,5% trở lên. "
    ...      "Phấn đấu từ 95% giáo viên mầm non, 80% giáo viên tiểu học đạt chuẩn; "
    ...      "tỷ lệ trẻ suy dinh dưỡng xuống 6%.")
    >>> extract_targets(t)[["kind", "year", "level", "comparator", "value", "unit"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'kind': 'target', 'year': 2025, 'level': 'all', 'comparator': '>=', 'value': 22.5, 'unit': 'percent'},
     {'kind': 'target', 'year': 2025, 'level': 'preschool', 'comparator': '>=', 'value': 95.0, 'unit': 'percent'},
     {'kind': 'target', 'year': 2025, 'level': 'primary', 'comparator': '>=', 'value': 80.0, 'unit': 'percent'},
     {'kind': 'target', 'year': 2025, 'level': 'preschool', 'comparator': '<=', 'value': 6.0, 'unit': 'percent'}]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if not text.strip():
        raise_data_error("cannot extract targets", [dict(file=source, row=None, column=None, value="",
                                                         expected="a non-empty text")])
    if len(text) > MAX_CHARS:
        raise_data_error("cannot extract targets", [dict(file=source, row=None, column=None, value=f"{len(text)} characters",
                                                         expected=f"at most {MAX_CHARS} characters")])
    check_not_mojibake(text, source)
    if re.match(r"\s*(<!doctype|<html|<body|<div|<p[ >])", text, flags=re.I):
        text = html_to_text(text)

    # document defaults: its horizon ("đến năm" most often named) or its school year
    years = [int(m.group("y1") or m.group("sy2")) for m in _YEAR_CONTEXT.finditer(text) if m.group("y1") or m.group("sy2")]
    default_year = max(set(years), key=years.count) if years else None
    year_note = ""
    if default_year is None:
        # no "đến năm …" anywhere: the latest year the text names, else this year, flagged for review
        mentioned = [int(y) for y in re.findall(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)", text)]
        default_year = max(mentioned) if mentioned else __import__("datetime").date.today().year
        year_note = "; due year not stated in the text: review"
    heading_matches = list(_HEADING.finditer(text))
    headings = [(m.start(), _heading_level(m.group("h"))) for m in heading_matches]
    # numbered and roman headings open a section for the due year; bullets do not
    heading_starts = [m.start() for m in heading_matches
                      if not re.match(r"\s*[-–•*]", text[m.start():m.start() + 20].lstrip("\n"))]
    target_years = [(m.start(), int(m.group("y1"))) for m in _YEAR_CONTEXT.finditer(text) if m.group("y1")]
    last_baseline_year = None
    is_report = bool(re.search(r"BÁO\s+CÁO|báo\s+cáo\s+(?:kết\s+quả|thực\s+hiện)", text[:3000]))

    rows, seen = [], set()
    for s0, s1 in _sentences(text):
        sentence = text[s0:s1]
        if not _FIGURE.search(sentence):
            continue
        sent_baseline = bool(_BASELINE_SENTENCE.search(sentence)) and not re.search(r"phấn\s+đấu|đến\s+năm\s+20\d\d", sentence, re.I)
        ctx = [(s0 + m.start(), _year_of(m) or (int(m.group("g2")) if m.group("g2") and sent_baseline else None))
               for m in _YEAR_CONTEXT.finditer(sentence)]
        ctx = [(pos, y) for pos, y in ctx if y]
        if sent_baseline and ctx:
            last_baseline_year = ctx[-1][1]
        for c0, c1 in _clauses(text, s0, s1):
            clause = text[c0:c1]
            figs = list(_FIGURE.finditer(clause))
            if not figs:
                continue
            key_clause = clause.strip()
            counted_before = False
            for f in figs:
                range_note, cnt_num, cnt_den = "", None, None
                a, b = c0 + f.start(), c0 + f.end()
                before, after = text[max(c0, a - 60):a], text[b:min(c1, b + 60)]
                if f.group("pct"):
                    try:
                        value, _ = parse_vn_decimal(f.group("pct"))
                    except ValueError:
                        continue
                    unit = "percent"
                    if value > 100:
                        continue
                    rng = re.search(r"(\d{1,3}(?:,\d{1,3})?)\s{0,2}[-–]\s{0,2}$", before)
                    if rng:  # "98 - 99%": the range's lower bound is what must be reached
                        value, _ = parse_vn_decimal(rng.group(1))
                        range_note = f"; range {rng.group(1)}–{f.group('pct')}%"
                elif f.group("money"):
                    value, _ = parse_vn_decimal(f.group("money"))
                    unit = _MONEY_UNITS[f.group("mu").lower()]
                elif f.group("cnt"):
                    if re.search(r"(lớp|Lớp|khóa|Khóa|số|Số|trang|Điều|điều)\s*$", before) or _NOT_A_COUNT_AFTER.match(after):
                        continue
                    noun = f.group("noun").lower()
                    if noun == "lớp" and re.match(r"^\s*\d", after):
                        continue
                    value, unit = float(f.group("cnt")), "count"
                    frac = re.search(r"(\d{1,6})\s{0,2}/\s{0,2}$", before)
                    if frac:  # "27/31 trường": 27 schools of 31
                        cnt_num, cnt_den = float(frac.group(1)), value
                        value = cnt_num
                    if noun in ("trường", "trường học", "đơn vị", "xã"):
                        counted_before = True
                else:
                    if counted_before:  # "2 trường đạt chuẩn quốc gia mức độ 1": the level qualifies the count
                        continue
                    value, unit = float(f.group("lvl")), "level"
                kind = "baseline" if (sent_baseline or (is_report and _SHORTAGE.search(clause) and
                                                        not _TARGET_WORDS.search(clause))) else "target"
                dedup = (key_clause, f.start(), f.group(0), kind)
                if dedup in seen:
                    continue
                seen.add(dedup)
                comparator = _comparator(before, after, kind)
                # level: the noun right after a figure in a list ("95% giáo viên mầm non"), else the words
                # since the previous figure, else the section heading
                prev_end = c0 + (figs[figs.index(f) - 1].end() if figs.index(f) else 0)
                level = (_level_from(after[:24].split(",")[0]) or _level_from(text[prev_end:a])
                         or next((lv for pos, lv in reversed(headings) if pos <= a), "all"))
                before_ctx = [y for pos, y in ctx if pos < a]
                after_ctx = [y for pos, y in ctx if a < pos < c1]
                if kind == "baseline":
                    year = (before_ctx or after_ctx or [last_baseline_year or default_year])[-1 if before_ctx else 0]
                else:
                    # in the sentence before the figure, else in its clause, else since its section heading
                    section = max((h for h in heading_starts if h <= a), default=0)
                    in_section = [y for pos, y in target_years if section <= pos < a]
                    year = (before_ctx[-1] if before_ctx else after_ctx[0] if after_ctx else
                            in_section[-1] if in_section else default_year)
                annual = bool(re.search(r"hằng\s+năm|hàng\s+năm|mỗi\s+năm", sentence, re.I))
                conf = 0.5 + 0.2 * bool(_TARGET_WORDS.search(sentence) or sent_baseline) + \
                    0.15 * (unit != "count") + 0.15 * bool(year)
                label = re.sub(r"\s+", " ", clause.strip(" -–•*\t\n,."))[:160]
                rows.append(dict(id="", source=source, locality=locality, kind=kind, year=int(year),
                                 annual=str(annual).lower(), level=level, indicator="", label_vi=label, label_en="",
                                 comparator=comparator, value=float(value), unit=unit,
                                 numerator=float(f.group("pnum")) if f.group("pct") and f.group("pnum") else cnt_num,
                                 denominator=float(f.group("pden")) if f.group("pct") and f.group("pden") else cnt_den,
                                 quote=clause.strip(),
                                 note="proposed by edustats.extract: review before use" + year_note + range_note,
                                 span_start=a, span_end=b, confidence=round(min(conf, 1.0), 2)))
    out = pd.DataFrame(rows, columns=TARGET_COLUMNS + ["span_start", "span_end", "confidence"])
    out = out.sort_values("span_start", kind="stable").reset_index(drop=True)
    out["id"] = [f"X{i + 1:03d}" for i in range(len(out))]
    return out


def score_extraction(extracted: pd.DataFrame, curated: pd.DataFrame) -> dict:
    """Precision and recall of extracted rows against curated ones, matching on value, unit and comparator.

    Each curated row can be matched once (multiset matching).

    >>> e = pd.DataFrame({"value": [22.5, 95, 3], "unit": "percent", "comparator": [">=", ">=", ">="]})
    >>> c = pd.DataFrame({"value": [22.5, 95, 80], "unit": "percent", "comparator": ">="})
    >>> score_extraction(e, c)
    {'matched': 2, 'extracted': 3, 'curated': 3, 'precision': 0.6667, 'recall': 0.6667}
    """
    from collections import Counter

    key = lambda d: Counter(zip(d["value"].astype(float).round(4), d["unit"], d["comparator"]))  # noqa: E731
    ke, kc = key(extracted), key(curated)
    matched = sum((ke & kc).values())
    p = matched / len(extracted) if len(extracted) else 0.0
    r = matched / len(curated) if len(curated) else 0.0
    return dict(matched=matched, extracted=len(extracted), curated=len(curated), precision=round(p, 4), recall=round(r, 4))


def _register_cli(sub) -> None:
    p = sub.add_parser("extract", help="propose the targets of a new resolution (text file) as rows of targets.csv",
                       description="Read a UTF-8 text (or HTML) document and write the proposed targets and baselines "
                                   "in the columns of data/targets.csv, quotes included, for review.")
    p.add_argument("file", help="the document (UTF-8 .txt or .html)")
    p.add_argument("--source", default=None, help="source name written in the rows (default: the file name)")
    p.add_argument("--locality", default="", help="locality written in the rows")
    p.add_argument("--out", default=None, help="write the rows to this CSV (default: print a table)")
    p.set_defaults(func=_cmd_extract)


def _cmd_extract(args) -> int:
    import sys

    from .cli import _print_table

    text = read_document(args.file)
    rows = extract_targets(text, source=args.source or Path(args.file).name, locality=args.locality)
    if args.out:
        rows.to_csv(args.out, index=False, encoding="utf-8", float_format="%.10g")
        print(f"{len(rows)} proposed rows written to {args.out}; review them, then load with edustats.load_targets",
              file=sys.stderr)
    else:
        _print_table(rows[["id", "kind", "year", "level", "comparator", "value", "unit", "label_vi"]])
    return 0
