package io.hostpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hostpulse.dashboards.ShippedDashboards.Language;
import io.hostpulse.dashboards.ShippedDashboards.Query;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shipped dashboard and provisioning file is well formed, self-contained and uses only the variable datasources. */
class DashboardStructureTest {
    /** Stream labels the Loki output sets (exporters/loki LokiStreams; DashboardQueriesIT checks them on the agent's pushes). */
    static final Set<String> LOKI_STREAM_LABELS = Set.of("host", "source", "level", "compose_project", "compose_service", "container_name");
    /** Structured metadata keys of events (docs/SCHEMA.md "Events in Loki", exporters/loki README "Event kinds"). */
    static final Set<String> LOKI_METADATA = Set.of("action", "container_id", "image", "exit_code", "signal", "health_status",
            "restarts", "window_seconds", "device", "serial", "wwn", "model", "disk_id", "previous", "current", "reason",
            "health_smart", "health_threshold", "health_failure_rate", "health_counters", "version", "collectors", "outputs",
            "output", "error", "buffered", "outage_seconds", "delivered", "dropped", "buffered_max", "logger", "thread", "part",
            "truncated", "rule", "kind");
    /** Grafana's own variables and macros. */
    static final Set<String> BUILT_IN = Set.of("timeFilter", "__timeFilter", "__interval", "interval", "__interval_ms", "__range",
            "__url_time_range", "__all", "__data", "__value", "__from", "__to", "__auto", "__rate_interval", "__field", "__series");
    private static final Pattern USE = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    private static final Pattern DASHBOARD_URL = Pattern.compile("^/d/([^/?&]+)");

    private final Map<String, JsonNode> dashboards = ShippedDashboards.load();

    @Test
    void sixDashboardsWithUniqueUidsAndASchemaVersion() {
        assertThat(dashboards).hasSize(6);
        Set<String> uids = new HashSet<>();
        dashboards.forEach((file, d) -> {
            assertThat(d.path("schemaVersion").isInt()).as("%s schemaVersion", file).isTrue();
            assertThat(d.path("schemaVersion").asInt()).as("%s: Grafana 10/11 schema", file).isBetween(36, 41);
            assertThat(d.path("title").asText()).as(file).isNotBlank();
            assertThat(uids.add(d.path("uid").asText())).as("%s uid %s unique", file, d.path("uid").asText()).isTrue();
        });
    }

    @Test
    void panelIdsAreUniqueAndPanelsDoNotOverlap() {
        dashboards.forEach((file, d) -> {
            Set<Integer> ids = new HashSet<>();
            List<int[]> boxes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (JsonNode p : d.path("panels")) {
                assertThat(p.path("panels").size()).as("%s: rows are not collapsed (panels are top level)", file).isZero();
                int id = p.path("id").asInt(-1);
                assertThat(id).as("%s panel '%s' id", file, p.path("title").asText()).isPositive();
                assertThat(ids.add(id)).as("%s panel id %d unique", file, id).isTrue();
                JsonNode g = p.path("gridPos");
                int x = g.path("x").asInt(-1);
                int y = g.path("y").asInt(-1);
                int w = g.path("w").asInt(0);
                int h = g.path("h").asInt(0);
                assertThat(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 24).as("%s panel %d gridPos %s", file, id, g).isTrue();
                for (int i = 0; i < boxes.size(); i++) {
                    int[] b = boxes.get(i);
                    boolean overlap = x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h;
                    assertThat(overlap).as("%s: panel %d %s overlaps %s", file, id, g, names.get(i)).isFalse();
                }
                boxes.add(new int[]{x, y, w, h});
                names.add("panel '" + p.path("title").asText() + "' " + g);
            }
        });
    }

