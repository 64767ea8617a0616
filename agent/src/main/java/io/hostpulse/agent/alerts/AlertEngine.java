package io.hostpulse.agent.alerts;

import io.hostpulse.core.Point;
import io.hostpulse.exporters.notify.Notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rule state machine, pure: fed each batch of points after a collection, it returns the notifications that
 * batch caused. Per rule and series (the point's tags, or the rule's {@code series} tags):
 * <ul>
 *   <li>a value at warning or critical starts a pending period; it fires once it has been there for {@code for}
 *       (measured on the points' own times) and {@code for_count} collections: one FIRING notification;</li>
 *   <li>while firing, a rise to a higher level sends FIRING again at once; a fall to a lower firing level only
 *       changes what Uptime Kuma shows; every {@code repeat} a REPEAT notification;</li>
 *   <li>back under the release point (threshold minus hysteresis, or {@code recover}) it resolves: one RESOLVED;
 *       a pending series that recovers before {@code for} sends nothing;</li>
 *   <li>a firing series that is missing from a later batch of the collector that wrote it (container removed, even
 *       the last one; file system unmounted) resolves.</li>
 * </ul>
 * Thread-safe: batches from several collectors may arrive at once.
 */
public final class AlertEngine {
    private final List<Rule> rules;
    private final String host;
    private final Map<String, Series> series = new HashMap<>();

    public AlertEngine(List<Rule> rules, String host) {
        this.rules = List.copyOf(rules);
        this.host = host;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** A firing alert, for Uptime Kuma's message and for tests. */
    public record Firing(Rule rule, Level level, Map<String, String> labels, String message, Instant since) {
    }

    private static final class Series {
        final Rule rule;
        final Map<String, String> labels;
        final String source;
        Level level = Level.OK;
        Instant pendingSince;
        int pendingCount;
        Object lastCountKey;
        Level firing;
        Instant firingSince;
        Instant lastNotified;
        String message;
        String value;
        Object lastRaw;
        Point lastPoint;
        final Deque<Object[]> history = new ArrayDeque<>();

        Series(Rule rule, Map<String, String> labels, String source) {
            this.rule = rule;
            this.labels = labels;
            this.source = source;
        }
    }

    /** For a batch whose collector is unknown: a series is gone when its measurement came without it. */
    public List<Notification> evaluate(List<Point> batch) {
        return evaluate(null, batch);
    }

    /**
     * @param source the collector that wrote the batch: a series it wrote before and that is not in this batch is
     *               gone, even when the batch has none of the rule's points (the last container was removed)
     */
    public synchronized List<Notification> evaluate(String source, List<Point> batch) {
        List<Notification> out = new ArrayList<>();
        if (batch.isEmpty()) {
            return out;
        }
        Set<String> measurements = new HashSet<>();
        Instant latest = Instant.EPOCH;
        for (Point p : batch) {
            measurements.add(p.measurement());
            if (p.time().isAfter(latest)) {
                latest = p.time();
            }
        }
        Set<String> seen = new HashSet<>();
        for (Rule r : rules) {
            if (!measurements.contains(r.measurement())) {
                continue;
            }
            for (Point p : batch) {
                if (!r.selects(p)) {
                    continue;
                }
                Object raw = r.value(p);
                if (raw == null) {
                    continue;
                }
                Map<String, String> labels = labels(r, p);
                String key = r.name() + "\u0000" + labels;
                seen.add(key);
                Series s = series.computeIfAbsent(key, k -> new Series(r, labels, source));
                step(s, p, raw, out);
            }
        }
        // series of these measurements that did not come back are gone: resolve them
        Iterator<Map.Entry<String, Series>> it = series.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Series> e = it.next();
            Series s = e.getValue();
            boolean sameSource = source != null ? source.equals(s.source) : measurements.contains(s.rule.measurement());
            if (!sameSource || seen.contains(e.getKey())) {
                continue;
            }
            if (s.firing != null) {
                out.add(notification(Notification.Kind.RESOLVED, s, s.firing, s.value, "no longer reported: " + s.message,
                        latest));
            }
            it.remove();
        }
        return out;
    }

    private void step(Series s, Point p, Object raw, List<Notification> out) {
        Rule r = s.rule;
        Instant t = p.time();
        Object value = raw;
        if (r.increase() != null) {
            value = increase(s, raw, t, r.increase());
            if (value == null) {
                return;
            }
        }
        boolean conditions = true;
        for (Rule.Condition c : r.where()) {
            conditions &= c.test(p);
        }
        Level level = conditions ? r.level(value, s.level, p) : Level.OK;
        s.lastPoint = p;
        s.level = level;
        s.value = Rule.format(value);
        s.message = r.render(r.message(), p, value, level.fires() ? level : (s.firing != null ? s.firing : Level.OK), s.labels);
        if (level.fires()) {
            if (s.pendingSince == null) {
                s.pendingSince = t;
                s.pendingCount = 0;
                s.lastCountKey = null;
            }
            Object countKey = r.countBy() == null ? t : p.field(r.countBy());
            if (s.pendingCount == 0 || !Objects.equals(countKey, s.lastCountKey)) {
                s.pendingCount++;
                s.lastCountKey = countKey;
            }
            if (s.firing == null) {
                boolean longEnough = Duration.between(s.pendingSince, t).compareTo(r.forDuration()) >= 0;
                if (longEnough && s.pendingCount >= r.forCount()) {
                    s.firing = level;
                    s.firingSince = t;
                    s.lastNotified = t;
                    out.add(notification(Notification.Kind.FIRING, s, level, s.value, s.message, t));
                }
            } else if (level.compareTo(s.firing) > 0) {
                s.firing = level;
                s.lastNotified = t;
                out.add(notification(Notification.Kind.FIRING, s, level, s.value, s.message, t));
            } else {
                s.firing = level;
                if (!r.repeat().isZero() && Duration.between(s.lastNotified, t).compareTo(r.repeat()) >= 0) {
                    s.lastNotified = t;
                    out.add(notification(Notification.Kind.REPEAT, s, level, s.value, s.message, t));
                }
            }
        } else {
            s.pendingSince = null;
            s.pendingCount = 0;
            if (s.firing != null) {
                out.add(notification(Notification.Kind.RESOLVED, s, s.firing, s.value, resolvedMessage(s, t), t));
                s.firing = null;
                s.firingSince = null;
            }
        }
    }

    /**
     * A resolved notification's own words (the rule's message template is worded for a breach: "is 0% full (> 50)"
     * would read as if it still fired): what the value is now, which threshold it is back under, for how long it fired.
     */
    static String resolvedMessage(Series s, Instant t) {
        Rule r = s.rule;
        String labels = s.labels.isEmpty() ? "" : " " + Rule.labelText(s.labels);
        return r.name() + ": " + r.measurement() + "." + r.field() + labels + " is " + s.value
                + " again, no longer " + s.firing.label() + " (" + r.op().describe(r.threshold(s.firing)) + ")"
                + " after " + Rule.humanDuration(Duration.between(s.firingSince, t));
    }

    /** Growth of a counter within the window; a drop (reset, recreated container) starts the history again. */
    private static Object increase(Series s, Object raw, Instant t, Duration window) {
        Double v = Op.number(raw);
        if (v == null) {
            return null;
        }
        if (!s.history.isEmpty() && v < (Double) s.history.peekLast()[1]) {
            s.history.clear();
        }
        s.history.addLast(new Object[]{t, v});
        while (s.history.size() > 1 && Duration.between((Instant) s.history.peekFirst()[0], t).compareTo(window) > 0) {
            s.history.removeFirst();
        }
        return v - (Double) s.history.peekFirst()[1];
    }

    private static Map<String, String> labels(Rule r, Point p) {
        Map<String, String> m = new TreeMap<>();
        if (r.series().isEmpty()) {
            m.putAll(p.tags());
        } else {
            for (String k : r.series()) {
                if (p.tag(k) != null) {
                    m.put(k, p.tag(k));
                }
            }
        }
        m.remove("host");
        return m;
    }

    private Notification notification(Notification.Kind kind, Series s, Level level, String value, String message, Instant t) {
        Rule r = s.rule;
        return new Notification(kind, r.name(), level.label(), host, r.subsystem(), s.labels, value,
                r.op().describe(r.threshold(level, s.lastPoint)), message, t, s.firingSince == null ? t : s.firingSince);
    }

    /** Every series that fires or is pending, for {@link AlertState} (the others are learnt again at once). */
    public synchronized List<AlertState.Series> snapshot() {
        List<AlertState.Series> out = new ArrayList<>();
        for (Series s : series.values()) {
            if (s.firing != null || s.pendingSince != null) {
                out.add(new AlertState.Series(s.rule.name(), s.labels, s.source, s.level, s.firing, s.firingSince,
                        s.lastNotified, s.pendingSince, s.pendingCount, s.message, s.value));
            }
        }
        out.sort(Comparator.comparing((AlertState.Series x) -> x.rule()).thenComparing(x -> x.labels().toString()));
        return out;
    }

    /**
     * Takes back remembered series (at start, before the first batch) so that a restart is invisible: a series
     * that still fires sends nothing new and keeps its {@code since}; one that recovered meanwhile resolves at the
     * first batch; a pending one keeps counting its {@code for} from when it began. Series of rules that no longer
     * exist are dropped. Counter history ({@code increase_within}) is not kept: it starts again.
     *
     * @return how many series were taken back
     */
    public synchronized int restore(List<AlertState.Series> saved) {
        Map<String, Rule> byName = new HashMap<>();
        rules.forEach(r -> byName.put(r.name(), r));
        int n = 0;
        for (AlertState.Series x : saved) {
            Rule r = byName.get(x.rule());
            if (r == null) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>(x.labels());
            Series s = new Series(r, labels, x.source());
            s.level = x.level();
            s.firing = x.firing();
            s.firingSince = x.firingSince();
            s.lastNotified = x.lastNotified();
            s.pendingSince = x.pendingSince();
            s.pendingCount = x.pendingCount();
            s.message = x.message();
            s.value = x.value();
            series.put(r.name() + "\u0000" + labels, s);
            n++;
        }
        return n;
    }

    /** Every firing alert, worst first (critical before warning, then the longest firing). */
    public synchronized List<Firing> firing() {
        List<Firing> out = new ArrayList<>();
        for (Series s : series.values()) {
            if (s.firing != null) {
                out.add(new Firing(s.rule, s.firing, s.labels, s.message, s.firingSince));
            }
        }
        out.sort(Comparator.comparing((Firing f) -> f.level()).reversed().thenComparing(Firing::since)
                .thenComparing(f -> f.rule().name()));
        return out;
    }

    /** Series at careful level, for the summary. */
    public synchronized int careful() {
        int n = 0;
        for (Series s : series.values()) {
            if (s.level == Level.CAREFUL) {
                n++;
            }
        }
        return n;
    }

    /** Firing series per rule, for the self-metric. */
    public synchronized Map<String, Integer> firingPerRule() {
        Map<String, Integer> m = new LinkedHashMap<>();
        rules.forEach(r -> m.put(r.name(), 0));
        for (Series s : series.values()) {
            if (s.firing != null) {
                m.merge(s.rule.name(), 1, Integer::sum);
            }
        }
        return m;
    }
}
