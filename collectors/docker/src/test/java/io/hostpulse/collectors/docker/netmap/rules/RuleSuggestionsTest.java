package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.collectors.docker.netmap.NetworkMap;
import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** hostpulse map --suggest: every suggested rule parses back and holds on the map it came from. */
class RuleSuggestionsTest {

    /** Parses the suggestion as a user pastes it under network_map; asserts it has no config problem. */
    static SegmentationRules parseBack(String yaml) {
        ConfigNode n = Yaml.networkMap(yaml);
        SegmentationRules r = Yaml.parse(n);
        assertThat(n.problems().all()).as("problems reading back:\n" + yaml).isEmpty();
        return r;
    }

    /** The suggested rules as plain maps, to look at one rule's keys. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> byName(String yaml) {
        Map<String, Object> root = (Map<String, Object>) Yaml.rawTree(yaml);
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Object o : (List<Object>) root.get("rules")) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.put((String) m.get("name"), m);
        }
        return out;
    }

    @Test
    void theHomelabGetsTheRulesItsOwnerWouldWrite() {
        NetworkMap map = TestMap.homelab().build();
        String yaml = RuleSuggestions.yaml(map);

        Map<String, Map<String, Object>> rules = byName(yaml);

        assertThat(rules.keySet()).containsExactly("accept_only_backend_net", "accept_only_db_net",
                "accept_only_frontend_net", "accept_only_monitoring_net", "outside_only", "no_published_ports_backend_net",
                "no_published_ports_db_net", "no_published_ports_monitoring_net", "not_on_both_frontend_net_db_net");
        assertThat(rules.get("accept_only_db_net")).containsEntry("to", "network:db_net")
                .containsEntry("from", List.of("network:backend_net", "network:db_net", "container:prometheus"));
        assertThat(rules.get("accept_only_frontend_net"))
                .containsEntry("from", List.of("container:npm", "host", "outside"));
        assertThat(rules.get("accept_only_monitoring_net"))
                .containsEntry("from", List.of("network:monitoring_net", "container:npm"));
        assertThat(rules.get("outside_only")).containsEntry("to", List.of("container:npm"));
        assertThat(rules.get("not_on_both_frontend_net_db_net")).containsEntry("networks", List.of("frontend_net", "db_net"));
        // a comment line per rule, saying what it came from
        assertThat(yaml).contains("  # 9 edges to members of db_net (postgres, postgres-exporter, redis) came from "
                + "gitea, nextcloud, worker1 (on backend_net), pgbackup, postgres-exporter (on db_net), prometheus\n");
        assertThat(yaml.lines().filter(l -> l.startsWith("  # ")).count()).isEqualTo(rules.size());
        assertThat(parseBack(yaml).check(map)).isEmpty();
    }

    @Test
    void theSuggestedRulesCatchWhatBreaksTheSegmentationLater() {
        SegmentationRules r = parseBack(RuleSuggestions.yaml(TestMap.homelab().build()));

        NetworkMap later = TestMap.homelab()
                .edge("npm", "postgres", 5432, "frontend_net", 1)
                .published(NetworkMap.OUTSIDE, "grafana", 3000, "frontend_net", 1)
                .container("adminer", "frontend_net", "db_net")
                .build();

        assertThat(r.check(later)).extracting(Violation::rule, Violation::client, Violation::server)
                .contains(org.assertj.core.groups.Tuple.tuple("accept_only_db_net", "npm", "postgres"),
                        org.assertj.core.groups.Tuple.tuple("outside_only", "outside", "grafana"),
                        org.assertj.core.groups.Tuple.tuple("not_on_both_frontend_net_db_net", null, "adminer"));
    }

    @Test
    void theItCaseSuggestsDbAcceptsOnlyFromApp() {
        NetworkMap map = TestMap.itCase().build();
        String yaml = RuleSuggestions.yaml(map);

        Map<String, Map<String, Object>> rules = byName(yaml);

        assertThat(rules.get("accept_only_net_b")).containsEntry("from", List.of("network:net_a"));
        assertThat(parseBack(yaml).check(map)).isEmpty();
        assertThat(parseBack(yaml).check(TestMap.itCase().container("x", "net_b").edge("x", "db", 5432, "net_b", 1).build()))
                .extracting(Violation::rule).containsExactly("accept_only_net_b");
    }

    @Test
    void anEmptyMapSaysNothingWasObservedYet() {
        NetworkMap map = TestMap.on("h").container("a", "net").build();
        String yaml = RuleSuggestions.yaml(map);

        assertThat(yaml).startsWith("# nothing was observed yet on h").doesNotContain("rules:");
        assertThat(yaml.lines()).allMatch(l -> l.startsWith("#"));
        assertThat(parseBack(yaml).isEmpty()).isTrue();
    }

    @Test
    void aMapWithNothingToSuggestGivesAnEmptyList() {
        // a container talking only to outside over a bridge that it also uses to publish: no rule to propose
        NetworkMap map = TestMap.on("h").container("a", "net").publish("a", 80, 80, "tcp")
                .edge("a", NetworkMap.OUTSIDE, 443, "net", 1).build();
        String yaml = RuleSuggestions.yaml(map);

        assertThat(yaml).contains("rules: []");
        assertThat(parseBack(yaml).isEmpty()).isTrue();
    }

    @Test
    void namesThatYamlWouldMisreadAreQuoted() {
        assertThat(RuleSuggestions.scalar("network:db_net")).isEqualTo("network:db_net");
        assertThat(RuleSuggestions.scalar("container:a b")).isEqualTo("\"container:a b\"");
        assertThat(RuleSuggestions.scalar("x\"y\\")).isEqualTo("\"x\\\"y\\\\\"");
        assertThat(RuleSuggestions.scalar("ends:")).isEqualTo("\"ends:\"");
    }

    /** Random maps: whatever the map, every suggestion parses back and holds on it. */
    @Test
    void everySuggestionHoldsOnTheMapItCameFromOverManyMaps() {
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (long seed = 1; seed <= 300; seed++) {
            NetworkMap map = random(new Random(seed));
            String yaml = RuleSuggestions.yaml(map);
            SegmentationRules r = parseBack(yaml);
            assertThat(r.check(map)).as("seed " + seed + "\n" + yaml).isEmpty();
            yaml.lines().filter(l -> l.startsWith("    kind: ")).forEach(l -> kinds.merge(l.substring(10), 1, Integer::sum));
        }
        // the maps are varied enough that every kind is proposed many times
        assertThat(kinds.keySet()).containsExactly("accept_only", "no_published_ports", "not_on_both", "outside_only");
        assertThat(kinds.values()).allMatch(n -> n >= 20);
    }

