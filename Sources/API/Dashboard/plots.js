// The channel page's job plots. Each is computed on the server from the
// job's full-rate samples and thinned there (a browser that integrated
// decimated points would get capacities wrong): V against capacity per
// cycle, capacity retention and Coulombic efficiency, the newest spectrum
// with its fit and lin-KK verdict, and the live model's resistances (Ω cm²)
// and stack pressure. Uses app.js's getJSON, element, fixed and state.
"use strict";

const palette = ["#1f6fb2", "#d9822b", "#2e7d32", "#6a3d9a", "#b3261e", "#8c6d1f"];
const axis = (text, extra = {}) => Object.assign({ type: "linear", title: { display: true, text } }, extra);

// Draws into state.charts[key], creating the chart once and then only replacing its data.
function plot(key, datasets, scales, type = "scatter") {
  const chart = state.charts[key];
  if (chart) {
    chart.data.datasets = datasets;
    chart.options.scales = scales;
    chart.update();
    return chart;
  }
  state.charts[key] = new Chart(document.getElementById(key), {
    type, data: { datasets },
    options: { animation: false, parsing: false, maintainAspectRatio: false, scales,
               elements: { point: { radius: 2 } }, plugins: { legend: { display: datasets.length > 1 } } },
  });
  return state.charts[key];
}

const line = (label, data, colour, extra = {}) =>
  Object.assign({ label, data, showLine: true, borderColor: colour, backgroundColor: colour, borderWidth: 1.5, pointRadius: 0 }, extra);

// Cycles that moved charge (a job's opening rest is cycle 0 and moves none).
async function chargedCycles(job) {
  return (await getJSON(`/v1/jobs/${job}/cycles`)).filter((c) => c.charge_mAh > 1e-3 || c.discharge_mAh > 1e-3);
}

// Retention is against the first cycle that both charged and discharged; a
// running job's newest cycle is drawn hollow, since it is still under way.
function renderRetention(cycles, running) {
  const hollow = (data, colour) => data.map((p) => running && p.x === cycles[cycles.length - 1].cycle ? "#fff" : colour);
  const first = cycles.find((c) => c.charge_mAh > 1e-3 && c.discharge_mAh > 1e-3);
  const retention = first ? cycles.map((c) => ({ x: c.cycle, y: 100 * c.discharge_mAh / first.discharge_mAh })) : [];
  const efficiency = cycles.filter((c) => c.coulombic_efficiency_percent != null).map((c) => ({ x: c.cycle, y: c.coulombic_efficiency_percent }));
  plot("cycles", [
    line(first ? `retention / % of cycle ${first.cycle}` : "retention / %", retention, palette[0],
         { pointRadius: 3, yAxisID: "retention", pointBackgroundColor: hollow(retention, palette[0]) }),
    line("Coulombic efficiency / %", efficiency, palette[2], { pointRadius: 3, yAxisID: "efficiency", pointBackgroundColor: hollow(efficiency, palette[2]) }),
  ], { x: axis("cycle", { ticks: { precision: 0 } }), retention: axis("retention / %", { position: "left" }),
       efficiency: axis("CE / %", { position: "right", grid: { drawOnChartArea: false } }) });
}

// The V–Q curves of the chosen cycle, or of the three newest.
async function renderCapacityCurves(job, cycles) {
  const select = document.getElementById("vq-cycle");
  const chosen = select.value;
  select.replaceChildren(element("option", { value: "recent" }, "newest 3 cycles"),
                         ...cycles.map((c) => element("option", { value: c.cycle }, `cycle ${c.cycle}`)));
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : "recent";
  const shown = select.value === "recent" ? cycles.slice(-3).map((c) => c.cycle) : [Number(select.value)];
  const curves = await Promise.all(shown.map((n) => getJSON(`/v1/jobs/${job}/cycles/${n}/curve?max_points=400`)));
  const unit = document.getElementById("vq-unit");
  const perGram = curves.length > 0 && curves.every((c) => c.active_mass_g != null);
  unit.options[1].disabled = !perGram;
  if (!perGram) unit.value = "mAh";
  const key = unit.value === "mAhPerG" ? "specific_capacity_mAhPerG" : "capacity_mAh";
  const datasets = [];
  curves.forEach((curve, k) => {
    const colour = palette[k % palette.length];
    for (const [name, branch] of [["charge", curve.charge], ["discharge", curve.discharge]]) {
      if (!branch.voltage_V.length) continue;
      datasets.push(line(`cycle ${curve.cycle} ${name}`, branch[key].map((q, n) => ({ x: q, y: branch.voltage_V[n] })), colour,
                         name === "discharge" ? { borderDash: [5, 3] } : {}));
    }
  });
  plot("vq", datasets, { x: axis(unit.value === "mAhPerG" ? "capacity / mAh g⁻¹" : "capacity / mAh", { min: 0 }), y: axis("V") });
}

