package io.hostpulse.exporters.influx;

import io.hostpulse.core.Point;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.http.ReplyPolicy;
import io.hostpulse.exporters.influx.ScriptedHttpServer.Action;
import io.hostpulse.exporters.influx.ScriptedHttpServer.Garbage;
import io.hostpulse.exporters.influx.ScriptedHttpServer.Hang;
import io.hostpulse.exporters.influx.ScriptedHttpServer.Reply;
import io.hostpulse.exporters.influx.ScriptedHttpServer.Reset;
import io.hostpulse.exporters.influx.ScriptedHttpServer.Slow;
import io.hostpulse.exporters.influx.ScriptedHttpServer.Trickle;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import io.hostpulse.exporters.pipeline.OutputContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Both APIs against a protocol-level server that answers what real servers cannot be made to answer on demand. */
class InfluxBadRepliesTest {
    private ScriptedHttpServer server;
    private BufferedOutput<Point> out;

    @AfterEach
    void tearDown() throws Exception {
        if (out != null) {
            out.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private BufferedOutput<Point> output(String api, Function<ScriptedHttpServer.Request, Action> script, Object... extra) throws Exception {
        server = new ScriptedHttpServer(script);
        Map<String, Object> m = new HashMap<>(Map.of("api", api, "url", server.url(), "bucket", "b", "org", "o",
                "database", "db", "flush_interval", "50ms", "flush_jitter", "0s", "retry_initial", "20ms",
                "retry_max", "200ms", "timeout", "2s"));
        m.put("drain_timeout", "1s");
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        ConfigNode node = ConfigNode.of(m);
        out = (BufferedOutput<Point>) new InfluxOutputPlugin().create(node,
                new OutputContext(null, new SimpleMeterRegistry(), Clock.systemUTC()));
        node.finish();
        assertThat(node.problems().all()).isEmpty();
        return out;
    }

    static List<Point> points(int from, int to) {
        List<Point> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(Point.builder("m").tag("host", "h").field("seq", (long) i).time(Instant.ofEpochSecond(1_764_000_000L + i)).build());
        }
        return l;
    }

    static List<String> lines(int from, int to) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add("m,host=h seq=" + i + "i " + (1_764_000_000L + i));
        }
        return l;
    }

    static void await(BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static Function<ScriptedHttpServer.Request, Action> firstThen(int n, Action first) {
        return r -> r.index() < n ? first : Reply.of(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void badRequestDropsOnlyThatBatchAndLogsTheServerText(String api) throws Exception {
        output(api, firstThen(1, Reply.of(400, "{\"error\":\"unable to parse 'm seq=': missing field value\"}")));
        out.accept(points(0, 5));
        await(() -> server.requests.size() >= 1);
        await(() -> out.stats().dropped("rejected") == 5);
        out.accept(points(5, 10));
        out.flush(Duration.ofSeconds(10));
        assertThat(server.acceptedLines()).containsExactlyElementsOf(lines(5, 10));
        assertThat(out.stats().lastError()).contains("unable to parse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aRedirectKeepsTheDataAndSaysWhichUrlToSet(String api) throws Exception {
        output(api, firstThen(2, new Reply(307, Map.of("Location", "https://influx.example/write?p=hunter2"), "")));
        out.accept(points(0, 5));
        out.flush(Duration.ofSeconds(20));
        assertThat(server.acceptedLines()).containsExactlyElementsOf(lines(0, 5));
        assertThat(server.requests).hasSize(3);
        assertThat(out.stats().retried()).isEqualTo(10);
        assertThat(out.stats().lastError()).contains("HTTP 307").contains("a redirect to https://influx.example/write?p=******")
                .doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aHugeErrorBodyIsReadOnlyUpToTheCapAndQuotedShort(String api) throws Exception {
        String huge = "{\"error\":\"partial write: " + "x".repeat(4 * 1024 * 1024) + "\"}";
        output(api, firstThen(1, Reply.of(400, huge)));
        out.accept(points(0, 5));
        await(() -> out.stats().dropped("rejected") == 5);
        assertThat(out.stats().lastError()).contains("HTTP 400").contains("partial write").endsWith("...")
                .hasSizeLessThan(ReplyPolicy.MAX_TEXT + 40);
        out.accept(points(5, 7));
        out.flush(Duration.ofSeconds(10));
        assertThat(server.acceptedLines()).containsExactlyElementsOf(lines(5, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void tooLargeSplitsUntilTheServerTakesIt(String api) throws Exception {
        output(api, r -> r.lines().size() > 4 ? Reply.of(413, "{\"error\":\"Request Entity Too Large\"}") : Reply.of(204),
                "batch_size", 16);
        out.accept(points(0, 16));
        out.flush(Duration.ofSeconds(10));
        assertThat(server.acceptedLines()).containsExactlyElementsOf(lines(0, 16));
        assertThat(server.requests).filteredOn(ScriptedHttpServer.Request::accepted)
                .allSatisfy(r -> assertThat(r.lines().size()).isLessThanOrEqualTo(4));
        assertThat(server.requests.stream().filter(r -> !r.accepted()).count()).isGreaterThanOrEqualTo(2);
        assertThat(out.stats().dropped().values()).allMatch(v -> v == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void unauthorizedKeepsRetryingWithoutLosingData(String api) throws Exception {
        output(api, firstThen(4, Reply.of(401, "{\"error\":\"authorization failed\"}")));
        out.accept(points(0, 10));
        out.flush(Duration.ofSeconds(20));
        assertThat(server.acceptedLines()).containsExactlyElementsOf(lines(0, 10));
        assertThat(out.stats().retried()).isEqualTo(40);
        assertThat(out.stats().dropped().values()).allMatch(v -> v == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void tooManyRequestsWaitsAtLeastRetryAfter(String api) throws Exception {
        output(api, firstThen(1, new Reply(429, Map.of("Retry-After", "2"), "")));
        out.accept(points(0, 3));
        out.flush(Duration.ofSeconds(20));
        assertThat(server.acceptedLines()).containsExactlyElementsOf(lines(0, 3));
        long gap = server.requests.get(1).nanos() - server.requests.get(0).nanos();
        assertThat(gap).as("retry waited for Retry-After: 2 (back-off alone is at most 200 ms)")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1900));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void unavailableIsRetried(String api) throws Exception {
        output(api, firstThen(3, Reply.of(503, "overloaded")));
        out.accept(points(0, 10));
        out.flush(Duration.ofSeconds(20));
        assertThat(server.acceptedLines()).containsExactlyElementsOf(lines(0, 10));
        assertThat(out.stats().retried()).isEqualTo(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void slowReplyTrickledBodyResetMidBodyAndGarbageAreRetriedAndNothingIsLost(String api) throws Exception {
        List<Action> first = List.of(new Slow(3000), new Trickle(100, 100), new Reset(), new Garbage());
        output(api, r -> r.index() < first.size() ? first.get(r.index()) : Reply.of(204), "timeout", "1s");
        out.accept(points(0, 10));
        out.flush(Duration.ofSeconds(30));
        assertThat(server.acceptedLines()).containsExactlyElementsOf(lines(0, 10));
        assertThat(server.requests).hasSize(5);
        assertThat(out.stats().retried()).isEqualTo(40);
        assertThat(out.stats().dropped().values()).allMatch(v -> v == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void aServerThatNeverAnswersBlocksNeitherCollectionNorMemory(String api) throws Exception {
        output(api, r -> new Hang(), "timeout", "1s", "buffer_limit", 200, "batch_size", 50);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 100; i++) {
                out.accept(points(i * 20, i * 20 + 20)); // a collection round: must return although no write ever ends
            }
        });
        var s = out.stats();
        assertThat(s.queued()).isLessThanOrEqualTo(200 + 50);
        assertThat(s.queued() + s.dropped("overflow")).isEqualTo(2000);
        assertThat(s.written()).isZero();
    }
}
