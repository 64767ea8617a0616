package io.hostpulse.collectors.docker.netmap.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostpulse.collectors.docker.netmap.NetworkMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mermaid text, proved with the real Mermaid (the WebJar's {@code mermaid.min.js}, the bundle GitHub and wikis
 * run) in headless Chromium (Debian's {@code chromium}): every golden case parses and renders to SVG, the SVG has
 * one node per box, one cluster per network group and one path per edge, and each container's name is a node's
 * bold first line; a broken diagram is reported as an error, so the check can fail. One page renders all cases;
 * Chromium's {@code --dump-dom} hands back the results written into the page.
 */
class MermaidChromiumIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode results;

    @BeforeAll
    static void renderAllCasesInChromium(@TempDir Path dir) throws Exception {
        ObjectNode cases = JSON.createObjectNode();
        for (String c : RenderCases.ALL) {
            cases.put(c, Mermaid.render(RenderCases.map(c)));
        }
        cases.put("broken", "flowchart LR\n    a[\"x\"] -->\n    subgraph\n");
        Files.write(dir.resolve("mermaid.min.js"), mermaidBundle());
        // the cases as a JS literal: JSON, with '<' escaped so no text can close the script element
        String data = JSON.writeValueAsString(cases).replace("<", "\\u003c");
        Files.writeString(dir.resolve("index.html"), """
                <!doctype html><html><head><meta charset="utf-8"><script src="mermaid.min.js"></script></head>
                <body><pre id="result">pending</pre><script>
                const cases = %s;
                mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
                (async () => {
                  const out = {};
                  let i = 0;
                  for (const [name, text] of Object.entries(cases)) {
                    try {
                      await mermaid.parse(text);
                      const {svg} = await mermaid.render('d' + (i++), text);
                      const div = document.createElement('div');
                      div.innerHTML = svg;
                      out[name] = {ok: true,
                        names: Array.from(div.querySelectorAll('g.node .nodeLabel b')).map(e => e.textContent),
                        labels: Array.from(div.querySelectorAll('.edgeLabel .edgeLabel, .edgeLabel p'))
                          .map(e => e.textContent),
                        nodes: div.querySelectorAll('g.node').length,
                        clusters: div.querySelectorAll('g.cluster').length,
                        edges: div.querySelectorAll('path.flowchart-link').length};
                    } catch (e) {
                      out[name] = {ok: false, error: String(e && e.message || e)};
                    }
                  }
                  document.getElementById('result').textContent = JSON.stringify(out);
                })();
                </script></body></html>
                """.formatted(data), StandardCharsets.UTF_8);
        String dom = chromiumDumpDom(dir);
        Matcher m = Pattern.compile("<pre id=\"result\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("result in the page:\n%s", dom).isTrue();
        String text = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
        assertThat(text).as("mermaid did not finish").isNotEqualTo("pending");
        results = JSON.readTree(text);
    }

    @Test
    void everyCaseParsesAndRendersWithOneSvgElementPerBoxGroupAndEdge() {
        for (String c : RenderCases.ALL) {
            JsonNode r = results.get(c);
            assertThat(r.get("ok").asBoolean()).as("%s: %s", c, r).isTrue();
            DiagramPlan.Plan plan = DiagramPlan.of(RenderCases.map(c));
            int boxes = plan.loose().size() + plan.groups().stream().mapToInt(g -> g.boxes().size()).sum()
                    + (plan.legend().isEmpty() ? 0 : 1);
            assertThat(r.get("nodes").asInt()).as("%s nodes", c).isEqualTo(boxes);
            assertThat(r.get("clusters").asInt()).as("%s clusters", c).isEqualTo(plan.groups().size());
            assertThat(r.get("edges").asInt()).as("%s edges", c).isEqualTo(plan.arrows().size());
        }
    }

    @Test
    void everyContainersNameIsShownExactlyAsItIs() {
        for (String c : RenderCases.ALL) {
            NetworkMap m = RenderCases.map(c);
            List<String> names = new ArrayList<>();
            results.get(c).get("names").forEach(n -> names.add(n.asText().strip()));
            for (NetworkMap.Node n : m.nodes()) {
                if (n.kind() == NetworkMap.Kind.CONTAINER) {
                    assertThat(names).as("%s: container %s", c, n.name()).contains(RenderCases.shown(n.name()));
                }
            }
        }
    }

    @Test
    void aBrokenDiagramIsReportedSoTheCheckCanFail() {
        assertThat(results.get("broken").get("ok").asBoolean()).isFalse();
        assertThat(results.get("broken").get("error").asText()).contains("Parse error");
    }

    private static byte[] mermaidBundle() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = MermaidChromiumIT.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/mermaid/pom.properties")) {
            assertThat(in).as("the mermaid WebJar on the test classpath").isNotNull();
            pom.load(in);
        }
        String path = "/META-INF/resources/webjars/mermaid/" + pom.getProperty("version") + "/dist/mermaid.min.js";
        try (InputStream in = MermaidChromiumIT.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Loads the page in headless Chromium and returns its DOM once the page's work is done (virtual time). */
    private static String chromiumDumpDom(Path dir) throws Exception {
        String bin = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        List<String> cmd = List.of(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=30000", "--dump-dom",
                dir.resolve("index.html").toUri().toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("dom.html").toFile())
                    .redirectError(dir.resolve("chromium.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("chromium is not installed (apt-get install chromium; "
                    + "scripts/install-test-deps.sh)", e);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        assertThat(p.exitValue()).as("chromium: %s", Files.readString(dir.resolve("chromium.log"))).isZero();
        return Files.readString(dir.resolve("dom.html"), StandardCharsets.UTF_8);
    }
}