// The newest spectrum bold with its fit drawn through it, three earlier ones faint.
async function renderImpedance(job, memory) {
  const spectra = await getJSON(`/v1/jobs/${job}/spectra`);
  const note = document.getElementById("nyquist-note");
  if (!spectra.length) {
    note.textContent = "no spectrum yet: one appears after the job's EIS step";
    return;
  }
  const newest = spectra.length - 1;
  const latest = spectra[newest];
  note.textContent = `${spectra.length} spectra; the newest (cycle ${latest.cycle}${latest.label ? ", " + latest.label : ""}, ` +
    `${fixed(latest.time_s / 3600, 2)} h) in bold with its fit, up to three earlier ones faint`;
  if (memory.fitOf !== `${job}/${newest}`) {
    memory.fit = await getJSON(`/v1/jobs/${job}/spectra/${newest}/fit`);
    memory.fitOf = `${job}/${newest}`;
  }
  const fit = memory.fit;
  const shown = spectra.slice(-4);
  const datasets = shown.map((s, k) => {
    const bold = k === shown.length - 1;
    return { label: `cycle ${s.cycle}${bold ? " (newest)" : ""}`, showLine: false, pointRadius: bold ? 3 : 2,
             borderColor: bold ? palette[0] : "#9fb7cc", backgroundColor: bold ? palette[0] : "#9fb7cc",
             data: s.real_ohm.map((re, n) => ({ x: re, y: -s.imaginary_ohm[n] })) };
  });
  if (fit.fit) datasets.push(line(`fit ${fit.circuit}`, fit.fit.real_ohm.map((re, n) => ({ x: re, y: -fit.fit.imaginary_ohm[n] })), palette[1]));
  plot("nyquist", datasets, { x: axis("Z′ / Ω"), y: axis("−Z″ / Ω") });
  const kk = fit.kramers_kronig;
  const verdict = document.getElementById("fit-verdict");
  verdict.replaceChildren(element("strong", { class: kk.passed ? "pass" : "fail" }, `lin-KK ${kk.passed ? "pass" : "FAIL"}`),
    ` (noise ${fixed(kk.noise_level_percent, 2)} % of |Z|): ${kk.reason}. `,
    fit.circuit ? `Fit ${fit.circuit}, reduced χ² ${fit.reduced_chi_square.toPrecision(3)}${fit.trustworthy ? "" : " (not trustworthy: no standard errors)"}.`
                : `No circuit fits: ${fit.failures.join("; ")}.`);
  document.getElementById("fit-parameters").replaceChildren(...fit.parameters.map((p) => element("tr", {},
    element("td", {}, p.name), element("td", {}, p.value.toPrecision(4)),
    element("td", {}, p.standard_error != null ? "± " + p.standard_error.toPrecision(2) : ""), element("td", {}, p.unit))));
}

// Ω cm² when the cell file gives an area, Ω otherwise.
async function renderResistance(job) {
  const points = await getJSON(`/v1/jobs/${job}/resistance?max_points=3000`);
  const areal = points.some((p) => p.ohmic_resistance_ohmCm2 != null || p.interfacial_resistance_ohmCm2 != null);
  const unit = areal ? "Ω cm²" : "Ω";
  const ohmic = (p) => areal ? p.ohmic_resistance_ohmCm2 : p.ohmic_resistance_ohm;
  const interfacial = (p) => areal ? p.interfacial_resistance_ohmCm2 : p.interfacial_resistance_ohm;
  document.getElementById("resistance-note").textContent = points.length
    ? `the live model's estimates (${unit}${areal ? ", from the cell file's area" : ": the cell file gives no area"}), the mean of each cycle's`
    : "no estimate yet: the live model stores one a minute of job time";
  const perCycle = (value) => {
    const sums = new Map();
    for (const p of points) {
      const v = value(p);
      if (v == null) continue;
      const [sum, count] = sums.get(p.cycle) || [0, 0];
      sums.set(p.cycle, [sum + v, count + 1]);
    }
    return [...sums].map(([cycle, [sum, count]]) => ({ x: cycle, y: sum / count }));
  };
  plot("resistance-cycle", [
    line(`R_ohm / ${unit}`, perCycle(ohmic), palette[0], { pointRadius: 3 }),
    line(`R_int / ${unit}`, perCycle(interfacial), palette[1], { pointRadius: 3 }),
  ], { x: axis("cycle", { ticks: { precision: 0 } }), y: axis(unit) });
  const resting = points.filter((p) => p.rest_s != null);
  const rootHours = (p) => Math.sqrt(p.rest_s / 3600);
  plot("resistance-rest", [
    { label: `R_ohm / ${unit}`, backgroundColor: palette[0], data: resting.filter((p) => ohmic(p) != null).map((p) => ({ x: rootHours(p), y: ohmic(p) })) },
    { label: `R_int / ${unit}`, backgroundColor: palette[1], data: resting.filter((p) => interfacial(p) != null).map((p) => ({ x: rootHours(p), y: interfacial(p) })) },
  ], { x: axis("√(time at rest) / √h", { min: 0 }), y: axis(unit) });
  const megapascals = (value) => points.filter((p) => p[value] != null).map((p) => ({ x: p.time_s / 3600, y: p[value] / 1e6 }));
  plot("pressure", [
    line("expected / MPa", megapascals("expected_pressure_Pa"), palette[3]),
    line("measured / MPa", megapascals("measured_pressure_Pa"), palette[4], { borderDash: [4, 3] }),
  ], { x: axis("job time / h"), y: axis("MPa") });
}

// Everything above for `job` (`running` when it runs now); `memory` keeps the fit between refreshes (a fit is redone only for a new spectrum).
async function renderJobPlots(job, running, memory) {
  const cycles = await chargedCycles(job);
  renderRetention(cycles, running);
  await Promise.all([renderCapacityCurves(job, cycles), renderImpedance(job, memory), renderResistance(job)]);
}

// For tests: how many points each plot holds now.
const plotPoints = (key, label) => {
  const chart = state.charts[key];
  if (!chart) return 0;
  return chart.data.datasets.filter((d) => !label || d.label.startsWith(label)).reduce((sum, d) => sum + d.data.length, 0);
};
