"""The indicator handbook for trainers: readable formulas, worked tables, the regulation, exercises.

:func:`handbook_html` lays out the whole handbook (Vietnamese first, English in ``lang="en"``):
a table of contents with anchors, a reading order for a half-day training, a glossary, then one
section per indicator group. Each indicator has its formula drawn offline
(:mod:`edustats.formulas`, checked for legibility by ``tests/test_handbook.py``), what every
symbol means, its definition, the regulation and article with the text quoted where the decree
was available, its common mistakes written once, a worked example computed by the package
(:mod:`edustats.worked`), where Vietnamese practice differs from UIS both side by side, and the
exercise sheet that drills it (:mod:`edustats.exercises`). No doctest and no Python object
reaches the page.

:func:`handbook_entries` and :func:`formula_svg` keep the older docstring-based view for code
readers; the briefing uses :func:`handbook_html`.
"""
from __future__ import annotations

import html
import inspect
import re

import pandas as pd

from . import indicators
from .catalogue import indicator_catalogue
from .formulas import FORMULAS
from .formulas import formula_svg as _one_line_svg

__all__ = ["handbook_entries", "formula_svg", "HANDBOOK_FUNCTIONS", "handbook_html", "ENTRIES", "GROUPS",
           "GLOSSARY", "READING_ORDER", "LEGAL_QUOTES", "handbook_table", "HANDBOOK_CSS"]

HANDBOOK_FUNCTIONS = [
    "gross_enrolment_ratio", "net_enrolment_rate", "adjusted_net_enrolment_rate", "age_specific_enrolment_rate",
    "mobilisation_rate", "gross_intake_ratio", "net_intake_rate", "out_of_school_rate", "two_session_share",
    "flow_rates", "survival_rate", "effective_transition_rate", "graduate_transition_rate", "completion_by_age",
    "completion_rate", "graduation_rate", "pupil_teacher_ratio", "pupil_class_ratio", "teacher_norm", "teachers_required",
    "teacher_surplus_shortage", "qualification_status", "qualified_teacher_share", "evaluation_shares", "malnutrition_rate",
    "classify_universalization", "district_universalization", "national_standard_schools", "rate_table",
    "within_year_rates", "first_grade_completion_rate",
    "gender_parity_index", "adjusted_gender_parity_index", "over_age_share",
]

# --------------------------------------------------------------------------- regulations quoted
# Verbatim from Nghị định 20/2014/NĐ-CP and 71/2020/NĐ-CP as codified in the Ministry of Justice's
# Bộ pháp điển (shared/reference/legal/*.txt; tests/test_handbook.py checks each quote is there).
LEGAL_QUOTES = {
    "nd20_6": ("Nghị định 20/2014/NĐ-CP, Điều 6, khoản 2",
               "a) Tỷ lệ trẻ em 5 tuổi đến lớp đạt ít nhất 95%; đối với xã có điều kiện kinh tế - xã hội đặc biệt khó khăn "
               "đạt ít nhất 90%;"),
    "nd20_9": ("Nghị định 20/2014/NĐ-CP, Điều 9, khoản 2",
               "a) Tỷ lệ trẻ em 6 tuổi vào lớp 1 đạt ít nhất 90%;"),
    "nd20_9b": ("Nghị định 20/2014/NĐ-CP, Điều 9, khoản 2",
                "b) Tỷ lệ trẻ em đến 14 tuổi hoàn thành chương trình tiểu học đạt ít nhất 80%, đối với xã có điều kiện kinh "
                "tế - xã hội đặc biệt khó khăn đạt ít nhất 70%."),
    "nd20_9_3": ("Nghị định 20/2014/NĐ-CP, Điều 9, khoản 3",
                 "3. Đối với huyện: Có ít nhất 90% số xã được công nhận đạt chuẩn phổ cập giáo dục tiểu học mức độ 1."),
    "nd20_10": ("Nghị định 20/2014/NĐ-CP, Điều 10, khoản 1",
                "c) Tỷ lệ trẻ em 11 tuổi hoàn thành chương trình tiểu học đạt ít nhất 80%, đối với xã có điều kiện kinh tế - "
                "xã hội đặc biệt khó khăn đạt ít nhất 70%; các trẻ em 11 tuổi còn lại đều đang học các lớp tiểu học."),
    "nd20_14": ("Nghị định 20/2014/NĐ-CP, Điều 14, khoản 2",
                "b) Tỷ lệ thanh niên, thiếu niên trong độ tuổi từ 15 đến 18 tốt nghiệp trung học cơ sở đạt ít nhất 80%, đối "
                "với xã có điều kiện kinh tế - xã hội đặc biệt khó khăn đạt ít nhất 70%."),
    "nd20_16": ("Nghị định 20/2014/NĐ-CP, Điều 16",
                "2. Đối với huyện: Có 100% số xã đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 3."),
    "nd20_20": ("Nghị định 20/2014/NĐ-CP, Điều 20, khoản 1",
                "1. Đối với xã: Có ít nhất 90% số người trong độ tuổi từ 15 đến 35 được công nhận đạt chuẩn biết chữ mức độ 1; "
                "đối với xã có điều kiện kinh tế - xã hội đặc biệt khó khăn có ít nhất 90% số người trong độ tuổi từ 15 đến 25 "
                "được công nhận đạt chuẩn biết chữ mức độ 1."),
    "nd71_5": ("Nghị định 71/2020/NĐ-CP, Điều 5, khoản 2",
               "a) Giai đoạn 1: Từ ngày 01 tháng 7 năm 2020 đến hết ngày 31 tháng 12 năm 2025, bảo đảm đạt ít nhất 50% số "
               "giáo viên tiểu học đang được đào tạo hoặc đã hoàn thành chương trình đào tạo được cấp bằng cử nhân;"),
}
LEGAL_SOURCE = ("Bộ pháp điển điện tử (Bộ Tư pháp), đề mục 13.1 \"Giáo dục\"; shared/reference/legal/")

GROUPS = {
    "access": ("Tiếp cận: nhập học, tuyển mới, huy động", "Access: enrolment, intake, mobilisation"),
    "flows": ("Hiệu quả trong: lên lớp, lưu ban, bỏ học, chuyển cấp, hoàn thành", "Internal efficiency: flows, transition, completion"),
    "equity": ("Công bằng: bình đẳng giới, học sinh quá tuổi", "Equity: gender parity, over-age pupils"),
    "teachers": ("Giáo viên: tỷ lệ, định mức, thừa thiếu, chuẩn trình độ", "Teachers: ratios, norms, surplus and shortage, qualification"),
    "outcomes": ("Chất lượng: kết quả đánh giá, suy dinh dưỡng", "Outcomes: evaluation results, malnutrition"),
    "universalisation": ("Phổ cập giáo dục và xóa mù chữ", "Universalisation and literacy"),
    "schools": ("Trường chuẩn quốc gia và các tỷ lệ khác", "National-standard schools and other shares"),
}
_SHEET = {"access": "access", "flows": "flows", "equity": "equity", "teachers": "teachers", "outcomes": "equity",
          "universalisation": "universalisation", "schools": "equity"}


def _entry(key, group, vi, en, fn, codes, def_vi, def_en, regs=(), pitfalls=(), compare=None):
    return dict(key=key, group=group, vi=vi, en=en, fn=fn, codes=list(codes), def_vi=def_vi, def_en=def_en,
                regs=list(regs), pitfalls=list(pitfalls), compare=compare)


_UIS = ("UNESCO UIS, Education Indicators Technical Guidelines (2009)", "UNESCO UIS, Education Indicators Technical Guidelines (2009)")
_LGD28 = ("Luật Giáo dục 2019, Điều 28, khoản 1: tuổi vào lớp 1 là 6, lớp 6 là 11, lớp 10 là 15, \"tính theo năm\"",
          "Education Law 2019, art. 28(1): entry at 6 (grade 1), 11 (grade 6), 15 (grade 10), counted \"by the year\"")

