"""Read a Vietnamese education resolution, plan or report and propose its figures as rows.

:func:`extract_targets` returns rows in the format of ``data/targets.csv`` (kind, year, level,
indicator, label, comparator, value, unit, quote) plus the character span of each figure, a
confidence, the phrase that decided the indicator code and, for a row without a code, the
nearest catalogue entries; a planner reviews them in Excel and loads them with
:func:`edustats.load_targets`, and ``edustats assess --targets`` uses every row with a code.

The rules describe the language of these documents, not particular texts:

- **Figures.** A percentage (``22,5%``, ``100% (10/10)``), an amount (``35 triệu đồng``), a count
  of something countable (``09 trường``, ``1.064 giáo viên``, ``28 người``) or a level
  (``mức độ 2``). Bare numbers are not figures: dates, years, document and article numbers,
  section numbers, ages (``5 tuổi``), grades (``lớp 3``), times and page furniture are skipped.
  A level that qualifies a count or a share ("2 trường đạt chuẩn quốc gia mức độ 1", "75% đơn vị
  cấp xã đạt chuẩn xóa mù chữ mức độ 2") is not a separate figure.
- **Indicator codes** from the figure's own words ("tỷ lệ học sinh bỏ học đạt 0,42%", "70% học
  sinh tốt nghiệp THCS tiếp tục học lên THPT"), else from its clause, sentence, headings and the
  title while the figure's words name nothing else: a rule table of indicator phrases (huy động …
  ra lớp, trẻ 5 tuổi, 6 tuổi vào lớp 1, bỏ học, lưu ban, lên lớp, hoàn thành chương trình, tốt
  nghiệp, chuyển cấp, học 2 buổi/ngày, suy dinh dưỡng thể thấp còi, lao động qua đào tạo, …) and
  families read with their qualifiers: communes, districts or provinces meeting a
  universalisation or literacy standard at a level (``communes_pcgd_primary_level3_share``), the
  level of a standard (``pcgd_lower_secondary_level``), the literacy rate of an age band or of
  ethnic minorities, national-standard schools (new, level 2, share). A figure whose words name
  something the catalogue lacks gets no code, said so in ``note``, with ``candidates``.
- **Results or targets** from planning words ("phấn đấu", "mục tiêu", "chỉ tiêu", "trở lên", a
  due year after the document's date) against reporting words ("đã", "đạt được", "hiện nay",
  "so với năm …", "chiếm", a school year or period already over), in the clause, then the
  sentence; then the section ("I. KẾT QUẢ …", "II. MỤC TIÊU …"); then the document's type
  (BÁO CÁO and news report results; KẾ HOẠCH, NGHỊ QUYẾT, CHƯƠNG TRÌNH, ĐỀ ÁN plan targets).
- **Comparators.** A target's from the words before it: ``từ … trở lên`` / ``đạt`` → ``>=``;
  ``trên`` → ``>``; ``dưới`` → ``<``; ``xuống`` / ``giảm xuống còn`` / ``không quá`` → ``<=``.
  A result is ``=`` unless its words say otherwise ("hơn 94%" → ``>``).
- **Years** from the nearest expression in the clause and sentence ("đến năm 2025", "năm học
  2022 - 2023" → 2023, "giai đoạn 2016-2021" → 2021; not "so với năm 2023", nor a target's
  "từ năm học …"), then the section and its headings ("1. Mục tiêu đến năm 2025"), then the
  document's title ("giai đoạn 2022-2025", "năm học 2024-2025") or ``period_end``; a result
  without one takes the report's year or the document's date (``date``). Where none is found
  the row says so in ``note``. "hằng năm"/"mỗi năm" marks the target ``annual``.
- **Levels** from the words right after the figure ("95% giáo viên mầm non, 80% giáo viên tiểu
  học"), the words before it, the indicator's own level in the catalogue, the headings ("- Giáo
  dục Trung học cơ sở:", "2. Phổ cập giáo dục tiểu học"), the title's topic and the issuer
  ("TRƯỜNG TIỂU HỌC …"); several levels named together are joined ("preschool+primary").
- **Repeated text** (a web page that prints the document twice) yields each figure once.

Bad input: empty text, mojibake (UTF-8 read as Windows-1252/1258) and undecodable bytes raise
:class:`~edustats.errors.DataError`; HTML is reduced to its text first (spans then refer to
that text). Every regular expression is linear-time (no nested unbounded repetition), so a
5 MB file is read in seconds, never hangs.
"""
from __future__ import annotations

import bisect
import html as _html
import re
import unicodedata
from html.parser import HTMLParser
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import raise_data_error
from .loaders import TARGET_COLUMNS, check_not_mojibake
from .vnformat import parse_vn_decimal

__all__ = ["extract_targets", "read_document", "html_to_text", "score_extraction", "score_fields",
           "document_context"]

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
    r"|(?P<cnt>\d{1,3}(?:\.\d{3})+|\d{1,6})\s{1,3}(?P<noun>" + _COUNT_NOUNS + r")(?![\wÀ-ỹ])"
    r"|mức\s{1,3}độ\s{1,3}(?P<lvl>[1-3])(?!\d)"
    # learners are counted when there are many: "34.620 học sinh" is a figure, "35 học sinh" is a class
    r"|(?P<many>\d{1,3}(?:\.\d{3})+|\d{3,6})\s{1,3}(?P<learners>học\s+sinh|trẻ\s+em|trẻ|học\s+viên|sinh\s+viên|em)(?![\wÀ-ỹ])",
    flags=re.IGNORECASE)
_MONEY_UNITS = {"triệu": "million_vnd", "tỷ": "billion_vnd", "tỉ": "billion_vnd", "nghìn": "thousand_vnd",
                "ngàn": "thousand_vnd"}
# a count noun right after a number is sometimes an age, a grade or a time, not a count
_NOT_A_COUNT_AFTER = re.compile(r"^\s{0,2}(tuổi|năm|tháng|ngày|giờ|buổi|số|lần|điểm|môn)", re.IGNORECASE)
_TARGET_WORDS = re.compile(r"(phấn\s+đấu|đến\s+năm|mục\s+tiêu|chỉ\s+tiêu|hằng\s+năm|hàng\s+năm|mỗi\s+năm|duy\s+trì|"
                           r"huy\s+động|giữ\s+vững|xây\s+dựng|bảo\s+đảm|đảm\s+bảo|tổ\s+chức\s+cho)", re.IGNORECASE)
_SHORTAGE = re.compile(r"\b(thiếu|thừa)\b", re.IGNORECASE)
_LEVEL_WORDS = [
    (re.compile(r"nhà\s+trẻ|dưới\s+3\s+tuổi|nhóm\s+trẻ", re.I), "nursery"),
    (re.compile(r"mẫu\s+giáo|(?<!dưới )\b5\s+tuổi|\b3\s*(?:[-–]|đến)\s*(?:dưới\s+)?[56]\s+tuổi", re.I), "kindergarten"),
    (re.compile(r"mầm\s+non|\bMN\b|suy\s+dinh\s+dưỡng|bé\s+chăm", re.I), "preschool"),
    (re.compile(r"tiểu\s+học|\bTH\b", re.I), "primary"),
    (re.compile(r"trung\s+học\s+cơ\s+sở|\bTHCS\b|lớp\s+[6-9]\b", re.I), "lower-secondary"),
    (re.compile(r"trung\s+học\s+phổ\s+thông|\bTHPT\b|lớp\s+1[0-2]\b|PTDTNT", re.I), "upper-secondary"),
    (re.compile(r"lao\s+động|mù\s+chữ|biết\s+chữ|xã\s+hội\s+học\s+tập", re.I), "adult"),
    (re.compile(r"(?<!học )phổ\s+thông(?!\s+dân\s+tộc)|\bGDPT\b", re.I), "general"),
    (re.compile(r"\bnghề\b", re.I), "vocational"),
]


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




