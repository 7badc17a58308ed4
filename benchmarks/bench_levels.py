"""Benchmark: universalisation levels of every commune of the country from person-level records.

Run: ``.venv/bin/python benchmarks/bench_levels.py [ROWS]`` (default 60 000 000, the country's
people aged 0-60 at the scale of the universalisation information system). The synthetic
population (``edustats.records.write_population``, seed 2024, labelled synthetic) is generated once
into ``benchmarks/.cache/records-<ROWS>/`` by a child process, streaming, so its peak memory is
measured apart; then the levels are computed with DuckDB in this process. The last line reads
``rows=… communes=… seconds=… peak_gb=… generate_seconds=… generate_peak_gb=…``.
"""
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000_000
cache = Path(__file__).resolve().parent / ".cache" / f"records-{rows}"
gen_seconds = gen_peak = float("nan")
if not (cache / "manifest.json").exists():
    code = ("import resource, time, json; from edustats.records import write_population; t = time.perf_counter(); "
            f"m = write_population({str(cache)!r}, {rows}, seed=2024, chunk_rows=2_000_000); "
            "print(json.dumps(dict(seconds=time.perf_counter() - t, peak_gb=resource.getrusage(resource.RUSAGE_SELF)"
            ".ru_maxrss / 1024 ** 2, rows=m['rows'])))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    g = json.loads(out.stdout.strip().splitlines()[-1])
    gen_seconds, gen_peak = g["seconds"], g["peak_gb"]
    print(f"generated {g['rows']:,} rows in {gen_seconds:.0f} s (peak {gen_peak:.2f} GB)", file=sys.stderr)

from edustats.levels import levels_from_records  # noqa: E402

t0 = time.perf_counter()
res = levels_from_records(cache, "duckdb", progress=lambda m: print(f"  {time.perf_counter() - t0:6.1f} s {m}",
                                                                   file=sys.stderr))
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
c = res["communes"]
n_rows = int(c["persons"].sum())
print(f"rows={n_rows} communes={len(c)} seconds={seconds:.1f} peak_gb={peak:.2f} "
      f"generate_seconds={gen_seconds:.0f} generate_peak_gb={gen_peak:.2f}")
