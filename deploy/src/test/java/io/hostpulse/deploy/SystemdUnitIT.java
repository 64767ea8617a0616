package io.hostpulse.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unit's exposure score from systemd's own analyser (offline: no running systemd needed), which must stay at
 * "OK" (3.0 or below) and be the number README.md gives. (`systemd-analyze verify` runs in {@link DebPackageIT},
 * against a root where the unit's ExecStart is installed.)
 */
class SystemdUnitIT {
    private static final Path UNIT = DebianRoot.REPO.resolve("deploy/systemd/hostpulse.service");
    private static final Pattern OVERALL = Pattern.compile("Overall exposure level for hostpulse.service: (\\d+\\.\\d) (\\S+)");

    static String score(Path unit) {
        Sh.Result r = Sh.run(Duration.ofMinutes(1), "systemd-analyze", "security", "--offline=true", "--no-pager", unit.toString());
        Matcher m = OVERALL.matcher(r.out());
        assertThat(m.find()).as("systemd-analyze security printed a score: " + r.out()).isTrue();
        return m.group(1) + " " + m.group(2);
    }

    /** README.md with its line breaks as single spaces, so a wrapped sentence still matches. */
    private static String readme() throws Exception {
        return Files.readString(DebianRoot.REPO.resolve("README.md")).replaceAll("\\s+", " ");
    }

    @Test
    void theUnitScoresOkAndTheReadmeSaysSo() throws Exception {
        String score = score(UNIT);
        assertThat(Double.parseDouble(score.split(" ")[0])).isLessThanOrEqualTo(3.0);
        assertThat(score).endsWith("OK");
        assertThat(readme()).contains("`systemd-analyze security --offline=true` scores it **" + score.split(" ")[0] + " OK**");
    }

    @Test
    void withoutTheSmartCapabilitiesTheScoreIsTheOneTheReadmeGivesForThatCase() throws Exception {
        Path dir = Files.createTempDirectory("hp-unit-");
        try {
            Path unit = dir.resolve("hostpulse.service");
            Files.writeString(unit, Files.readString(UNIT).replaceAll("(?m)^(CapabilityBoundingSet|AmbientCapabilities)=.*$", "$1="));
            String score = score(unit);
            assertThat(readme())
                    .contains("without SMART (both capability lines emptied in a drop-in) **" + score.split(" ")[0] + " OK**");
        } finally {
            Sh.run(Duration.ofSeconds(30), "rm", "-rf", dir.toString());
        }
    }
}