# ----------------------------------------------------------------------------- indicator codes
# The indicator is named by the words around a figure. Each rule is (pattern, code, units): the
# pattern is searched in the figure's own words first (its local window), then in wider context
# (see _indicator_of). Order matters: the specific before the general ("hoàn thành chương trình
# tiểu học vào lớp 6" is a transition, "hoàn thành chương trình tiểu học" a completion).
_PCT, _CNT, _LVL, _MONEY = ("percent",), ("count",), ("level",), ("million_vnd", "billion_vnd", "thousand_vnd")
_ANY = _PCT + _CNT + _LVL + _MONEY
_THCS = r"(?:THCS|trung\s+học\s+cơ\s+sở)"
_THPT = r"(?:THPT|trung\s+học\s+phổ\s+thông)"
_RULES = [(re.compile(p, re.IGNORECASE), code, units) for p, code, units in [
    # nutrition and early childhood
    (r"thấp\s+còi", "malnutrition_stunting_rate", _PCT),
    (r"nhẹ\s+cân", "malnutrition_underweight_rate", _PCT),
    (r"suy\s+dinh\s+dưỡng", "malnutrition_rate", _PCT),
    (r"bé\s+chăm|bé\s+ngoan", "good_child_award_share", _PCT),
    (r"(?:học|dạy)\s+(?:2|hai)\s+buổi", "two_session_share", _PCT),
    (r"ăn\s+bán\s+trú|bữa\s+ăn\s+(?:bán\s+trú|tại\s+trường)", "semi_boarding_meal_share", _PCT),
    (r"nấu\s+ăn\s+tập\s+trung|bếp\s+ăn", "schools_with_central_kitchen_share", _PCT),
    (r"phòng\s+ở\s+(?:cho\s+)?học\s+sinh\s+bán\s+trú|nhu\s+cầu\s+phòng\s+ở", "boarding_capacity_share", _PCT),
    (r"ngoài\s+công\s+lập|tư\s+thục|dân\s+lập", "private_preschool_enrolment_share", _PCT),
    (r"5\s+tuổi\s+hoàn\s+thành\s+chương\s+trình|hoàn\s+thành\s+chương\s+trình\s+giáo\s+dục\s+mầm\s+non",
     "age5_preschool_completion_rate", _PCT),
    (r"học\s+hết\s+mẫu\s+giáo|sẵn\s+sàng\s+vào\s+lớp\s+1(?!\d)", "school_readiness_share", _PCT),
    (r"khuyết\s+tật[^.;]{0,40}hòa\s+nhập|hòa\s+nhập[^.;]{0,20}khuyết\s+tật", "inclusive_education_rate", _PCT),
    (r"(?:phổ\s+cập|huy\s+động)[^.;%]{0,25}trẻ(?:\s+em)?(?:\s+mầm\s+non)?\s+5\s+tuổi|"
     r"trẻ(?:\s+em)?(?:\s+mầm\s+non)?\s+5(?:\s+đến\s+dưới\s+6)?\s+tuổi[^.;%]{0,25}"
     r"(?:ra\s+lớp|đến\s+(?:trường|lớp)|được\s+học|học\s+mẫu\s+giáo|đi\s+học)", "age5_enrolment_rate", _PCT),
    (r"6\s+tuổi[^.;%]{0,25}lớp\s+1(?!\d)|tuyển\s+mới\s+(?:vào\s+)?lớp\s+1(?!\d)", "net_intake_rate", _PCT),
    # universalisation criteria by age
    (r"11\s+tuổi\s+hoàn\s+thành|phổ\s+cập\s+giáo\s+dục\s+tiểu\s+học\s+đúng\s+độ\s+tuổi", "primary_completion_age11", _PCT),
    (r"14\s+tuổi\s+hoàn\s+thành", "primary_completion_age14", _PCT),
    (r"đang\s+học\s+" + _THPT + r"[^.;%]{0,70}(?:thường\s+xuyên|nghề)", "youth_15_18_in_upper_secondary_or_vocational", _PCT),
    (r"15\s*[-–]\s*18\s+tuổi[^.;%]{0,40}(?:bằng|tốt\s+nghiệp)|phổ\s+cập\s+(?:giáo\s+dục\s+)?" + _THCS + r"\s+đạt",
     "lower_secondary_diploma_15_18", _PCT),
    # flows and transitions (specific before general)
    (r"hoàn\s+thành\s+chương\s+trình\s+tiểu\s+học\s+vào\s+lớp\s+6|vào\s+lớp\s+6", "transition_rate_primary_to_lower_secondary", _PCT),
    (r"tốt\s+nghiệp\s+" + _THCS + r"[^.;%]{0,25}(?:và|,)\s*" + _THPT + r"[^.;%]{0,30}đào\s+tạo\s+nghề",
     "graduate_vocational_training_rate", _PCT),
    (r"lớp\s+9[^.;%]{0,15}(?:được\s+)?học\s+nghề", "grade9_vocational_orientation_rate", _PCT),
    (r"đăng\s+k[ýí]\s+học\s+nghề", "vocational_registration_rate", _PCT),
    (r"tốt\s+nghiệp\s+" + _THCS + r"[^.;%]{0,40}" + _THPT + r"[^.;%]{0,15}(?:và|hoặc|,)[^.;%]{0,20}(?:nghề|GDTX|thường\s+xuyên)",
     "transition_rate_upper_secondary_or_vocational", _PCT),
    (r"tốt\s+nghiệp\s+" + _THCS + r"[^.;%]{0,30}(?:vào|lên|học)\s+(?:học\s+)?(?:lớp\s+10|" + _THPT + ")",
     "transition_rate_upper_secondary", _PCT),
    (r"đi\s+học\s+nghề|học\s+nghề\s+dài\s+hạn|phân\s+luồng|tốt\s+nghiệp\s+" + _THCS + r"[^.;%]{0,25}(?:vào\s+)?học\s+nghề",
     "transition_rate_vocational", _PCT),
    (r"trúng\s+tuyển", "professional_school_admission_rate", _PCT),
    (r"tuyển\s+sinh\s+(?:vào\s+)?lớp\s+10", "grade10_admission_quota_share", _PCT),
    (r"bỏ\s+học", "dropout_rate", _PCT),
    (r"lưu\s+ban|ở\s+lại\s+lớp", "repetition_rate", _PCT),
    (r"lên\s+lớp(?!\s+\d)", "promotion_rate", _PCT),
    # evaluation results (TT 27/2020 for primary, TT 22/2021 for secondary, the older TT 58/2011)
    (r"chưa\s+hoàn\s+thành", "primary_eval_not_completed_share", _PCT),
    (r"hoàn\s+thành\s+(?:tốt|xuất\s+sắc)", "primary_eval_good_share", _PCT),
    (r"hoàn\s+thành\s+chương\s+trình\s+lớp\s+học|kết\s+quả\s+giáo\s+dục\s+(?:từ\s+)?hoàn\s+thành|hoàn\s+thành\s+trở\s+lên",
     "primary_eval_completed_share", _PCT),
    (r"hoàn\s+thành\s+chương\s+trình\s+tiểu\s+học", "programme_completion_rate", _PCT),
    (r"rèn\s+luyện[^%]{0,60}khá,?\s+tốt", "secondary_conduct_good_share", _PCT),
    (r"học\s+tập[^%]{0,60}khá,?\s+tốt", "secondary_learning_good_share", _PCT),
    (r"rèn\s+luyện[^.;%]{0,40}đạt\s+trở\s+lên", "secondary_conduct_pass_share", _PCT),
    (r"học\s+tập[^.;%]{0,40}đạt\s+trở\s+lên", "secondary_learning_pass_share", _PCT),
    (r"khá,?\s+giỏi", "legacy_academic_good_share", _PCT),
    (r"yếu,?\s+kém", "legacy_academic_weak_share", _PCT),
    (r"tốt\s+nghiệp", "graduation_rate", _PCT),
    # teachers and staff
    (r"(?:CBQL|cán\s+bộ\s+quản\s+lý),\s*giáo\s+viên[^.;%]{0,40}(?:đạt\s+)?chuẩn", "qualified_staff_share", _PCT),
    (r"(?:vượt|trên)\s+chuẩn", "above_standard_teacher_share", _PCT),
    (r"giáo\s+viên[^.;%]{0,40}tiếng\s+anh", "schools_with_english_teacher_share", _PCT),
    (r"giáo\s+viên\s+cơ\s+bản|đủ\s+giáo\s+viên", "schools_with_core_teachers_share", _PCT),
    (r"(?:giáo\s+viên|cán\s+bộ\s+quản\s+lý)[^.;%]{0,70}chuẩn(?:\s+(?:về\s+)?trình\s+độ|\s+trở\s+lên|\s*$)|"
     r"chuẩn\s+trình\s+độ", "qualified_teacher_share", _PCT),
    (r"giáo\s+viên\s*/\s*lớp|giáo\s+viên\s+trên\s+lớp", "teacher_class_ratio", ("ratio",) + _PCT),
    (r"học\s+sinh\s*/\s*lớp|học\s+sinh\s+bình\s+quân", "pupil_class_ratio", ("ratio",)),
    (r"học\s+sinh\s*/\s*giáo\s+viên", "pupil_teacher_ratio", ("ratio",)),
    # schools and programmes
    (r"tiếng\s+anh\s+và\s+tin\s+học|tin\s+học\s+và\s+tiếng\s+anh", "english_it_access_share", _PCT),
    (r"(?:dạy|học)\s+(?:học\s+)?ngoại\s+ngữ", "schools_teaching_foreign_language_share", _PCT),
    (r"điểm\s+trường\s+lẻ|điểm\s+trường\s+trung\s+tâm", "central_site_share", _PCT),
    (r"phòng\s+học\s+kiên\s+cố|phòng\s+học[^.;%]{0,20}kiên\s+cố", "solid_classroom_share", _PCT),
    (r"kiên\s+cố", "solid_school_share", _PCT),
    (r"nền\s+tảng\s+quản\s+trị|chuyển\s+đổi\s+số", "institutions_on_management_platform_share", _PCT),
    (r"trọng\s+điểm", "key_schools", _CNT),
    (r"quỹ\s+khuyến\s+học\s+dòng\s+họ|mô\s+hình\s+quỹ", "clan_fund_models_per_village", _CNT),
    (r"bản\s+ít\s+hộ", "scholarship_fund_village_small", _MONEY),
    (r"bản\s+nhiều\s+hộ", "scholarship_fund_village_large", _MONEY),
    (r"quỹ\s+khuyến\s+học|khuyến\s+học[^.;]{0,20}xã", "scholarship_fund_commune", _MONEY),
    (r"phòng\s+học\s+cho\s+\d+\s+lớp|bố\s+trí\s+đủ\s+phòng\s+học", "classrooms_for_two_sessions", _CNT),
    (r"lao\s+động[^.;%]{0,25}đào\s+tạo\s+nghề", "vocationally_trained_labour_share", _PCT),
    (r"bằng\s+cấp,?\s+chứng\s+chỉ", "certified_trained_labour_share", _PCT),
    (r"lao\s+động\s+(?:qua|thông\s+qua|đã\s+qua)\s+đào\s+tạo", "trained_labour_share", _PCT),
    (r"đi\s+học\s+đúng\s+độ\s+tuổi|nhập\s+học\s+đúng\s+(?:độ\s+)?tuổi", "ner", _PCT),
    (r"đi\s+học\s+chung|nhập\s+học\s+chung", "ger", _PCT),
    (r"ngoài\s+nhà\s+trường|không\s+đi\s+học", "out_of_school_rate", _PCT),
    # mobilisation last: "huy động", "ra lớp" appear in many phrases above
    (r"huy\s+động|ra\s+lớp|ra\s+nhóm|đến\s+(?:trường|lớp|nhóm\s+trẻ|nhà\s+trẻ)|được\s+học\s+mẫu\s+giáo|"
     r"trong\s+độ\s+tuổi\s+đi\s+học", "mobilisation_rate", _PCT),
]]
# words that carry no indicator: a window made only of these looks further for its indicator
_STOP = re.compile(
    r"\b(?:tỷ|tỉ|lệ|đạt|là|có|và|trong|đó|độ|tuổi|từ|trở|lên|trên|dưới|ít|nhất|khoảng|gần|hơn|chiếm|còn|"
    r"được|số|cấp|bậc|học|sinh|trẻ|em|giáo|viên|người|trường|toàn|huyện|xã|tỉnh|bình|quân|duy|trì|"
    r"phấn|đấu|năm|đến|mỗi|hằng|hàng|riêng|với|đối|cả|mầm|non|nhà|mẫu|tiểu|trung|cơ|sở|phổ|thông|THCS|THPT|"
    r"TH|MN|PTDTNT|PTDTBT|DTNT|dục|thời|điểm|hiện|nay|hết|đơn|vị|quận|phường|thị|trấn|tương|ứng|vượt|không|quá|xuống|tăng|giảm|mức|thì|của|các|những|một|"
    r"lớp|nhóm|\d+|[-–]|dân|tộc|thiểu|nữ|nam)\b", re.IGNORECASE)
