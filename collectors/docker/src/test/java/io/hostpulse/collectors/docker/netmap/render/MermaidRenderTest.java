package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Coverage;
import io.hostpulse.collectors.docker.netmap.NetworkMap.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hostpulse.collectors.docker.netmap.render.TestMaps.container;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.edge;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.map;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.net;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.outside;
import static io.hostpulse.collectors.docker.netmap.render.TestMaps.stopped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mermaid text. Mermaid has no Java parser, so its structure is checked line by line against the subset of the
 * flowchart grammar the renderer uses: {@code flowchart LR}, the title comment, node declarations with one quoted label,
 * {@code subgraph}/{@code end} balanced, edges between declared ids, class lines; every node id declared once.
 */
class MermaidRenderTest {
    static final List<String> CASES = RenderCases.ALL;

    private static final String ID = "([A-Za-z][A-Za-z0-9_]*)";
    /** A quoted label: no raw quote inside; Mermaid entity codes only for the escaped characters. */
    private static final String LABEL = "\"([^\"]*)\"";
    private static final Pattern NODE = Pattern.compile(" +" + ID + "(\\[" + LABEL + "]|\\(\\(" + LABEL
            + "\\)\\)|\\[\\[" + LABEL + "]])");
    private static final Pattern SUBGRAPH = Pattern.compile(" +subgraph " + ID + "\\[" + LABEL + "]");
    private static final Pattern END = Pattern.compile(" +end");
    private static final Pattern EDGE = Pattern.compile(" +" + ID + " (-->|-\\.->)\\|" + LABEL + "\\| " + ID);
    private static final Pattern CLASS_DEF = Pattern.compile(" +classDef (stopped|note) [a-z:#0-9 ,-]+");
    private static final Pattern CLASS = Pattern.compile(" +class ([A-Za-z0-9_,]+) (stopped|note)");

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void everyCaseIsWellFormedWithEveryNodeDeclaredOnceAndEveryEdgeBetweenDeclaredNodes(String caseName) {
        NetworkMap m = RenderCases.map(caseName);
        Structure s = Structure.of(Mermaid.render(m));
        for (Node n : m.nodes()) {
            if (n.kind() == NetworkMap.Kind.CONTAINER) {
                assertThat(s.labels).as("container %s", n.name())
                        .anyMatch(l -> l.split("<br/>")[0].equals(RenderCases.shown(n.name())));
            }
        }
        assertThat(s.edges).hasSize(m.edges().size());
        for (int i = 0; i < m.edges().size(); i++) {
            assertThat(s.edgeLabels.get(i)).isEqualTo(RenderCases.shown(DiagramPlan.edgeLabel(m, m.edges().get(i))));
        }
    }

    @Test
    void theTinyMapHasItsSubgraphsNodesAndDashedRememberedEdge() {
        Structure s = Structure.of(Mermaid.render(RenderCases.map("tiny")));
        assertThat(s.subgraphs).containsExactly("net_shop_back", "net_shop_front");
        assertThat(s.members.get("net_shop_front")).containsExactly("c_app", "c_web");
        assertThat(s.members.get("net_shop_back")).containsExactly("c_db");
        assertThat(s.edges).containsExactly("c_app-->c_db", "pseudo_outside-->c_web", "c_web-->c_app",
                "c_web-.->c_db");
    }

    @Test
    void aContainerOnTwoNetworksIsDrawnOnceAndStoppedOnesGetTheStoppedClass() {
        NetworkMap m = map(List.of(net("back", true), net("front", false)),
                List.of(container("app", "front", "back", "front"), stopped("db", "back", "back"), outside()),
                List.of(edge("app", "db", 5432, "back", 0)));
        String mmd = Mermaid.render(m);
        Structure s = Structure.of(mmd);
        assertThat(s.members.get("net_front")).containsExactly("c_app");
        assertThat(mmd).contains("        c_app[\"app<br/>also on back\"]\n")
                .contains("    c_app -.->|\"5432/tcp · via back · last seen 2026-12-01 10:50 UTC\"| c_db\n")
                .contains("    class c_db stopped\n")
                .contains("    pseudo_outside((\"Outside\"))\n");
    }

    @Test
    void idsNeverEndInAMermaidKeywordWhichMermaidBefore10ReadsAsTheKeyword() {
        NetworkMap m = map(List.of(net("end", false)),
                List.of(container("end", "end", "end"), container("x-style", "end", "end"),
                        container("a_self", "end", "end"), container("backend", "end", "end")),
                List.of(edge("end", "x-style", 80, "end", 1)));
        Structure s = Structure.of(Mermaid.render(m));
        assertThat(s.subgraphs).containsExactly("net_end_");
        assertThat(s.nodes).containsExactlyInAnyOrder("c_end_", "c_x_style_", "c_a_self_", "c_backend");
        assertThat(s.edges).containsExactly("c_end_-->c_x_style_");
    }

