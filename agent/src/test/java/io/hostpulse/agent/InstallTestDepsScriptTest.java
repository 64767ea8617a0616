package io.hostpulse.agent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/install-test-deps.sh (issue 13): a busybox that merely exists is not enough, the Docker tests need the
 * statically linked one (Debian 12's default busybox is dynamic and fails inside an imported image).
 */
class InstallTestDepsScriptTest {
    private static String dryRun(String busybox) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("..", "scripts", "install-test-deps.sh").toString(), "--dry-run")
                .redirectErrorStream(true);
        pb.environment().put("HOSTPULSE_BUSYBOX", busybox);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aDynamicallyLinkedBusyboxIsReplacedByTheStaticOne() throws Exception {
        // /bin/sh is a dynamically linked executable on every Debian: it stands for the dynamic busybox
        assertThat(dryRun("/bin/sh")).contains("installing").contains("busybox-static");
        assertThat(dryRun("/nonexistent/busybox")).contains("busybox-static");
    }

    @Test
    void theStaticBusyboxThatInstallTestDepsInstalledIsAccepted() throws Exception {
        assertThat(dryRun("/bin/busybox")).doesNotContain("busybox-static");
    }
}
