package io.hostpulse.agent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers --help, and {@code hostpulse help [command]} works. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "test", "check-config", "notify-test"})
    void everyCommandHasHelp(String command) {
        String[] out = new String[1];
        assertThat(ReadOnlyCommandsTest.run(out, command, "--help")).isZero();
        assertThat(out[0]).startsWith("Usage: hostpulse " + command);
        assertThat(ReadOnlyCommandsTest.run(out, "help", command)).isZero();
        assertThat(out[0]).startsWith("Usage: hostpulse " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help"})
    void helpListsTheCommands(String arg) {
        String[] out = new String[1];
        assertThat(ReadOnlyCommandsTest.run(out, arg)).isZero();
        assertThat(out[0]).startsWith("Usage: hostpulse").contains("check-config", "notify-test", "run", "test", "help");
    }
}
