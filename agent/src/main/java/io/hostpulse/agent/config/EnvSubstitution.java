package io.hostpulse.agent.config;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

        /** Each placeholder in {@code s} replaced by its value, in one pass (linear in s, whatever the count). */
        private String replace(String s) {
            String nonce = values.keySet().iterator().next().substring(0, NONCE_LENGTH);
            int at = s.indexOf(nonce);
            if (at < 0) {
                return s;
            }
            StringBuilder out = new StringBuilder(s.length());
            int last = 0;
            while (at >= 0) {
                int end = s.indexOf('x', at + NONCE_LENGTH);
                String value = end < 0 ? null : values.get(s.substring(at, end + 1));
                if (value == null) {
                    at = s.indexOf(nonce, at + 1);
                    continue;
                }
                out.append(s, last, at).append(value);
                last = end + 1;
                at = s.indexOf(nonce, last);
            }
            return out.append(s, last, s.length()).toString();
        }
    }

    private static final String PREFIX = "hpenv";
    /** PREFIX, 12 hex digits, "x": every placeholder is this nonce, its number and "x". */
    private static final int NONCE_LENGTH = PREFIX.length() + 12 + 1;

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
        // scanned by hand, not with a regex: "${A:-" repeated without a "}" made every match attempt run to the end
        // of the line (a 200 KB line took minutes); here the next "}" is looked up once and reused, so it is linear
        int last = 0;
        int close = -2; // the next '}' at or after the current default's start; -1 once there is none
        int i = 0;
        int len = text.length();
        while ((i = text.indexOf('$', i)) >= 0) {
            if (text.startsWith("$${", i)) {
                out.append(text, last, i).append("${");
                i += 3;
                last = i;
                continue;
            }
            if (!text.startsWith("${", i)) {
                i++;
                continue;
            }
            int nameEnd = i + 2;
            if (nameEnd < len && isNameStart(text.charAt(nameEnd))) {
                nameEnd++;
                while (nameEnd < len && isNamePart(text.charAt(nameEnd))) {
                    nameEnd++;
                }
            }
            if (nameEnd == i + 2) {
                i++;
                continue;
            }
            String fallback = null;
            int end;
            if (nameEnd < len && text.charAt(nameEnd) == '}') {
                end = nameEnd + 1;
            } else if (text.startsWith(":-", nameEnd)) {
                if (close != -1 && close < nameEnd + 2) {
                    close = text.indexOf('}', nameEnd + 2);
                }
                if (close < 0) {
                    i++;
                    continue;
                }
                fallback = text.substring(nameEnd + 2, close);
                end = close + 1;
            } else {
                i++;
                continue;
            }
            out.append(text, last, i);
            String name = text.substring(i + 2, nameEnd);
            last = end;
            i = end;
            String value = env.get(name);
            if (value == null || (value.isEmpty() && fallback != null)) {
                if (fallback != null) {
                    value = fallback;
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

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