ENTRIES = [
    _entry("ger", "access", "Tỷ lệ đi học chung (GER)", "Gross enrolment ratio (GER)", "gross_enrolment_ratio", ["ger"],
      "Số học sinh của một cấp học, ở mọi độ tuổi, trên 100 người trong độ tuổi của cấp đó.",
      "Pupils of a level at any age per 100 people of the level's official ages.",
      [_UIS, _LGD28],
      [("GER có thể vượt 100% khi nhiều học sinh quá tuổi hoặc lưu ban: đó không phải lỗi số liệu.",
        "GER can exceed 100% when many pupils are over-age or repeating: it is not a data error.")],
      compare="age_groups"),
    _entry("ner", "access", "Tỷ lệ đi học đúng độ tuổi (NER)", "Net enrolment rate (NER)", "net_enrolment_rate", ["ner"],
      "Chỉ tính học sinh trong đúng độ tuổi của cấp học, trên dân số độ tuổi đó.",
      "Only pupils of the level's official ages, per 100 people of those ages.",
      [_UIS, _LGD28],
      [("NER không thể vượt 100%. Một xã có NER trên 100% là do dân số ước tính thấp hoặc học sinh xã khác đến học: phải sửa số liệu, không công bố.",
        "NER cannot exceed 100%. A commune above 100% has too low a population estimate or pupils from elsewhere: fix the data, do not publish it.")]),
    _entry("aner", "access", "Tỷ lệ đi học đúng độ tuổi điều chỉnh (ANER)", "Adjusted net enrolment rate (ANER)", "adjusted_net_enrolment_rate", ["aner"],
      "Như NER, nhưng tính cả trẻ trong độ tuổi đã học vượt lên cấp cao hơn.",
      "As NER, but children of the official ages already in a higher level count too.",
      [_UIS],
      [("Một em 10 tuổi đã học lớp 6 không có trong NER tiểu học nhưng có trong ANER: dùng ANER khi nhiều em học vượt.",
        "A 10-year-old in grade 6 is left out of the primary NER but counts for the ANER: use the ANER where pupils skip ahead.")]),
    _entry("aser", "access", "Tỷ lệ nhập học theo độ tuổi; trẻ 5 tuổi học mẫu giáo", "Age-specific enrolment rate; 5-year-olds in kindergarten",
      "age_specific_enrolment_rate", ["age_specific_enrolment_rate", "age5_enrolment_rate"],
      "Trẻ của một độ tuổi đang đi học (mọi cấp, hoặc một cấp) trên dân số độ tuổi đó. Trẻ 5 tuổi học mẫu giáo là tiêu chí a) của phổ cập giáo dục mầm non 5 tuổi.",
      "Children of an age enrolled (any level, or one level) per 100 of that age. 5-year-olds in kindergarten is criterion a) of preschool-5 universalisation.",
      [("Nghị định 20/2014/NĐ-CP, Điều 6", "nd20_6"), _UIS],
      [("Mẫu số là trẻ 5 tuổi sống trên địa bàn, không phải trẻ có tên trong danh sách lớp.",
        "The denominator is the 5-year-olds living in the commune, not those on the class lists.")]),
    _entry("mobilisation", "access", "Tỷ lệ huy động ra lớp", "Mobilisation rate", "mobilisation_rate", ["mobilisation_rate"],
      "Trẻ trong độ tuổi của một cấp (nhà trẻ 0-2, mẫu giáo 3-5, tiểu học 6-10, THCS 11-14) đang đi học ở bất kỳ cấp nào, trên dân số độ tuổi đó.",
      "Children of a level's age group (nursery 0-2, kindergarten 3-5, primary 6-10, lower secondary 11-14) enrolled at any level, per 100 of the age group.",
      [("Thực hành thống kê giáo dục Việt Nam (\"tỷ lệ huy động\"); bằng tỷ lệ nhập học theo độ tuổi của UIS trên nhóm tuổi đó",
        "Vietnamese EMIS practice; equal to the UIS age-specific enrolment rate over the age group"), _LGD28],
      [("Báo cáo xã đôi khi chia cho số trẻ có trong sổ theo dõi phổ cập thay vì dân số ước tính: hai cách lệch nhau khi nhiều trẻ sống nơi khác. Ghi rõ mẫu số.",
        "Commune reports sometimes divide by the children on the universalisation register instead of the population estimate: the two differ where many children live elsewhere. Say which.")],
      compare="age_groups"),
    _entry("gir", "access", "Tỷ lệ tuyển mới chung vào lớp 1 (GIR)", "Gross intake ratio to grade 1 (GIR)", "gross_intake_ratio", ["gir"],
      "Học sinh mới vào lớp 1 ở mọi độ tuổi trên dân số 6 tuổi.", "New entrants to grade 1 at any age per 100 six-year-olds.", [_UIS],
      [("Học sinh lưu ban lớp 1 không phải học sinh mới: không cộng vào tử số.", "Grade-1 repeaters are not new entrants: leave them out of the numerator.")]),
    _entry("nir", "access", "Tỷ lệ huy động trẻ 6 tuổi vào lớp 1 (NIR)", "Net intake rate (NIR)", "net_intake_rate", ["net_intake_rate"],
      "Trẻ 6 tuổi mới vào lớp 1 trên dân số 6 tuổi; tiêu chí a) của phổ cập giáo dục tiểu học.",
      "6-year-old new entrants to grade 1 per 100 six-year-olds; criterion a) of primary universalisation.",
      [("Nghị định 20/2014/NĐ-CP, Điều 9-11 (90%, 95%, 98% cho mức 1, 2, 3)", "nd20_9"), _UIS],
      [("NIR không vượt 100%; chỉ tiêu \"100% trẻ 6 tuổi vào lớp 1\" là NIR = 100.", "NIR cannot exceed 100%; the target \"100% of 6-year-olds into grade 1\" is NIR = 100.")]),
    _entry("oosr", "access", "Tỷ lệ trẻ ngoài nhà trường", "Out-of-school rate", "out_of_school_rate", ["out_of_school_rate"],
      "Trẻ trong độ tuổi không học cấp đó hay cấp cao hơn: 100 − ANER.", "Official-age children in neither the level nor a higher one: 100 − ANER.",
      [("UNESCO UIS, Out-of-school rate (SDG 4.1.4)", "UNESCO UIS, Out-of-school rate (SDG 4.1.4)")],
      [("Không lấy 100 − NER: em học vượt lên cấp trên vẫn đang đi học.", "Do not take 100 − NER: a child who skipped ahead is in school.")]),
    _entry("two_session", "access", "Tỷ lệ học sinh học 2 buổi/ngày", "Share of pupils in two-session schooling", "two_session_share", ["two_session_share"],
      "Học sinh học 2 buổi/ngày trên tổng số học sinh của cấp.", "Pupils taught two sessions a day per 100 pupils of the level.",
      [("Thông tư 16/2017/TT-BGDĐT (định mức giáo viên khác nhau theo số buổi)", "Circular 16/2017 (staffing norms differ by sessions a day)")],
      [("Đếm học sinh, không đếm lớp: một trường có lớp đông học 1 buổi thì tỷ lệ theo lớp cao hơn tỷ lệ theo học sinh.",
        "Count pupils, not classes: where the big classes are single-session, the share of classes is higher than the share of pupils.")]),
    _entry("flows", "flows", "Tỷ lệ lên lớp, lưu ban, bỏ học (UIS)", "Promotion, repetition and dropout rates (UIS)", "flow_rates",
      ["promotion_rate", "dropout_rate"],
      "Phương pháp đoàn học sinh tái tạo: từ số học sinh theo lớp của hai năm liền nhau và số lưu ban năm sau. Ba tỷ lệ cộng lại bằng 100.",
      "Reconstructed cohort method: enrolment by grade of two consecutive years and next year's repeaters. The three rates add up to 100.",
      [_UIS],
      [("Học sinh chuyển đến, chuyển đi làm lệch cách tính: một xã nhận nhiều học sinh chuyển đến có thể có tỷ lệ lên lớp trên 100% hoặc bỏ học âm. Không cắt bỏ: ghi chú lại.",
        "Transfers break the method: a commune that receives pupils can show promotion above 100% or negative dropout. Do not clip: flag it.")],
      compare="flows"),
    _entry("flows_vn", "flows", "Lên lớp, lưu ban, bỏ học theo báo cáo trường (Việt Nam)", "Promotion, repetition, dropout in school reports (Viet Nam)", "",
      [], "Báo cáo cuối năm của trường: bỏ học và lưu ban trong năm chia cho số học sinh đầu năm; lên lớp chia cho số học sinh cuối năm.",
      "The school's end-of-year report: dropout and repetition during the year over the start-of-year enrolment; promotion over the end-of-year enrolment.",
      [("Thực hành báo cáo thống kê của ngành giáo dục (báo cáo cuối năm học)", "Education-sector reporting practice (end-of-year report)")],
      [("Em bỏ học trong hè sau khi đã được lên lớp: báo cáo trường tính là lên lớp, UIS tính là bỏ học. So hai con số phải biết chúng đo khác nhau.",
        "A pupil promoted who leaves over the summer: the school report counts her promoted, UIS counts her a dropout. Compare the two knowing they measure different things.")],
      compare="flows"),
    _entry("survival", "flows", "Tỷ lệ học đến lớp cuối cấp (tỷ lệ sống sót)", "Survival rate to a grade", "survival_rate", ["survival_rate"],
      "Trong 1000 em vào lớp đầu cấp, bao nhiêu em được dự kiến học đến lớp g, dù có lưu ban (đoàn học sinh tái tạo từ tỷ lệ lên lớp và lưu ban của một năm).",
      "Of 1000 pupils entering the first grade, how many are expected to reach grade g, repeaters included (reconstructed cohort from one year's promotion and repetition rates).",
      [("UNESCO UIS, Survival rate by grade: \"expected to reach a given grade, regardless of repetition\"",
        "UNESCO UIS, Survival rate by grade: \"expected to reach a given grade, regardless of repetition\"")],
      [("Không nhân thẳng các tỷ lệ lên lớp: mỗi lớp phải chia cho (100 − tỷ lệ lưu ban), vì em lưu ban năm sau vẫn có thể lên lớp.",
        "Do not just multiply the promotion rates: each grade is divided by (100 − repetition), because a repeater may be promoted the next year.")]),
    _entry("etr", "flows", "Tỷ lệ chuyển cấp hiệu quả", "Effective transition rate", "effective_transition_rate", ["effective_transition_rate"],
      "Học sinh mới vào lớp đầu cấp trên (không tính lưu ban) trên học sinh lớp cuối cấp dưới năm trước không lưu ban.",
      "New entrants to the first grade of the next level over last year's last-grade pupils who did not repeat.", [_UIS],
      [("Báo cáo xã hay chia cho số học sinh hoàn thành tiểu học hoặc tốt nghiệp THCS: đó là chỉ số khác (xem mục sau).",
        "Commune reports often divide by the primary completers or lower-secondary graduates: that is another indicator (next entry).")]),
    _entry("graduate_transition", "flows", "Tỷ lệ học sinh tốt nghiệp THCS học tiếp (phân luồng)", "Lower-secondary graduates continuing (streaming)",
      "graduate_transition_rate", ["transition_rate_upper_secondary", "transition_rate_vocational", "transition_rate_upper_secondary_or_vocational"],
      "Học sinh tốt nghiệp THCS vào lớp 10 (THPT, GDTX) hoặc học nghề trên số tốt nghiệp THCS.",
      "Lower-secondary graduates entering grade 10 (general or continuing education) or vocational training, over the graduates.",
      [("Quyết định 522/QĐ-TTg (2018), Đề án giáo dục hướng nghiệp và định hướng phân luồng", "Decision 522/QĐ-TTg (2018) on streaming")],
      [("Mẫu số có thể là số tốt nghiệp hoặc số học sinh lớp 9: với tỷ lệ tốt nghiệp 99% hai cách lệch khoảng 1 điểm. Ghi rõ mẫu số.",
        "The denominator can be the graduates or the grade-9 pupils: with 99% graduating the two differ by about one point. Say which.")]),
    _entry("completion_rate", "flows", "Tỷ lệ hoàn thành cấp học (SDG 4.1.2) và hoàn thành theo báo cáo trường", "Completion rate (SDG 4.1.2) and school-report completion",
      "completion_rate", ["completion_rate", "programme_completion_rate"],
      "SDG 4.1.2: người lớn hơn tuổi lớp cuối cấp 3-5 tuổi đã hoàn thành cấp học, trên dân số độ tuổi đó (tiểu học: 13-15 tuổi).",
      "SDG 4.1.2: people 3-5 years older than the last grade's age who completed the level, over that population (primary: 13-15).",
      [("UNESCO UIS, SDG 4.1.2 metadata", "UNESCO UIS, SDG 4.1.2 metadata"),
       ("Thông tư 27/2020/TT-BGDĐT, Điều 14 (hoàn thành chương trình tiểu học)", "Circular 27/2020, art. 14 (completing primary)")],
      [("Chuỗi \"primary completion rate\" của Ngân hàng Thế giới (SE.PRM.CMPT.ZS) là tỷ lệ tuyển mới chung vào lớp cuối, vượt 100% nhiều năm: không phải SDG 4.1.2.",
        "The World Bank series \"primary completion rate\" (SE.PRM.CMPT.ZS) is the gross intake ratio to the last grade and exceeds 100 in many years: it is not SDG 4.1.2.")],
      compare="completion"),
    _entry("graduation", "flows", "Tỷ lệ tốt nghiệp; tỷ lệ hoàn thành chương trình tiểu học", "Graduation rate; primary programme completion", "graduation_rate",
      ["graduation_rate", "programme_completion_rate"],
      "Số được công nhận tốt nghiệp (hoàn thành) trên số dự xét, dự thi của lớp cuối cấp.",
      "Pupils awarded the diploma (certified complete) over the last-grade candidates.",
      [("Thông tư 31/2023/TT-BGDĐT (xét công nhận tốt nghiệp THCS); Thông tư 27/2020/TT-BGDĐT, Điều 14", "Circular 31/2023; Circular 27/2020, art. 14")],
      [("Tỷ lệ tốt nghiệp 99% không nói gì về số em đã bỏ học trước lớp 9: xem cùng tỷ lệ bỏ học và tỷ lệ hoàn thành.",
        "A 99% graduation rate says nothing about pupils who left before grade 9: read it with dropout and completion.")]),
    _entry("gpi", "equity", "Chỉ số bình đẳng giới (GPI) và GPI điều chỉnh", "Gender parity index (GPI) and adjusted GPI", "gender_parity_index",
      ["gender_parity_index", "gender_parity_index_adjusted"],
      "Giá trị của một chỉ số ở nữ chia cho giá trị ở nam; 1 là bình đẳng, 0,97-1,03 coi là bình đẳng. GPI điều chỉnh của UIS đối xứng quanh 1 (từ 0 đến 2).",
      "An indicator's value for girls over its value for boys; 1 is parity and 0,97-1,03 counts as parity. The UIS adjusted GPI is symmetric around 1 (0 to 2).",
      [("UNESCO UIS, SDG 4.5.1 metadata (parity indices)", "UNESCO UIS, SDG 4.5.1 metadata (parity indices)"),
       ("UNESCO UIS qua World Bank EdStats: \"If the resulting value exceeds 1, the ratio is inverted and subtracted from 2\"",
        "UNESCO UIS via World Bank EdStats: \"If the resulting value exceeds 1, the ratio is inverted and subtracted from 2\"")],
      [("Tỷ lệ nữ trong số học sinh không phải GPI. Hòa Bình 2016-2017: 34.251 nữ trong 71.303 học sinh tiểu học (48,0%, GSO); muốn có GPI phải có dân số 6-10 tuổi chia theo giới.",
        "The share of girls among pupils is not a GPI. Hòa Bình 2016-2017: 34.251 girls among 71.303 primary pupils (48,0%, GSO); a GPI needs the population aged 6-10 by sex."),
       ("Trên 1, GPI điều chỉnh không còn là tỷ số của hai giá trị (nữ 105, nam 100: GPI 1,05, GPIA 1,048): ghi rõ đang dùng chỉ số nào.",
        "Above 1 the adjusted GPI is not the ratio of the two values (girls 105, boys 100: GPI 1,05, GPIA 1,048): say which index is shown.")]),
    _entry("over_age", "equity", "Tỷ lệ học sinh quá tuổi", "Share of over-age pupils", "over_age_share", ["over_age_share"],
      "Học sinh lớn hơn tuổi của lớp mình đang học từ k tuổi trở lên, trên tổng số học sinh của cấp (tuổi lớp g là g + 5).",
      "Pupils k or more years older than their grade's age, over all pupils of the level (the age of grade g is g + 5).",
      [("UNESCO UIS, Percentage of children over-age for grade (từ 2 tuổi trở lên)", "UNESCO UIS, Percentage of children over-age for grade (2 years or more)"), _LGD28],
      [("UIS đếm từ 2 tuổi trở lên, nhiều báo cáo trường đếm từ 1 tuổi: hai tỷ lệ khác nhau nhiều. Ghi rõ k.",
        "UIS counts 2 or more years over, many school reports 1 or more: the two differ a lot. Say which k.")]),
    _entry("ptr", "teachers", "Số học sinh/giáo viên", "Pupil-teacher ratio", "pupil_teacher_ratio", ["pupil_teacher_ratio"],
      "Số học sinh của một cấp chia cho số giáo viên trực tiếp giảng dạy của cấp đó.", "Pupils of a level over its teaching staff.",
      [_UIS, ("Cục Thống kê tỉnh Hòa Bình, Niên giám thống kê 2021, tr. 613", "Hòa Bình Statistics Office, Statistical Yearbook 2021, p. 613")],
      [("Niên giám in tỷ lệ làm tròn đến số nguyên (\"19 học sinh/giáo viên\"): so sánh ở cùng độ chính xác, và chỉ đếm giáo viên giảng dạy, không đếm cán bộ quản lý.",
        "Yearbooks print the ratio rounded (\"19 students/teacher\"): compare at that precision, and count teaching staff, not managers.")]),
    _entry("pcr", "teachers", "Số học sinh bình quân/lớp", "Pupils per class", "pupil_class_ratio", ["pupil_class_ratio"],
      "Số học sinh chia cho số lớp của cấp; so với mức tối đa 35 (tiểu học) và 45 (trung học).",
      "Pupils over classes of the level; compare with the caps of 35 (primary) and 45 (secondary).",
      [("Điều lệ trường tiểu học (Thông tư 28/2020/TT-BGDĐT, Điều 7); Điều lệ trường trung học (Thông tư 32/2020/TT-BGDĐT, Điều 15)",
        "Primary school charter (Circular 28/2020, art. 7); secondary school charter (Circular 32/2020, art. 15)")],
      [("Bình quân dưới 35 không có nghĩa mọi lớp dưới 35: điểm trường lẻ lớp nhỏ kéo bình quân xuống.",
        "An average below 35 does not mean every class is: small classes at satellite sites pull the average down.")]),
    _entry("teacher_norm", "teachers", "Định mức giáo viên trên lớp", "Teachers per class at the norm", "teacher_norm", [],
      "Số giáo viên cho một lớp theo cấp, số buổi học/ngày và loại trường.", "Teachers per class by level, sessions a day and type of school.",
      [("Từ 16/12/2023: Thông tư 20/2023/TT-BGDĐT, Điều 7, 12, 17 (tối đa: tiểu học 1,50/1,20; THCS 1,90, PTDT nội trú 2,20; "
        "THPT 2,25, PTDT nội trú 2,40, chuyên 3,10 giáo viên/lớp; học sinh còn dư sau khi chia theo sĩ số bình quân vùng "
        "25/30/35 hoặc 35/40/45 (Điều 3): cứ 12/15/17 em ở tiểu học, 17/20/22 em ở trung học thêm 01 giáo viên)",
        "From 16/12/2023: Circular 20/2023, art. 7, 12, 17 (at most: primary 1,50/1,20; lower secondary 1,90, ethnic boarding 2,20; "
        "upper secondary 2,25, ethnic boarding 2,40, specialised 3,10 teachers per class; pupils left over after dividing by the "
        "regional average 25/30/35 or 35/40/45 (art. 3): one more teacher per 12/15/17 primary or 17/20/22 secondary pupils)"),
       ("Từ 16/12/2023: Thông tư 19/2023/TT-BGDĐT, Điều 5 khoản 1 (tối đa 2,5 giáo viên/nhóm trẻ, 2,2/lớp mẫu giáo dù 1 hay 2 buổi; "
        "trẻ còn dư cứ 6/8/10/11/14/16 trẻ theo tuổi thêm 1,0 giáo viên; trường chỉ có 01 nhóm, lớp thiếu trẻ: 2,0)",
        "From 16/12/2023: Circular 19/2023, art. 5(1) (at most 2,5 teachers per nursery group, 2,2 per kindergarten class whatever "
        "the sessions; children left over: one more per 6/8/10/11/14/16 by age; a school with one short group or class: 2,0)"),
       ("Đến 15/12/2023: Thông tư 16/2017/TT-BGDĐT, Điều 6-8 (cùng các định mức theo lớp, không có quy định học sinh còn dư); "
        "Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV, Điều 5 khoản 3 (nhóm trẻ 2,50; lớp mẫu giáo 2,20 khi 2 buổi, 1,20 khi 1 buổi)",
        "Until 15/12/2023: Circular 16/2017, art. 6-8 (the same per-class norms, no leftover rule); Joint circular 06/2015, "
        "art. 5(3) (nursery group 2,50; kindergarten class 2,20 with two sessions, 1,20 with one)"),
       ("Văn bản trích từ bản sao thứ cấp (thuvienphapluat.vn, lawnet.vn), địa chỉ ghi trong edustats/data/teacher_norms.csv",
        "Texts quoted from secondary copies (thuvienphapluat.vn, lawnet.vn); addresses in edustats/data/teacher_norms.csv")],
      [("Nhóm trẻ nhà trẻ là 2,5 giáo viên, không phải 2,2: gộp nhóm trẻ với lớp mẫu giáo sẽ tính thiếu giáo viên.",
        "A nursery group needs 2,5 teachers, not 2,2: lumping groups with kindergarten classes understates the need."),
       ("Định mức là mức tối đa, tính theo từng trường: trường tiểu học vùng 1 có 1.011 học sinh được tối đa ⌊1.011/25⌋ = 40 lớp "
        "× 1,5 = 60 giáo viên, cộng 11 em dư tính theo tỷ lệ 11/12 = 0,92: 60,92 → 61 (làm tròn lên một lần cho cả trường; "
        "đọc đúng chữ \"cứ 12 học sinh thêm 01 giáo viên\" theo bội số nguyên thì 11 em không được thêm ai: 60). Trường 15 học "
        "sinh vùng 3: 15/17 → 1 giáo viên, không phải 0 (Thông tư 20/2023).",
        "The norms are maxima, school by school: a region-1 primary school of 1.011 pupils may have at most ⌊1.011/25⌋ = 40 "
        "classes × 1,5 = 60 teachers, plus its 11 pupils left over pro rata, 11/12 = 0,92: 60,92 → 61 (rounded up once per "
        "school; read literally, in whole multiples of 12, the 11 earn none: 60). A region-3 school of 15 pupils: 15/17 → 1 "
        "teacher, not 0 (Circular 20/2023).")]),
    _entry("teachers_required", "teachers", "Số giáo viên cần theo định mức", "Teachers required at the norms", "teachers_required", [],
      "Số lớp nhân định mức, cộng theo cấp, làm tròn một lần cho cả cấp.", "Classes times the norm, summed by level, rounded once per level.",
      [("Thông tư 16/2017/TT-BGDĐT, Điều 6-8 (đến 15/12/2023); Thông tư 20/2023/TT-BGDĐT giữ định mức tối đa theo lớp, "
        "tính theo từng trường, không theo đơn vị hành chính (Điều 3 khoản 3), và thêm giáo viên cho học sinh còn dư "
        "(teachers_needed_per_school)",
        "Circular 16/2017, art. 6-8 (until 15/12/2023); Circular 20/2023 keeps the per-class maxima, counted school by school, "
        "not by administrative unit (art. 3(3)), and adds teachers for pupils left over (teachers_needed_per_school)")],
      [("Định mức tính theo lớp, không theo học sinh: huyện nhiều điểm trường lẻ lớp nhỏ cần nhiều giáo viên hơn tỷ lệ học sinh/giáo viên gợi ý.",
        "Norms count classes, not pupils: a district with many small satellite classes needs more teachers than its pupil-teacher ratio suggests.")]),
    _entry("surplus", "teachers", "Thừa, thiếu giáo viên", "Teacher surplus and shortage", "teacher_surplus_shortage", ["teacher_surplus_shortage"],
      "Giáo viên hiện có trừ giáo viên cần theo định mức, từng cấp.", "Teachers in post minus teachers required, by level.",
      [("Thông tư 16/2017/TT-BGDĐT; Thông tư liên tịch 06/2015/TTLT-BGDĐT-BNV", "Circular 16/2017; Joint circular 06/2015")],
      [("Một huyện có thể vừa thiếu ở mầm non, tiểu học vừa thừa ở THCS (Thiệu Hóa: \"thiếu 255, thừa 85\"): không cộng bù giữa các cấp.",
        "A district can be short at preschool and primary and over-staffed at lower secondary (Thiệu Hóa: \"thiếu 255, thừa 85\"): do not net levels against each other.")]),
    _entry("qualification", "teachers", "Tỷ lệ giáo viên đạt chuẩn, trên chuẩn trình độ đào tạo", "Qualified and above-standard teachers",
      "qualified_teacher_share", ["qualified_teacher_share", "above_standard_teacher_share", "qualified_staff_share"],
      "Giáo viên có trình độ bằng hoặc cao hơn chuẩn của cấp (mầm non: cao đẳng sư phạm; tiểu học, THCS, THPT: cử nhân) trên tổng số giáo viên.",
      "Teachers holding at least the level's required qualification (preschool: pedagogical college; primary and secondary: bachelor's) over all teachers.",
      [("Luật Giáo dục 2019, Điều 72", "Education Law 2019, art. 72"), ("Nghị định 71/2020/NĐ-CP, Điều 5 (lộ trình nâng chuẩn giáo viên tiểu học)", "nd71_5")],
      [("Từ Luật Giáo dục 2019 chuẩn tiểu học nâng từ cao đẳng lên cử nhân: chuỗi số liệu qua năm 2020 có thể giảm mà không có giáo viên nào thay đổi. Ghi rõ chuẩn nào.",
        "Since the 2019 Education Law the primary standard rose from college to bachelor's: a series across 2020 can fall with no change in staff. Say which standard.")]),
    _entry("evaluation", "outcomes", "Tỷ lệ học sinh theo mức đánh giá", "Pupils by evaluation category", "evaluation_shares",
      ["primary_eval_good_share", "primary_eval_completed_share", "secondary_learning_good_share", "legacy_academic_good_share"],
      "Số học sinh ở các mức được cộng (ví dụ Tốt và Khá) trên số học sinh được đánh giá.",
      "Pupils in the categories counted (e.g. Tốt and Khá) over the pupils evaluated.",
      [("Thông tư 27/2020/TT-BGDĐT, Điều 9 (tiểu học); Thông tư 22/2021/TT-BGDĐT, Điều 8-9 (trung học); Thông tư 58/2011/TT-BGDĐT (thang cũ)",
        "Circular 27/2020, art. 9 (primary); Circular 22/2021, art. 8-9 (secondary); Circular 58/2011 (old scale)")],
      [("\"Khá, giỏi\" (Thông tư 58/2011) và \"Khá, Tốt\" (Thông tư 22/2021) là hai thang khác nhau: chuỗi số liệu đổi thang năm 2021-2022 bị gãy, không phải xu hướng.",
        "\"Khá, giỏi\" (Circular 58/2011) and \"Khá, Tốt\" (Circular 22/2021) are different scales: a series that changes scale in 2021-2022 has a break, not a trend.")]),
    _entry("malnutrition", "outcomes", "Tỷ lệ trẻ suy dinh dưỡng", "Child malnutrition rate", "malnutrition_rate", ["malnutrition_rate"],
      "Trẻ dưới −2 độ lệch chuẩn của chuẩn tăng trưởng WHO trên số trẻ được cân đo.",
      "Children below −2 SD of the WHO growth standard over the children weighed and measured.",
      [("Chuẩn tăng trưởng trẻ em của WHO (2006)", "WHO Child Growth Standards (2006)")],
      [("Suy dinh dưỡng nhẹ cân và thấp còi là hai tỷ lệ khác nhau; một trẻ có cả hai chỉ tính một lần. Chỉ tiêu \"xuống 6%\" phải nói là loại nào.",
        "Underweight and stunting are different rates; a child with both counts once. A target \"down to 6%\" must say which.")]),
    _entry("completion_by_age", "universalisation", "Tỷ lệ hoàn thành theo độ tuổi (tiêu chí phổ cập)", "Completion by age (universalisation criteria)",
      "completion_by_age", ["primary_completion_age11", "lower_secondary_diploma_15_18"],
      "Người trong độ tuổi quy định đã hoàn thành cấp học trên dân số độ tuổi đó: trẻ 11 tuổi hoàn thành tiểu học; thanh thiếu niên 15-18 tuổi có bằng THCS.",
      "People of the set ages who completed the level over that population: 11-year-olds who completed primary; 15-18-year-olds with the lower-secondary diploma.",
      [("Nghị định 20/2014/NĐ-CP, Điều 10", "nd20_10"), ("Nghị định 20/2014/NĐ-CP, Điều 14", "nd20_14")],
      [("\"Tỷ lệ phổ cập THCS 90,14%\" là tỷ lệ 15-18 tuổi có bằng THCS, không phải tỷ lệ tốt nghiệp lớp 9 năm đó.",
        "\"Phổ cập THCS 90,14%\" is the share of 15-18-year-olds holding the diploma, not that year's grade-9 graduation rate.")]),
    _entry("universalisation", "universalisation", "Mức phổ cập giáo dục, xóa mù chữ của xã", "Universalisation and literacy level of a commune",
      "classify_universalization", ["pcgd_primary_level", "pcgd_lower_secondary_level", "literacy_level"],
      "Mức cao nhất mà xã đạt mọi tiêu chí (mỗi mức gồm cả mức dưới); xã ĐBKK có ngưỡng thấp hơn, riêng xóa mù chữ là nhóm tuổi hẹp hơn.",
      "The highest level whose criteria the commune all meets (each level includes the one below); ĐBKK communes have lower thresholds, for literacy a narrower age group.",
      [("Nghị định 20/2014/NĐ-CP, Điều 14-16", "nd20_14"), ("Nghị định 20/2014/NĐ-CP, Điều 20", "nd20_20")],
      [("Một tiêu chí tụt nửa điểm có thể làm xã rớt một mức dù các tiêu chí khác tăng: luôn ghi tiêu chí quyết định và khoảng cách đến ngưỡng.",
        "One criterion slipping half a point can drop a level while the others improve: always report the binding criterion and its margin."),
       ("Với xóa mù chữ, ưu đãi ĐBKK là nhóm tuổi hẹp hơn (15-25 thay vì 15-35), không phải ngưỡng thấp hơn: không so sánh trực tiếp với xã bên cạnh.",
        "For literacy the ĐBKK concession is a narrower age group (15-25 instead of 15-35), not a lower threshold: do not compare directly with a neighbour.")]),
    _entry("district", "universalisation", "Huyện đạt chuẩn phổ cập", "District universalisation", "district_universalization",
      ["communes_meeting_pcgd_preschool5_share", "communes_pcgd_primary_level3"],
      "Huyện đạt khi ít nhất 90% số xã đạt (THCS mức 3: 100%).", "A district qualifies when at least 90% of its communes do (lower secondary level 3: 100%).",
      [("Nghị định 20/2014/NĐ-CP, Điều 9, khoản 3", "nd20_9_3"), ("Nghị định 20/2014/NĐ-CP, Điều 16, khoản 2", "nd20_16")],
      [("Mức của huyện không phải bình quân mức các xã: là tỷ lệ xã đạt mức đó so với ngưỡng 90% (hoặc 100%).",
        "A district's level is not the average of its communes': it is the share of communes at the level against 90% (or 100%).")]),
    _entry("schools", "schools", "Số trường đạt chuẩn quốc gia (lũy kế)", "National-standard schools (in force)", "national_standard_schools",
      ["national_standard_schools", "new_national_standard_schools", "national_standard_rerecognition_share"],
      "Số trường có quyết định công nhận còn hiệu lực (5 năm); số trường mới công nhận; tỷ lệ trường hết hạn được công nhận lại.",
      "Schools whose recognition (valid 5 years) is in force; newly recognised schools; share of expiring recognitions renewed.",
      [("Thông tư 17/2018, 18/2018, 19/2018/TT-BGDĐT (công nhận có giá trị 5 năm)", "Circulars 17/2018, 18/2018, 19/2018 (recognition valid 5 years)")],
      [("\"Lũy kế\" là số trường còn hiệu lực, không phải mọi trường từng được công nhận: huyện công nhận mới 2 trường vẫn có thể giảm từ 9 xuống 8.",
        "\"Cumulative\" counts recognitions in force, not every school ever recognised: a district can add 2 schools and still fall from 9 to 8.")]),
    _entry("share", "schools", "Các tỷ lệ đơn giản (tử số/mẫu số)", "Plain shares (numerator over denominator)", "rate_table", [],
      "Nhiều chỉ tiêu là tỷ lệ của hai số đếm (trường có bếp ăn bán trú, lao động qua đào tạo …).",
      "Many targets are a share of two counts (schools with a kitchen, trained workers …).",
      [("Căn cứ của từng chỉ tiêu trong danh mục chỉ tiêu", "The source of each indicator in the catalogue")],
      [("\"100% số trường\" chưa nói gì khi chưa ghi số trường: luôn viết hai số bên cạnh tỷ lệ.",
        "\"100% of schools\" means little until the number of schools is written beside it: always write both counts.")]),
]
_ENTRY = {e["key"]: e for e in ENTRIES}

