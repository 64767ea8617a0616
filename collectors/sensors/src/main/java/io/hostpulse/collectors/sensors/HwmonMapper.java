package io.hostpulse.collectors.sensors;

import io.hostpulse.core.Point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one hwmon chip's attribute files into Telegraf's {@code sensors} points (one per feature, tags {@code chip}
 * and {@code feature}, fields named as lm-sensors' subfeatures without their number: {@code temp_input},
 * {@code fan_input}, {@code in_input}, {@code power_average}) and {@code temp} points (tag {@code sensor}, field
 * {@code temp}: Telegraf's default "v2" shape). Pure.
 *
 * <p>Units as lm-sensors and Telegraf report them: millidegrees to °C, millivolts to V, milliamperes to A,
 * microwatts to W, microjoules to J, milli-percent to % relative humidity, milliseconds to s for
 * {@code *_average_interval}; fans stay in RPM. A feature without a reading (no {@code _input}, or for power no
 * {@code _average}/{@code _input}) produces nothing, and unreadable or non-numeric files are left out, so there are
 * never made-up zeros. Temperature limits that are the kernel's "not set" values (65261.85 °C, -273.15 °C) are left out
 * of {@code sensors}, and so are upper limits ({@code max}, {@code crit}, {@code emergency}) at or below 0 °C, so alert
 * rules can take a chip's own limits as thresholds.
 */
final class HwmonMapper {
    private static final Pattern ATTRIBUTE = Pattern.compile("(temp|fan|in|curr|power|energy|humidity|intrusion)(\\d+)_([a-z_]+)");
    /** Subfeatures that are flags or counts, never scaled. */
    private static final Set<String> UNSCALED = Set.of("alarm", "min_alarm", "max_alarm", "crit_alarm", "lcrit_alarm",
            "emergency_alarm", "cap_alarm", "fault", "beep", "type", "pulses", "div", "enable");
    /** Upper temperature limits: one at or below 0 °C is a chip that leaves it unset (alert rules compare with it). */
    private static final Set<String> UPPER_LIMITS = Set.of("max", "crit", "emergency");
    /** Not readings or limits (lm-sensors leaves them out too). */
    private static final Set<String> SKIPPED = Set.of("label", "enable");

    private HwmonMapper() {
    }

    /**
     * One feature: {@code temp1} with its label, numeric subfeatures in reported units, and its {@code feature} tag
     * (Telegraf's: the label in snake case, else {@code temp1}; two features of one chip with the same label get their
     * {@code _temp1} appended so that each stays its own series).
     */
    record Feature(String type, int number, String label, Map<String, Double> values, String tag) {
        Feature(String type, int number, String label, Map<String, Double> values) {
            this(type, number, label, values, label == null ? type + number : snake(label));
        }

        Double reading() {
            Double v = values.get("input");
            if (v == null && type.equals("power")) {
                v = values.get("average");
            }
            if (v == null && type.equals("intrusion")) {
                v = values.get("alarm");
            }
            return v;
        }
    }

    static List<Feature> features(HwmonChip chip) {
        Map<String, TreeMap<String, String>> raw = new TreeMap<>(NaturalOrder::compare);
        for (Map.Entry<String, String> e : chip.attributes().entrySet()) {
            Matcher m = ATTRIBUTE.matcher(e.getKey());
            if (m.matches()) {
                raw.computeIfAbsent(m.group(1) + m.group(2), k -> new TreeMap<>()).put(m.group(3), e.getValue());
            }
        }
        List<Feature> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, String>> e : raw.entrySet()) {
            Matcher m = Pattern.compile("([a-z]+)(\\d+)").matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            String type = m.group(1);
            int number;
            try {
                number = Integer.parseInt(m.group(2));
            } catch (NumberFormatException ex) {
                continue;
            }
            Map<String, Double> values = new TreeMap<>();
            String label = null;
            for (Map.Entry<String, String> s : e.getValue().entrySet()) {
                String sub = s.getKey();
                if (sub.equals("label")) {
                    label = s.getValue().isBlank() ? null : s.getValue().trim();
                    continue;
                }
                if (SKIPPED.contains(sub)) {
                    continue;
                }
                Double v = number(s.getValue());
                if (v == null) {
                    continue;
                }
                double scaled = scale(type, sub, v);
                if (type.equals("temp") && !sub.equals("input") && !UNSCALED.contains(sub)
                        && (unsetLimit(scaled) || UPPER_LIMITS.contains(sub) && scaled <= 0)) {
                    continue;
                }
                values.put(sub, scaled);
            }
            Feature f = new Feature(type, number, label, values);
            if (f.reading() != null) {
                out.add(f);
            }
        }
        Map<String, Integer> uses = new java.util.HashMap<>();
        out.forEach(f -> uses.merge(f.tag(), 1, Integer::sum));
        return out.stream().map(f -> uses.get(f.tag()) > 1
                ? new Feature(f.type(), f.number(), f.label(), f.values(), f.tag() + "_" + f.type() + f.number()) : f).toList();
    }

    /** Telegraf's {@code sensors} points: one per feature with a reading. */
    static List<Point> sensors(HwmonChip chip, Instant now) {
        List<Point> out = new ArrayList<>();
        for (Feature f : features(chip)) {
            Point.Builder b = Point.builder("sensors").time(now).tag("chip", chip.chip()).tag("feature", f.tag());
            f.values().forEach((sub, v) -> b.field(f.type() + "_" + sub.replaceAll("\\d", ""), v));
            out.add(b.build());
        }
        return out;
    }

    /**
     * Telegraf's {@code temp} points (its default "v2" format): {@code sensor=<chip name>_<label>} with the current
     * reading; with {@code deviceTag} also Telegraf's {@code device} tag.
     */
    static List<Point> temps(HwmonChip chip, boolean deviceTag, Instant now) {
        List<Point> out = new ArrayList<>();
        for (Feature f : features(chip)) {
            Double input = f.values().get("input");
            if (!f.type().equals("temp") || input == null) {
                continue;
            }
            String sensor = chip.name() + (f.label() == null ? "" : "_" + snake(f.label()));
            Point.Builder b = Point.builder("temp").time(now).tag("sensor", sensor).field("temp", input);
            if (deviceTag) {
                b.tag("device", chip.device());
            }
            out.add(b.build());
        }
        return out;
    }

    static String snake(String label) {
        return label.trim().replace(' ', '_').toLowerCase(Locale.ROOT);
    }

    static double scale(String type, String sub, double v) {
        if (UNSCALED.contains(sub)) {
            return v;
        }
        if (sub.endsWith("interval")) {
            return v / 1000.0;
        }
        return switch (type) {
            case "temp", "in", "curr", "humidity" -> v / 1000.0;
            case "power", "energy" -> v / 1_000_000.0;
            default -> v;
        };
    }

    /** The kernel's placeholders for a limit that is not set: 0xFFFF-based 65261.85 °C and absolute zero. */
    static boolean unsetLimit(double celsius) {
        return celsius >= 1000 || celsius <= -273;
    }

    static Double number(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
