package io.hostpulse.exporters.influx;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of an agent JVM with unsent points in its spool; the restarted agent sends them, none twice. */
class CrashIT {
    @TempDir
    Path data;
    private Influxd influxd;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void tearDown() {
        children.forEach(Process::destroyForcibly);
        if (influxd != null) {
            influxd.close();
        }
    }

    private Process child(long from, long to, AtomicLong lastOffered, AtomicLong written) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashProducerMain.class.getName(), influxd.url(), "crash", data.toString(),
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
        for (List<JsonNode> r : influxd.select("crash", "SELECT seq FROM crash").values()) {
            l.add(r.get(1).asLong());
        }
        return l;
    }

    private static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void killMinus9WithUnsentPointsInTheSpoolLosesNothingAndSendsNothingTwice() throws Exception {
        influxd = Influxd.started();
        influxd.createDatabase("crash");
        AtomicLong last1 = new AtomicLong(-1);
        Process first = child(0, 1_000_000, last1, new AtomicLong(-1));
        await(() -> seqs().size() >= 50, "first points arrive");
        influxd.stop();
        long atStop = last1.get();
        await(() -> last1.get() >= atStop + 100, "100 points collected during the outage");
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long lastOffered = last1.get();

        influxd.start();
        long before = seqs().size();
        assertThat(before).isLessThan(lastOffered + 1);

        AtomicLong written2 = new AtomicLong(-1);
        Process second = child(0, 0, new AtomicLong(), written2); // produces nothing new: only replays the spool
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();

        List<Long> got = seqs();
        long n = got.size();
        assertThat(n).as("everything offered before the kill arrived").isGreaterThanOrEqualTo(lastOffered + 1);
        for (int i = 0; i < n; i++) {
            assertThat(got.get(i)).isEqualTo(i);
        }
        assertThat(written2.get()).as("the restarted agent sent exactly what had not arrived").isEqualTo(n - before);
    }
}