COMPARISONS = {
    "flows": dict(
        title=("Lên lớp, lưu ban, bỏ học: báo cáo trường (Việt Nam) và UIS", "Promotion, repetition, dropout: school report (Viet Nam) and UIS"),
        rows=[
            (("Bỏ học", "Dropout"), ("Số bỏ học trong năm học ÷ số học sinh đầu năm", "Left during the year ÷ start-of-year enrolment"),
             ("100 − lên lớp − lưu ban (phần còn lại của đoàn học sinh)", "100 − promotion − repetition (the rest of the cohort)")),
            (("Lưu ban", "Repetition"), ("Số phải ở lại lớp theo đánh giá cuối năm ÷ số học sinh đầu năm", "Kept down at year end ÷ start-of-year enrolment"),
             ("Số học lại lớp g năm sau ÷ số học sinh lớp g năm nay", "Repeating grade g next year ÷ grade g this year")),
            (("Lên lớp", "Promotion"), ("Số được lên lớp trong báo cáo cuối năm ÷ số học sinh cuối năm", "Promoted in the end-of-year report ÷ end-of-year enrolment"),
             ("(Học sinh lớp g+1 năm sau − lưu ban lớp g+1) ÷ học sinh lớp g năm nay", "(Grade g+1 next year − its repeaters) ÷ grade g this year")),
            (("Số liệu cần", "Data needed"), ("Một báo cáo cuối năm", "One end-of-year report"), ("Số học sinh theo lớp hai năm liền và số lưu ban năm sau", "Enrolment by grade in two years and next year's repeaters")),
            (("Vì sao khác", "Why they differ"),
             ("Đo trong năm học, theo quyết định của nhà trường", "Measured within the school year, by the school's decision"),
             ("Đo bằng việc em có quay lại lớp trên năm sau không: tính cả bỏ học trong hè; bị chuyển trường làm lệch", "Measured by whether the pupil is in the next grade next year: catches summer dropout; transfers distort it")),
            (("Chỉ tiêu của văn bản", "Documents' targets"),
             ("Na Mèo \"tỷ lệ học sinh lên lớp đạt 97%\" (tiểu học), \"96%\" (THCS): văn bản không nói cách tính; số liệu của xã lấy từ báo cáo cuối năm "
              "của trường, nên nhiều khả năng theo cách Việt Nam; Lai Châu \"bỏ học THCS 1,1%\" (báo chí) cũng không nói cách tính",
              "Na Mèo \"lên lớp 97%\" (primary), \"96%\" (lower secondary): the document does not say how; commune figures come from the schools' "
              "end-of-year reports, so most likely the Vietnamese way; Lai Châu's \"THCS dropout 1,1%\" (press) does not say either"),
             ("Danh mục chỉ tiêu gắn các chỉ tiêu này với promotion_rate của UIS: khi đối chiếu, hỏi trường đã chia cho số nào",
              "The catalogue maps these to the UIS promotion_rate: when checking, ask the school which denominator it used")),
        ]),
    "completion": dict(
        title=("Hoàn thành tiểu học: bốn cách đếm", "Completing primary: four ways of counting"),
        rows=[
            (("SDG 4.1.2 (UIS)", "SDG 4.1.2 (UIS)"), ("Người 13-15 tuổi đã hoàn thành ÷ dân số 13-15 tuổi (điều tra hộ)", "People aged 13-15 who completed ÷ population 13-15 (household data)"),
             ("Quốc tế so sánh được; không văn bản nào dùng", "Internationally comparable; no document uses it")),
            (("Báo cáo trường", "School report"), ("Hoàn thành lớp 5 năm t ÷ học sinh lớp 1 năm t − 4", "Completing grade 5 in year t ÷ grade-1 pupils in year t − 4"),
             ("Lẫn chuyển trường, lưu ban vào tỷ lệ; không văn bản nào trong năm văn bản dùng", "Mixes transfers and repetition into the rate; none of the five documents uses it")),
            (("Nghị định 20/2014", "Decree 20/2014"), ("Trẻ 11 tuổi đã hoàn thành ÷ trẻ 11 tuổi (Điều 10-11); đến 14 tuổi (Điều 9)", "11-year-olds who completed ÷ 11-year-olds (art. 10-11); by 14 (art. 9)"),
             ("Na Mèo \"phổ cập giáo dục tiểu học đúng độ tuổi đạt 97%\"", "Na Mèo \"phổ cập giáo dục tiểu học đúng độ tuổi đạt 97%\"")),
            (("Thông tư 27/2020", "Circular 27/2020"), ("Học sinh lớp 5 được xác nhận hoàn thành ÷ học sinh lớp 5 cuối năm", "Grade-5 pupils certified complete ÷ grade-5 pupils at year end"),
             ("Mường Tè \"100% số học sinh hoàn thành chương trình tiểu học\"", "Mường Tè \"100% số học sinh hoàn thành chương trình tiểu học\"")),
        ]),
    "age_groups": dict(
        title=("Độ tuổi của tỷ lệ nhập học: Việt Nam và UIS", "Enrolment-ratio age groups: Viet Nam and UIS"),
        rows=[
            (("Nhóm tuổi", "Age groups"), ("Tiểu học 6-10, THCS 11-14, THPT 15-17 (Luật Giáo dục 2019, Điều 28)", "Primary 6-10, lower secondary 11-14, upper secondary 15-17 (Education Law 2019, art. 28)"),
             ("Cùng nhóm tuổi: UIS dùng cấu trúc hệ thống của từng nước", "The same groups: UIS uses each country's own structure")),
            (("Cách tính tuổi", "How age is counted"), ("\"Tính theo năm\": năm đầu của năm học trừ năm sinh", "\"By the year\": the school year's first year minus the year of birth"),
             ("Tuổi theo số liệu nhập học quốc gia báo cáo", "Ages as the national enrolment data report them")),
            (("Mẫu số", "Denominator"), ("Dân số theo sổ điều tra phổ cập của xã, hoặc ước tính của thống kê", "Population on the commune's universalisation register, or the statistics office's estimate"),
             ("Ước tính dân số của Phòng Dân số Liên hợp quốc", "UN Population Division estimates")),
            (("Vì sao khác", "Why they differ"), ("Hai mẫu số khác nhau vài phần trăm; một trẻ sinh cuối năm được tính \"6 tuổi\" sớm hơn", "The two denominators differ by a few percent; a child born late in the year is \"6\" earlier"),
             ("Số UIS cho Việt Nam không cộng lại thành số của xã", "UIS figures for Viet Nam do not add up to communes' figures")),
            (("Chỉ tiêu của văn bản", "Documents' targets"),
             ("Mường Tè \"huy động học sinh trong độ tuổi\" tiểu học 99,9%, THCS 96%; Na Mèo \"trẻ 3 đến dưới 6 tuổi\" 97%: nhóm tuổi Việt Nam",
              "Mường Tè primary 99,9%, lower secondary 96% \"in the age group\"; Na Mèo \"3 to under 6\" 97%: Vietnamese age groups"),
             ("Không văn bản nào dùng số UIS", "No document uses UIS figures")),
        ]),
}

