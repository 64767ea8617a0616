package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.ArrayList;
import java.util.List;

/** Pure parser of /proc/pressure/{cpu,memory,io} (PSI): "some avg10=2.58 avg60=1.94 avg300=2.03 total=12710137". */
final class PressureParser {
    private PressureParser() {
    }

    /** @param total stall time in microseconds since boot */
    record PsiLine(String type, double avg10, double avg60, double avg300, long total) {
    }

    static List<PsiLine> parse(String text, ParseProblems problems) {
        List<PsiLine> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Double a10 = null;
            Double a60 = null;
            Double a300 = null;
            Long total = null;
            try {
                for (int i = 1; i < f.length; i++) {
                    int eq = f[i].indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String k = f[i].substring(0, eq);
                    String v = f[i].substring(eq + 1);
                    switch (k) {
                        case "avg10" -> a10 = Double.parseDouble(v);
                        case "avg60" -> a60 = Double.parseDouble(v);
                        case "avg300" -> a300 = Double.parseDouble(v);
                        case "total" -> total = Long.parseLong(v);
                        default -> {
                        }
                    }
                }
            } catch (NumberFormatException e) {
                problems.add("not a number " + ParseProblems.quote(line));
                continue;
            }
            if (!(f[0].equals("some") || f[0].equals("full")) || a10 == null || a60 == null || a300 == null
                    || total == null) {
                problems.add("expected 'some|full avg10= avg60= avg300= total=' " + ParseProblems.quote(line));
                continue;
            }
            out.add(new PsiLine(f[0], a10, a60, a300, total));
        }
        return out;
    }
}
