package io.hostpulse.collectors.docker.netmap.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of segmentation rule, with the keys each one reads besides {@code name} and {@code kind}. */
enum RuleKind {
    /** Servers matching {@code to} accept connections only from clients matching one of {@code from}. */
    ACCEPT_ONLY("to", "from"),
    /** Only servers matching one of {@code to} accept connections from outside. */
    OUTSIDE_ONLY("to"),
    /** No container is a member of two of {@code networks}. */
    NOT_ON_BOTH("networks"),
    /** No container matching {@code on} publishes a port on the host. */
    NO_PUBLISHED_PORTS("on");

    private final List<String> keys;

    RuleKind(String... keys) {
        this.keys = List.of(keys);
    }

    /** As written in the config: {@code accept_only}. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    List<String> keys() {
        return keys;
    }

    static RuleKind named(String text) {
        for (RuleKind k : values()) {
            if (k.word().equals(text.trim().toLowerCase(Locale.ROOT).replace('-', '_'))) {
                return k;
            }
        }
        return null;
    }

    static List<String> words() {
        return Arrays.stream(values()).map(RuleKind::word).toList();
    }

    /** The kind (other than this one) that reads {@code key}, or null. */
    RuleKind otherWith(String key) {
        for (RuleKind k : values()) {
            if (k != this && k.keys.contains(key)) {
                return k;
            }
        }
        return null;
    }
}
