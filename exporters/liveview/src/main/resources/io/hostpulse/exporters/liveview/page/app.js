// hostpulse live view: renders /api/v1/snapshot documents from the event stream; no outside requests.
"use strict";
(function () {
  const $ = (s) => document.querySelector(s);
  const hist = {};            // series key -> [[t...],[v...]] for the sparklines
  const charts = {};          // series group key -> {u, keys}
  const WINDOW = 15 * 60;
  let snap = null;
  const sort = {procs: {k: "cpu_usage", dir: -1}, containers: {k: "name", dir: 1}};
  let selectedDisk = null;
  let allProcs = false;       // the page shows the top 25 unless asked for all

  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  const num = (v, d) => (v == null || isNaN(v) ? "–" : Number(v).toFixed(d == null ? 1 : d));
  function bytes(v) {
    if (v == null || isNaN(v)) return "–";
    const u = ["B", "KiB", "MiB", "GiB", "TiB"]; let i = 0; v = Number(v);
    while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v.toFixed(0) : v.toFixed(1)) + " " + u[i];
  }
  const rate = (v) => (v == null ? "–" : bytes(v) + "/s");
  function dur(s) {
    if (s == null) return "";
    const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    return "up " + (d ? d + "d " : "") + h + "h " + m + "m";
  }
  function level(pct, warn, crit) { return pct >= crit ? "critical" : pct >= warn ? "warning" : "ok"; }

  function push(key, t, v) {
    const h = hist[key] || (hist[key] = [[], []]);
    if (h[0].length && h[0][h[0].length - 1] >= t) return;
    h[0].push(t); h[1].push(v);
    while (h[0].length && h[0][0] < t - WINDOW) { h[0].shift(); h[1].shift(); }
  }

  function spark(container, id, label, keys, fmt) {
    let c = charts[id];
    if (!c) {
      const box = document.createElement("div");
      box.className = "spark"; box.id = "spark-" + id.replace(/[^a-z0-9]/gi, "_");
      box.innerHTML = '<div class="lbl"></div>';
      container.appendChild(box);
      const colors = ["#58a6ff", "#f0883e"];
      const u = new uPlot({width: 220, height: 46, cursor: {show: false}, legend: {show: false}, select: {show: false},
        scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(max, 1)]}},
        axes: [{show: false}, {show: false}],
        series: [{}].concat(keys.map((k, i) => ({stroke: colors[i % 2], width: 1, points: {show: false}})))}, [[], ...keys.map(() => [])], box);
      c = charts[id] = {u, keys, box};
    }
    // align series on the first key's timestamps
    const base = hist[keys[0]] || [[], []];
    const data = [base[0]].concat(keys.map((k) => {
      const h = hist[k] || [[], []]; const m = new Map(h[0].map((t, i) => [t, h[1][i]]));
      return base[0].map((t) => (m.has(t) ? m.get(t) : null));
    }));
    c.u.setData(data);
    const last = keys.map((k) => { const h = hist[k]; return h && h[1].length ? fmt(h[1][h[1].length - 1]) : "–"; });
    c.box.querySelector(".lbl").textContent = label + "  " + last.join(" / ");
  }

  function renderSparks(s) {
    const cores = (s.host_metrics.cpu.cores || []).map((c) => c.cpu).sort((a, b) => parseInt(a.slice(3)) - parseInt(b.slice(3)));
    cores.forEach((c) => spark($("#spark-cpu"), "cpu:" + c, c, ["cpu:" + c], (v) => num(v) + "%"));
    sparkBusy("#spark-diskio", (s.host_metrics.diskio || []).map((d) => ["diskio:" + d.name, d.name + " r/w"]), ["read", "write"]);
    sparkBusy("#spark-net", (s.host_metrics.net || []).map((n) => ["net:" + n.interface, n.interface + " rx/tx"]), ["recv", "sent"]);
  }

  // disks and interfaces that moved no byte in the window get no chart, only a count (a Docker host has many idle veths)
  function sparkBusy(sel, items, dirs) {
    let idle = 0;
    items.forEach(([id, label]) => {
      const keys = dirs.map((d) => id + ":" + d);
      const busy = keys.some((k) => hist[k] && hist[k][1].some((v) => v > 0));
      if (busy || charts[id]) spark($(sel), id, label, keys, rate); else idle++;
    });
    let note = $(sel + " .idle");
    if (!note) { note = document.createElement("div"); note.className = "idle"; $(sel).appendChild(note); }
    note.textContent = idle ? "+" + idle + " idle" : "";
    $(sel).appendChild(note);
  }

  function gauge(id, text, lvl) {
    $("#" + id).textContent = text;
    $("#g-" + id).className = "gauge lvl-" + lvl;
  }

  function renderHeader(s) {
    const h = s.host_metrics, L = s.levels || {};
    $("#host").textContent = s.host || "?";
    $("#uptime").textContent = h.system ? dur(h.system.uptime) : "";
    $("#auth").textContent = s.auth && s.auth.startsWith("none") ? "· open: listening on loopback only" : "· access: " + s.auth + " required";
    const total = h.cpu && h.cpu.total;
    if (total) gauge("cpu", num(total.usage_active) + "%", L.cpu || "ok");
    if (h.mem) gauge("mem", num(h.mem.used_percent) + "% of " + bytes(h.mem.total), L.mem || "ok");
    if (h.swap) gauge("swap", h.swap.total ? num(h.swap.used_percent) + "%" : "none", L.swap || "ok");
    if (h.system) gauge("load", num(h.system.load1, 2) + " " + num(h.system.load5, 2) + " " + num(h.system.load15, 2), L.load || "ok");
    if (h.processes) $("#tasks").textContent = h.processes.total + " (" + h.processes.running + " run)";
    const al = s.alerts || [];
    $("#alerts").innerHTML = al.length ? al.map((a) => '<li class="' + esc(a.level) + '">' + esc(a.level.toUpperCase()) + " " + esc(a.message) + "</li>").join("") : '<li class="dim">nothing firing</li>';
    $("#events").innerHTML = (s.events || []).slice(0, 8).map((e) => '<li class="' + esc(e.level) + '"><span class="dim">' + esc(e.time.slice(11, 19)) + "</span> " + esc(e.source) + ": " + esc(e.message) + "</li>").join("") || '<li class="dim">none yet</li>';
  }

  function renderFs(s) {
    $("#fs tbody").innerHTML = (s.host_metrics.filesystems || []).map((f) => {
      const p = f.used_percent || 0, l = level(p, 85, 95);
      return "<tr><td>" + esc(f.path) + "</td><td>" + esc(f.fstype) + "</td><td>" + bytes(f.used) + "</td><td>" + bytes(f.total) +
        '</td><td class="bar"><div class="b" title="' + num(p) + '%"><i class="' + l + '" style="width:' + Math.min(100, p).toFixed(1) + '%"></i></div></td></tr>';
    }).join("");
  }

  function sorted(rows, st, key) {
    return rows.slice().sort((a, b) => {
      const x = key(a, st.k), y = key(b, st.k);
      if (typeof x === "number" || typeof y === "number") return ((x || 0) - (y || 0)) * st.dir;
      return String(x == null ? "" : x).localeCompare(String(y == null ? "" : y)) * st.dir;
    });
  }
  function markSorted(table, st) {
    document.querySelectorAll("#" + table + " th[data-k]").forEach((th) => {
      th.classList.toggle("sorted", th.dataset.k === st.k); th.classList.toggle("asc", st.dir > 0);
    });
  }

  function procKey(p, k) {
    if (k === "io") return (p.read_bytes_per_second || 0) + (p.write_bytes_per_second || 0);
    return p[k];
  }
  function renderProcs(s) {
    const every = sorted(s.processes || [], sort.procs, procKey);
    const rows = allProcs ? every : every.slice(0, 25);
    $("#procs tbody").innerHTML = rows.map((p) => '<tr data-pid="' + p.pid + '"><td>' + p.pid + "</td><td>" + esc(p.process_name) + "</td><td>" + esc(p.user) +
      "</td><td>" + esc(p.state) + "</td><td>" + num(p.cpu_usage) + "</td><td>" + bytes(p.memory_rss) + "</td><td>" +
      (p.read_bytes_per_second == null ? "–" : rate(procKey(p, "io"))) + "</td><td>" + p.num_threads + "</td><td>" + esc(p.container_name || (p.container_id ? p.container_id.slice(0, 12) : "")) +
      '</td><td class="cmd" title="' + esc(p.cmdline) + '">' + esc(p.cmdline) + "</td></tr>").join("");
    $("#procs-note").innerHTML = !every.length ? "no process list: the host collector's procstat part is off (collectors.host.procstat.enabled)"
      : every.length > 25 ? '<a href="#" id="procs-all">' + (allProcs ? "show the top 25" : "show all " + every.length) + "</a>" : "";
    markSorted("procs", sort.procs);
  }

  function ctrKey(c, k) {
    switch (k) {
      case "cpu": return c.cpu ? c.cpu.usage_percent : null;
      case "mem": return c.mem ? c.mem.usage : null;
      case "limit": return c.mem ? c.mem.limit : null;
      case "net": return c.rates ? (c.rates.rx_bytes_per_second || 0) + (c.rates.tx_bytes_per_second || 0) : null;
      case "blk": return c.rates ? (c.rates.read_bytes_per_second || 0) + (c.rates.write_bytes_per_second || 0) : null;
      case "restarts": return c.status ? c.status.restart_count : null;
      case "health": return c.health ? c.health.health_status : "";
      case "image": return c.tags ? c.tags.container_image : "";
      default: return c[k];
    }
  }
  function renderContainers(s) {
    const rows = sorted(s.containers || [], sort.containers, ctrKey);
    $("#containers tbody").innerHTML = rows.map((c) => {
      const h = c.health ? c.health.health_status : "";
      const cls = [c.state === "exited" || c.state === "dead" ? c.state : "", h === "unhealthy" ? "unhealthy" : ""].join(" ").trim();
      return '<tr data-name="' + esc(c.name) + '" class="' + cls + '"><td>' + esc(c.name) + "</td><td>" + esc(c.state) + "</td><td>" + esc(h) +
        "</td><td>" + num(ctrKey(c, "cpu")) + "</td><td>" + bytes(ctrKey(c, "mem")) + "</td><td>" + bytes(ctrKey(c, "limit")) + "</td><td>" +
        (c.rates && c.rates.rx_bytes_per_second != null ? rate(c.rates.rx_bytes_per_second) + " / " + rate(c.rates.tx_bytes_per_second) : "–") + "</td><td>" +
        (c.rates && c.rates.read_bytes_per_second != null ? rate(c.rates.read_bytes_per_second) + " / " + rate(c.rates.write_bytes_per_second) : "–") +
        "</td><td>" + (c.status ? c.status.restart_count : "–") + "</td><td>" + esc(c.tags && c.tags.container_image) + "</td></tr>";
    }).join("") || '<tr><td colspan="10" class="dim">no containers (or no docker collector)</td></tr>';
    markSorted("containers", sort.containers);
  }

  function renderNetworks(s) {
    $("#networks tbody").innerHTML = (s.networks || []).map((n) => '<tr data-network="' + esc(n.network) + '"><td>' + esc(n.network) + "</td><td>" + esc(n.driver) +
      "</td><td>" + (n.containers == null ? "–" : n.containers) + "</td><td>" + rate(n.rx_bytes_per_second) + "</td><td>" + rate(n.tx_bytes_per_second) +
      "</td><td>" + esc((n.members || []).join(", ")) + "</td></tr>").join("") || '<tr><td colspan="6" class="dim">no Docker networks</td></tr>';
  }

  function verdictClass(v) { return v === "failed" ? "bad" : v === "warning" ? "warn" : ""; }
  function renderDisks(s) {
    const disks = s.disks || [];
    $("#disks tbody").innerHTML = disks.map((d) => '<tr data-device="' + esc(d.device) + '" class="' + verdictClass(d.health_status) + (d.device === selectedDisk ? " sel" : "") + '"><td>' + esc(d.device) +
      "</td><td>" + esc(d.model) + "</td><td>" + esc(d.serial_no) + '</td><td class="verdict">' + esc(d.health_status) + '</td><td class="reason">' + esc(d.health_reason) +
      "</td><td>" + (d.temp_c == null ? "–" : d.temp_c + " °C") + "</td><td>" + (d.power_on_hours == null ? "–" : d.power_on_hours + " h") + "</td><td>" +
      (d.life_remaining_percent == null ? "–" : d.life_remaining_percent + "%") + "</td></tr>").join("") || '<tr><td colspan="8" class="dim">no disks (or no smart collector)</td></tr>';
    const d = disks.find((x) => x.device === selectedDisk);
    $("#disk-detail").innerHTML = !d ? "" : "<h3>" + esc(d.device) + " " + esc(d.model) + ": attributes</h3>" + (d.attributes.length ?
      '<table id="attrs"><thead><tr><th>ID</th><th>Attribute</th><th>Value</th><th>Worst</th><th>Thresh</th><th>Raw</th><th>Status</th><th>Reason</th></tr></thead><tbody>' +
      d.attributes.map((a) => '<tr class="' + verdictClass(a.status) + '"><td>' + esc(a.id) + "</td><td>" + esc(a.name) + "</td><td>" + esc(a.value) + "</td><td>" + esc(a.worst) +
        "</td><td>" + esc(a.threshold) + "</td><td>" + esc(a.raw_value) + "</td><td>" + esc(a.status) + "</td><td>" + esc(a.status_reason) + "</td></tr>").join("") + "</tbody></table>"
      : '<p class="dim">no ATA attribute table for this disk (NVMe and SCSI report counters instead)</p>');
  }

  // the Sensors panel: hidden when the sensors and nvidia_smi collectors gave nothing; each table only with rows
  function sub(id, rows) {
    $("#" + id).hidden = !rows.length;
    $("#" + id + " tbody").innerHTML = rows.join("");
    return rows.length;
  }
  const deg = (v) => (v == null ? "–" : num(v) + " °C");
  const watts = (v) => (v == null ? "–" : num(v) + " W");
  function renderSensors(s) {
    const x = s.sensors || {};
    const temps = x.temperatures || [];
    // a temp point repeats a sensors reading under Telegraf's name (<chip name>_<label>, or <chip name> without a
    // label; a repeated label has no _tempN suffix there); only the others (thermal zones) get their own row
    const seen = new Set();
    temps.forEach((t) => {
      const base = String(t.chip).split("-")[0], f = String(t.feature);
      [base, base + "_" + f, base + "_" + f.replace(/_temp\d+$/, "")].forEach((k) => seen.add(k));
    });
    const rows = temps.map((t) => '<tr data-chip="' + esc(t.chip) + '" data-feature="' + esc(t.feature) + '"><td>' + esc(t.chip) + "</td><td>" + esc(t.feature) +
      '</td><td class="temp lvl-' + esc(t.level) + '">' + deg(t.temp_input) + "</td><td>" + deg(t.temp_max) + "</td><td>" + deg(t.temp_crit) + "</td></tr>")
      .concat((x.temp || []).filter((t) => !seen.has(t.sensor)).map((t) => '<tr data-sensor="' + esc(t.sensor) + '"><td class="dim">' + esc(t.device || "") +
        "</td><td>" + esc(t.sensor) + '</td><td class="temp">' + deg(t.temp) + "</td><td>–</td><td>–</td></tr>"));
    let n = sub("s-temps", rows);
    n += sub("s-fans", (x.fans || []).map((f) => "<tr><td>" + esc(f.chip) + "</td><td>" + esc(f.feature) + "</td><td>" + num(f.fan_input, 0) + " RPM</td><td>" +
      (f.fan_min == null ? "–" : num(f.fan_min, 0)) + "</td></tr>"));
    n += sub("s-volts", (x.voltages || []).map((v) => "<tr><td>" + esc(v.chip) + "</td><td>" + esc(v.feature) + "</td><td>" + num(v.in_input, 3) + " V</td></tr>"));
    n += sub("s-power", (x.chip_power || []).map((c) => "<tr><td>" + esc(c.chip) + "</td><td>" + esc(c.feature) + "</td><td>" +
        watts(c.power_average != null ? c.power_average : c.power_input) + "</td><td></td><td></td></tr>").concat((x.rapl || []).map((r) => "<tr><td>RAPL " + esc(r.name) + "</td><td>" + esc(r.power_zone) + "</td><td>" + watts(r.power_watts) + "</td><td></td><td></td></tr>")
      .concat((x.power_supply || []).map((p) => "<tr><td>" + esc(p.supply) + "</td><td>" + esc(p.type) + "</td><td>" + watts(p.power_now) + "</td><td>" +
        (p.capacity == null ? "–" : p.capacity + "%") + "</td><td>" + esc(p.status) + "</td></tr>"))));
    n += sub("s-gpus", (x.gpus || []).map((g) => {
      const nv = g.vendor === "nvidia", t = nv ? g.temperature_gpu : g.temperature_sensor_edge;
      // nvidia-smi reports MiB, amdgpu's sysfs bytes: each as its collector wrote it
      const mem = g.memory_used == null ? "–" : nv ? num(g.memory_used, 0) + " / " + num(g.memory_total, 0) + " MiB" : bytes(g.memory_used) + " / " + bytes(g.memory_total);
      return '<tr data-gpu="' + esc(g.vendor + ":" + (nv ? g.index : g.name)) + '"><td>' + esc(nv ? g.index : g.name) + '</td><td class="gpu-name">' + esc(nv ? g.name : "AMD " + (g.gpu_id || "")) +
        '</td><td class="temp lvl-' + esc(g.level || "ok") + '">' + deg(t) + "</td><td>" + (g.utilization_gpu == null ? "–" : g.utilization_gpu + "%") + "</td><td>" + mem +
        "</td><td>" + watts(g.power_draw) + "</td><td>" + (g.fan_speed == null ? "–" : g.fan_speed + "%") + '</td><td class="cmd">' + esc(g.top_process || "") + "</td></tr>";
    }));
    $("#sensors").hidden = !n;
  }

  // the network map: its own document (/api/v1/map), asked for every 10 s and when a docker collection arrives
  // (at most every 3 s), redrawn only when it changed; only while the snapshot says the agent has one (map: true),
  // hidden otherwise
  const mapState = {text: null, at: 0, busy: false, docker: null, on: false};
  function loadMap() {
    if (mapState.busy || !mapState.on) return;
    mapState.busy = true; mapState.at = Date.now();
    fetch("api/v1/map", {credentials: "same-origin", cache: "no-store"}).then((r) => r.text().then((t) => {
      if (!r.ok) throw new Error(r.status + " " + t);
      $("#map-error").textContent = "";
      if (t !== mapState.text) { const m = JSON.parse(t); mapState.text = t; renderMap(m); }
    })).catch((e) => { $("#map").hidden = false; $("#map-error").textContent = "the map could not be loaded: " + e.message; })
      .finally(() => { mapState.busy = false; });
  }
  function renderMap(m) {
    $("#map").hidden = false; // before drawing: text is measured in the document
    HostpulseMap.draw($("#map-svg"), m, {rate, bytes});
    const c = m.coverage || {}, edges = m.edges || [], remembered = edges.filter((e) => !(e.connections > 0)).length;
    $("#map-summary").textContent = (m.nodes || []).filter((n) => n.kind === "container").length + " containers on " + (m.networks || []).length +
      " networks · " + edges.length + " edges" + (remembered ? " (" + remembered + " remembered)" : "") + " · read " + String(m.time || "").slice(11, 19);
    $("#map-note").textContent = [c.note, (c.unreadable || []).length ? "sockets not readable for: " + c.unreadable.join(", ") : ""].filter((x) => x).join(" · ");
  }
  setInterval(() => { if (!document.hidden && Date.now() - mapState.at >= 10000) loadMap(); }, 2000);

  function render() {
    const s = snap; if (!s) return;
    renderHeader(s); renderSparks(s); renderFs(s); renderProcs(s); renderContainers(s); renderNetworks(s); renderDisks(s); renderSensors(s);
    $("#seq").textContent = "snapshot " + s.sequence + " · " + s.generated;
    document.body.dataset.sequence = s.sequence;
  }

  function onSnapshot(s) {
    snap = s;
    const sp = s.spark || {};
    if (sp.values) Object.keys(sp.values).forEach((k) => push(k, sp.time, sp.values[k]));
    render();
    mapState.on = !!s.map;
    if (!mapState.on) { $("#map").hidden = true; mapState.text = null; return; }
    const d = s.collected && s.collected.docker;
    if (!mapState.at || (d && d !== mapState.docker && Date.now() - mapState.at >= 3000)) { mapState.docker = d; loadMap(); }
  }

  document.addEventListener("click", (e) => {
    const th = e.target.closest("th[data-k]");
    if (th) {
      const table = th.closest("table").id, st = sort[table];
      if (!st) return;
      if (st.k === th.dataset.k) st.dir = -st.dir; else { st.k = th.dataset.k; st.dir = th.dataset.t === "n" ? -1 : 1; }
      render(); return;
    }
    if (e.target.id === "procs-all") { e.preventDefault(); allProcs = !allProcs; render(); return; }
    const tr = e.target.closest("#disks tbody tr[data-device]");
    if (tr) { selectedDisk = selectedDisk === tr.dataset.device ? null : tr.dataset.device; render(); }
  });
  document.addEventListener("keydown", (e) => {
    const k = {c: "cpu_usage", m: "memory_rss", i: "io"}[e.key];
    if (k && !e.ctrlKey && !e.metaKey && !e.altKey) { sort.procs = {k, dir: -1}; render(); }
  });

  function connect() {
    const es = new EventSource("api/v1/stream");
    es.addEventListener("snapshot", (e) => { $("#conn").textContent = "· live"; onSnapshot(JSON.parse(e.data)); });
    es.onerror = () => { $("#conn").textContent = "· reconnecting…"; };
  }
  fetch("api/v1/history", {credentials: "same-origin"}).then((r) => (r.ok ? r.json() : {series: {}})).then((h) => {
    Object.keys(h.series || {}).forEach((k) => h.series[k].forEach((p) => push(k, p[0], p[1])));
  }).catch(() => {}).finally(connect);
})();