GLOSSARY = [
    ("GER", "Tỷ lệ đi học chung (tỷ lệ nhập học chung)", "Gross enrolment ratio"),
    ("NER", "Tỷ lệ đi học đúng độ tuổi", "Net enrolment rate"),
    ("ANER", "Tỷ lệ đi học đúng độ tuổi điều chỉnh", "Adjusted net enrolment rate"),
    ("ASER", "Tỷ lệ nhập học theo độ tuổi", "Age-specific enrolment rate"),
    ("GIR", "Tỷ lệ tuyển mới chung vào lớp 1", "Gross intake ratio"),
    ("NIR", "Tỷ lệ huy động trẻ 6 tuổi vào lớp 1", "Net intake rate"),
    ("OOSR", "Tỷ lệ trẻ ngoài nhà trường", "Out-of-school rate"),
    ("ETR", "Tỷ lệ chuyển cấp hiệu quả", "Effective transition rate"),
    ("CR", "Tỷ lệ hoàn thành cấp học (SDG 4.1.2)", "Completion rate"),
    ("GPI / GPIA", "Chỉ số bình đẳng giới / chỉ số điều chỉnh", "Gender parity index / adjusted"),
    ("PTR", "Số học sinh/giáo viên", "Pupil-teacher ratio"),
    ("PCGD", "Phổ cập giáo dục", "Universal education (universalisation standard)"),
    ("XMC", "Xóa mù chữ", "Literacy (eradication of illiteracy)"),
    ("ĐBKK", "Xã có điều kiện kinh tế - xã hội đặc biệt khó khăn", "Commune with especially difficult socio-economic conditions"),
    ("GDTX", "Giáo dục thường xuyên", "Continuing education"),
    ("UIS", "Viện Thống kê của UNESCO", "UNESCO Institute for Statistics"),
    ("Đoàn học sinh tái tạo", "Phương pháp tính luồng học sinh từ số liệu hai năm", "Reconstructed cohort method"),
    ("Tử số / mẫu số", "Số trên / số dưới của phân số", "Numerator / denominator"),
]

