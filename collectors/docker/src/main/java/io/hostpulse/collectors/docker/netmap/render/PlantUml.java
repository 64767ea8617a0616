package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NetworkMap} as a PlantUML deployment diagram, the one a homelab owner draws by hand for their wiki: a
 * {@code package} per Docker network, a {@code rectangle} per container, a {@code cloud} for Outside, a {@code node}
 * for the Docker host, arrows client → server (dashed for remembered edges), a legend when coverage was partial.
 * What goes where is {@link DiagramPlan}'s; this class only writes it in PlantUML's syntax.
 *
 * <p>Every name and note is escaped ({@link #text}): in PlantUML a label is preprocessed ({@code %version()}, {@code
 * $var}), then read as Creole ({@code --strike--}, {@code [[link]]}, {@code <b>}), so a hostile container name could
 * otherwise inject markup or, with a newline, whole lines ({@code @enduml}); PlantUML even starts a new diagram at
 * an {@code @startuml} after some leading characters, so {@code @} is escaped too. Elements are named by safe
 * aliases and every line that carries user text starts with a keyword or a bullet of ours.
 */
public final class PlantUml {
    private static final String SMALL = "<size:10>";
    private static final String END_SMALL = "</size>";

    private PlantUml() {
    }

    public static String render(NetworkMap m) {
        DiagramPlan.Plan plan = DiagramPlan.of(m);
        StringBuilder out = new StringBuilder("@startuml\n");
        out.append("title ").append(text(plan.title())).append('\n');
        out.append("left to right direction\n");
        for (DiagramPlan.Box b : plan.loose()) {
            box(out, "", b);
        }
        for (DiagramPlan.Group g : plan.groups()) {
            out.append("package \"").append(text(g.title()));
            if (g.subtitle() != null) {
                out.append("\\n").append(SMALL).append(text(g.subtitle())).append(END_SMALL);
            }
            out.append("\" as ").append(g.id()).append(" {\n");
            for (DiagramPlan.Box b : g.boxes()) {
                box(out, "  ", b);
            }
            out.append("}\n");
        }
        for (DiagramPlan.Arrow a : plan.arrows()) {
            out.append(a.from()).append(a.remembered() ? " ..> " : " --> ").append(a.to())
                    .append(" : ").append(text(a.label())).append('\n');
        }
        if (!plan.legend().isEmpty()) {
            out.append("legend top left\n");
            for (String line : plan.legend()) {
                // a bullet of ours first: a note reading "endlegend" or "@enduml" must stay text
                out.append("• ").append(text(line)).append('\n');
            }
            out.append("endlegend\n");
        }
        return out.append("@enduml\n").toString();
    }

    private static void box(StringBuilder out, String indent, DiagramPlan.Box b) {
        String keyword = switch (b.shape()) {
            case CONTAINER -> "rectangle";
            case OUTSIDE -> "cloud";
            case HOST -> "node";
            case NOTE -> "label";
        };
        List<String> lines = new ArrayList<>();
        lines.add(b.shape() == DiagramPlan.Shape.NOTE ? SMALL + text(b.title()) + END_SMALL
                : "**" + text(b.title()) + "**");
        b.details().forEach(d -> lines.add(SMALL + text(d) + END_SMALL));
        out.append(indent).append(keyword).append(" \"").append(String.join("\\n", lines)).append("\" as ")
                .append(b.id()).append(b.stopped() ? " #line.dashed" : "").append('\n');
    }

    /**
     * User text made inert in a PlantUML label: control characters become spaces; characters the preprocessor or
     * Creole give a meaning ({@code " \ $ % & < > { } | ~ ' ! # ^ @}) become numeric entities (backslash and dollar
     * as {@code <U+...>}: PlantUML's entity decoder trips over them), and so does the second of a doubled {@code - _ *
     * / = [ ]} (Creole's strike, underline, bold, italic, heading and link markers). Other characters, UTF-8
     * included, stay.
     */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        char prev = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(' ');
            } else if (c == '\\' || c == '$') {
                b.append(String.format("<U+%04X>", (int) c));
            } else if ("\"%&<>{}|~'!#^@".indexOf(c) >= 0 || ("-_*/=[]".indexOf(c) >= 0 && c == prev)) {
                b.append("&#").append((int) c).append(';');
            } else {
                b.append(c);
            }
            prev = c;
        }
        return b.toString();
    }
}
