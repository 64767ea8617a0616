package io.hostpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A small builder for Grafana 10/11 dashboard JSON (schemaVersion 39): the pieces hostpulse's dashboards use and
 * nothing more. Panels are laid out left to right in rows of 24 columns, so grid positions never overlap. Every
 * InfluxDB query and panel uses the {@code ${datasource}} variable, every Loki one {@code ${loki}}: no uid is
 * written into a dashboard.
 */
final class Grafana {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int SCHEMA_VERSION = 39;
    static final String INFLUX_DS = "${datasource}";
    static final String LOKI_DS = "${loki}";

    private Grafana() {
    }

    static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    static ArrayNode arr() {
        return JSON.createArrayNode();
    }

    static ObjectNode influxRef() {
        return obj().put("type", "influxdb").put("uid", INFLUX_DS);
    }

    static ObjectNode lokiRef() {
        return obj().put("type", "loki").put("uid", LOKI_DS);
    }

    /** InfluxQL written with backticks for double quotes, so that queries stay readable in Java source. */
    static String q(String influxql) {
        return influxql.replace('`', '"');
    }

    /** A threshold step list: base colour, then (value, colour) pairs. */
    static ObjectNode thresholds(String base, Object... steps) {
        ArrayNode s = arr();
        s.add(obj().put("color", base).putNull("value"));
        for (int i = 0; i < steps.length; i += 2) {
            s.add(obj().put("color", (String) steps[i + 1]).put("value", ((Number) steps[i]).doubleValue()));
        }
        ObjectNode t = obj().put("mode", "absolute");
        t.set("steps", s);
        return t;
    }

    /** A value mapping: value, colour, (display text = value), repeated. */
    static ObjectNode valueColours(String... valueColour) {
        ObjectNode options = obj();
        for (int i = 0; i < valueColour.length; i += 2) {
            options.set(valueColour[i], obj().put("color", valueColour[i + 1]).put("index", i / 2).put("text", valueColour[i]));
        }
        ObjectNode m = obj().put("type", "value");
        m.set("options", options);
        return m;
    }

    static final class Dashboard {
        final ObjectNode root = obj();
        private final ArrayNode panels = arr();
        private final ArrayNode variables = arr();
        private final ArrayNode links = arr();
        private final ArrayNode annotations = arr();
        private int nextId = 1;
        private int x;
        private int y;
        private int lineHeight;

        Dashboard(String uid, String title, String description, String... tags) {
            ObjectNode builtIn = obj().put("builtIn", 1);
            builtIn.set("datasource", obj().put("type", "grafana").put("uid", "-- Grafana --"));
            builtIn.put("enable", true).put("hide", true).put("iconColor", "rgba(0, 211, 255, 1)")
                    .put("name", "Annotations & Alerts").put("type", "dashboard");
            annotations.add(builtIn);
            root.set("annotations", obj().set("list", annotations));
            root.put("description", description);
            root.put("editable", true);
            root.put("fiscalYearStartMonth", 0);
            root.put("graphTooltip", 1);
            root.set("links", links);
            root.set("panels", panels);
            root.put("refresh", "30s");
            root.put("schemaVersion", SCHEMA_VERSION);
            ArrayNode t = arr();
            t.add("hostpulse");
            for (String tag : tags) {
                t.add(tag);
            }
            root.set("tags", t);
            root.set("templating", obj().set("list", variables));
            root.set("time", obj().put("from", "now-6h").put("to", "now"));
            root.set("timepicker", obj());
            root.put("timezone", "browser");
            root.put("title", title);
            root.put("uid", uid);
            root.put("version", 1);
            root.put("weekStart", "");
        }

        Dashboard influxVariable() {
            variables.add(datasourceVariable("datasource", "InfluxDB", "influxdb"));
            return this;
        }

        Dashboard lokiVariable() {
            variables.add(datasourceVariable("loki", "Loki", "loki"));
            return this;
        }

        private static ObjectNode datasourceVariable(String name, String label, String type) {
            ObjectNode v = obj().put("name", name).put("label", label).put("type", "datasource").put("query", type);
            v.set("current", obj());
            v.put("hide", 0).put("includeAll", false).put("multi", false);
            v.set("options", arr());
            v.put("refresh", 1).put("regex", "");
            return v;
        }

        /** An InfluxQL query variable (SHOW TAG VALUES ...), multi-valued with "All"; Grafana starts on its first value. */
        Dashboard queryVariable(String name, String label, String influxql) {
            return queryVariable(name, label, influxql, false);
        }

