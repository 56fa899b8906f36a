// The cyclerd dashboard: every channel at a glance, and one channel in
// detail, live. Plain JavaScript with no build step; Chart.js draws the plots.
// Everything comes from the daemon's API (/openapi.json); live updates read the
// channel's log after the last seq seen, so nothing is missed or shown twice.
"use strict";

const state = { token: sessionStorage.getItem("cyclerd-token"), role: "viewer", timers: [], charts: {}, page: null };

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers.Authorization = "Bearer " + state.token;
  if (options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) { showLogin(); throw new Error("a token is needed"); }
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error.message; } catch (_) {}
    throw new Error(message);
  }
  return response;
}
const getJSON = async (path) => (await api(path)).json();

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "onclick") node.onclick = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}
const fixed = (value, digits) => value == null || !isFinite(value) ? "–" : Number(value).toFixed(digits);
const current = (amperes) => {
  if (amperes == null || !isFinite(amperes)) return "–";
  const size = Math.abs(amperes);
  return size >= 1e-3 ? fixed(amperes * 1e3, 3) + " mA" : size >= 1e-6 ? fixed(amperes * 1e6, 2) + " µA" : fixed(amperes * 1e9, 1) + " nA";
};
// "cycle n of N", N from the running job's protocol when its cycling loop has a count;
// cycle 0 is what comes before the first (an opening rest or formation).
const cycleOf = (latest, channel) => latest.cycle == null ? "–"
  : channel.planned_cycles != null && channel.running_job != null
    ? (latest.cycle === 0 ? `before 1 of ${channel.planned_cycles}` : `${latest.cycle} of ${channel.planned_cycles}`)
    : String(latest.cycle);
const stateOfCharge = (estimate) => estimate && estimate.stateOfCharge != null
  ? fixed(estimate.stateOfCharge * 100, 1) + (estimate.stateOfChargeSigma != null ? " ± " + fixed(2 * estimate.stateOfChargeSigma * 100, 1) : "") + " %"
  : "–";

function clearPage() {
  state.timers.forEach(clearInterval);
  state.timers = [];
  Object.values(state.charts).forEach((chart) => chart.destroy());
  state.charts = {};
  for (const id of ["login", "overview", "channel"]) document.getElementById(id).hidden = true;
}

function showLogin() {
  clearPage();
  document.getElementById("login").hidden = false;
}

document.getElementById("login-form").onsubmit = async (event) => {
  event.preventDefault();
  state.token = document.getElementById("token").value.trim();
  sessionStorage.setItem("cyclerd-token", state.token);
  try { await start(); } catch (error) { document.getElementById("login-error").textContent = error.message; }
};

function lineChart(canvas, datasets, axes) {
  return new Chart(canvas, {
    type: "line",
    data: { datasets },
    options: {
      animation: false, parsing: false, normalized: true, maintainAspectRatio: false,
      interaction: { mode: "nearest", intersect: false },
      elements: { point: { radius: 0 } },
      scales: axes,
      plugins: { legend: { display: datasets.length > 1 } },
    },
  });
}

