"""Indicator functions: pure, vectorised, each returning numerator, denominator and rate.

One topic per module: :mod:`.access` (enrolment, intake, mobilisation), :mod:`.efficiency`
(flows, survival, transition, completion), :mod:`.teachers` (ratios, norms, qualification),
:mod:`.outcomes` (evaluation categories, malnutrition), :mod:`.universalization` (Nghị định
20/2014 levels) and :mod:`.schools` (national-standard schools); :mod:`.equity` (gender parity,
over-age pupils).
"""
from ._core import LEVEL_AGES, LEVEL_GRADES, check_table, rate_table
from .access import (adjusted_net_enrolment_rate, age_specific_enrolment_rate, gross_enrolment_ratio,
                     gross_intake_ratio, mobilisation_rate, net_enrolment_rate, net_intake_rate,
                     out_of_school_rate, two_session_share)
from .efficiency import (completion_by_age, completion_rate, effective_transition_rate, first_grade_completion_rate,
                         flow_rates, graduate_transition_rate, graduation_rate, survival_rate, within_year_rates)
from .equity import adjusted_gender_parity_index, gender_parity_index, over_age_share
from .outcomes import EVALUATION_SCALES, evaluation_shares, malnutrition_rate
from .schools import national_standard_schools
from .teachers import (TEACHER_NORMS, pupil_class_ratio, pupil_teacher_ratio, qualification_status,
                       qualified_teacher_share, teacher_norm, teacher_surplus_shortage, teachers_required)
from .teachers import (class_size_basis, classes_lower_bound, classes_per_school, nd71_status, norms_regime,
                       shortage_surplus_totals, teachers_needed_per_school)
from .universalization import UNIVERSALIZATION_CRITERIA, classify_universalization, district_universalization

__all__ = [
    "LEVEL_AGES", "LEVEL_GRADES", "check_table", "rate_table",
    "adjusted_net_enrolment_rate", "age_specific_enrolment_rate", "gross_enrolment_ratio", "gross_intake_ratio",
    "mobilisation_rate", "net_enrolment_rate", "net_intake_rate", "out_of_school_rate", "two_session_share",
    "completion_by_age", "completion_rate", "effective_transition_rate", "flow_rates", "graduate_transition_rate",
    "graduation_rate", "survival_rate", "within_year_rates", "first_grade_completion_rate",
    "EVALUATION_SCALES", "evaluation_shares", "malnutrition_rate", "national_standard_schools",
    "TEACHER_NORMS", "pupil_class_ratio", "pupil_teacher_ratio", "qualification_status", "qualified_teacher_share",
    "teacher_norm", "teacher_surplus_shortage", "teachers_required",
    "class_size_basis", "classes_lower_bound", "classes_per_school", "nd71_status", "norms_regime",
    "shortage_surplus_totals",
    "teachers_needed_per_school",
    "UNIVERSALIZATION_CRITERIA", "classify_universalization", "district_universalization",
    "adjusted_gender_parity_index", "gender_parity_index", "over_age_share",
]
