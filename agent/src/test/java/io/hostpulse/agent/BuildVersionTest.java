package io.hostpulse.agent;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class BuildVersionTest {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void namesTheVersionAndTheCommit() {
        String[] lines = new BuildVersion(props("version", "1.2.3", "commit", "0123456789ab")).getVersion();
        assertThat(lines[0]).isEqualTo("hostpulse 1.2.3 (commit 0123456789ab)");
        assertThat(lines[1]).startsWith("Java " + System.getProperty("java.version"));
    }

    @Test
    void theBuildsWordForNoRepositoryIsShownAsUnknown() {
        assertThat(new BuildVersion(props("version", "1.2.3", "commit", "unknown")).getVersion()[0])
                .isEqualTo("hostpulse 1.2.3 (commit unknown (built outside git))");
    }

    @Test
    void aBuildOutsideGitSaysTheCommitIsUnknown() {
        BuildVersion v = new BuildVersion(props());
        assertThat(v.commit()).isEqualTo("commit unknown (built outside git)");
        assertThat(v.getVersion()[0]).startsWith("hostpulse ").contains("commit unknown");
    }

    @Test
    void unfilteredPlaceholdersCountAsMissing() {
        assertThat(new BuildVersion(props("commit", "${hp.commit}")).commit())
                .isEqualTo("commit unknown (built outside git)");
    }

    @Test
    void theBuildWroteTheCommitOfThisCheckout() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).trim();
        BuildVersion built = new BuildVersion();
        if (git.waitFor() == 0) {
            assertThat(built.commit()).isEqualTo("commit " + head);
        } else {
            assertThat(built.commit()).startsWith("commit unknown");
        }
        assertThat(built.version()).isEqualTo(System.getProperty("hostpulse.version", built.version()));
    }
}
