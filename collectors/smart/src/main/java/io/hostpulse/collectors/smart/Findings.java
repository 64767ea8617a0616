package io.hostpulse.collectors.smart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the health rules found about one reading, in the order found, and each source's worst level so far
 * ({@code smart}, {@code threshold}, {@code failure_rate}, {@code counters}). A source nobody judged stays UNKNOWN.
 */
final class Findings {
    private final List<Verdict.Finding> list = new ArrayList<>();
    private final Map<String, Health> sources = new LinkedHashMap<>();
    private final HealthAnalyzer.History history;

    /** @param history what the state file knew before this reading; null on first sight */
    Findings(HealthAnalyzer.History history) {
        this.history = history;
    }

    HealthAnalyzer.History history() {
        return history;
    }

    void add(String source, Health level, String text) {
        list.add(new Verdict.Finding(source, level, text));
        sources.merge(source, level, Health::worst);
    }

    /** The source was judged and found nothing. */
    void pass(String source) {
        sources.merge(source, Health.PASSED, Health::worst);
    }

    Health of(String source) {
        return sources.getOrDefault(source, Health.UNKNOWN);
    }

    List<Verdict.Finding> list() {
        return list;
    }

    /** The text of the latest finding. */
    String lastText() {
        return list.get(list.size() - 1).text();
    }

    /**
     * A counter that should stay at zero: above zero is a warning (an informational note when the user
     * acknowledged it by resetting the baseline), grown since the baseline is {@code growth}.
     */
    Health counterRule(String key, long value, String name, Health growth, String nonZeroText) {
        Long base = baseline(key);
        Long last = history == null || history.last() == null ? null : history.last().get(key);
        if (base != null && value > base) {
            String t = name + " grew from " + base + " to " + value + " since the baseline"
                    + (history.baselineSince() == null ? "" : " of " + history.baselineSince())
                    + (last != null && value > last ? " (+" + (value - last) + " since the last reading)" : "");
            add("counters", growth, t);
            return growth;
        }
        if (value > 0) {
            if (acknowledged(key, value)) {
                add("counters", Health.PASSED, name + " is " + value + ", acknowledged in the baseline");
                return Health.PASSED;
            }
            add("counters", Health.WARNING, name + " is " + value + " (" + nonZeroText + ")");
            return Health.WARNING;
        }
        pass("counters");
        return Health.PASSED;
    }

    /** The baseline value of a tracked counter; null without one. */
    Long baseline(String key) {
        return history == null || history.baseline() == null ? null : history.baseline().get(key);
    }

    /** True when the user reset the baseline and the counter has not grown past it. */
    boolean acknowledged(String key, long value) {
        Long base = baseline(key);
        return history != null && history.acknowledged() && base != null && value <= base;
    }
}
