"""Benchmark: load a province's observations (communes × indicators × years) from CSV and .xlsx.

Run: ``.venv/bin/python benchmarks/bench_loaders.py``. The data are synthetic (seed 17): 200
communes × 10 indicators × 10 years = 20 000 rows, with counts and rates that agree. The .xlsx is
read twice by openpyxl (values, and formulas to find uncalculated ones), cell by cell.
"""
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import edustats as es

rng = np.random.default_rng(17)
codes = ["ner", "ger", "promotion_rate", "repetition_rate", "dropout_rate", "completion_rate",
         "mobilisation_rate", "two_session_share", "qualified_teacher_share", "malnutrition_rate"]
rows = []
for c in range(200):
    for code in codes:
        for y in range(2015, 2025):
            den = int(rng.integers(100, 900))
            num = int(rng.integers(0, den + 1))
            rows.append((f"Xã {c:03d}", code, "primary", y, round(100 * num / den, 2), num, den))
df = pd.DataFrame(rows, columns=["locality", "indicator", "level", "year", "value", "numerator", "denominator"])
with tempfile.TemporaryDirectory() as d:
    csv, xlsx = Path(d) / "o.csv", Path(d) / "o.xlsx"
    df.to_csv(csv, index=False)
    df.to_excel(xlsx, index=False)
    out = {}
    for name, path in (("csv", csv), ("xlsx", xlsx)):
        t0 = time.perf_counter()
        o = es.load_observations(path)
        out[name] = time.perf_counter() - t0
        assert len(o) == len(df)
print(f"loaders rows={len(df)} csv_seconds={out['csv']:.2f} xlsx_seconds={out['xlsx']:.2f} "
      f"csv_rows_per_second={len(df) / out['csv']:,.0f} xlsx_rows_per_second={len(df) / out['xlsx']:,.0f}")
