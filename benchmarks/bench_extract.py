"""Benchmark: extract targets from a 5 MB text (the five documents repeated with noise).

Run: ``.venv/bin/python benchmarks/bench_extract.py``. Prints characters per second; the
extractor's regular expressions are linear, so time grows in proportion to the text.
"""
import time

import edustats as es
from edustats.extract import extract_targets, read_document

texts = [read_document(es.data_path("sources", f)) for f in sorted(es.load_sources()["file"])]
block = "\n\n".join(texts)
for size in (1_000_000, 5_000_000):
    text = (block * (size // len(block) + 1))[:size]
    t0 = time.perf_counter()
    rows = extract_targets(text)
    s = time.perf_counter() - t0
    print(f"chars={size} rows={len(rows)} seconds={s:.2f} chars_per_second={size / s:,.0f}")
