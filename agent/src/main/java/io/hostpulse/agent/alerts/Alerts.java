package io.hostpulse.agent.alerts;

import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.notify.KumaConfig;
import io.hostpulse.exporters.notify.KumaPusher;
import io.hostpulse.exporters.notify.KumaStatus;
import io.hostpulse.exporters.notify.Notification;
import io.hostpulse.exporters.notify.Notifier;
import io.hostpulse.exporters.notify.Result;
import io.hostpulse.exporters.notify.WebhookConfig;
import io.hostpulse.exporters.notify.WebhookSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The alerting part of a running agent: evaluates each collected batch, turns transitions into events, log lines,
 * self-metrics and webhook notifications, and keeps every Uptime Kuma monitor's status current. Nothing here
 * waits on the network: notifiers queue and send on their own threads.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final AlertEngine engine;
    private final String host;
    private final Consumer<Event> events;
    private final Function<String, Long> lastDurationMs;
    private final List<KumaPusher> kuma = new ArrayList<>();
    private final List<WebhookSender> webhooks = new ArrayList<>();
    private final Map<String, AtomicInteger> firingGauges = new ConcurrentHashMap<>();
    private final Map<String, Long> pingBySubsystem = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Clock clock;
    /** Subsystems a batch has been evaluated for: a Kuma monitor is pushed to only once all of its have. */
    private final Set<String> evaluated = ConcurrentHashMap.newKeySet();
    private final java.time.Instant created;
    private final Path stateFile;
    private List<AlertState.Series> saved = List.of();
    private boolean saveFailedLogged;
    private volatile Culprits culprits;

    /**
     * @param lastDurationMs the last collection's duration of a collector, in ms (for Kuma's ping); may return null
     */
    public Alerts(List<Rule> rules, AlertsConfig cfg, String host, MeterRegistry registry, Clock clock,
                  Consumer<Event> events, Function<String, Long> lastDurationMs) {
        this(rules, cfg, host, registry, clock, events, lastDurationMs, null);
    }

    /**
     * @param stateFile where the firing and pending series are kept across restarts ({@link AlertState}); read
     *                  here, written after every batch that changed them; null keeps nothing
     */
    public Alerts(List<Rule> rules, AlertsConfig cfg, String host, MeterRegistry registry, Clock clock,
                  Consumer<Event> events, Function<String, Long> lastDurationMs, Path stateFile) {
        this.engine = new AlertEngine(rules, host);
        this.stateFile = stateFile;
        restoreState();
        this.host = host;
        this.events = events;
        this.lastDurationMs = lastDurationMs;
        this.registry = registry;
        this.clock = clock;
        this.created = clock.instant();
        for (KumaConfig k : cfg.kuma()) {
            kuma.add(new KumaPusher(k, registry));
        }
        for (WebhookConfig w : cfg.webhooks()) {
            webhooks.add(new WebhookSender(w, registry));
        }
        for (Rule r : rules) {
            AtomicInteger a = new AtomicInteger();
            firingGauges.put(r.name(), a);
            Gauge.builder("hostpulse.alerts.firing", a, AtomicInteger::get).tag("rule", r.name())
                    .description("series of this rule firing now").register(registry);
        }
    }

    public List<Rule> rules() {
        return engine.rules();
    }

    /** Names the top processes and containers in CPU, memory, load and disk-I/O alerts (see {@link Culprits}). */
    public void useCulprits(Culprits c) {
        this.culprits = c;
    }

    public List<Notifier> notifiers() {
        List<Notifier> n = new ArrayList<>(kuma);
        n.addAll(webhooks);
        return n;
    }

    public void start() {
        notifiers().forEach(Notifier::start);
        List<String> targets = new ArrayList<>();
        notifiers().forEach(n -> targets.add(n.name()));
        LOG.info("alerts: {} rules active; notifying {}", engine.rules().size(), targets.isEmpty() ? "nobody (events and /metrics only)" : targets);
    }

    /** The collector for a subsystem's ping. */
    static String subsystemOfCollector(String collector) {
        return switch (collector) {
            case "smart" -> "disks";
            case "docker" -> "docker";
            case "agent" -> "agent";
            default -> "host";
        };
    }

    /** Called after every collection with its tagged points (from the collection's thread). */
    public void onBatch(String collector, List<Point> points) {
        Culprits c = culprits;
        if (c != null) {
            c.observe(points);
        }
        List<Notification> out;
        try {
            out = engine.evaluate(collector, points);
        } catch (RuntimeException e) {
            LOG.warn("alerts: evaluation failed for a batch of {}", collector, e);
            return;
        }
        Long took = lastDurationMs.apply(collector);
        if (took != null) {
            pingBySubsystem.put(subsystemOfCollector(collector), took);
        }
        for (Notification n : out) {
            dispatch(n);
        }
        engine.firingPerRule().forEach((rule, count) -> {
            AtomicInteger a = firingGauges.get(rule);
            if (a != null) {
                a.set(count);
            }
        });
        evaluated.add(subsystemOfCollector(collector));
        saveState();
        updateKuma(subsystemOfCollector(collector));
    }

    /** Public name of the state file inside the data directory. */
    public static Path stateFile(Path dataDir) {
        return dataDir.resolve(AlertState.FILE);
    }

    private void restoreState() {
        if (stateFile == null || !Files.exists(stateFile)) {
            return;
        }
        try {
            List<AlertState.Series> s = AlertState.fromJson(Files.readString(stateFile));
            int n = engine.restore(s);
            saved = engine.snapshot();
            long firing = saved.stream().filter(x -> x.firing() != null).count();
            if (n > 0) {
                LOG.info("alerts: took back {} series from {} ({} firing), so this restart is invisible to the receivers",
                        n, stateFile, firing);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("alerts: ignoring the saved alert state in {}: {}; starting with no alert firing", stateFile,
                    e.getMessage());
        }
    }

    private synchronized void saveState() {
        if (stateFile == null) {
            return;
        }
        List<AlertState.Series> now = engine.snapshot();
        if (now.equals(saved)) {
            return;
        }
        try {
            AlertState.write(stateFile, AlertState.toJson(now, clock.instant()));
            saved = now;
            if (saveFailedLogged) {
                LOG.info("alerts: saving the alert state to {} works again", stateFile);
                saveFailedLogged = false;
            }
        } catch (IOException e) {
            if (!saveFailedLogged) {
                LOG.warn("alerts: cannot save the alert state to {}: {} (a restart now would forget firing alerts)",
                        stateFile, e.getMessage());
                saveFailedLogged = true;
            }
        }
    }

    /**
     * Whether a monitor may be pushed to: once every subsystem it covers that has rules has been evaluated (the
     * agent's own metrics come first at start-up, and an "OK" pushed then, before the host's collectors ran, was
     * followed by a "down" 22 ms later on every restart), or after one Kuma interval at the latest, so a collector
     * that never reports does not silence the monitor for good.
     */
    boolean kumaReady(KumaConfig k) {
        for (Rule r : engine.rules()) {
            if (k.covers(r.subsystem()) && !evaluated.contains(r.subsystem())) {
                return !clock.instant().isBefore(created.plus(k.interval()));
            }
        }
        return true;
    }

    private void dispatch(Notification original) {
        Rule rule = engine.rules().stream().filter(r -> r.name().equals(original.rule())).findFirst().orElse(null);
        Notification n = withCulprits(original, rule);
        Counter.builder("hostpulse.alerts.notifications").tag("rule", n.rule()).tag("kind", n.kind().label())
                .description("alert transitions: firing, repeat, resolved").register(registry).increment();
        if (n.kind() == Notification.Kind.FIRING) {
            LOG.warn("alert {} {}: {}", n.rule(), n.level(), n.message());
        } else if (n.kind() == Notification.Kind.RESOLVED) {
            LOG.info("alert {} resolved: {}", n.rule(), n.message());
        }
        if (n.kind() != Notification.Kind.REPEAT) {
            events.accept(withRule(event(n), rule));
        }
        webhooks.forEach(w -> w.send(n));
    }

    /** Firing and repeat notifications of culprit rules get ": <culprits>" in the message and a culprits label. */
    private Notification withCulprits(Notification n, Rule rule) {
        Culprits c = culprits;
        if (c == null || rule == null || n.kind() == Notification.Kind.RESOLVED) {
            return n;
        }
        String text = c.describe(rule.measurement());
        if (text == null) {
            return n;
        }
        Map<String, String> labels = new LinkedHashMap<>(n.labels());
        labels.put("culprits", text);
        return new Notification(n.kind(), n.rule(), n.level(), n.host(), n.subsystem(), labels, n.value(), n.threshold(),
                n.message() + ": " + text, n.time(), n.since());
    }

    /** The rule's measurement and field in the event's metadata, so a reader (the live view) knows what it is about. */
    static Event withRule(Event e, Rule rule) {
        if (rule == null) {
            return e;
        }
        Map<String, String> meta = new LinkedHashMap<>(e.metadata());
        meta.put("measurement", rule.measurement());
        meta.put("field", rule.field());
        return new Event(e.time(), e.source(), e.level(), e.message(), e.labels(), meta);
    }

    static Event event(Notification n) {
        String level = n.kind() == Notification.Kind.RESOLVED ? "info" : "critical".equals(n.level()) ? "error" : "warning";
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("rule", n.rule());
        labels.put("level", n.level());
        labels.put("status", n.status());
        labels.put("subsystem", n.subsystem());
        Map<String, String> meta = new LinkedHashMap<>(n.labels());
        meta.put("value", n.value() == null ? "" : n.value());
        meta.put("threshold", n.threshold() == null ? "" : n.threshold());
        meta.put("since", n.since().toString());
        String prefix = n.kind() == Notification.Kind.RESOLVED ? "resolved: " : n.level() + ": ";
        return new Event(n.time(), "alert", level, prefix + n.message(), labels, meta);
    }

    private void updateKuma(String subsystem) {
        List<AlertEngine.Firing> firing = kumaFiring();
        for (KumaPusher p : kuma) {
            if (!kumaReady(p.config())) {
                continue;
            }
            p.update(status(p.config(), firing, subsystem));
        }
    }

    /** What Kuma shows: the firing alerts, worst first, the worst one's message with its culprits. */
    List<AlertEngine.Firing> kumaFiring() {
        List<AlertEngine.Firing> firing = engine.firing();
        Culprits c = culprits;
        if (c == null || firing.isEmpty()) {
            return firing;
        }
        AlertEngine.Firing worst = firing.get(0);
        String text = c.describe(worst.rule().measurement());
        if (text == null) {
            return firing;
        }
        List<AlertEngine.Firing> named = new ArrayList<>(firing);
        named.set(0, new AlertEngine.Firing(worst.rule(), worst.level(), worst.labels(), worst.message() + ": " + text,
                worst.since()));
        return named;
    }

    private KumaStatus status(KumaConfig k, List<AlertEngine.Firing> all, String batchSubsystem) {
        List<AlertEngine.Firing> mine = all.stream().filter(f -> k.covers(f.rule().subsystem())).toList();
        Long ping = null;
        for (String s : new String[]{batchSubsystem, "host", "docker", "disks", "agent"}) {
            if (k.covers(s) && pingBySubsystem.get(s) != null) {
                ping = pingBySubsystem.get(s);
                break;
            }
        }
        return summary(k, engine.rules(), mine, ping);
    }

    /** Up with "OK: n rules, nothing firing", or down with the worst alert's message and how many more fire. */
    static KumaStatus summary(KumaConfig k, List<Rule> rules, List<AlertEngine.Firing> firing, Long ping) {
        if (firing.isEmpty()) {
            long n = rules.stream().filter(r -> k.covers(r.subsystem())).count();
            return new KumaStatus(true, "OK: " + n + " rule" + (n == 1 ? "" : "s") + ", nothing firing", ping);
        }
        AlertEngine.Firing worst = firing.get(0);
        String msg = worst.level().label().toUpperCase() + " " + worst.message()
                + (firing.size() > 1 ? " (+" + (firing.size() - 1) + " more)" : "");
        return new KumaStatus(false, msg, ping);
    }

    /** Sends one test notification to every target and waits for each answer (hostpulse notify-test). */
    public List<Result> test(Duration timeout) {
        Notification t = new Notification(Notification.Kind.TEST, "notify_test", "warning", host, "agent", Map.of(),
                null, null, "hostpulse notify-test from " + host + ": this target works", clock.instant(), null);
        List<Result> out = new ArrayList<>();
        for (Notifier n : notifiers()) {
            out.add(n.test(t, timeout));
        }
        return out;
    }

    List<AlertEngine.Firing> firing() {
        return engine.firing();
    }

    @Override
    public void close() {
        notifiers().forEach(Notifier::close);
    }
}
