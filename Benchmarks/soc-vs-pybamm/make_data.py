"""Simulates a DFN cell (Chen2020, LG M50 NMC811 | graphite-SiOx) in PyBaMM
through CC, rest and drive-cycle segments, and writes what `cyclerctl soc`
needs: the cell file with an OCV table learnt from a slow PyBaMM discharge
and charge, the samples CSV (positive current = charge, as cyclerd's
convention; PyBaMM's is the opposite), and PyBaMM's own SOC by Coulomb
counting against the slow discharge's capacity.

usage: make_data.py OUTDIR
"""
import sys
from pathlib import Path

import numpy as np
import pybamm

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
params = pybamm.ParameterValues("Chen2020")
V_MIN, V_MAX = 2.5, 4.2


def slow_branch(direction):
    """A C/50 discharge from full (or charge from empty) to the cut-off:
    (charge moved in A h, voltage)."""
    model = pybamm.lithium_ion.DFN()
    step = "Discharge at C/50 until 2.5 V" if direction < 0 else "Charge at C/50 until 4.2 V"
    experiment = pybamm.Experiment([step], period="60 seconds")
    sim = pybamm.Simulation(model, parameter_values=params.copy(), experiment=experiment)
    solution = sim.solve(initial_soc=1.0 if direction < 0 else 0.0)
    q = np.abs(solution["Discharge capacity [A.h]"].entries)
    v = solution["Voltage [V]"].entries
    return q, v


q_dis, v_dis = slow_branch(-1)
q_chg, v_chg = slow_branch(+1)
capacity_ah = q_dis[-1]
# SOC on the discharge's scale: 1 at the top, 0 at the 2.5 V cut-off; the
# charge branch measured from its own bottom. Averaging the two cancels the
# (small, C/50) IR drop.
soc_grid = np.linspace(0, 1, 101)
v_down = np.interp(soc_grid, (1 - q_dis / capacity_ah)[::-1], v_dis[::-1])
v_up = np.interp(soc_grid, q_chg / q_chg[-1], v_chg)
ocv = (v_down + v_up) / 2
ocv = np.maximum.accumulate(ocv + np.arange(len(ocv)) * 1e-7)

area_m2 = params["Electrode height [m]"] * params["Electrode width [m]"]
cell = [
    "# Written by Benchmarks/soc-vs-pybamm: PyBaMM's Chen2020 parameter set (LG M50),",
    "# OCV averaged from C/50 discharge and charge.",
    "name: LG M50 (PyBaMM Chen2020 DFN)",
    "type: full",
    "chemistry: [nmc811, graphite]",
    f"area: {area_m2 * 1e4:.4f} cm2",
    f"capacity: {capacity_ah * 1000:.2f} mAh",
    "reference_offset: 0 V",
    f"voltage_window: [{V_MIN} V, {V_MAX} V]",
    "ocv:",
    "  soc: [" + ", ".join(f"{x:.2f}" for x in soc_grid) + "]",
    "  voltage: [" + ", ".join(f"{x:.5f}" for x in ocv) + "]",
]
(out / "cell.yaml").write_text("\n".join(cell) + "\n")

# The test: from full, a minute at C/10, rest; CC discharge; rest; drive cycles; rest; CC charge;
# rest; drive cycles; rest. Current in A, PyBaMM sign (positive = discharge).
nominal = capacity_ah  # 1C in A
rng = np.random.default_rng(7)
segments = []


def hold(amps, seconds):
    segments.append(np.full(int(seconds), amps))


def drive(seconds, mean_c):
    """An urban-drive-like load: random pulses between 2C discharge and 1C
    regeneration, each 5-30 s, with a given mean."""
    samples = []
    while len(samples) < seconds:
        length = int(rng.integers(5, 31))
        level = rng.choice([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0])
        samples += [level] * length
    profile = np.array(samples[: int(seconds)])
    profile += mean_c - profile.mean()
    segments.append(profile * nominal)


hold(0.1 * nominal, 60)         # off the 4.2 V ceiling the start sits on
hold(0, 1800)
hold(1.0 * nominal, 1200)       # 1C discharge, 20 %
hold(0, 1800)
drive(2400, 0.45)               # ~30 % more
hold(0, 1800)
hold(-0.5 * nominal, 2400)      # C/2 charge, ~33 %
hold(0, 1800)
drive(3000, 0.5)                # ~42 %
hold(0, 3600)
# Piecewise constant: the current of second k is held over (k - 1, k], as an
# instrument's sample at k reports it; 1 ms ramps keep the solver happy.
current = np.concatenate([[0.0], np.concatenate(segments)])
t = np.arange(len(current), dtype=float)
ramp_t = np.concatenate([[0.0], np.column_stack([t[1:] - 1 + 1e-3, t[1:]]).ravel()])
ramp_i = np.concatenate([[current[1]], np.repeat(current[1:], 2)])

model = pybamm.lithium_ion.DFN()
test_params = params.copy()
test_params["Current function [A]"] = pybamm.Interpolant(ramp_t, ramp_i, pybamm.t, interpolator="linear")
sim = pybamm.Simulation(model, parameter_values=test_params)
solution = sim.solve(t_eval=[0, t[-1]], t_interp=t, initial_soc=1.0)
time = solution["Time [s]"].entries
voltage = solution["Voltage [V]"].entries
amps = solution["Current [A]"].entries
discharged = solution["Discharge capacity [A.h]"].entries
soc_true = 1 - discharged / capacity_ah

with open(out / "samples.csv", "w") as f:
    f.write("time_s,voltage_V,current_A\n")
    for k in range(len(time)):
        f.write(f"{time[k]:.1f},{voltage[k]:.6f},{-amps[k]:.6f}\n")
with open(out / "truth.csv", "w") as f:
    f.write("time_s,soc\n")
    for k in range(len(time)):
        f.write(f"{time[k]:.1f},{soc_true[k]:.6f}\n")
print(f"capacity {capacity_ah:.4f} Ah, {len(time)} samples over {time[-1] / 3600:.2f} h, "
      f"SOC {soc_true.min():.3f}-{soc_true.max():.3f}, voltage {voltage.min():.3f}-{voltage.max():.3f} V")
