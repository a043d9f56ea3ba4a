"""Writes the example logs added in issue 7 (run once at authoring time; the product never needs Python).

    python3 examples/make_examples.py        # needs numpy; rewrites the files below, byte for byte

Every file holds the raw 3x3 (9D) or 6D outputs of a simulated training run: a fixed batch of
rotations R_b, predicted as M = scale_t R_b + sigma_t N with sigma_t falling from 0.9 to 0.03 and
scale_t rising from 0.5 to 1, so early steps have near-singular and det < 0 matrices, late ones are
close to SO(3). The older examples (run.jsonl, run.csv, printed.log, pred_9d_f32.npy, pred_6d.npy,
run.npz) were written by the fixture generator and are not touched here.
"""

import csv
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def random_rotations(rng, n):
    q = rng.standard_normal((n, 4))
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    w, x, y, z = q.T
    return np.stack(
        [
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
        ],
        axis=1,
    ).reshape(n, 3, 3)


def simulated_run(seed, steps, batch, every):
    """(step numbers, losses, predictions of shape (T, B, 3, 3), targets (B, 3, 3))."""
    rng = np.random.default_rng(seed)
    targets = random_rotations(rng, batch)
    step_numbers = np.arange(steps) * every
    progress = np.linspace(0, 1, steps)
    sigma = 0.9 * (0.03 / 0.9) ** progress
    scale = 0.5 + 0.5 * progress
    noise = rng.standard_normal((steps, batch, 3, 3))
    preds = scale[:, None, None, None] * targets[None] + sigma[:, None, None, None] * noise
    losses = ((preds - targets[None]) ** 2).sum(axis=(2, 3)).mean(axis=1)
    return step_numbers, losses, preds, targets


def write_json_array(path):
    steps, losses, preds, _ = simulated_run(seed=21, steps=20, batch=8, every=100)
    records = [
        {"step": int(s), "loss": float(l), "pred": p.tolist()} for s, l, p in zip(steps, losses, preds)
    ]
    with open(path, "w") as f:
        json.dump(records, f, indent=1)
        f.write("\n")


def write_tsv(path):
    steps, _, preds, _ = simulated_run(seed=22, steps=20, batch=8, every=250)
    names = [f"r{i}{j}" for i in range(1, 4) for j in range(1, 4)]
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["global_step", "sample"] + names)
        for s, batch in zip(steps, preds):
            for b, m in enumerate(batch.reshape(-1, 9)):
                writer.writerow([int(s), b] + [repr(float(x)) for x in m])


def write_6d_jsonl(path):
    steps, losses, preds, _ = simulated_run(seed=23, steps=20, batch=8, every=100)
    with open(path, "w") as f:
        for s, l, p in zip(steps, losses, preds):
            # 6D: the first two columns of the raw output, a1 then a2 (Zhou et al. 2019's convention).
            six = np.concatenate([p[:, :, 0], p[:, :, 1]], axis=1)
            f.write(json.dumps({"step": int(s), "loss": float(l), "pred_6d": six.tolist()}) + "\n")


def torch_str(a, suffix=", device='cuda:0', grad_fn=<ViewBackward0>)"):
    """str(tensor) as PyTorch 2.x prints a float32 (B, 3, 3) tensor with default print options."""
    a = np.asarray(a, dtype=np.float32)
    finite = np.abs(a[np.isfinite(a)])
    nonzero = finite[finite != 0]
    sci = nonzero.size > 0 and (nonzero.max() / nonzero.min() > 1000 or nonzero.max() > 1e8 or nonzero.min() < 1e-4)
    fmt = "{:.4e}" if sci else "{:.4f}"
    cells = [fmt.format(float(x)) for x in a.ravel()]
    width = max(len(c) for c in cells)
    cells = np.array([c.rjust(width) for c in cells]).reshape(a.shape)
    indent = len("tensor(")
    blocks = []
    for m in cells:
        rows = ["[" + ", ".join(row) + "]" for row in m]
        blocks.append("[" + (",\n" + " " * (indent + 2)).join(rows) + "]")
    return "tensor([" + (",\n\n" + " " * (indent + 1)).join(blocks) + "]" + suffix


def write_torch_log(path):
    steps, losses, preds, _ = simulated_run(seed=24, steps=12, batch=4, every=500)
    with open(path, "w") as f:
        f.write("Epoch 1/3  lr=0.001  batch=64  model=ResNet18Rot\n")
        for s, l, p in zip(steps, losses, preds):
            f.write(f"epoch {s // 2000} step {s} | loss {l:.4f}\n")
            f.write("pred (raw, before SVD):\n" + torch_str(p) + "\n")


def main():
    write_json_array(os.path.join(HERE, "records.json"))
    write_tsv(os.path.join(HERE, "steps.tsv"))
    write_6d_jsonl(os.path.join(HERE, "pred_6d.jsonl"))
    write_torch_log(os.path.join(HERE, "printed_torch.log"))


if __name__ == "__main__":
    main()
