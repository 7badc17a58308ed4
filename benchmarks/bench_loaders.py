"""Benchmark: load a province's observations (communes × indicators × years) from CSV and .xlsx; with
``ROWS`` (e.g. 1000000), a national file from CSV and Parquet.

Run: ``.venv/bin/python benchmarks/bench_loaders.py [ROWS]``. Without ``ROWS`` the data are synthetic
(seed 17): 200 communes × 10 indicators × 10 years = 20 000 rows, with counts and rates that agree; the .xlsx
is read twice by openpyxl (values, and formulas to find uncalculated ones), cell by cell. With ``ROWS``, the
file of ``benchmarks/bench_cli_assess.py`` (seed 20261129, Vietnamese numbers ``45,3`` and ``1.234``, cached
in ``benchmarks/.cache/``) and a Parquet copy of it with typed columns. Seconds are wall clock; CPU seconds
(``time.process_time``) are what to compare when other jobs share the machine.
Last line: ``loaders rows=… csv_seconds=… csv_cpu_seconds=… …``.
"""
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import edustats as es


def _time(path):
    t0, c0 = time.perf_counter(), time.process_time()
    o = es.load_observations(path)
    return o, time.perf_counter() - t0, time.process_time() - c0


if len(sys.argv) > 1:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_cli_assess import CACHE, generate

    rows = int(sys.argv[1])
    csv, _ = generate(rows, max(1, rows // 10))
    pq = CACHE / f"observations_{rows}.parquet"
    if not pq.exists():
        raw = pd.read_csv(csv, dtype=str, keep_default_na=False)
        typed = raw.assign(year=raw["year"].astype(int),
                           value=pd.to_numeric(raw["value"].str.replace(",", ".", regex=False)),
                           numerator=pd.to_numeric(raw["numerator"].str.replace(".", "", regex=False)),
                           denominator=pd.to_numeric(raw["denominator"].str.replace(".", "", regex=False)))
        typed.to_parquet(pq, index=False)
    o_csv, s_csv, c_csv = _time(csv)
    o_pq, s_pq, c_pq = _time(pq)
    assert len(o_csv) == len(o_pq) == rows
    print(f"loaders rows={rows} csv_seconds={s_csv:.2f} csv_cpu_seconds={c_csv:.2f} parquet_seconds={s_pq:.2f} "
          f"parquet_cpu_seconds={c_pq:.2f} csv_rows_per_second={rows / s_csv:,.0f}")
    sys.exit(0)

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
        o, out[name], out[name + "_cpu"] = _time(path)
        assert len(o) == len(df)
print(f"loaders rows={len(df)} csv_seconds={out['csv']:.2f} csv_cpu_seconds={out['csv_cpu']:.2f} "
      f"xlsx_seconds={out['xlsx']:.2f} xlsx_cpu_seconds={out['xlsx_cpu']:.2f} "
      f"csv_rows_per_second={len(df) / out['csv']:,.0f} xlsx_rows_per_second={len(df) / out['xlsx']:,.0f}")