_UNIT_NOUN = [(re.compile(r"^\s{0,3}(?:\(\s*\d+\s*/\s*\d+\s*\)\s*)?(?:số\s+)?(?:đơn\s+vị\s+cấp\s+xã|xã|phường|thị\s+trấn)", re.I), "communes"),
              (re.compile(r"^\s{0,3}(?:\(\s*\d+\s*/\s*\d+\s*\)\s*)?(?:số\s+)?(?:đơn\s+vị\s+cấp\s+huyện|huyện|quận|thị\s+xã)", re.I), "districts"),
              (re.compile(r"^\s{0,3}(?:\(\s*\d+\s*/\s*\d+\s*\)\s*)?(?:số\s+)?(?:đơn\s+vị\s+cấp\s+tỉnh|tỉnh)", re.I), "provinces")]
_UNITS_AFTER_PCT = re.compile(r"\s{0,3}(?:\(\s*\d+\s*/\s*\d+\s*\)\s*)?(?:số\s+)?(?:đơn\s+vị|xã|huyện|quận|tỉnh|trường|phường)",
                              re.IGNORECASE)
_COUNTED = r"(?:\d\s{0,2}|\bsố\s+|\bcác\s+)"
_UNIT_BEFORE = [(re.compile(_COUNTED + r"(?:đơn\s+vị\s+cấp\s+xã|xã|phường|thị\s+trấn)[^%]{0,90}$", re.I), "communes"),
                (re.compile(_COUNTED + r"(?:đơn\s+vị\s+cấp\s+huyện|huyện|quận)[^%]{0,90}$", re.I), "districts"),
                (re.compile(_COUNTED + r"(?:đơn\s+vị\s+cấp\s+tỉnh|tỉnh)[^%]{0,90}$", re.I), "provinces")]
_STANDARD = [(re.compile(r"phổ\s+cập\s+(?:giáo\s+dục\s+)?(?:mầm\s+non|MN)|PCGD\s*MN", re.I), "pcgd_preschool5"),
             (re.compile(r"phổ\s+cập\s+(?:giáo\s+dục\s+)?(?:tiểu\s+học|TH\b)|PCGD\s*TH\b", re.I), "pcgd_primary"),
             (re.compile(r"phổ\s+cập\s+(?:giáo\s+dục\s+)?" + _THCS + r"|PCGD\s*THCS", re.I), "pcgd_lower_secondary"),
             (re.compile(r"mù\s+chữ|XMC", re.I), "xmc")]
_NATIONAL_STANDARD = re.compile(r"chuẩn\s+quốc\s+gia|\bCQG\b|trường\s+chuẩn", re.I)
_LITERACY = re.compile(r"biết\s+chữ|mù\s+chữ", re.I)
_AGE_BAND = re.compile(r"15\s*(?:[-–]|đến)\s*(25|35|60)(?!\d)")
_LEVEL_CODES = {"pcgd_primary": "pcgd_primary_level", "pcgd_lower_secondary": "pcgd_lower_secondary_level",
                "xmc": "literacy_level"}


def _content_left(window: str) -> bool:
    """Whether a window holds words that could name an indicator (not only level words and glue)."""
    rest = _STOP.sub(" ", re.sub(r"[^\wÀ-ỹ/-]+", " ", window))
    return bool(re.search(r"[A-Za-zÀ-ỹĐđ]{2,}", rest))


def _first_rule(text: str, unit: str, side: str | None = None):
    """The rule that names the indicator in ``text``: in words before a figure the one that ends
    nearest to it, in words after it the one that starts nearest, else the first in table order
    (more specific rules come first, and win ties)."""
    hits = []
    for order, (rx, code, units) in enumerate(_RULES):
        if unit not in units:
            continue
        if side == "before":
            m = None
            for m in rx.finditer(text):
                pass
            key = (-m.end(), order) if m else None
        else:
            m = rx.search(text)
            key = ((m.start() if side == "after" else 0), order) if m else None
        if m:
            hits.append((key, order, m.span(), code, m.group(0)))
    if not hits:
        return None
    first = min(hits)
    # matches that overlap the nearest one read the same words: the more specific (earlier) rule wins
    same = [h for h in hits if h[2][0] < first[2][1] and first[2][0] < h[2][1]]
    best = min(same, key=lambda h: h[1])
    return best[3], best[4]


def _standard_of(text: str):
    """The universalisation standard a text names last (the nearest to a figure that follows it)."""
    best = None
    for rx, std in _STANDARD:
        for m in rx.finditer(text):
            if best is None or m.start() >= best[0]:
                best = (m.start(), std, m.group(0))
    return best


