package io.hostpulse.agent.alerts;

import io.hostpulse.core.Point;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who is behind a CPU, memory, load or disk-I/O alert: the top three processes (from the host collector's process
 * list, with their container) and then the top containers not named yet (from the docker collector's latest points;
 * for disk I/O, the processes' rates summed per container), e.g. {@code ffmpeg 180% (plex), immich_machine_learning
 * 60%}. Other alerts (a full file system, a disk's health) have no culprit. Fed every batch; thread-safe.
 */
public final class Culprits {
    static final int TOP = 3;

    enum Resource { CPU, MEMORY, IO }

    private final Supplier<List<Point>> processes;
    private volatile List<Point> containerCpu = List.of();
    private volatile List<Point> containerMem = List.of();
    private final Map<String, String> containerNames = new HashMap<>();

    /** @param processes the latest {@code procstat} points (the host collector's kept list); may return empty */
    public Culprits(Supplier<List<Point>> processes) {
        this.processes = processes;
    }

    /** Which resource a rule's measurement is about, or null when the rule has no culprits. */
    static Resource resourceOf(String measurement) {
        return switch (measurement) {
            case "cpu", "system", "pressure" -> Resource.CPU;
            case "mem", "swap" -> Resource.MEMORY;
            case "diskio" -> Resource.IO;
            default -> null;
        };
    }

    /** Keeps the docker collector's latest container points (other batches are ignored). */
    public void observe(List<Point> batch) {
        List<Point> cpu = new ArrayList<>();
        List<Point> mem = new ArrayList<>();
        boolean docker = false;
        for (Point p : batch) {
            switch (p.measurement()) {
                case "docker_container_cpu" -> {
                    docker = true;
                    if ("cpu-total".equals(p.tag("cpu"))) {
                        cpu.add(p);
                    }
                }
                case "docker_container_mem" -> {
                    docker = true;
                    mem.add(p);
                }
                case "docker_container_status" -> {
                    docker = true;
                    if (p.field("container_id") instanceof String id && p.tag("container_name") != null) {
                        synchronized (containerNames) {
                            containerNames.put(id, p.tag("container_name"));
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (docker) {
            containerCpu = List.copyOf(cpu);
            containerMem = List.copyOf(mem);
        }
    }

    /** The culprit text for a rule over {@code measurement}, or null when there is none (or nothing is known). */
    public String describe(String measurement) {
        Resource r = resourceOf(measurement);
        if (r == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        List<Point> procs = new ArrayList<>(processes.get());
        procs.sort(Comparator.comparingDouble((Point p) -> value(p, r)).reversed());
        Map<String, Double> ioByContainer = new HashMap<>();
        for (Point p : procs) {
            String c = container(p);
            if (c != null && r == Resource.IO) {
                ioByContainer.merge(c, value(p, r), Double::sum);
            }
        }
        for (Point p : procs.subList(0, Math.min(TOP, procs.size()))) {
            if (value(p, r) <= 0) {
                break;
            }
            String c = container(p);
            parts.add(p.tag("process_name") + " " + format(value(p, r), r) + (c == null ? "" : " (" + c + ")"));
            if (c != null) {
                named.add(c);
            }
        }
        List<Map.Entry<String, Double>> ctrs = new ArrayList<>();
        if (r == Resource.IO) {
            ctrs.addAll(ioByContainer.entrySet());
        } else {
            for (Point p : r == Resource.CPU ? containerCpu : containerMem) {
                Object v = p.field(r == Resource.CPU ? "usage_percent" : "usage");
                if (v instanceof Number n && p.tag("container_name") != null) {
                    ctrs.add(Map.entry(p.tag("container_name"), n.doubleValue()));
                }
            }
        }
        ctrs.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        int added = 0;
        for (Map.Entry<String, Double> e : ctrs) {
            if (added == TOP || e.getValue() <= 0) {
                break;
            }
            if (named.add(e.getKey())) {
                parts.add(e.getKey() + " " + format(e.getValue(), r));
                added++;
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private String container(Point p) {
        if (!(p.field("container_id") instanceof String id)) {
            return null;
        }
        synchronized (containerNames) {
            return containerNames.getOrDefault(id, id.substring(0, Math.min(12, id.length())));
        }
    }

    private static double value(Point p, Resource r) {
        return switch (r) {
            case CPU -> num(p.field("cpu_usage"));
            case MEMORY -> num(p.field("memory_rss"));
            case IO -> num(p.field("read_bytes_per_second")) + num(p.field("write_bytes_per_second"));
        };
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    static String format(double v, Resource r) {
        return switch (r) {
            case CPU -> String.format(Locale.ROOT, "%.0f%%", v);
            case MEMORY -> bytes(v);
            case IO -> bytes(v) + "/s";
        };
    }

    private static String bytes(double v) {
        String[] u = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? String.format(Locale.ROOT, "%.0f %s", v, u[i]) : String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
