package io.hostpulse.exporters.loki;

import io.hostpulse.exporters.pipeline.BufferedOutput;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import com.github.loki4j.logback.Loki4jAppender;
import io.hostpulse.core.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The loki output against the protocol-faithful test server, in both wire formats. */
class LokiOutputTest {
    LokiTestServer loki;
    BufferedOutput<Event> out;

    @BeforeEach
    void start() throws Exception {
        loki = LokiTestServer.start();
    }

    @AfterEach
    void stop() {
        if (out != null) {
            out.close();
        }
        loki.close();
    }

    Map<String, Object> section(String format) {
        Map<String, Object> m = new HashMap<>();
        m.put("url", loki.url());
        m.put("format", format);
        m.put("flush_interval", "100ms");
        m.put("flush_jitter", "0s");
        m.put("retry_initial", "100ms");
        m.put("retry_max", "500ms");
        m.put("agent_logs", false);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void eventsArriveWithLabelsMetadataAndNanosecondTimes(String format) throws Exception {
        Map<String, Object> s = section(format);
        s.put("labels", Map.of("env", "prod"));
        s.put("tenant", "team-a");
        out = Outputs.create(s, null, "web-01");
        Instant t = Instant.parse("2026-11-25T21:00:00.123456789Z");
        Instant now = Instant.now().minusSeconds(5);
        // within Loki's accepted time range: shift the fixed fraction onto "now"
        Instant t1 = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusNanos(t.getNano());
        out.accept(List.of(Outputs.docker(t1, "shop-db", "die", "137")));
        out.accept(List.of(new Event(t1.plusMillis(5), "smart", "warning", "/dev/sda health changed from passed to warning: "
                + "5 Reallocated_Sector_Ct 8 > 0", Map.of("device", "/dev/sda"), Map.of("model", "WDC WD40", "previous", "passed"))));
        out.flush(Duration.ofSeconds(10));

        List<LokiTestServer.Entry> got = loki.entries();
        assertThat(got).hasSize(2);
        LokiTestServer.Entry die = got.stream().filter(e -> e.labels().get("source").equals("docker")).findFirst().orElseThrow();
        assertThat(die.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "host", "web-01",
                "source", "docker", "level", "warning", "compose_project", "shop", "compose_service", "db",
                "container_name", "shop-db"));
        assertThat(die.metadata()).containsEntry("exit_code", "137").containsEntry("action", "die")
                .containsEntry("image", "nginx:1.27").containsKey("container_id");
        assertThat(die.line()).isEqualTo("container shop-db die");
        // ns precision end to end: seconds*1e9 + the nine fraction digits
        assertThat(die.tsNanos()).isEqualTo(t1.getEpochSecond() * 1_000_000_000L + 123_456_789L);
        assertThat(die.tenant()).isEqualTo("team-a");

        LokiTestServer.Entry smart = got.stream().filter(e -> e.labels().get("source").equals("smart")).findFirst().orElseThrow();
        assertThat(smart.labels()).containsOnlyKeys("env", "host", "source", "level");
        assertThat(smart.metadata()).containsEntry("device", "/dev/sda").containsEntry("previous", "passed");
        assertThat(loki.requests()).allSatisfy(r -> assertThat(r.contentType())
                .startsWith(format.equals("json") ? "application/json" : "application/x-protobuf"));
        assertThat(out.stats().written()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void hugeMessagesAndMetadataStayUnderLokiLimits(String format) throws Exception {
        out = Outputs.create(section(format), null);
        String big = "x".repeat(600 * 1024) + "END";
        Map<String, String> meta = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            meta.put("attr" + i, "v".repeat(500));
        }
        Instant t = Instant.now().minusSeconds(1);
        out.accept(List.of(new Event(t, "smart", "info", big, Map.of("device", "/dev/sdb"), meta)));
        out.flush(Duration.ofSeconds(10));

        assertThat(loki.requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(204));
        List<LokiTestServer.Entry> got = loki.entries();
        assertThat(got).hasSize(5); // 600 KiB + 3 bytes in parts of 128 KiB
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).metadata()).containsEntry("part", (i + 1) + "/5").containsEntry("truncated", "*");
            assertThat(got.get(i).metadata().size()).isLessThanOrEqualTo(LokiTestServer.MAX_SM_ENTRIES);
            assertThat(got.get(i).tsNanos()).isEqualTo(t.getEpochSecond() * 1_000_000_000L + t.getNano() + i);
            joined.append(got.get(i).line());
        }
        assertThat(joined.toString()).isEqualTo(big);
    }

    @ParameterizedTest
    @ValueSource(strings = {"protobuf", "json"})
    void quotesBackslashesAndNewlinesInLabelValuesDoNotBreakTheLabelText(String format) throws Exception {
        Map<String, Object> s = section(format);
        s.put("labels", Map.of("site", "Joe's \"lab\" C:\\x"));
        out = Outputs.create(s, null, "h");
        out.accept(List.of(new Event(Instant.now(), "docker", "info", "line\nwith \"quotes\" and \\", Map.of("container_name", "a\nb"), Map.of())));
        out.flush(Duration.ofSeconds(10));
        assertThat(loki.requests()).extracting(LokiTestServer.Request::status).containsExactly(204);
        LokiTestServer.Entry e = loki.entries().get(0);
        assertThat(e.labels()).containsEntry("site", "Joe's \"lab\" C:/x").containsEntry("container_name", "a b");
        assertThat(e.line()).isEqualTo("line\nwith \"quotes\" and \\");
    }

    @Test
    void rejectedBatchIsDroppedAndCountedWithLokisMessage() throws Exception {
        out = Outputs.create(section("json"), null);
        // older than reject_old_samples_max_age (1 week): Loki answers 400 and the batch can never be written
        out.accept(List.of(new Event(Instant.now().minus(Duration.ofDays(8)), "agent", "info", "ancient", Map.of(), Map.of())));
        out.flush(Duration.ofSeconds(10));
        out.accept(List.of(new Event(Instant.now(), "agent", "info", "fresh", Map.of(), Map.of())));
        out.flush(Duration.ofSeconds(10));

        assertThat(out.stats().dropped("rejected")).isEqualTo(1);
        assertThat(out.stats().lastError()).contains("HTTP 400").contains("has timestamp too old");
        assertThat(loki.entries()).extracting(LokiTestServer.Entry::line).containsExactly("fresh");
    }

    @Test
    void rateLimitedAndUnavailableAreRetriedNotLost() throws Exception {
        out = Outputs.create(section("protobuf"), null);
        loki.failNext(2, 429, "0");
        out.accept(List.of(new Event(Instant.now(), "agent", "info", "one", Map.of(), Map.of())));
        out.flush(Duration.ofSeconds(10));
        loki.failNext(1, 503, null);
        out.accept(List.of(new Event(Instant.now(), "agent", "info", "two", Map.of(), Map.of())));
        out.flush(Duration.ofSeconds(10));

        assertThat(loki.requests()).extracting(LokiTestServer.Request::status).containsExactly(429, 429, 204, 503, 204);
        assertThat(loki.entries()).extracting(LokiTestServer.Entry::line).containsExactly("one", "two");
        assertThat(out.stats().retried()).isGreaterThanOrEqualTo(3);
        assertThat(out.stats().dropped().values()).allMatch(v -> v == 0);
    }

    @Test
    void basicAuthAndBearerTokenAreSent() throws Exception {
        Map<String, Object> s = section("json");
        s.put("username", "12345");
        s.put("password", "s3cret");
        out = Outputs.create(s, null);
        out.accept(List.of(new Event(Instant.now(), "agent", "info", "a", Map.of(), Map.of())));
        out.flush(Duration.ofSeconds(10));
        out.close();
        assertThat(loki.requests().get(0).authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("12345:s3cret".getBytes(StandardCharsets.UTF_8)));

        Map<String, Object> b = section("json");
        b.put("bearer_token", "tok-1");
        out = Outputs.create(b, null);
        out.accept(List.of(new Event(Instant.now(), "agent", "info", "b", Map.of(), Map.of())));
        out.flush(Duration.ofSeconds(10));
        assertThat(loki.requests().get(1).authorization()).isEqualTo("Bearer tok-1");
        assertThat(loki.requests().get(1).tenant()).isNull();
    }

    @Test
    void theAgentsOwnLogLinesGoThroughLoki4jsAppender() throws Exception {
        Map<String, Object> s = section("protobuf");
        s.put("agent_logs", true);
        s.put("labels", Map.of("env", "lab"));
        out = Outputs.create(s, null, "node-7");
        org.slf4j.Logger log = LoggerFactory.getLogger("io.hostpulse.test.AgentLog");
        log.atWarn().addKeyValue("output", "influxdb").log("output influxdb: write failed: HTTP 500");
        log.debug("below the level: not shipped");
        LoggerFactory.getLogger(AgentLogShipper.EVENTS_LOGGER).warn("an event's local copy: not shipped");
        Outputs.await("the log line in Loki", Duration.ofSeconds(20), () -> loki.entries().stream()
                .anyMatch(e -> e.line().contains("write failed")));
        assertThat(lokiAppenders()).isEqualTo(1);
        out.close();
        out = null;
        LokiTestServer.Entry e = loki.entries().stream().filter(x -> x.line().contains("write failed")).findFirst().orElseThrow();
        assertThat(e.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "lab", "host", "node-7",
                "source", "agent_log", "level", "warning"));
        assertThat(e.metadata()).containsEntry("logger", "io.hostpulse.test.AgentLog").containsEntry("output", "influxdb")
                .containsKey("thread");
        assertThat(e.line()).isEqualTo("output influxdb: write failed: HTTP 500");
        assertThat(loki.entries()).noneMatch(x -> x.line().contains("below the level") || x.line().contains("local copy"));
        // detached on close: later lines stay local, since no Loki4j appender is left to take them
        assertThat(lokiAppenders()).isZero();
    }

    private static long lokiAppenders() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders.stream().filter(a -> a instanceof Loki4jAppender).count();
    }
}
