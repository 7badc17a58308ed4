"""Benchmark: assess 100 000 series (or ``argv[1]``, e.g. 1 000 000: every commune × 100 indicators) of 8
annual points with the default model (damped, vectorised), against a plain statsmodels loop (one binomial
GLM per series) timed on a sample.

Run: ``make benchmark`` or ``.venv/bin/python benchmarks/bench_assess.py [n_series]``.
Last line: ``speedup_vs_loop=<ratio> seconds=<s> cpu_seconds=<s> peak_gb=<GB>`` (seconds: wall clock of
the vectorised run for all series; cpu_seconds: its CPU time, which is what to compare when other jobs
share the machine; peak_gb: the process's peak resident memory, inputs included, from
``resource.getrusage``). Synthetic data from a fixed seed; no timing is asserted in the tests.
"""
import resource
import sys
import time
import warnings

import numpy as np
import pandas as pd

from edustats.assess import assess_series

N_SERIES = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
N_YEARS = 8
LOOP_SAMPLE = 300
rng = np.random.default_rng(20251122)

years = np.arange(2016, 2016 + N_YEARS)
base = rng.uniform(-1.5, 1.5, N_SERIES)
slope = rng.normal(0.08, 0.08, N_SERIES)
denom = rng.integers(80, 2000, N_SERIES)
p = 1 / (1 + np.exp(-(base[:, None] + slope[:, None] * (years - 2016))))
num = rng.binomial(np.repeat(denom[:, None], N_YEARS, 1), p)
obs = pd.DataFrame({
    "series": np.repeat(np.arange(N_SERIES), N_YEARS),
    "year": np.tile(years, N_SERIES),
    "numerator": num.ravel().astype(float),
    "denominator": np.repeat(denom, N_YEARS).astype(float),
})
obs["value"] = 100 * obs["numerator"] / obs["denominator"]
spec = pd.DataFrame({"series": np.arange(N_SERIES), "comparator": ">=", "target": 80.0, "due_year": 2025,
                     "unit": "percent"})

del p  # the probabilities are not needed any more
input_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # peak so far: generating the inputs
t0, c0 = time.perf_counter(), time.process_time()
res = assess_series(obs, spec)
vec_seconds = time.perf_counter() - t0
vec_cpu = time.process_time() - c0
peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # Linux: ru_maxrss in kB
assert (res["model"] == "damped").all()


def loop_one(k, n, x):
    import statsmodels.api as sm
    X = sm.add_constant(x - x.mean())
    fit = sm.GLM(np.column_stack([k, n - k]), X, family=sm.families.Binomial()).fit(scale="X2")
    pred = fit.get_prediction(np.array([[1.0, 2025 - x.mean()]]))
    return pred.summary_frame(alpha=0.05)


sample = rng.choice(N_SERIES, size=min(LOOP_SAMPLE, N_SERIES), replace=False)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    for s in sample:
        loop_one(num[s].astype(float), np.full(N_YEARS, float(denom[s])), years.astype(float))
    loop_per_series = (time.perf_counter() - t0) / len(sample)
loop_seconds = loop_per_series * N_SERIES

print(f"series={N_SERIES} years={N_YEARS} model=damped (default, with binomial noise of the counts)")
print(f"vectorised: {vec_seconds:.2f} s for all series (CPU {vec_cpu:.2f} s; wall > CPU when the machine is shared); "
      f"peak memory {peak_gb:.2f} GB (process, inputs included; {input_gb:.2f} GB before assessing)")
print(f"statsmodels loop: {loop_per_series * 1000:.2f} ms per series on a sample of {len(sample)} "
      f"-> {loop_seconds:.0f} s extrapolated")
print(f"speedup_vs_loop={loop_seconds / vec_seconds:.0f} seconds={vec_seconds:.2f} cpu_seconds={vec_cpu:.2f} "
      f"peak_gb={peak_gb:.2f}")