def _family(unit: str, noun: str, text: str, before_local: str, after_local: str, clause_before: str,
            clause_after: str, is_local: bool):
    """Indicators named by a keyword anywhere in ``text`` and qualified by the figure's own words:
    units meeting a universalisation or literacy standard, levels, literacy rates, national-standard
    schools. Returns (code, phrase) or None."""
    local = before_local + " " + after_local
    own_after = re.split(r"\btrong\s+đó\b|\(|;", clause_after, maxsplit=1)[0]
    in_brackets = re.search(r"\([^)]*$", clause_before)
    level_m = (None if in_brackets else re.search(r"mức\s+độ\s+([1-3])", own_after[:120], re.I)) or \
        re.search(r"mức\s+độ\s+([1-3])[^%\d]{0,30}$", clause_before, re.I)
    std_level = int(level_m.group(1)) if level_m else None
    # communes, districts or provinces meeting a universalisation or literacy standard
    unit_kind = None
    if unit == "count" and noun:
        unit_kind = next((k for rx, k in _UNIT_NOUN if rx.match(noun)), None)
    elif unit == "percent":
        unit_kind = next((k for rx, k in _UNIT_NOUN if rx.match(after_local)), None) or \
            next((k for rx, k in _UNIT_BEFORE if rx.search(clause_before)), None)
    if unit_kind and unit in ("count", "percent") and not _NATIONAL_STANDARD.search(local):
        std = _standard_of(text)
        if std:
            _, s, phrase = std
            if s == "pcgd_preschool5":
                code = f"{unit_kind}_pcgd_preschool5"
            elif s == "xmc":
                code = f"{unit_kind}_xmc_level{min(std_level or 1, 2)}"
            else:
                code = f"{unit_kind}_{s}_level{std_level or 1}"
            if unit == "percent":
                code = "communes_meeting_pcgd_preschool5_share" if code == "communes_pcgd_preschool5" else code + "_share"
            return code, phrase
    # a level ("mức độ 2") of a standard: universalisation, literacy or a school's national standard
    if unit == "level":
        ns = _NATIONAL_STANDARD.search(text)
        std = _standard_of(text)
        if ns and (not std or ns.start() > std[0]):
            return "national_standard_level", ns.group(0)
        if std and std[1] in _LEVEL_CODES:
            return _LEVEL_CODES[std[1]], std[2]
        return None
    # literacy: the keyword anywhere near, the age band nearest before the figure
    lit = _LITERACY.search(text)
    if lit and unit == "count":
        if re.search(r"xóa\s+mù\s+chữ\s+cho|được\s+xóa\s+mù\s+chữ|biết\s+chữ\s+cho", text, re.I) and \
                noun in ("người", ""):
            return "people_made_literate", lit.group(0)
    elif lit and unit == "percent" and not unit_kind:
        if re.search(r"mới\s+biết\s+chữ", local, re.I) or re.search(r"mới\s+biết\s+chữ[^.;]{0,60}học", text, re.I):
            return "neo_literate_continuing_share", "mới biết chữ"
        if re.search(r"dân\s+tộc\s+thiểu\s+số|DTTS", local if not is_local else text, re.I):
            return "literacy_rate_ethnic_minority", "dân tộc thiểu số"
        bands = _AGE_BAND.findall(local) or _AGE_BAND.findall(text)
        band = bands[-1] if bands else "60"
        return f"literacy_rate_15_{band}", lit.group(0)
    # schools meeting the national standard: keyword in the text, modifiers from the figure's own words
    ns = _NATIONAL_STANDARD.search(text)
    if ns and unit in ("count", "percent"):
        if not is_local and unit == "count" and not (noun.startswith("trường") or re.search(r"đạt\s+chuẩn", local, re.I)):
            return None
        if re.search(r"chưa\s+(?:đạt|được\s+công\s+nhận)", local, re.I):
            return "", "chưa đạt"
        if re.search(r"công\s+nhận\s+lại|hết\s+thời\s+hạn", local, re.I):
            return "national_standard_rerecognition_share", "công nhận lại"
        lvl2 = std_level == 2
        if unit == "count":
            if re.search(r"\bthêm\b|\bmới\b", local if is_local else text, re.I):
                return "new_national_standard_schools", "chuẩn quốc gia mới"
            return ("national_standard_schools_level2" if lvl2 else "national_standard_schools"), ns.group(0)
        return ("national_standard_school_share_level2" if lvl2 else "national_standard_school_share"), ns.group(0)
    if re.search(r"kiểm\s+định\s+chất\s+lượng", text, re.I) and unit in ("count", "percent"):
        return ("quality_accredited_schools" if unit == "count" else "quality_accredited_school_share"), "kiểm định chất lượng"
    return None


def _by_age(code: str, own: str) -> str:
    """Mobilisation of an age named in the figure's own words: of 5-year-olds (PCGD mầm non 5
    tuổi) or of 6-year-olds into grade 1 ("… trẻ mẫu giáo 96%, trẻ 5 tuổi 99,8%")."""
    def single_age(a):  # "trẻ 5 tuổi", not the end of a range "từ 3 đến 5 tuổi", "dưới 6 tuổi", "3-5 tuổi"
        return any(not re.search(r"(?:đến|dưới|[-–])\s*$", own[max(0, m.start() - 10):m.start()])
                   for m in re.finditer(rf"\b{a}\s+tuổi", own))

    if code == "mobilisation_rate":
        if single_age(5):
            return "age5_enrolment_rate"
        if single_age(6):
            return "net_intake_rate"
    return code


def _indicator_of(unit: str, noun: str, before_local: str, after_local: str, clause_before: str, clause_after: str,
                  scopes: list[str]):
    """(code, deciding phrase, confidence) for a figure, or ("", "", 0) where nothing fits.

    ``before_local``/``after_local`` are the figure's own words (since the previous figure, and up
    to the next one), ``clause_before``/``clause_after`` the rest of its clause, ``scopes`` wider
    contexts tried in turn (the clause before the figure, the clause after it, the sentence before
    it, the section headings, the title). The figure's own words are read first; wider context only
    while they name nothing else. A level ("mức độ 2") belongs to the standard named before it.
    """
    if unit == "level":
        own = before_local
    elif _content_left(after_local) or (unit == "count" and _content_left(noun + after_local)):
        own = after_local
    else:
        own = before_local + " " + after_local
    args = (before_local, after_local, clause_before, clause_after)
    # "(trong đó Khá, Tốt 93%)": the good share of the conduct or learning result named before it
    if unit == "percent" and re.search(r"khá,?\s+tốt", own, re.I):
        which = list(re.finditer(r"rèn\s+luyện|học\s+tập", clause_before, re.I))
        if which:
            kind = "conduct" if which[-1].group(0).lower().startswith("rèn") else "learning"
            return f"secondary_{kind}_good_share", "khá, tốt", 0.8
    # teacher shortage and surplus in a report ("thiếu 255 giáo viên", "nhân viên còn thiếu … 28 người")
    if unit == "count":
        short = re.search(r"\b(thiếu|thừa)\b", own, re.I) or re.search(r"\b(thiếu|thừa)\b[^,;]{0,40}$", clause_before, re.I)
        if short:
            if re.search(r"nhân\s+viên", noun + own, re.I):
                return ("staff_shortage" if short.group(1).lower() == "thiếu" else ""), short.group(0), 0.8
            if re.search(r"giáo\s+viên", noun + own, re.I):
                return ("teacher_shortage" if short.group(1).lower() == "thiếu" else "teacher_surplus"), short.group(0), 0.8
    hit = _family(unit, noun, own, *args, True)
    if hit:
        return hit[0], hit[1], 0.9 if hit[0] else 0.0
    hit = _first_rule(own, unit, "after" if own is after_local else "before") if unit != "level" else None
    if hit:
        return _by_age(hit[0], own), hit[1], 0.9
    if own is after_local and _content_left(before_local):  # "bố trí đủ phòng học cho 7 lớp tiểu học"
        hit = _first_rule(before_local, unit, "before")
        if hit:
            return hit[0], hit[1], 0.8
    units_counted = unit == "count" and any(rx.match(noun) for rx, _ in _UNIT_NOUN)
    if _content_left(own) and unit != "level" and not units_counted and not re.search(r"đạt\s+chuẩn|đạt\s+mức", own, re.I):
        return "", "", 0.0
    sides = ["before", "after", "before"] + [None] * 4
    for conf, text, side in zip((0.8, 0.7, 0.7, 0.6, 0.5, 0.5, 0.4), scopes, sides):
        hit = _family(unit, noun, text, *args, False)
        if hit:
            return hit[0], hit[1], conf if hit[0] else 0.0
        hit = _first_rule(text, unit, side) if unit != "level" else None
        if hit:
            return _by_age(hit[0], own), hit[1], conf
    return "", "", 0.0


