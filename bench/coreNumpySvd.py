"""NumPy's side of the core benchmark: np.linalg.svd(M, compute_uv=False) on the same matrices.

Usage: python3 coreNumpySvd.py <matrices.npy> <runs>. Prints one JSON line: best wall and CPU seconds,
and the count.
"""
import json
import sys
import time

import numpy as np

matrices = np.load(sys.argv[1])
runs = int(sys.argv[2])
np.linalg.svd(matrices[:10000], compute_uv=False)  # warm-up
best = float("inf")
best_cpu = float("inf")
for _ in range(runs):
    start, start_cpu = time.perf_counter(), time.process_time()
    np.linalg.svd(matrices, compute_uv=False)
    best = min(best, time.perf_counter() - start)
    best_cpu = min(best_cpu, time.process_time() - start_cpu)
print(json.dumps({"seconds": best, "cpuSeconds": best_cpu, "count": int(matrices.shape[0]), "numpy": np.__version__}))
