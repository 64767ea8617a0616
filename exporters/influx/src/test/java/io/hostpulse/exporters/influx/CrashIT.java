package io.hostpulse.exporters.influx;

import io.hostpulse.testing.Influxd;
import io.hostpulse.testing.ServerProcess;
import io.hostpulse.testing.VictoriaMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of an agent JVM with unsent points in its spool; the restarted agent sends them, none twice. Through v1
 * into influxd 1.6, and through v2 into VictoriaMetrics, which keeps a point written twice as two samples, so the
 * server itself shows that nothing was sent twice.
 */
class CrashIT {
    @TempDir
    Path data;
    private ServerProcess server;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void tearDown() {
        children.forEach(Process::destroyForcibly);
        if (server != null) {
            server.close();
        }
    }

    private Process child(String api, long from, long to, AtomicLong lastOffered, AtomicLong written) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashProducerMain.class.getName(), api, server.url(), "crash", data.toString(),
                Long.toString(from), Long.toString(to), "20");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        children.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("offered ")) {
                        lastOffered.set(Long.parseLong(line.substring(8)));
                    } else if (line.startsWith("written ")) {
                        written.set(Long.parseLong(line.substring(8)));
                    } else {
                        System.out.println("[child] " + line);
                    }
                }
            } catch (Exception e) {
                // the child died
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private List<Long> seqs() {
        List<Long> l = new ArrayList<>();
        server.seqs("crash", "crash").forEach(g -> l.add(g[0]));
        return l;
    }

    private static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void killMinus9WithUnsentPointsInTheSpoolLosesNothingAndSendsNothingTwice(String api) throws Exception {
        if (api.equals("v1")) {
            Influxd i = Influxd.started();
            i.createDatabase("crash");
            server = i;
        } else {
            server = VictoriaMetrics.started();
        }
        AtomicLong last1 = new AtomicLong(-1);
        Process first = child(api, 0, 1_000_000, last1, new AtomicLong(-1));
        await(() -> seqs().size() >= 50, "first points arrive");
        server.stop();
        long atStop = last1.get();
        await(() -> last1.get() >= atStop + 100, "100 points collected during the outage");
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long lastOffered = last1.get();

        server.start();
        long before = seqs().size();
        assertThat(before).isLessThan(lastOffered + 1);

        AtomicLong written2 = new AtomicLong(-1);
        Process second = child(api, 0, 0, new AtomicLong(), written2); // produces nothing new: only replays the spool
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();

        List<Long> got = seqs();
        long n = got.size();
        assertThat(n).as("everything offered before the kill arrived").isGreaterThanOrEqualTo(lastOffered + 1);
        for (int i = 0; i < n; i++) {
            assertThat(got.get(i)).as("stored point %d", i).isEqualTo(i);
        }
        assertThat(written2.get()).as("the restarted agent sent exactly what had not arrived").isEqualTo(n - before);
    }
}