    static NetworkMap random(Random rnd) {
        int nets = 1 + rnd.nextInt(5);
        TestMap t = TestMap.on("r");
        List<String> netNames = new ArrayList<>();
        for (int i = 0; i < nets; i++) {
            String n = "net" + i;
            netNames.add(n);
            t.network(n, rnd.nextBoolean());
        }
        if (rnd.nextInt(4) == 0) {
            t.network(NetworkMap.HOST_NETWORK, false);
            netNames.add(NetworkMap.HOST_NETWORK);
        }
        int containers = 1 + rnd.nextInt(10);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < containers; i++) {
            String c = "c" + i;
            names.add(c);
            List<String> on = new ArrayList<>();
            int k = rnd.nextInt(4); // 0: on no network
            for (int j = 0; j < k; j++) {
                String n = netNames.get(rnd.nextInt(netNames.size()));
                if (!on.contains(n)) {
                    on.add(n);
                }
            }
            t.container(c, on.toArray(String[]::new));
            if (rnd.nextInt(5) == 0) {
                t.publish(c, 8000 + i, 80, rnd.nextBoolean() ? "tcp" : "udp");
            }
            if (rnd.nextInt(6) == 0) {
                t.state(c, rnd.nextBoolean() ? "exited" : "paused");
            }
        }
        List<String> ends = new ArrayList<>(names);
        ends.add(NetworkMap.HOST);
        ends.add(NetworkMap.OUTSIDE);
        int edges = rnd.nextInt(15);
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < edges; i++) {
            String client = ends.get(rnd.nextInt(ends.size()));
            String server = ends.get(rnd.nextInt(ends.size()));
            int port = 80 + rnd.nextInt(3);
            if (client.equals(server) || client.startsWith("outside") && server.equals("outside")
                    || !keys.add(client + ">" + server + ":" + port)) {
                continue;
            }
            String net = netNames.get(rnd.nextInt(netNames.size()));
            boolean published = (client.equals(NetworkMap.HOST) || client.equals(NetworkMap.OUTSIDE)) && rnd.nextBoolean();
            t.edge(client, server, port, "tcp", net, rnd.nextInt(3), published);
        }
        return t.build();
    }
}
