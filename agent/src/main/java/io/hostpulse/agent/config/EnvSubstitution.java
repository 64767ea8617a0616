package io.hostpulse.agent.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in the config text before it is parsed, so a compose file
 * can configure the agent. {@code $${VAR}} is left as the literal {@code ${VAR}}. A variable that is unset and
 * has no default is an error naming the line, since silently writing to "" is worse than not starting.
 */
final class EnvSubstitution {
    private static final Pattern VAR = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private EnvSubstitution() {
    }

    static String apply(String text, Map<String, String> env, String file, java.util.List<String> problems) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = VAR.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            last = m.end();
            if (m.group().equals("$${")) {
                out.append("${");
                continue;
            }
            String name = m.group(1);
            String value = env.get(name);
            if (value == null || (value.isEmpty() && m.group(2) != null)) {
                if (m.group(2) != null) {
                    value = m.group(3);
                } else {
                    int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                    problems.add(file + ": line " + line + ": environment variable " + name
                            + " is not set (set it, or write ${" + name + ":-default})");
                    value = "";
                }
            }
            out.append(value);
        }
        out.append(text, last, text.length());
        return out.toString();
    }
}
