package io.hostpulse.agent.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The default data_dir depends only on who runs the agent, not on $USER or on what exists on disk. */
class DataDirsTest {

    @Test
    void rootGetsTheSystemDirectoryWhateverTheEnvironmentSays() {
        assertThat(DataDirs.defaultDataDir(true, Map.of("USER", "alice", "XDG_STATE_HOME", "/home/alice/.state")))
                .isEqualTo(Path.of("/var/lib/hostpulse"));
    }

    @Test
    void othersGetTheXdgStateDirectory() {
        // even USER=root (kept by su or sudo) does not make a user's agent write to /var/lib
        assertThat(DataDirs.defaultDataDir(false, Map.of("USER", "root", "XDG_STATE_HOME", "/run/user/1000/state", "HOME", "/home/bob")))
                .isEqualTo(Path.of("/run/user/1000/state/hostpulse"));
        assertThat(DataDirs.defaultDataDir(false, Map.of("HOME", "/home/bob")))
                .isEqualTo(Path.of("/home/bob/.local/state/hostpulse"));
        assertThat(DataDirs.defaultDataDir(false, Map.of("HOME", "/home/bob", "XDG_STATE_HOME", " ")))
                .isEqualTo(Path.of("/home/bob/.local/state/hostpulse"));
    }

    @Test
    void aSystemdServiceGetsTheStateDirectorySystemdMadeForItWhoeverItsUserIs() {
        assertThat(DataDirs.defaultDataDir(false, Map.of("STATE_DIRECTORY", "/var/lib/hostpulse", "HOME", "/nonexistent")))
                .isEqualTo(Path.of("/var/lib/hostpulse"));
        assertThat(DataDirs.defaultDataDir(true, Map.of("STATE_DIRECTORY", "/var/lib/private/hostpulse:/var/lib/other")))
                .isEqualTo(Path.of("/var/lib/private/hostpulse"));
    }

    @Test
    void rootIsReadFromTheKernel() {
        assertThat(DataDirs.isRoot()).isEqualTo("root".equals(System.getProperty("user.name")));
    }
}
