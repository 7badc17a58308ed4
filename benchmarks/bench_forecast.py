"""Benchmark: the forecasters' league table on held-out real series (rolling origin, horizons 1-5).

Corpora (read-only, in ``../shared/data``): World Bank EdStats national series of 93 countries
(``intl_series``) and series derived from the GSO province tables (``gso_provinces``). Only the
held-out half of the countries / provinces is scored (``edustats.backtest.split_groups``); the
default's constants were learned on the other half (``python -m edustats.backtest learn``).
Fit windows of 5 and 8 reported values, every origin, horizons 1-5; then horizons 6-10 for the default,
naive and drift (coverage, MSIS, MASE by horizon; the last line stays the horizons 1-5 summary).

The default is ``damped`` with the calibration profile of that kind of series: ``national`` on
EdStats, ``province`` on GSO; the row ``default_national_profile`` shows the ``national`` profile
(the default of ``assess_series``) on the GSO provinces too.

Run: ``.venv/bin/python benchmarks/bench_forecast.py [SHARED_DATA_DIR]``. Last line: the default's
scores and the best reference's (lowest MSIS, MASE, Brier among naive, drift, linear,
logit-linear, damped-trend ETS, Theta), each the mean of the two corpora's means. The Brier score
compared is ``brier_origin`` (targets placed around the latest value, fixed before the outcome: a
proper score); ``brier`` (targets around the realised value) is printed but not proper.
"""
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from edustats import backtest as bt

T0 = time.perf_counter()
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
WINDOWS = (5, 8)
pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 20)

corpora = {"intl": (bt.intl_corpus(SHARED / "intl_series"), "national"),
           "gso": (bt.gso_corpus(SHARED / "gso_provinces"), "province")}
summary = {}
for name, (long, profile) in corpora.items():
    models = {**bt.REFERENCES, "default": lambda t, p=profile: bt.forecast_damped(t, p)}
    if profile != "national":
        models["default_national_profile"] = lambda t: bt.forecast_damped(t, "national")
    rows, seconds = bt.run_backtest(long, models, windows=WINDOWS)
    league = bt.score(rows, by=("model",)).set_index("model")
    league["seconds"] = pd.Series(seconds)
    n_series = rows.loc[rows["model"] == "default", "series"].nunique()
    n_groups = rows.loc[rows["model"] == "default", "group"].nunique()
    print(f"\n=== {name}: held-out {n_groups} {'countries' if name == 'intl' else 'provinces'}, {n_series} series, "
          f"{int(league.loc['default', 'n'])} forecasts per model (windows {WINDOWS}, horizons 1-5)")
    print(league.drop(columns="n").round(3).sort_values("msis80").to_string())
    tables = bt.by_horizon(rows)
    for metric, table in tables.items():
        print(f"\n{name} {metric} by horizon")
        print(table.round(3).to_string())
    summary[name] = dict(bt.against_references(league),
                         worst_h_gap80=float((tables["coverage80"].loc["default"] - 0.8).abs().max()),
                         worst_h_gap95=float((tables["coverage95"].loc["default"] - 0.95).abs().max()))
    s = summary[name]
    print(f"\n{name}: default beats every reference on MSIS80 {s['msis80'] < s['best_reference_msis80']}, "
          f"MASE {s['mase'] < s['best_reference_mase']}, Brier {s['brier'] < s['best_reference_brier']}; "
          f"largest gap to nominal over horizons: 80% {100 * s['worst_h_gap80']:.1f} points, "
          f"95% {100 * s['worst_h_gap95']:.1f} points")
    print(f"{name} " + " ".join(f"{k}={v:.3f}" for k, v in s.items()))
    # horizons beyond 5 (an SDG-2030 target seen from 2023 data is 7 years ahead): the default's error growth
    # there is learned on the training split (edustats.backtest.learn_beyond); scored on the same held-out groups
    far, _ = bt.run_backtest(long, {"default": models["default"], "naive": bt.forecast_naive, "drift": bt.forecast_drift},
                             windows=WINDOWS, horizons=tuple(range(1, 11)))
    far = bt.by_horizon(far[far["h"] > 5], ("coverage80", "coverage95", "msis80", "mase"))
    for metric, table in far.items():
        print(f"\n{name} {metric} by horizon 6-10 (held-out)")
        print(table.round(3).to_string())
    print(f"{name} beyond5 worst_gap80={100 * (far['coverage80'].loc['default'] - 0.8).abs().max():.1f} "
          f"worst_gap95={100 * (far['coverage95'].loc['default'] - 0.95).abs().max():.1f} points (horizons 6-10)")

keys = ["coverage80", "coverage95", "msis80", "mase", "brier", "best_reference_msis80", "best_reference_mase",
        "best_reference_brier"]
mean = {k: np.mean([summary[c][k] for c in summary]) for k in keys}
print(" ".join(f"{k}={mean[k]:.3f}" for k in keys) + f" seconds={time.perf_counter() - T0:.1f}")
