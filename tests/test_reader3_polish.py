"""Fresh reader round 3: the planner's and trainer's smaller findings (each fails before its fix)."""
import pandas as pd

from edustats.cli import main


def test_assess_calls_a_misspelt_locality_a_likely_misspelling(tmp_path, capsys):
    # reader: 'Na Mèoo' in one row of the observations (targets for 'Na Mèo') only got "make a targets file with
    # edustats template --locality"; the briefing already says "gần giống 'Na Mèo' … nếu là lỗi chính tả, hãy sửa"
    p = tmp_path / "o.csv"
    pd.DataFrame({"locality": ["Na Mèo", "Na Mèo", "Na Mèoo"], "indicator": "promotion_rate", "level": "primary",
                  "year": [2023, 2024, 2025], "value": [97.1, 97.3, 97.5]}).to_csv(p, index=False)
    assert main(["assess", "--observations", str(p), "--as-of", "2026-11-29"]) == 0
    err = capsys.readouterr().err
    vi = (f"Cảnh báo: 1 dòng ghi địa phương 'Na Mèoo' gần giống 'Na Mèo' nhưng không được đánh giá; nếu là lỗi "
          f"chính tả, hãy sửa trong tệp {p}.")
    en = (f"Warning: 1 row names 'Na Mèoo', close to 'Na Mèo', and is not assessed; if that is a misspelling, "
          f"correct it in {p}.")
    assert vi in err and en in err and err.index(vi) < err.index(en)
    assert "edustats template --locality" not in err   # the wrong advice is gone
