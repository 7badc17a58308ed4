"""The loaders at national scale keep their answers: the Arrow CSV reader gives the csv module's
table, Parquet is read like CSV (same checks, same messages), every bad cell of a large file is named."""
import random

import numpy as np
import pandas as pd
import pytest

import edustats as es
import edustats.excel_io as X
from edustats.errors import DataError
from edustats.loaders import _read


def _csv_text(delim, eol, *, title=False, quoting=True, n=3000, seed=3, extra=None):
    rng = random.Random(seed)
    lines = [delim.join(["Báo cáo số liệu"] + [""] * 7)] if title else []
    lines.append(delim.join(["Địa phương", "Mã chỉ tiêu", "cấp học", "năm học", "giá trị", "tử số", "mẫu số", "ghi chú"]))
    for i in range(n):
        note = rng.choice(["", "a, b; c", 'nói "tốt"', "=1+1", "'=x", " x "])
        f = [f"Xã Mường {i % 50:03d}", "completion_rate", "primary", str(2000 + i // 50),
             rng.choice(["45,3", "1.234", "12", "22,5%"]), "1.200", "2.400", note]
        if quoting:
            f = ['"' + x.replace('"', '""') + '"' if (delim in x or '"' in x or rng.random() < 0.3) else x for x in f]
        else:
            f = [x.replace(delim, " ").replace('"', "") for x in f]
        if extra and i in extra:
            f = extra[i](f)
        lines.append(delim.join(f))
    return eol.join(lines) + eol


def _blank_top(text, delim, k=35):
    """``k`` rows of empty fields above the table (as a spreadsheet export writes them)."""
    return (delim * 7 + "\n") * k + text


CASES = {
    "comma-lf-quoted": dict(delim=",", eol="\n"),
    "semicolon-crlf-title": dict(delim=";", eol="\r\n", title=True),
    "tab-plain": dict(delim="\t", eol="\n", quoting=False),
    "ragged-row": dict(delim=",", eol="\n", extra={1500: lambda f: f[:5]}),
    "quote-inside-field": dict(delim=",", eol="\n", extra={2000: lambda f: f[:7] + ['ab"c']}),
    "line-break-in-quotes": dict(delim=",", eol="\n", extra={2500: lambda f: f[:7] + ['"line\nbreak"']}),
    "35-empty-rows-on-top": dict(delim=";", eol="\n"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_arrow_csv_reader_gives_the_csv_module_table(tmp_path, case, monkeypatch):
    text = _csv_text(**CASES[case])
    if case == "35-empty-rows-on-top":
        text = _blank_top(text, ";")
    p = tmp_path / "o.csv"
    p.write_text(text, encoding="utf-8")
    arrow = X._arrow_columns(text, X._sniff_delimiter(text))
    # the plain layouts go through Arrow; the irregular ones are left to the csv module
    assert (arrow is not None) == (case in ("comma-lf-quoted", "semicolon-crlf-title", "tab-plain",
                                            "35-empty-rows-on-top"))
    df_a, m_a = _read(p, "observations")
    monkeypatch.setattr(X, "_arrow_columns", lambda t, d: None)
    df_c, m_c = _read(p, "observations")
    pd.testing.assert_frame_equal(df_a, df_c)
    assert (m_a.rows, m_a.blank_rows, m_a.header_row, m_a.headers) == (m_c.rows, m_c.blank_rows, m_c.header_row,
                                                                       m_c.headers)
    if case == "35-empty-rows-on-top":   # the header is found below the empty rows
        assert m_a.header_row == 36 and m_a.blank_rows == 0 and m_a.rows[0] == 37
    if case == "line-break-in-quotes":   # a row is numbered by the line it ends on (the csv module's line_num)
        assert m_c.rows[2499:2502] == [2501, 2503, 2504] and m_c.rows[-1] == 3000 + 2


def _typed_example():
    o = pd.read_csv(es.data_path("examples", "observations.csv"), dtype=str, keep_default_na=False)
    typed = pd.read_csv(es.data_path("examples", "observations.csv"))   # numbers as numbers (plain English form)
    assert typed["value"].dtype == float and typed["year"].dtype == "int64"
    return o, typed


def test_parquet_reads_like_csv(tmp_path):
    o, typed = _typed_example()
    pq = tmp_path / "o.parquet"
    typed.to_parquet(pq, index=False)
    got = es.load_observations(pq)
    want = es.load_observations(es.data_path("examples", "observations.csv"))
    pd.testing.assert_frame_equal(got, want)
    assert "Đã đọc" in got.attrs["summary_vi"] and f"{len(o)} dòng số liệu" in got.attrs["summary_vi"]


def test_parquet_bad_cells_are_named_as_in_csv(tmp_path):
    o, typed = _typed_example()
    typed["value"] = typed["value"].astype(object)
    typed.loc[2, "value"] = "abc"            # text in a number column: a mixed column is stored as text
    typed["value"] = typed["value"].astype(str).replace("nan", "")
    typed.loc[4, "year"] = 20255
    typed.loc[6, "indicator"] = "completion_rat"
    pq = tmp_path / "bad.parquet"
    typed.to_parquet(pq, index=False)
    with pytest.raises(DataError) as err:
        es.load_observations(pq)
    msg = str(err.value)
    assert msg.startswith(f"tệp số liệu {pq} có lỗi: ")
    assert f"{pq}, row 4, column 'value': found 'abc'; expected a number such as 22,5 or 1.830" in msg
    assert f"{pq}, dòng 6, cột 'year': gặp 20255; cần một năm từ 1975 đến 2100" in msg
    assert f"{pq}, row 8, column 'indicator': found 'completion_rat'; expected an indicator code" in msg
    assert err.value.problems["row"].tolist() == [4, 6, 8]


def test_not_a_parquet_file(tmp_path):
    p = tmp_path / "o.parquet"
    p.write_bytes(b"PAR1 not really")
    with pytest.raises(DataError, match=r"cannot read Parquet file: 1 problem\n  .*o.parquet: found '.parquet'; "
                                        r"expected a readable Parquet file"):
        es.load_observations(p)


def test_every_bad_cell_of_a_large_file_is_named(tmp_path):
    """20 000 rows through the Arrow reader; 37 bad cells of five kinds, each named with its row."""
    rng = np.random.default_rng(11)
    n = 20_000
    df = pd.DataFrame({"locality": [f"Xã {i // 20:04d}" for i in range(n)], "indicator": "completion_rate",
                       "level": "primary", "year": [str(2000 + i % 20) for i in range(n)]})
    den = rng.integers(100, 900, n)
    num = rng.integers(0, 100, n)
    df["value"] = [f"{round(1000 * a / b) / 10:.1f}".replace(".", ",") for a, b in zip(num, den)]
    df["numerator"], df["denominator"] = num.astype(str), den.astype(str)
    bad = {}
    for k, i in enumerate(rng.choice(n, 37, replace=False)):
        kind = k % 5
        if kind == 0:
            df.loc[i, "value"], bad[i] = "1,234", "value"
        elif kind == 1:
            df.loc[i, "year"], bad[i] = "20x1", "year"
        elif kind == 2:
            df.loc[i, "value"], bad[i] = "140", "value"
        elif kind == 3:
            df.loc[i, "numerator"], bad[i] = "-4", "numerator"
        else:
            df.loc[i, "denominator"], bad[i] = "0", "denominator"
    p = tmp_path / "o.csv"
    df.to_csv(p, index=False)
    with pytest.raises(DataError) as err:
        es.load_observations(p)
    pr = err.value.problems
    assert sorted(zip(pr["row"], pr["column"])) == sorted((int(i) + 2, c) for i, c in bad.items())
    # the reason in each language's line (fresh reader: the Vietnamese explanation sat in the English line)
    assert "gặp '1,234'; cần một số như 22,5 hoặc 1.830 ('1,234' không rõ nghĩa" in str(err.value)
    assert "found '1,234'; expected a number such as 22,5 or 1.830 ('1,234' is ambiguous" in str(err.value)


def test_parquet_targets_read_like_csv(tmp_path):
    t = pd.read_csv(es.data_path("targets.csv"), dtype=str, keep_default_na=False)
    t["year"] = t["year"].astype(int)
    t["value"] = pd.to_numeric(t["value"])   # 22.5 stored as a number, not as the text "22.5"
    pq = tmp_path / "t.parquet"
    t.to_parquet(pq, index=False)
    got = es.load_targets(pq)
    pd.testing.assert_frame_equal(got, es.load_targets())
    assert got.loc[got["id"] == "000-01", "value"].item() == 22.5


def test_cli_assess_reads_parquet(tmp_path, capsys):
    from edustats.cli import main

    _, typed = _typed_example()
    pq = tmp_path / "o.parquet"
    typed.to_parquet(pq, index=False)
    out_pq, out_csv = tmp_path / "v_pq.csv", tmp_path / "v_csv.csv"
    assert main(["assess", "--observations", str(pq), "--out", str(out_pq)]) == 0
    assert main(["assess", "--observations", str(es.data_path("examples", "observations.csv")),
                 "--out", str(out_csv)]) == 0
    assert out_pq.read_bytes() == out_csv.read_bytes()