READING_ORDER = [
    ("0:00-0:20", ("Mục lục, thuật ngữ; tử số và mẫu số", "Contents, glossary; numerator and denominator"), ["share"]),
    ("0:20-1:05", ("Tiếp cận: GER, NER, huy động, trẻ 6 tuổi vào lớp 1; so độ tuổi Việt Nam và UIS", "Access: GER, NER, mobilisation, intake; VN and UIS age groups"),
     ["ger", "ner", "mobilisation", "nir"]),
    ("1:05-1:50", ("Hiệu quả: lên lớp, lưu ban, bỏ học theo hai cách; hoàn thành; chuyển cấp", "Flows: the two ways; completion; transition"),
     ["flows", "flows_vn", "completion_rate", "graduate_transition"]),
    ("1:50-2:05", ("Nghỉ giải lao", "Break"), []),
    ("2:05-2:45", ("Giáo viên: định mức, thừa thiếu trên số liệu Hòa Bình", "Teachers: norms, surplus and shortage on Hòa Bình figures"),
     ["ptr", "teachers_required", "surplus"]),
    ("2:45-3:20", ("Phổ cập: mức của xã, của huyện; tiêu chí quyết định", "Universalisation: commune and district levels; the binding criterion"),
     ["universalisation", "district"]),
    ("3:20-3:50", ("Phiếu bài tập theo nhóm, chữa đáp án", "Exercise sheets in groups, answers"), []),
    ("3:50-4:00", ("Công bằng giới, học sinh quá tuổi: đọc thêm", "Gender parity, over-age pupils: further reading"), ["gpi", "over_age"]),
]

