"""Build the briefings: execute every numbered notebook and write self-contained HTML.

Run as ``python -m edustats.build`` (``make briefings``). The notebooks in ``notebooks/`` are
executed from a clean kernel (in parallel, one per core) with the notebook folder as working
directory, following :func:`build_plan` (the document template once per source document, with
papermill parameters), then rendered with the offline ``briefing`` template:
code hidden, images embedded, no script, stylesheet, font or image loaded from outside the
file. The HTML goes to ``reports/``; notebooks write their charts to ``figures/``.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

__all__ = ["build_all", "render_notebook", "external_references", "ROOT", "REPORTS_DIR"]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

# A resource an HTML page would fetch: src/href/url() pointing outside the file.
_EXTERNAL_RE = re.compile(
    r"""(?:<(?:script|img|link|iframe|source|video|audio|embed)\b[^>]*?\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)""",
    re.IGNORECASE,
)


def external_references(html: str) -> list[str]:
    """Snippets of ``html`` that would load a resource from the network (should be empty).

    Plain links a reader may click (``<a href="https://…">``) are not resources and are allowed.

    >>> external_references('<img src="data:image/png;base64,AAA"> <a href="https://x.vn">x</a>')
    []
    >>> external_references('<script src="https://cdn.example/mathjax.js"></script>')
    ['<script src="https://']
    """
    return [m.group(0) for m in _EXTERNAL_RE.finditer(html)]


def _exporter(lang: str = "vi"):
    from nbconvert import HTMLExporter

    exp = HTMLExporter(template_name="briefing", extra_template_basedirs=[str(TEMPLATES_DIR)])
    exp.language_code = lang
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    exp.embed_images = True
    return exp


_MARK_RE = re.compile(r'data-es-title="([^"]*)"\s+data-es-lang="([a-z]{2})"')
_H1_RE = re.compile(r"^#\s+(.+)$", re.MULTILINE)


def page_identity(nb, default_lang: str = "vi") -> tuple[str, str]:
    """``(title, lang)`` of an executed notebook: the briefing's own marker, else its first heading.

    A briefing built by :mod:`edustats.pages` displays a hidden marker
    (``data-es-title``, ``data-es-lang``); other notebooks are titled by their first ``# `` heading.
    """
    import html as _html

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/html", "")
            text = "".join(text) if isinstance(text, list) else text
            m = _MARK_RE.search(text)
            if m:
                return _html.unescape(m.group(1)), m.group(2)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = _H1_RE.search(cell.source)
            if m:
                return m.group(1).strip(), default_lang
    return "edustats", default_lang


def render_notebook(nb, out_path: Path, resources: dict | None = None, lang: str = "vi") -> Path:
    """Render an executed notebook to offline HTML; refuse if anything would load from outside.

    The page's ``<title>`` and ``lang`` come from :func:`page_identity`.
    """
    title, lang = page_identity(nb, lang)
    nb.metadata["title"] = title
    body, _ = _exporter(lang).from_notebook_node(nb, resources=resources or {})
    from .report import minus_signs

    body = minus_signs(body)  # "−0,6", never "-0,6", whichever module printed the number
    ext = external_references(body)
    if ext:
        raise RuntimeError(f"{out_path.name}: HTML references external resources: {ext[:3]}")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(body, encoding="utf-8")
    return out_path


# lines the kernel machinery prints that say nothing to a planner (real warnings still pass)
_CHATTER = re.compile(
    r"Kernel is running over TCP without encryption|KeyboardInterrupt caught in kernel|frozen modules|"
    r"PYDEVD_DISABLE_FILE_VALIDATION|-Xfrozen_modules|Debugging will proceed|debugger|make sure to|"
    r"Connection file|^\s*$|zmq|IPKernelApp|jupyter_client|traitlets|Executing notebook with kernel|"
    r"Input notebook|Output notebook|Black is not installed|Executing Cell|Ending Cell",
    re.IGNORECASE)


def _quiet(fn, *args, **kwargs):
    """Run ``fn`` with file descriptor 2 captured; return (result, stderr lines that are not chatter)."""
    import tempfile

    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile(mode="w+b") as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            result = fn(*args, **kwargs)
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        tmp.seek(0)
        lines = tmp.read().decode("utf-8", "replace").splitlines()
    return result, [ln for ln in lines if not _CHATTER.search(ln)]


def _execute_and_render(nb_path: str, out_dir: str, parameters: dict | None = None,
                        out_name: str | None = None) -> tuple[str, float, list[str]]:
    (path, secs), warnings_ = _quiet(_execute_and_render_loud, nb_path, out_dir, parameters, out_name)
    return path, secs, warnings_


def _execute_and_render_loud(nb_path: str, out_dir: str, parameters: dict | None = None,
                             out_name: str | None = None) -> tuple[str, float]:
    import logging

    import nbformat
    from nbclient import NotebookClient

    for name in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(name).setLevel(logging.ERROR)
    t0 = time.perf_counter()
    # charts must be captured inline in the briefing, whatever backend the caller's environment names
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    nb_path = Path(nb_path)
    nb = nbformat.read(nb_path, as_version=4)
    if parameters:
        import papermill as pm

        tmp = Path(out_dir) / f".{out_name or nb_path.stem}.executed.ipynb"
        pm.execute_notebook(str(nb_path), str(tmp), parameters=parameters, cwd=str(nb_path.parent),
                            progress_bar=False, kernel_name="python3")
        nb = nbformat.read(tmp, as_version=4)
        tmp.unlink()
    else:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(nb_path.parent)}}).execute()
    name = out_name or nb_path.stem
    out = render_notebook(nb, Path(out_dir) / f"{name}.html", resources={"metadata": {"name": name}},
                          lang=(parameters or {}).get("lang", "vi"))
    return str(out), time.perf_counter() - t0


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks (``01-…ipynb``), sorted."""
    return sorted(p for p in folder.glob("*.ipynb") if re.match(r"^\d\d", p.name))


