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


def _exporter():
    from nbconvert import HTMLExporter

    exp = HTMLExporter(template_name="briefing", extra_template_basedirs=[str(TEMPLATES_DIR)])
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    exp.embed_images = True
    return exp


def render_notebook(nb, out_path: Path, resources: dict | None = None) -> Path:
    """Render an executed notebook to offline HTML; refuse if anything would load from outside."""
    body, _ = _exporter().from_notebook_node(nb, resources=resources or {})
    ext = external_references(body)
    if ext:
        raise RuntimeError(f"{out_path.name}: HTML references external resources: {ext[:3]}")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(body, encoding="utf-8")
    return out_path


def _execute_and_render(nb_path: str, out_dir: str, parameters: dict | None = None,
                        out_name: str | None = None) -> tuple[str, float]:
    import nbformat
    from nbclient import NotebookClient

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
    out = render_notebook(nb, Path(out_dir) / f"{name}.html", resources={"metadata": {"name": name}})
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
             ("30-your-own-data", {"locality": "Na Mèo"}, "30-your-own-data-na-meo"),
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
    print(f"edustats: building {len(todo)} briefing(s) with {jobs} worker(s) → {out_dir}", flush=True)
    results = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_execute_and_render, str(NOTEBOOKS_DIR / f"{nb}.ipynb"), str(out_dir), params, name): name
                   for nb, params, name in todo}
        for fut in as_completed(futures):
            path, secs = fut.result()
            results.append(Path(path))
            print(f"  [{len(results)}/{len(todo)}] {Path(path).name} ({secs:.1f} s)", flush=True)
    print(f"edustats: {len(results)} briefing(s) in {time.perf_counter() - t0:.1f} s", flush=True)
    return sorted(results)


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


def build_own_briefing(locality: str, observations, targets=None, lang: str = "vi", out=None) -> Path:
    """Render the "your own data" briefing for one locality to a single offline HTML file.

    ``observations`` and ``targets`` are file paths (CSV or Excel; targets default to the curated
    ``data/targets.csv``). Returns the path of the HTML written (default ``reports/30-<locality>.html``).
    """
    import unicodedata

    obs = Path(observations).resolve()
    tg = Path(targets).resolve() if targets else (ROOT / "data" / "targets.csv")
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", locality).encode("ascii", "ignore").decode().lower()).strip("-")
    out = Path(out) if out else REPORTS_DIR / f"30-{slug or 'locality'}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    params = {"locality": locality, "observations_file": str(obs), "targets_file": str(tg), "lang": lang}
    path, _ = _execute_and_render(str(NOTEBOOKS_DIR / "30-your-own-data.ipynb"), str(out.parent), params, out.stem)
    return Path(path)


def _register_cli(sub) -> None:
    p = sub.add_parser("briefing", help="write an offline HTML briefing for one locality from your own data",
                       description="Run the 'your own data' notebook for one locality and write one self-contained "
                                   "HTML file (opens without a connection).")
    p.add_argument("--locality", required=True, help="locality name as written in the observations file")
    p.add_argument("--observations", required=True, help="observations file (CSV or Excel)")
    p.add_argument("--targets", default=None, help="targets file (default: data/targets.csv)")
    p.add_argument("--lang", default="vi", choices=["vi", "en"])
    p.add_argument("--out", default=None, help="HTML file to write (default: reports/30-<locality>.html)")
    p.set_defaults(func=_cmd_briefing)


def _cmd_briefing(args) -> int:
    from .loaders import load_observations, load_targets

    load_observations(args.observations)  # refuse bad input before starting a kernel
    if args.targets:
        load_targets(args.targets)
    path = build_own_briefing(args.locality, args.observations, args.targets, args.lang, args.out)
    print(f"briefing written to {path}", file=sys.stderr)
    return 0
