"""Build the README's planner walk-through picture: template → fill → briefing → screenshot.

The commune "Xã Minh Họa" and its figures are invented for the illustration (a ``synthetic``
column marks every row, so the briefing carries the synthetic-data banner). Run from the
repository root: ``.venv/bin/python docs/make_planner_screenshot.py`` (needs Chromium).
"""
from pathlib import Path
import tempfile

from openpyxl import load_workbook

from edustats.cli import main
from edustats.offline_check import check_offline

XA = "Xã Minh Họa"
OUT = Path(__file__).resolve().parent / "planner-briefing.png"

with tempfile.TemporaryDirectory() as d:
    f = Path(d) / "mau-nhap-lieu.xlsx"
    assert main(["template", "--locality", XA, "--out", str(f)]) == 0
    wb = load_workbook(f)
    wt = wb["Mục tiêu"]
    # Mã dòng, Địa phương, Văn bản, Loại, Mã chỉ tiêu, Nội dung, Cấp học, So sánh, Giá trị, Đơn vị, Năm, Hằng năm, Năm gốc
    wt.append(["MH-1", XA, "Nghị quyết minh họa", "mục tiêu", "Tỷ lệ trẻ suy dinh dưỡng",
               "Tỷ lệ trẻ mầm non suy dinh dưỡng", "mầm non", "≤", 7, "%", 2026, None, 2021])
    wt.append(["MH-2", XA, "Nghị quyết minh họa", "mục tiêu", "Tỷ lệ huy động ra lớp",
               "Tỷ lệ huy động trẻ mẫu giáo ra lớp", "mẫu giáo", "≥", 97, "%", 2026, None, 2021])
    wd = wb["Số liệu"]
    wd.cell(3, 13, "synthetic")
    rows = [("malnutrition_rate", "mầm non", y, n, 200) for y, n in [(2021, 27), (2022, 25), (2023, 22), (2024, 19)]]
    rows += [("mobilisation_rate", "mẫu giáo", y, n, 400) for y, n in [(2021, 368), (2022, 374), (2023, 377), (2024, 382)]]
    for k, (ind, lvl, y, num, den) in enumerate(rows):
        r = 4 + k
        for j, v in ((2, ind), (4, lvl), (5, f"{y - 1}-{y}"), (6, round(100 * num / den, 2)), (7, num), (8, den),
                     (13, "true")):
            wd.cell(r, j, v)
    wb.save(f)
    html = Path(d) / "xa-minh-hoa.html"
    assert main(["briefing", "--locality", XA, "--observations", str(f), "--targets", str(f), "--out", str(html)]) == 0
    r = check_offline(html, screenshot=OUT)
    assert r["external"] == [] and r["exceptions"] == []
print(f"screenshot written to {OUT}")
