package io.hostpulse.collectors.docker.netmap.render;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a drawing of a {@link NetworkMap} shows, decided once for every text format (PlantUML, Mermaid): which boxes
 * go in which network's group, what is written in them and on each arrow, and the legend. The texts here are raw
 * (not escaped); each renderer escapes them for its own syntax. Ids are safe in both syntaxes ({@code [A-Za-z0-9_]},
 * starting with a letter, unique), so a container's real name only ever appears inside quotes.
 *
 * <p>The rules (also in the module README):
 * <ul>
 * <li>one group per Docker network that has members, or that is user-defined (Docker's predefined {@code bridge},
 *     {@code host} and {@code none} are left out while nobody uses them); the pseudo network {@code host} is titled
 *     "Host Network"; its subtitle names a driver other than bridge/host, "internal", and the subnets;</li>
 * <li>each container is drawn once, in its {@code home} network, with the other networks it is on written in it
 *     ("also on db_net"); a group whose members are all drawn elsewhere says so; containers with no network
 *     ({@code network_mode: none}, or stopped with none attached) go in a group "No network"; a container that is
 *     not running is drawn dashed with its state;</li>
 * <li>the pseudo nodes Outside and the Docker host are drawn outside every group, only when the map has them;</li>
 * <li>an arrow goes from client to server, labelled "port/proto", "published" when it came in through a published
 *     port, "via &lt;network&gt;" when the network it crossed is not the home of every container it joins, then
 *     "N conn" (seen now) or "last seen &lt;time&gt;" (remembered: drawn dashed), then the rate when known;</li>
 * <li>a legend when some containers' sockets were unreadable or coverage has a note.</li>
 * </ul>
 */
final class DiagramPlan {
    /** Docker's predefined networks: drawn only when a container is on them. */
    private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Names listed in the legend before "and N more". */
    private static final int LEGEND_NAMES = 10;
    static final String SEP = " · ";

    enum Shape { CONTAINER, OUTSIDE, HOST, NOTE }

    /**
     * One box.
     *
     * @param title   its first line (a container's name)
     * @param details further lines, smaller
     * @param stopped a container that is not running (drawn dashed)
     */
    record Box(String id, Shape shape, String title, List<String> details, boolean stopped) {
    }

    /** A network's group; {@code subtitle} null when there is nothing to say; {@code boxes} never empty. */
    record Group(String id, String title, String subtitle, List<Box> boxes) {
    }

    /** An arrow from client to server; {@code remembered}: not seen in this reading (drawn dashed). */
    record Arrow(String from, String to, String label, boolean remembered) {
    }

    /**
     * A whole drawing.
     *
     * @param loose  boxes outside every group (pseudo nodes, edge ends missing from the nodes, the empty-map note)
     * @param legend lines of the legend, empty for none
     */
    record Plan(String title, List<Box> loose, List<Group> groups, List<Arrow> arrows, List<String> legend) {
    }

    private DiagramPlan() {
    }

