"""HTML pieces for briefings: tables with their source under them, and the synthetic-data banner."""
from __future__ import annotations

import hashlib
import html
import re

import pandas as pd

__all__ = ["html_table", "synthetic_banner", "minus_signs"]

SYNTHETIC_TEXT = ("Số liệu giả định (mô phỏng): không phải số liệu thật của địa phương; do chương trình "
                  "edustats.examples tạo ra, chạy lại cho kết quả như nhau.")


def synthetic_banner() -> str:
    """The banner every table or section on synthetic data carries."""
    return f'<div class="es-synthetic">{html.escape(SYNTHETIC_TEXT)}</div>'


def html_table(df: pd.DataFrame, *, caption: str = "", source: str = "", synthetic: bool = False,
               columns: dict | None = None, colour: tuple[str, dict] | None = None) -> str:
    """A table as HTML with a caption above and its source cited below.

    ``colour=(column, {value: css colour})`` paints the cells of one column (a verdict, say)
    with inline styles, so the colours survive in a file opened offline.

    >>> s = html_table(pd.DataFrame({"a": [1]}), caption="T", source="data/targets.csv")
    >>> "Nguồn: data/targets.csv" in s and "<caption>T</caption>" in s
    True
    >>> "background-color: #1a9850" in html_table(pd.DataFrame({"v": ["ok"]}), colour=("v", {"ok": "#1a9850"}))
    True
    >>> "&lt;b&gt;" in html_table(pd.DataFrame({"v": ["<b>"]}), colour=("v", {"<b>": "#1a9850"}))
    True
    """
    shown = df.rename(columns=columns or {})
    if colour is not None:
        col, mapping = colour
        # a uuid derived from the content keeps the HTML byte-stable from build to build
        uid = hashlib.sha1((caption + "|".join(map(str, shown.columns)) + str(len(shown))).encode()).hexdigest()[:8]
        # a Styler does not escape by default: user text (a label, a locality) must never become markup
        styler = shown.style.set_uuid(f"es{uid}").hide(axis="index").format(escape="html", na_rep="–").map(
            lambda v: f"background-color: {mapping[v]}" if v in mapping else "", subset=[col])
        table = styler.to_html(table_attributes='class="dataframe" border="0"')
    else:
        table = shown.to_html(index=False, escape=True, border=0, na_rep="–")
    if caption:  # right after the opening <table …> tag (a Styler puts a <style> block before it)
        table = re.sub(r"(<table[^>]*>)", lambda m: m.group(1) + f"<caption>{html.escape(caption)}</caption>", table, count=1)
    parts = [synthetic_banner()] if synthetic else []
    parts.append(table)
    if source:
        parts.append(f'<div class="es-source">Nguồn: {html.escape(source)}</div>')
    return "\n".join(parts)


_TAG_RE = re.compile(r"(<[^>]*>)")
_MINUS_RE = re.compile(r"(?<![\w\-–−/.,:%])-(?=\d)")


def minus_signs(page: str) -> str:
    """A page with every negative number in its text written with the minus sign "−", not a hyphen.

    Only text between tags changes (never attributes, styles or scripts); a hyphen between two
    numbers or words ("2022-2025", "15-35", "20-NQ/ĐU") is a hyphen and stays.

    >>> minus_signs('<td>140 − 150 = -10</td><td>(-0,6)</td><td>2022-2025; 20-NQ/ĐU</td>')
    '<td>140 − 150 = −10</td><td>(−0,6)</td><td>2022-2025; 20-NQ/ĐU</td>'
    >>> minus_signs('<style>a { margin: -1px }</style><p style="top:-2px">-3,5%</p>')
    '<style>a { margin: -1px }</style><p style="top:-2px">−3,5%</p>'
    """
    out, skip = [], None
    for part in _TAG_RE.split(page):
        if part.startswith("<"):
            low = part[:8].lower()
            if skip is None and (low.startswith("<style") or low.startswith("<script")):
                skip = "</style" if low.startswith("<style") else "</script"
            elif skip is not None and low.startswith(skip):
                skip = None
            out.append(part)
        else:
            out.append(part if skip is not None else _MINUS_RE.sub("\u2212", part))
    return "".join(out)
