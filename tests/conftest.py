import os

import matplotlib

matplotlib.use("Agg")  # tests draw charts without a screen
os.environ.setdefault("MPLBACKEND", "Agg")
