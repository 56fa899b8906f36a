"""Writes N noisy spectra with known parameters, computed by impedance.py
(an implementation independent of cyclerd's), as CSV files plus truth.json.

Parameters are drawn where a 1 MHz-0.1 Hz sweep can recover them, as the
issue defines well-posed: arc apexes inside the window and >=30x apart (the
hard end, close arcs, is included), exponents up to 0.98 (near their bound),
finite Warburg tau short enough that its capacitive end is measured
(DOMAIN.md: a finite Warburg's Z0 is rarely pinned otherwise). Whether each
parameter is identifiable at 1 % noise is judged afterwards by its Cramer-Rao
bound (compare.py). Noise is Gaussian, 1 % of |Z| on each part.
"""
import json
import math
import sys
from pathlib import Path

import warnings

import numpy as np
from impedance.models.circuits import CustomCircuit

warnings.filterwarnings("ignore", message="Simulating circuit")

CIRCUITS = [
    "R0-p(R1,CPE1)",
    "R0-p(R1,CPE1)-p(R2,CPE2)",
    "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1",
    "L0-R0-p(R1,CPE1)-p(R2,CPE2)-W1",
]


def log_uniform(rng, low, high):
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def cpe(rng, r, tau, n):
    """Q of a ZARC with time constant tau: R*Q = tau**n."""
    return [tau ** n / r, n]


def draw(rng, circuit):
    r0 = log_uniform(rng, 10, 100)
    r1 = log_uniform(rng, 50, 500)
    n1 = rng.uniform(0.8, 0.98)
    if circuit == "R0-p(R1,CPE1)":
        return [r0, r1, *cpe(rng, r1, log_uniform(rng, 1e-6, 1e-3), n1)]
    tau1 = log_uniform(rng, 1e-6, 1e-5)
    # With a finite Warburg the second arc stays >=300x faster than its tau/pi^2.
    tau2 = tau1 * log_uniform(rng, 30, 300 if circuit.endswith("Wo1") else 1000)
    r2 = log_uniform(rng, 100, 1000)
    n2 = rng.uniform(0.75, 0.95)
    arcs = [r1, *cpe(rng, r1, tau1, n1), r2, *cpe(rng, r2, tau2, n2)]
    if circuit == "R0-p(R1,CPE1)-p(R2,CPE2)":
        return [r0, *arcs]
    if circuit == "R0-p(R1,CPE1)-p(R2,CPE2)-Wo1":
        return [r0, *arcs, log_uniform(rng, 300, 1000), log_uniform(rng, 1.0, 3.0)]
    return [log_uniform(rng, 1e-7, 1e-6), r0, *arcs, log_uniform(rng, 10, 100)]


def main():
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2026)
    frequencies = np.logspace(6, -1, 71)
    truth = {}
    for k in range(count):
        circuit = CIRCUITS[k % len(CIRCUITS)]
        parameters = draw(rng, circuit)
        model = CustomCircuit(circuit, initial_guess=parameters)
        z = model.predict(frequencies, use_initial=True)
        noise = 0.01 * np.abs(z)
        z = z + noise * rng.standard_normal(z.size) + 1j * noise * rng.standard_normal(z.size)
        name = f"spectrum-{k:04d}.csv"
        with open(out / name, "w") as f:
            f.write("frequency_Hz,z_real_ohm,z_imag_ohm\n")
            for fr, zz in zip(frequencies, z):
                f.write(f"{float(fr)!r},{float(zz.real)!r},{float(zz.imag)!r}\n")
        truth[name] = {"circuit": circuit, "names": model.get_param_names()[0], "parameters": parameters}
    (out / "truth.json").write_text(json.dumps(truth))


if __name__ == "__main__":
    main()