        /** The same, starting on "All" (containers, networks, disks: the overview first, one by a click). */
        Dashboard queryVariableAll(String name, String label, String influxql) {
            return queryVariable(name, label, influxql, true);
        }

        private Dashboard queryVariable(String name, String label, String influxql, boolean startOnAll) {
            String query = q(influxql);
            ObjectNode v = obj().put("name", name).put("label", label).put("type", "query");
            v.set("datasource", influxRef());
            v.put("query", query).put("definition", query);
            ObjectNode current = obj();
            if (startOnAll) {
                current.put("selected", true);
                current.set("text", arr().add("All"));
                current.set("value", arr().add("$__all"));
            }
            v.set("current", current);
            v.put("hide", 0).put("includeAll", true).put("multi", true);
            v.set("options", arr());
            v.put("refresh", 2).put("regex", "").put("sort", 1);
            variables.add(v);
            return this;
        }

        Dashboard link(String title, String uid) {
            ObjectNode l = obj().put("title", title).put("type", "link").put("url", "/d/" + uid)
                    .put("icon", "dashboard").put("includeVars", true).put("keepTime", true)
                    .put("asDropdown", false).put("targetBlank", false).put("tooltip", "");
            l.set("tags", arr());
            links.add(l);
            return this;
        }

        /** Events from Loki as annotations; the text is the event's line, the title its labels. */
        Dashboard lokiAnnotation(String name, String logql, String colour) {
            ObjectNode a = obj();
            a.set("datasource", lokiRef());
            a.put("enable", true).put("expr", logql).put("iconColor", colour).put("name", name)
                    .put("instant", false).put("tagKeys", "source,level,container_name")
                    .put("titleFormat", "{{source}} {{level}}").put("textFormat", "");
            annotations.add(a);
            return this;
        }

        /** A full-width row header; with {@code repeatVariable} Grafana repeats the row and its panels per value. */
        Dashboard row(String title, String repeatVariable) {
            newLine();
            ObjectNode r = obj().put("collapsed", false);
            r.set("gridPos", grid(0, y, 24, 1));
            r.put("id", nextId++);
            r.set("panels", arr());
            if (repeatVariable != null) {
                r.put("repeat", repeatVariable);
            }
            r.put("title", title).put("type", "row");
            panels.add(r);
            y += 1;
            return this;
        }

        Dashboard row(String title) {
            return row(title, null);
        }

        Dashboard add(Panel p, int w, int h) {
            if (x + w > 24) {
                newLine();
            }
            p.node.put("id", nextId++);
            p.node.set("gridPos", grid(x, y, w, h));
            x += w;
            lineHeight = Math.max(lineHeight, h);
            panels.add(p.node);
            return this;
        }

        private void newLine() {
            if (x > 0) {
                y += lineHeight;
            }
            x = 0;
            lineHeight = 0;
        }

        private static ObjectNode grid(int x, int y, int w, int h) {
            return obj().put("h", h).put("w", w).put("x", x).put("y", y);
        }
    }

    static final class Panel {
        final ObjectNode node = obj();
        private final ObjectNode defaults = obj();
        private final ArrayNode overrides = arr();
        private final ObjectNode options = obj();
        private final ArrayNode targets = arr();
        private final ArrayNode transformations = arr();
        private final boolean loki;

        private Panel(String type, String title, String description, boolean loki) {
            this.loki = loki;
            node.put("type", type).put("title", title).put("description", description);
            node.set("datasource", loki ? lokiRef() : influxRef());
            ObjectNode fc = obj();
            fc.set("defaults", defaults);
            fc.set("overrides", overrides);
            node.set("fieldConfig", fc);
            node.set("options", options);
            node.set("targets", targets);
        }

        /** A line chart; legend as a table with mean, max and last, tooltip with every series sorted. */
        static Panel timeseries(String title, String description, String unit) {
            Panel p = new Panel("timeseries", title, description, false);
            p.defaults.put("unit", unit);
            p.defaults.set("color", obj().put("mode", "palette-classic"));
            ObjectNode custom = obj().put("drawStyle", "line").put("lineWidth", 1).put("fillOpacity", 10)
                    .put("gradientMode", "none").put("showPoints", "never").put("spanNulls", true)
                    .put("axisPlacement", "auto").put("axisSoftMin", 0);
            custom.set("stacking", obj().put("mode", "none").put("group", "A"));
            custom.set("thresholdsStyle", obj().put("mode", "off"));
            p.defaults.set("custom", custom);
            p.defaults.set("thresholds", Grafana.thresholds("green"));
            ObjectNode legend = obj().put("showLegend", true).put("displayMode", "table").put("placement", "bottom");
            legend.set("calcs", arr().add("mean").add("max").add("lastNotNull"));
            legend.put("sortBy", "Max").put("sortDesc", true);
            p.options.set("legend", legend);
            p.options.set("tooltip", obj().put("mode", "multi").put("sort", "desc"));
            return p;
        }