// The overview: a card per channel, refreshed every 2 s, with a voltage sparkline.
async function showOverview() {
  clearPage();
  state.page = "overview";
  document.getElementById("overview").hidden = false;
  const cards = document.getElementById("cards");
  cards.replaceChildren();
  const sparklines = {};
  async function refresh() {
    const channels = await getJSON("/v1/channels");
    for (const channel of channels) {
      let card = document.getElementById("card-" + channel.name);
      if (!card) {
        card = element("div", { class: "card", id: "card-" + channel.name, "data-channel": channel.name,
                                onclick: () => { location.hash = "#/channel/" + encodeURIComponent(channel.name); } });
        cards.append(card);
      }
      const latest = channel.latest || {};
      const fault = channel.status.startsWith("fault");
      card.replaceChildren(
        element("h2", {}, element("span", {}, channel.name), element("span", { class: channel.open_alarms ? "alarm" : "status" },
          channel.open_alarms ? channel.open_alarms + " alarm" + (channel.open_alarms > 1 ? "s" : "") : "")),
        element("p", { class: fault ? "status fault" : "status" }, channel.status),
        element("dl", {},
          element("dt", {}, "job"), element("dd", {}, channel.running_job ?? "–"),
          element("dt", {}, "step"), element("dd", {}, latest.step ?? "–"),
          element("dt", {}, "cycle"), element("dd", { class: "cycle" }, cycleOf(latest, channel)),
          element("dt", {}, "SOC (2σ)"), element("dd", {}, stateOfCharge(channel.estimate)),
          element("dt", {}, "V"), element("dd", {}, fixed(latest.voltage_V, 4)),
          element("dt", {}, "I"), element("dd", {}, current(latest.current_A)),
          element("dt", {}, "P"), element("dd", {}, latest.pressure_Pa != null ? fixed(latest.pressure_Pa / 1e6, 2) + " MPa" : "–"),
          element("dt", {}, "T"), element("dd", {}, latest.temperature_degC != null ? fixed(latest.temperature_degC, 1) + " °C" : "–")),
        // Chart.js sizes a chart to its container, so the canvas sits in a box of fixed height.
        sparklines[channel.name] ? sparklines[channel.name].canvas.parentNode : element("div", { class: "sparkline" }, element("canvas")));
      if (!sparklines[channel.name]) {
        sparklines[channel.name] = lineChart(card.querySelector("canvas"), [{ data: [], borderColor: "#1f6fb2", borderWidth: 1 }],
          { x: { type: "linear", display: false }, y: { display: false } });
        state.charts["spark-" + channel.name] = sparklines[channel.name];
      }
      if (latest.time_s != null && channel.running_job != null) {
        const samples = await getJSON(`/v1/channels/${encodeURIComponent(channel.name)}/samples?job=${channel.running_job}` +
                                      `&from=${Math.max(0, latest.time_s - 3600)}&max_points=120`);
        sparklines[channel.name].data.datasets[0].data = samples.map((s) => ({ x: s.time_s, y: s.voltage_V }));
        sparklines[channel.name].update();
      }
    }
  }
  await refresh();
  state.timers.push(setInterval(() => refresh().catch(console.error), 2000));
}

