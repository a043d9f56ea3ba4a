"""NumPy's side of the core benchmark: np.linalg.svd(M, compute_uv=False) on the same matrices.

Usage: python3 coreNumpySvd.py <matrices.npy> <runs>. Prints one JSON line: best seconds and count.
"""
import json
import sys
import time

import numpy as np

matrices = np.load(sys.argv[1])
runs = int(sys.argv[2])
np.linalg.svd(matrices[:10000], compute_uv=False)  # warm-up
best = float("inf")
for _ in range(runs):
    start = time.perf_counter()
    np.linalg.svd(matrices, compute_uv=False)
    best = min(best, time.perf_counter() - start)
print(json.dumps({"seconds": best, "count": int(matrices.shape[0]), "numpy": np.__version__}))
