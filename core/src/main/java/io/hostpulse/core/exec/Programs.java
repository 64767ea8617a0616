package io.hostpulse.core.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the program a collector runs (smartctl, nvidia-smi) the way a shell would, without a shell. */
public final class Programs {
    private Programs() {
    }

    /**
     * A name with a slash is used as is when it is executable; a bare name is looked up in the directories of
     * {@code pathVar} (the PATH variable, may be null), then in {@code extraDirs}.
     *
     * @return the program's path, or null when it is not found
     */
    public static String find(String name, String pathVar, List<String> extraDirs) {
        if (name.contains("/")) {
            return Files.isExecutable(Path.of(name)) ? name : null;
        }
        List<String> dirs = new ArrayList<>();
        if (pathVar != null) {
            for (String d : pathVar.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(extraDirs);
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
