package io.hostpulse.agent.config;

import io.hostpulse.agent.FakeCollectorPlugin;
import io.hostpulse.agent.Plugins;
import io.hostpulse.agent.run.StdoutOutputPlugin;
import io.hostpulse.core.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a file becomes a tree (issue 13, config): what is refused, and with which words. */
class ConfigFileTest {
    private final ConfigLoader loader = new ConfigLoader(new Plugins(List.of(new FakeCollectorPlugin("alpha", true, null)),
            List.of(new StdoutOutputPlugin()), List.of()), Map.of("A", "1"), Clock.systemUTC());

    @Test
    void duplicateKeysAreAnErrorNamingBothLinesEveryOneAtOnce() {
        String yaml = """
                agent:
                  hostname: box1
                collectors:
                  alpha: {value: 1, value: 2}
                agent:
                  interval: 5s
                """;
        assertThatThrownBy(() -> loader.parse("t.yaml", yaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.yaml: line 5: duplicate key agent (first at line 1)")
                .hasMessageContaining("t.yaml: line 4: duplicate key collectors.alpha.value (first at line 4)");
    }

    @Test
    void sameKeyInDifferentSectionsIsFine() throws Exception {
        assertThat(loader.parse("t.yaml", "agent:\n  interval: 5s\ncollectors:\n  alpha:\n    interval: 7s\n")
                .collectors().get(0).interval()).hasSeconds(7);
    }

    @Test
    void aFileOverOneMebibyteIsRefusedWithoutReadingItAll(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.yaml");
        Files.writeString(f, ("# " + "x".repeat(1021) + "\n").repeat(1025));
        assertThat(Files.size(f)).isGreaterThan(ConfigFile.MAX_BYTES);
        assertThatThrownBy(() -> loader.load(f)).hasMessage(f + ": cannot read: larger than 1 MiB (1048576 bytes); "
                + "a config file is a few KiB, is this the right file?");
    }

    @Test
    void exactlyOneMebibyteIsAccepted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("edge.yaml");
        String line = "# " + "x".repeat(1021) + "\n";
        Files.writeString(f, line.repeat(1024));
        assertThat(Files.size(f)).isEqualTo(ConfigFile.MAX_BYTES);
        assertThat(loader.load(f).emptyFileNote()).isNotNull();
    }

    @Test
    @Timeout(10)
    void devZeroIsNotARegularFile() {
        assertThatThrownBy(() -> loader.load(Path.of("/dev/zero")))
                .hasMessage("/dev/zero: cannot read: not a regular file (a FIFO, device or socket); give a config file");
    }

    @Test
    @Timeout(10)
    void aFifoIsRefusedInsteadOfWaitingForAWriter(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.yaml");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        assertThatThrownBy(() -> loader.load(fifo)).hasMessageContaining("not a regular file");
    }

    @Test
    void aDirectorySaysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir)).hasMessage(dir + ": cannot read: is a directory (give the config file itself)");
    }

    @Test
    void theOperatingSystemsReasonIsNamed() {
        assertThat(ConfigFile.reason(new AccessDeniedException("/etc/hostpulse/hostpulse.yaml"))).isEqualTo("permission denied");
        assertThat(ConfigFile.reason(new FileSystemException("/x/y", null, "Not a directory"))).isEqualTo("not a directory");
    }

    @Test
    void latin1NamesLineColumnAndByteOffsetOfTheFirstBadByte(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "agent:\n  hostname: café\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> loader.load(f)).hasMessage(f + ": line 2 column 16 (byte offset 22): not UTF-8 (byte 0xE9); "
                + "save the file as UTF-8 (it may be Latin-1 or another legacy encoding)");
    }

    @Test
    void binaryGarbageIsCalledBinary(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("garbage.yaml");
        Files.write(f, new byte[]{'a', ':', ' ', 0, 0, (byte) 0xff, (byte) 0xfe, 1, 2});
        assertThatThrownBy(() -> loader.load(f)).hasMessage(f + ": line 1 column 6 (byte offset 5): not UTF-8 (byte 0xFF); "
                + "this looks like a binary file, not a YAML config");
    }

    @Test
    void validUtf8IsReadAsIs(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("utf8.yaml");
        Files.writeString(f, "agent:\n  hostname: café-☃\n");
        assertThat(loader.load(f).hostname()).isEqualTo("café-☃");
    }

    /**
     * Was minutes (200 KB: 230 s): the ${VAR:-default} regex ran to the end of the line for every "${" without a
     * "}". Now about 2 s here, nearly all of it YAML parsing; the bound leaves room for a busy machine.
     */
    @Test
    @Timeout(30)
    void a900KbLineParsesInLinearTime() throws Exception {
        String opens = "k: " + "${A:-".repeat(180_000) + "\n";
        assertThat(opens.length()).isGreaterThan(900_000);
        assertThatThrownBy(() -> loader.parse("t.yaml", "collectors:\n  alpha:\n    " + opens))
                .hasMessageContaining("collectors.alpha.k"); // parsed, then reported as an unknown key
        // every reference is put back in one pass over the string (was: one pass per reference)
        String refs = "${A}".repeat(40_000);
        AgentConfig c = loader.parse("t.yaml", "agent:\n  hostname: " + refs + "\n");
        assertThat(c.hostname()).hasSize(40_000).matches("1+");
    }
}
