package io.hostpulse.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * check-config, notify-test and test only read: no output is made (no spool directory, no writer or log-shipping
 * thread), and test writes no collector state (SMART) to the data directory.
 */
class ReadOnlyCommandsTest {

    static String config(Path data) {
        return """
                agent:
                  data_dir: %s
                  http: {enabled: false}
                collectors:
                  host: {parts: [mem]}
                  docker: {enabled: false}
                  smart: {enabled: true}
                outputs:
                  - type: influxdb
                    api: v1
                    url: http://127.0.0.1:1
                    create: true
                  - type: loki
                    url: http://127.0.0.1:1
                """.formatted(data);
    }

    static Set<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    static int run(String out[], String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args);
        } finally {
            System.setOut(old);
            out[0] = buf.toString(StandardCharsets.UTF_8);
        }
    }

    static void assertUntouched(Path data, Set<String> threadsBefore) throws Exception {
        try (Stream<Path> s = Files.walk(data)) {
            assertThat(s.filter(p -> !p.equals(data)).toList()).as("files written under the data dir").isEmpty();
        }
        Set<String> started = threads();
        started.removeAll(threadsBefore);
        assertThat(started).as("threads left running").noneMatch(n -> n.startsWith("hostpulse-output-")
                || n.toLowerCase().contains("loki"));
    }

    @Test
    void checkConfigAndNotifyTestCreateNoOutput(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path cfg = dir.resolve("hp.yaml");
        Files.writeString(cfg, config(data));
        Set<String> before = threads();
        String[] out = new String[1];
        assertThat(run(out, "--config", cfg.toString(), "check-config")).isZero();
        assertThat(out[0]).contains("is valid").contains("type: \"influxdb\"").contains("type: \"loki\"");
        assertUntouched(data, before);
        assertThat(run(out, "--config", cfg.toString(), "notify-test")).isEqualTo(Main.EXIT_RUNTIME);
        assertThat(out[0]).contains("no notification targets configured").doesNotContain("spool");
        assertUntouched(data, before);
    }

    @Test
    void testWritesNothingToTheDataDir(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path cfg = dir.resolve("hp.yaml");
        Files.writeString(cfg, config(data));
        Set<String> before = threads();
        String[] out = new String[1];
        assertThat(run(out, "--config", cfg.toString(), "test", "--wait", "0.2")).isZero();
        assertThat(out[0]).contains("mem,host=");
        // no spool, and no SMART state file although the smart collector ran
        assertUntouched(data, before);
    }
}
