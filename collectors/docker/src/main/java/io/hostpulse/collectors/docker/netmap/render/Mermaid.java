package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NetworkMap} as a Mermaid {@code flowchart LR}: a {@code subgraph} per Docker network, the same boxes,
 * texts and arrows as {@link PlantUml} (both follow {@link DiagramPlan}); remembered edges dashed ({@code -.->}),
 * stopped containers dashed (class {@code stopped}), the coverage legend as a box of its own. The title (host and
 * time) is a comment on the second line, not front matter: the text starts with {@code flowchart LR}, which every
 * Mermaid since 8 reads (Wiki.js 2 still ships Mermaid 8; front matter needs 10).
 *
 * <p>Node ids are safe aliases; every text is in double quotes with the characters Mermaid would read
 * ({@code " # & < > ; | % { } [ ] ( ) ` \}) written as Mermaid entity codes ({@code #35;}), so no name can close a
 * label, start a comment ({@code %%}), end a subgraph or add an edge.
 */
public final class Mermaid {
    private Mermaid() {
    }

    public static String render(NetworkMap m) {
        DiagramPlan.Plan plan = DiagramPlan.of(m);
        StringBuilder out = new StringBuilder();
        out.append("flowchart LR\n");
        out.append("    %% ").append(text(plan.title())).append('\n');
        List<String> stopped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (DiagramPlan.Box b : plan.loose()) {
            box(out, "    ", b, stopped, notes);
        }
        for (DiagramPlan.Group g : plan.groups()) {
            out.append("    subgraph ").append(g.id()).append("[\"").append(text(g.title()));
            if (g.subtitle() != null) {
                out.append("<br/>").append(text(g.subtitle()));
            }
            out.append("\"]\n");
            for (DiagramPlan.Box b : g.boxes()) {
                box(out, "        ", b, stopped, notes);
            }
            out.append("    end\n");
        }
        if (!plan.legend().isEmpty()) {
            List<String> lines = new ArrayList<>();
            plan.legend().forEach(l -> lines.add(text(l)));
            out.append("    legend_coverage[\"").append(String.join("<br/>", lines)).append("\"]\n");
            notes.add("legend_coverage");
        }
        for (DiagramPlan.Arrow a : plan.arrows()) {
            out.append("    ").append(a.from()).append(a.remembered() ? " -.->|\"" : " -->|\"").append(text(a.label()))
                    .append("\"| ").append(a.to()).append('\n');
        }
        if (!stopped.isEmpty()) {
            out.append("    classDef stopped stroke-dasharray:5 5,color:#777\n");
            out.append("    class ").append(String.join(",", stopped)).append(" stopped\n");
        }
        if (!notes.isEmpty()) {
            out.append("    classDef note fill:#fffbe6,stroke:#c9a400,color:#555\n");
            out.append("    class ").append(String.join(",", notes)).append(" note\n");
        }
        return out.toString();
    }

    private static void box(StringBuilder out, String indent, DiagramPlan.Box b, List<String> stopped,
                            List<String> notes) {
        List<String> lines = new ArrayList<>();
        lines.add(text(b.title())); // not <b>: Mermaid before 10 shows tags other than <br/> as text
        b.details().forEach(d -> lines.add(text(d)));
        String label = "\"" + String.join("<br/>", lines) + "\"";
        out.append(indent).append(b.id()).append(switch (b.shape()) {
            case OUTSIDE -> "((" + label + "))";
            case HOST -> "[[" + label + "]]";
            case CONTAINER, NOTE -> "[" + label + "]";
        }).append('\n');
        if (b.stopped()) {
            stopped.add(b.id());
        }
        if (b.shape() == DiagramPlan.Shape.NOTE) {
            notes.add(b.id());
        }
    }

    /** User text made inert inside a quoted Mermaid label (see the class comment); control characters become spaces. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(' ');
            } else if (c == '"') {
                b.append("#quot;");
            } else if ("#&<>;|%{}`".indexOf(c) >= 0) {
                b.append('#').append((int) c).append(';');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
