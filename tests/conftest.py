import matplotlib

matplotlib.use("Agg")  # the test process draws charts without a screen; briefing kernels stay inline
