"""Benchmark: do the default's held-out results hang on one train/test split? (issue #19)

For each split salt (``edustats.backtest.split_groups(group, salt=…)``; the shipped constants use
``edustats-backtest``), the default's constants are learned again on that split's training
countries / provinces only (``edustats.backtest.learn_profile``) and scored, with every reference,
on that split's held-out half: fit windows of 5 and 8 reported values, every origin, horizons 1-5.
Corpora: World Bank EdStats national series (``intl_series``) and GSO province series
(``gso_provinces``) in ``../shared/data``.

Prints per salt and corpus the default's 80% / 95% coverage at each horizon and whether it beats
every reference on MSIS (80%), MASE and the proper Brier score (``brier_origin``); then the spread
over salts. Run: ``.venv/bin/python benchmarks/bench_forecast_salts.py [SHARED_DATA_DIR]``.
Last line: ``salts=… worst_gap80=… worst_gap95=… beats_all=… seconds=…`` (largest distance from
nominal over salts, corpora and horizons, in coverage points; ``beats_all`` 1 when the default beat
every reference on all three scores in every salt and corpus).
"""
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from edustats import backtest as bt

T0 = time.perf_counter()
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SALTS = ("edustats-backtest", "salt-a", "salt-b", "salt-c")
pd.set_option("display.width", 200)

corpora = {"intl": bt.intl_corpus(SHARED / "intl_series"), "gso": bt.gso_corpus(SHARED / "gso_provinces")}
rows_out = []
for salt in SALTS:
    for name, long in corpora.items():
        cal = bt.calibration_of(bt.learn_profile(long, salt=salt))
        models = {**bt.REFERENCES, "default": lambda t, c=cal: bt.forecast_damped(t, calibration=c)}
        rows, _ = bt.run_backtest(long, models, windows=(5, 8), salt=salt)
        lg = bt.score(rows, by=("model",)).set_index("model")
        by_h = bt.score(rows[rows["model"] == "default"], by=("h",)).set_index("h")
        refs = lg.drop(index="default")
        d = lg.loc["default"]
        beats = {m: bool(d[m] < refs[m].min()) for m in ("msis80", "mase", "brier_origin")}
        rec = dict(salt=salt, corpus=name, n_groups=rows.loc[rows["model"] == "default", "group"].nunique(),
                   **{f"c80_h{h}": by_h.loc[h, "coverage80"] for h in by_h.index},
                   **{f"c95_h{h}": by_h.loc[h, "coverage95"] for h in by_h.index},
                   msis80=d["msis80"], ref_msis80=refs["msis80"].min(), mase=d["mase"], ref_mase=refs["mase"].min(),
                   brier=d["brier_origin"], ref_brier=refs["brier_origin"].min(), beats=all(beats.values()))
        rows_out.append(rec)
        print(f"{salt:18s} {name:4s} groups={rec['n_groups']} cov80 by h "
              f"{[round(float(rec[f'c80_h{h}']), 3) for h in bt.HORIZONS]} cov95 {[round(float(rec[f'c95_h{h}']), 3) for h in bt.HORIZONS]} "
              f"msis80 {d['msis80']:.2f}/{refs['msis80'].min():.2f} mase {d['mase']:.3f}/{refs['mase'].min():.3f} "
              f"brier {d['brier_origin']:.4f}/{refs['brier_origin'].min():.4f} beats={beats}", flush=True)
t = pd.DataFrame(rows_out)
c80 = t[[f"c80_h{h}" for h in bt.HORIZONS]].to_numpy()
c95 = t[[f"c95_h{h}" for h in bt.HORIZONS]].to_numpy()
print("\nspread over salts (min-max) of coverage by corpus and horizon")
for name, g in t.groupby("corpus", sort=False):
    a80 = g[[f"c80_h{h}" for h in bt.HORIZONS]]; a95 = g[[f"c95_h{h}" for h in bt.HORIZONS]]
    print(f"{name}: 80% " + " ".join(f"h{h} {a80.iloc[:, i].min():.3f}-{a80.iloc[:, i].max():.3f}"
                                      for i, h in enumerate(bt.HORIZONS)))
    print(f"{name}: 95% " + " ".join(f"h{h} {a95.iloc[:, i].min():.3f}-{a95.iloc[:, i].max():.3f}"
                                      for i, h in enumerate(bt.HORIZONS)))
print(f"salts={len(SALTS)} worst_gap80={100 * np.abs(c80 - 0.8).max():.1f} worst_gap95={100 * np.abs(c95 - 0.95).max():.1f} "
      f"beats_all={int(t['beats'].all())} seconds={time.perf_counter() - T0:.1f}")
