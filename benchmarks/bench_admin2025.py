"""Time edustats.to_2025_units on every old commune of one province (Thanh Hóa, two indicators).

Each distinct old unit is resolved once (names folded, crosswalk looked up), then counts are summed
and rates recomputed per new unit; the cost grows with the number of distinct old units.
"""
import time

import pandas as pd

from edustats.admin2025 import commune_crosswalk, to_2025_units

cw = commune_crosswalk()
cw = cw[(cw["old_province"] == "Thanh Hóa") & (cw["old_commune"] != "")].drop_duplicates("old_commune_code")
n = len(cw)
obs = pd.concat([
    pd.DataFrame({"province": "Thanh Hóa", "district": cw["old_district"], "commune": cw["old_commune"],
                  "indicator": "pupils", "year": 2024, "value": 100.0, "unit": "count"}),
    pd.DataFrame({"province": "Thanh Hóa", "district": cw["old_district"], "commune": cw["old_commune"],
                  "indicator": "qualified_teacher_share", "year": 2024, "value": 80.0, "numerator": 8.0,
                  "denominator": 10.0, "unit": "percent"}),
], ignore_index=True)
to_2025_units(obs.head(2))  # load the crosswalk once
t0 = time.perf_counter()
out = to_2025_units(obs)
s = time.perf_counter() - t0
print(f"name=to_2025_units old_communes={n} rows_in={len(obs)} rows_out={len(out)} "
      f"split_reported={int((out['status'] == 'split').sum())} seconds={s:.2f}")
