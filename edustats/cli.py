"""The ``edustats`` command line.

``edustats targets`` prints the curated targets; later subcommands (``assess``, ``reconcile``,
``extract``) register themselves here. Errors in input files print the DataError message (every
bad cell) and exit with status 2, without a traceback.
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from .errors import DataError

__all__ = ["main", "build_parser"]


def _print_table(df: pd.DataFrame, out=None) -> None:
    out = out or sys.stdout
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.max_colwidth", 70):
        print(df.to_string(index=False), file=out)


def _cmd_targets(args) -> int:
    from .loaders import load_targets
    from .scorecard import scorecard

    targets = load_targets(args.file)
    sc = scorecard(targets, source=args.source, level=args.level, kind=args.kind)
    if sc.empty:
        print("no targets match", file=sys.stderr)
        return 1
    _print_table(sc.drop(columns=["indicator"]) if not args.codes else sc)
    print(f"\n{len(sc)} rows", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edustats",
        description="Targets and baselines of Vietnamese education resolutions as data; "
                    "indicators computed the official way.",
    )
    parser.add_argument("--version", action="version", version=f"edustats {__import__('edustats').__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("targets", help="print targets and baselines as a readable table",
                       description="Print the targets and baselines (default: data/targets.csv).")
    p.add_argument("--file", default=None, help="a targets CSV/Excel file (default: the curated data/targets.csv)")
    p.add_argument("--source", help="only this document (file name, e.g. 000_77c0261806063d0e.txt)")
    p.add_argument("--level", help="only this level (preschool, primary, lower-secondary, …)")
    p.add_argument("--kind", choices=["target", "baseline"], help="only targets or only baselines")
    p.add_argument("--codes", action="store_true", help="show the indicator codes too")
    p.set_defaults(func=_cmd_targets)

    for register in _registry():
        register(sub)
    return parser


def _registry():
    # subcommands live beside their logic; imported lazily so `edustats --help` stays quick
    from .assess import _register_cli as assess_cli
    from .build import _register_cli as briefing_cli
    from .extract import _register_cli as extract_cli
    from .levels import _register_cli as levels_cli
    from .reconcile import _register_cli as reconcile_cli

    return [extract_cli, assess_cli, reconcile_cli, briefing_cli, levels_cli]


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except DataError as exc:
        print(f"edustats {args.command}: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"edustats {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
