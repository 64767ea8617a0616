package io.hostpulse.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Prints the effective config for check-config, with every secret shown as ******. */
public final class ConfigPrinter {
    /** Keys redacted even when no module declared them secret: better a hidden value than a leaked one. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|token|secret|api_?key|auth).*");

    private ConfigPrinter() {
    }

    /**
     * A short header, then the effective config as YAML: every key the agent and its plugins read, with the value
     * they run with (the file's, or the default), so the embedded default shows everything it runs too.
     */
    public static String print(AgentConfig c) {
        StringBuilder sb = new StringBuilder();
        sb.append("# config: ").append(c.source()).append(" is valid\n");
        if (c.emptyFileNote() != null) {
            sb.append("# note: ").append(c.emptyFileNote()).append('\n');
        }
        List<String> cols = new ArrayList<>();
        c.collectors().forEach(x -> cols.add(x.name() + (x.cron() != null ? " (cron " + x.cron() + ")" : " (every " + x.interval().toSeconds() + "s)")));
        sb.append("# collectors: ").append(cols.isEmpty() ? "none" : String.join(", ", cols)).append('\n');
        sb.append("# outputs: ").append(c.outputNames().isEmpty() ? "none" : String.join(", ", c.outputNames())).append('\n');
        sb.append("# effective config (defaults included, secrets shown as ******):\n");
        Object redacted = redact(c.effective(), "", c.secretPaths());
        try {
            sb.append(new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                    .writeValueAsString(redacted));
        } catch (JsonProcessingException e) {
            sb.append("# (cannot print the config: ").append(e.getOriginalMessage()).append(")\n");
        }
        return sb.toString();
    }

    static Object redact(Object node, String path, Set<String> secrets) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                String p = path.isEmpty() ? String.valueOf(k) : path + "." + k;
                boolean secret = secrets.contains(p) || (SECRET_KEY.matcher(String.valueOf(k)).matches()
                        && !(v instanceof Map) && !(v instanceof List));
                out.put(String.valueOf(k), secret && v != null && !"".equals(v) ? "******" : redact(v, p, secrets));
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                out.add(redact(l.get(i), path + "[" + i + "]", secrets));
            }
            return out;
        }
        return node;
    }
}