def _sources() -> list[str]:
    import csv

    with open(ROOT / "data" / "sources.csv", encoding="utf-8") as fh:
        return sorted(r["file"] for r in csv.DictReader(fh))


def build_plan() -> list[tuple[str, dict | None, str]]:
    """(notebook, papermill parameters or None, output name) for every briefing.

    The document template runs once per source document; the "your own data" notebook once on
    the example data; one English sample shows the language parameter; any other numbered
    notebook runs once as it is.
    """
    plan = [("01-targets-overview", None, "01-targets-overview"), ("02-scorecard", None, "02-scorecard")]
    plan += [("10-document-briefing", {"source": f}, f"10-document-{f[:3]}") for f in _sources()]
    plan += [("10-document-briefing", {"source": "000_77c0261806063d0e.txt", "lang": "en"}, "10-document-000-en"),
             ("20-indicator-handbook", None, "20-indicator-handbook"),
             ("20-indicator-handbook", {"lang": "en"}, "20-indicator-handbook-en"),
             ("20-indicator-handbook", {"part": "exercises"}, "20-exercises"),
             ("30-your-own-data", {"locality": "Na Mèo", "figures_dir": "../figures"}, "30-your-own-data-na-meo"),
             ("40-province-explorer", None, "40-province-explorer")]  # real data only (issue #12)
    planned = {p[0] for p in plan}
    plan += [(nb.stem, None, nb.stem) for nb in notebooks() if nb.stem not in planned]
    return plan


