package io.hostpulse.core.text;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Telegraf-style name globs, the one compiler for every filter of the agent (device and interface names, container
 * names, alert tag filters): {@code *} any run of characters, {@code ?} exactly one, everything else literal (a dot
 * is a dot, regex characters mean themselves), and {@code *} and {@code ?} match newlines too, since a name is
 * matched as a whole, not line by line.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob of(String glob) {
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
        return new Glob(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    /** True when the whole name matches; null matches nothing. */
    public boolean matches(String name) {
        return name != null && pattern.matcher(name).matches();
    }

    /** True when the name matches any of the globs (none: nothing matches). */
    public static Predicate<String> anyOf(List<String> globs) {
        List<Glob> gs = globs.stream().map(Glob::of).toList();
        return name -> gs.stream().anyMatch(g -> g.matches(name));
    }

    /** Include (empty: every name) then exclude, as Telegraf's name filters. */
    public static Predicate<String> filter(List<String> include, List<String> exclude) {
        Predicate<String> in = include.isEmpty() ? n -> true : anyOf(include);
        Predicate<String> out = anyOf(exclude);
        return n -> in.test(n) && !out.test(n);
    }

    @Override
    public String toString() {
        return text;
    }
}
