package io.hostpulse.collectors.smart;

/** A verdict level. UNKNOWN means "no evidence", not "bad": it never wins over a real reading. */
public enum Health {
    PASSED, WARNING, FAILED, UNKNOWN;

    /** Lower case, as written to the {@code health_status} field. */
    public String label() {
        return name().toLowerCase();
    }

    int severity() {
        return switch (this) {
            case UNKNOWN -> -1;
            case PASSED -> 0;
            case WARNING -> 1;
            case FAILED -> 2;
        };
    }

    static Health worst(Health a, Health b) {
        return a.severity() >= b.severity() ? a : b;
    }

    static Health parse(String s) {
        if (s == null) {
            return null;
        }
        for (Health h : values()) {
            if (h.label().equalsIgnoreCase(s)) {
                return h;
            }
        }
        return null;
    }
}
