package io.hostpulse.collectors.smart;

import io.hostpulse.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes the state file. Writes are atomic (a temp file in the same directory, then a rename), so
 * a crash never leaves half a file. A file that cannot be read is logged once and replaced by an empty state.
 * Without a data directory the state lives only in memory.
 */
final class SmartStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(SmartStateStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    SmartStateStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    SmartState load() {
        if (file == null || !Files.exists(file)) {
            return new SmartState();
        }
        try {
            SmartState s = MAPPER.readValue(file.toFile(), SmartState.class);
            if (s == null || s.disks == null || s.types == null || s.paths == null) {
                throw new IOException("missing sections");
            }
            return s;
        } catch (IOException | RuntimeException e) {
            LOG.warn("SMART state file {} is unreadable ({}); starting with an empty state (baselines reset)",
                    file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
            return new SmartState();
        }
    }

    void save(SmartState state) throws IOException {
        if (file == null) {
            return;
        }
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(state));
    }
}
