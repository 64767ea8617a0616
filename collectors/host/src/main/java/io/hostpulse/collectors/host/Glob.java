package io.hostpulse.collectors.host;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Telegraf-style name globs: {@code *} any run of characters, {@code ?} one character, the rest literal. */
public final class Glob {
    private Glob() {
    }

    public static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (lit.length() > 0) {
                    re.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            re.append(Pattern.quote(lit.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** True when the name matches any of the globs. */
    public static Predicate<String> anyOf(List<String> globs) {
        List<Pattern> ps = globs.stream().map(Glob::compile).toList();
        return name -> ps.stream().anyMatch(p -> p.matcher(name).matches());
    }
}
