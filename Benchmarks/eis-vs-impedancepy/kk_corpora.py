"""The lin-KK corpora of issue 14, drawn independently of cyclerd with
impedance.py: KK-valid spectra of its circuits with 1 % proportional noise,
and spectra whose resistance (a series or an arc resistance, or a finite
Warburg's Z0) grows 15-40 % over the sweep, with 0.2 % noise. A sweep spends
a few periods per point, so most of its time, and its drift, falls on the
lowest frequencies.

usage: kk_corpora.py generate N OUTDIR
       kk_corpora.py score OUTDIR CYCLERCTL.jsonl
"""
import contextlib
import io
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
from impedance.models.circuits import CustomCircuit
from impedance.validation import linKK

warnings.filterwarnings("ignore")
# impedance.py 1.7.1's linKK evaluates a string built from numpy scalars,
# which numpy 2 prints as np.float64(...); print them as numpy 1 did.
np.set_printoptions(legacy="1.25")
FREQUENCIES = np.logspace(6, -1, 71)
TEMPLATES = [  # circuit, indices of the resistances that may drift
    ("R0-p(R1,C1)", [0, 1]),
    ("R0-p(R1,CPE1)", [0, 1]),
    ("R0-p(R1,CPE1)-p(R2,CPE2)", [0, 1, 4]),
    ("R0-p(R1,CPE1)-W1", [0, 1]),
    ("R0-p(R1,CPE1)-p(R2,CPE2)-Wo1", [0, 1, 4, 7]),
    ("L0-R0-p(R1,CPE1)-p(R2,CPE2)-W1", [1, 2, 5]),
]


def log_uniform(rng, low, high):
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def draw(rng, circuit):
    r0, r1, n1 = log_uniform(rng, 10, 100), log_uniform(rng, 50, 500), rng.uniform(0.8, 0.95)
    tau1 = log_uniform(rng, 1e-6, 1e-5)
    arc1 = [r1, tau1 ** n1 / r1, n1]
    r2, n2 = log_uniform(rng, 100, 1000), rng.uniform(0.75, 0.9)
    arc2 = [r2, (tau1 * log_uniform(rng, 100, 300)) ** n2 / r2, n2]
    if circuit == "R0-p(R1,C1)":
        return [r0, r1, log_uniform(rng, 1e-6, 1e-2) / r1]
    if circuit == "R0-p(R1,CPE1)":
        return [r0, r1, log_uniform(rng, 1e-6, 1e-2) ** n1 / r1, n1]
    if circuit == "R0-p(R1,CPE1)-p(R2,CPE2)":
        return [r0, *arc1, *arc2]
    if circuit == "R0-p(R1,CPE1)-W1":
        return [r0, *arc1, log_uniform(rng, 10, 300)]
    if circuit == "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1":
        return [r0, *arc1, *arc2, log_uniform(rng, 300, 1000), log_uniform(rng, 1, 3)]
    return [log_uniform(rng, 1e-7, 1e-6), r0, *arc1, *arc2, log_uniform(rng, 10, 100)]


def generate(count, out):
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1414)
    elapsed = np.cumsum(6 / FREQUENCIES)
    labels = {}
    for corpus, noise in [("valid", 0.01), ("drifting", 0.002)]:
        for k in range(count):
            circuit, resistances = TEMPLATES[k % len(TEMPLATES)]
            truth = draw(rng, circuit)
            model = CustomCircuit(circuit, initial_guess=truth)
            if corpus == "valid":
                z = model.predict(FREQUENCIES, use_initial=True)
                label = circuit
            else:
                index = resistances[int(rng.integers(len(resistances)))]
                growth = rng.uniform(0.15, 0.40)
                z = np.empty(len(FREQUENCIES), dtype=complex)
                for point, f in enumerate(FREQUENCIES):
                    p = list(truth)
                    p[index] *= 1 + growth * elapsed[point] / elapsed[-1]
                    model.initial_guess = p
                    z[point] = model.predict(np.array([f]), use_initial=True)[0]
                label = f"{circuit} {model.get_param_names()[0][index]}"
            z = z + noise * np.abs(z) * (rng.standard_normal(z.size) + 1j * rng.standard_normal(z.size))
            name = f"{corpus}-{k:04d}.csv"
            with open(out / name, "w") as handle:
                handle.write("frequency_Hz,z_real_ohm,z_imag_ohm\n")
                for f, value in zip(FREQUENCIES, z):
                    handle.write(f"{float(f)!r},{float(value.real)!r},{float(value.imag)!r}\n")
            labels[name] = label
    (out / "labels.json").write_text(json.dumps(labels))


def score(out, results_path):
    labels = json.loads((out / "labels.json").read_text())
    results = {Path(r["file"]).name: r for r in map(json.loads, Path(results_path).read_text().splitlines())}
    for corpus, verb in [("valid", "passes"), ("drifting", "fails")]:
        names = sorted(n for n in labels if n.startswith(corpus))
        wanted = sum((results[n]["kk"]["passed"] if verb == "passes" else not results[n]["kk"]["passed"]) for n in names)
        noise = sorted(results[n]["kk"]["noise_level"] for n in names)
        # impedance.py's own lin-KK (complex fit, c = 0.85) and the fixed 1 % rule the old verdict used.
        fixed = 0
        for n in names:
            data = np.loadtxt(out / n, delimiter=",", skiprows=1)
            with contextlib.redirect_stdout(io.StringIO()):  # it prints M and mu as it searches
                _, _, _, real, imag = linKK(data[:, 0], data[:, 1] + 1j * data[:, 2], c=0.85, max_M=50, fit_type="complex")
            fixed += max(np.max(np.abs(real)), np.max(np.abs(imag))) > 0.01
        print(f"{corpus:9} {len(names):4d} spectra: cyclerctl {verb} {wanted:4d} ({100 * wanted / len(names):5.1f} %), "
              f"median noise estimate {100 * noise[len(noise) // 2]:.2f} %; "
              f"impedance.py linKK residual > 1 % on {fixed} ({100 * fixed / len(names):.1f} %)")
        if corpus == "drifting":
            by_label = {}
            for n in names:
                failed = not results[n]["kk"]["passed"]
                hit, total = by_label.get(labels[n], (0, 0))
                by_label[labels[n]] = (hit + failed, total + 1)
            for label, (hit, total) in sorted(by_label.items()):
                print(f"    drifting {label:40} fails {hit:3d}/{total}")


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]), Path(sys.argv[3]))
    else:
        score(Path(sys.argv[2]), sys.argv[3])
