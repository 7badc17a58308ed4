"""Benchmark: classify 10 000 communes (or argv[1]) for the four standards from counts, then
district levels, as #16 will for the whole country.

Run: ``.venv/bin/python benchmarks/bench_universalization.py [n_communes]``.
Last line: ``communes=<n> classify_seconds=<s> district_seconds=<s>``. Synthetic counts from a
fixed seed; no timing is asserted in the tests.
"""
import sys
import time

import numpy as np
import pandas as pd

from edustats.indicators.universalization import classify_universalization, district_levels

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
rng = np.random.default_rng(20251129)
base = pd.DataFrame({"district": [f"d{i // 14:04d}" for i in range(N)], "locality": [f"c{i:05d}" for i in range(N)],
                     "year": 2023, "dbkk": rng.random(N) < 0.3})


def counts(df, col, p_lo, p_hi, den_lo=50, den_hi=3000):
    den = rng.integers(den_lo, den_hi, len(df))
    df[f"{col}_denominator"] = den
    df[f"{col}_numerator"] = rng.binomial(den, rng.uniform(p_lo, p_hi, len(df)))


t = base.copy()
for col in ("age5_enrolment_rate", "age5_completion_rate", "net_intake_rate", "completion_by_14", "completion_by_11",
            "diploma_15_18", "upper_or_vocational_15_18", "literate_l1_15_35", "literate_l1_15_25",
            "literate_l2_15_60", "literate_l2_15_35"):
    counts(t, col, 0.75, 1.0)
t0 = time.perf_counter()
lit = classify_universalization(t, "literacy")
prim = classify_universalization(t, "pcgd_primary")
t["literacy_level"], t["pcgd_primary_level"] = lit["level"].to_numpy(), prim["level"].to_numpy()
lo = classify_universalization(t, "pcgd_lower_secondary")
pre = classify_universalization(t, "pcgd_preschool5")
t1 = time.perf_counter()
dl = district_levels(lo.assign(district=t["district"].to_numpy()), "pcgd_lower_secondary")
t2 = time.perf_counter()
print("levels (lower secondary):", lo["level"].value_counts().sort_index().to_dict(), "districts:", len(dl))
print(f"communes={N} classify_seconds={t1 - t0:.3f} district_seconds={t2 - t1:.3f}")
