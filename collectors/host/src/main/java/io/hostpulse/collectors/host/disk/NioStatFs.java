package io.hostpulse.collectors.host.disk;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fallback where JNA cannot load: java.nio's FileStore (statvfs inside the JDK), without inode counts. */
public final class NioStatFs implements StatFs {
    @Override
    public FsStats stat(Path path) throws IOException {
        FileStore fs = Files.getFileStore(path);
        long total = fs.getTotalSpace();
        return new FsStats(total, fs.getUsableSpace(), total - fs.getUnallocatedSpace(), null, null);
    }
}
