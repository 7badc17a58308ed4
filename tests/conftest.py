import matplotlib
from hypothesis import settings

matplotlib.use("Agg")  # the test process draws charts without a screen; briefing kernels stay inline

# property tests explore the same examples on every run: a failure is reproducible, never flaky
settings.register_profile("edustats", derandomize=True, deadline=None)
settings.load_profile("edustats")