    @Test
    void everyPanelAndTargetUsesTheDatasourceVariable() {
        dashboards.forEach((file, d) -> {
            for (JsonNode p : d.path("panels")) {
                if (p.path("type").asText().equals("row")) {
                    assertThat(p.has("datasource")).isFalse();
                    continue;
                }
                String where = file + " panel " + p.path("id").asInt() + " '" + p.path("title").asText() + "'";
                JsonNode ds = p.path("datasource");
                assertThat(variableDatasource(ds)).as("%s datasource %s", where, ds).isTrue();
                assertThat(p.path("targets").size()).as("%s has queries", where).isPositive();
                for (JsonNode t : p.path("targets")) {
                    assertThat(t.path("datasource")).as("%s target %s", where, t.path("refId").asText()).isEqualTo(ds);
                    assertThat(t.has(ds.path("type").asText().equals("loki") ? "expr" : "query")).as("%s target query", where).isTrue();
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                if (v.path("type").asText().equals("query")) {
                    assertThat(variableDatasource(v.path("datasource"))).as("%s variable %s", file, v.path("name").asText()).isTrue();
                } else {
                    assertThat(v.path("type").asText()).as("%s variable %s", file, v.path("name").asText()).isEqualTo("datasource");
                }
            }
            for (JsonNode a : d.path("annotations").path("list")) {
                if (a.path("builtIn").asInt() != 1) {
                    assertThat(variableDatasource(a.path("datasource"))).as("%s annotation %s", file, a.path("name").asText()).isTrue();
                }
            }
        });
    }

    private static boolean variableDatasource(JsonNode ds) {
        return (ds.path("type").asText().equals("influxdb") && ds.path("uid").asText().equals(Grafana.INFLUX_DS))
                || (ds.path("type").asText().equals("loki") && ds.path("uid").asText().equals(Grafana.LOKI_DS));
    }

    @Test
    void everyVariableUsedIsDefinedAndHostIsMultiValued() {
        dashboards.forEach((file, d) -> {
            Map<String, JsonNode> defined = new LinkedHashMap<>();
            d.path("templating").path("list").forEach(v -> defined.put(v.path("name").asText(), v));
            assertThat(defined).as(file).containsKeys("datasource", "host");
            assertThat(defined.get("host").path("multi").asBoolean() && defined.get("host").path("includeAll").asBoolean())
                    .as("%s: host is multi-valued with All", file).isTrue();
            Set<String> used = new TreeSet<>();
            collectUses(d, null, used);
            for (String u : used) {
                assertThat(defined.containsKey(u) || BUILT_IN.contains(u)).as("%s uses $%s, which is not defined", file, u).isTrue();
            }
            for (JsonNode p : d.path("panels")) {
                if (p.has("repeat")) {
                    assertThat(defined).as("%s repeats over", file).containsKey(p.path("repeat").asText());
                }
            }
            boolean usesLoki = d.toString().contains(Grafana.LOKI_DS);
            assertThat(!usesLoki || defined.containsKey("loki")).as("%s defines loki", file).isTrue();
        });
    }

    /** Variable uses in every string of the dashboard; in {@code alias} Grafana's $tag_x, $col and $m patterns are not variables. */
    private static void collectUses(JsonNode n, String key, Set<String> used) {
        if (n.isTextual()) {
            Matcher m = USE.matcher(n.asText());
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                name = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                if ("alias".equals(key) && (name.startsWith("tag_") || name.equals("col") || name.equals("m") || name.equals("measurement"))) {
                    continue;
                }
                used.add(name);
            }
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> collectUses(e.getValue(), e.getKey(), used));
        } else if (n.isArray()) {
            n.forEach(c -> collectUses(c, key, used));
        }
    }

    @Test
    void everyLinkResolvesToAShippedDashboard() {
        Set<String> uids = new HashSet<>();
        dashboards.values().forEach(d -> uids.add(d.path("uid").asText()));
        int[] count = {0};
        dashboards.forEach((file, d) -> {
            List<String> urls = new ArrayList<>();
            d.path("links").forEach(l -> urls.add(l.path("url").asText()));
            for (JsonNode prop : d.findParents("id")) {
                if (prop.path("id").asText().equals("links")) {
                    prop.path("value").forEach(l -> urls.add(l.path("url").asText()));
                }
            }
            for (String url : urls) {
                Matcher m = DASHBOARD_URL.matcher(url);
                assertThat(m.find()).as("%s link %s goes to a dashboard by uid", file, url).isTrue();
                assertThat(uids).as("%s link %s", file, url).contains(m.group(1));
                count[0]++;
            }
            assertThat(d.path("links").size()).as("%s links to the other dashboards", file).isEqualTo(dashboards.size());
        });
        assertThat(count[0]).as("dashboard links plus table data links").isGreaterThan(dashboards.size() * dashboards.size());
    }

    @Test
    void chartsHaveUnitsAndInfluxQueriesFilterByHostAndTime() {
        for (Query q : ShippedDashboards.allQueries()) {
            if (q.language() == Language.INFLUXQL && !q.variableQuery()) {
                assertThat(q.text()).as("%s filters by host", q).contains("\"host\" =~ /^$host$/");
                assertThat(q.text()).as("%s has a time filter", q).contains("$timeFilter");
            }
        }
        dashboards.forEach((file, d) -> {
            for (JsonNode p : d.path("panels")) {
                String type = p.path("type").asText();
                if (Set.of("timeseries", "stat", "gauge").contains(type) && !p.path("datasource").path("type").asText().equals("loki")) {
                    assertThat(p.path("fieldConfig").path("defaults").path("unit").asText())
                            .as("%s panel '%s' unit", file, p.path("title").asText()).isNotBlank();
                }
            }
        });
    }

    @Test
    void logQlQueriesParseAndUseOnlyLabelsTheLokiOutputWrites() {
        List<Query> logql = ShippedDashboards.allQueries().stream().filter(q -> q.language() == Language.LOGQL).toList();
        assertThat(logql).hasSizeGreaterThan(10);
        for (Query q : logql) {
            for (List<String> hosts : List.of(List.of("web-01"), List.of("web-01", "nas"))) {
                String text = InfluxMacros.expand(q.text(), Map.of("host", hosts, "container", List.of("shop-db-1")),
                        InfluxMacros.Range.relative("1h"), "1m");
                LogQl.Parsed p = LogQl.parse(text);
                assertThat(LOKI_STREAM_LABELS).as("%s stream labels", q).containsAll(p.streamLabels());
                assertThat(LOKI_STREAM_LABELS).as("%s grouping", q).containsAll(p.groupedLabels());
                assertThat(LOKI_METADATA).as("%s metadata filters", q).containsAll(p.filteredLabels());
            }
        }
    }

    @Test
    void provisioningPointsAtTheVariablesDatasourcesAndTheDashboardsFolder() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Path dsDir = ShippedDashboards.PROVISIONING.resolve("datasources");
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ShippedDashboards.PROVISIONING.resolve("hostpulse.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(env).containsEntry("INFLUX_URL", "http://influxdb:8086").containsEntry("LOKI_URL", "http://loki:3100")
                .containsEntry("INFLUX_DATABASE", "hostpulse").containsEntry("HOSTPULSE_INTERVAL", "10s");

        String dsText = Files.readString(dsDir.resolve("hostpulse.yaml"));
        JsonNode ds = yaml.readTree(dsText);
        assertThat(ds.path("apiVersion").asInt()).isEqualTo(1);
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        ds.path("datasources").forEach(s -> byType.put(s.path("type").asText(), s));
        assertThat(byType).containsOnlyKeys("influxdb", "loki");
        assertThat(byType.get("influxdb").path("url").asText()).isEqualTo("$INFLUX_URL");
        assertThat(byType.get("influxdb").path("jsonData").path("dbName").asText()).isEqualTo("$INFLUX_DATABASE");
        assertThat(byType.get("influxdb").path("jsonData").has("version")).as("InfluxQL is the default query language").isFalse();
        assertThat(byType.get("loki").path("url").asText()).isEqualTo("$LOKI_URL");
        Matcher m = Pattern.compile("\\$(\\w+)").matcher(dsText.replaceAll("(?m)#.*$", ""));
        while (m.find()) {
            assertThat(env).as("hostpulse.env gives $%s a default", m.group(1)).containsKey(m.group(1));
        }

        JsonNode dash = yaml.readTree(ShippedDashboards.PROVISIONING.resolve("dashboards/hostpulse.yaml").toFile());
        assertThat(dash.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode provider = dash.path("providers").path(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText();
        assertThat(path).isEqualTo("/var/lib/grafana/dashboards/hostpulse");
        String readme = Files.readString(ShippedDashboards.MODULE.resolve("README.md"));
        assertThat(readme).as("the README mounts dashboards/ where the provider reads").contains("dashboards:" + path);
        assertThat(readme).contains("provisioning/datasources/hostpulse.yaml:/etc/grafana/provisioning/datasources/hostpulse.yaml")
                .contains("provisioning/dashboards/hostpulse.yaml:/etc/grafana/provisioning/dashboards/hostpulse.yaml");
    }
}
