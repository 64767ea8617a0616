package io.hostpulse.collectors.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.exec.ProcessCommandRunner;
import io.hostpulse.core.testing.GoldenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files (Telegraf's {@code testcases/} idea): every recorded device reply under
 * src/test/resources/smartctl, served by a fake smartctl exiting with the reply's recorded status, read once by
 * the collector at a fixed time; its points and errors must equal {@code testcases/smart-<reply>/expected.lp}.
 * A change of the SMART schema or verdicts shows up as a readable diff of those files. Regenerate them with
 * {@code mvn -pl collectors/smart -am verify -Dtest=SmartGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dhostpulse.golden.update=true} and review the diff.
 */
class SmartGoldenTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The device replies (the scan replies are no device's reading). */
    static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.path("SOURCES.md").getParent())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.contains("scan"))
                    .sorted().toList();
        }
    }

    static String caseName(String reply) {
        return "smart-" + reply.replaceFirst("\\.json$", "");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void recordedReplyGivesTheGoldenPoints(String reply) throws Exception {
        JsonNode root = JSON.readTree(Fixtures.read(reply));
        String device = root.path("device").path("name").asText("/dev/sdx");
        String type = root.path("device").path("type").asText(null);
        int exit = root.path("smartctl").path("exit_status").asInt(0);
        Files.createDirectories(tmp.resolve("bin"));
        Path script = new FakeSmartctl(tmp.resolve("bin")).onFixture("*--json*", reply, exit).write();
        Map<String, Object> dev = new HashMap<>(Map.of("device", device));
        if (type != null) {
            dev.put("type", type);
        }
        SmartCollector collector = new SmartCollector(SmartConfig.from(ConfigNode.of(Map.of("devices", List.of(dev)))),
                new ProcessCommandRunner(), script.toString(), tmp.resolve("data/smart-state.json"));
        RecordingAccumulator acc = new RecordingAccumulator();
        collector.collect(T0, acc);

        List<String> errors = new ArrayList<>();
        acc.errors.forEach((part, e) -> errors.add(part + ": " + e.getMessage()));
        errors.replaceAll(e -> e.replace(tmp.toString(), "<tmp>"));
        GoldenFile.check(GoldenFile.expected(caseName(reply)), GoldenFile.render(acc.points, errors));
    }

    @Test
    void everyRecordedReplyHasAGoldenFileAndNoGoldenFileIsStale() throws IOException {
        List<String> expected = cases().stream().map(SmartGoldenTest::caseName).sorted().toList();
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/testcases"))) {
            List<String> present = dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("smart-"))
                    .sorted().toList();
            if (!GoldenFile.updating()) {
                assertThat(present).containsExactlyElementsOf(expected);
            }
        }
    }
}
