package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Coverage;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Edge;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Node;
import io.hostpulse.collectors.docker.netmap.NetworkMap.PublishedPort;
import net.sourceforge.plantuml.BlockUml;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.descdiagram.DescriptionDiagram;
import net.sourceforge.plantuml.error.PSystemError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.hostpulse.collectors.docker.netmap.render.TestMaps.container;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.edge;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.host;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.map;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.net;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.outside;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.stopped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PlantUML text, proved with the real PlantUML library (and Graphviz's {@code dot}, which it lays out with, as
 * a wiki's PlantUML server does): every golden case parses as a deployment ("description") diagram without error,
 * renders to SVG, and the SVG shows every container's name, every network's title and every arrow's label.
 */
class PlantUmlRenderTest {
    static final List<String> CASES = RenderCases.ALL;

    /** Every line the renderer may write; anything else would be text that escaped its quotes. */
    private static final List<Pattern> GRAMMAR = List.of(
            Pattern.compile("@startuml"), Pattern.compile("@enduml"), Pattern.compile("title [^\"]*"),
            Pattern.compile("left to right direction"),
            Pattern.compile(" *(rectangle|cloud|node|label) \"[^\"]*\" as \\w+( #line\\.dashed)?"),
            Pattern.compile("package \"[^\"]*\" as \\w+ \\{"), Pattern.compile("\\}"),
            Pattern.compile("\\w+ (-->|\\.\\.>) \\w+ : [^\"]*"),
            Pattern.compile("legend top left"), Pattern.compile("• [^\"]*"), Pattern.compile("endlegend"));

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void realPlantUmlParsesTheCaseAndItsSvgShowsEveryName(String caseName) throws Exception {
        NetworkMap m = RenderCases.map(caseName);
        String puml = PlantUml.render(m);
        List<String> texts = svgTexts(puml);
        String all = String.join("\n", texts);
        for (Node n : m.nodes()) {
            if (n.kind() == NetworkMap.Kind.CONTAINER) {
                assertThat(texts).as("container %s", n.name()).contains(RenderCases.shown(n.name()));
            }
        }
        for (NetworkMap.Network net : m.networks()) {
            boolean used = m.nodes().stream().anyMatch(n -> n.networks().contains(net.name()));
            if (used) {
                assertThat(texts).as("network %s", net.name())
                        .contains(RenderCases.shown(DiagramPlan.networkTitle(net.name())));
            }
        }
        for (Edge e : m.edges()) {
            assertThat(all).as("edge %s", e).contains(RenderCases.shown(DiagramPlan.edgeLabel(m, e)));
        }
        assertThat(all).doesNotContain("Syntax Error").doesNotContain("1.2025"); // no %version() expanded
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void everyLineIsOneOfTheRenderersOwn(String caseName) {
        String puml = PlantUml.render(RenderCases.map(caseName));
        assertThat(puml).startsWith("@startuml\n").endsWith("@enduml\n");
        for (String line : puml.split("\n", -1)) {
            if (!line.isEmpty()) {
                assertThat(GRAMMAR).as("line %s", line).anyMatch(p -> p.matcher(line).matches());
            }
        }
    }

    @Test
    void aContainerOnTwoNetworksIsDrawnOnceInItsHomeWithTheOtherNetworkWrittenIn() {
        NetworkMap m = map(List.of(net("back", true), net("front", false)),
                List.of(container("app", "front", "back", "front"), container("db", "back", "back")),
                List.of(edge("app", "db", 5432, "back", 3)));
        String puml = PlantUml.render(m);
        assertThat(puml.split("as c_app\n", -1)).hasSize(2);
        String front = block(puml, "package \"front\"");
        assertThat(front).contains("rectangle \"**app**\\n<size:10>also on back</size>\" as c_app");
        assertThat(block(puml, "package \"back\\n")).contains("as c_db").doesNotContain("c_app");
        // the edge still names the network it crossed, since app's home is not db_net
        assertThat(puml).contains("c_app --> c_db : 5432/tcp · via back · 3 conn\n");
    }

    @Test
    void publishedEdgesComeFromOutsideOrTheHostAndTheContainerShowsItsPorts() {
        Node npm = new Node("npm", NetworkMap.Kind.CONTAINER, "frontend_net", List.of("frontend_net"),
                List.of(new PublishedPort("0.0.0.0", 443, 443, "tcp"), new PublishedPort("::", 8443, 443, "tcp")),
                List.of(new NetworkMap.Listen(443, "tcp")), null, null, "running");
        Edge in = new Edge("outside", "npm", 443, "tcp", "frontend_net", 7, TestMaps.T, TestMaps.T, 1000L, 12345.6,
                true);
        Edge admin = new Edge("host", "npm", 443, "tcp", "frontend_net", 1, TestMaps.T, TestMaps.T, null, null, true);
        String puml = PlantUml.render(map(List.of(net("frontend_net", false)), List.of(host(), npm, outside()),
                List.of(admin, in)));
        assertThat(puml).contains("cloud \"**Outside**\" as pseudo_outside\n")
                .contains("node \"**Docker host**\\n<size:10>testhost</size>\" as pseudo_host\n")
                .contains("<size:10>publishes 0.0.0.0:443→443/tcp</size>\\n<size:10>publishes [::]:8443→443/tcp</size>")
                .contains("<size:10>listens 443/tcp</size>")
                .contains("pseudo_outside --> c_npm : 443/tcp · published · 7 conn · 12.3 KB/s\n")
                .contains("pseudo_host --> c_npm : 443/tcp · published · 1 conn\n");
    }

    @Test
    void rememberedEdgesAreDashedWithWhenTheyWereLastSeenAndStoppedContainersDashedWithTheirState() {
        NetworkMap m = map(List.of(net("db_net", true)),
                List.of(stopped("backup", "db_net", "db_net"), container("postgres", "db_net", "db_net")),
                List.of(edge("backup", "postgres", 5432, "db_net", 0)));
        String puml = PlantUml.render(m);
        assertThat(puml).contains("c_backup ..> c_postgres : 5432/tcp · last seen 2026-12-01 10:50 UTC\n")
                .contains("rectangle \"**backup**\\n<size:10>exited</size>\" as c_backup #line.dashed\n")
                .contains("rectangle \"**postgres**\" as c_postgres\n");
    }

    @Test
    void networksAreTitledMarkedInternalWithTheirSubnetSmallAndTheHostNetworkIsHostNetwork() {
        NetworkMap m = map(List.of(net("bridge", false, "172.17.0.0/16"), net("db_net", true, "172.22.0.0/16"),
                        net("host", false), net("spare_net", false, "10.9.0.0/24")),
                List.of(container("kuma", "host", "host"), container("pg", "db_net", "db_net")), List.of());
        String puml = PlantUml.render(m);
        assertThat(puml).contains("package \"db_net\\n<size:10>internal · 172.22.0.0/16</size>\" as net_db_net {\n")
                .contains("package \"Host Network\" as net_host {\n  rectangle \"**kuma**\" as c_kuma\n}\n")
                // a user-defined network nobody is on is still drawn; Docker's unused bridge is not
                .contains("package \"spare_net\\n<size:10>10.9.0.0/24</size>\" as net_spare_net {\n"
                        + "  label \"<size:10>no containers</size>\" as note_members\n}\n")
                .doesNotContain("\"bridge");
        // an unknown driver (MapBuilder writes "") says nothing; another driver than bridge is named
        NetworkMap drivers = map(List.of(new NetworkMap.Network("a", "", false, List.of()),
                        new NetworkMap.Network("b", "macvlan", false, List.of("192.168.1.0/24"))),
                List.of(container("x", "a", "a"), container("y", "b", "b")), List.of());
        assertThat(PlantUml.render(drivers)).contains("package \"a\" as net_a {\n")
                .contains("package \"b\\n<size:10>macvlan · 192.168.1.0/24</size>\" as net_b {\n");
    }

    @Test
    void aLegendAppearsOnlyWhenSocketsWereUnreadableOrCoverageHasANote() {
        NetworkMap full = map(List.of(net("n", false)), List.of(container("a", "n", "n")), List.of());
        assertThat(PlantUml.render(full)).doesNotContain("legend");
        NetworkMap partial = new NetworkMap("h", TestMaps.T, full.networks(), full.nodes(), full.edges(),
                new Coverage(3, 1, List.of("b", "c"), false, "nf_conntrack is not loaded: no byte counts"));
        assertThat(PlantUml.render(partial)).contains("legend top left\n"
                + "• sockets not readable for 2 of 3 containers: b, c\n"
                + "• nf_conntrack is not loaded: no byte counts\nendlegend\n");
    }

    @Test
    void aNoteThatIsAPlantUmlKeywordStaysTextInTheLegend() throws Exception {
        for (String note : List.of("endlegend", "@enduml", "@startuml")) {
            NetworkMap m = new NetworkMap("h", TestMaps.T, List.of(), List.of(), List.of(),
                    new Coverage(1, 0, List.of(note), false, note));
            assertThat(svgTexts(PlantUml.render(m))).as(note).contains("• " + note)
                    .contains("• sockets not readable for 1 of 1 containers: " + note);
        }
    }

    @Test
    void anEmptyMapSaysSoAndStillParses() throws Exception {
        NetworkMap empty = new NetworkMap("h", TestMaps.T, List.of(), List.of(), List.of(), TestMaps.FULL);
        assertThat(svgTexts(PlantUml.render(empty))).contains("No containers and no connections seen");
    }

    @Test
    void hostileTextCannotCloseTheQuotesAddLinesExpandPreprocessorCallsOrAddCreoleMarkup() {
        String evil = "a\"b\n@enduml\r%version() $x \\n [[http://x]] <b>--s-- __u__ **b** //i// ~~w~~ 'c !d #e";
        String t = PlantUml.text(evil);
        assertThat(t).doesNotContain("\"", "\n", "\r", "%", "$", "\\", "[[", "]]", "<b>", "--", "__", "**", "//", "~", "'",
                "!", "@");
    }

    /** The SVG's text lines, XML entities decoded; fails when PlantUML reports a syntax error. */
    static List<String> svgTexts(String puml) throws Exception {
        SourceStringReader reader = new SourceStringReader(puml);
        List<BlockUml> blocks = reader.getBlocks();
        assertThat(blocks).hasSize(1);
        if (blocks.get(0).getDiagram() instanceof PSystemError error) {
            throw new AssertionError("PlantUML syntax error at " + error.getLineLocation() + ": "
                    + error.getErrorsUml() + "\n" + puml);
        }
        assertThat(blocks.get(0).getDiagram()).isInstanceOf(DescriptionDiagram.class);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        reader.outputImage(svg, new FileFormatOption(FileFormat.SVG));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.toByteArray()));
        NodeList nodes = doc.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(((Element) nodes.item(i)).getTextContent().replace('\u00a0', ' ').strip());
        }
        assertThat(String.join("\n", texts)).as("SVG of\n%s", puml).doesNotContain("Cannot find Graphviz");
        return texts;
    }

    /** The lines of the package that starts with {@code head}, up to its closing brace. */
    private static String block(String puml, String head) {
        int start = puml.indexOf(head);
        assertThat(start).as("%s in\n%s", head, puml).isNotNegative();
        return puml.substring(start, puml.indexOf("\n}\n", start));
    }
}
