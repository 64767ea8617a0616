package io.hostpulse.agent.alerts;

import java.util.regex.Pattern;

/** Shell-style glob for tag filters: {@code *} any run, {@code ?} one character; a leading {@code !} negates. */
record Glob(String text, Pattern pattern, boolean negated) {

    static Glob of(String text) {
        boolean neg = text.startsWith("!");
        String g = neg ? text.substring(1) : text;
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(re.toString()), neg);
    }

    /** A missing tag matches only a negated glob. */
    boolean matches(String value) {
        if (value == null) {
            return negated;
        }
        return pattern.matcher(value).matches() != negated;
    }
}
