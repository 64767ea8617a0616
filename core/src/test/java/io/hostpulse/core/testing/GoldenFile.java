package io.hostpulse.core.testing;

import io.hostpulse.core.Point;
import io.hostpulse.core.lineprotocol.LineProtocol;
import io.hostpulse.core.lineprotocol.Precision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Golden files in the style of Telegraf's {@code testcases/<case>/expected.out}: what a recorded case produces,
 * written as line protocol (nanoseconds) one point per line, sorted, so that a schema change shows as a diff a
 * reviewer can read. Errors the collector reported go first as {@code # error <part>: <message>} comment lines
 * (line protocol ignores them).
 *
 * <p>Tests compare by default. Run them with {@code -Dhostpulse.golden.update=true} to write every expected file
 * from what the code produces now (the files live in the module's source tree, {@code src/test/resources/testcases});
 * then review the diff before committing it.
 */
public final class GoldenFile {
    /** System property that switches the tests from comparing to rewriting the expected files. */
    public static final String UPDATE = "hostpulse.golden.update";

    private GoldenFile() {
    }

    /**
     * The text of a case: error comments in the order reported, then the points' lines sorted.
     *
     * @param errors what the collector reported with addError, each as "part: message"
     */
    public static String render(Collection<Point> points, List<String> errors) {
        StringBuilder out = new StringBuilder();
        errors.forEach(e -> out.append("# error ").append(e.replace('\n', ' ')).append('\n'));
        List<String> lines = new ArrayList<>();
        for (Point p : points) {
            lines.add(LineProtocol.encode(p, Precision.NANOSECONDS));
        }
        lines.sort(null);
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** Where a module keeps the expected file of a case (relative to the module, which is the tests' directory). */
    public static Path expected(String caseName) {
        return Path.of("src", "test", "resources", "testcases", caseName, "expected.lp");
    }

    /** True when this run rewrites expected files instead of comparing. */
    public static boolean updating() {
        return Boolean.getBoolean(UPDATE);
    }

    /**
     * Compares {@code actual} with the expected file, or rewrites the file when {@link #updating()}.
     *
     * @throws AssertionError naming the file, with the lines only expected ({@code -}) and only produced ({@code +})
     */
    public static void check(Path expectedFile, String actual) throws IOException {
        if (updating()) {
            Files.createDirectories(expectedFile.getParent());
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(expectedFile)) {
            throw new AssertionError(expectedFile + " does not exist; create it with -D" + UPDATE + "=true and review it");
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        if (expected.equals(actual)) {
            return;
        }
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        StringBuilder diff = new StringBuilder(expectedFile + " differs (regenerate with -D" + UPDATE
                + "=true if the change is intended):\n");
        want.stream().filter(l -> !got.contains(l)).forEach(l -> diff.append("- ").append(l).append('\n'));
        got.stream().filter(l -> !want.contains(l)).forEach(l -> diff.append("+ ").append(l).append('\n'));
        throw new AssertionError(diff.toString());
    }
}
