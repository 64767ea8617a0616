package io.hostpulse.exporters.loki;

import io.hostpulse.core.Event;
import io.hostpulse.exporters.pipeline.BufferedOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Loki test server echoes every request back in its error replies (path, headers, the decoded basic-auth
 * credentials), then refuses connections, then takes pushes again: neither stderr, the buffer's last error nor the
 * log lines shipped to Loki may carry the password in any form, and Loki4j's own failures are one line each on the
 * agent's logger, without stack traces.
 */
class LokiSecretsIT {
    private static final Logger LOG = LoggerFactory.getLogger("it.agent");

    @Test
    void echoedCredentialsAndAnOutageLeaveNoSecretAndNoStackTraceOnStderr(@TempDir Path data) throws Exception {
        String user = "hp-user-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "pw-" + UUID.randomUUID();
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String err;
        BufferedOutput<Event> out = null;
        try (LokiTestServer loki = LokiTestServer.start()) {
            loki.echo(true);
            Map<String, Object> s = new HashMap<>();
            s.put("url", loki.url());
            s.put("username", user);
            s.put("password", password);
            s.put("flush_interval", "200ms");
            s.put("flush_jitter", "0s");
            s.put("retry_initial", "200ms");
            s.put("retry_max", "1s");
            s.put("drain_timeout", "500ms");
            s.put("agent_logs", true);
            System.setErr(new PrintStream(new TeeStream(captured, realErr), true, StandardCharsets.UTF_8));
            out = Outputs.create(s, data, "it-host");
            for (int i = 0; i < 40; i++) { // 4 s of echoed replies
                LOG.info("agent line {}", i);
                out.accept(List.of(new Event(Instant.now(), "docker", "info", "event " + i, Map.of("container_name", "c"),
                        Map.of())));
                Thread.sleep(100);
            }
            assertThat(loki.requests()).as("pushes answered with an echo").hasSizeGreaterThan(3);
            assertThat(loki.requests().get(0).body()).contains(password).contains(basic);
            assertThat(out.bufferStats().lastError()).contains("HTTP 400").doesNotContain(password).doesNotContain(basic);

            loki.echo(false);
            int port = loki.refuse();
            for (int i = 0; i < 40; i++) { // 4 s of refused connections
                LOG.info("outage line {}", i);
                Thread.sleep(100);
            }
            loki.resume(port);
            LOG.warn("a line that quotes the password {} and its basic-auth form {}", password, basic);
            Outputs.await("the agent's line in Loki", Duration.ofSeconds(30), () -> loki.entries().stream()
                    .anyMatch(e -> e.line().startsWith("a line that quotes")));
            List<LokiTestServer.Entry> shipped = loki.entries().stream()
                    .filter(e -> "agent_log".equals(e.labels().get("source"))).toList();
            assertThat(shipped).allSatisfy(e -> assertThat(e.line() + e.metadata())
                    .doesNotContain(password).doesNotContain(basic));
            assertThat(shipped).anySatisfy(e -> assertThat(e.line())
                    .isEqualTo("a line that quotes the password **** and its basic-auth form ****"));
        } finally {
            if (out != null) {
                out.close();
            }
            System.setErr(realErr);
            err = captured.toString(StandardCharsets.UTF_8);
        }
        List<String> lines = err.lines().toList();
        long statusLines = lines.stream().filter(l -> l.contains("agent log shipping")).count();
        realErr.printf("stderr: %d lines, %d of them Loki4j status lines%n", lines.size(), statusLines);
        assertThat(err).doesNotContain(password).doesNotContain(basic);
        assertThat(lines).noneMatch(l -> l.strip().startsWith("at ") || l.contains("at java.")
                || l.strip().startsWith("Caused by"));
        assertThat(statusLines).as("Loki4j's failures reach the agent's log").isPositive();
    }

    /** Writes to both streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
