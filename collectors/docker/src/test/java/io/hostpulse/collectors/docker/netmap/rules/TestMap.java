package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds NetworkMaps in code for the rule tests: networks, containers, published ports, edges. */
final class TestMap {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final String host;
    private final Map<String, NetworkMap.Network> networks = new LinkedHashMap<>();
    private final Map<String, C> containers = new LinkedHashMap<>();
    private final List<NetworkMap.Edge> edges = new ArrayList<>();

    private static final class C {
        final String name;
        final List<String> networks;
        final List<NetworkMap.PublishedPort> published = new ArrayList<>();
        String state = "running";
        String project;
        String service;

        C(String name, List<String> networks) {
            this.name = name;
            this.networks = networks;
        }
    }

    private TestMap(String host) {
        this.host = host;
    }

    static TestMap on(String host) {
        return new TestMap(host);
    }

    TestMap network(String name, boolean internal) {
        networks.put(name, new NetworkMap.Network(name, name.equals(NetworkMap.HOST_NETWORK) ? "host" : "bridge",
                internal, List.of()));
        return this;
    }

    /** A running container; its first network is the one it is drawn in. Unknown networks are added as bridges. */
    TestMap container(String name, String... nets) {
        for (String n : nets) {
            networks.computeIfAbsent(n, k -> new NetworkMap.Network(k, k.equals(NetworkMap.HOST_NETWORK) ? "host" : "bridge",
                    false, List.of()));
        }
        containers.put(name, new C(name, List.of(nets)));
        return this;
    }

    TestMap state(String container, String state) {
        containers.get(container).state = state;
        return this;
    }

    TestMap service(String container, String project, String service) {
        C c = containers.get(container);
        c.project = project;
        c.service = service;
        return this;
    }

    /** Published on all addresses: Docker lists it twice, for 0.0.0.0 and ::. */
    TestMap publish(String container, int hostPort, int containerPort, String proto) {
        containers.get(container).published.add(new NetworkMap.PublishedPort("0.0.0.0", hostPort, containerPort, proto));
        containers.get(container).published.add(new NetworkMap.PublishedPort("::", hostPort, containerPort, proto));
        return this;
    }

    TestMap edge(String client, String server, int port, String network, int connections) {
        return edge(client, server, port, "tcp", network, connections, false);
    }

    /** An edge that arrived through a port the server publishes (its client is the host or outside). */
    TestMap published(String client, String server, int port, String network, int connections) {
        return edge(client, server, port, "tcp", network, connections, true);
    }

    TestMap edge(String client, String server, int port, String proto, String network, int connections,
                 boolean published) {
        edges.add(new NetworkMap.Edge(client, server, port, proto, network, connections, T0.minusSeconds(3600),
                connections > 0 ? T0 : T0.minusSeconds(600), null, null, published));
        return this;
    }

    NetworkMap build() {
        List<NetworkMap.Node> nodes = new ArrayList<>();
        for (C c : containers.values()) {
            nodes.add(new NetworkMap.Node(c.name, NetworkMap.Kind.CONTAINER, c.networks.isEmpty() ? null : c.networks.get(0),
                    c.networks.stream().sorted().toList(), c.published, List.of(), c.project, c.service, c.state));
        }
        boolean hostNode = false;
        boolean outside = false;
        for (NetworkMap.Edge e : edges) {
            hostNode |= e.client().equals(NetworkMap.HOST) || e.server().equals(NetworkMap.HOST);
            outside |= e.client().equals(NetworkMap.OUTSIDE) || e.server().equals(NetworkMap.OUTSIDE);
        }
        if (hostNode) {
            nodes.add(new NetworkMap.Node(NetworkMap.HOST, NetworkMap.Kind.HOST, null, List.of(), List.of(), List.of(),
                    null, null, null));
        }
        if (outside) {
            nodes.add(new NetworkMap.Node(NetworkMap.OUTSIDE, NetworkMap.Kind.OUTSIDE, null, List.of(), List.of(),
                    List.of(), null, null, null));
        }
        nodes.sort(Comparator.comparing(NetworkMap.Node::name));
        List<NetworkMap.Network> nets = networks.values().stream().sorted(Comparator.comparing(NetworkMap.Network::name)).toList();
        List<NetworkMap.Edge> es = edges.stream().sorted(Comparator.comparing(NetworkMap.Edge::client)
                .thenComparing(NetworkMap.Edge::server).thenComparingInt(NetworkMap.Edge::port)).toList();
        return new NetworkMap(host, T0, nets, nodes, es,
                new NetworkMap.Coverage(containers.size(), containers.size(), List.of(), false, null));
    }