    @Test
    void theTitleIsACommentAfterTheFirstLineAndTheLegendIsABoxOfItsOwn() {
        NetworkMap m = new NetworkMap("h\"%%{init}\nx", TestMaps.T, List.of(), List.of(), List.of(),
                new Coverage(2, 1, List.of("a"), false, "50% seen; <b>"));
        String mmd = Mermaid.render(m);
        assertThat(mmd).startsWith("flowchart LR\n"
                + "    %% h#quot;#37;#37;#123;init#125; x · network map · 2026-12-01 11:00 UTC\n");
        assertThat(mmd).contains("    legend_coverage[\"sockets not readable for 1 of 2 containers: a<br/>"
                + "50#37; seen#59; #60;b#62;\"]\n");
    }

    @Test
    void hostileTextCannotCloseTheLabelStartACommentOrDirectiveOrAddMarkup() {
        String t = Mermaid.text("a\"b\nend\r%%{init: {}}%% <script>&amp; x|y `md` #quot;");
        assertThat(t).doesNotContain("\"", "\n", "\r", "%", "{", "}", "<", ">", "&", "|", "`");
        assertThat(decode(t)).isEqualTo("a\"b end %%{init: {}}%% <script>&amp; x|y `md` #quot;");
    }

    /** Mermaid's entity codes back to text: {@code #quot;} and decimal {@code #35;}. */
    static String decode(String s) {
        Matcher mt = Pattern.compile("#(quot|\\d+);").matcher(s);
        StringBuilder b = new StringBuilder();
        while (mt.find()) {
            String code = mt.group(1);
            mt.appendReplacement(b, Matcher.quoteReplacement(code.equals("quot") ? "\""
                    : String.valueOf((char) Integer.parseInt(code))));
        }
        return mt.appendTail(b).toString();
    }

    /** The parsed structure; fails on the first line outside the grammar. */
    static final class Structure {
        final List<String> subgraphs = new ArrayList<>();
        final java.util.Map<String, List<String>> members = new java.util.HashMap<>();
        final Set<String> nodes = new HashSet<>();
        final List<String> labels = new ArrayList<>();
        final List<String> edges = new ArrayList<>();
        final List<String> edgeLabels = new ArrayList<>();

        static Structure of(String mmd) {
            Structure s = new Structure();
            String[] lines = mmd.split("\n", -1);
            assertThat(lines[0]).isEqualTo("flowchart LR");
            assertThat(lines[1]).as("the title comment").matches("    %% [^%{}]*");
            assertThat(lines[lines.length - 1]).as("ends with a newline").isEmpty();
            List<String> open = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            boolean classes = false;
            for (int i = 2; i < lines.length - 1; i++) {
                String line = lines[i];
                Matcher mt;
                if ((mt = SUBGRAPH.matcher(line)).matches()) {
                    assertThat(ids.add(mt.group(1))).as("id %s declared once", mt.group(1)).isTrue();
                    s.subgraphs.add(mt.group(1));
                    open.add(mt.group(1));
                    s.members.put(mt.group(1), new ArrayList<>());
                } else if (END.matcher(line).matches()) {
                    assertThat(open).as("end without subgraph at line %d", i).isNotEmpty();
                    open.remove(open.size() - 1);
                } else if ((mt = NODE.matcher(line)).matches()) {
                    String id = mt.group(1);
                    assertThat(ids.add(id)).as("id %s declared once", id).isTrue();
                    assertThat(s.edges).as("nodes before edges").isEmpty();
                    s.nodes.add(id);
                    String label = mt.group(3) != null ? mt.group(3) : mt.group(4) != null ? mt.group(4) : mt.group(5);
                    s.labels.add(decode(label));
                    if (!open.isEmpty()) {
                        s.members.get(open.get(open.size() - 1)).add(id);
                    }
                } else if ((mt = EDGE.matcher(line)).matches()) {
                    assertThat(open).as("edges outside subgraphs").isEmpty();
                    assertThat(s.nodes).as("edge ends declared: %s", line).contains(mt.group(1), mt.group(4));
                    s.edges.add(mt.group(1) + mt.group(2) + mt.group(4));
                    s.edgeLabels.add(decode(mt.group(3)));
                } else if (CLASS_DEF.matcher(line).matches()) {
                    classes = true;
                } else if ((mt = CLASS.matcher(line)).matches()) {
                    assertThat(classes).as("classDef before class").isTrue();
                    assertThat(s.nodes).contains(mt.group(1).split(","));
                } else {
                    throw new AssertionError("line " + i + " is not of the renderer's grammar: " + line + "\n" + mmd);
                }
            }
            assertThat(open).as("every subgraph ended").isEmpty();
            return s;
        }
    }
}
