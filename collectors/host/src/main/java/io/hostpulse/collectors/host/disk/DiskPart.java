package io.hostpulse.collectors.host.disk;

import io.hostpulse.collectors.host.Cycle;
import io.hostpulse.collectors.host.HostConfig;
import io.hostpulse.collectors.host.HostFileSource;
import io.hostpulse.collectors.host.HostPart;
import io.hostpulse.collectors.host.ParseProblems;
import io.hostpulse.collectors.host.disk.MountinfoParser.Mount;
import io.hostpulse.core.Accumulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code disk}: the mount table from {@code <proc>/1/mountinfo} (the host's mount namespace when proc is the host's;
 * {@code <proc>/self/mountinfo} when pid 1 is not readable), filtered by {@link DiskSelector}, then one statvfs per
 * mount. No process is forked (OSHI's getFileStores runs {@code lsblk} on every call).
 *
 * <p>statvfs on a dead NFS or FUSE server blocks in the kernel. For network and FUSE file systems the call runs on a
 * helper thread and is given {@code network_fs_timeout}; a mount whose call has not returned is reported as an error
 * and skipped, without a new call, until the old one returns.
 */
public final class DiskPart implements HostPart, AutoCloseable {
    private static final Set<String> NETWORK_FS = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph",
            "glusterfs", "lustre", "afs", "davfs", "sshfs", "virtiofs");

    private final HostConfig config;
    private final StatFs statFs;
    private final Map<String, Future<FsStats>> blocked = new HashMap<>();
    private ExecutorService executor;

    public DiskPart(HostConfig config, StatFs statFs) {
        this.config = config;
        this.statFs = statFs;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public void collect(Instant now, Cycle cycle, Accumulator acc) throws Exception {
        HostFileSource.Read read = cycle.source().procFirst("1/mountinfo", "self/mountinfo");
        ParseProblems problems = new ParseProblems();
        List<Mount> mounts = MountinfoParser.parse(read.text(), problems);
        cycle.report(read.rel(), problems);
        List<DiskSelector.Target> targets = DiskSelector.select(mounts, cycle.source().paths().root().toString(),
                config.ignoreFs(), config.mountPoints(), config.dedupeMounts());
        for (DiskSelector.Target t : targets) {
            try {
                FsStats s = stat(t);
                if (s != null && s.total() > 0) { // total 0: a pseudo file system, as Telegraf skips
                    acc.add(DiskMapper.point(t, s, now));
                }
            } catch (IOException | TimeoutException | ExecutionException e) {
                acc.addError("disk " + t.path(), e instanceof ExecutionException && e.getCause() != null
                        ? e.getCause() : e);
            }
        }
    }

    static boolean isNetworkFs(String fsType) {
        return NETWORK_FS.contains(fsType) || fsType.startsWith("fuse") || fsType.startsWith("nfs");
    }

    private FsStats stat(DiskSelector.Target t) throws IOException, TimeoutException, ExecutionException {
        Path p = Path.of(t.statPath());
        if (!isNetworkFs(t.mount().fsType())) {
            return statFs.stat(p);
        }
        Future<FsStats> pending = blocked.get(t.statPath());
        if (pending != null) {
            if (!pending.isDone()) {
                throw new TimeoutException("statvfs " + t.statPath() + " (" + t.mount().fsType()
                        + ") is still blocked from an earlier cycle; skipped");
            }
            blocked.remove(t.statPath());
        }
        Future<FsStats> f = executor().submit(() -> statFs.stat(p));
        Duration limit = config.networkFsTimeout();
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            blocked.put(t.statPath(), f);
            throw new TimeoutException("statvfs " + t.statPath() + " (" + t.mount().fsType() + ") did not return within "
                    + limit.toMillis() + " ms; is the server reachable?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new TimeoutException("interrupted while waiting for statvfs " + t.statPath());
        }
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newCachedThreadPool(r -> {
                Thread th = new Thread(r, "hostpulse-statvfs");
                th.setDaemon(true);
                return th;
            });
        }
        return executor;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
