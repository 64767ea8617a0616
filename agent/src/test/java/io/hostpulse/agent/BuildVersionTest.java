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
        String[] lines = new BuildVersion(props("git.build.version", "1.2.3", "git.commit.id.abbrev", "0123456789ab",
                "git.commit.time", "2026-11-25T22:15:19Z", "git.dirty", "false")).getVersion();
        assertThat(lines[0]).isEqualTo("hostpulse 1.2.3 (commit 0123456789ab, 2026-11-25T22:15:19Z)");
        assertThat(lines[1]).startsWith("Java " + System.getProperty("java.version"));
    }

    @Test
    void saysWhenTheTreeWasModified() {
        assertThat(new BuildVersion(props("git.build.version", "1.2.3", "git.commit.id.abbrev", "0123456789ab",
                "git.dirty", "true")).getVersion()[0]).isEqualTo("hostpulse 1.2.3 (commit 0123456789ab, modified)");
    }

    @Test
    void aBuildOutsideGitSaysTheCommitIsUnknown() {
        BuildVersion v = new BuildVersion(props());
        assertThat(v.commit()).isEqualTo("commit unknown (built outside git)");
        assertThat(v.getVersion()[0]).startsWith("hostpulse ").contains("commit unknown");
    }

    @Test
    void unfilteredPlaceholdersCountAsMissing() {
        assertThat(new BuildVersion(props("git.commit.id.abbrev", "${git.commit.id.abbrev}")).commit())
                .isEqualTo("commit unknown (built outside git)");
    }

    @Test
    void theBuildWroteTheCommitOfThisCheckout() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).trim();
        BuildVersion built = new BuildVersion();
        if (git.waitFor() == 0) {
            assertThat(built.commit()).startsWith("commit " + head);
        } else {
            assertThat(built.commit()).startsWith("commit unknown");
        }
        assertThat(built.version()).isEqualTo(System.getProperty("hostpulse.version", built.version()));
    }
}
