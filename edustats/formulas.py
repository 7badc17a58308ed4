"""Formulas for trainers, drawn offline and checked for legibility.

Every formula of the handbook is written here once, in the subset of TeX that matplotlib's
mathtext draws well: one line per formula, display fractions with ``\\dfrac`` (so that
sub- and superscripts inside a fraction stay readable), sub- and superscripts,
``\\times``, ``\\sum``, ``\\prod``, ``\\leq``/``\\geq`` and words in ``\\mathrm{…}`` (Vietnamese
letters included). No ``\\text``, no line breaks, no ``\\left``/``\\right``, no braces drawn.
:func:`formula_svg` renders a formula as inline SVG (no MathJax, no network);
:func:`legibility` measures what was drawn: every glyph's ink box, whether two glyphs overlap,
whether a backslash or a brace survived into the picture, and how the ink fills its box.
``tests/test_handbook.py`` runs it on every formula and keeps a PNG of each.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

__all__ = ["FORMULAS", "Formula", "formulas_for", "formula_svg", "formula_png", "legibility", "FONT_SIZE"]

FONT_SIZE = 16


@dataclass(frozen=True)
class Formula:
    """One formula: TeX (mathtext subset) in Vietnamese and English, and what each symbol means."""

    tex_vi: str
    tex_en: str | None = None
    where_vi: str = ""
    where_en: str = ""

    def tex(self, lang: str = "vi") -> str:
        return self.tex_en if lang == "en" and self.tex_en else self.tex_vi

    def where(self, lang: str = "vi") -> str:
        return self.where_en if lang == "en" and self.where_en else self.where_vi


F = Formula
_FRAC100 = r"100 \times \dfrac{%s}{%s}"

# key: the handbook entry (one indicator or one group of indicators computed together)
FORMULAS: dict[str, list[Formula]] = {
    "ger": [F(r"\mathrm{GER}_L = 100 \times \dfrac{E_L}{P_{a..b}}", None,
              "E_L: học sinh cấp L ở mọi độ tuổi; P_a..b: dân số trong độ tuổi của cấp (tiểu học 6-10, THCS 11-14, THPT 15-17)",
              "E_L: pupils of level L at any age; P_a..b: population of the level's official ages (primary 6-10, lower secondary 11-14, upper secondary 15-17)")],
    "ner": [F(r"\mathrm{NER}_L = 100 \times \dfrac{E_{L,\ a..b}}{P_{a..b}}", None,
              "E_L,a..b: học sinh cấp L trong đúng độ tuổi a..b", "E_L,a..b: pupils of level L who are of the official ages a..b")],
    "aner": [F(r"\mathrm{ANER}_L = 100 \times \dfrac{E_{L+,\ a..b}}{P_{a..b}}", None,
               "E_L+,a..b: trẻ trong độ tuổi a..b học cấp L hoặc cấp cao hơn",
               "E_L+,a..b: children of ages a..b enrolled in level L or a higher level")],
    "aser": [F(r"\mathrm{ASER}_{a..b} = 100 \times \dfrac{E_{a..b}}{P_{a..b}}", None,
               "E_a..b: trẻ độ tuổi a..b đang đi học (mọi cấp, hoặc một cấp)", "E_a..b: children aged a..b enrolled (any level, or one level)")],
    "mobilisation": [F(r"\mathrm{huy\ động}_L = 100 \times \dfrac{E_{a..b}}{P_{a..b}}",
                       r"\mathrm{mobilisation}_L = 100 \times \dfrac{E_{a..b}}{P_{a..b}}",
                       "a..b: nhà trẻ 0-2, mẫu giáo 3-5, tiểu học 6-10, THCS 11-14; trẻ đi học ở bất kỳ cấp nào đều được tính",
                       "a..b: nursery 0-2, kindergarten 3-5, primary 6-10, lower secondary 11-14; children count at whatever level they attend")],
    "gir": [F(r"\mathrm{GIR} = 100 \times \dfrac{N_1}{P_6}", None,
              "N_1: học sinh mới vào lớp 1 ở mọi độ tuổi (không tính lưu ban); P_6: dân số 6 tuổi",
              "N_1: new entrants to grade 1 at any age (repeaters excluded); P_6: population aged 6")],
    "nir": [F(r"\mathrm{NIR} = 100 \times \dfrac{N_{1,\ 6}}{P_6}", None,
              "N_1,6: học sinh 6 tuổi mới vào lớp 1", "N_1,6: new entrants to grade 1 aged 6")],
    "oosr": [F(r"\mathrm{OOSR}_L = 100 - \mathrm{ANER}_L = 100 \times \dfrac{P_{a..b} - E_{L+,\ a..b}}{P_{a..b}}", None,
               "trẻ trong độ tuổi không học cấp L hay cấp cao hơn", "official-age children enrolled neither in level L nor higher")],
    "two_session": [F(r"100 \times \dfrac{E_{\mathrm{2\ buổi}}}{E}", r"100 \times \dfrac{E_{\mathrm{2\ sessions}}}{E}",
                      "E_2 buổi: học sinh học 2 buổi/ngày; E: tất cả học sinh của cấp",
                      "E_2 sessions: pupils taught two sessions a day; E: all pupils of the level")],
    "flows": [
        F(r"p_g = 100 \times \dfrac{E_{g+1}^{t+1} - R_{g+1}^{t+1}}{E_g^t}", None,
          "p_g: tỷ lệ lên lớp (UIS); E: số học sinh; R: số lưu ban; t: năm học, g: lớp",
          "p_g: promotion rate (UIS); E: enrolment; R: repeaters; t: school year, g: grade"),
        F(r"r_g = 100 \times \dfrac{R_g^{t+1}}{E_g^t}", None,
          "r_g: tỷ lệ lưu ban (UIS): người học lại lớp g năm sau trên số học sinh lớp g năm nay",
          "r_g: repetition rate (UIS): pupils repeating grade g next year over grade g this year"),
        F(r"d_g = 100 - p_g - r_g", None,
          "d_g: tỷ lệ bỏ học (UIS, phần còn lại của đoàn học sinh)", "d_g: dropout rate (UIS, the remainder of the cohort)"),
    ],
    "flows_vn": [
        F(r"\mathrm{bỏ\ học}_g = 100 \times \dfrac{B_g^t}{E_g^{t,\ \mathrm{đầu\ năm}}}",
          r"\mathrm{dropout}_g = 100 \times \dfrac{B_g^t}{E_g^{t,\ \mathrm{start}}}",
          "B: học sinh bỏ học trong năm học t; E đầu năm: học sinh lớp g đầu năm học",
          "B: pupils who left during school year t; E start: grade-g enrolment at the start of the year"),
        F(r"\mathrm{lưu\ ban}_g = 100 \times \dfrac{L_g^t}{E_g^{t,\ \mathrm{đầu\ năm}}}",
          r"\mathrm{repeating}_g = 100 \times \dfrac{L_g^t}{E_g^{t,\ \mathrm{start}}}",
          "L: học sinh phải ở lại lớp theo đánh giá cuối năm học t", "L: pupils kept down by the end-of-year evaluation of year t"),
        F(r"\mathrm{lên\ lớp}_g = 100 \times \dfrac{U_g^t}{E_g^{t,\ \mathrm{cuối\ năm}}}",
          r"\mathrm{promoted}_g = 100 \times \dfrac{U_g^t}{E_g^{t,\ \mathrm{end}}}",
          "U: học sinh được lên lớp theo báo cáo cuối năm; E cuối năm: học sinh lớp g cuối năm học",
          "U: pupils promoted in the end-of-year report; E end: grade-g pupils at the end of the year"),
    ],
    "survival": [F(r"S_g = 1000 \times \prod_{i < g} \dfrac{p_i}{100 - r_{\,i}}", None,
                   "S_g: số em (trong 1000 em vào lớp đầu cấp) được dự kiến học đến lớp g, kể cả sau khi lưu ban; tỷ lệ = S_g / 10",
                   "S_g: pupils (of 1000 entering the first grade) expected to reach grade g, repeaters included; rate = S_g / 10")],
    "etr": [F(r"\mathrm{ETR} = 100 \times \dfrac{E_f^{t+1} - R_f^{t+1}}{E_l^t - R_l^{t+1}}", None,
              "l: lớp cuối cấp dưới (lớp 5 hoặc 9); f: lớp đầu cấp trên (lớp 6 hoặc 10)",
              "l: last grade of the lower level (5 or 9); f: first grade of the next level (6 or 10)")],
    "graduate_transition": [F(r"100 \times \dfrac{N_{\mathrm{THPT}} + N_{\mathrm{nghề}}}{G_{\mathrm{THCS}}}",
                              r"100 \times \dfrac{N_{\mathrm{upper}} + N_{\mathrm{voc}}}{G_{\mathrm{lower}}}",
                              "N: học sinh tốt nghiệp THCS vào lớp 10 (THPT, GDTX) hoặc học nghề; G: số tốt nghiệp THCS (có nơi dùng số học sinh lớp 9)",
                              "N: lower-secondary graduates entering grade 10 (general or continuing education) or vocational training; G: graduates (some reports use grade-9 enrolment)")],
    "completion_by_age": [F(r"100 \times \dfrac{C_{a_0..a_1}}{P_{a_0..a_1}}", None,
                            "C: người trong độ tuổi a0..a1 đã hoàn thành cấp học (có bằng); P: dân số độ tuổi đó",
                            "C: people aged a0..a1 who completed the level (hold its diploma); P: population of those ages")],
    "completion_rate": [
        F(r"\mathrm{CR}_L = 100 \times \dfrac{C_{x+3..x+5}}{P_{x+3..x+5}}", None,
          "x: tuổi của lớp cuối cấp (tiểu học 10, THCS 14, THPT 17); tiểu học: người 13-15 tuổi",
          "x: age of the last grade (primary 10, lower secondary 14, upper secondary 17); primary: people aged 13-15"),
        F(r"\mathrm{HT}_5^t = 100 \times \dfrac{H_5^t}{E_1^{t-4}}",
          r"\mathrm{VN}_5^t = 100 \times \dfrac{H_5^t}{E_1^{t-4}}",
          "cách tính của báo cáo trường: H: học sinh hoàn thành chương trình tiểu học năm t; E_1: học sinh lớp 1 bốn năm trước",
          "school-report practice: H: pupils completing primary in year t; E_1: grade-1 enrolment four years earlier"),
    ],
    "graduation": [F(r"100 \times \dfrac{G}{D}", None, "G: số được công nhận tốt nghiệp (hoàn thành); D: số dự xét hoặc dự thi",
                     "G: pupils awarded the diploma (certified complete); D: candidates")],
    "gpi": [
        F(r"\mathrm{GPI} = \dfrac{x_{\mathrm{nữ}}}{x_{\mathrm{nam}}}", r"\mathrm{GPI} = \dfrac{x_{\mathrm{female}}}{x_{\mathrm{male}}}",
          "x: cùng một chỉ số (GER, NER, tỷ lệ hoàn thành …) tính riêng cho nữ và nam; 0,97-1,03 coi là bình đẳng",
          "x: the same indicator (GER, NER, completion …) computed for each sex; 0,97-1,03 counts as parity"),
        F(r"\mathrm{GPIA} = 2 - \dfrac{x_{\mathrm{nam}}}{x_{\mathrm{nữ}}}\quad \mathrm{khi}\ x_{\mathrm{nữ}} > x_{\mathrm{nam}}",
          r"\mathrm{GPIA} = 2 - \dfrac{x_{\mathrm{male}}}{x_{\mathrm{female}}}\quad \mathrm{if}\ x_{\mathrm{female}} > x_{\mathrm{male}}",
          "chỉ số điều chỉnh của UIS: bằng GPI khi GPI ≤ 1", "UIS adjusted index: equal to the GPI when the GPI ≤ 1"),
    ],
    "over_age": [F(r"\mathrm{OA}_L = 100 \times \dfrac{E_{\mathrm{tuổi} \geq g+5+k}}{E_L}",
                   r"\mathrm{OA}_L = 100 \times \dfrac{E_{\mathrm{age} \geq g+5+k}}{E_L}",
                   "g + 5: tuổi của lớp g (lớp 1: 6 tuổi); k = 2 theo UIS, k = 1 ở nhiều báo cáo trường",
                   "g + 5: the age of grade g (grade 1: 6); k = 2 for UIS, k = 1 in many school reports")],
    "ptr": [F(r"\mathrm{PTR}_L = \dfrac{E_L}{T_L}", None, "E: học sinh; T: giáo viên trực tiếp giảng dạy của cấp",
              "E: pupils; T: teachers of the level (teaching staff, not managers)")],
    "pcr": [F(r"\mathrm{HS/lớp}_L = \dfrac{E_L}{n_L}", r"\mathrm{PCR}_L = \dfrac{E_L}{n_L}",
              "HS/lớp: số học sinh bình quân một lớp; E_L: học sinh của cấp L; n_L: số lớp của cấp L. Mức tối đa "
              "(Điều lệ trường): 35 học sinh/lớp ở tiểu học, 45 ở THCS và THPT",
              "PCR: average pupils per class; E_L: pupils of level L; n_L: classes of level L. The cap (school "
              "charters): 35 pupils per class in primary, 45 in lower and upper secondary")],
    "teacher_norm": [F(r"\nu_{\mathrm{TH},1} = 1,20 \quad \nu_{\mathrm{TH},2} = 1,50 \quad \nu_{\mathrm{THCS}} = 1,90 \quad \nu_{\mathrm{THPT}} = 2,25",
                       r"\nu_{\mathrm{prim},1} = 1,20 \quad \nu_{\mathrm{prim},2} = 1,50 \quad \nu_{\mathrm{lower}} = 1,90 \quad \nu_{\mathrm{upper}} = 2,25",
                       "ν: số giáo viên cho một lớp; chỉ số 1, 2: số buổi học một ngày",
                       "ν: teachers per class; index 1, 2: sessions a day")],
    "teachers_required": [F(r"T^*_L = \sum_{s,k} n_{L,s,k} \times \nu_{L,s,k}", None,
                            "n: số lớp theo số buổi s và loại trường k; ν: định mức", "n: classes by sessions s and school type k; ν: the norm")],
    "surplus": [F(r"\Delta_L = T_L - T^*_L", None, "Δ < 0: thiếu |Δ| giáo viên; Δ > 0: thừa Δ", "Δ < 0: a shortage of |Δ| teachers; Δ > 0: a surplus of Δ")],
    "qualification": [
        F(r"\mathrm{đạt\ chuẩn} = 100 \times \dfrac{T_{\mathrm{chuẩn}} + T_{\,\mathrm{trên}}}{T}",
          r"\mathrm{qualified} = 100 \times \dfrac{T_{\mathrm{standard}} + T_{\mathrm{above}}}{T}",
          "chuẩn: mầm non cao đẳng sư phạm; tiểu học, THCS, THPT cử nhân (Luật Giáo dục 2019, Điều 72)",
          "standard: preschool a pedagogical college diploma; primary and secondary a bachelor's degree (Education Law 2019, art. 72)"),
        F(r"\mathrm{trên\ chuẩn} = 100 \times \dfrac{T_{\,\mathrm{trên}}}{T}", r"\mathrm{above} = 100 \times \dfrac{T_{\mathrm{above}}}{T}"),
    ],
    "evaluation": [F(r"100 \times \dfrac{\sum_{c \in C} n_c}{\sum_{c} n_c}", None,
                     "n_c: học sinh xếp loại c; C: các loại được cộng (ví dụ Tốt và Khá)",
                     "n_c: pupils in category c; C: the categories counted (e.g. Tốt and Khá)")],
    "malnutrition": [F(r"100 \times \dfrac{M}{W}", None, "M: trẻ suy dinh dưỡng (dưới −2 SD chuẩn WHO, mỗi trẻ tính một lần); W: trẻ được cân đo",
                       "M: malnourished children (below −2 SD of the WHO standard, each child once); W: children weighed and measured")],
    "universalisation": [F(r"\mathrm{mức} = \max\ \ell:\ x_c \geq \theta_c\ \mathrm{với\ mọi\ tiêu\ chí}\ c\ \mathrm{của\ mức}\ 1..\ell",
                           r"\mathrm{level} = \max\ \ell:\ x_c \geq \theta_c\ \mathrm{for\ every\ criterion}\ c\ \mathrm{of\ levels}\ 1..\ell",
                           "θ: ngưỡng của Nghị định 20/2014 (thấp hơn ở xã ĐBKK)", "θ: the thresholds of Decree 20/2014 (lower in ĐBKK communes)")],
    "district": [F(r"100 \times \dfrac{X_{\geq \ell}}{X} \geq 90\ \ \mathrm{(THCS\ mức\ 3:\ 100)}",
                   r"100 \times \dfrac{X_{\geq \ell}}{X} \geq 90\ \ \mathrm{(lower\ sec.\ level\ 3:\ 100)}",
                   "X: số xã của huyện; X≥ℓ: số xã đạt mức ℓ trở lên", "X: communes of the district; X≥ℓ: communes at level ℓ or above")],
    "schools": [F(r"\mathrm{CQG}_y = \#\ s:\ r_s \leq y < r_s + 5", r"\mathrm{NS}_y = \#\ s:\ r_s \leq y < r_s + 5",
                  "r_s: năm trường s được công nhận (hoặc công nhận lại); công nhận có giá trị 5 năm",
                  "r_s: year school s was recognised (or re-recognised); a recognition is valid 5 years")],
    "share": [F(r"100 \times \dfrac{\mathrm{tử\ số}}{\mathrm{mẫu\ số}}", r"100 \times \dfrac{\mathrm{numerator}}{\mathrm{denominator}}",
                "luôn ghi cả hai số bên cạnh tỷ lệ", "always write both counts beside the rate")],
}


def formulas_for(key: str) -> list[Formula]:
    """The formulas of a handbook entry.

    >>> [f.tex("en") for f in formulas_for("ptr")]
    ['\\\\mathrm{PTR}_L = \\\\dfrac{E_L}{T_L}']
    """
    return FORMULAS[key]


def _one_line(tex: str) -> str:
    if "\n" in tex or "\\\\" in tex:
        raise ValueError(f"one line per formula (split multi-line formulas into several Formula entries): {tex!r}")
    return tex


def _figure(tex: str, fontsize: int):
    from matplotlib.figure import Figure

    _one_line(tex)
    fig = Figure(figsize=(0.01, 0.01))
    fig.text(0, 0, f"${tex}$", fontsize=fontsize)
    return fig


def formula_svg(tex: str, fontsize: int = FONT_SIZE) -> str:
    """A formula (one line of the mathtext subset) as an inline ``<svg>`` string; offline.

    >>> formula_svg(r"\\mathrm{GER} = 100 \\times \\dfrac{E}{P}").startswith("<svg")
    True
    """
    fig = _figure(tex, fontsize)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.06, transparent=True, metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    # ids of glyph paths must not collide when several formulas share one page
    import hashlib
    import re

    uid = hashlib.sha1(tex.encode()).hexdigest()[:8]
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="f{uid}-{m.group(1)}"', svg)
    svg = re.sub(r'(xlink:href|href)="#([^"]+)"', lambda m: f'{m.group(1)}="#f{uid}-{m.group(2)}"', svg)
    svg = re.sub(r'url\(#([^)]+)\)', lambda m: f'url(#f{uid}-{m.group(1)})', svg)
    return svg


def formula_png(tex: str, path=None, fontsize: int = FONT_SIZE, dpi: int = 150):
    """Render a formula to PNG (a file if ``path`` is given) and return the pixels as an array (H × W × 4)."""
    import numpy as np
    from PIL import Image

    fig = _figure(tex, fontsize)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.1, facecolor="white")
    data = buf.getvalue()
    if path is not None:
        with open(path, "wb") as fh:
            fh.write(data)
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))


def _glyph_boxes(tex: str, fontsize: int):
    """(character, (x0, y0, x1, y1)) for every glyph drawn, and the boxes of rules (fraction bars)."""
    import numpy as np
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=fontsize)
    s = f"${_one_line(tex)}$"
    parsed = MathTextParser("path").parse(s, 72, prop)
    ttp = TextToPath()
    glyph_info, glyph_map, rects = ttp.get_glyphs_mathtext(prop, s)
    boxes = []
    for (font, size, code, *_rest), (gid, x, y, scale) in zip(parsed.glyphs, glyph_info):
        verts, _codes = glyph_map[gid]
        if len(verts) == 0:  # a space
            continue
        v = np.asarray(verts, float) * scale
        boxes.append((chr(code), (x + v[:, 0].min(), y + v[:, 1].min(), x + v[:, 0].max(), y + v[:, 1].max())))
    bars = []
    for verts, _codes in rects:
        v = np.asarray(verts, float)[:-1]  # the last vertex closes the path at (0, 0)
        bars.append((v[:, 0].min(), v[:, 1].min(), v[:, 0].max(), v[:, 1].max()))
    return boxes, bars


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    area = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / area if area > 0 else 0.0


def legibility(tex: str, fontsize: int = FONT_SIZE, dpi: int = 150, max_overlap: float = 0.15) -> dict:
    """What a reader would see of a formula: the checks the handbook test applies.

    Returns a dict: ``glyphs`` (characters drawn), ``overlaps`` (pairs of glyphs, or a glyph and
    a fraction bar, whose ink boxes overlap by more than ``max_overlap`` of the smaller box),
    ``raw_tex`` (backslashes, braces, dollar signs or carets drawn as characters), ``ink_box``
    (width, height in pixels at ``dpi``), ``ink_fill`` (share of the ink box that is ink) and
    ``clipped`` (ink touching the image edge), ``smallest`` (the smallest lowercase letter without
    ascender or descender, as a share of the same letter's height at the formula's size: a
    first-level subscript is 0,7, a subscript of a subscript inside a fraction 0,5) and ``ok``
    (no overlap, no raw TeX, not clipped, ink fill 2-60%, a sensible ink box, smallest ≥ 0,6).

    Examples
    --------
    >>> legibility(r"\\mathrm{PTR} = \\dfrac{E}{T}")["ok"]
    True
    >>> legibility(r"\\{E\\}")["raw_tex"]          # braces drawn: raw TeX shows through
    ['{', '}']
    >>> bool(legibility(r"E\\!\\!\\!\\!\\!\\!F")["overlaps"])   # glyphs pushed onto each other
    True
    >>> legibility(r"\\frac{B}{E_{g}^{\\mathrm{năm}}}")["smallest"] < 0.6   # too small to read on a slide
    True
    """
    import numpy as np

    boxes, bars = _glyph_boxes(tex, fontsize)
    overlaps = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if _overlap(boxes[i][1], boxes[j][1]) > max_overlap:
                overlaps.append((boxes[i][0], boxes[j][0]))
        for bar in bars:
            # a fraction bar is thin: any real crossing of a glyph's ink box by the bar is a clash
            gb = boxes[i][1]
            if min(gb[2], bar[2]) - max(gb[0], bar[0]) > 0.5 and min(gb[3], bar[3]) - max(gb[1], bar[1]) > 0.3:
                overlaps.append((boxes[i][0], "—"))
    raw = [c for c, _ in boxes if c in "\\{}$^_"]
    xh = _glyph_boxes("x", fontsize)[0][0][1]
    xh = xh[3] - xh[1]
    small = [(b[3] - b[1]) / xh for c, b in boxes if c in "acemnorsuvwxz"]
    smallest = float(min(small)) if small else 1.0
    img = formula_png(tex, fontsize=fontsize, dpi=dpi)
    ink = img[:, :, :3].min(axis=2) < 128
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return dict(glyphs="", overlaps=overlaps, raw_tex=raw, ink_box=(0, 0), ink_fill=0.0, clipped=False,
                    smallest=smallest, ok=False)
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    w, h = int(x1 - x0 + 1), int(y1 - y0 + 1)
    fill = float(ink[y0:y1 + 1, x0:x1 + 1].mean())
    clipped = bool(x0 == 0 or y0 == 0 or x1 == ink.shape[1] - 1 or y1 == ink.shape[0] - 1)
    ok = (not overlaps and not raw and not clipped and 0.02 <= fill <= 0.6 and smallest >= 0.6
          and 0.25 * fontsize * dpi / 72 <= h <= 5 * fontsize * dpi / 72 and w >= h / 2)
    return dict(glyphs="".join(c for c, _ in boxes), overlaps=overlaps, raw_tex=raw, ink_box=(w, h), ink_fill=fill,
                clipped=clipped, smallest=smallest, ok=bool(ok))
