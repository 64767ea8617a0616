package io.hostpulse.collectors.host.disk;

import com.sun.jna.Native;
import com.sun.jna.platform.linux.LibC;
import oshi.jna.platform.linux.LinuxLibc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * statvfs through OSHI's libc binding (JNA), the call OSHI's LinuxFileSystem makes per file store, without OSHI's
 * per-call {@code lsblk} fork and /dev/disk/by-uuid scan. Gives inode counts, which java.nio's FileStore does not.
 */
public final class JnaStatFs implements StatFs {

    /** Loads the binding; throws (UnsatisfiedLinkError, NoClassDefFoundError) where JNA cannot load libc. */
    public JnaStatFs() {
        LinuxLibc.INSTANCE.getpid();
    }

    @Override
    public FsStats stat(Path path) throws IOException {
        LibC.Statvfs s = new LibC.Statvfs();
        if (LinuxLibc.INSTANCE.statvfs(path.toString(), s) != 0) {
            throw new IOException("statvfs " + path + " failed: errno " + Native.getLastError());
        }
        long frsize = s.f_frsize.longValue() > 0 ? s.f_frsize.longValue() : s.f_bsize.longValue();
        long blocks = s.f_blocks.longValue();
        long bfree = s.f_bfree.longValue();
        long bavail = s.f_bavail.longValue();
        long files = s.f_files.longValue();
        long ffree = s.f_ffree.longValue();
        return new FsStats(blocks * frsize, bavail * frsize, (blocks - bfree) * frsize,
                files >= 0 ? files : null, files >= 0 && ffree >= 0 ? ffree : null);
    }
}