def build_all(out_dir: Path = REPORTS_DIR, jobs: int | None = None, only: list[str] | None = None) -> list[Path]:
    """Execute and render every numbered notebook; print progress; return the HTML paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (ROOT / "figures").mkdir(exist_ok=True)
    # one as-of date for every briefing of a build (edustats.due.build_as_of reads it in the notebooks)
    from .due import build_as_of

    os.environ.setdefault("EDUSTATS_AS_OF", build_as_of().isoformat())
    todo = [r for r in build_plan() if not only or any(o in r[2] for o in only)]
    jobs = jobs or min(len(todo), os.cpu_count() or 1) or 1
    t0 = time.perf_counter()
    print(f"edustats: lập {len(todo)} bản tin, {jobs} tiến trình song song → {out_dir}", flush=True)
    results, n_warn = [], 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_execute_and_render, str(NOTEBOOKS_DIR / f"{nb}.ipynb"), str(out_dir), params, name): name
                   for nb, params, name in todo}
        for fut in as_completed(futures):
            path, secs, warns = fut.result()
            results.append(Path(path))
            print(f"  [{len(results)}/{len(todo)}] {Path(path).name} ({_secs(secs)})", flush=True)
            for w in warns:
                n_warn += 1
                print(f"      cảnh báo / warning: {w}", flush=True)
    total = time.perf_counter() - t0
    print(f"edustats: xong {len(results)} bản tin trong {_secs(total)}"
          + (f", {n_warn} cảnh báo" if n_warn else ", không có cảnh báo") + f" → {out_dir}", flush=True)
    return sorted(results)


def _secs(x: float) -> str:
    """Seconds the Vietnamese way: ``4,2 s``."""
    return f"{x:.1f}".replace(".", ",") + " s"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Execute the notebooks and write offline HTML briefings.")
    ap.add_argument("--out", type=Path, default=REPORTS_DIR, help="output folder (default: reports/)")
    ap.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: cores)")
    ap.add_argument("only", nargs="*", help="build only notebooks whose name contains one of these")
    args = ap.parse_args(argv)
    build_all(args.out, args.jobs, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())


def build_own_briefing(locality: str, observations, targets=None, lang: str = "vi", out=None,
                       pdf: bool = False) -> Path:
    """Render the "your own data" briefing for one locality to a single offline HTML file.

    ``observations`` and ``targets`` are file paths (CSV or Excel; targets default to the curated
    ``data/targets.csv``). Returns the path of the HTML written (default ``reports/30-<locality>.html``).
    Nothing else is written (charts travel inside the HTML), except ``X.pdf`` beside ``X.html``
    when ``pdf`` is true (headless Chromium, offline, A4).
    """
    import unicodedata

    obs = Path(observations).resolve()
    tg = Path(targets).resolve() if targets else (ROOT / "data" / "targets.csv")
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", locality).encode("ascii", "ignore").decode().lower()).strip("-")
    out = Path(out) if out else REPORTS_DIR / f"30-{slug or 'locality'}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    params = {"locality": locality, "observations_file": str(obs), "targets_file": str(tg), "lang": lang,
              "figures_dir": ""}
    path, _, warns = _execute_and_render(str(NOTEBOOKS_DIR / "30-your-own-data.ipynb"), str(out.parent), params,
                                         out.stem)
    for w in warns:
        print(f"cảnh báo / warning: {w}", file=sys.stderr)
    if pdf:
        from .offline_check import print_pdf

        print_pdf(path, Path(path).with_suffix(".pdf"))
    return Path(path)


def _register_cli(sub) -> None:
    p = sub.add_parser("briefing", help="lập bản tin HTML ngoại tuyến cho một địa phương từ số liệu của đơn vị / write an offline HTML briefing for one locality from your own data",
                       description="Run the 'your own data' notebook for one locality and write one self-contained "
                                   "HTML file (opens without a connection).")
    p.add_argument("--locality", required=True, help="locality name as written in the observations file")
    p.add_argument("--observations", required=True, help="observations file (CSV, Excel or Parquet)")
    p.add_argument("--targets", default=None, help="targets file (default: data/targets.csv)")
    p.add_argument("--lang", default="vi", choices=["vi", "en"])
    p.add_argument("--as-of", default=None, dest="as_of",
                   help="judge as of this date, YYYY-MM-DD or YYYY (default: today, or EDUSTATS_AS_OF), as assess does")
    p.add_argument("--out", default=None, help="HTML file to write (default: reports/30-<locality>.html)")
    p.add_argument("--pdf", action="store_true", help="also write X.pdf beside X.html (A4, headless Chromium, offline)")
    # the handler is edustats.cli's (Excel out, locality matching, messages in Vietnamese first)
