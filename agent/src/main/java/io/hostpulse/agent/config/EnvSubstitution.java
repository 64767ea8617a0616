package io.hostpulse.agent.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in the config text before it is parsed, so a compose file
 * can configure the agent. {@code $${VAR}} is left as the literal {@code ${VAR}}. A variable that is unset and
 * has no default is an error naming the line, since silently writing to "" is worse than not starting.
 * YAML comments are left as they are, so an example in a comment needs no variable.
 */
final class EnvSubstitution {
    private static final Pattern VAR = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private EnvSubstitution() {
    }

    static String apply(String text, Map<String, String> env, String file, java.util.List<String> problems) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int c = commentStart(line);
            out.append(substitute(line.substring(0, c), env, file, i + 1, problems)).append(line, c, line.length());
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Where a YAML comment starts: a '#' at the start or after a blank, outside quotes; the length if none. */
    static int commentStart(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\'' && !dbl) {
                single = !single;
            } else if (ch == '"' && !single && (i == 0 || line.charAt(i - 1) != '\\')) {
                dbl = !dbl;
            } else if (ch == '#' && !single && !dbl && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return i;
            }
        }
        return line.length();
    }

    private static String substitute(String text, Map<String, String> env, String file, int lineNo,
                                     java.util.List<String> problems) {
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
                    problems.add(file + ": line " + lineNo + ": environment variable " + name
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