# ----------------------------------------------------------------------------- document context
_DOC_TYPES = [(re.compile(r"^[ \t]*BÁO\s+CÁO\b", re.M), "report"), (re.compile(r"^[ \t]*KẾ\s+HOẠCH\b", re.M), "plan"),
              (re.compile(r"^[ \t]*NGHỊ\s+QUYẾT\b", re.M), "plan"), (re.compile(r"^[ \t]*CHƯƠNG\s+TRÌNH\b", re.M), "plan"),
              (re.compile(r"^[ \t]*ĐỀ\s+ÁN\b", re.M), "plan"), (re.compile(r"^[ \t]*KẾT\s+LUẬN\b", re.M), "plan"),
              (re.compile(r"^[ \t]*QUYẾT\s+ĐỊNH\b", re.M), "plan")]
_DATE = re.compile(r"ngày\s+\d{0,2}\s*tháng\s+\d{0,2}\s*năm\s+((?:19|20)\d\d)|(?<![\d/.])\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*((?:19|20)\d\d)(?!\d)",
                   re.IGNORECASE)
_RESULT_HEADING = re.compile(r"\s*(?:kết\s+quả|thực\s+trạng|đánh\s+giá|tình\s+hình|đặc\s+điểm|tổng\s+kết|những\s+(?:kết|mặt)|"
                             r"hạn\s+chế|thành\s+tựu)", re.IGNORECASE)
_TARGET_HEADING = re.compile(r"\s*(?:mục\s+tiêu|chỉ\s+tiêu|phương\s+hướng|nhiệm\s+vụ|giải\s+pháp|kế\s+hoạch|định\s+hướng|"
                             r"các\s+chỉ\s+tiêu)", re.IGNORECASE)
# words of planning and of reporting, read in a clause and then in its sentence
_PLAN_WORDS = re.compile(r"phấn\s+đấu|(?<!chương trình )mục\s+tiêu|chỉ\s+tiêu|\bsẽ\b|kế\s+hoạch\s+đề\s+ra|\bcần\s+đạt|dự\s+kiến|"
                         r"trở\s+lên|ít\s+nhất|nâng\s+(?:tỷ|tỉ)\s+lệ|tăng\s+(?:tỷ|tỉ)\s+lệ|xây\s+dựng\s+thêm",
                         re.IGNORECASE)
_PAST_WORDS = re.compile(r"\bđã\b(?!\s+(?:hết|qua)\b)|đạt\s+được|kết\s+quả\s+(?:đạt|thực\s+hiện|năm)|hiện\s+nay|hiện\s+có|tính\s+đến|năm\s+qua|so\s+với\s+năm|"
                         r"so\s+với\s+cùng\s+kỳ|so\s+với\s+đầu|\bchiếm\b|đến\s+hết\s+năm|"
                         r"thực\s+trạng|trong\s+giai\s+đoạn|sau\s+\d+\s+năm\s+(?:triển\s+khai|thực\s+hiện)|"
                         r"\bchưa\s+duy\s+trì", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"năm\s+học\s+(20\d\d)\s{0,3}[-–]\s{0,3}(20\d\d)", re.IGNORECASE)
_BY_YEAR = re.compile(r"(?:đến|vào|trong|tới|đến\s+hết|cuối)\s+năm\s+(20\d\d)", re.IGNORECASE)
_PERIOD = re.compile(r"giai\s+đoạn\s+(20\d\d)\s{0,3}[-–]\s{0,3}(20\d\d)", re.IGNORECASE)
_PLAIN_YEAR = re.compile(r"năm\s+(20\d\d)(?!\s*[-–]\s*20\d\d)", re.IGNORECASE)


def _years_in(text: str):
    """(position, year, how) of every year expression, in order. ``how`` is 'by' (đến/vào năm),
    'school' (năm học Y-Y+1: its second year), 'period' (giai đoạn Y1-Y2: its last year) or 'plain'.

    >>> _years_in("giai đoạn 2021-2025, đến năm 2030")
    [(0, 2025, 'period'), (21, 2030, 'by')]
    """
    found = []
    for prio, (rx, how, grp) in enumerate(((_SCHOOL_YEAR, "school", 2), (_PERIOD, "period", 2), (_BY_YEAR, "by", 1),
                                           (_PLAIN_YEAR, "plain", 1))):
        found += [(m.start(), prio, m.end(), int(m.group(grp)), how) for m in rx.finditer(text)]
    out, taken_to = [], -1
    # where expressions overlap ("đến năm 2025" holds "năm 2025") the more specific one, found first, wins
    for start, _, end, y, how in sorted(found, key=lambda t: (t[0], t[1])):
        if start < taken_to:
            continue
        out.append((start, y, how))
        taken_to = end
    return out


def document_context(text: str, date=None, period_end=None) -> dict:
    """What a document says about itself: its type, date, title, horizon and topic level.

    ``type`` is ``report`` (BÁO CÁO), ``plan`` (KẾ HOẠCH, NGHỊ QUYẾT, CHƯƠNG TRÌNH, ĐỀ ÁN…) or
    ``news``; ``year`` the year it was issued (its date line, or ``date``); ``horizon`` the year its
    targets fall due (``period_end``, or the title's "giai đoạn 2021-2025", "đến năm 2030",
    "năm học 2022-2023", "năm 2024"); ``report_year`` the year a report's results are for.

    >>> ctx = document_context("UBND HUYỆN A\\nKẾ HOẠCH\\nPhát triển giáo dục mầm non giai đoạn 2022-2025\\n"
    ...                        "Căn cứ Quyết định số 1677/QĐ-TTg ngày 03/12/2018 ...")
    >>> ctx["type"], ctx["horizon"], ctx["topic_level"]
    ('plan', 2025, 'preschool')
    """
    head = text[:1500]
    first = min(((m.start(), kind) for rx, kind in _DOC_TYPES for m in [rx.search(head)] if m), default=None)
    dtype = first[1] if first else "news"
    if first:
        # the title: the type line and the lines after it that read as a title, not as the body (a
        # sentence ending in '.', ';' or ':', a bullet, a numbered item, "Căn cứ …")
        lines = head[first[0]:].splitlines()
        title_lines, i = [lines[0]], 1
        while i < len(lines) and not lines[i].strip() and len(title_lines) == 1 and i < 3:
            i += 1  # the type word alone, a blank line, then the subject
        for ln in lines[i:i + 4]:
            t = ln.strip()
            if not t or re.match(r"(?:[-–•*+]|\d{1,2}[.)]|[IVX]{1,4}\.|Căn\s+cứ)", t) or t[-1] in ".;:":
                break
            title_lines.append(t)
        title = " ".join(title_lines)
    else:
        title = next((ln for ln in head.splitlines() if len(ln.strip()) > 20), "")
    title = title[:400]
    year = None
    if date is not None:
        year = int(str(date)[:4])
    else:
        m = _DATE.search(head)
        if m:
            year = int(m.group(1) or m.group(2))
    horizon = int(period_end) if period_end else None
    report_year = None
    tys = _years_in(title)
    if tys:
        if dtype == "report":
            report_year = tys[0][1]
            later = [y for _, y, how in tys[1:] if y > report_year]
            horizon = horizon or (later[0] if later else None)
        else:
            horizon = horizon or max(y for _, y, how in tys if not re.search(r"tầm\s+nhìn\s+(?:đến\s+năm\s+)?$", title[:0]))
            vision = re.search(r"tầm\s+nhìn\s+(?:đến\s+)?(?:năm\s+)?(20\d\d)", title, re.I)
            if vision and horizon == int(vision.group(1)):
                horizon = max((y for _, y, _ in tys if y != horizon), default=horizon)
    if year is None and tys and tys[0][2] == "school":
        # a plan for a school year is written as it starts, a report on one as it ends
        year = tys[0][1] - (1 if dtype == "plan" else 0)
    issuer = head[:first[0]] if first else ""
    topic = _levels_in(title) or [lv for lv in _levels_in(issuer[:300]) if len(_levels_in(issuer[:300])) == 1]
    dues = [y for _, y, how in _years_in(text) if how == "by" and (year is None or y > year)]
    usual_due = max(set(dues), key=dues.count) if dues else None
    return dict(type=dtype, year=year, title=title, horizon=horizon, report_year=report_year, usual_due=usual_due,
                topic_level=_join_levels(topic) if dtype != "news" else None)


def _rank(marker: str) -> int:
    m = marker.strip()
    if re.fullmatch(r"[IVX]{1,4}\.", m):
        return 1
    if re.fullmatch(r"\d{1,2}\.?", m):
        return 2
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.?", m):
        return 3
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{1,2}\.?", m):
        return 4
    if re.fullmatch(r"[a-zđ]\)", m):
        return 5
    return 6  # a bullet


