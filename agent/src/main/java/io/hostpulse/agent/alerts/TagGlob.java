package io.hostpulse.agent.alerts;

import io.hostpulse.core.text.Glob;

/** A rule's tag filter: a {@link Glob}; a leading {@code !} negates it, and a missing tag matches only a negated one. */
record TagGlob(String text, Glob glob, boolean negated) {

    static TagGlob of(String text) {
        boolean neg = text.startsWith("!");
        return new TagGlob(text, Glob.of(neg ? text.substring(1) : text), neg);
    }

    boolean matches(String value) {
        return value == null ? negated : glob.matches(value) != negated;
    }
}
