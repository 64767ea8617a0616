package io.hostpulse.collectors.docker;

import io.hostpulse.core.HostPaths;
import io.hostpulse.core.config.ConfigNode;
import io.hostpulse.core.testing.GoldenFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Golden files (Telegraf's {@code testcases/} idea): the recorded engine replies under
 * src/test/resources/docker-api/recorded-* served by {@link FixtureEngine} (two containers), read once by the
 * collector at a fixed time, with an empty host proc (so nothing of this machine leaks in; for the two-network
 * recording, a proc holding only that container's interface MACs); the points must equal
 * {@code testcases/docker-<engine>/expected.lp}. A change of the Docker schema shows as a readable diff of those
 * files. Regenerate with {@code mvn -pl collectors/docker -am verify -Dtest=DockerGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhostpulse.golden.update=true} and review the diff.
 */
class DockerGoldenTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"docker-dockerd-20.10, " + FixtureEngine.DOCKERD, "docker-podman-4.3, " + FixtureEngine.PODMAN,
            "docker-dockerd-20.10-two-networks, " + FixtureEngine.TWO_NETWORKS})
    void recordedEngineGivesTheGoldenPoints(String caseName, String recorded) throws Exception {
        Path proc = Files.createDirectories(tmp.resolve("proc"));
        if (recorded.equals(FixtureEngine.TWO_NETWORKS)) { // the container's interfaces with their recorded MACs
            FixtureEngine.twoNetworksProc(proc);
        }
        HostPaths paths = new HostPaths(proc, tmp.resolve("sys"), tmp);
        try (FixtureEngine engine = new FixtureEngine(2, recorded);
             DockerCollector collector = DockerCollector.create(DockerConfig.from(ConfigNode.of(Map.of(
                     "endpoint", engine.endpoint(), "events", false)), paths, Map.of()))) {
            ListAccumulator acc = new ListAccumulator();
            collector.collect(T0, acc);
            List<String> errors = new ArrayList<>(acc.errorLines);
            errors.replaceAll(e -> e.replace(engine.endpoint(), "<engine>").replace(tmp.toString(), "<tmp>"));
            // the network map's read_ms is a measured time: left out of the golden text
            GoldenFile.check(GoldenFile.expected(caseName), GoldenFile.render(
                    io.hostpulse.collectors.docker.netmap.NetworkMapPartTest.withoutTimings(acc.points), errors));
        }
    }
}
