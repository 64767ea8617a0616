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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mermaid text, proved with the real Mermaid in headless Chromium (Debian's {@code chromium}): the WebJar's
 * {@code mermaid.min.js} of the test classpath (current), and the 8.9.1 and 9.1.1 bundles that the build copies to
 * {@code target/older-mermaid} (wikis such as Wiki.js 2 still ship Mermaid 8). With each, every golden case parses
 * and renders to SVG with one node per box, one cluster per network group and one path per edge, and each
 * container's name is the first line of a node's label; a broken diagram is reported as an error, so the check can
 * fail. One page per version renders all cases; Chromium's {@code --dump-dom} hands back the results written into
 * the page.
 */
class MermaidChromiumIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESULT = Pattern.compile("<pre id=\"result\">(.*?)</pre>", Pattern.DOTALL);
    /** Version -&gt; case -&gt; result. */
    private static final Map<String, JsonNode> RESULTS = new LinkedHashMap<>();

    @BeforeAll
    static void renderAllCasesWithEveryMermaid(@TempDir Path dir) throws Exception {
        ObjectNode cases = JSON.createObjectNode();
        for (String c : RenderCases.ALL) {
            cases.put(c, Mermaid.render(RenderCases.map(c)));
        }
        cases.put("broken", "flowchart LR\n    a[\"x\"] -->\n    subgraph\n");
        // the cases as a JS literal: JSON, with '<' escaped so no text can close the script element
        String data = JSON.writeValueAsString(cases).replace("<", "\\u003c");
        for (Map.Entry<String, byte[]> bundle : bundles().entrySet()) {
            Path page = Files.createDirectories(dir.resolve(bundle.getKey()));
            Files.write(page.resolve("mermaid.min.js"), bundle.getValue());
            Files.writeString(page.resolve("index.html"), PAGE.formatted(data), StandardCharsets.UTF_8);
            String dom = chromiumDumpDom(page);
            Matcher m = RESULT.matcher(dom);
            assertThat(m.find()).as("result in the page of mermaid %s:\n%s", bundle.getKey(), dom).isTrue();
            String text = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&");
            assertThat(text).as("mermaid %s did not finish", bundle.getKey()).isNotEqualTo("pending");
            RESULTS.put(bundle.getKey(), JSON.readTree(text));
        }
    }

    /**
     * Renders each case with whichever API the bundle has: 8 and 9 parse synchronously and render with a callback,
     * 10 and later return promises (and take no callback).
     */
    private static final String PAGE = """
            <!doctype html><html><head><meta charset="utf-8"><script src="mermaid.min.js"></script></head>
            <body><pre id="result">pending</pre><script>
            const cases = %s;
            mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
            async function render(id, text) {
              const parsed = mermaid.parse(text); // 8, 9: throws on error; 10+: a promise that rejects
              if (parsed && parsed.then) {
                await parsed;
                return (await mermaid.render(id, text)).svg;
              }
              return new Promise(resolve => mermaid.render(id, text, svg => resolve(svg)));
            }
            function firstLine(label) {
              const d = document.createElement('div');
              d.innerHTML = label.innerHTML.split(/<br\\s*\\/?>/i)[0];
              return d.textContent;
            }
            (async () => {
              const out = {};
              let i = 0;
              for (const [name, text] of Object.entries(cases)) {
                try {
                  const div = document.createElement('div');
                  div.innerHTML = await render('d' + (i++), text);
                  out[name] = {ok: true,
                    names: Array.from(div.querySelectorAll('g.node .nodeLabel')).map(firstLine),
                    nodes: div.querySelectorAll('g.node').length,
                    clusters: div.querySelectorAll('g.cluster').length,
                    edges: div.querySelectorAll('path.flowchart-link').length};
                } catch (e) {
                  out[name] = {ok: false, error: String(e && (e.message || e.str) || e)};
                }
              }
              document.getElementById('result').textContent = JSON.stringify(out);
            })();
            </script></body></html>
            """;

    @Test
    void everyMermaidRendersEveryCaseWithOneSvgElementPerBoxGroupAndEdge() {
        assertThat(RESULTS).hasSize(3);
        RESULTS.forEach((version, results) -> {
            for (String c : RenderCases.ALL) {
                JsonNode r = results.get(c);
                assertThat(r.get("ok").asBoolean()).as("mermaid %s, %s: %s", version, c, r).isTrue();
                DiagramPlan.Plan plan = DiagramPlan.of(RenderCases.map(c));
                int boxes = plan.loose().size() + plan.groups().stream().mapToInt(g -> g.boxes().size()).sum()
                        + (plan.legend().isEmpty() ? 0 : 1);
                assertThat(r.get("nodes").asInt()).as("mermaid %s, %s nodes", version, c).isEqualTo(boxes);
                assertThat(r.get("clusters").asInt()).as("mermaid %s, %s clusters", version, c)
                        .isEqualTo(plan.groups().size());
                assertThat(r.get("edges").asInt()).as("mermaid %s, %s edges", version, c)
                        .isEqualTo(plan.arrows().size());
            }
        });
    }

    @Test
    void everyContainersNameIsShownExactlyAsItIs() {
        RESULTS.forEach((version, results) -> {
            for (String c : RenderCases.ALL) {
                assertThat(results.get(c).get("ok").asBoolean()).as("mermaid %s, %s: %s", version, c, results.get(c))
                        .isTrue();
                List<String> names = new ArrayList<>();
                results.get(c).get("names").forEach(n -> names.add(n.asText().strip()));
                for (NetworkMap.Node n : RenderCases.map(c).nodes()) {
                    if (n.kind() == NetworkMap.Kind.CONTAINER) {
                        assertThat(names).as("mermaid %s, %s: container %s", version, c, n.name())
                                .contains(RenderCases.shown(n.name()));
                    }
                }
            }
        });
    }

    @Test
    void aBrokenDiagramIsReportedSoTheCheckCanFail() {
        RESULTS.forEach((version, results) -> {
            assertThat(results.get("broken").get("ok").asBoolean()).as(version).isFalse();
            assertThat(results.get("broken").get("error").asText()).as(version).contains("Parse error");
        });
    }

    /** Version -&gt; mermaid.min.js: the classpath's WebJar, then the older ones the build copied. */
    private static Map<String, byte[]> bundles() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Properties pom = new Properties();
        try (InputStream in = MermaidChromiumIT.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/mermaid/pom.properties")) {
            assertThat(in).as("the mermaid WebJar on the test classpath").isNotNull();
            pom.load(in);
        }
        String version = pom.getProperty("version");
        try (InputStream in = MermaidChromiumIT.class.getResourceAsStream(bundlePath(version))) {
            assertThat(in).as(bundlePath(version)).isNotNull();
            out.put(version, in.readAllBytes());
        }
        Path older = Path.of("target", "older-mermaid");
        assertThat(older).as("older Mermaid bundles (copied by the dependency plugin in generate-test-resources)").isDirectory();
        try (Stream<Path> jars = Files.list(older)) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().matches("mermaid-.*\\.jar")).sorted().toList()) {
                String v = jar.getFileName().toString().replaceAll("^mermaid-(.*)\\.jar$", "$1");
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry e = zip.getEntry(bundlePath(v).substring(1));
                    assertThat(e).as("%s in %s", bundlePath(v), jar).isNotNull();
                    try (InputStream in = zip.getInputStream(e)) {
                        out.put(v, in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    private static String bundlePath(String version) {
        return "/META-INF/resources/webjars/mermaid/" + version + "/dist/mermaid.min.js";
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
