package io.hostpulse.agent.config;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in the config, so a compose file can configure the agent. {@code $${VAR}}
 * is the literal {@code ${VAR}}. A variable that is unset and has no default is an error naming the line, since
 * silently writing to "" is worse than not starting. YAML comments are left as they are, so an example in a comment
 * needs no variable.
 *
 * <p>Values are never pasted into the YAML text (a token holding {@code "}, {@code {}, {@code ": "} or {@code " #"}
 * would break the parse, print the token in the error, or be cut short): {@link #apply} puts a unique placeholder
 * (letters and digits, a plain YAML scalar wherever it stands) in place of each reference, and {@link Result#resolve}
 * replaces the placeholders in the parsed tree's strings with the values, character for character. Values stay
 * text (config reading takes numbers, booleans and durations from text: {@code port: ${PORT}} works, and a token
 * {@code 0123} is not turned into the number 123); a scalar that is exactly one empty reference is null, as
 * {@code key:} would be.
 */
final class EnvSubstitution {
    private static final Pattern VAR = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnvSubstitution() {
    }

    /** The text to parse (placeholders in place of references) and what each placeholder stands for. */
    record Result(String text, Map<String, String> values) {
        /** The parsed tree with every placeholder replaced by its value (maps, lists and keys included). */
        Object resolve(Object tree) {
            if (values.isEmpty() || tree == null) {
                return tree;
            }
            if (tree instanceof Map<?, ?> m) {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k instanceof String s ? replace(s) : k, resolve(v)));
                return out;
            }
            if (tree instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(resolve(v)));
                return out;
            }
            if (tree instanceof String s) {
                String whole = values.get(s);
                if (whole != null) {
                    return whole.isEmpty() ? null : whole; // "key: ${EMPTY}" reads as "key:" did
                }
                return replace(s);
            }
            return tree;
        }

        private String replace(String s) {
            if (s.indexOf(PREFIX) < 0) {
                return s;
            }
            String r = s;
            for (Map.Entry<String, String> e : values.entrySet()) {
                r = r.replace(e.getKey(), e.getValue());
            }
            return r;
        }

    }

    private static final String PREFIX = "hpenv";

    static Result apply(String text, Map<String, String> env, String file, List<String> problems) {
        String nonce;
        do {
            byte[] b = new byte[6];
            RANDOM.nextBytes(b);
            nonce = PREFIX + HexFormat.of().formatHex(b) + "x";
        } while (text.contains(nonce));
        Map<String, String> values = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int c = commentStart(line);
            out.append(substitute(line.substring(0, c), env, file, i + 1, problems, nonce, values))
                    .append(line, c, line.length());
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return new Result(out.toString(), values);
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
                                     List<String> problems, String nonce, Map<String, String> values) {
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
            String placeholder = nonce + values.size() + "x";
            values.put(placeholder, value);
            out.append(placeholder);
        }
        out.append(text, last, text.length());
        return out.toString();
    }
}
