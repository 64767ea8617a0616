package io.hostpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed dashboards as users mount them (grafana-dashboards/dashboards/*.json), and every query in them:
 * panel targets, template variables and annotations.
 */
final class ShippedDashboards {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path DIR = MODULE.resolve("dashboards");
    static final Path PROVISIONING = MODULE.resolve("provisioning");

    private ShippedDashboards() {
    }

    /** File name -> parsed JSON, sorted by name. */
    static Map<String, JsonNode> load() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                m.put(p.getFileName().toString(), Grafana.JSON.readTree(p.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    enum Language { INFLUXQL, LOGQL }

    /**
     * One query of a dashboard. {@code where} names it for messages ("panel 12 'CPU usage' target B");
     * {@code repeat} is the variable its row repeats over (null when none).
     */
    record Query(String dashboard, String uid, String where, String panelTitle, String refId, Language language, String text,
                 String repeat, boolean variableQuery) {
        @Override
        public String toString() {
            return uid + " " + where;
        }
    }

    static List<Query> queries(String file, JsonNode dash) {
        List<Query> out = new ArrayList<>();
        String uid = dash.path("uid").asText();
        for (JsonNode v : dash.path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                out.add(new Query(file, uid, "variable $" + v.path("name").asText(), v.path("name").asText(), "",
                        languageOf(v.path("datasource")), v.path("query").asText(), null, true));
            }
        }
        for (JsonNode a : dash.path("annotations").path("list")) {
            if (a.has("expr")) {
                out.add(new Query(file, uid, "annotation '" + a.path("name").asText() + "'", a.path("name").asText(), "",
                        Language.LOGQL, a.path("expr").asText(), null, false));
            } else if (a.has("query")) {
                out.add(new Query(file, uid, "annotation '" + a.path("name").asText() + "'", a.path("name").asText(), "",
                        Language.INFLUXQL, a.path("query").asText(), null, false));
            }
        }
        String repeat = null;
        for (JsonNode p : dash.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                repeat = p.hasNonNull("repeat") ? p.path("repeat").asText() : null;
                continue;
            }
            for (JsonNode t : p.path("targets")) {
                String where = "panel " + p.path("id").asInt() + " '" + p.path("title").asText() + "' target " + t.path("refId").asText();
                if (t.has("expr")) {
                    out.add(new Query(file, uid, where, p.path("title").asText(), t.path("refId").asText(), Language.LOGQL,
                            t.path("expr").asText(), repeat, false));
                } else {
                    out.add(new Query(file, uid, where, p.path("title").asText(), t.path("refId").asText(), Language.INFLUXQL,
                            t.path("query").asText(), repeat, false));
                }
            }
        }
        return out;
    }

    private static Language languageOf(JsonNode datasource) {
        return datasource.path("type").asText().equals("loki") ? Language.LOGQL : Language.INFLUXQL;
    }

    static List<Query> allQueries() {
        List<Query> all = new ArrayList<>();
        load().forEach((f, d) -> all.addAll(queries(f, d)));
        return all;
    }
}