        static Panel bars(String title, String description, String unit) {
            Panel p = timeseries(title, description, unit);
            ((ObjectNode) p.defaults.get("custom")).put("drawStyle", "bars").put("fillOpacity", 80);
            return p;
        }

        /** One big number (or text, for string fields), coloured by thresholds or value mappings. */
        static Panel stat(String title, String description, String unit) {
            Panel p = new Panel("stat", title, description, false);
            p.defaults.put("unit", unit);
            p.defaults.set("color", obj().put("mode", "thresholds"));
            p.defaults.set("thresholds", Grafana.thresholds("green"));
            p.options.set("reduceOptions", obj().put("values", false).put("fields", "").set("calcs", arr().add("lastNotNull")));
            p.options.put("orientation", "auto").put("textMode", "auto").put("colorMode", "background")
                    .put("graphMode", "none").put("justifyMode", "auto").put("wideLayout", true);
            return p;
        }

        /** A stat that shows a string field as text (string fields are shown, never graphed). */
        static Panel text(String title, String description) {
            Panel p = stat(title, description, "string");
            ((ObjectNode) p.options.get("reduceOptions")).put("fields", "/.*/");
            p.options.put("colorMode", "none").put("textMode", "value");
            return p;
        }

        static Panel gauge(String title, String description, String unit) {
            Panel p = new Panel("gauge", title, description, false);
            p.defaults.put("unit", unit).put("min", 0).put("max", 100);
            p.defaults.set("color", obj().put("mode", "thresholds"));
            p.options.set("reduceOptions", obj().put("values", false).put("fields", "").set("calcs", arr().add("lastNotNull")));
            p.options.put("showThresholdLabels", false).put("showThresholdMarkers", true);
            return p;
        }

        static Panel table(String title, String description) {
            Panel p = new Panel("table", title, description, false);
            ObjectNode custom = obj().put("align", "auto").put("filterable", true).put("inspect", false);
            custom.set("cellOptions", obj().put("type", "auto"));
            p.defaults.set("custom", custom);
            p.defaults.set("thresholds", Grafana.thresholds("green"));
            p.options.put("showHeader", true).put("cellHeight", "sm");
            p.options.set("footer", obj().put("show", false));
            return p;
        }

        /** On/off per series over time (collector success, OOM flag). */
        static Panel states(String title, String description) {
            Panel p = new Panel("state-timeline", title, description, false);
            p.defaults.set("color", obj().put("mode", "thresholds"));
            p.options.put("showValue", "auto").put("mergeValues", true).put("rowHeight", 0.9).put("alignValue", "left");
            p.options.set("legend", obj().put("showLegend", true).put("displayMode", "list").put("placement", "bottom"));
            return p;
        }

        /** Loki log lines, newest first. */
        static Panel logs(String title, String description, String logql) {
            Panel p = new Panel("logs", title, description, true);
            p.node.remove("fieldConfig");
            p.options.put("showTime", true).put("showLabels", false).put("showCommonLabels", false)
                    .put("wrapLogMessage", true).put("prettifyLogMessage", false).put("enableLogDetails", true)
                    .put("dedupStrategy", "none").put("sortOrder", "Descending");
            p.loki(logql, null);
            return p;
        }

        /** Loki metric query drawn as bars (events per interval). */
        static Panel lokiBars(String title, String description, String logql, String legend) {
            Panel p = new Panel("timeseries", title, description, true);
            Panel shape = bars(title, description, "short");
            p.node.set("fieldConfig", shape.node.get("fieldConfig"));
            p.node.set("options", shape.node.get("options"));
            p.loki(logql, legend);
            return p;
        }

        Panel loki(String logql, String legend) {
            ObjectNode t = obj().put("refId", String.valueOf((char) ('A' + targets.size())));
            t.set("datasource", lokiRef());
            t.put("expr", logql).put("queryType", "range").put("editorMode", "code");
            if (legend != null) {
                t.put("legendFormat", legend);
            }
            targets.add(t);
            return this;
        }

