package io.hostpulse.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every problem found in one config file, so the user sees them all at once. */
public final class ConfigProblems {
    private final String file;
    private final List<String> problems = new ArrayList<>();

    public ConfigProblems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** @param path dotted key path, for example {@code collectors.host.interval} */
    public void add(String path, String message) {
        problems.add(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> all() {
        return Collections.unmodifiableList(problems);
    }

    /** Throws with every problem, one per line, when there is any. */
    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }
}
