package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each rule kind fires on, against maps built in code. */
class SegmentationRulesTest {

    static SegmentationRules rules(String yaml) {
        ConfigNode n = Yaml.networkMap(yaml);
        SegmentationRules r = Yaml.parse(n);
        assertThat(n.problems().all()).as("config problems").isEmpty();
        return r;
    }

    static final String DB_ONLY_FROM_APP = """
            rules:
              - name: db_only_from_app
                kind: accept_only
                to: container:db
                from: [container:app]
            """;

    @Test
    void dbAcceptsOnlyFromAppFiresWhenWebConnectsToDbDirectly() {
        NetworkMap map = TestMap.itCase().edge("web", "db", 5432, "net_b", 2).build();

        List<Violation> v = rules(DB_ONLY_FROM_APP).check(map);

        assertThat(v).hasSize(1);
        Violation x = v.get(0);
        assertThat(x).extracting(Violation::rule, Violation::kind, Violation::client, Violation::server, Violation::port,
                        Violation::proto, Violation::network, Violation::connections)
                .containsExactly("db_only_from_app", "accept_only", "web", "db", 5432, "tcp", "net_b", 2);
        assertThat(x.message()).contains("web", "db", "5432/tcp", "net_b", "db_only_from_app", "container:app",
                "2 connections");
    }

    @Test
    void dbAcceptsOnlyFromAppIsQuietWhenOnlyAppConnects() {
        assertThat(rules(DB_ONLY_FROM_APP).check(TestMap.itCase().build())).isEmpty();
    }

    @Test
    void aRememberedEdgeNeverFires() {
        NetworkMap map = TestMap.itCase().edge("web", "db", 5432, "net_b", 0).build();

        assertThat(rules(DB_ONLY_FROM_APP).check(map)).isEmpty();
    }

    @Test
    void membershipOfANetworkIsAnyOfTheContainersNetworks() {
        // app is on net_a and net_b: it is a member of net_a even when it connects over net_b
        SegmentationRules r = rules("""
                rules:
                  - kind: accept_only
                    to: network:net_b
                    from: [network:net_a]
                """);
        NetworkMap ok = TestMap.itCase().build();
        NetworkMap bad = TestMap.itCase().container("intruder", "net_b").edge("intruder", "db", 5432, "net_b", 1).build();

        assertThat(r.check(ok)).isEmpty();
        assertThat(r.check(bad)).extracting(Violation::client, Violation::server, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("intruder", "db", "accept_only_1"));
    }

    @Test
    void acceptOnlyCoversEdgesFromOutsideAndTheHostToo() {
        SegmentationRules r = rules("""
                rules:
                  - kind: accept_only
                    to: container:db
                    from: [container:app, host]
                """);
        NetworkMap map = TestMap.itCase()
                .published(NetworkMap.OUTSIDE, "db", 5432, "net_b", 1)
                .published(NetworkMap.HOST, "db", 5432, "net_b", 1).build();

        assertThat(r.check(map)).extracting(Violation::client).containsExactly("outside");
    }

