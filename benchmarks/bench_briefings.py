"""Time the rebuild of every briefing (``make briefings``) with an existing environment.

Prints one progress line per briefing, then ``briefings=N seconds=S`` as its last line.
"""
import tempfile
import time
from pathlib import Path

from edustats.build import build_all

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        paths = build_all(Path(out))
        print(f"briefings={len(paths)} seconds={time.perf_counter() - t0:.1f}")