    static Plan of(NetworkMap m) {
        Ids ids = new Ids();
        Map<String, String> nodeIds = new HashMap<>();
        List<Box> loose = new ArrayList<>();
        Map<String, List<Box>> homed = new LinkedHashMap<>();
        Map<String, List<String>> alsoOn = new HashMap<>();
        List<Box> noNetwork = new ArrayList<>();
        for (NetworkMap.Node n : m.nodes()) {
            switch (n.kind()) {
                case OUTSIDE -> loose.add(remember(nodeIds, n.name(),
                        new Box(ids.take("pseudo_", "outside"), Shape.OUTSIDE, "Outside", List.of(), false)));
                case HOST -> loose.add(remember(nodeIds, n.name(), new Box(ids.take("pseudo_", "host"), Shape.HOST,
                        "Docker host", m.host() == null ? List.of() : List.of(m.host()), false)));
                case CONTAINER -> {
                    Box box = remember(nodeIds, n.name(), container(ids, n));
                    if (n.home() == null) {
                        noNetwork.add(box);
                    } else {
                        homed.computeIfAbsent(n.home(), k -> new ArrayList<>()).add(box);
                    }
                    for (String net : n.networks()) {
                        if (!net.equals(n.home())) {
                            alsoOn.computeIfAbsent(net, k -> new ArrayList<>()).add(n.name());
                        }
                    }
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        Set<String> drawn = new HashSet<>();
        for (NetworkMap.Network net : m.networks()) {
            List<Box> boxes = new ArrayList<>(homed.getOrDefault(net.name(), List.of()));
            List<String> elsewhere = alsoOn.getOrDefault(net.name(), List.of());
            if (boxes.isEmpty() && !elsewhere.isEmpty()) {
                boxes.add(note(ids, "members drawn elsewhere: " + String.join(", ", elsewhere)));
            } else if (boxes.isEmpty() && !PREDEFINED.contains(net.name())) {
                boxes.add(note(ids, "no containers"));
            }
            if (!boxes.isEmpty()) {
                groups.add(new Group(ids.take("net_", net.name()), networkTitle(net.name()), subtitle(net), boxes));
            }
            drawn.add(net.name());
        }
        // a home the network list lacks still gets its group, so no container is lost from the drawing
        homed.forEach((net, boxes) -> {
            if (!drawn.contains(net)) {
                groups.add(new Group(ids.take("net_", net), networkTitle(net), null, boxes));
            }
        });
        if (!noNetwork.isEmpty()) {
            groups.add(new Group(ids.take("net_", "none"), "No network", null, noNetwork));
        }
        List<Arrow> arrows = new ArrayList<>();
        for (NetworkMap.Edge e : m.edges()) {
            String from = endpoint(ids, nodeIds, loose, e.client());
            String to = endpoint(ids, nodeIds, loose, e.server());
            arrows.add(new Arrow(from, to, edgeLabel(m, e), e.connections() == 0));
        }
        if (loose.isEmpty() && groups.isEmpty()) {
            loose.add(new Box(ids.take("note_", "empty"), Shape.NOTE, "No containers and no connections seen",
                    List.of(), false));
        }
        return new Plan(title(m), loose, groups, arrows, legend(m));
    }

    private static Box remember(Map<String, String> nodeIds, String name, Box box) {
        nodeIds.putIfAbsent(name, box.id());
        return box;
    }

    private static Box note(Ids ids, String text) {
        return new Box(ids.take("note_", "members"), Shape.NOTE, text, List.of(), false);
    }

    /** An edge's end; one that is not among the nodes is drawn loose, so every arrow has both ends. */
    private static String endpoint(Ids ids, Map<String, String> nodeIds, List<Box> loose, String name) {
        return nodeIds.computeIfAbsent(name, k -> {
            Box b = new Box(ids.take("c_", k), Shape.CONTAINER, nonBlank(k), List.of(), false);
            loose.add(b);
            return b.id();
        });
    }

    private static Box container(Ids ids, NetworkMap.Node n) {
        List<String> details = new ArrayList<>();
        boolean stopped = n.state() != null && !n.state().equals("running");
        if (stopped) {
            details.add(n.state());
        }
        for (NetworkMap.PublishedPort p : n.published()) {
            details.add("publishes " + published(p));
        }
        if (!n.listening().isEmpty()) {
            List<String> ports = new ArrayList<>();
            n.listening().forEach(l -> ports.add(l.port() + "/" + l.proto()));
            details.add("listens " + String.join(", ", ports));
        }
        List<String> others = new ArrayList<>();
        for (String net : n.networks()) {
            if (!net.equals(n.home())) {
                others.add(net);
            }
        }
        if (!others.isEmpty()) {
            details.add((n.home() == null ? "on " : "also on ") + String.join(", ", others));
        }
        return new Box(ids.take("c_", n.name()), Shape.CONTAINER, nonBlank(n.name()), details, stopped);
    }

    /** {@code 0.0.0.0:443→443/tcp}, IPv6 host addresses in brackets. */
    static String published(NetworkMap.PublishedPort p) {
        String ip = p.hostIp() == null || p.hostIp().isEmpty() ? ""
                : p.hostIp().contains(":") ? "[" + p.hostIp() + "]" : p.hostIp();
        return ip + ":" + p.hostPort() + "→" + p.containerPort() + "/" + p.proto();
    }

    static String networkTitle(String name) {
        return NetworkMap.HOST_NETWORK.equals(name) ? "Host Network" : nonBlank(name);
    }

    private static String subtitle(NetworkMap.Network net) {
        List<String> parts = new ArrayList<>();
        if (net.driver() != null && !net.driver().isBlank() && !net.driver().equals("bridge")
                && !net.driver().equals("host")) {
            parts.add(net.driver());
        }
        if (net.internal()) {
            parts.add("internal");
        }
        if (!net.subnets().isEmpty()) {
            parts.add(String.join(", ", net.subnets()));
        }
        return parts.isEmpty() ? null : String.join(SEP, parts);
    }

    static String edgeLabel(NetworkMap m, NetworkMap.Edge e) {
        List<String> parts = new ArrayList<>();
        parts.add(e.port() + "/" + e.proto());
        if (e.published()) {
            parts.add("published");
        }
        if (e.network() != null && (crossesAway(m.node(e.client()), e.network())
                || crossesAway(m.node(e.server()), e.network()))) {
            parts.add("via " + networkTitle(e.network()));
        }
        if (e.connections() > 0) {
            parts.add(e.connections() + " conn");
        } else {
            parts.add(e.lastSeen() == null ? "remembered" : "last seen " + time(e.lastSeen()));
        }
        if (e.bytesPerSecond() != null && Double.isFinite(e.bytesPerSecond())) {
            parts.add(rate(e.bytesPerSecond()));
        }
        return String.join(SEP, parts);
    }

    /** A container end whose home is not the network the edge crossed (the drawing alone would not tell it). */
    private static boolean crossesAway(NetworkMap.Node n, String network) {
        return n != null && n.kind() == NetworkMap.Kind.CONTAINER && !network.equals(n.home());
    }

    /** Decimal units, as the live view and most tools show rates: 410 B/s, 12.3 KB/s, 4.5 MB/s. */
    static String rate(double bytesPerSecond) {
        String[] units = {"B/s", "KB/s", "MB/s", "GB/s", "TB/s"};
        double v = bytesPerSecond;
        int u = 0;
        while (Math.abs(v) >= 999.95 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? Math.round(v) + " B/s" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String time(Instant t) {
        return MINUTE.format(t);
    }

    private static String title(NetworkMap m) {
        String host = m.host() == null || m.host().isBlank() ? "Docker host" : m.host();
        return m.time() == null ? host + SEP + "network map" : host + SEP + "network map" + SEP + time(m.time());
    }

    private static List<String> legend(NetworkMap m) {
        List<String> lines = new ArrayList<>();
        NetworkMap.Coverage c = m.coverage();
        if (c == null) {
            return lines;
        }
        if (!c.unreadable().isEmpty()) {
            List<String> names = c.unreadable();
            String listed = String.join(", ", names.subList(0, Math.min(LEGEND_NAMES, names.size())))
                    + (names.size() > LEGEND_NAMES ? " and " + (names.size() - LEGEND_NAMES) + " more" : "");
            lines.add("sockets not readable for " + names.size() + " of " + c.containers() + " containers: " + listed);
        }
        if (c.note() != null && !c.note().isBlank()) {
            lines.add(c.note());
        }
        if (!lines.isEmpty() && m.edges().stream().anyMatch(e -> e.connections() == 0)) {
            lines.add("dashed arrows: remembered, not seen in this reading");
        }
        return lines;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? "(unnamed)" : s;
    }

    /**
     * Ids safe in PlantUML and Mermaid: a prefix, then the name with every other character as '_', made unique.
     * Mermaid before 10 reads an id ending in '_' plus one of its keywords ({@code c_end}, {@code c_x_style}) as the
     * keyword and fails to parse, so such an id gets one more '_'.
     */
    static final class Ids {
        private static final Pattern MERMAID_KEYWORD_END = Pattern.compile(
                "_(end|graph|flowchart|subgraph|style|linkStyle|classDef|class|click|call|href|default|interpolate"
                        + "|direction|self|blank|parent|top)$");
        private final Set<String> used = new HashSet<>();

        String take(String prefix, String name) {
            StringBuilder b = new StringBuilder(prefix);
            String s = name == null ? "" : name;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                b.append(ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_') ? ch : '_');
            }
            if (MERMAID_KEYWORD_END.matcher(b).find()) {
                b.append('_');
            }
            String id = b.toString();
            for (int n = 2; !used.add(id); n++) {
                id = b + "_" + n;
            }
            return id;
        }
    }
}
