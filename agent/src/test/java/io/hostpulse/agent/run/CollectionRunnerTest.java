package io.hostpulse.agent.run;

import io.hostpulse.agent.selfmetrics.SelfMetrics;
import io.hostpulse.core.Accumulator;
import io.hostpulse.core.CollectException;
import io.hostpulse.core.Collector;
import io.hostpulse.core.Event;
import io.hostpulse.core.Point;
import io.hostpulse.exporters.pipeline.Output;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionRunnerTest {
    private final SelfMetrics metrics = new SelfMetrics();
    private final List<Point> written = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private final Output<Point> output = new Output<>() {
        @Override
        public String name() {
            return "capture";
        }

        @Override
        public void accept(List<Point> points) {
            written.addAll(points);
        }

        @Override
        public void flush(Duration timeout) {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void close() {
        metrics.close();
    }

    private CollectionRunner runner(Collector c) {
        return new CollectionRunner(c, List.of(output), events::add, metrics, new ProblemLog(),
                Map.of("host", "box", "site", "home"), clock);
    }

    private static Collector collector(String name, CollectorBody body) {
        return new Collector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void collect(Instant now, Accumulator acc) throws CollectException {
                body.collect(now, acc);
            }
        };
    }

    interface CollectorBody {
        void collect(Instant now, Accumulator acc) throws CollectException;
    }

    @Test
    void addsHostAndGlobalTagsWithoutOverwritingTheCollectorsOwn() {
        runner(collector("c", (now, acc) -> {
            acc.add(Point.builder("m").tag("site", "own").field("v", 1).time(now).build());
            acc.addEvent(new Event(now, "test", "info", "hello", Map.of(), Map.of()));
        })).runOnce();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).tags()).containsEntry("host", "box").containsEntry("site", "own");
        assertThat(written.get(0).time()).isEqualTo(clock.instant());
        assertThat(events).extracting(Event::message).containsExactly("hello");
        assertThat(metrics.successByCollector()).containsEntry("c", 1);
    }

    @Test
    void partialFailureKeepsTheGoodPointsAndCountsTheError() {
        runner(collector("c", (now, acc) -> {
            acc.add(Point.builder("m").field("v", 1).time(now).build());
            acc.addError("disk /dev/sdz", new java.io.IOException("gone"));
        })).runOnce();
        assertThat(written).hasSize(1);
        assertThat(metrics.successByCollector()).containsEntry("c", 0);
        assertThat(metrics.registry().get("hostpulse.collector.errors").tag("collector", "c").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aThrowingCollectorNeverPropagatesAndIsCountedEachTime() {
        CollectionRunner r = runner(collector("bad", (now, acc) -> {
            throw new CollectException("socket closed");
        }));
        r.runOnce();
        r.runOnce();
        CollectionRunner bug = runner(collector("bug", (now, acc) -> {
            throw new IllegalStateException("boom");
        }));
        bug.runOnce();
        assertThat(written).isEmpty();
        assertThat(metrics.registry().get("hostpulse.collector.errors").tag("collector", "bad").counter().count()).isEqualTo(2.0);
        assertThat(metrics.registry().get("hostpulse.collector.errors").tag("collector", "bug").counter().count()).isEqualTo(1.0);
        assertThat(metrics.successByCollector()).containsEntry("bad", 0).containsEntry("bug", 0);
    }

    @Test
    void problemLogReportsEachDistinctProblemOnceUntilRecovery() {
        ProblemLog log = new ProblemLog();
        assertThat(log.problem("docker", "", new CollectException("no socket"))).isTrue();
        assertThat(log.problem("docker", "", new CollectException("no socket"))).isFalse();
        assertThat(log.problem("docker", "", new CollectException("permission denied"))).isTrue();
        log.ok("docker");
        assertThat(log.activeCount()).isZero();
        assertThat(log.problem("docker", "", new CollectException("permission denied"))).isTrue();
    }

    @Test
    void problemLogForgetsPartsThatWorkAgain() {
        ProblemLog log = new ProblemLog();
        log.problem("smart", "/dev/sda", new CollectException("timeout"));
        log.problem("smart", "/dev/sdb", new CollectException("timeout"));
        log.okExcept("smart", java.util.Set.of("/dev/sdb"));
        assertThat(log.activeCount()).isEqualTo(1);
        assertThat(log.problem("smart", "/dev/sdb", new CollectException("timeout"))).isFalse();
        assertThat(log.problem("smart", "/dev/sda", new CollectException("timeout"))).isTrue();
    }

    @Test
    void problemLogRedactsSecretsInWhatItLogs() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ProblemLog.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> app = new ch.qos.logback.core.read.ListAppender<>();
        app.start();
        logger.addAppender(app);
        try {
            new ProblemLog().problem("kuma", "", new java.io.IOException("GET http://kuma:3001/api/push/S3CRETtoken?status=up failed"));
            new ProblemLog().problem("influx", "", new java.io.IOException("POST http://admin:hunter2@db:8086/write refused"));
        } finally {
            logger.detachAppender(app);
        }
        assertThat(app.list).hasSize(2);
        assertThat(app.list.get(0).getFormattedMessage()).doesNotContain("S3CRETtoken").contains("/api/push/******");
        assertThat(app.list.get(1).getFormattedMessage()).doesNotContain("hunter2").contains("db:8086/write refused");
        assertThat(app.list).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    }
}
