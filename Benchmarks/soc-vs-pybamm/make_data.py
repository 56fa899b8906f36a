"""Simulates a DFN cell (Chen2020, LG M50 NMC811 | graphite-SiOx) in PyBaMM
and writes what `cyclerctl soc` would get from a lab that had never seen it:
a cell file with the datasheet (nominal) capacity and the pseudo-OCV of one
slow (C/50) discharge, nothing about resistances; and the samples of a run
that starts at full charge directly into a C/2 discharge, then rests, drive
cycles and a C/2 charge. Two sample files: clean, and as a real channel
reads them (1 mV Gaussian voltage noise, a current offset of 0.5 % of 1C).
Current is positive on charge, as cyclerd's convention (PyBaMM's is the
opposite). The truth is PyBaMM's own SOC: Coulomb counting against the
slow discharge's capacity.

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

# The pseudo-OCV: one C/50 discharge from full, as a lab would record it
# (its IR and diffusion drops stay in it).
model = pybamm.lithium_ion.DFN()
experiment = pybamm.Experiment([f"Discharge at C/50 until {V_MIN} V"], period="60 seconds")
slow = pybamm.Simulation(model, parameter_values=params.copy(), experiment=experiment).solve(initial_soc=1.0)
q = np.abs(slow["Discharge capacity [A.h]"].entries)
v = slow["Voltage [V]"].entries
capacity_ah = q[-1]
nominal_ah = params["Nominal cell capacity [A.h]"]
soc_grid = np.linspace(0, 1, 101)
ocv = np.interp(soc_grid, (1 - q / capacity_ah)[::-1], v[::-1])
ocv = np.maximum.accumulate(ocv + np.arange(len(ocv)) * 1e-7)

cell = [
    "# Written by Benchmarks/soc-vs-pybamm: PyBaMM's Chen2020 parameter set (LG M50).",
    "# Datasheet capacity and the pseudo-OCV of a C/50 discharge; no resistances.",
    "name: LG M50 (PyBaMM Chen2020 DFN)",
    "type: full",
    "chemistry: [nmc811, graphite]",
    f"capacity: {nominal_ah * 1000:.0f} mAh",
    f"voltage_window: [{V_MIN} V, {V_MAX} V]",
    "ocv:",
    "  soc: [" + ", ".join(f"{x:.2f}" for x in soc_grid) + "]",
    "  voltage: [" + ", ".join(f"{x:.5f}" for x in ocv) + "]",
]
(out / "cell.yaml").write_text("\n".join(cell) + "\n")

# The run, current in A with PyBaMM's sign (positive = discharge).
one_c = nominal_ah
rng = np.random.default_rng(14)
segments = []


def hold(c_rate, seconds):
    segments.append(np.full(int(seconds), c_rate * one_c))


def drive(seconds, mean_c):
    """An urban-drive-like load: pulses between 2C discharge and 1C
    regeneration, each 5-30 s, shifted to a given mean."""
    samples = []
    while len(samples) < seconds:
        samples += [rng.choice([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0])] * int(rng.integers(5, 31))
    profile = np.array(samples[: int(seconds)])
    segments.append((profile + mean_c - profile.mean()) * one_c)


hold(0.5, 2400)      # from full straight into C/2: 33 %
hold(0, 1800)
drive(1800, 0.4)     # 20 %
hold(0, 1800)
hold(-0.5, 2400)     # C/2 charge: 33 %
hold(0, 1800)
drive(2400, 0.5)     # 33 %
hold(0, 1800)
drive(1200, 0.6)     # 20 %
hold(0, 3600)
# The current of second k is held over (k - 1, k], as an instrument's sample
# at k reports it, so the first sample is already under load; 1 ms ramps
# keep the solver happy.
current = np.concatenate([[segments[0][0]], np.concatenate(segments)])
t = np.arange(len(current), dtype=float)
ramp_t = np.concatenate([[0.0], np.column_stack([t[1:] - 1 + 1e-3, t[1:]]).ravel()])
ramp_i = np.concatenate([[current[1]], np.repeat(current[1:], 2)])

test_params = params.copy()
test_params["Current function [A]"] = pybamm.Interpolant(ramp_t, ramp_i, pybamm.t, interpolator="linear")
sim = pybamm.Simulation(pybamm.lithium_ion.DFN(), parameter_values=test_params)
solution = sim.solve(t_eval=[0, t[-1]], t_interp=t, initial_soc=1.0)
time = solution["Time [s]"].entries
voltage = solution["Voltage [V]"].entries
amps = -solution["Current [A]"].entries
soc_true = 1 - solution["Discharge capacity [A.h]"].entries / capacity_ah


def write(name, volts, currents):
    with open(out / name, "w") as f:
        f.write("time_s,voltage_V,current_A\n")
        for k in range(len(time)):
            f.write(f"{time[k]:.1f},{volts[k]:.6f},{currents[k]:.6f}\n")


write("samples.csv", voltage, amps)
write("samples-noisy.csv", voltage + 1e-3 * rng.standard_normal(len(voltage)), amps + 0.005 * one_c)
with open(out / "truth.csv", "w") as f:
    f.write("time_s,soc\n")
    for k in range(len(time)):
        f.write(f"{time[k]:.1f},{soc_true[k]:.6f}\n")
print(f"nominal {nominal_ah:.3f} Ah, C/50 discharge {capacity_ah:.4f} Ah; {len(time)} samples over {time[-1] / 3600:.2f} h, "
      f"SOC {soc_true.min():.3f}-{soc_true.max():.3f}, voltage {voltage.min():.3f}-{voltage.max():.3f} V")
