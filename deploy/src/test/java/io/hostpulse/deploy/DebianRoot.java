package io.hostpulse.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A throwaway Debian 12 root with a JRE and smartmontools: scripts/debian-test-root.sh prepares it once under the
 * test cache (debootstrap), and each test works on its own copy, so the cached root stays pristine and this
 * machine's own dpkg database is never used.
 */
final class DebianRoot implements AutoCloseable {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    final Path root;
    private final Path dir;
    private boolean procMounted;

    private DebianRoot(Path dir, Path root) {
        this.dir = dir;
        this.root = root;
    }

    /** The cached, prepared root (read-only use: docker import); prepares it on the first run (minutes). */
    static Path cached() {
        return cached("");
    }

    /** variant "systemd": the same root plus Debian's systemd, for the unit's checks. */
    static Path cached(String variant) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("the deploy tests need root (debootstrap, chroot, dockerd)");
        }
        String out = variant.isEmpty() ? Sh.ok(Duration.ofMinutes(20), REPO.resolve("scripts/debian-test-root.sh").toString())
                : Sh.ok(Duration.ofMinutes(20), REPO.resolve("scripts/debian-test-root.sh").toString(), variant);
        Path root = Path.of(Sh.lines(out).get(Sh.lines(out).size() - 1));
        if (!Files.isRegularFile(root.resolve(".hostpulse-ready"))) {
            throw new AssertionError("scripts/debian-test-root.sh printed " + root + ", which is not a prepared root");
        }
        return root;
    }

    /** A private copy of the cached root with /proc mounted (the JVM reads it). */
    static DebianRoot copy(String variant) throws Exception {
        Path cached = cached(variant);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "hp-debroot-");
        DebianRoot r = new DebianRoot(dir, dir.resolve("root"));
        try {
            Sh.ok(Duration.ofMinutes(5), "cp", "-a", cached.toString(), r.root.toString());
            Sh.ok(Duration.ofSeconds(30), "mount", "-t", "proc", "proc", r.root.resolve("proc").toString());
            r.procMounted = true;
        } catch (RuntimeException | Error e) {
            r.close();
            throw e;
        }
        return r;
    }

    /** Unmounts the root's /proc (before booting it: systemd-nspawn mounts its own). */
    void unmountProc() {
        if (procMounted) {
            Sh.ok(Duration.ofSeconds(30), "umount", root.resolve("proc").toString());
            procMounted = false;
        }
    }

    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** A command inside the root (chroot), as root. */
    Sh.Result chroot(Duration limit, String... cmd) {
        String[] full = new String[cmd.length + 5];
        full[0] = "chroot";
        full[1] = root.toString();
        full[2] = "/usr/bin/env";
        full[3] = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        full[4] = "LANG=C.UTF-8";
        System.arraycopy(cmd, 0, full, 5, cmd.length);
        return Sh.run(limit, full);
    }

    String chrootOk(String... cmd) {
        return chroot(Duration.ofMinutes(2), cmd).ok("chroot " + String.join(" ", cmd)).out();
    }

    @Override
    public void close() {
        if (procMounted) {
            Sh.run(Duration.ofSeconds(30), "umount", "-l", root.resolve("proc").toString());
        }
        Sh.run(Duration.ofMinutes(2), "rm", "-rf", "--one-file-system", dir.toString());
    }
}