HANDBOOK_CSS = """<style type="text/css">
  .jp-Cell { break-inside: auto !important; }
  .es-hb h1 { font-size: 1.7em; } .es-hb h2 { border-bottom: 2px solid #2c7fb8; padding-bottom: 2px; margin-top: 1.6em; }
  .es-hb h3 { margin-top: 1.4em; color: #1f4e79; } .es-hb .en { color: #555; font-style: italic; }
  .es-hb .es-formula { margin: 6px 0 2px 0; } .es-hb .es-formula svg { max-width: 100%; height: auto; }
  .es-hb .es-where { color: #333; font-size: 0.9em; margin: 0 0 8px 12px; }
  .es-hb blockquote { border-left: 4px solid #999; margin: 4px 0 4px 8px; padding: 2px 8px; color: #333; background: #f7f7f7; }
  .es-hb .es-pitfall { background: #fdecea; border-left: 4px solid #d73027; padding: 4px 8px; margin: 6px 0; }
  .es-hb .es-steps li { margin: 2px 0; } .es-hb .es-result { font-weight: 600; }
  .es-hb .es-toc ol { columns: 2; } .es-hb table.es-cmp td { vertical-align: top; }
  @media print { .es-hb > h2 { break-before: page; } .es-hb h3, .es-hb .es-formula { break-after: avoid; }
                 .es-hb a { color: inherit; text-decoration: none; } }
</style>"""


