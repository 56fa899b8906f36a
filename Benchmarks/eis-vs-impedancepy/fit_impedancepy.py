"""Fits every spectrum with impedance.py 1.7.1 from the best start it can be
given: the true parameters, each perturbed by a random factor in [0.8, 1.25]
(exponents kept <= 1), with its default bounds (positive; CPE exponents in
[0, 1]) and modulus weighting, as cyclerd uses. Writes one JSON line per
spectrum with the fitted parameters (or the error) and the fit's time.
"""
import json
import math
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from impedance.models.circuits import CustomCircuit

warnings.filterwarnings("ignore")


def main():
    directory = Path(sys.argv[1])
    truth = json.loads((directory / "truth.json").read_text())
    rng = np.random.default_rng(7)
    for name, entry in truth.items():
        data = np.loadtxt(directory / name, delimiter=",", skiprows=1)
        f, z = data[:, 0], data[:, 1] + 1j * data[:, 2]
        guess = []
        for pname, value in zip(entry["names"], entry["parameters"]):
            g = value * math.exp(rng.uniform(math.log(0.8), math.log(1.25)))
            if pname.startswith("CPE") and pname.endswith("_1"):
                g = min(g, 1.0)
            guess.append(g)
        model = CustomCircuit(entry["circuit"], initial_guess=guess)
        start = time.perf_counter()
        try:
            model.fit(f, z, weight_by_modulus=True)
            result = {"file": name, "parameters": dict(zip(entry["names"], map(float, model.parameters_)))}
        except Exception as error:  # a failed fit is a result here, not a crash
            result = {"file": name, "error": str(error)}
        result["seconds"] = time.perf_counter() - start
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