// One channel: its readings, traces, spectra, cycles, alarms, events, controls and downloads.
async function showChannel(name) {
  clearPage();
  state.page = "channel";
  document.getElementById("channel").hidden = false;
  document.getElementById("channel-name").textContent = name;
  const base = "/v1/channels/" + encodeURIComponent(name);
  let channel = await getJSON(base);
  let range = 3600;
  let zoom = null;  // {from, to} in hours while zoomed
  let cursor = channel.last_seq;
  const plotMemory = {};
  const hours = { type: "linear", title: { display: true, text: "job time / h" } };
  state.charts.trace = lineChart(document.getElementById("trace"), [
    { label: "V", data: [], borderColor: "#1f6fb2", borderWidth: 1.5, yAxisID: "volts" },
    { label: "I / mA", data: [], borderColor: "#d9822b", borderWidth: 1, yAxisID: "milliamperes" },
  ], { x: hours, volts: { position: "left", title: { display: true, text: "V" } },
       milliamperes: { position: "right", title: { display: true, text: "mA" }, grid: { drawOnChartArea: false } } });
  state.charts.environment = lineChart(document.getElementById("environment"), [
    { label: "P / MPa", data: [], borderColor: "#6a3d9a", borderWidth: 1.5, yAxisID: "pressure" },
    { label: "T / °C", data: [], borderColor: "#b3261e", borderWidth: 1, yAxisID: "temperature" },
  ], { x: hours, pressure: { position: "left", title: { display: true, text: "MPa" } },
       temperature: { position: "right", title: { display: true, text: "°C" }, grid: { drawOnChartArea: false } } });

  function addSamples(rows) {
    const [v, i] = state.charts.trace.data.datasets;
    const [p, t] = state.charts.environment.data.datasets;
    for (const s of rows) {
      const x = s.time_s / 3600;
      v.data.push({ x, y: s.voltage_V });
      i.data.push({ x, y: s.current_A * 1e3 });
      if (s.pressure_Pa != null) p.data.push({ x, y: s.pressure_Pa / 1e6 });
      if (s.temperature_degC != null) t.data.push({ x, y: s.temperature_degC });
    }
  }

  async function loadTraces() {
    const charts = [state.charts.trace, state.charts.environment];
    for (const chart of charts) {
      chart.data.datasets.forEach((d) => { d.data = []; });
      chart.options.scales.x.min = zoom ? zoom.from : undefined;
      chart.options.scales.x.max = zoom ? zoom.to : undefined;
    }
    document.getElementById("unzoom").hidden = !zoom;
    if (channel.running_job == null && channel.latest == null) return;
    const job = channel.running_job ?? channel.latest.job;
    const window_ = zoom ? `&from=${zoom.from * 3600}&to=${zoom.to * 3600}`
      : range && channel.latest ? `&from=${Math.max(0, channel.latest.time_s - range)}` : "";
    addSamples(await getJSON(`${base}/samples?job=${job}${window_}&max_points=1500`));
    charts.forEach((chart) => chart.update());
  }
  for (const chart of [state.charts.trace, state.charts.environment]) {
    enableZoom(chart, (from, to) => { zoom = { from, to }; loadTraces().catch(console.error); });
  }
  document.getElementById("unzoom").onclick = () => { zoom = null; loadTraces().catch(console.error); };

  function renderReadings() {
    const latest = channel.latest || {};
    const status = document.getElementById("channel-status");
    status.textContent = channel.status;
    status.className = channel.status.startsWith("fault") ? "status fault" : "status";
    document.getElementById("readings").replaceChildren(
      element("dt", {}, "job"), element("dd", {}, channel.running_job ?? "–"),
      element("dt", {}, "step"), element("dd", {}, latest.step ?? "–"),
      element("dt", {}, "cycle"), element("dd", { id: "channel-cycle" }, cycleOf(latest, channel)),
      element("dt", {}, "SOC (2σ)"), element("dd", {}, stateOfCharge(channel.estimate)),
      element("dt", {}, "R_ohm"), element("dd", {}, channel.estimate && channel.estimate.ohmicResistance != null ? fixed(channel.estimate.ohmicResistance, 1) + " Ω" : "–"),
      element("dt", {}, "V"), element("dd", {}, fixed(latest.voltage_V, 4) + " V"),
      element("dt", {}, "I"), element("dd", {}, current(latest.current_A)),
      element("dt", {}, "P"), element("dd", {}, latest.pressure_Pa != null ? fixed(latest.pressure_Pa / 1e6, 2) + " MPa" : "–"),
      element("dt", {}, "T"), element("dd", {}, latest.temperature_degC != null ? fixed(latest.temperature_degC, 1) + " °C" : "–"));
  }

  async function control(what, path, body) {
    if (!confirm(`${what}?`)) return;
    try {
      const answer = await (await api(path, { method: "POST", body: JSON.stringify(body || { reason: "from the dashboard" }) })).json();
      document.getElementById("channel-status").textContent = answer.message;
    } catch (error) { alert(error.message); }
  }

  async function renderControls() {
    const controls = document.getElementById("controls");
    controls.replaceChildren();
    if (state.role === "viewer") return;
    const jobs = await getJSON(base + "/jobs");
    const paused = jobs.filter((j) => j.state === "paused");
    if (channel.running_job != null) {
      controls.append(element("button", { id: "pause", onclick: () => control(`Pause job ${channel.running_job} with its outputs safe`, base + "/pause") }, "Pause"),
                      element("button", { id: "skip", onclick: () => control("End the running step", base + "/skip") }, "Skip step"),
                      element("button", { id: "stop", class: "danger", onclick: () => control(`Stop job ${channel.running_job} for good`, `/v1/jobs/${channel.running_job}/stop`) }, "Stop"));
    }
    for (const job of paused) {
      controls.append(element("button", { id: "resume-" + job.id, onclick: () => control(`Resume job ${job.id} (${job.reason || "paused"})`, `/v1/jobs/${job.id}/resume`) }, `Resume job ${job.id}`));
    }
  }

  async function renderAlarms() {
    const alarms = await getJSON(base + "/alarms");
    document.getElementById("alarms").replaceChildren(...alarms.slice(0, 50).map((alarm) => {
      const body = alarm.event.body || {};
      const text = body.message || JSON.stringify(body.kind || body).slice(0, 160);
      const item = element("li", { class: alarm.acknowledged_by ? "" : "alarm" }, `seq ${alarm.event.seq} · ${fixed(alarm.event.time_s / 3600, 2)} h · ${text} `);
      if (alarm.acknowledged_by) item.append(`(seen by ${alarm.acknowledged_by})`);
      else if (state.role !== "viewer") item.append(element("button", { onclick: () => control("Acknowledge this alarm", `${base}/alarms/${alarm.event.seq}/acknowledge`, {}) }, "Acknowledge"));
      return item;
    }));
  }

  async function renderJobData() {
    const job = channel.running_job ?? (channel.latest && channel.latest.job);
    if (job == null) return;
    await renderJobPlots(job, channel.running_job === job, plotMemory);
    const downloads = document.getElementById("downloads");
    downloads.replaceChildren(`Job ${job}: `);
    for (const format of ["bdf", "csv", "json"]) {
      downloads.append(element("button", { onclick: () => download(job, format) }, format.toUpperCase()), " ");
    }
  }

  // The log after the last seq seen: new samples join the traces, events the list.
  async function follow() {
    const documents = await getJSON(`${base}/log?after=${cursor}&limit=5000`);
    const events = document.getElementById("events");
    for (const document_ of documents) {
      cursor = document_.last_seq;
      const columns = document_.samples;
      if (columns) {
        // A zoomed trace shows its range as read; it rejoins the live log when unzoomed.
        if (!zoom) {
          addSamples(columns.seq.map((_, k) => ({ time_s: columns.time_s[k], voltage_V: columns.voltage_V[k], current_A: columns.current_A[k],
                                                   pressure_Pa: columns.pressure_Pa[k], temperature_degC: columns.temperature_degC[k] })));
        }
      } else if (document_.kind !== "estimate") {
        events.prepend(element("li", {}, `seq ${document_.seq} · ${fixed(document_.time / 3600, 3)} h · ${document_.kind}`));
        while (events.children.length > 200) events.lastChild.remove();
      }
    }
    if (documents.length) { state.charts.trace.update(); state.charts.environment.update(); }
    channel = await getJSON(base);
    renderReadings();
  }

  for (const button of document.querySelectorAll("[data-range]")) {
    button.onclick = () => { range = Number(button.dataset.range); zoom = null; loadTraces().catch(console.error); };
  }
  for (const id of ["vq-cycle", "vq-unit"]) document.getElementById(id).onchange = () => renderJobData().catch(console.error);
  renderReadings();
  await loadTraces();
  await Promise.all([renderControls(), renderAlarms(), renderJobData()]);
  state.timers.push(setInterval(() => follow().catch(console.error), 1000));
  state.timers.push(setInterval(() => Promise.all([renderControls(), renderAlarms(), renderJobData()]).catch(console.error), 10000));
}