    @Test
    void acceptOnlyToOutsideLimitsWhoConnectsOut() {
        SegmentationRules r = rules("""
                rules:
                  - name: egress
                    kind: accept_only
                    to: outside
                    from: [container:nextcloud]
                """);

        List<Violation> v = r.check(TestMap.homelab().build());

        assertThat(v).extracting(Violation::client, Violation::server, Violation::port, Violation::network)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("homeassistant", "outside", 443, "host"));
        assertThat(v.get(0).message()).startsWith("homeassistant connected to outside on port 443/tcp over host, but rule egress");
    }

    @Test
    void outsideOnlyFiresForTheOutsideNodeAndPublishedPortsButNotForTheHostsOwnConnections() {
        SegmentationRules r = rules("""
                rules:
                  - name: only_npm
                    kind: outside_only
                    to: [container:npm]
                """);
        NetworkMap map = TestMap.on("h").container("npm", "front").container("app", "front")
                .published(NetworkMap.OUTSIDE, "npm", 443, "front", 3)
                .published(NetworkMap.OUTSIDE, "app", 8080, "front", 1)
                .published(NetworkMap.HOST, "app", 8081, "front", 1)   // userland proxy of a published port
                .edge(NetworkMap.HOST, "app", 9000, "front", 1)         // the host's own process, no published port
                .edge(NetworkMap.OUTSIDE, "app", 9001, "tcp", "front", 1, false) // macvlan-like: seen from outside
                .published(NetworkMap.OUTSIDE, "app", 8082, "front", 0) // remembered
                .build();

        List<Violation> v = r.check(map);

        assertThat(v).extracting(Violation::client, Violation::server, Violation::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("host", "app", 8081),
                        org.assertj.core.groups.Tuple.tuple("outside", "app", 8080),
                        org.assertj.core.groups.Tuple.tuple("outside", "app", 9001));
        assertThat(v.get(0).message()).contains("host", "app", "8081/tcp", "front", "published", "only_npm",
                "container:npm");
    }

    @Test
    void notOnBothGivesOneViolationPerContainerUpOnTwoOfTheNetworks() {
        SegmentationRules r = rules("""
                rules:
                  - name: dmz_apart
                    kind: not_on_both
                    networks: [frontend_net, network:db_net]
                """);
        NetworkMap map = TestMap.on("h").container("npm", "frontend_net").container("pg", "db_net")
                .container("leaky", "frontend_net", "backend_net", "db_net")
                .container("stopped", "frontend_net", "db_net").state("stopped", "exited")
                .container("paused", "db_net", "frontend_net").state("paused", "paused")
                .build();

        List<Violation> v = r.check(map);

        assertThat(v).extracting(Violation::server, Violation::client, Violation::port, Violation::proto,
                        Violation::network, Violation::connections)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("leaky", null, 0, null, "frontend_net+db_net", 1),
                        org.assertj.core.groups.Tuple.tuple("paused", null, 0, null, "frontend_net+db_net", 1));
        assertThat(v.get(0).message()).isEqualTo("container leaky is on both frontend_net and db_net, which rule dmz_apart forbids");
    }

    @Test
    void notOnBothGlobsNeedTwoDifferentNetworks() {
        SegmentationRules r = rules("""
                rules:
                  - kind: not_on_both
                    networks: ["front*", "*_db"]
                """);
        NetworkMap map = TestMap.on("h").container("one", "front_db").container("two", "front_a", "x_db").build();

        assertThat(r.check(map)).extracting(Violation::server, Violation::network)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("two", "front_a+x_db"));
    }

    @Test
    void noPublishedPortsGivesOneViolationPerContainerAndHostPort() {
        SegmentationRules r = rules("""
                rules:
                  - name: db_private
                    kind: no_published_ports
                    on: network:db_*
                """);
        NetworkMap map = TestMap.on("h").container("pg", "backend_net", "db_net").container("web", "frontend_net")
                .container("old", "db_net").state("old", "exited")
                .publish("pg", 5432, 5432, "tcp").publish("pg", 5433, 5432, "udp")
                .publish("web", 80, 80, "tcp").publish("old", 3306, 3306, "tcp")
                .build();

        List<Violation> v = r.check(map);

        assertThat(v).extracting(Violation::server, Violation::port, Violation::proto, Violation::network,
                        Violation::client)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pg", 5432, "tcp", "db_net", null),
                        org.assertj.core.groups.Tuple.tuple("pg", 5433, "udp", "db_net", null));
        assertThat(v.get(0).message()).isEqualTo(
                "container pg on db_net publishes 0.0.0.0:5432->5432/tcp on the host, which rule db_private forbids");
    }

    @Test
    void serviceContainerAnyAndPseudoNodeSelectors() {
        NetworkMap map = TestMap.on("h").container("cloud-app-1", "front").container("cloud-cron-1", "front")
                .container("other", "front")
                .service("cloud-app-1", "cloud", "app").service("cloud-cron-1", "cloud", "cron")
                .edge("cloud-cron-1", "cloud-app-1", 80, "front", 1)
                .edge("other", "cloud-app-1", 80, "front", 1)
                .edge(NetworkMap.HOST, "cloud-app-1", 80, "front", 1)
                .edge(NetworkMap.OUTSIDE, "cloud-app-1", 80, "tcp", "front", 1, false)
                .edge("cloud-app-1", "other", 22, "front", 1)
                .build();

        assertThat(rules("rules: [{kind: accept_only, to: 'service:app', from: ['service:c*', host]}]").check(map))
                .extracting(Violation::client).containsExactly("other", "outside");
        assertThat(rules("rules: [{kind: accept_only, to: 'container:cloud-*', from: ['container:*-1', outside]}]").check(map))
                .extracting(Violation::client).containsExactly("host", "other");
        assertThat(rules("rules: [{kind: accept_only, to: any, from: [any]}]").check(map)).isEmpty();
        assertThat(rules("rules: [{kind: accept_only, to: any, from: ['service:*']}]").check(map))
                .extracting(Violation::client, Violation::server)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("host", "cloud-app-1"),
                        org.assertj.core.groups.Tuple.tuple("other", "cloud-app-1"),
                        org.assertj.core.groups.Tuple.tuple("outside", "cloud-app-1"));
    }

    @Test
    void theIssuesFourRulesOnTheHomelab() {
        SegmentationRules r = rules("""
                rules:
                  - name: db_from_backend
                    kind: accept_only
                    to: network:db_net
                    from: [network:backend_net, container:pgbackup, container:postgres-exporter, container:prometheus]
                  - name: dmz_apart
                    kind: not_on_both
                    networks: [frontend_net, db_net]
                  - name: db_private
                    kind: no_published_ports
                    on: network:db_net
                  - name: only_npm
                    kind: outside_only
                    to: container:npm
                """);
        assertThat(r.names()).containsExactly("db_from_backend", "dmz_apart", "db_private", "only_npm");
        assertThat(r.check(TestMap.homelab().build())).isEmpty();

        NetworkMap broken = TestMap.homelab()
                .edge("npm", "postgres", 5432, "frontend_net", 1)        // the proxy reaching the database
                .container("phpmyadmin", "frontend_net", "db_net")       // a DMZ container on the db network
                .publish("redis", 6379, 6379, "tcp")                     // a database published on the host
                .published(NetworkMap.OUTSIDE, "redis", 6379, "db_net", 1)
                .build();

        assertThat(r.check(broken)).extracting(Violation::rule, Violation::client, Violation::server, Violation::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("db_from_backend", "npm", "postgres", 5432),
                        org.assertj.core.groups.Tuple.tuple("db_from_backend", "outside", "redis", 6379),
                        org.assertj.core.groups.Tuple.tuple("dmz_apart", null, "phpmyadmin", 0),
                        org.assertj.core.groups.Tuple.tuple("db_private", null, "redis", 6379),
                        org.assertj.core.groups.Tuple.tuple("only_npm", "outside", "redis", 6379));
    }

    @Test
    void noneAndAnEmptyListCheckNothing() {
        assertThat(SegmentationRules.none().isEmpty()).isTrue();
        assertThat(SegmentationRules.none().check(TestMap.homelab().build())).isEmpty();
        assertThat(rules("rules: []").isEmpty()).isTrue();
        assertThat(rules("other: 1\n".replace("other: 1", "")).isEmpty()).isTrue();
    }

    @Test
    void aNetworkThatMatchesNothingOnTheHostIsNamedWithADidYouMean() {
        SegmentationRules r = rules("""
                rules:
                  - name: typo
                    kind: accept_only
                    to: network:db_nett
                    from: [network:backend_net, network:nothing_*]
                  - kind: not_on_both
                    networks: [frontend_net, db_net]
                """);

        List<String> lines = r.unmatchedNetworks(TestMap.homelab().build());

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("collectors.docker.network_map.rules[0] (typo): network db_nett matches no network")
                .contains("did you mean 'db_net'?", "networks: backend_net, db_net, frontend_net, host, monitoring_net");
        assertThat(lines.get(1)).contains("nothing_*").doesNotContain("did you mean");
    }
}