        /** An InfluxQL time-series target; {@code alias} uses Grafana's $tag_x / $col patterns. */
        Panel influx(String influxql, String alias) {
            return target(influxql, alias, "time_series");
        }

        /** An InfluxQL target in table format (one row per series, tags as columns). */
        Panel influxTable(String influxql) {
            return target(influxql, null, "table");
        }

        private Panel target(String influxql, String alias, String format) {
            if (loki) {
                throw new IllegalStateException("InfluxQL on a Loki panel");
            }
            ObjectNode t = obj().put("refId", String.valueOf((char) ('A' + targets.size())));
            t.set("datasource", influxRef());
            t.put("rawQuery", true).put("query", q(influxql)).put("resultFormat", format);
            if (alias != null) {
                t.put("alias", alias);
            }
            targets.add(t);
            return this;
        }

        Panel max(double v) {
            defaults.put("max", v);
            return this;
        }

        /** What a panel shows when the query returns no rows (a count of nothing is 0). */
        Panel noValue(String text) {
            defaults.put("noValue", text);
            return this;
        }

        Panel decimals(int d) {
            defaults.put("decimals", d);
            return this;
        }

        /** Thresholds, drawn as dashed lines on charts. */
        Panel thresholds(String base, Object... steps) {
            defaults.set("thresholds", Grafana.thresholds(base, steps));
            if (defaults.has("custom") && defaults.get("custom").has("thresholdsStyle")) {
                ((ObjectNode) defaults.get("custom")).set("thresholdsStyle", obj().put("mode", "dashed"));
            }
            return this;
        }

        Panel mappings(ObjectNode... m) {
            ArrayNode a = arr();
            for (ObjectNode n : m) {
                a.add(n);
            }
            defaults.set("mappings", a);
            return this;
        }

        Panel stacked() {
            ObjectNode custom = (ObjectNode) defaults.get("custom");
            custom.set("stacking", obj().put("mode", "normal").put("group", "A"));
            custom.put("fillOpacity", 60);
            return this;
        }

        /** Field override by name: a list of (property id, value) pairs. */
        Panel override(String field, Object... idValue) {
            ObjectNode o = obj();
            o.set("matcher", obj().put("id", field.startsWith("/") ? "byRegexp" : "byName").put("options", field));
            ArrayNode props = arr();
            for (int i = 0; i < idValue.length; i += 2) {
                ObjectNode p = obj().put("id", (String) idValue[i]);
                p.set("value", JSON.valueToTree(idValue[i + 1]));
                props.add(p);
            }
            o.set("properties", props);
            overrides.add(o);
            return this;
        }

        /** A table column shown as a coloured cell, from thresholds or value mappings. */
        Panel colouredColumn(String field, String unit, ObjectNode thresholdsOrNull, ObjectNode mappingOrNull) {
            List<Object> props = new java.util.ArrayList<>(List.of("custom.cellOptions", obj().put("type", "color-background").put("mode", "basic")));
            if (unit != null) {
                props.addAll(List.of("unit", unit));
            }
            if (thresholdsOrNull != null) {
                props.addAll(List.of("thresholds", thresholdsOrNull, "color", obj().put("mode", "thresholds")));
            }
            if (mappingOrNull != null) {
                props.addAll(List.of("mappings", arr().add(mappingOrNull)));
            }
            return override(field, props.toArray());
        }

        Panel column(String field, String unit) {
            return override(field, "unit", unit);
        }

        /** A data link on a table column: to another dashboard (by uid) with variables set from the row. */
        Panel columnLink(String field, String title, String url) {
            ArrayNode links = arr();
            links.add(obj().put("title", title).put("url", url));
            return override(field, "links", links);
        }

        Panel sortBy(String column, boolean desc) {
            options.set("sortBy", arr().add(obj().put("displayName", column).put("desc", desc)));
            return this;
        }

        /** Joins the table targets on their common columns (host, container_name...) and hides Time. */
        Panel merged(String... hidden) {
            transformations.add(obj().put("id", "merge").set("options", obj()));
            ObjectNode exclude = obj().put("Time", true);
            for (String h : hidden) {
                exclude.put(h, true);
            }
            transformations.add(obj().put("id", "organize").set("options", obj().set("excludeByName", exclude)));
            node.set("transformations", transformations);
            return this;
        }

        Panel option(String key, JsonNode value) {
            options.set(key, value);
            return this;
        }
    }
}
