"""Benchmark: ``edustats assess`` end to end at national scale, in a subprocess.

Run: ``.venv/bin/python benchmarks/bench_cli_assess.py [ROWS] [TARGETS]`` (default 1 000 000 observation rows,
100 000 targets). The files are synthetic (seed 20261129), written once into ``benchmarks/.cache/``
(gitignored): ``TARGETS / 10`` communes × 10 indicators, each with 10 school years 2015–2024 of Vietnamese
numbers (``45,3`` with numerator and denominator, ``1.234`` with a thousands dot), and one target per
commune × indicator (``≥ 85`` by 2030). Every row says ``synthetic=true``.

The CLI runs as ``python -m edustats.cli assess --targets T --observations O --out verdicts.csv`` with its
terminal table sent to a file; the time is the wall clock of the subprocess, its CPU time (user + system) and
its peak resident memory come from ``resource.getrusage(RUSAGE_CHILDREN)``.
Last line: ``rows=… targets=… seconds=… cpu_seconds=… peak_gb=…``.
"""
from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 20261129
INDICATORS = [("completion_rate", "primary"), ("dropout_rate", "lower-secondary"), ("ner", "primary"),
              ("ger", "lower-secondary"), ("mobilisation_rate", "kindergarten"), ("repetition_rate", "primary"),
              ("promotion_rate", "lower-secondary"), ("qualified_teacher_share", "primary"),
              ("two_session_share", "primary"), ("malnutrition_rate", "preschool")]
YEARS = list(range(2015, 2025))


def _vn1(tenths: np.ndarray) -> pd.Series:
    """Tenths as Vietnamese text with one decimal: 453 → ``45,3``."""
    t = pd.Series(tenths.astype(np.int64))
    return (t // 10).astype(str) + "," + (t % 10).astype(str)


def _vn_int(x: np.ndarray) -> pd.Series:
    """Whole numbers with a thousands dot: 1234 → ``1.234``."""
    s = pd.Series(x.astype(np.int64))
    big = s >= 1000
    out = s.astype(str)
    out[big] = (s[big] // 1000).astype(str) + "." + (s[big] % 1000).astype(str).str.zfill(3)
    return out


def generate(rows: int = 1_000_000, targets: int = 100_000, folder: Path = CACHE) -> tuple[Path, Path]:
    """Write (once) the observations and targets CSV files; return their paths."""
    n_loc = max(1, targets // len(INDICATORS))
    per = len(INDICATORS) * len(YEARS)
    n_loc_obs = max(1, rows // per)
    folder.mkdir(parents=True, exist_ok=True)
    obs_path = folder / f"observations_{rows}.csv"
    tg_path = folder / f"targets_{targets}.csv"
    rng = np.random.default_rng(SEED)
    names = np.array([f"Xã Mường {i:05d}" for i in range(max(n_loc, n_loc_obs))], dtype=object)
    if not obs_path.exists():
        L, I, Y = n_loc_obs, len(INDICATORS), len(YEARS)
        den = rng.integers(80, 2500, size=(L, I, 1)).repeat(Y, 2)
        p = 1 / (1 + np.exp(-(rng.uniform(-1, 2.5, (L, I, 1)) + rng.normal(0.08, 0.05, (L, I, 1))
                              * (np.array(YEARS) - 2015))))
        num = rng.binomial(den, p)
        tenths = np.rint(1000 * num / den)   # the value as published, to 0,1
        df = pd.DataFrame({
            "locality": np.repeat(names[:L], I * Y),
            "indicator": np.tile(np.repeat([c for c, _ in INDICATORS], Y), L),
            "level": np.tile(np.repeat([lv for _, lv in INDICATORS], Y), L),
            "year": np.tile(YEARS, L * I),
        })
        df["value"] = _vn1(tenths.ravel())
        df["numerator"] = _vn_int(num.ravel())
        df["denominator"] = _vn_int(den.ravel())
        df["synthetic"] = "true"
        df.to_csv(obs_path, index=False)
    if not tg_path.exists():
        t = pd.DataFrame({
            "locality": np.repeat(names[:n_loc], len(INDICATORS)),
            "indicator": np.tile([c for c, _ in INDICATORS], n_loc),
            "level": np.tile([lv for _, lv in INDICATORS], n_loc),
        })
        t.insert(0, "id", [f"T{k:06d}" for k in range(len(t))])
        t["kind"] = "target"
        t["source"] = "synthetic (benchmarks/bench_cli_assess.py, seed 20261129)"
        t["comparator"] = np.where(t["indicator"].isin(["dropout_rate", "repetition_rate", "malnutrition_rate"]),
                                   "<=", ">=")
        t["value"] = np.where(t["comparator"] == "<=", "1,5", "85")
        t["year"] = 2030
        t["unit"] = "percent"
        t.to_csv(tg_path, index=False)
    return obs_path, tg_path


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    n_targets = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    t0 = time.perf_counter()
    obs, tg = generate(rows, n_targets)
    print(f"files: {obs} ({obs.stat().st_size / 1e6:.0f} MB), {tg} ({time.perf_counter() - t0:.1f} s to make "
          "or find)")
    out = CACHE / "verdicts.csv"
    shown = CACHE / "verdicts_table.txt"
    cmd = [sys.executable, "-m", "edustats.cli", "assess", "--targets", str(tg), "--observations", str(obs),
           "--out", str(out)]
    t0 = time.perf_counter()
    with open(shown, "w") as fh:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        print(proc.stderr[-3000:])
        raise SystemExit(f"edustats assess failed with status {proc.returncode}")
    res = pd.read_csv(out, usecols=["id", "verdict"])
    print(f"{len(res)} verdicts: " + ", ".join(f"{k} {v}" for k, v in res["verdict"].value_counts().items()))
    print(f"rows={rows} targets={n_targets} seconds={seconds:.1f} cpu_seconds={ru.ru_utime + ru.ru_stime:.1f} "
          f"peak_gb={ru.ru_maxrss / 1e6:.2f}")


if __name__ == "__main__":
    main()
