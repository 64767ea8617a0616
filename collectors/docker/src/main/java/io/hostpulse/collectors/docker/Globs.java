package io.hostpulse.collectors.docker;

import java.util.List;
import java.util.regex.Pattern;

/** Telegraf-style name filters: {@code *} any run of characters, {@code ?} one character. */
final class Globs {
    private final List<Pattern> patterns;

    Globs(List<String> globs) {
        this.patterns = globs.stream().map(Globs::compile).toList();
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean matches(String s) {
        for (Pattern p : patterns) {
            if (p.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** Include (empty: all) then exclude. */
    static boolean selected(String s, Globs include, Globs exclude) {
        return (include.isEmpty() || include.matches(s)) && !exclude.matches(s);
    }
}
