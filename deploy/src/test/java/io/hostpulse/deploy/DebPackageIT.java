package io.hostpulse.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .deb that jdeb builds, installed for real with dpkg into a throwaway Debian 12 root (a copy of the cached
 * debootstrap root, by chroot): files, the system user, the enabled-but-stopped service, {@code hostpulse --version}
 * and the shipped config, an upgrade that keeps an edited conffile, removal (state kept) and purge (state gone).
 */
class DebPackageIT {
    private static final Duration MIN = Duration.ofMinutes(1);
    static final String VERSION = System.getProperty("hostpulse.version", "0.1.0-SNAPSHOT");

    /** The newest hostpulse_<version>_all.deb of the package phase (a SNAPSHOT's version has the build's time). */
    static Path deb() throws Exception {
        Path target = Path.of(System.getProperty("hostpulse.target", "target"));
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches("hostpulse_.+_all\\.deb"))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no hostpulse_<version>_all.deb in " + target + " (the package phase builds it)"));
        }
    }

    /** The commit part of the version line that the build must have written: git's HEAD, or unknown outside git. */
    static String expectedCommit() {
        Sh.Result head = Sh.run(MIN, "git", "-C", DebianRoot.REPO.toString(), "rev-parse", "--short=12", "HEAD");
        return head.rc() == 0 ? "commit " + head.out() : "commit unknown";
    }

    @Test
    void installsUpgradesKeepingTheEditedConffileRemovesAndPurges() throws Exception {
        Path deb = deb();
        String hostDpkgBefore = Sh.run(MIN, "dpkg-query", "-W", "hostpulse").out();
        try (DebianRoot r = DebianRoot.copy("systemd")) {
            Files.copy(deb, r.path("/tmp/hostpulse.deb"));
            // a host with Docker: the socket's group exists before the package comes
            r.chrootOk("groupadd", "--system", "docker");
            String installed = r.chrootOk("dpkg", "-i", "/tmp/hostpulse.deb");
            assertThat(installed).doesNotContain("warning");

            // files, with the modes the package sets
            assertThat(Files.mismatch(r.path("/usr/share/hostpulse/hostpulse.jar"),
                    DebianRoot.REPO.resolve("agent/target/hostpulse.jar"))).isEqualTo(-1L);
            assertThat(Files.isExecutable(r.path("/usr/bin/hostpulse"))).isTrue();
            assertThat(Files.isRegularFile(r.path("/usr/share/doc/hostpulse/README.md"))).as("the unit's Documentation=").isTrue();
            assertThat(Files.readString(r.path("/lib/systemd/system/hostpulse.service")))
                    .isEqualTo(Files.readString(DebianRoot.REPO.resolve("deploy/systemd/hostpulse.service")));
            assertThat(r.chrootOk("dpkg-query", "-W", "-f", "${Conffiles}", "hostpulse")).contains("/etc/hostpulse/hostpulse.yaml");
            assertThat(r.chrootOk("stat", "-c", "%U:%G %a", "/etc/hostpulse/hostpulse.yaml")).isEqualTo("root:hostpulse 640");
            assertThat(r.chrootOk("stat", "-c", "%U:%G %a", "/var/lib/hostpulse")).isEqualTo("hostpulse:hostpulse 750");

            // a system user with no login, and no such user on this machine
            String[] pw = r.chrootOk("getent", "passwd", "hostpulse").split(":");
            assertThat(Integer.parseInt(pw[2])).as("system uid").isLessThan(1000);
            assertThat(pw[5]).isEqualTo("/var/lib/hostpulse");
            assertThat(pw[6]).isEqualTo("/usr/sbin/nologin");
            assertThat(r.chrootOk("id", "-nG", "hostpulse").split(" ")).as("may read the Docker socket").contains("docker");

            // enabled (the wants link deb-systemd-helper makes), not started: no agent process in the root
            Path wants = r.path("/etc/systemd/system/multi-user.target.wants/hostpulse.service");
            assertThat(Files.isSymbolicLink(wants)).isTrue();
            assertThat(Files.readSymbolicLink(wants).toString()).isEqualTo("/lib/systemd/system/hostpulse.service");
            assertThat(agentProcessesIn(r.root)).isEmpty();

            // the launcher finds the installed jar and the JRE the package depends on
            String version = r.chrootOk("hostpulse", "--version");
            assertThat(version).startsWith("hostpulse " + VERSION + " (" + expectedCommit());
            // the shipped config is valid and readable by the service's user
            String checked = r.chroot(MIN, "setpriv", "--reuid=hostpulse", "--regid=hostpulse", "--init-groups",
                    "hostpulse", "check-config", "--config", "/etc/hostpulse/hostpulse.yaml").ok("check-config as hostpulse").out();
            assertThat(checked).containsPattern("data_dir: \"?/var/lib/hostpulse\"?\\n"); // the effective config quotes strings
            // the unit verifies against the installed files (ExecStart's binary exists here)
            Sh.Result verify = Sh.run(MIN, "systemd-analyze", "verify", "--root=" + r.root, "--man=no",
                    "/lib/systemd/system/hostpulse.service");
            assertThat(verify.rc()).as(verify.out()).isZero();

            // an edited conffile survives a reinstall and an upgrade to a newer version
            Files.writeString(r.path("/etc/hostpulse/hostpulse.yaml"), "\n# edited by the admin\n",
                    java.nio.file.StandardOpenOption.APPEND);
            r.chrootOk("dpkg", "-i", "/tmp/hostpulse.deb");
            String newer = r.chrootOk("dpkg-query", "-W", "-f", "${Version}", "hostpulse") + "+1";
            repack(deb, newer, r.path("/tmp/hostpulse-newer.deb"));
            r.chrootOk("dpkg", "-i", "/tmp/hostpulse-newer.deb");
            assertThat(r.chrootOk("dpkg-query", "-W", "-f", "${Version}", "hostpulse")).isEqualTo(newer);
            assertThat(Files.readString(r.path("/etc/hostpulse/hostpulse.yaml"))).endsWith("# edited by the admin\n");
            assertThat(Files.exists(r.path("/etc/hostpulse/hostpulse.yaml.dpkg-new"))).isFalse();
            assertThat(Files.isSymbolicLink(wants)).as("still enabled after the upgrade").isTrue();

            // remove: program gone, config, spool and state kept
            Files.writeString(r.path("/var/lib/hostpulse/smart-state.json"), "{}");
            r.chrootOk("dpkg", "--remove", "hostpulse");
            assertThat(Files.exists(r.path("/usr/share/hostpulse/hostpulse.jar"))).isFalse();
            assertThat(Files.exists(r.path("/usr/bin/hostpulse"))).isFalse();
            assertThat(Files.exists(r.path("/lib/systemd/system/hostpulse.service"))).isFalse();
            assertThat(Files.readString(r.path("/etc/hostpulse/hostpulse.yaml"))).endsWith("# edited by the admin\n");
            assertThat(Files.exists(r.path("/var/lib/hostpulse/smart-state.json"))).isTrue();
            assertThat(Files.exists(wants)).isFalse();

            // purge: config and state gone, nothing of hostpulse left for dpkg
            r.chrootOk("dpkg", "--purge", "hostpulse");
            assertThat(Files.exists(r.path("/etc/hostpulse"))).isFalse();
            assertThat(Files.exists(r.path("/var/lib/hostpulse"))).isFalse();
            assertThat(r.chroot(MIN, "dpkg-query", "-W", "hostpulse").rc()).isNotZero();
            assertThat(Files.exists(r.path("/etc/systemd/system/hostpulse.service"))).as("no mask left").isFalse();
        }
        assertThat(Sh.run(MIN, "dpkg-query", "-W", "hostpulse").out()).as("this machine's dpkg database").isEqualTo(hostDpkgBefore);
    }

    /** The same package with a higher version: dpkg-deb only builds files, it never touches a dpkg database. */
    private static void repack(Path deb, String version, Path out) throws Exception {
        Path dir = Files.createTempDirectory("hp-repack-");
        try {
            Path tree = dir.resolve("tree");
            Sh.ok(MIN, "dpkg-deb", "-R", deb.toString(), tree.toString());
            Path control = tree.resolve("DEBIAN/control");
            Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
            Files.setPosixFilePermissions(tree.resolve("DEBIAN"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Sh.ok(MIN, "dpkg-deb", "--root-owner-group", "-Znone", "-b", tree.toString(), out.toString());
        } finally {
            Sh.run(MIN, "rm", "-rf", dir.toString());
        }
    }

    private static List<Long> agentProcessesIn(Path root) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains("hostpulse.jar")).orElse(false))
                .filter(h -> Files.isSymbolicLink(Path.of("/proc", String.valueOf(h.pid()), "root")))
                .filter(h -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", String.valueOf(h.pid()), "root")).startsWith(root);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .map(ProcessHandle::pid).toList();
    }
}
