package io.hostpulse.collectors.host.disk;

import java.io.IOException;
import java.nio.file.Path;

/** Port for statvfs(3): the one system call the disk part needs. Tests pass a fake. */
public interface StatFs {
    FsStats stat(Path path) throws IOException;
}
