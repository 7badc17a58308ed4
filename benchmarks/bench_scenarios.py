"""Timing of the school-level class count and the linked projection (issue #21). Not a test.

Last line: name=value pairs (seconds)."""
import time

import numpy as np
import pandas as pd

from edustats.indicators.teachers import teachers_needed_per_school
from edustats.scenarios import EnrolmentScenario, SystemScenario, project_system

rng = np.random.default_rng(21)
n = 2000
schools = pd.DataFrame({"locality": np.repeat([f"x{i // 10}" for i in range(n)], 5),
                        "school": np.repeat([f"s{i}" for i in range(n)], 5), "region": np.repeat(rng.integers(1, 4, n), 5),
                        "level": "primary", "grade": np.tile(range(1, 6), n), "pupils": rng.integers(5, 120, 5 * n),
                        "sessions": 2})
t0 = time.perf_counter()
need = teachers_needed_per_school(schools, "2024-09-05")
t_need = time.perf_counter() - t0
old = teachers_needed_per_school(schools, "2023-12-15")
whole = teachers_needed_per_school(schools, "2024-09-05", leftover="whole")  # the literal reading, for comparison
pre = pd.DataFrame({"school": np.repeat([f"m{i}" for i in range(n)], 6), "region": 3,
                    "level": np.tile(["nursery"] * 3 + ["kindergarten"] * 3, n), "grade": np.tile(range(6), n),
                    "pupils": rng.integers(0, 60, 6 * n), "sessions": 2})
t0 = time.perf_counter()
pre_need = teachers_needed_per_school(pre, "2024-09-05")
t_pre = time.perf_counter() - t0

base = pd.DataFrame({"locality": np.repeat([f"x{i}" for i in range(100)], 9), "year": 2022,
                     "level": (["primary"] * 5 + ["lower-secondary"] * 4) * 100, "grade": list(range(1, 10)) * 100,
                     "enrolment": 100})
pop = pd.DataFrame({"locality": np.repeat([f"x{i}" for i in range(100)], 15), "year": 2022, "age": list(range(15)) * 100,
                    "population": 100})
sc = SystemScenario("s", primary=EnrolmentScenario("p", 100, {g: 95 for g in range(1, 6)}, {g: 3 for g in range(1, 6)}),
                    lower_secondary=EnrolmentScenario("l", 95, {g: 95 for g in range(6, 10)}, {g: 3 for g in range(6, 10)}))
t0 = time.perf_counter()
proj = project_system(base, pop, sc, 2030)
t_proj = time.perf_counter() - t0
print(f"schools={n} classes={int(need['classes'].sum())} teachers_tt20={int(need['teachers_needed'].sum())} "
      f"teachers_tt20_whole={int(whole['teachers_needed'].sum())} schools_with_0_whole={int((whole['note'] != '').sum())} "
      f"teachers_tt16={int(old['teachers_needed'].sum())} preschool_teachers_tt19={int(pre_need['teachers_needed'].sum())} "
      f"communes=100 rows={len(proj)}")
print(f"teachers_needed_per_school_2000_schools={t_need:.2f} preschool_tt19_2000_schools={t_pre:.2f} "
      f"project_system_100_communes_8_years={t_proj:.2f}")
