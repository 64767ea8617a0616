package io.hostpulse.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code hostpulse top}'s screen, pure: a live-view snapshot to at most {@code height} lines of at most {@code width}
 * characters (80×24 is the smallest it is laid out for; larger windows get more rows and a longer command column).
 * Header (host, uptime, load, CPU, memory, swap, tasks), alerts, then processes and containers sharing the rest,
 * then one line per disk with its verdict.
 */
final class TopScreen {
    enum Sort {
        CPU("cpu", "cpu_usage"), MEM("mem", "memory_rss"), IO("i/o", "io");

        final String label;
        final String key;

        Sort(String label, String key) {
            this.label = label;
            this.key = key;
        }
    }

    private TopScreen() {
    }

    static List<String> render(JsonNode s, int width, int height, Sort sort, String source) {
        List<String> out = new ArrayList<>();
        JsonNode h = s.path("host_metrics");
        out.add(String.format(Locale.ROOT, "hostpulse top - %s  %s  load %s %s %s  [%s]", s.path("host").asText(),
                uptime(h.at("/system/uptime")), f(h.at("/system/load1"), 2), f(h.at("/system/load5"), 2),
                f(h.at("/system/load15"), 2), source));
        out.add(String.format(Locale.ROOT, "CPU %5s%%  MEM %5s%% of %s  SWAP %s  TASKS %s (%s running)",
                f(h.at("/cpu/total/usage_active"), 1), f(h.at("/mem/used_percent"), 1), bytes(h.at("/mem/total")),
                h.at("/swap/total").asLong() == 0 ? "none" : f(h.at("/swap/used_percent"), 1) + "%",
                h.at("/processes/total").asText("?"), h.at("/processes/running").asText("?")));
        JsonNode alerts = s.path("alerts");
        if (alerts.isEmpty()) {
            out.add("ALERTS none firing");
        } else {
            int shown = 0;
            for (JsonNode a : alerts) {
                if (shown++ == 2) {
                    out.set(out.size() - 1, out.get(out.size() - 1) + "  (+" + (alerts.size() - 2) + " more)");
                    break;
                }
                out.add("ALERT " + a.path("level").asText().toUpperCase(Locale.ROOT) + " " + a.path("message").asText());
            }
        }
        List<JsonNode> disks = new ArrayList<>();
        s.path("disks").forEach(disks::add);
        List<JsonNode> containers = new ArrayList<>();
        s.path("containers").forEach(containers::add);
        int diskLines = Math.min(disks.size(), 3);
        int footer = 1;
        int free = height - out.size() - diskLines - footer;
        int ctrRows = containers.isEmpty() ? 0 : Math.min(containers.size(), Math.max(2, (free - 2) / 3));
        int procRows = Math.max(1, free - 1 - (ctrRows == 0 ? 0 : ctrRows + 1));
        int cmdWidth = Math.max(10, width - 62);
        out.add(String.format(Locale.ROOT, "%7s %-8s %1s %6s %8s %9s %3s %-15s %s", "PID", "USER", "S", "CPU%", "RSS",
                "IO/s", "THR", "NAME", "CONTAINER/COMMAND"));
        List<JsonNode> procs = new ArrayList<>();
        s.path("processes").forEach(procs::add);
        procs.sort(Comparator.comparingDouble((JsonNode p) -> key(p, sort)).reversed());
        for (JsonNode p : procs.subList(0, Math.min(procRows, procs.size()))) {
            String where = p.has("container_name") ? "[" + p.path("container_name").asText() + "] " : "";
            out.add(String.format(Locale.ROOT, "%7d %-8s %1s %6s %8s %9s %3d %-15s %s", p.path("pid").asLong(),
                    cut(p.path("user").asText(""), 8), p.path("state").asText(""), f(p.path("cpu_usage"), 1),
                    bytes(p.path("memory_rss")), p.has("read_bytes_per_second") ? bytes(key(p, Sort.IO)) : "-",
                    p.path("num_threads").asLong(), cut(p.path("process_name").asText(), 15),
                    cut(where + p.path("cmdline").asText(""), cmdWidth)));
        }
        if (ctrRows > 0) {
            out.add(String.format(Locale.ROOT, "%-24s %-10s %-10s %6s %9s %9s %4s", "CONTAINER", "STATE", "HEALTH", "CPU%",
                    "MEM", "LIMIT", "RST"));
            containers.sort(Comparator.comparingDouble((JsonNode c) -> c.at("/cpu/usage_percent").asDouble(0)).reversed());
            for (JsonNode c : containers.subList(0, ctrRows)) {
                out.add(String.format(Locale.ROOT, "%-24s %-10s %-10s %6s %9s %9s %4s", cut(c.path("name").asText(), 24),
                        c.path("state").asText(""), c.at("/health/health_status").asText(""), f(c.at("/cpu/usage_percent"), 1),
                        bytes(c.at("/mem/usage")), bytes(c.at("/mem/limit")), c.at("/status/restart_count").asText("")));
            }
        }
        for (JsonNode d : disks.subList(0, diskLines)) {
            out.add(String.format(Locale.ROOT, "DISK %-10s %-8s %s %s", d.path("device").asText(),
                    d.path("health_status").asText(""), d.has("temp_c") ? d.path("temp_c").asText() + "°C" : "",
                    d.path("health_reason").asText("")));
        }
        while (out.size() < height - footer) {
            out.add("");
        }
        out.add("sort: " + sort.label + "   c cpu  m memory  i i/o  q quit");
        List<String> fitted = new ArrayList<>();
        for (String l : out.subList(0, Math.min(out.size(), height))) {
            fitted.add(cut(l, width));
        }
        return fitted;
    }

    static double key(JsonNode p, Sort sort) {
        return switch (sort) {
            case CPU -> p.path("cpu_usage").asDouble(0);
            case MEM -> p.path("memory_rss").asDouble(0);
            case IO -> p.path("read_bytes_per_second").asDouble(0) + p.path("write_bytes_per_second").asDouble(0);
        };
    }

    static String cut(String s, int n) {
        return s.length() <= n ? s : n <= 1 ? s.substring(0, n) : s.substring(0, n - 1) + "…";
    }

    static String f(JsonNode v, int decimals) {
        return v.isNumber() ? String.format(Locale.ROOT, "%." + decimals + "f", v.asDouble()) : "-";
    }

    static String bytes(JsonNode v) {
        return v.isNumber() ? bytes(v.asDouble()) : "-";
    }

    static String bytes(double v) {
        String[] u = {"B", "K", "M", "G", "T"};
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? String.format(Locale.ROOT, "%.0f%s", v, u[i]) : String.format(Locale.ROOT, "%.1f%s", v, u[i]);
    }

    static String uptime(JsonNode s) {
        if (!s.isNumber()) {
            return "";
        }
        long t = s.asLong();
        return String.format(Locale.ROOT, "up %dd %dh %dm", t / 86400, (t % 86400) / 3600, (t % 3600) / 60);
    }
}
