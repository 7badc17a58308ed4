"""edustats: Vietnamese education targets as data, indicators the official way, and briefings.

Quick start::

    import edustats as es
    targets = es.load_targets()                      # every target and baseline, with quotes
    es.scorecard(targets, source="000_77c0261806063d0e.txt")
    es.indicator_catalogue()                         # formulas and sources
"""
import warnings as _warnings

# pandera imports pyspark.pandas when PySpark is installed (the optional Spark engine), and PySpark
# then warns about the pandas version; edustats never uses pandas-on-Spark, so that warning is noise
_warnings.filterwarnings("ignore", message=".*does not yet fully support pandas.*", category=FutureWarning)

from . import indicators  # noqa: E402
from .annual import annual_verdicts
from .assess import assess, assess_series, required_path, verdict_notes
from .catalogue import indicator_catalogue, indicator_info
from .consistency import check_documents, grim_denominators
from .extract import extract_targets
from .reconcile import reconcile
from .scenarios import (EnrolmentScenario, TeacherScenario, compare_scenarios, project_enrolment,
                        project_teacher_qualification)
from .indicators import *  # noqa: F401,F403  (every indicator function at top level)
from .errors import DataError
from .loaders import (data_path, load_commitments, load_observations, load_sources, load_targets,
                      read_table)
from .scorecard import scorecard
from .vnformat import (format_count, format_number, format_percent, format_rate_with_counts,
                       format_ratio, parse_vn_number)

from .external import load_context, load_gso  # real public data (issue #12)
from .admin2025 import successor_units, to_2025_units
from .due import apply_due_status
from .province import data_coverage, province_ranking, province_section

__version__ = "0.1.0"

__all__ = indicators.__all__ + [
    "indicators",
    "assess",
    "assess_series",
    "verdict_notes",
    "annual_verdicts",
    "check_documents",
    "extract_targets",
    "grim_denominators",
    "reconcile",
    "required_path",
    "EnrolmentScenario",
    "TeacherScenario",
    "compare_scenarios",
    "project_enrolment",
    "project_teacher_qualification",
    "DataError",
    "data_path",
    "format_count",
    "format_number",
    "format_percent",
    "format_rate_with_counts",
    "format_ratio",
    "indicator_catalogue",
    "indicator_info",
    "load_commitments",
    "load_observations",
    "load_sources",
    "load_targets",
    "parse_vn_number",
    "read_table",
    "scorecard",
    # issue #12: real data, the 2025 map, due targets, the province behind each document
    "load_gso",
    "load_context",
    "to_2025_units",
    "successor_units",
    "apply_due_status",
    "province_section",
    "province_ranking",
    "data_coverage",
]
