package io.hostpulse.exporters.loki;

import com.github.loki4j.client.batch.LogRecord;
import io.hostpulse.core.Event;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LokiStreamsTest {
    static final Instant T = Instant.parse("2026-11-25T10:00:00.000000001Z");

    @Test
    void onlyTheFixedLabelsMakeTheStreamEverythingElseIsMetadata() {
        Event e = new Event(T, "docker", "warn", "container api died (exit code 137)",
                Map.of("container_name", "api", "compose_project", "shop", "compose_service", "api", "action", "die"),
                Map.of("exit_code", "137", "container_id", "abc"));
        LogRecord r = LokiStreams.map(e, Map.of("env", "prod"), "h1").get(0);
        assertThat(r.stream).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "host", "h1", "source", "docker",
                "level", "warning", "container_name", "api", "compose_project", "shop", "compose_service", "api"));
        assertThat(r.metadata).containsExactlyInAnyOrderEntriesOf(Map.of("action", "die", "exit_code", "137", "container_id", "abc"));
        assertThat(r.message).isEqualTo("container api died (exit code 137)");
        assertThat(r.timestampMs).isEqualTo(T.toEpochMilli());
        assertThat(r.nanosInMs).isEqualTo(1);
    }

    @Test
    void anEventsOwnHostWinsOverTheAgentsAndEmptyLabelsAreLeftOut() {
        Event e = new Event(T, "alert", "error", "cpu high", Map.of("host", "other", "container_name", ""), Map.of());
        LogRecord r = LokiStreams.map(e, Map.of(), "h1").get(0);
        assertThat(r.stream).containsExactlyInAnyOrderEntriesOf(Map.of("host", "other", "source", "alert", "level", "error"));
    }

    @Test
    void levelsAreNormalised() {
        assertThat(LokiStreams.level("WARN")).isEqualTo("warning");
        assertThat(LokiStreams.level("warning")).isEqualTo("warning");
        assertThat(LokiStreams.level("critical")).isEqualTo("error");
        assertThat(LokiStreams.level("notice")).isEqualTo("info");
    }

    @Test
    void metadataNamesAreMadeValidAndLongValuesCutOnCodePoints() {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("com.docker.compose.project", "x");
        in.put("9lives", "y");
        in.put("blob", "é".repeat(3000)); // 6000 bytes
        Map<String, String> md = LokiStreams.metadata(in);
        assertThat(md).containsEntry("com_docker_compose_project", "x").containsEntry("_lives", "y");
        assertThat(md.get("blob")).isEqualTo("é".repeat(2048)); // 4096 bytes, no half character
        assertThat(md).containsEntry("truncated", "blob");
        md.keySet().forEach(k -> assertThat(LokiLimits.labelNameProblem(k)).isNull());
    }

    @Test
    void tooManyOrTooLargeMetadataIsCappedAndMarked() {
        Map<String, String> in = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            in.put(String.format("k%03d", i), "v".repeat(100));
        }
        Map<String, String> md = LokiStreams.metadata(in);
        assertThat(md.size()).isLessThanOrEqualTo(LokiLimits.MAX_METADATA_ENTRIES).isLessThan(128);
        assertThat(md).containsEntry("truncated", "*").containsKey("k000");
        int bytes = md.entrySet().stream().mapToInt(x -> x.getKey().length() + x.getValue().length()).sum();
        assertThat(bytes).isLessThan(64 * 1024);

        Map<String, String> big = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            big.put("k" + i, "w".repeat(5000));
        }
        Map<String, String> md2 = LokiStreams.metadata(big);
        int bytes2 = md2.entrySet().stream().mapToInt(x -> x.getKey().length() + x.getValue().length()).sum();
        assertThat(bytes2).isLessThanOrEqualTo(LokiLimits.MAX_METADATA_BYTES);
        assertThat(md2.get("truncated")).endsWith("*").contains("k0");
    }

    @Test
    void longMessagesAreSplitOnCodePointsInOrder() {
        String msg = "a" + "€".repeat(100_000) + "😀".repeat(10) + "z"; // 300,042 bytes
        List<LogRecord> parts = LokiStreams.map(new Event(T, "smart", "info", msg, Map.of(), Map.of()), Map.of(), "h").stream().toList();
        assertThat(parts).hasSize(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            LogRecord p = parts.get(i);
            assertThat(p.message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LokiLimits.MAX_LINE_BYTES);
            assertThat(p.metadata).containsEntry("part", (i + 1) + "/3");
            assertThat(p.timestampMs * 1_000_000L + p.nanosInMs).isEqualTo(T.toEpochMilli() * 1_000_000L + 1 + i);
            sb.append(p.message);
        }
        assertThat(sb.toString()).isEqualTo(msg);
    }

    @Test
    void anEmptyMessageStillMakesALine() {
        LogRecord r = LokiStreams.map(new Event(T, "docker", "info", "", Map.of(), Map.of()), Map.of(), "h").get(0);
        assertThat(r.message).isEqualTo("(docker event)");
    }

    @Test
    void aBatchIsGroupedByStreamAndTimeOrderedInsideEach() {
        Event a2 = new Event(T.plusSeconds(2), "docker", "info", "a2", Map.of("container_name", "a"), Map.of());
        Event b1 = new Event(T.plusSeconds(1), "docker", "info", "b1", Map.of("container_name", "b"), Map.of());
        Event a1 = new Event(T.plusSeconds(1), "docker", "info", "a1", Map.of("container_name", "a"), Map.of());
        Event a1bis = new Event(T.plusSeconds(1), "docker", "info", "a1bis", Map.of("container_name", "a"), Map.of());
        List<LogRecord> rs = LokiStreams.records(List.of(a2, b1, a1, a1bis), Map.of(), "h");
        assertThat(rs).extracting(r -> r.message).containsExactly("a1", "a1bis", "a2", "b1");
    }

    @Test
    void truncateNeverSplitsASurrogatePair() {
        assertThat(LokiLimits.truncate("ab😀", 5)).isEqualTo("ab");
        assertThat(LokiLimits.truncate("ab😀", 6)).isEqualTo("ab😀");
        assertThat(LokiLimits.utf8("ab😀é")).isEqualTo("ab😀é".getBytes(StandardCharsets.UTF_8).length);
    }
}
