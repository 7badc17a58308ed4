"""Annual targets and page one judge a value at the threshold as assess does (met_threshold: θ prints one
step above a "≤" target, so θ itself does not meet it)."""
import pandas as pd

from edustats.annual import annual_check
from edustats.summary import pace_facts


def test_a_value_at_the_threshold_of_a_lower_is_better_target_is_not_met_every_year_or_on_page_one():
    # "≤ 6%": θ = 6,05; 6,05 prints 6,1 (half up): missed. 6,04 prints 6,0: met. (Before: 6,05 counted as met.)
    a = pd.DataFrame([dict(id="M", source="d", locality="X", level="preschool", indicator="malnutrition_rate",
                           comparator="<=", target=6.0, due_year=2025, last_year=2024, verdict="uncertain",
                           verdict_vi="Chưa chắc chắn")])
    o = pd.DataFrame(dict(locality="X", level="preschool", indicator="malnutrition_rate", year=[2023, 2024],
                          value=[6.04, 6.05]))
    r = annual_check(a, o, ["M"]).iloc[0]
    assert (r["years_met"], r["years_missed"], r["status"]) == ([2023], [2024], "missed_some_years")
    row = dict(comparator="<=", target=6.0, last_value=6.05, projected=6.05, annual_change_pp=0.01,
               required_change_pp=float("nan"), due_year=2025, last_year=2024, unit="percent")
    f = pace_facts(row)
    assert f["met_now"] is False and f["forecast_meets"] is False
    assert pace_facts({**row, "last_value": 6.04, "projected": 6.04})["met_now"] is True
