package io.hostpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.dashboards.InfluxMacros.Range;
import io.hostpulse.dashboards.ShippedDashboards.Language;
import io.hostpulse.dashboards.ShippedDashboards.Query;
import io.hostpulse.testing.DockerDaemon;
import io.hostpulse.testing.Influxd;
import io.hostpulse.testing.LokiTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every InfluxQL query of every shipped dashboard returns data written by the built agent: a real influxd 1.6, the
 * agent jar run through bin/hostpulse with the host collector, the Docker collector on a private dockerd (two
 * networks, a memory limit, a CPU limit, a crash loop, a failing healthcheck, Compose labels) and SMART from recorded
 * smartctl outputs through a fake smartctl. Queries are expanded as Grafana's InfluxDB datasource does
 * ({@link InfluxMacros}) with one value, several values and All, over a relative and an absolute time range.
 * Panels for data this machine cannot have are listed in {@link #CANNOT_HAVE_HERE} with the reason, and printed.
 */
class DashboardQueriesIT {
    private static final String HOST = "dash-it";
    private static final int AGENT_INTERVAL_S = 2;
    /** Grafana never groups by less than the datasource's min interval; twice the agent's makes every bucket hold a sample. */
    private static final String INTERVAL = (2 * AGENT_INTERVAL_S) + "s";

    /** uid + " / " + panel title (a whole panel) or + " / " + refId (one target) -> why this machine has no data for it. */
    static final Map<String, String> CANNOT_HAVE_HERE = new LinkedHashMap<>();

    static {
        String sensors = "written by the sensors collector (issue 14, not in this build); this machine also has no /sys/class/hwmon";
        String gpu = "measurements nvidia_smi and amd_rocm_smi: no GPU, nvidia-smi or amdgpu here (and the sensors collector is not in this build)";
        CANNOT_HAVE_HERE.put("hostpulse-host / Temperatures", "measurement temp: " + sensors + " and no thermal zones");
        CANNOT_HAVE_HERE.put("hostpulse-host / Chip temperatures", "measurement sensors (temp_input): " + sensors);
        CANNOT_HAVE_HERE.put("hostpulse-host / Fans", "measurement sensors (fan_input): " + sensors);
        CANNOT_HAVE_HERE.put("hostpulse-host / Voltages", "measurement sensors (in_input): " + sensors);
        CANNOT_HAVE_HERE.put("hostpulse-host / GPU utilisation and temperature", gpu);
        CANNOT_HAVE_HERE.put("hostpulse-host / GPU memory", gpu);
        String blkio = "docker_container_blkio: this machine's kernel counts no block I/O per cgroup (blkio.throttle.io_service_bytes "
                + "stays 'Total 0' even for O_DIRECT writes, so Docker's blkio_stats lists are empty and the collector writes no point)";
        CANNOT_HAVE_HERE.put("hostpulse-containers / Containers / F", blkio);
        CANNOT_HAVE_HERE.put("hostpulse-containers / Block I/O by container", blkio);
        CANNOT_HAVE_HERE.put("hostpulse-networks / Traffic per edge", "docker_flow bytes_per_second comes from nf_conntrack: "
                + "accounting is off here (net.netfilter.nf_conntrack_acct=0) and the private test engine runs without iptables, "
                + "so its bridges' connections are not tracked at all");
        CANNOT_HAVE_HERE.put("hostpulse-host / Power", "rapl, sensors.power_average, nvidia_smi and amd_rocm_smi power_draw: " + sensors
                + ", no /sys/class/powercap (RAPL) and no GPU");
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path FIXTURES = Path.of("src", "test", "resources", "smartctl").toAbsolutePath();

    @Test
    void everyPanelQueryReturnsDataFromTheBuiltAgent(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        try (Influxd influx = Influxd.started(); DockerDaemon docker = DockerDaemon.start(); LokiTestServer loki = LokiTestServer.start()) {
            influx.createDatabase("hostpulse");
            startContainers(docker);
            Path config = writeConfig(dir, influx.url(), docker.host(), loki.url(), fakeSmartctl(dir));
            long from = System.currentTimeMillis() - 60_000;
            Process agent = startAgent(dir, config);
            try {
                Thread.sleep(6000);
                // while the agent follows /events: a healthcheck that fails (health_status events) ...
                docker.docker("run", "-d", "--name", "sick", "--network", "none", "--health-cmd", "false", "--health-interval", "1s",
                        "--health-retries", "1", DockerDaemon.IMAGE, "sleep", "1000");
                // ... and a Compose service that fails: die with exit 1, Compose labels
                try {
                    docker.docker("run", "--name", "job", "--network", "none", "--label", "com.docker.compose.project=shop",
                            "--label", "com.docker.compose.service=job", DockerDaemon.IMAGE, "sh", "-c", "exit 1");
                } catch (IOException expected) {
                    assertThat(expected).hasMessageContaining("(1)");
                }
                awaitData(influx, agent, dir);
            } finally {
                agent.destroy(); // SIGTERM: the agent flushes its outputs
                if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
            assertThat(agent.exitValue()).as("agent exit; stderr: %s", tail(dir.resolve("agent.err"))).isZero();
            long to = System.currentTimeMillis() + 60_000;
            long agentDone = System.nanoTime();

            Report report = checkQueries(influx.url(), List.of(Range.relative("15m"), Range.absolute(from, to)));
            System.out.println(report.summary());
            assertThat(report.failures).as("queries without data or with errors").isEmpty();

            // the LogQL checks allow only labels the Loki output writes: the agent's real pushes stay within them
            Set<String> lokiLabels = new TreeSet<>();
            Set<String> lokiMetadata = new TreeSet<>();
            loki.entries().forEach(e -> {
                lokiLabels.addAll(e.labels().keySet());
                lokiMetadata.addAll(e.metadata().keySet());
            });
            assertThat(lokiLabels).as("stream labels the agent pushed").contains("host", "source", "level", "container_name",
                    "compose_project", "compose_service");
            assertThat(DashboardStructureTest.LOKI_STREAM_LABELS).containsAll(lokiLabels);
            // and the metadata keys the dashboards filter on (| action="die" | exit_code!="0") are in the pushes
            assertThat(lokiMetadata).as("structured metadata the agent pushed").contains("action", "exit_code", "health_status");
            System.out.printf("DashboardQueriesIT: agent run %.1f s, whole test %.1f s%n",
                    (agentDone - started) / 1e9, (System.nanoTime() - started) / 1e9);
        }
    }

    // ------------------------------------------------------------------------------------------- the machine

    private static void startContainers(DockerDaemon d) throws Exception {
        String img = DockerDaemon.IMAGE;
        d.docker("network", "create", "--subnet", "10.232.1.0/24", "frontend");
        d.docker("network", "create", "--subnet", "10.232.2.0/24", "backend");
        d.docker("run", "-d", "--name", "web", "--network", "frontend", "--cpus", "0.5",
                "--label", "com.docker.compose.project=shop", "--label", "com.docker.compose.service=web",
                "--health-cmd", "true", "--health-interval", "1s", img,
                "sh", "-c", "dd if=/dev/zero of=/www/f bs=1000 count=200 2>/dev/null && exec httpd -f -p 80 -h /www");
        d.docker("network", "connect", "backend", "web");
        d.docker("run", "-d", "--name", "db", "--network", "backend", "--memory", "64m", img,
                "sh", "-c", "while true; do dd if=/dev/zero of=/tmp/blk bs=4096 count=256 oflag=direct 2>/dev/null; sleep 1; done");
        d.docker("run", "-d", "--name", "client", "--network", "frontend", img,
                "sh", "-c", "while true; do wget -q -O /dev/null http://web/f; sleep 0.5; done");
        // a long-lived connection for the network map (docker_flow), which also breaks the IT's segmentation rule
        d.docker("run", "-d", "--name", "worker", "--network", "backend", img,
                "sh", "-c", "while true; do sleep 999999 | nc web 80; sleep 1; done");
        d.docker("run", "-d", "--name", "crashy", "--network", "none", "--restart", "always", img, "sh", "-c", "sleep 1; exit 3");
    }

    /** smartctl that replays one recorded --json reply per device (the device path is its last argument). */
    private static Path fakeSmartctl(Path dir) throws IOException {
        Map<String, String> disks = disks();
        StringBuilder s = new StringBuilder("#!/bin/sh\nfor last; do :; done\ncase \"$last\" in\n");
        disks.forEach((dev, file) -> s.append("  ").append(dev).append(") exec cat '").append(FIXTURES.resolve(file)).append("';;\n"));
        s.append("  *) echo '{\"smartctl\": {\"exit_status\": 2, \"messages\": [{\"string\": \"no such device\", \"severity\": \"error\"}]}}'; exit 2;;\nesac\n");
        Path script = dir.resolve("smartctl");
        Files.writeString(script, s.toString());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static Map<String, String> disks() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("/dev/sda", "sata-hdd-wd-wd140edfz-healthy-selftest-log.json");
        m.put("/dev/sdb", "sata-hdd-seagate-st3500418as-reallocated-304.json");
        m.put("/dev/sdc", "sata-ssd-samsung-860-evo-wear.json");
        m.put("/dev/nvme0", "nvme-samsung-970-evo-media-errors.json");
        return m;
    }

    private static Path writeConfig(Path dir, String influx, String dockerHost, String loki, Path smartctl) throws IOException {
        StringBuilder devices = new StringBuilder();
        disks().keySet().forEach(d -> devices.append("        - {device: ").append(d).append(", type: ")
                .append(d.contains("nvme") ? "nvme" : "sat").append("}\n"));
        Path cfg = dir.resolve("hostpulse.yaml");
        Files.writeString(cfg, """
                agent:
                  interval: %1$ds
                  hostname: %2$s
                  data_dir: %3$s
                  http: {enabled: false}
                collectors:
                  host: {}
                  docker:
                    enabled: true
                    endpoint: "%4$s"
                    container_timeout: 10s
                    network_map:
                      rules:
                        - {name: web_only_from_client, kind: accept_only, to: "container:web", from: ["container:client"]}
                  smart:
                    enabled: true
                    interval: %1$ds
                    smartctl_path: %5$s
                    scan: false
                    devices:
                %6$s
                outputs:
                  - type: influxdb
                    api: v1
                    url: %7$s
                    database: hostpulse
                    flush_interval: 1s
                    flush_jitter: 0s
                  - type: loki
                    url: %8$s
                    format: json
                    flush_interval: 1s
                    flush_jitter: 0s
                """.formatted(AGENT_INTERVAL_S, HOST, dir.resolve("data"), dockerHost, smartctl, devices.toString().stripTrailing(),
                influx, loki));
        return cfg;
    }

    /** The built agent as a user starts it: bin/hostpulse, which runs agent/target/hostpulse.jar. */
    private static Process startAgent(Path dir, Path config) throws IOException {
        Path launcher = Path.of("..", "bin", "hostpulse").toAbsolutePath().normalize();
        Path jar = Path.of("..", "agent", "target", "hostpulse.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the built agent jar (mvn verify builds it before this module)").isRegularFile();
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "run", "--config", config.toString())
                .redirectOutput(dir.resolve("agent.out").toFile()).redirectError(dir.resolve("agent.err").toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return pb.start();
    }

    /** Until every collector has written enough for rates: a few docker_network rates, two SMART runs, 20 s of host data. */
    private static void awaitData(Influxd influx, Process agent, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long minimum = System.nanoTime() + TimeUnit.SECONDS.toNanos(18);
        while (true) {
            assertThat(agent.isAlive()).as("agent running; stderr: %s", tail(dir.resolve("agent.err"))).isTrue();
            boolean enough = count(influx.url(), "SELECT count(`rx_bytes_per_second`) FROM `docker_network`") >= 6
                    && count(influx.url(), "SELECT count(`temp_c`) FROM `smart_device`") >= 12
                    && count(influx.url(), "SELECT count(`load1`) FROM `system`") >= 8
                    && count(influx.url(), "SELECT count(`output_points_written`) FROM `hostpulse_agent`") >= 4;
            if (enough && System.nanoTime() > minimum) {
                return;
            }
            assertThat(System.nanoTime()).as("enough data within 60 s; stderr: %s", tail(dir.resolve("agent.err"))).isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    private static long count(String url, String q) {
        JsonNode r = influxQuery(url, Grafana.q(q));
        long n = 0;
        for (JsonNode s : r.path("results").path(0).path("series")) {
            for (JsonNode v : s.path("values")) {
                n += v.path(1).asLong();
            }
        }
        return n;
    }

    // --------------------------------------------------------------------------------------------- the check

    static final class Report {
        final List<String> failures = new ArrayList<>();
        final List<String> cannotHave = new ArrayList<>();
        final List<String> emptyValues = new ArrayList<>();
        /** Per query: every column its expansions returned, and those that had a value at least once. */
        final Map<Query, Set<String>> columns = new LinkedHashMap<>();
        final Map<Query, Set<String>> filled = new LinkedHashMap<>();
        int queries;
        int runs;

        String summary() {
            StringBuilder sb = new StringBuilder("DashboardQueriesIT: " + queries + " InfluxQL queries, " + runs
                    + " expanded runs against influxd 1.6\nPanels for data this machine cannot have (" + cannotHave.size() + " queries):\n");
            CANNOT_HAVE_HERE.forEach((panel, why) -> sb.append("  - ").append(panel).append(": ").append(why).append('\n'));
            if (!emptyValues.isEmpty()) {
                sb.append("Repeated rows empty for some values (data only some disks or networks have):\n");
                emptyValues.forEach(e -> sb.append("  - ").append(e).append('\n'));
            }
            failures.forEach(f -> sb.append("FAILED ").append(f).append('\n'));
            return sb.toString();
        }
    }

    private static Report checkQueries(String url, List<Range> ranges) {
        Report report = new Report();
        Set<String> panelsSeen = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : ShippedDashboards.load().entrySet()) {
            List<Query> queries = ShippedDashboards.queries(e.getKey(), e.getValue());
            Map<String, List<String>> all = variableValues(url, queries, ranges.get(0), report);
            for (Query q : queries) {
                if (q.language() != Language.INFLUXQL || q.variableQuery()) {
                    continue;
                }
                report.queries++;
                String panel = q.uid() + " / " + q.panelTitle();
                String target = panel + " / " + q.refId();
                panelsSeen.add(panel);
                panelsSeen.add(target);
                boolean cannotHave = CANNOT_HAVE_HERE.containsKey(panel) || CANNOT_HAVE_HERE.containsKey(target);
                for (Range range : ranges) {
                    if (q.repeat() != null) {
                        // a repeated row: Grafana runs it once per value, with that one value
                        List<String> empty = new ArrayList<>();
                        for (String v : all.get(q.repeat())) {
                            Map<String, List<String>> values = new LinkedHashMap<>(all);
                            values.put(q.repeat(), List.of(v));
                            if (!run(url, q, values, range, report, false)) {
                                empty.add(v);
                            }
                        }
                        if (empty.size() == all.get(q.repeat()).size() && !cannotHave) {
                            report.failures.add(q + ": no data for any $" + q.repeat() + " " + all.get(q.repeat()));
                        } else if (!empty.isEmpty() && range == ranges.get(0)) {
                            report.emptyValues.add(q + ": $" + q.repeat() + " = " + empty);
                        }
                        continue;
                    }
                    // All, every single value of the query's variables, and the first two together: each must parse;
                    // All must return data, and so must at least one single value (two chosen values may both lack it)
                    boolean data = run(url, q, all, range, report, !cannotHave);
                    if (cannotHave && range == ranges.get(0)) {
                        report.cannotHave.add(q + (data ? " (has data on this machine after all)" : ""));
                    }
                    for (String name : usedVariables(q.text(), all)) {
                        List<String> vals = all.get(name);
                        boolean anySingle = false;
                        for (String v : vals) {
                            Map<String, List<String>> values = new LinkedHashMap<>(all);
                            values.put(name, List.of(v));
                            anySingle |= run(url, q, values, range, report, false);
                        }
                        if (!anySingle && !cannotHave) {
                            report.failures.add(q + ": no data for any single $" + name + " of " + vals);
                        }
                        if (vals.size() >= 2) {
                            Map<String, List<String>> values = new LinkedHashMap<>(all);
                            values.put(name, vals.subList(0, 2));
                            run(url, q, values, range, report, false);
                        }
                    }
                }
            }
        }
        assertThat(panelsSeen).as("the can't-have list names shipped panels").containsAll(CANNOT_HAVE_HERE.keySet());
        // a table or multi-field query: each of its columns (fields) must have had a value somewhere
        report.columns.forEach((q, cols) -> {
            Set<String> missing = new TreeSet<>(cols);
            missing.removeAll(report.filled.get(q));
            String panel = q.uid() + " / " + q.panelTitle();
            if (!missing.isEmpty() && !CANNOT_HAVE_HERE.containsKey(panel) && !CANNOT_HAVE_HERE.containsKey(panel + " / " + q.refId())) {
                report.failures.add(q + ": column(s) " + missing + " never had a value");
            }
        });
        return report;
    }

    /** Runs the dashboard's variable queries in order (later ones may use earlier ones, all at "All"). */
    private static Map<String, List<String>> variableValues(String url, List<Query> queries, Range range, Report report) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Query q : queries) {
            if (!q.variableQuery()) {
                continue;
            }
            String text = InfluxMacros.expand(q.text(), values, range, INTERVAL);
            JsonNode r = influxQuery(url, text);
            report.runs++;
            String error = r.path("results").path(0).path("error").asText("");
            List<String> vals = new ArrayList<>();
            for (JsonNode s : r.path("results").path(0).path("series")) {
                int col = indexOf(s.path("columns"), "value");
                for (JsonNode v : s.path("values")) {
                    vals.add(v.path(col).asText());
                }
            }
            if (!error.isEmpty() || vals.isEmpty()) {
                report.failures.add(q + ": " + (error.isEmpty() ? "no values" : error) + " in " + text);
            }
            values.put(q.panelTitle(), vals.stream().distinct().sorted().toList());
        }
        assertThat(values.get("host")).as("host values").contains(HOST);
        return values;
    }

    private static List<String> usedVariables(String text, Map<String, List<String>> all) {
        return all.keySet().stream().filter(n -> text.contains("$" + n + "$") || text.contains("${" + n + "}")).toList();
    }

    /** Runs one expansion; records an error as a failure, and no non-null value as a failure when {@code mustHaveData}. */
    private static boolean run(String url, Query q, Map<String, List<String>> values, Range range, Report report, boolean mustHaveData) {
        String text = InfluxMacros.expand(q.text(), values, range, INTERVAL);
        assertThat(java.util.regex.Pattern.compile("\\$\\w|\\$\\{|\\[\\[").matcher(text).find()).as("%s: every variable expanded in %s", q, text).isFalse();
        JsonNode r = influxQuery(url, text);
        report.runs++;
        JsonNode result = r.path("results").path(0);
        if (result.has("error") || r.has("error")) {
            report.failures.add(q + ": " + result.path("error").asText(r.path("error").asText()) + "\n      " + text);
            return false;
        }
        boolean data = false;
        Set<String> columns = report.columns.computeIfAbsent(q, k -> new TreeSet<>());
        Set<String> filled = report.filled.computeIfAbsent(q, k -> new TreeSet<>());
        for (JsonNode s : result.path("series")) {
            JsonNode names = s.path("columns");
            for (int i = 1; i < names.size(); i++) {
                columns.add(names.get(i).asText());
            }
            for (JsonNode row : s.path("values")) {
                for (int i = 1; i < row.size(); i++) {
                    if (!row.get(i).isNull()) {
                        filled.add(names.get(i).asText());
                        data = true;
                    }
                }
            }
        }
        if (data) {
            return true;
        }
        if (mustHaveData) {
            report.failures.add(q + ": no non-null value\n      " + text);
        }
        return false;
    }

    private static int indexOf(JsonNode columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).asText().equals(name)) {
                return i;
            }
        }
        return columns.size() - 1;
    }

    /** The query as Grafana's datasource sends it: POST /query, form-encoded, epoch=ms. */
    static JsonNode influxQuery(String url, String q) {
        String body = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&db=hostpulse&epoch=ms";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/query"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode j = Grafana.JSON.readTree(r.body());
            if (r.statusCode() != 200 && !j.has("error")) {
                return Grafana.obj().put("error", "HTTP " + r.statusCode() + " " + r.body());
            }
            return j;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path p) {
        try {
            List<String> lines = Files.readAllLines(p);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
