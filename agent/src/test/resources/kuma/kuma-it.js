// Test helper for the alert ITs, run with NODE_PATH=<kuma install>/node_modules (socket.io-client comes with Kuma).
//   node kuma-it.js setup <url> <user> <pass> name:token:interval...   first-run setup, login, add push monitors;
//                                                                       prints {"name": monitorId, ...}
//   node kuma-it.js beats <url> <user> <pass>                          prints {"names": {id: name}, "beats": {id: [...]}}
const { io } = require("socket.io-client");
const [cmd, url, user, pass, ...rest] = process.argv.slice(2);
const s = io(url, { transports: ["websocket"], reconnection: false });
const emit = (ev, ...a) => new Promise((res) => s.emit(ev, ...a, res));
const fail = (m, o) => { console.error(m, o === undefined ? "" : JSON.stringify(o)); process.exit(3); };
setTimeout(() => fail("kuma-it.js: timeout"), 30000);
s.on("connect_error", (e) => fail("connect_error " + e.message));

let monitors = null;
const beats = {};
const done = () => {
  if (monitors === null) return;
  const ids = Object.keys(monitors);
  if (ids.every((id) => beats[id] !== undefined)) {
    const names = {};
    for (const id of ids) names[id] = monitors[id].name;
    console.log(JSON.stringify({ names, beats }));
    process.exit(0);
  }
};
s.on("monitorList", (m) => { monitors = m; if (cmd === "beats") done(); });
s.on("heartbeatList", (id, list) => {
  beats[id] = list.map((b) => ({ status: b.status, msg: b.msg, time: b.time, ping: b.ping }));
  if (cmd === "beats") done();
});

s.on("connect", async () => {
  if (cmd === "setup") {
    await emit("setup", user, pass); // an error if already set up: harmless
  }
  const l = await emit("login", { username: user, password: pass, token: "" });
  if (!l.ok) fail("login failed", l);
  if (cmd === "setup") {
    const ids = {};
    for (const spec of rest) {
      const [name, token, interval] = spec.split(":");
      const r = await emit("add", {
        type: "push", name, pushToken: token, interval: Number(interval), retryInterval: Number(interval),
        maxretries: 0, accepted_statuscodes: ["200-299"], notificationIDList: {},
        kafkaProducerBrokers: [], kafkaProducerSaslOptions: {},
      });
      if (!r.ok) fail("add failed", r);
      ids[name] = r.monitorID;
    }
    console.log(JSON.stringify(ids));
    process.exit(0);
  }
});