_HEADING_LINE = re.compile(r"(?m)^[ \t\xa0]{0,16}(?P<mark>[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2}){0,2}[.)]|[a-zđ]\)|[-–•*+])[ \t\xa0]{1,8}"
                           r"(?P<h>[^\n]{0,160})")


def _sections(text: str, ctx: dict):
    """Every numbered or bulleted line as (start, end_of_scope, rank, heading_text, mode, year, level).

    A heading's scope runs to the next heading of the same or a higher rank; ``mode`` is
    'result' or 'target' where the heading says so ("KẾT QUẢ", "MỤC TIÊU"), ``year`` the year it
    names, ``level`` the level it is about ("Giáo dục mầm non", "3. Phổ cập giáo dục THCS").
    """
    heads = []
    for m in _HEADING_LINE.finditer(text):
        h = m.group("h")
        rank = _rank(m.group("mark"))
        intro = re.split(r"[:;]|(?<=\D)\.\s", h, maxsplit=1)[0][:100]
        mode = "result" if _RESULT_HEADING.match(intro) else "target" if _TARGET_HEADING.match(intro) else None
        ys = _years_in(intro)
        year = None
        if ys:
            year = ys[-1][1]
        lvl = None
        if rank <= 5 or re.match(r"[^:]{2,60}:", h):
            mm = re.match(r"\s*(?:Đối\s+với\s+)?(?:bậc\s+|cấp\s+|giáo\s+dục\s+|phổ\s+cập\s+giáo\s+dục\s+|công\s+tác\s+)?(.{0,60})",
                          intro, flags=re.I)
            lvl = _level_from(mm.group(1)[:40]) if mm else None
        heads.append([m.start(), len(text), rank, intro, mode, year, lvl])
    # scope ends and parents with one stack: a heading closes every open one of the same or lower rank
    stack = []
    for i, h in enumerate(heads):
        while stack and heads[stack[-1]][2] >= h[2]:
            heads[stack.pop()][1] = h[0]
        h.append(stack[-1] if stack else -1)
        stack.append(i)
    out = _Heads(heads)
    out.starts = [h[0] for h in heads]
    return out


def _open_sections(heads, pos: int):
    """The headings whose scope holds ``pos``, innermost first.

    Scopes nest, so they are the last heading before ``pos`` and its chain of parents (the parent
    of a heading is the nearest earlier heading of a higher rank; ``_sections`` stores its index).
    """
    i = bisect.bisect_right(heads.starts, pos) - 1
    out = []
    while i >= 0:
        out.append(heads[i])
        i = heads[i][7]
    return out


class _Heads(list):
    """The section headings with their start positions, for bisection."""
    starts: list


_LEVEL_LIST = re.compile(r"(?:\s*(?:,|và|&|/)\s*(?:giáo\s+viên\s+|trường\s+|cấp\s+|bậc\s+)?(?:mầm\s+non|nhà\s+trẻ|mẫu\s+giáo|"
                         r"tiểu\s+học|TH|THCS|trung\s+học\s+cơ\s+sở|THPT|trung\s+học\s+phổ\s+thông|PTDTNT)(?![\wÀ-ỹ]))+",
                         re.IGNORECASE)
_FAMILY = {"nursery": "preschool", "kindergarten": "preschool", "preschool": "preschool"}
_LEVEL_ORDER = ["preschool", "nursery", "kindergarten", "primary", "lower-secondary", "upper-secondary", "general",
                "vocational", "adult"]


def _levels_in(text: str) -> list[str]:
    """The levels a text names, in canonical order (all matches, not just the first)."""
    text = re.sub(r"(mầm\s+non\s+(?:cho\s+)?(?:trẻ\s+(?:em\s+)?)?)5\s+tuổi", r"\1", text, flags=re.I)
    found = {lv for rx, lv in _LEVEL_WORDS if rx.search(text)}
    return [lv for lv in _LEVEL_ORDER if lv in found]


def _join_levels(levels: list[str]) -> str | None:
    if not levels:
        return None
    fam = {_FAMILY.get(lv, lv) for lv in levels}
    if fam == {"preschool"}:
        specific = [lv for lv in levels if lv != "preschool"]
        return specific[0] if len(specific) == 1 else "preschool"
    if "preschool" in fam and "general" in fam:
        return "all"
    levels = [lv for lv in levels if lv not in ("vocational", "general")] or levels
    levels = ["preschool"] + [lv for lv in levels if lv not in _FAMILY] if any(lv in _FAMILY for lv in levels) and \
        len({_FAMILY.get(lv) for lv in levels if lv in _FAMILY}) else levels
    return "+".join(dict.fromkeys(levels))


@lru_cache(maxsize=1)
def _catalogue_levels() -> dict:
    from .catalogue import indicator_catalogue

    return dict(zip(*indicator_catalogue()[["code", "level"]].T.values))


def _decide_level(code: str, after_noun: str, local: str, clause_before: str, sections, ctx, cat_levels) -> str:
    own = _levels_in(after_noun) or _levels_in(local)
    cat = cat_levels.get(code, "any") if code else "any"
    if "+" in cat:  # a code for several levels, used for one of them ("Đối với bậc THCS: … khá, giỏi")
        parts = cat.split("+")
        named = [lv for lv in own if lv in parts] or \
            next(([h[6]] for h in sections if h[6] in parts), []) or [lv for lv in _levels_in(clause_before[-120:]) if lv in parts]
        return "+".join(named) if named else cat
    if cat not in ("any", "all", ""):
        if own and cat not in own and {_FAMILY.get(x, x) for x in own} == {_FAMILY.get(cat, cat)} and "+" not in cat:
            return _join_levels(own)
        return cat
    if own:
        return _join_levels(own)
    wider = _levels_in(clause_before[-120:])
    if len(wider) == 1:
        return wider[0]
    for h in sections:
        if h[6]:
            return h[6]
    return ctx["topic_level"] or "all"


def _unquoted(text: str) -> str:
    """The text without what stands in quotation marks (a programme's name: "Đề án … giai đoạn 2021-2030")."""
    return re.sub(r"[\"“][^\"”]{0,200}[\"”]", " ", text)


def _kind_signals(text: str, doc_year) -> int:
    """Planning minus reporting evidence in a text (positive: a target, negative: a result)."""
    text = _unquoted(text)
    score = len(_PLAN_WORDS.findall(text)) - len(_PAST_WORDS.findall(text))
    for _, y, how in _years_in(text):
        if doc_year is None:
            score += 1 if how == "by" and not re.search(r"(?:hết|tính\s+đến)\s+năm\s+%d" % y, text) else 0
        elif y > doc_year:
            score += 1
        elif how != "plain" or y < doc_year:
            score -= 1
    return score


def _decide_kind(clause: str, sentence: str, sections, ctx) -> str:
    for text in (clause, sentence):
        s = _kind_signals(text, ctx["year"])
        if s:
            return "target" if s > 0 else "baseline"
    for h in sections:
        if h[4]:
            return "baseline" if h[4] == "result" else "target"
    return "target" if ctx["type"] == "plan" else "baseline"


def _decide_year(kind: str, clause_before: str, clause_after: str, sentence_before: str, section_before: str,
                 sections, ctx, last_baseline_year):
    """The year a figure is for: the nearest year expression in its clause, then its sentence, then
    its section (for a target: the last due year named since the section began), its headings, and
    the document's own period; with a note to review where none of these names one."""
    doc_year = ctx["year"]

    def fits(y):
        if doc_year is None:
            return True
        return y >= doc_year if kind == "target" else y <= doc_year

    def years(text):
        text = _unquoted(text)
        out = []
        for pos, y, how in _years_in(text):
            if kind == "target" and re.search(r"(?:\btừ|bắt\s+đầu\s+từ|kể\s+từ)\s+$", text[max(0, pos - 12):pos], re.I):
                continue  # "từ năm học 2021-2022": when it starts, not when it is due
            if re.search(r"so\s+với\s+(?:cùng\s+kỳ\s+)?$", text[max(0, pos - 20):pos], re.I):
                continue  # "tăng 0,6% so với năm 2023": the year compared with
            if fits(y):
                out.append(y)
        return out

    if kind == "target" and doc_year and re.search(r"trước\s+mắt", clause_before, re.I):
        return doc_year + 1, ""
    for text, nearest in ((clause_before, -1), (clause_after, 0), (sentence_before, -1)):
        ys = years(text)
        if ys:
            return ys[nearest], ""
    for h in sections:
        if h[5] and fits(h[5]):
            return h[5], ""
    if kind == "target":
        ys = years(section_before)
        if ys:
            return ys[-1], ""
    if kind == "baseline":
        for y in (last_baseline_year, ctx["report_year"], doc_year):
            if y:
                return y, ""
    else:
        for y in (ctx["horizon"], ctx["report_year"], ctx["usual_due"]):
            if y and fits(y):
                return y, ""
    y = ctx["horizon"] or doc_year or ctx["report_year"]
    if y:
        return y, "; due year not stated in the text: review"
    return None, "; due year not stated in the text: give --period-end or review"