async function download(job, format) {
  const blob = await (await api(`/v1/jobs/${job}/export?format=${format}`)).blob();
  const link = element("a", { href: URL.createObjectURL(blob), download: `job-${job}.${format === "bdf" ? "bdf.csv" : format}` });
  document.body.append(link);
  link.click();
  link.remove();
}

async function route() {
  const match = location.hash.match(/^#\/channel\/(.+)$/);
  if (match) await showChannel(decodeURIComponent(match[1])); else await showOverview();
}

async function start() {
  const me = await getJSON("/v1/whoami");
  state.role = me.role;
  document.getElementById("who").textContent = `${me.name} (${me.role})`;
  await route();
}

window.addEventListener("hashchange", () => route().catch(console.error));
// For tests and the curious: what the page shows now.
window.cyclerd = {
  cards: () => document.querySelectorAll(".card").length,
  tracePoints: () => state.charts.trace ? state.charts.trace.data.datasets[0].data.length : 0,
  spectra: () => state.charts.nyquist ? state.charts.nyquist.data.datasets.filter((d) => !d.label.startsWith("fit")).length : 0,
  capacityPoints: () => plotPoints("vq"),
  cyclePoints: () => plotPoints("cycles"),
  fitPoints: () => plotPoints("nyquist", "fit"),
  verdict: () => document.getElementById("fit-verdict").textContent,
  resistancePoints: () => plotPoints("resistance-cycle") + plotPoints("resistance-rest"),
  pressurePoints: () => plotPoints("pressure"),
  cardCycle: (name) => { const cell = document.querySelector(`#card-${CSS.escape(name)} .cycle`); return cell ? cell.textContent : ""; },
  traceRange: () => state.charts.trace ? [state.charts.trace.scales.x.min, state.charts.trace.scales.x.max] : null,
  role: () => state.role,
};
start().catch((error) => console.error(error));
