package io.hostpulse.collectors.smart;

import io.hostpulse.core.Accumulator;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Collector;
import io.hostpulse.core.Event;
import io.hostpulse.core.exec.CommandResult;
import io.hostpulse.core.exec.CommandRunner;
import io.hostpulse.core.exec.CommandTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads every SMART device with smartctl, judges its health and writes {@code smart_device} /
 * {@code smart_attribute} points and health-change events. Devices come from the config and/or
 * {@code smartctl --scan-open}; one failing device is reported with {@link Accumulator#addError} and the
 * others go on. Disks in standby are not woken ({@code --nocheck=standby}) and keep their last known health.
 */
public final class SmartCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(SmartCollector.class);

    static final String PRIVILEGE_HINT = "smartctl needs root, or the capabilities CAP_SYS_RAWIO (and CAP_SYS_ADMIN"
            + " for NVMe): run hostpulse as root or grant them (systemd: AmbientCapabilities=CAP_SYS_RAWIO"
            + " CAP_SYS_ADMIN; Docker: --cap-add SYS_RAWIO --cap-add SYS_ADMIN and --device for each disk)";

    private final SmartConfig config;
    private final SmartctlRunner runner;
    private final SmartStateStore store;
    private final HealthAnalyzer analyzer;
    private final Set<String> logged = new HashSet<>();
    private final Set<String> fallbacksFailed = new HashSet<>();
    private SmartState state;

    record Target(String name, String type, boolean configured) {
        String key() {
            return type == null ? name : name + " " + type;
        }
    }

    private record Reading(SmartReport report, String error, Integer exit, boolean timedOut) {
        Reading(SmartReport report, String error, Integer exit) {
            this(report, error, exit, false);
        }

        boolean usable() {
            return report != null && report.firstError() == null && report.hasHealthData();
        }
    }

    /** smartctl could not be run at all: the whole collection fails with one clear message. */
    private static final class CannotRun extends Exception {
        CannotRun(String message) {
            super(message);
        }
    }

    public SmartCollector(SmartConfig config, CommandRunner commandRunner, String smartctl, Path stateFile) {
        this.config = config;
        this.runner = new SmartctlRunner(commandRunner, smartctl, config.commandTimeout());
        this.store = new SmartStateStore(stateFile);
        this.analyzer = new HealthAnalyzer(config.wearWarningPercent());
    }

    @Override
    public String name() {
        return "smart";
    }

    @Override
    public void collect(Instant now, Accumulator acc) throws CollectException {
        if (state == null) {
            state = store.load();
        }
        boolean reset = config.baselineReset() != null && !config.baselineReset().equals(state.baselineToken);
        try {
            for (Target t : targets(acc)) {
                collectDevice(t, now, acc, reset);
            }
        } catch (CannotRun e) {
            throw new CollectException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectException("interrupted while running smartctl");
        }
        if (reset) {
            state.baselineToken = config.baselineReset();
            LOG.info("SMART baselines reset (baseline_reset = \"{}\")", config.baselineReset());
        }
        try {
            store.save(state);
        } catch (IOException | RuntimeException e) {
            acc.addError("smart state file", new IOException("cannot write the SMART state file "
                    + store.file() + ": " + e.getMessage()));
        }
    }

    List<Target> targets(Accumulator acc) throws CannotRun, InterruptedException {
        Map<String, Target> out = new LinkedHashMap<>();
        for (SmartConfig.Device d : config.devices()) {
            Target t = new Target(d.name(), d.type(), true);
            out.put(t.key(), t);
        }
        if (config.scan()) {
            try {
                CommandResult res = runner.scan();
                List<SmartctlParser.ScanEntry> entries = SmartctlParser.parseScan(res.stdout());
                for (SmartReport.Message m : SmartctlParser.messages(SmartctlParser.tree(res.stdout()))) {
                    if (m.isError()) {
                        acc.addError("smartctl scan", new IOException("smartctl --scan-open: " + m.text()
                                + (permissionProblem(m.text()) ? ". " + PRIVILEGE_HINT : "")));
                    }
                }
                for (SmartctlParser.ScanEntry e : entries) {
                    if (e.openError() != null && permissionProblem(e.openError())) {
                        acc.addError(e.name(), new IOException(e.name() + ": " + e.openError() + ". " + PRIVILEGE_HINT));
                        continue;
                    }
                    boolean listed = out.values().stream().anyMatch(t -> t.name().equals(e.name())
                            && (t.type() == null || e.type() == null || t.type().equals(e.type())
                            || !e.type().contains(",")));
                    if (!listed) {
                        Target t = new Target(e.name(), e.type(), false);
                        out.put(t.key(), t);
                    }
                }
                if (entries.isEmpty() && logged.add("no devices")) {
                    LOG.info("smartctl --scan-open found no SMART devices on this host");
                }
            } catch (IOException e) {
                throw new CannotRun(cannotRun(e));
            } catch (CommandTimeoutException e) {
                acc.addError("smartctl scan", new IOException("smartctl --scan-open: " + e.getMessage()));
            } catch (SmartctlParser.ParseException e) {
                acc.addError("smartctl scan", new IOException("smartctl --scan-open: " + e.getMessage()));
            }
        }
        List<Target> selected = new ArrayList<>();
        for (Target t : out.values()) {
            if (!config.include().isEmpty() && config.include().stream().noneMatch(p -> glob(p, t.name()))) {
                continue;
            }
            if (config.exclude().stream().anyMatch(p -> glob(p, t.name()))) {
                continue;
            }
            selected.add(t);
        }
        return selected;
    }

    static boolean glob(String pattern, String name) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(name));
        } catch (RuntimeException e) {
            return pattern.equals(name);
        }
    }

    private String cannotRun(IOException e) {
        return "cannot run smartctl (" + runner.smartctl() + "): " + e.getMessage()
                + ". Install smartmontools (Debian/Ubuntu: apt install smartmontools) or set"
                + " collectors.smart.smartctl_path to the smartctl binary";
    }

    static boolean permissionProblem(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase();
        return t.contains("permission denied") || t.contains("operation not permitted") || t.contains("error=5")
                || t.contains("access is denied");
    }

    private Reading read(String device, String type) throws CannotRun, InterruptedException {
        CommandResult res;
        try {
            res = runner.device(device, type, config.extended(), config.nocheck());
            String said = (res.stdout() + " " + res.stderr()).toLowerCase();
            if ((res.exitCode() & 1) != 0 && config.extended()
                    && (said.contains("unrecognized option") || said.contains("invalid option"))) {
                // bit 0: smartctl did not accept the command line; an old build may lack --xall
                CommandResult again = runner.device(device, type, false, config.nocheck());
                if ((again.exitCode() & 1) == 0) {
                    res = again;
                }
            }
        } catch (IOException e) {
            throw new CannotRun(cannotRun(e));
        } catch (CommandTimeoutException e) {
            return new Reading(null, "smartctl " + e.getMessage().replaceFirst("^\\S+ ", "")
                    + " (a hanging disk or USB bridge?)", null, true);
        }
        try {
            return new Reading(SmartctlParser.parse(res.stdout(), res.exitCode()), null, res.exitCode());
        } catch (SmartctlParser.ParseException e) {
            String err = res.stderr() == null || res.stderr().isBlank() ? "" : " (stderr: "
                    + res.stderr().strip().lines().findFirst().orElse("") + ")";
            return new Reading(null, e.getMessage() + err, res.exitCode());
        }
    }

    private static boolean fallbackAllowed(Target t, String type) {
        if (t.configured() && t.type() != null) {
            return false;
        }
        if (type == null) {
            return true;
        }
        String ty = type.toLowerCase();
        return ty.equals("scsi") || ty.equals("sat") || ty.equals("ata") || ty.equals("auto")
                || ty.startsWith("usb") || ty.startsWith("snt") || ty.startsWith("sat,");
    }

    private void collectDevice(Target t, Instant now, Accumulator acc, boolean reset)
            throws CannotRun, InterruptedException {
        String type = t.type();
        String cached = state.types.get(t.key());
        if (!(t.configured() && t.type() != null) && cached != null) {
            type = cached;
        }
        Reading rd = read(t.name(), type);
        if (rd.report() != null && rd.report().inStandby()) {
            standby(t, type, rd.report(), now, acc);
            return;
        }
        String firstProblem = rd.error() != null ? rd.error()
                : rd.report().firstError() != null ? rd.report().firstError().text() : null;
        // a hang is no "wrong type": trying four more types would only hang four more times
        if (!rd.usable() && !rd.timedOut() && fallbackAllowed(t, type) && !permissionProblem(firstProblem)
                && !fallbacksFailed.contains(t.key())) {
            boolean found = false;
            for (String fb : config.fallbackTypes()) {
                if (fb.equalsIgnoreCase(type)) {
                    continue;
                }
                Reading r2 = read(t.name(), fb);
                if (r2.report() != null && r2.report().inStandby()) {
                    state.types.put(t.key(), fb);
                    standby(t, fb, r2.report(), now, acc);
                    return;
                }
                if (r2.usable()) {
                    LOG.info("{}: device type {} gave no SMART data; type {} works and is remembered", t.name(),
                            type == null ? "(auto)" : type, fb);
                    state.types.put(t.key(), fb);
                    rd = r2;
                    type = fb;
                    found = true;
                    break;
                }
            }
            if (!found) {
                // not retried until the agent restarts: a RAID volume or a SMART-less bridge would cost
                // five smartctl runs every time
                fallbacksFailed.add(t.key());
                LOG.info("{}: no SMART data with type {} nor with {}; health is reported as unknown", t.name(),
                        type == null ? "(auto)" : type, String.join(", ", config.fallbackTypes()));
            }
        }
        SmartReport report = rd.report();
        if (report == null || report.firstError() != null) {
            String reason = rd.error() != null ? rd.error() : "smartctl: " + report.firstError().text();
            if (permissionProblem(reason)) {
                reason = reason + ". " + PRIVILEGE_HINT;
            }
            Integer exit = rd.exit();
            if (exit != null && exit != 0) {
                reason = reason + " [exit status " + ExitStatus.describe(exit) + "]";
            }
            unknown(t, type, now, exit, reason, acc);
            return;
        }
        analyse(t, type, report, now, acc, reset);
    }

    private void unknown(Target t, String type, Instant now, Integer exit, String reason, Accumulator acc) {
        String diskId = state.paths.get(t.key());
        SmartState.Disk d = diskId == null ? null : state.disks.get(diskId);
        SmartMapper.Identity id = d == null ? new SmartMapper.Identity(t.name(), type, null, null, null, null, null, null)
                : new SmartMapper.Identity(t.name(), d.type, d.protocol, d.model, d.serial, d.wwn, d.capacity, diskId);
        acc.add(SmartMapper.unknown(id, now, exit, reason));
        acc.addError(t.name(), new IOException(t.name() + ": health unknown: " + reason));
    }

    private void standby(Target t, String type, SmartReport r, Instant now, Accumulator acc) {
        String diskId = state.paths.get(t.key());
        SmartState.Disk d = diskId == null ? null : state.disks.get(diskId);
        SmartMapper.Identity id = d == null
                ? new SmartMapper.Identity(t.name(), type, r.protocol(), null, null, null, null, null)
                : new SmartMapper.Identity(t.name(), d.type, d.protocol, d.model, d.serial, d.wwn, d.capacity, diskId);
        Long age = d == null || d.lastReading == null ? null : now.getEpochSecond() - d.lastReading;
        LOG.debug("{}: in standby, not woken; keeping the last known health", t.name());
        acc.add(SmartMapper.standby(id, now, r.exitStatus(), d == null ? null : d.status, d == null ? null : d.reason,
                age));
    }

    private void analyse(Target t, String type, SmartReport report, Instant now, Accumulator acc, boolean reset) {
        String shownType = type != null ? type : report.type();
        SmartMapper.Identity id = SmartMapper.identity(report, t.name(), shownType);
        String diskId = id.diskId() != null ? id.diskId() : "device:" + t.key();
        if (id.diskId() == null && logged.add("noid " + t.key())) {
            LOG.warn("{}: smartctl reports neither WWN nor serial number; the disk is tracked by its device path",
                    t.name());
        }
        SmartState.Disk d = state.disks.get(diskId);
        HealthAnalyzer.History history = d == null ? null
                : new HealthAnalyzer.History(d.last, d.baseline, d.acknowledged, d.baselineSince);
        Verdict v = analyzer.analyze(report, history);
        String today = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        if (reset && v.status() != Health.UNKNOWN) {
            history = new HealthAnalyzer.History(d == null ? null : d.last, v.tracked(), true, today);
            v = analyzer.analyze(report, history);
        }
        if (report.exitStatus() != 0 && logged.add("exit " + diskId + " " + report.exitStatus())) {
            LOG.info("{}: smartctl exit status {}", t.name(), ExitStatus.describe(report.exitStatus()));
        }
        if (!report.problems().isEmpty() && logged.add("problems " + diskId)) {
            LOG.info("{}: odd smartctl output, read anyway: {}", t.name(), String.join("; ", report.problems()));
        }
        for (var p : SmartMapper.map(report, v, new SmartMapper.Identity(id.device(), id.type(), id.protocol(),
                id.model(), id.serial(), id.wwn(), id.capacity(), diskId), now, config.attributes())) {
            acc.add(p);
        }
        Health previous = d == null ? null : Health.parse(d.status);
        if (v.status() != Health.UNKNOWN && previous != v.status() && (previous != null || v.status() != Health.PASSED)) {
            acc.addEvent(event(now, t.name(), report, diskId, previous, v));
        }
        if (d == null) {
            d = new SmartState.Disk();
            d.baseline = new TreeMap<>(v.tracked());
            d.baselineSince = today;
            state.disks.put(diskId, d);
        }
        if (reset) {
            d.baseline = new TreeMap<>(v.tracked());
            d.baselineSince = today;
            d.acknowledged = true;
        } else {
            for (Map.Entry<String, Long> e : v.tracked().entrySet()) {
                d.baseline.merge(e.getKey(), e.getValue(), Math::min);
            }
        }
        d.last = new TreeMap<>(v.tracked());
        d.device = t.name();
        d.type = shownType;
        d.protocol = report.protocol();
        d.model = report.model();
        d.serial = report.serial();
        d.wwn = report.wwn();
        d.capacity = report.capacityBytes();
        if (v.status() != Health.UNKNOWN) {
            d.status = v.status().label();
            d.reason = v.reason();
        }
        d.lastReading = now.getEpochSecond();
        state.paths.put(t.key(), diskId);
    }

    private static Event event(Instant now, String device, SmartReport r, String diskId, Health previous, Verdict v) {
        String level = switch (v.status()) {
            case FAILED -> "error";
            case WARNING -> "warning";
            default -> "info";
        };
        String what = r.model() == null ? device : device + " (" + r.model()
                + (r.serial() == null ? "" : " " + r.serial()) + ")";
        String message = "disk " + what + " health " + (previous == null ? "is " : previous.label() + " -> ")
                + v.status().label() + ": " + v.reason();
        Map<String, String> meta = new TreeMap<>();
        putIf(meta, "serial", r.serial());
        putIf(meta, "wwn", r.wwn());
        putIf(meta, "model", r.model());
        putIf(meta, "disk_id", diskId);
        putIf(meta, "previous", previous == null ? "none" : previous.label());
        putIf(meta, "current", v.status().label());
        putIf(meta, "reason", v.reason());
        putIf(meta, "health_smart", v.smart().label());
        putIf(meta, "health_threshold", v.threshold().label());
        putIf(meta, "health_failure_rate", v.failureRate().label());
        putIf(meta, "health_counters", v.counters().label());
        return new Event(now, "smart", level, message, Map.of("device", device), meta);
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
