package io.hostpulse.collectors.docker.netmap;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostpulse.collectors.docker.netmap.socket.IpText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure: the engine's inspect replies and its /networks list -&gt; {@link Topology}. */
public final class TopologyMapper {
    /** The label a user sets on a container to choose the network it is drawn in. */
    public static final String HOME_LABEL = "hostpulse.map.network";

    private TopologyMapper() {
    }

    /**
     * The topology of one collection: the containers, and the networks with every gateway known (the /networks list
     * shows a gateway only when it was configured; each container's endpoint shows the one in use).
     */
    public static Topology topology(List<JsonNode> inspects, JsonNode networks) {
        List<Topology.Container> containers = new ArrayList<>(inspects.size());
        Map<String, java.util.Set<String>> gateways = new LinkedHashMap<>();
        for (JsonNode i : inspects) {
            if (!i.hasNonNull("Id")) {
                continue;
            }
            containers.add(container(i));
            for (Iterator<Map.Entry<String, JsonNode>> it = i.path("NetworkSettings").path("Networks").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> g = new ArrayList<>(2);
                add(g, text(e.getValue(), "Gateway"));
                add(g, text(e.getValue(), "IPv6Gateway"));
                gateways.computeIfAbsent(e.getKey(), k -> new java.util.LinkedHashSet<>()).addAll(g);
            }
        }
        List<Topology.Net> nets = new ArrayList<>();
        for (Topology.Net n : networks(networks)) {
            java.util.Set<String> all = new java.util.LinkedHashSet<>(n.gateways());
            all.addAll(gateways.getOrDefault(n.name(), java.util.Set.of()));
            nets.add(new Topology.Net(n.name(), n.driver(), n.internal(), n.subnets(), new ArrayList<>(all)));
        }
        return new Topology(containers, nets);
    }

    /** One container from its {@code /containers/<id>/json} reply. */
    public static Topology.Container container(JsonNode inspect) {
        String id = text(inspect, "Id");
        String name = text(inspect, "Name");
        if (name == null || name.isEmpty()) {
            name = id == null ? "?" : id.substring(0, Math.min(12, id.length()));
        } else if (name.startsWith("/")) {
            name = name.substring(1);
        }
        JsonNode state = inspect.path("State");
        String st = text(state, "Status");
        if (st == null) {
            st = state.path("Running").asBoolean(false) ? "running" : "exited";
        }
        int pid = state.path("Pid").asInt(0);
        String mode = text(inspect.path("HostConfig"), "NetworkMode");
        Map<String, List<String>> addrs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = inspect.path("NetworkSettings").path("Networks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if ("none".equals(e.getKey())) {
                continue; // network_mode none: no network at all
            }
            List<String> a = new ArrayList<>(2);
            add(a, text(e.getValue(), "IPAddress"));
            add(a, text(e.getValue(), "GlobalIPv6Address"));
            addrs.put(e.getKey(), a);
        }
        List<NetworkMap.PublishedPort> published = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = inspect.path("NetworkSettings").path("Ports").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] pp = e.getKey().split("/", 2);
            int containerPort = port(pp[0]);
            String proto = pp.length > 1 ? pp[1] : "tcp";
            if (containerPort <= 0 || !e.getValue().isArray()) {
                continue; // exposed, not published
            }
            for (JsonNode b : e.getValue()) {
                int hostPort = port(text(b, "HostPort"));
                if (hostPort > 0) {
                    String ip = text(b, "HostIp");
                    published.add(new NetworkMap.PublishedPort(ip == null || ip.isEmpty() ? "0.0.0.0" : ip, hostPort,
                            containerPort, proto));
                }
            }
        }
        published.sort(Comparator.comparing(NetworkMap.PublishedPort::containerPort)
                .thenComparing(NetworkMap.PublishedPort::proto).thenComparing(NetworkMap.PublishedPort::hostIp));
        JsonNode labels = inspect.path("Config").path("Labels");
        return new Topology.Container(id, name, st, pid, mode, addrs, published,
                text(labels, "com.docker.compose.project"), text(labels, "com.docker.compose.service"),
                text(labels, HOME_LABEL));
    }

    /** Every network of a {@code /networks} reply (null or not a list: none). */
    public static List<Topology.Net> networks(JsonNode list) {
        List<Topology.Net> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        for (JsonNode n : list) {
            String name = text(n, "Name");
            if (name == null) {
                continue;
            }
            List<String> subnets = new ArrayList<>();
            List<String> gateways = new ArrayList<>();
            for (JsonNode c : n.path("IPAM").path("Config")) {
                String s = text(c, "Subnet");
                if (s != null && !s.isEmpty()) {
                    subnets.add(s);
                }
                add(gateways, text(c, "Gateway"));
            }
            out.add(new Topology.Net(name, text(n, "Driver"), n.path("Internal").asBoolean(false), subnets, gateways));
        }
        out.sort(Comparator.comparing(Topology.Net::name));
        return out;
    }

    private static void add(List<String> to, String ip) {
        if (ip != null && !ip.isEmpty()) {
            String c = IpText.canonical(ip);
            if (c != null) {
                to.add(c);
            }
        }
    }

    private static int port(String s) {
        if (s == null) {
            return -1;
        }
        try {
            int p = Integer.parseInt(s.trim());
            return p > 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