def _t(lang, vi, en):
    return en if lang == "en" else vi


def _esc(s):
    return html.escape(str(s))


def _formula_block(key, lang):
    parts = []
    for f in FORMULAS[key]:
        parts.append(f'<div class="es-formula" role="img" aria-label="{_esc(f.tex(lang))}">{_one_line_svg(f.tex(lang))}</div>')
        if f.where(lang):
            parts.append(f'<div class="es-where">{_esc(f.where(lang))}</div>')
    return "\n".join(parts)


def _regs(entry, lang):
    items = []
    for cite, quote in entry["regs"]:
        if quote in LEGAL_QUOTES:
            art, text = LEGAL_QUOTES[quote]
            items.append(f"<li>{_esc(art)}:<blockquote>{_esc(text)}</blockquote></li>")
        else:
            items.append(f"<li>{_esc(_t(lang, cite, quote))}</li>")
    return f"<p><b>{_t(lang, 'Căn cứ', 'Regulation and source')}</b></p><ul>{''.join(items)}</ul>"


def _comparison(key, lang):
    c = COMPARISONS[key]
    head = (f"<tr><th></th><th>{_t(lang, 'Việt Nam (báo cáo, văn bản)', 'Viet Nam (reports, documents)')}</th>"
            f"<th>{_t(lang, 'UIS (quốc tế)', 'UIS (international)')}</th></tr>")
    rows = "".join(f"<tr><th>{_esc(_t(lang, *r[0]))}</th><td>{_esc(_t(lang, *r[1]))}</td><td>{_esc(_t(lang, *r[2]))}</td></tr>"
                   for r in c["rows"])
    return (f"<p><b>{_esc(_t(lang, *c['title']))}</b></p>"
            f'<table class="es-cmp"><thead>{head}</thead><tbody>{rows}</tbody></table>')


def _worked_block(key, lang):
    from .report import html_table
    from .worked import worked_example

    w = worked_example(key, lang)
    tabs = "\n".join(html_table(t, caption=c) for c, t in w.tables)
    steps = "".join(f"<li>{_esc(s)}</li>" for s in w.steps)
    label = _t(lang, "Số liệu thật" if w.real else "Số liệu minh họa", "Real figures" if w.real else "Example counts")
    return (f"<p><b>{_t(lang, 'Ví dụ tính tay', 'Worked example')}: {_esc(w.title)}</b> <i>({label})</i></p>{tabs}"
            f'<div class="es-source">{_t(lang, "Nguồn", "Source")}: {_esc(w.source)}</div>'
            f'<ol class="es-steps">{steps}</ol><p class="es-result">{_t(lang, "Kết quả", "Result")}: {_esc(w.result)}</p>')


def _names(entry, lang):
    return (entry["vi"], entry["en"]) if lang != "en" else (entry["en"], entry["vi"])