    /**
     * The lead's IT case: containers on two internal networks, web on net_a, app on net_a and net_b, db on net_b;
     * app connects to db, web to app, web publishes 8080.
     */
    static TestMap itCase() {
        return on("it").network("net_a", true).network("net_b", true)
                .container("web", "net_a").container("app", "net_a", "net_b").container("db", "net_b")
                .publish("web", 8080, 80, "tcp")
                .edge("app", "db", 5432, "net_b", 1)
                .edge("web", "app", 80, "net_a", 1);
    }

    /**
     * The homelab: npm and the apps on frontend_net (the DMZ), the apps and workers on backend_net with the
     * databases, the databases on db_net with their backup and exporter, monitoring on monitoring_net (grafana also on
     * frontend_net behind npm), home assistant on the host network.
     */
    static TestMap homelab() {
        return on("nas").network("frontend_net", false).network("backend_net", true).network("db_net", true)
                .network("monitoring_net", false).network(NetworkMap.HOST_NETWORK, false)
                .container("npm", "frontend_net")
                .container("nextcloud", "frontend_net", "backend_net")
                .container("gitea", "frontend_net", "backend_net")
                .container("grafana", "frontend_net", "monitoring_net")
                .container("worker1", "backend_net")
                .container("postgres", "db_net", "backend_net")
                .container("redis", "db_net", "backend_net")
                .container("pgbackup", "db_net")
                .container("postgres-exporter", "monitoring_net", "db_net")
                .container("prometheus", "monitoring_net")
                .container("homeassistant", NetworkMap.HOST_NETWORK)
                .container("old-adminer", "db_net").state("old-adminer", "exited")
                .service("nextcloud", "cloud", "app").service("worker1", "cloud", "cron")
                .service("postgres", "db", "postgres").service("redis", "db", "redis")
                .publish("npm", 80, 80, "tcp").publish("npm", 443, 443, "tcp").publish("npm", 81, 81, "tcp")
                .published(NetworkMap.OUTSIDE, "npm", 443, "frontend_net", 12)
                .published(NetworkMap.OUTSIDE, "npm", 80, "frontend_net", 2)
                .published(NetworkMap.HOST, "npm", 81, "frontend_net", 0)
                .edge("npm", "nextcloud", 80, "frontend_net", 4)
                .edge("npm", "gitea", 3000, "frontend_net", 1)
                .edge("npm", "grafana", 3000, "frontend_net", 0)
                .edge("nextcloud", "postgres", 5432, "backend_net", 6)
                .edge("nextcloud", "redis", 6379, "backend_net", 2)
                .edge("gitea", "postgres", 5432, "backend_net", 3)
                .edge("gitea", "redis", 6379, "backend_net", 0)
                .edge("worker1", "postgres", 5432, "backend_net", 1)
                .edge("worker1", "redis", 6379, "backend_net", 1)
                .edge("pgbackup", "postgres", 5432, "db_net", 0)
                .edge("postgres-exporter", "postgres", 5432, "db_net", 1)
                .edge("prometheus", "postgres-exporter", 9187, "monitoring_net", 1)
                .edge("grafana", "prometheus", 9090, "monitoring_net", 2)
                .edge("nextcloud", NetworkMap.OUTSIDE, 443, "frontend_net", 1)
                .edge("homeassistant", NetworkMap.OUTSIDE, 443, NetworkMap.HOST_NETWORK, 1);
    }
}
