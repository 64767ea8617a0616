package io.hostpulse.collectors.host.interrupts;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pure parser of {@code /proc/interrupts} and {@code /proc/softirqs}: a header {@code CPU0 CPU1 ...}, then one line
 * per IRQ, {@code <id>: <count per CPU> [type] [device ...]}. Read as Telegraf's interrupts plugin reads it: for a
 * numbered IRQ the word after the counts is its type ({@code IO-APIC}) and the rest its device ({@code 2-edge timer});
 * for a named one ({@code NMI}, {@code LOC}) all the text after the counts is its type ("Local timer interrupts").
 * Lines with fewer counts than CPUs ({@code ERR}, {@code MIS}) keep the counts they have; a line with none is noted.
 */
public final class InterruptsParser {
    /** One IRQ: its id, type and device ("" when none), and its count on each CPU. */
    public record Irq(String id, String type, String device, List<Long> cpus) {
        public long total() {
            return cpus.stream().mapToLong(Long::longValue).sum();
        }
    }

    private InterruptsParser() {
    }

    public static List<Irq> parse(String text, ParseProblems problems) {
        List<Irq> out = new ArrayList<>();
        String[] lines = text.split("\n");
        if (!lines[0].trim().startsWith("CPU0")) {
            problems.add("first line does not name the CPUs " + ParseProblems.quote(lines[0]));
            return out;
        }
        int cpuCount = lines[0].trim().split("\\s+").length;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (lines[i].isBlank() || !f[0].endsWith(":")) {
                continue;
            }
            String id = f[0].substring(0, f[0].length() - 1);
            List<Long> cpus = new ArrayList<>();
            for (int c = 1; c <= cpuCount && c < f.length && f[c].chars().allMatch(Character::isDigit); c++) {
                cpus.add(Long.parseLong(f[c]));
            }
            if (cpus.isEmpty()) {
                problems.add("no counts " + ParseProblems.quote(lines[i]));
                continue;
            }
            int rest = cpus.size() + 1;
            String type = "";
            String device = "";
            if (id.chars().allMatch(Character::isDigit) && f.length > rest) {
                type = f[rest];
                device = String.join(" ", Arrays.copyOfRange(f, rest + 1, f.length));
            } else if (f.length > rest) {
                type = String.join(" ", Arrays.copyOfRange(f, rest, f.length));
            }
            out.add(new Irq(id, type, device, List.copyOf(cpus)));
        }
        return out;
    }
}
