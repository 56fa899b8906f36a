"""PyBaMM's single-particle model against the simulator's particles.

Reads what `spm-bench` wrote (parameters.json, discharges.csv), runs PyBaMM's
SPM on the same cathode (particle radius, diffusivity, OCV table, capacity,
initial state of charge) with the simulator's series resistance as a contact
resistance, and prints, per C-rate, both discharge capacities and the RMS
difference of the voltage curves over the capacity both reach.

The Li-In counter electrode is an ideal one in PyBaMM: a flat 0.62 V, fast
diffusion, ten times the cathode's capacity. Exchange currents are large on
both sides, since the simulator puts its interface resistances in the series
resistance. The OCV is the simulator's own curve, tabulated densely and
interpolated linearly; stoichiometry x = 0.1 + 0.8·(1 − SOC) keeps the
table's ends (SOC −0.1…1.1, where the simulator's curve runs steeply on)
inside PyBaMM's [0, 1].
"""
import csv
import json
import math
import sys

import numpy as np
import pybamm

work = sys.argv[1]
p = json.load(open(f"{work}/parameters.json"))
sim = {}
for row in csv.DictReader(open(f"{work}/discharges.csv")):
    sim.setdefault(float(row["rate_C"]), []).append((float(row["capacity_C"]), float(row["voltage_V"])))

F = 96485.33212
x0, span = 0.1, 0.8  # stoichiometry at SOC 1, and per unit SOC
area, thickness, fraction = p["area_m2"], p["cathode_thickness_m"], p["active_fraction"]
capacity = p["capacity_C"]
c_max = capacity / (F * fraction * thickness * area * span)
offset = p["reference_offset_V"]

soc = np.array(p["ocv_soc"])
ocv = np.array(p["ocv_V"])
sto = x0 + span * (1 - soc)
order = np.argsort(sto)
sto_table, ocv_table = sto[order], ocv[order]


def positive_ocp(x):
    return pybamm.Interpolant(sto_table, ocv_table, x, name="simulator OCV", interpolator="linear")


def negative_ocp(x):
    return offset + 0 * x


def big_exchange(c_e, c_s_surf, c_s_max, T):
    return pybamm.Scalar(1e4)


values = pybamm.ParameterValues("Chen2020")
side = math.sqrt(area)
neg_thickness = 10 * thickness
values.update({
    "Electrode width [m]": side,
    "Electrode height [m]": side,
    "Number of electrodes connected in parallel to make a cell": 1,
    "Nominal cell capacity [A.h]": capacity / 3600,
    "Positive electrode thickness [m]": thickness,
    "Positive electrode active material volume fraction": fraction,
    "Positive particle radius [m]": p["particle_radius_m"],
    "Positive particle diffusivity [m2.s-1]": p["diffusivity_m2_s"],
    "Maximum concentration in positive electrode [mol.m-3]": c_max,
    "Initial concentration in positive electrode [mol.m-3]": c_max * (x0 + span * (1 - p["initial_soc"])),
    "Positive electrode OCP [V]": positive_ocp,
    "Positive electrode OCP entropic change [V.K-1]": 0,
    "Positive electrode exchange-current density [A.m-2]": big_exchange,
    "Negative electrode thickness [m]": neg_thickness,
    "Negative electrode active material volume fraction": fraction,
    "Negative particle radius [m]": 1e-7,
    "Negative particle diffusivity [m2.s-1]": 1e-12,
    "Maximum concentration in negative electrode [mol.m-3]": c_max,
    "Initial concentration in negative electrode [mol.m-3]": 0.5 * c_max,
    "Negative electrode OCP [V]": negative_ocp,
    "Negative electrode OCP entropic change [V.K-1]": 0,
    "Negative electrode exchange-current density [A.m-2]": big_exchange,
    "Contact resistance [Ohm]": p["series_resistance_ohm"],
    "Lower voltage cut-off [V]": p["lower_cutoff_V"] - 0.5,
    "Upper voltage cut-off [V]": 5.0,
    "Open-circuit voltage at 0% SOC [V]": p["lower_cutoff_V"] - 0.5,
    "Open-circuit voltage at 100% SOC [V]": 5.0,
    "Ambient temperature [K]": p["temperature_K"],
    "Initial temperature [K]": p["temperature_K"],
    "Reference temperature [K]": p["temperature_K"],
}, check_already_exists=False)

model = pybamm.lithium_ion.SPM({"contact resistance": "true"})
var_pts = {"x_n": 5, "x_s": 5, "x_p": 5, "r_n": 10, "r_p": 60}
cutoff = p["lower_cutoff_V"]

print(f"NMC811 | Li6PS5Cl | Li-In at {p['temperature_K'] - 273.15:.0f} °C: R = {p['particle_radius_m'] * 1e6:.1f} µm, "
      f"D = {p['diffusivity_m2_s']:.1e} m²/s, Q = {capacity / 3.6:.3f} mAh, series R = {p['series_resistance_ohm']:.1f} Ω")
print(f"{'rate':>6} {'simulator':>12} {'PyBaMM SPM':>12} {'Δ of nominal':>13} {'V RMS':>9} {'V max':>9}")
worst_q, worst_v = 0.0, 0.0
for rate in p["rates_C"]:
    current = rate * capacity / 3600
    experiment = pybamm.Experiment([f"Discharge at {current} A until {cutoff} V"], period=f"{max(1, round(0.5 / rate))} seconds")
    solution = pybamm.Simulation(model, parameter_values=values, experiment=experiment, var_pts=var_pts,
                                 solver=pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-8)).solve()
    q_pb = solution["Discharge capacity [A.h]"].entries * 3600
    v_pb = solution["Voltage [V]"].entries
    curve = sim[rate]
    q_sim = curve[-1][0]
    # The simulator's last row is the first at or below the cut-off: interpolate its crossing.
    (qa, va), (qb, vb) = curve[-2], curve[-1]
    q_sim = qa + (qb - qa) * (va - cutoff) / (va - vb) if va != vb else qb
    q_end = q_pb[-1]
    common = [(q, v) for q, v in curve if q <= min(q_sim, q_end)]
    diffs = np.array([v - np.interp(q, q_pb, v_pb) for q, v in common])
    rms = math.sqrt(float(np.mean(diffs ** 2)))
    dq = (q_sim - q_end) / capacity
    worst_q, worst_v = max(worst_q, abs(dq)), max(worst_v, rms)
    label = f"C/{round(1 / rate)}" if rate < 1 else f"{rate:g}C"
    print(f"{label:>6} {q_sim / 3.6:9.3f} mAh {q_end / 3.6:9.3f} mAh {100 * dq:+12.2f} % {1000 * rms:6.1f} mV "
          f"{1000 * float(np.max(np.abs(diffs))):6.1f} mV")
verdict = "meets" if worst_q < 0.03 and worst_v < 0.020 else "misses"
print(f"worst: capacity {100 * worst_q:.2f} % of nominal (goal < 3 %), voltage {1000 * worst_v:.1f} mV RMS (goal < 20 mV): {verdict} the goals")
