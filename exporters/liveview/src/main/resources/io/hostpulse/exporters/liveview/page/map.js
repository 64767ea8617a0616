// hostpulse live view: the network map (/api/v1/map, version 1) drawn as SVG. No library: the drawing is boxes,
// text and cubic curves, and every name comes from Docker, so every string goes in through textContent only.
"use strict";
window.HostpulseMap = (function () {
  const NS = "http://www.w3.org/2000/svg";
  const NODE_W = 210, LINE = 14, NODE_PAD = 6, NODE_GAP = 8;
  const NET_PAD = 10, NET_HEAD = 28, GAP_X = 180, GAP_Y = 46, MARGIN = 14, PSEUDO_W = 120;
  const PER_COLUMN = 16;      // a network with more members gets another column inside its box, a label's width apart
  const PSEUDO = {outside: "Outside", host: "Host"};

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach((k) => e.setAttribute(k, attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, cls) {
    const t = el("text", {x: x, y: y, class: cls}, parent);
    t.textContent = s;
    return t;
  }
  function title(parent, s) {
    el("title", null, parent).textContent = s;
  }
  function ports(published) {
    return published.map((p) => (p.host_ip && p.host_ip !== "0.0.0.0" && p.host_ip !== "::" ? p.host_ip + ":" : "") +
      p.host_port + "→" + p.container_port + "/" + p.proto).join(", ");
  }
  function netLabel(n) {
    return n.name === "host" ? "Host Network" : n.name;
  }

  // Where everything goes: pure, from the map alone (same map, same picture). Networks in a grid of about
  // sqrt(n) columns, members stacked in their home network, the pseudo nodes in a column on the left; the networks
  // whose members Outside or Host connect to come first (next to them), the rest in the model's order; a container
  // with no known home goes into a "No network" box.
  function layout(map) {
    const homeOf = new Map((map.nodes || []).map((n) => [n.name, n.home]));
    const entered = new Set((map.edges || []).filter((e) => e.client === "outside" || e.client === "host").map((e) => homeOf.get(e.server)));
    const order = (map.networks || []).map((n, i) => [entered.has(n.name) ? 0 : 1, i, n]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const nets = order.map((o) => ({net: o[2], members: []}));
    const byName = new Map(nets.map((b) => [b.net.name, b]));
    const boxes = {}, pseudo = [];
    let lost = null;
    (map.nodes || []).forEach((n) => {
      if (n.kind !== "container") { pseudo.push(n); return; }
      let b = n.home != null ? byName.get(n.home) : null;
      if (!b) {
        if (!lost) { lost = {net: {name: "No network", driver: "", internal: false, subnets: []}, members: [], none: true}; nets.push(lost); }
        b = lost;
      }
      b.members.push(n);
    });
    const cols = Math.max(1, Math.ceil(Math.sqrt(nets.length)));
    const x0 = pseudo.length ? MARGIN + PSEUDO_W + GAP_X : MARGIN;
    let x = x0, y = MARGIN, rowH = 0, width = x0, col = 0;
    nets.forEach((b) => {
      const heights = b.members.map((n) => nodeHeight(n));
      const sub = Math.max(1, Math.ceil(b.members.length / PER_COLUMN));
      const colH = [];
      b.members.forEach((n, i) => {
        const c = Math.floor(i / PER_COLUMN);
        colH[c] = (colH[c] || 0) + heights[i] + NODE_GAP;
      });
      const w = sub * NODE_W + (sub - 1) * GAP_X + 2 * NET_PAD;
      const h = NET_HEAD + Math.max(LINE + NODE_GAP, ...colH.concat([0])) + NET_PAD;
      if (col === cols) { col = 0; x = x0; y += rowH + GAP_Y; rowH = 0; }
      b.x = x; b.y = y; b.w = w; b.h = h;
      const cy = [];
      b.members.forEach((n, i) => {
        const c = Math.floor(i / PER_COLUMN);
        const ny = cy[c] == null ? y + NET_HEAD : cy[c];
        boxes[n.name] = {x: x + NET_PAD + c * (NODE_W + GAP_X), y: ny, w: NODE_W, h: heights[i]};
        cy[c] = ny + heights[i] + NODE_GAP;
      });
      x += w + GAP_X; col++; rowH = Math.max(rowH, h); width = Math.max(width, x - GAP_X);
    });
    const height = Math.max(y + rowH, MARGIN + pseudo.length * 60) + MARGIN;
    // the pseudo nodes: Outside at the top (where traffic comes in), Host below it
    pseudo.sort((a, b) => (a.kind === "outside" ? 0 : 1) - (b.kind === "outside" ? 0 : 1));
    pseudo.forEach((n, i) => { boxes[n.name] = {x: MARGIN, y: MARGIN + NET_HEAD + i * 70, w: PSEUDO_W, h: 2 * LINE + NODE_PAD}; });
    // room on the right for the last column's loops and labels
    return {nets, pseudo, boxes, width: width + GAP_X, height};
  }

  function nodeHeight(n) {
    return (1 + ((n.published || []).length ? 1 : 0) + (also(n).length ? 1 : 0)) * LINE + 2 * NODE_PAD;
  }
  // the networks a container is on besides the one it is drawn in
  function also(n) {
    return n.kind === "container" ? (n.networks || []).filter((x) => x !== n.home) : [];
  }

  // a label wider than its room loses characters at the end; the whole text stays in the title
  function fit(t, room) {
    const full = t.textContent;
    if (t.getComputedTextLength() <= room) return;
    let s = full;
    while (s.length > 1 && t.getComputedTextLength() > room) { s = s.slice(0, -1); t.textContent = s + "…"; }
  }

  function nodeTitle(n) {
    const l = [n.name + (n.kind === "container" ? " (" + (n.state || "?") + ")" : "")];
    if (n.project || n.service) l.push("compose: " + (n.project || "") + " / " + (n.service || ""));
    if ((n.networks || []).length) l.push("networks: " + n.networks.join(", "));
    if ((n.published || []).length) l.push("published: " + ports(n.published));
    if ((n.listening || []).length) l.push("listening: " + n.listening.map((p) => p.port + "/" + p.proto).join(", "));
    return l.join("\n");
  }

  function drawNode(parent, n, b, fits) {
    const g = el("g", {class: "node " + n.kind + (n.state && n.state !== "running" ? " stopped" : ""), "data-name": n.name}, parent);
    title(g, nodeTitle(n));
    el("rect", {x: b.x, y: b.y, width: b.w, height: b.h, rx: 6, ry: 6}, g);
    const name = text(g, b.x + NODE_PAD + 2, b.y + NODE_PAD + 11, n.kind === "container" ? n.name : PSEUDO[n.kind] || n.name, "name");
    fits.push([name, b.w - 2 * NODE_PAD - 4]);
    let y = b.y + NODE_PAD + 11 + LINE;
    if ((n.published || []).length) { fits.push([text(g, b.x + NODE_PAD + 2, y, "⇢ " + ports(n.published), "ports"), b.w - 2 * NODE_PAD - 4]); y += LINE; }
    const more = also(n);
    if (more.length) fits.push([text(g, b.x + NODE_PAD + 2, y, "also on " + more.join(", "), "also"), b.w - 2 * NODE_PAD - 4]);
  }

  function edgeLabel(e, rate) {
    return e.port + "/" + e.proto + " · " + e.connections + " conn" + (e.bytes_per_second != null ? " · " + rate(e.bytes_per_second) : "");
  }
  function edgeTitle(e, rate, bytes) {
    return e.client + " → " + e.server + " " + e.port + "/" + e.proto + " on " + e.network + (e.published ? " (published port)" : "") +
      "\n" + (e.connections > 0 ? e.connections + " connections now" : "not seen in the last reading (remembered)") +
      "\nfirst seen " + e.first_seen + "\nlast seen " + e.last_seen +
      (e.bytes != null ? "\n" + bytes(e.bytes) + " tracked now" : "") + (e.bytes_per_second != null ? ", " + rate(e.bytes_per_second) : "");
  }

  // One cubic curve per edge, from the side of the client that faces the server; two nodes in one column get a
  // curve out to their right. Ends at one node are spread over its height so arrows do not pile up. The label sits
  // by the arrowhead, in the gap beside the server's column (a curve's middle may well be over another network).
  function curve(a, b, ia, ib) {
    const ya = a.y + a.h / 2 + spread(ia, a.h), yb = b.y + b.h / 2 + spread(ib, b.h);
    const acx = a.x + a.w / 2, bcx = b.x + b.w / 2;
    if (Math.abs(acx - bcx) < Math.max(a.w, b.w) / 2) {
      const x1 = a.x + a.w, x2 = b.x + b.w, out = 40 + Math.min(60, Math.abs(ya - yb) / 6);
      return {p: [[x1, ya], [Math.max(x1, x2) + out, ya], [Math.max(x1, x2) + out, yb], [x2, yb]], lx: x2 + 12, ly: yb - 4, anchor: "start"};
    }
    const right = acx < bcx;
    const x1 = right ? a.x + a.w : a.x, x2 = right ? b.x : b.x + b.w;
    const h = Math.max(40, Math.abs(x2 - x1) / 2) * (right ? 1 : -1);
    return {p: [[x1, ya], [x1 + h, ya], [x2 - h, yb], [x2, yb]], lx: right ? x2 - 12 : x2 + 12, ly: yb - 4, anchor: right ? "end" : "start"};
  }
  function spread(i, h) {
    const step = 5, room = Math.max(0, Math.floor((h - 10) / step));
    if (!room) return 0;
    const k = i % (room + 1);
    return (k % 2 ? 1 : -1) * Math.ceil(k / 2) * step;
  }

  // Draws the map into `host` (an element), replacing what was there. `fmt` has the page's rate and bytes formats.
  function draw(host, map, fmt) {
    const L = layout(map);
    while (host.firstChild) host.removeChild(host.firstChild);
    const svg = el("svg", {width: L.width, height: L.height, viewBox: "0 0 " + L.width + " " + L.height, class: "netmap", role: "img"});
    title(svg, "network map of " + (map.host || "?") + " at " + (map.time || "?"));
    const defs = el("defs", null, svg);
    ["live", "remembered", "published"].forEach((k) => {
      const m = el("marker", {id: "map-arrow-" + k, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", class: "arrow " + k}, defs);
      el("path", {d: "M0,0L10,5L0,10z"}, m);
    });
    // layers, bottom up: the networks' backgrounds, the edges, the networks' outlines with their members (so a curve
    // passes behind the boxes it crosses), the pseudo nodes
    const fits = [];
    const bgLayer = el("g", {class: "net-bg"}, svg);
    const edgeLayer = el("g", {class: "edges"}, svg);
    const netLayer = el("g", {class: "nets"}, svg);
    L.nets.forEach((b) => {
      const n = b.net;
      el("rect", {x: b.x, y: b.y, width: b.w, height: b.h, rx: 10, ry: 10, class: n.internal ? "internal" : ""}, bgLayer);
      const g = el("g", {class: "net" + (n.internal ? " internal" : "") + (b.none ? " none" : ""), "data-network": n.name}, netLayer);
      title(g, netLabel(n) + (n.driver ? " (" + n.driver + (n.internal ? ", internal: no route off the host" : "") + ")" : "") +
        ((n.subnets || []).length ? "\n" + n.subnets.join(", ") : "") + "\n" + b.members.length + " member" + (b.members.length === 1 ? "" : "s") + " drawn here");
      el("rect", {x: b.x, y: b.y, width: b.w, height: b.h, rx: 10, ry: 10, class: "box"}, g);
      const head = text(g, b.x + NET_PAD, b.y + 18, netLabel(n), "net-name");
      fits.push([head, b.w - 2 * NET_PAD - (n.internal ? 64 : 0)]);
      if (n.internal) text(g, b.x + b.w - NET_PAD, b.y + 18, "internal", "badge");
      if (!b.members.length) text(g, b.x + NET_PAD, b.y + NET_HEAD + 10, "no members", "empty");
      b.members.forEach((m) => drawNode(g, m, L.boxes[m.name], fits));
    });
    const pseudoLayer = el("g", {class: "pseudo"}, svg);
    L.pseudo.forEach((n) => drawNode(pseudoLayer, n, L.boxes[n.name], fits));
    const ends = {}, labels = [];
    (map.edges || []).forEach((e) => {
      const a = L.boxes[e.client], b = L.boxes[e.server];
      if (!a || !b || a === b) return;
      const ia = ends[e.client] = (ends[e.client] || 0) + 1, ib = ends[e.server] = (ends[e.server] || 0) + 1;
      const c = curve(a, b, ia - 1, ib - 1), p = c.p;
      const kind = e.connections > 0 ? (e.published ? "published" : "live") : "remembered";
      const g = el("g", {class: "edge " + kind, "data-client": e.client, "data-server": e.server, "data-port": e.port, "data-network": e.network}, edgeLayer);
      title(g, edgeTitle(e, fmt.rate, fmt.bytes));
      const path = el("path", {d: "M" + p[0] + "C" + p[1] + " " + p[2] + " " + p[3], "marker-end": "url(#map-arrow-" + kind + ")"}, g);
      if (kind === "remembered") path.setAttribute("stroke-dasharray", "5 4");
      const bg = el("rect", {class: "lbl-bg", rx: 3, ry: 3}, g);
      const t = text(g, c.lx, c.ly, edgeLabel(e, fmt.rate), "lbl");
      t.setAttribute("text-anchor", c.anchor);
      labels.push([t, bg]);
    });
    host.appendChild(svg);
    // text is measured only once it is in the document
    fits.forEach(([t, room]) => fit(t, room));
    // a label that would cover one placed before it moves down a line, up to six times
    const placed = [];
    const hits = (r) => placed.some((q) => r.x < q.x + q.width && q.x < r.x + r.width && r.y < q.y + q.height && q.y < r.y + r.height);
    labels.forEach(([t, bg]) => {
      let r = t.getBBox();
      for (let i = 0; i < 6 && hits(r); i++) { t.setAttribute("y", Number(t.getAttribute("y")) + 14); r = t.getBBox(); }
      placed.push(r);
      bg.setAttribute("x", r.x - 3); bg.setAttribute("y", r.y - 1); bg.setAttribute("width", r.width + 6); bg.setAttribute("height", r.height + 2);
    });
    return svg;
  }

  return {layout, draw};
})();
