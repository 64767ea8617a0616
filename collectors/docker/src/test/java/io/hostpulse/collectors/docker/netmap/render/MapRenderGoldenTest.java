package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.core.testing.GoldenFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Golden files (Telegraf's {@code testcases/} idea): each {@code netmap/render/<case>/map.json} is read, and its
 * PlantUML and Mermaid must equal {@code expected.puml} and {@code expected.mmd}; writing the map back must give
 * {@code map.json} itself (the writer's golden file too). A change of the drawing shows as a readable diff.
 * Regenerate with {@code mvn -pl collectors/docker -am verify -Dtest=MapRenderGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhostpulse.golden.update=true} and review the diff.
 */
class MapRenderGoldenTest {
    static final java.util.List<String> CASES = RenderCases.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void caseRendersItsGoldenFiles(String caseName) throws Exception {
        NetworkMap m = RenderCases.map(caseName);
        GoldenFile.check(RenderCases.dir(caseName).resolve("map.json"), MapJson.write(m));
        GoldenFile.check(RenderCases.dir(caseName).resolve("expected.puml"), PlantUml.render(m));
        GoldenFile.check(RenderCases.dir(caseName).resolve("expected.mmd"), Mermaid.render(m));
    }
}