def entry_html(entry: dict, lang: str = "vi") -> str:
    """One indicator's section: names, formula, definition, regulation, pitfalls, comparison, worked example."""
    from .exercises import TOPICS

    main, second = _names(entry, lang)
    cat = indicator_catalogue().set_index("code")
    codes = [c for c in entry["codes"] if c in cat.index]
    parts = [f'<h3 id="{entry["key"]}">{_esc(main)}</h3>', f'<p class="en">{_esc(second)}</p>', _formula_block(entry["key"], lang),
             f"<p>{_esc(_t(lang, entry['def_vi'], entry['def_en']))}</p>"]
    if codes:
        names = "; ".join(f"{_esc(cat.at[c, 'name_vi' if lang != 'en' else 'name_en'])}" for c in codes)
        parts.append(f"<p>{_t(lang, 'Chỉ tiêu trong danh mục', 'Catalogue indicators')}: {names}</p>")
    parts.append(_regs(entry, lang))
    for vi, en in entry["pitfalls"]:
        parts.append(f'<div class="es-pitfall"><b>{_t(lang, "Lưu ý, lỗi hay gặp", "Common mistake")}:</b> {_esc(_t(lang, vi, en))}</div>')
    if entry["compare"] and (entry["key"] != "flows_vn"):
        parts.append(_comparison(entry["compare"], lang))
    parts.append(_worked_block(entry["key"], lang))
    sheet = next(k for k, v in TOPICS.items() if entry["key"] in v[2])
    parts.append(f'<p>{_t(lang, "Bài tập", "Exercise")}: <a href="#sheet-{sheet}">{_esc(_t(lang, TOPICS[sheet][0], TOPICS[sheet][1]))}</a></p>')
    return "\n".join(parts)


def _toc(lang):
    items = ['<li><a href="#reading-order">' + _t(lang, "Trình tự buổi tập huấn nửa ngày", "Reading order for a half-day training") + "</a></li>",
             '<li><a href="#glossary">' + _t(lang, "Thuật ngữ", "Glossary") + "</a></li>"]
    for g, names in GROUPS.items():
        sub = "".join(f'<li><a href="#{e["key"]}">{_esc(_names(e, lang)[0])}</a></li>' for e in ENTRIES if e["group"] == g)
        items.append(f'<li><a href="#group-{g}">{_esc(_t(lang, *names))}</a><ul>{sub}</ul></li>')
    items.append('<li><a href="#exercises">' + _t(lang, "Phiếu bài tập và đáp án", "Exercise sheets and answers") + "</a></li>")
    return f'<nav class="es-toc" id="toc"><h2>{_t(lang, "Mục lục", "Contents")}</h2><ol>{"".join(items)}</ol></nav>'


def _reading_order(lang):
    rows = "".join(f"<tr><td>{t}</td><td>{_esc(_t(lang, *what))}</td><td>"
                   + ", ".join(f'<a href="#{k}">{_esc(_names(_ENTRY[k], lang)[0])}</a>' for k in keys) + "</td></tr>"
                   for t, what, keys in READING_ORDER)
    return (f'<h2 id="reading-order">{_t(lang, "Trình tự buổi tập huấn nửa ngày (4 giờ)", "Reading order for a half-day training (4 hours)")}</h2>'
            f"<table><thead><tr><th>{_t(lang, 'Thời gian', 'Time')}</th><th>{_t(lang, 'Nội dung', 'Content')}</th>"
            f"<th>{_t(lang, 'Mục', 'Sections')}</th></tr></thead><tbody>{rows}</tbody></table>")


def _glossary(lang):
    rows = "".join(f"<tr><td><b>{_esc(a)}</b></td><td>{_esc(vi if lang != 'en' else en)}</td><td class='en'>{_esc(en if lang != 'en' else vi)}</td></tr>"
                   for a, vi, en in GLOSSARY)
    return (f'<h2 id="glossary">{_t(lang, "Thuật ngữ", "Glossary")}</h2>'
            f"<table><thead><tr><th>{_t(lang, 'Viết tắt', 'Term')}</th><th>{_t(lang, 'Tiếng Việt', 'English')}</th>"
            f"<th>{_t(lang, 'Tiếng Anh', 'Vietnamese')}</th></tr></thead><tbody>{rows}</tbody></table>")


def handbook_sections(lang: str = "vi", exercises: bool = True) -> list[str]:
    """The handbook as a list of HTML sections (contents, reading order, glossary, groups, exercises).

    >>> s = handbook_sections("vi", exercises=False)
    >>> s[0].count('href="#') > 40, 'id="ger"' in "".join(s)
    (True, True)
    """
    out = [HANDBOOK_CSS + '<div class="es-hb">' + _toc(lang) + "</div>",
           '<div class="es-hb">' + _reading_order(lang) + _glossary(lang) + "</div>"]
    for g, names in GROUPS.items():
        body = "\n".join(entry_html(e, lang) for e in ENTRIES if e["group"] == g)
        out.append(f'<div class="es-hb"><h2 id="group-{g}">{_esc(_t(lang, *names))}</h2>'
                   f'<p class="en">{_esc(_t(lang, names[1], names[0]))}</p>{body}</div>')
    if exercises:
        from .exercises import all_sheets_html

        out.append(f'<div class="es-hb" id="exercises">{all_sheets_html(lang)}</div>')
    return out


def handbook_html(lang: str = "vi", exercises: bool = True) -> str:
    """The whole handbook as one HTML fragment (for a briefing cell or a standalone page)."""
    return "\n".join(handbook_sections(lang, exercises))


# --------------------------------------------------------------------------- docstring view (code readers)
def _mathtext(latex: str) -> str:
    s = re.sub(r"\\text\{([^}]*)\}", lambda m: r"\mathrm{" + m.group(1).replace(" ", r"\ ") + "}", latex)
    s = re.sub(r"\\ge(?![a-z])", r"\\geq", s)
    s = re.sub(r"\\le(?![a-z])", r"\\leq", s)
    s = s.replace(r"\iff", r"\Leftrightarrow")
    s = s.replace(r"\big", "").replace(r"\Big", "").replace(r"\lceil", "[").replace(r"\rceil", "]")
    s = s.replace(r"\quad", r"\ \ \ ").replace(r"\qquad", r"\ \ \ \ \ \ ").replace(r"\\", " ")
    return s.strip().rstrip(",")


def formula_svg(latex: str, fontsize: int = 15) -> str:
    """A docstring's LaTeX as inline SVG, one image per line (the handbook uses :mod:`edustats.formulas`).

    >>> formula_svg(r"\\mathrm{GER} = 100 \\times \\frac{E}{P}").startswith("<svg")
    True
    """
    lines = [ln for ln in (x.strip() for x in latex.splitlines()) if ln]
    return "".join(_one_line_svg(_mathtext(ln), fontsize) for ln in lines)


def _section(doc: str, name: str) -> str:
    m = re.search(rf"^{name}\n-+\n(.*?)(?=^\w[\w ]*\n-+\n|\Z)", doc, flags=re.S | re.M)
    return m.group(1).strip() if m else ""


def handbook_entries() -> list[dict]:
    """One dict per indicator function from its docstring: names, formula LaTeX, text, example, pitfalls, references.

    >>> e = {x["function"]: x for x in handbook_entries()}
    >>> e["net_enrolment_rate"]["codes"], "NER" in e["net_enrolment_rate"]["summary"]
    (['ner'], True)
    """
    cat = indicator_catalogue()
    out = []
    for fn in HANDBOOK_FUNCTIONS:
        f = getattr(indicators, fn)
        doc = inspect.cleandoc(f.__doc__ or "")
        summary = doc.split("\n\n")[0].replace("\n", " ")
        body = doc.split("\n\n", 1)[1] if "\n\n" in doc else ""
        math_re = r"\.\. math::[ \t]*(.*)\n((?:[ \t]*\n|[ \t]+.*\n?)*)"
        latex = [inspect.cleandoc((a + "\n" + b).strip()) for a, b in re.findall(math_re, doc + "\n")]
        pre = re.split(r"^(Parameters|Returns|References|Examples)\n-+\n", body, flags=re.M)[0]
        text = re.sub(math_re, "", pre + "\n").strip()
        text = re.sub(r":math:`([^`]*)`", r"`\1`", text).replace("``", "`")
        pitfalls = [p.strip() for p in re.split(r"\n\n", doc) if p.strip().startswith("Pitfall")]
        rows = cat[cat["function"] == fn]
        out.append(dict(function=fn, codes=rows["code"].tolist(), names_vi=rows["name_vi"].tolist(),
                        names_en=rows["name_en"].tolist(), sources=sorted(set(rows["source"])), summary=summary,
                        latex=latex, text=text, example=_section(doc, "Examples"),
                        references=_section(doc, "References"), pitfalls=list(dict.fromkeys(pitfalls))))
    return out


def handbook_table(lang: str = "vi") -> pd.DataFrame:
    """The catalogue joined to the handbook: one row per indicator code (for the index table)."""
    cat = indicator_catalogue()
    return cat[["code", "name_vi", "name_en", "formula", "unit", "valid_range", "function", "source"]]
