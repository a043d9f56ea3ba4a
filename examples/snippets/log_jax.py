"""Logging rotation predictions from JAX for SO3 Lens: one three-line snippet per format.

`pred` is the raw network output before any orthogonalization, an array of shape (B, 3, 3) (9D) or
(B, 6) (6D: a1 then a2). Log outside `jit` (or fetch with `jax.device_get`); inside a jitted step use
`jax.debug.callback(log_jsonl, step, loss, pred)`. Then `so3lens analyze FILE`, or open FILE in
VS Code. `python3 log_jax.py OUT_DIR` writes every format from a made-up run.
"""
import csv
import json

import jax
import jax.numpy as jnp
import numpy as np


def log_jsonl(step, loss, pred, path="run.jsonl"):  # JSONL: one record per logged step
    with open(path, "a") as f:
        f.write(json.dumps({"step": int(step), "loss": float(loss), "pred": np.asarray(jax.device_get(pred)).tolist()}) + "\n")


def log_json(records, step, pred, path="run.json"):  # JSON array: collect, write once at the end
    records.append({"step": int(step), "pred": np.asarray(jax.device_get(pred)).tolist()})
    with open(path, "w") as f:
        json.dump(records, f)


CSV_HEADER = ["step", "sample"] + [f"m{i}{j}" for i in range(3) for j in range(3)]


def log_csv(step, pred, path="run.csv", delimiter=","):  # CSV (TSV: delimiter="\t"): a row per matrix
    with open(path, "a", newline="") as f:
        rows = [[int(step), b, *m] for b, m in enumerate(np.asarray(pred).reshape(-1, 9).tolist())]
        csv.writer(f, delimiter=delimiter).writerows(([CSV_HEADER] if f.tell() == 0 else []) + rows)


def save_npy(preds, path="pred.npy"):  # .npy: preds is a list of logged batches -> (T, B, 3, 3)
    np.save(path, np.asarray(jnp.stack(preds), dtype=np.float32))


def save_npz(preds, steps, path="run.npz"):  # .npz: the predictions and their step numbers
    np.savez_compressed(path, pred=np.asarray(jnp.stack(preds)), step=np.asarray(steps))


def log_text(step, loss, pred, path="train.log"):  # text log: print the array (big batches: np.set_printoptions(threshold=10**6))
    with open(path, "a") as f:
        print(f"step {int(step)} loss {float(loss):.4f}", np.asarray(pred), sep="\n", file=f)


def log_jsonl_6d(step, loss, pred6, path="run_6d.jsonl"):  # 6D: shape (B, 6), a1 then a2
    with open(path, "a") as f:
        f.write(json.dumps({"step": int(step), "loss": float(loss), "pred": np.asarray(pred6).reshape(-1, 6).tolist()}) + "\n")


if __name__ == "__main__":
    import os
    import sys

    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    key = jax.random.PRNGKey(0)
    records, preds, steps = [], [], []
    for step in range(0, 1000, 100):
        key, sub = jax.random.split(key)
        pred = jnp.eye(3) + (1 - step / 1000) * jax.random.normal(sub, (8, 3, 3))
        loss = ((pred - jnp.eye(3)) ** 2).sum(axis=(1, 2)).mean()
        log_jsonl(step, loss, pred, p("run.jsonl"))
        log_json(records, step, pred, p("run.json"))
        log_csv(step, pred, p("run.csv"))
        log_csv(step, pred, p("run.tsv"), delimiter="\t")
        log_text(step, loss, pred, p("train.log"))
        log_jsonl_6d(step, loss, jnp.concatenate([pred[:, :, 0], pred[:, :, 1]], axis=1), p("run_6d.jsonl"))
        preds.append(pred)
        steps.append(step)
    save_npy(preds, p("pred.npy"))
    save_npz(preds, steps, p("run.npz"))
