package io.hostpulse.agent.alerts;

import java.util.List;

/** A comparison of a value with a threshold; == and != with a list mean "one of" and "none of". */
public enum Op {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean ordering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /** True when higher values are worse (hysteresis moves the release point down). */
    public boolean upward() {
        return this == GT || this == GE;
    }

    static Op parse(String s) {
        String t = s.trim().toLowerCase();
        for (Op o : values()) {
            if (o.symbol.equals(t) || o.name().toLowerCase().equals(t)) {
                return o;
            }
        }
        return switch (t) {
            case "=" -> EQ;
            case "<>" -> NE;
            default -> null;
        };
    }

    /** @param threshold a Double, Boolean, String or a List of those */
    public boolean test(Object value, Object threshold) {
        if (threshold instanceof List<?> list) {
            boolean any = list.stream().anyMatch(t -> same(value, t));
            return this == NE ? !any : this == EQ && any;
        }
        return switch (this) {
            case EQ -> same(value, threshold);
            case NE -> !same(value, threshold);
            default -> {
                Double v = number(value);
                Double t = number(threshold);
                if (v == null || t == null || v.isNaN()) {
                    yield false;
                }
                yield switch (this) {
                    case GT -> v > t;
                    case GE -> v >= t;
                    case LT -> v < t;
                    default -> v <= t;
                };
            }
        };
    }

    static boolean same(Object value, Object threshold) {
        Double v = number(value);
        Double t = number(threshold);
        if (v != null && t != null) {
            return v.doubleValue() == t.doubleValue();
        }
        return String.valueOf(value).equals(String.valueOf(threshold));
    }

    static Double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }

    /** "> 95", "== failed", "not one of [0, 143]". */
    public String describe(Object threshold) {
        if (threshold instanceof List<?> list) {
            List<String> parts = list.stream().map(Rule::format).toList();
            return (this == NE ? "not one of " : "one of ") + parts;
        }
        return symbol + " " + Rule.format(threshold);
    }
}
