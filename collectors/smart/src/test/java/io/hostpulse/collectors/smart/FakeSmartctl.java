package io.hostpulse.collectors.smart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake smartctl: a small shell script that logs its arguments and, by the first pattern its joined
 * arguments match (shell {@code case} glob), prints a recorded reply and exits with the recorded status.
 */
final class FakeSmartctl {
    private final Path dir;
    private final List<String> rules = new ArrayList<>();

    FakeSmartctl(Path dir) {
        this.dir = dir;
    }

    /** When the arguments match {@code glob}, print the file and exit with {@code exit}. */
    FakeSmartctl on(String glob, Path reply, int exit) {
        rules.add("  " + glob + ") cat '" + reply + "'; exit " + exit + ";;");
        return this;
    }

    FakeSmartctl onFixture(String glob, String fixture, int exit) {
        return on(glob, Fixtures.path(fixture), exit);
    }

    FakeSmartctl hangOn(String glob) {
        rules.add("  " + glob + ") exec sleep 30;;");
        return this;
    }

    /** Writes (or rewrites) the script; returns its path. */
    Path write() throws IOException {
        Path script = dir.resolve("smartctl");
        StringBuilder s = new StringBuilder("#!/bin/sh\necho \"$*\" >> '" + log() + "'\ncase \"$*\" in\n");
        rules.forEach(r -> s.append(r).append('\n'));
        s.append("  *) echo '{\"smartctl\": {\"exit_status\": 1, \"messages\": [{\"string\": \"fake smartctl: no rule\","
                + " \"severity\": \"error\"}]}}'; exit 1;;\nesac\n");
        Files.writeString(script, s.toString());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    Path log() {
        return dir.resolve("argv.log");
    }

    List<String> calls() throws IOException {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    void clear() throws IOException {
        rules.clear();
        Files.deleteIfExists(log());
    }
}
