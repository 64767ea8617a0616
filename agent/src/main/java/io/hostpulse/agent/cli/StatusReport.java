package io.hostpulse.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * {@code hostpulse status}, pure: from a live-view snapshot (or the reason there is none) to a Nagios-style line and
 * exit code: 0 OK (nothing firing), 1 WARNING, 2 CRITICAL (the worst alert firing), 3 UNKNOWN (no agent, no answer).
 */
record StatusReport(int exitCode, String text, String json) {
    static final int OK = 0;
    static final int WARNING = 1;
    static final int CRITICAL = 2;
    static final int UNKNOWN = 3;
    private static final String[] NAMES = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};
    private static final ObjectMapper JSON = new ObjectMapper();

    static StatusReport unknown(String reason) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", "unknown");
        n.put("exit_code", UNKNOWN);
        n.put("reason", reason);
        return new StatusReport(UNKNOWN, "HOSTPULSE UNKNOWN - " + reason, n.toString());
    }

    static StatusReport of(JsonNode s) {
        int code = OK;
        int firing = 0;
        StringBuilder lines = new StringBuilder();
        for (JsonNode a : s.path("alerts")) {
            firing++;
            String level = a.path("level").asText();
            code = Math.max(code, "critical".equals(level) ? CRITICAL : WARNING);
            lines.append('\n').append(level.toUpperCase(Locale.ROOT)).append(' ').append(a.path("message").asText());
        }
        JsonNode h = s.path("host_metrics");
        String summary = String.format(Locale.ROOT, "cpu %s%%, mem %s%%, load %s",
                fmt(h.at("/cpu/total/usage_active")), fmt(h.at("/mem/used_percent")), fmt(h.at("/system/load1")));
        String head = "HOSTPULSE " + NAMES[code] + " - " + s.path("host").asText() + ": "
                + (firing == 0 ? "nothing firing" : firing + " alert" + (firing == 1 ? "" : "s") + " firing") + "; " + summary
                + " | cpu=" + fmt(h.at("/cpu/total/usage_active")) + "% mem=" + fmt(h.at("/mem/used_percent")) + "% load1="
                + fmt(h.at("/system/load1")) + " alerts=" + firing;
        ObjectNode n = JSON.createObjectNode();
        n.put("status", NAMES[code].toLowerCase(Locale.ROOT));
        n.put("exit_code", code);
        n.put("host", s.path("host").asText());
        n.set("alerts", s.path("alerts"));
        n.set("cpu_percent", h.at("/cpu/total/usage_active"));
        n.set("mem_used_percent", h.at("/mem/used_percent"));
        n.set("load1", h.at("/system/load1"));
        n.set("collected", s.path("collected"));
        return new StatusReport(code, head + lines, n.toString());
    }

    private static String fmt(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.1f", v.asDouble()) : "?";
    }
}
