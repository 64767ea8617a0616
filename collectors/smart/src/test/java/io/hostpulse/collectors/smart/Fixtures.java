package io.hostpulse.collectors.smart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/** Test helper: the recorded smartctl replies under src/test/resources/smartctl. */
final class Fixtures {
    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/smartctl/" + name)) {
            Objects.requireNonNull(in, "no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String name) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/smartctl/" + name), name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SmartReport report(String name) {
        try {
            return SmartctlParser.parse(read(name), 0);
        } catch (SmartctlParser.ParseException e) {
            throw new AssertionError(name + ": " + e.getMessage());
        }
    }

    static Verdict verdict(String name) {
        return new HealthAnalyzer(10).analyze(report(name), null);
    }
}