def _comparator_result(before: str) -> str:
    b = before[-14:].lower()
    if re.search(r"(?:trên|hơn|vượt)\s*$", b):
        return ">"
    if re.search(r"dưới\s*$", b):
        return "<"
    return "="


def _read_number(token: str):
    """(value, note) of a figure's number read the Vietnamese way; a token whose separators also fit
    the English way ("1,500") is read with the decimal comma a Vietnamese document uses, and the row
    says so; one that fits neither gives (None, '')."""
    try:
        return parse_vn_decimal(token)[0], ""
    except ValueError:
        if re.fullmatch(r"\d{1,3},\d{3}", token):
            return float(token.replace(",", ".")), (f"; '{token}' read with a decimal comma, as Vietnamese documents write "
                                                    f"(not {token.replace(',', '')}): check")
        return None, ""


def extract_targets(text: str, source: str = "document", locality: str = "", *, date=None,
                    period_end=None) -> pd.DataFrame:
    """Propose target and baseline rows from the text of a resolution, plan or report.

    Returns a DataFrame with the columns of ``data/targets.csv`` plus ``span_start``,
    ``span_end`` (character offsets of the figure in ``text``), ``confidence`` (0-1, of the row),
    ``indicator_phrase`` (the words that decided the indicator code), ``indicator_confidence``
    and ``candidates`` (for a row without a code: the nearest catalogue entries), sorted by
    position. ``quote`` is the clause the figure came from, verbatim.

    ``date`` (the document's date, ``YYYY`` or ``YYYY-MM-DD``) and ``period_end`` (the year its
    targets fall due) give what only the metadata knows; otherwise they are read from the text.

    Examples
    --------
    >>> t = ("Đến năm 2025, tỷ lệ trúng tuyển vào trường chuyên nghiệp đạt từ 22,5% trở lên. "
    ...      "Phấn đấu từ 95% giáo viên mầm non, 80% giáo viên tiểu học đạt chuẩn; "
    ...      "tỷ lệ trẻ suy dinh dưỡng xuống 6%.")
    >>> extract_targets(t)[["kind", "year", "level", "indicator", "comparator", "value"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'kind': 'target', 'year': 2025, 'level': 'upper-secondary', 'indicator': 'professional_school_admission_rate', 'comparator': '>=', 'value': 22.5},
     {'kind': 'target', 'year': 2025, 'level': 'preschool', 'indicator': 'qualified_teacher_share', 'comparator': '>=', 'value': 95.0},
     {'kind': 'target', 'year': 2025, 'level': 'primary', 'indicator': 'qualified_teacher_share', 'comparator': '>=', 'value': 80.0},
     {'kind': 'target', 'year': 2025, 'level': 'preschool', 'indicator': 'malnutrition_rate', 'comparator': '<=', 'value': 6.0}]

    A year-end report gives results ("=", the school year's second year):

    >>> r = extract_targets("BÁO CÁO tổng kết năm học 2022-2023\\nTỷ lệ học sinh bỏ học 0,42%.")
    >>> r[["kind", "year", "indicator", "comparator", "value"]].to_dict("records")
    [{'kind': 'baseline', 'year': 2023, 'indicator': 'dropout_rate', 'comparator': '=', 'value': 0.42}]
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

    ctx = document_context(text, date=date, period_end=period_end)
    heads = _sections(text, ctx)
    cat_levels = _catalogue_levels()
    last_baseline_year = None

    rows, seen = [], set()
    for s0, s1 in _sentences(text):
        sentence = text[s0:s1]
        if not _FIGURE.search(sentence):
            continue
        for c0, c1 in _clauses(text, s0, s1):
            clause = text[c0:c1]
            figs = list(_FIGURE.finditer(clause))
            if not figs:
                continue
            key_clause = clause.strip()
            counted_before = False
            for k, f in enumerate(figs):
                cheap = (key_clause, f.start(), f.group(0))
                if cheap in seen:  # a page that prints the document twice gives each figure once
                    continue
                seen.add(cheap)
                range_note, cnt_num, cnt_den, noun, frac = "", None, None, "", None
                a, b = c0 + f.start(), c0 + f.end()
                before, after = text[max(c0, a - 60):a], text[b:min(c1, b + 60)]
                if f.group("pct"):
                    value, range_note = _read_number(f.group("pct"))
                    if value is None:
                        continue
                    unit = "percent"
                    if value > 100:
                        continue
                    if _UNITS_AFTER_PCT.match(after):  # "75% đơn vị cấp xã đạt chuẩn … mức độ 2"
                        counted_before = True
                    rng = re.search(r"(\d{1,3}(?:,\d{1,3})?)\s{0,2}[-–]\s{0,2}$", before)
                    if rng:  # "98 - 99%": the range's lower bound is what must be reached
                        value, _ = _read_number(rng.group(1))
                        range_note = f"; range {rng.group(1)}–{f.group('pct')}%"
                elif f.group("money"):
                    value, range_note = _read_number(f.group("money"))
                    if value is None:
                        continue
                    unit = _MONEY_UNITS[f.group("mu").lower()]
                elif f.group("many"):
                    if _NOT_A_COUNT_AFTER.match(after) or re.search(r"(?:lớp|số)\s*$", before, re.I):
                        continue
                    noun = f.group("learners").lower()
                    value, unit = float(f.group("many").replace(".", "")), "count"
                    frac = re.search(r"(\d{1,6})\s{0,2}/\s{0,2}$", before)
                    if frac:
                        cnt_num, cnt_den = float(frac.group(1)), value
                        value = cnt_num
                elif f.group("cnt"):
                    if re.search(r"(lớp|Lớp|khóa|Khóa|(?<!tổng )số|Số|trang|Điều|điều)\s*$", before) or _NOT_A_COUNT_AFTER.match(after):
                        continue
                    noun = f.group("noun").lower()
                    if noun == "lớp" and re.match(r"^\s*\d", after):
                        continue
                    value, unit = float(f.group("cnt").replace(".", "")), "count"
                    frac = re.search(r"(\d{1,6})\s{0,2}/\s{0,2}$", before)
                    if frac:  # "27/31 trường": 27 schools of 31
                        cnt_num, cnt_den = float(frac.group(1)), value
                        value = cnt_num
                    if noun in ("trường", "trường học", "đơn vị", "xã"):
                        counted_before = True
                else:
                    # "2 trường đạt chuẩn quốc gia mức độ 1": the level qualifies the count (not across a comma:
                    # "4/5 trường đạt chuẩn, Trường THCS … đạt chuẩn quốc gia mức độ 2" is a figure of its own)
                    between = re.sub(r",\s*(?:thị\s+trấn|phường|thị\s+xã)\b", "", clause[figs[k - 1].end():f.start()]) if k else ","
                    if counted_before and not re.search(r"[,;]", between):
                        continue
                    value, unit = float(f.group("lvl")), "level"

                # the figure's own words: since the previous figure (or the clause start), up to the next
                # figure, each cut where a sub-clause ("trong đó", a bracket) begins
                prev_end = c0 + (figs[k - 1].end() if k else 0)
                next_start = c0 + (figs[k + 1].start() if k + 1 < len(figs) else len(clause))
                before_local = text[prev_end:a]
                cut = max((m.end() for m in re.finditer(r"trong\s+đó|\((?![^)]*\))|:", before_local, re.I)), default=0)
                before_local = before_local[cut:]
                before_local = re.sub(r"\d{1,6}\s{0,2}/\s{0,2}$", "", before_local)  # the numerator of "27/31 trường"
                subj = list(re.finditer(r"\b(?:tỷ|tỉ)\s+lệ\b", before_local, re.I))
                if subj:  # "… 40 trường đạt chuẩn quốc gia, tỷ lệ huy động trẻ mẫu giáo đạt 97%": a new subject
                    before_local = before_local[subj[-1].start():]
                after_full = text[b:next_start]
                after_local = re.split(r",(?!\s*(?:thị\s+trấn|phường|thị\s+xã|quận)\b)|[;(]|\btrong\s+đó\b|\.\s",
                                       after_full, maxsplit=1)[0]
                if unit == "level":
                    after_local = after_full[:60]
                local = before_local + " " + after_local
                clause_before = text[c0:a]
                clause_after = re.split(r"\btrong\s+đó\b|\(", text[b:c1], maxsplit=1)[0]
                sentence_before = text[s0:a]
                open_secs = _open_sections(heads, a)
                sec_text = [h[3] for h in open_secs] + [ctx["title"]]
                code, phrase, code_conf = _indicator_of(
                    unit, noun, before_local, after_local, text[c0:a], text[b:c1],
                    [clause_before, clause_after, sentence_before] + sec_text)

                kind = _decide_kind(clause, sentence, open_secs, ctx)
                if kind == "target" and _SHORTAGE.search(clause) and not _TARGET_WORDS.search(clause) and ctx["type"] == "report":
                    kind = "baseline"
                comparator = _comparator(before, after, "target") if kind == "target" else _comparator_result(before)
                sec_start = open_secs[0][0] if open_secs else 0
                year, year_note = _decide_year(kind, clause_before, text[b:c1], sentence_before, text[sec_start:a],
                                               open_secs, ctx, last_baseline_year)
                if kind == "baseline" and year:
                    last_baseline_year = year
                # level words right after the figure ("giáo viên mầm non"), with a list of levels that follows
                # them ("9 trường mầm non, TH&THCS và 1 trường THPT"), else the words before it
                after_noun = after_local[:80]
                rest = re.split(r"[;(]|\btrong\s+đó\b|\.\s", after_full, maxsplit=1)[0][len(after_local):]
                more = _LEVEL_LIST.match(rest)
                if _levels_in(after_noun) and more:
                    after_noun = after_noun + more.group(0)
                # words before the clause's first figure name its subject ("Giáo dục THCS: huy động … 96%"), for
                # that figure, or for all of them where they end in a colon
                prefix = text[c0:c0 + figs[0].start()]
                prefix = prefix if (k == 0 or prefix.rstrip().endswith(":")) else ""
                level = _decide_level(code, after_noun, before_local, prefix, open_secs, ctx, cat_levels)
                annual = bool(re.search(r"hằng\s+năm|hàng\s+năm|mỗi\s+năm", sentence, re.I))
                conf = 0.4 + 0.2 * bool(_TARGET_WORDS.search(sentence) or kind == "baseline") + \
                    0.1 * (unit != "count") + 0.1 * bool(year and not year_note) + 0.2 * code_conf
                label = re.sub(r"\s+", " ", clause.strip(" -–•*\t\n,."))[:160]
                rows.append(dict(id="", source=source, locality=locality, kind=kind, year=year,
                                 annual=str(annual).lower(), level=level, indicator=code, label_vi=label, label_en="",
                                 comparator=comparator, value=float(value), unit=unit,
                                 numerator=float(f.group("pnum")) if f.group("pct") and f.group("pnum") else cnt_num,
                                 denominator=float(f.group("pden")) if f.group("pct") and f.group("pden") else cnt_den,
                                 quote=clause.strip(),
                                 note="proposed by edustats.extract: review before use" + year_note + range_note +
                                      ("" if code else "; no indicator code: choose one from the candidates"),
                                 span_start=a, span_end=b, confidence=round(min(conf, 1.0), 2),
                                 indicator_phrase=phrase, indicator_confidence=round(code_conf, 2),
                                 candidates="" if code else _candidates(local + " " + clause_before[-80:], unit)))
    out = pd.DataFrame(rows, columns=TARGET_COLUMNS + EXTRA_COLUMNS)
    out = out.sort_values("span_start", kind="stable").reset_index(drop=True)
    out["year"] = out["year"].astype("Int64")
    out["id"] = [f"X{i + 1:03d}" for i in range(len(out))]
    return out


EXTRA_COLUMNS = ["span_start", "span_end", "confidence", "indicator_phrase", "indicator_confidence", "candidates"]


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    return re.sub(r"[\u0300-\u036f]", "", s)


@lru_cache(maxsize=1)
def _catalogue_tokens():
    from .catalogue import indicator_catalogue

    cat = indicator_catalogue()
    return [(code, name, unit, frozenset(re.findall(r"\w+", _fold(name))) - {"ty", "le", "so"})
            for code, name, unit in zip(cat["code"], cat["name_vi"], cat["unit"])]


def _candidates(words: str, unit: str, n: int = 3) -> str:
    """The catalogue entries of the same unit whose Vietnamese name shares the most words with ``words``.

    >>> _candidates("tỷ lệ học sinh bỏ học", "percent", n=1)
    'dropout_rate — Tỷ lệ học sinh bỏ học'
    """
    have = set(re.findall(r"\w+", _fold(words))) - {"ty", "le", "dat", "so", "hoc", "sinh", "tre", "em", "cac", "va", "co",
                                                   "toan", "huyen", "xa", "tinh", "nam", "trong", "voi"}
    scored = []
    for code, name, u, toks in _catalogue_tokens():
        if u != unit:
            continue
        score = len(have & toks) / (len(toks) or 1)
        if score > 0:
            scored.append((-score, code, name))
    return "; ".join(f"{code} — {name}" for _, code, name in sorted(scored)[:n])


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


FIELDS = ("indicator", "level", "kind", "comparator", "year")


def score_fields(extracted: pd.DataFrame, labelled: pd.DataFrame) -> dict:
    """Value precision and recall, and the share of correctly found values whose fields are right.

    ``labelled`` lists the figures of one document in text order with their true ``value``,
    ``unit``, ``indicator`` (empty where the catalogue has no code for it), ``level``, ``kind``,
    ``comparator`` and ``year``. A labelled figure is found when an extracted row has the same
    value and unit; repeated values pair in text order. Each field's accuracy is counted over the
    found figures (the indicator over those that have a code).

    Examples
    --------
    >>> ex = pd.DataFrame({"value": [95.0, 80.0, 3.0], "unit": "percent", "indicator": ["a", "", "x"],
    ...                    "level": "primary", "kind": "target", "comparator": ">=", "year": 2025})
    >>> lab = pd.DataFrame({"value": [95.0, 80.0], "unit": "percent", "indicator": ["a", "b"],
    ...                     "level": ["primary", "all"], "kind": "target", "comparator": ">=", "year": 2025})
    >>> score_fields(ex, lab)
    {'found': 2, 'extracted': 3, 'labelled': 2, 'precision': 0.6667, 'recall': 1.0, 'indicator': 0.5, 'level': 0.5, 'kind': 1.0, 'comparator': 1.0, 'year': 1.0}
    """
    used, pairs = set(), []
    ex = extracted.reset_index(drop=True)
    for _, lab in labelled.iterrows():
        for j in range(len(ex)):
            if j not in used and abs(float(ex.at[j, "value"]) - float(lab["value"])) < 1e-9 and ex.at[j, "unit"] == lab["unit"]:
                used.add(j)
                pairs.append((lab, ex.loc[j]))
                break
    out = dict(found=len(pairs), extracted=len(ex), labelled=len(labelled),
               precision=round(len(pairs) / len(ex), 4) if len(ex) else 0.0,
               recall=round(len(pairs) / len(labelled), 4) if len(labelled) else 0.0)
    for field in FIELDS:
        judged = [(lab, got) for lab, got in pairs if not (field == "indicator" and str(lab[field]) in ("", "nan"))]
        right = sum(str(got[field]) == str(lab[field]) for lab, got in judged)
        out[field] = round(right / len(judged), 4) if judged else float("nan")
    return out


def _register_cli(sub) -> None:
    p = sub.add_parser("extract", help="đề xuất các mục tiêu của một nghị quyết mới (tệp văn bản) / propose the targets of a new resolution (text file) as rows of targets.csv",
                       description="Read a UTF-8 text (or HTML) document and write the proposed targets and results "
                                   "in the columns of data/targets.csv, with indicator codes, quotes included, for review.")
    p.add_argument("file", help="the document (UTF-8 .txt or .html)")
    p.add_argument("--source", default=None, help="source name written in the rows (default: the file name)")
    p.add_argument("--locality", default="", help="locality written in the rows")
    p.add_argument("--date", default=None, help="the document's date, YYYY or YYYY-MM-DD, where the text does not say it")
    p.add_argument("--period-end", type=int, default=None, dest="period_end",
                   help="the year the document's targets fall due, where the text does not say it (e.g. 2030)")
    p.add_argument("--out", default=None, help="write the rows to this CSV (default: print a table)")
    # the handler is edustats.cli's (Excel out, locality matching, messages in Vietnamese first)
