package io.hostpulse.deploy;

import io.hostpulse.testing.Influxd;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged unit under a real systemd: the .deb installed into the throwaway Debian 12 root with systemd, which is
 * then booted with systemd-nspawn (host network, so a real influxd on loopback is reachable). The service the
 * package enabled starts at boot with its whole sandbox (seccomp filter, no new privileges, read-only system, the two
 * ambient capabilities), collects, writes to InfluxDB, keeps its spool in the state directory, and stops cleanly
 * when the machine shuts down.
 */
class SystemdServiceIT {
    private static final long CAP_SYS_RAWIO = 1L << 17;
    private static final long CAP_SYS_ADMIN = 1L << 21;

    @Test
    void theEnabledServiceStartsAtBootSandboxedWritesToInfluxAndStopsCleanly() throws Exception {
        Path deb = DebPackageIT.deb();
        int port = freePort();
        try (DebianRoot r = DebianRoot.copy("systemd"); Influxd influx = Influxd.started()) {
            Files.copy(deb, r.path("/tmp/hostpulse.deb"));
            r.chrootOk("dpkg", "-i", "/tmp/hostpulse.deb");
            int uid = Integer.parseInt(r.chrootOk("id", "-u", "hostpulse"));
            // the admin's config: InfluxDB 1.x on loopback, a short interval, a free port for /health
            Files.writeString(r.path("/etc/hostpulse/hostpulse.yaml"), """
                    agent:
                      interval: 2s
                      http: {listen: "127.0.0.1:%d"}
                    collectors:
                      docker: {enabled: false}
                    outputs:
                      - type: influxdb
                        api: v1
                        url: %s
                        database: hostpulse
                        create: true
                    """.formatted(port, influx.url()));
            r.unmountProc();
            Path console = r.root.getParent().resolve("console.log");
            // nspawn keeps CAP_SYS_RAWIO from its machines unless asked; a real host has it
            Process machine = new ProcessBuilder("systemd-nspawn", "-D", r.root.toString(), "--boot", "--register=no",
                    "--keep-unit", "--quiet", "--console=passive", "--capability=CAP_SYS_RAWIO")
                    .redirectErrorStream(true).redirectOutput(console.toFile()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                    assertThat(machine.isAlive()).as("systemd-nspawn: " + Files.readString(console)).isTrue();
                    HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(h.statusCode()).isEqualTo(200);
                    assertThat(h.body()).contains("\"host\":{\"ok\":true");
                });
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                        assertThat(influx.select("hostpulse", "SELECT usage_idle FROM cpu WHERE cpu = 'cpu-total'").values()).isNotEmpty());

                // the agent is the package's jar, as the service user, inside the sandbox the unit asks for
                ProcessHandle agent = machine.descendants()
                        .filter(h -> h.info().commandLine().map(c -> c.contains("/usr/share/hostpulse/hostpulse.jar")).orElse(false))
                        .findFirst().orElseThrow(() -> new AssertionError("no agent process under systemd-nspawn"));
                Map<String, String> status = Files.readAllLines(Path.of("/proc", String.valueOf(agent.pid()), "status")).stream()
                        .filter(l -> l.contains(":")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')),
                                l -> l.substring(l.indexOf(':') + 1).trim(), (a, b) -> a));
                assertThat(status.get("Uid").split("\\s+")[0]).isEqualTo(String.valueOf(uid));
                assertThat(status.get("NoNewPrivs")).isEqualTo("1");
                assertThat(status.get("Seccomp")).as("a seccomp filter (SystemCallFilter)").isEqualTo("2");
                assertThat(Long.parseLong(status.get("CapAmb"), 16)).isEqualTo(CAP_SYS_RAWIO | CAP_SYS_ADMIN);
                assertThat(Long.parseLong(status.get("CapBnd"), 16)).isEqualTo(CAP_SYS_RAWIO | CAP_SYS_ADMIN);
                // smartctl ran (and found no SMART disk on this VM) under those capabilities
                assertThat(journal(r)).contains("smartctl --scan-open");
                // the spool lives in the state directory, the service user's
                assertThat(Files.isDirectory(r.path("/var/lib/hostpulse/spool/influxdb"))).isTrue();
                assertThat(Files.getAttribute(r.path("/var/lib/hostpulse/spool"), "unix:uid")).isEqualTo(uid);
            } finally {
                // SIGTERM to nspawn shuts the machine down in order: systemd stops the agent, which flushes
                machine.destroy();
                if (!machine.waitFor(90, TimeUnit.SECONDS)) {
                    machine.destroyForcibly();
                    machine.waitFor(10, TimeUnit.SECONDS);
                }
            }
            String log = journal(r);
            assertThat(log).contains("Main - stopped").contains("hostpulse.service: Deactivated successfully");
            assertThat(log).doesNotContain("hostpulse.service: Failed");
        }
    }

    private static String journal(DebianRoot r) {
        return Sh.run(Duration.ofSeconds(30), "journalctl", "-D", r.path("/var/log/journal").toString(), "-u", "hostpulse",
                "--no-pager", "-o", "cat").out();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
