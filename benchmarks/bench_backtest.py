"""Benchmark: rolling-origin back-test on the real GSO province series (issue #11).

Series derived from ``../shared/data/gso_provinces`` (pupils per teacher, pupils per class and
teachers per class by level; female and level shares; literacy 15+; upper-secondary graduation),
held-out provinces only (``edustats.backtest.split_groups``), fit on 5-8 reported years, horizons
1-5. Prints, per model and horizon, the coverage of the 80% and 95% intervals, and the
reliability of the default's P(met) for targets placed around the realised values.

Run: ``.venv/bin/python benchmarks/bench_backtest.py [SHARED_DATA_DIR]``. Last line: the default's
(``damped``, ``province`` profile) ``coverage80=… coverage95=… brier=… seconds=…``.
"""
import sys
import time
from pathlib import Path

import pandas as pd

from edustats import backtest as bt

T0 = time.perf_counter()
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
pd.set_option("display.width", 200)

long = bt.gso_corpus(SHARED / "gso_provinces")
models = {"naive": bt.forecast_naive, "drift": bt.forecast_drift, "linear": bt.forecast_linear,
          "logit_linear": bt.forecast_logit_linear, "default": lambda t: bt.forecast_damped(t, "province")}
rows, _ = bt.run_backtest(long, models, windows=(5, 6, 7, 8))
tables = bt.by_horizon(rows, ("coverage80", "coverage95", "brier"))
for metric, table in tables.items():
    print(f"GSO held-out provinces: {metric} by model and horizon")
    print(table.round(3).to_string(), "\n")
d = rows[rows["model"] == "default"]
print("default by unit and horizon")
print(bt.score(d, by=("unit", "h")).round(3)[["unit", "h", "n", "coverage80", "coverage95", "brier"]].to_string(), "\n")
print("reliability of P(met), default, targets at the latest value ± 0.5 and 1.5 scales × √h (known at the origin)")
print(bt.reliability_table(*bt.target_probabilities(d, "origin")).round(3).to_string(index=False), "\n")
print("reliability of P(value ≥ latest value), default")
print(bt.reliability_table(d["p_latest"], d["o_latest"]).round(3).to_string(index=False), "\n")
print("PIT deciles, default (0.1 each when calibrated)")
print(bt.pit_table(d["pit"]).round(3)["share"].tolist(), "\n")
s = bt.score(d, by=()).iloc[0]
print(f"forecasts={int(s['n'])} provinces={d['group'].nunique()} series={d['series'].nunique()}; coverage80 by "
      f"horizon {tables['coverage80'].loc['default'].round(3).tolist()}, "
      f"coverage95 {tables['coverage95'].loc['default'].round(3).tolist()}")
print(f"brier_origin={s['brier_origin']:.3f} (targets around the latest value), "
      f"brier_latest={s['brier_latest']:.3f} (target: at least the latest value)")
print(f"coverage80={s['coverage80']:.3f} coverage95={s['coverage95']:.3f} brier={s['brier']:.3f} "
      f"seconds={time.perf_counter() - T0:.1f}")
