"""The program a user would otherwise write: load the logged predictions, np.linalg.svd, kappa,
per-step median / p95 / max. Usage: engine_numpy.py npy|jsonl PATH. Prints one JSON line with the
seconds spent (interpreter start-up excluded) and a checksum the TypeScript bench compares."""
import json
import sys
import time

import numpy as np


def per_step_kappa(pred):
    """pred: (T, B, 3, 3) float64 -> per-step median, p95 and max of the SVD projection's kappa."""
    s = np.linalg.svd(pred, compute_uv=False)
    d = np.sign(np.linalg.det(pred))
    d[d == 0] = 1
    denominator = s[..., 1] + d * s[..., 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = (s[..., 0] + s[..., 1]) / denominator
    kappa[denominator <= 0] = np.inf
    return np.median(kappa, axis=1), np.percentile(kappa, 95, axis=1), kappa.max(axis=1)


def load_npy(path):
    return np.load(path).astype(np.float64)


def load_jsonl(path):
    preds = []
    steps = []
    with open(path) as f:
        for line in f:
            record = json.loads(line)
            steps.append(record["step"])
            preds.append(record["pred"])
    return np.array(preds, dtype=np.float64)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    cpu_start = time.process_time()
    pred = load_npy(path) if kind == "npy" else load_jsonl(path)
    loaded = time.perf_counter()
    median, p95, largest = per_step_kappa(pred)
    done = time.perf_counter()
    cpu = time.process_time() - cpu_start
    kernel = None
    try:
        from threadpoolctl import threadpool_info

        kernel = [(info.get("internal_api"), info.get("architecture")) for info in threadpool_info()]
    except ImportError:
        # Without threadpoolctl, the BLAS NumPy was built with (the kernel is chosen at run time).
        blas = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
        kernel = blas.get("openblas configuration") or blas.get("name")
    print(
        json.dumps(
            {
                "seconds": done - start,
                "cpuSeconds": cpu,
                "loadSeconds": loaded - start,
                "steps": int(pred.shape[0]),
                "matrices": int(pred.shape[0] * pred.shape[1]),
                "medianOfStepMedians": float(np.median(median)),
                "maxOfStepP95": float(np.max(p95)),
                "kernel": kernel,
            }
        )
    )


if __name__ == "__main__":
    main()
