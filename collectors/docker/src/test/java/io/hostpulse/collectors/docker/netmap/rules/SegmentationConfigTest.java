package io.hostpulse.collectors.docker.netmap.rules;

import io.hostpulse.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading collectors.docker.network_map.rules: every problem at once, with file, key path, expectation, hint. */
class SegmentationConfigTest {
    static final String P = "hostpulse.yaml: collectors.docker.network_map.rules";

    private static List<String> problems(String yaml) {
        ConfigNode n = Yaml.networkMap(yaml);
        Yaml.parse(n);
        return n.problems().all();
    }

    @Test
    void aMisspeltKindIsNamedWithADidYouMeanAndItsKeysAreNotReportedAsUnknown() {
        assertThat(problems("""
                rules:
                  - kind: accept_olny
                    to: network:db_net
                    from: [network:backend_net]
                """)).containsExactly(P + "[0].kind: \"accept_olny\" is not a rule kind (did you mean 'accept_only'?); "
                + "use one of accept_only, outside_only, not_on_both, no_published_ports");
    }

    @Test
    void aMissingKindSaysWhichKindsThereAre() {
        assertThat(problems("rules: [{name: x, to: 'network:db'}]"))
                .containsExactly(P + "[0].kind: missing: one of accept_only, outside_only, not_on_both, no_published_ports");
    }

    @Test
    void missingAndEmptyKeysSayWhatIsExpected() {
        assertThat(problems("""
                rules:
                  - kind: accept_only
                    to: network:db_net
                  - kind: outside_only
                    to: []
                  - kind: no_published_ports
                  - kind: not_on_both
                    networks: [db_net]
                """)).containsExactly(
                P + "[0].from: missing: give the clients they accept, such as [network:backend_net, container:app]",
                P + "[1].to: empty list: give the servers that may be reached from outside, such as [container:npm]",
                P + "[2].on: missing: give the containers that must not publish ports, such as network:db_net",
                P + "[3].networks: only one network: give two or more network names, such as [frontend_net, db_net]");
    }

    @Test
    void aBadSelectorIsNamedWithItsIndexAndADidYouMean() {
        List<String> p = problems("""
                rules:
                  - kind: accept_only
                    to: netwrok:db_net
                    from: [network:backend_net, contianer:app, pgbackup, outsdie, "network:", "host:x"]
                """);
        assertThat(p).containsExactly(
                P + "[0].to: \"netwrok:db_net\" has an unknown prefix 'netwrok:' (did you mean 'network:'?); use "
                        + Selector.FORMS,
                P + "[0].from[1]: \"contianer:app\" has an unknown prefix 'contianer:' (did you mean 'container:'?); use "
                        + Selector.FORMS,
                P + "[0].from[2]: \"pgbackup\" is not a selector (did you mean 'container:pgbackup'?); use " + Selector.FORMS,
                P + "[0].from[3]: \"outsdie\" is not a selector (did you mean 'outside' or 'container:outsdie'?); use "
                        + Selector.FORMS,
                P + "[0].from[4]: \"network:\" names no network (give a name or a glob after 'network:')",
                P + "[0].from[5]: \"host:x\" gives a name to 'host', which takes none: write host");
    }

    @Test
    void aKeyOfAnotherKindOrAMisspeltKeyIsNamedWithTheKindsKeys() {
        assertThat(problems("""
                rules:
                  - kind: outside_only
                    to: [container:npm]
                    from: [outside]
                  - kind: no_published_ports
                    onn: network:db_net
                """)).containsExactly(
                P + "[0].from: not a key of kind outside_only; 'from' belongs to kind accept_only; its keys: name, kind, to",
                P + "[1].onn: not a key of kind no_published_ports (did you mean 'on'?); its keys: name, kind, on",
                P + "[1].on: missing: give the containers that must not publish ports, such as network:db_net");
    }

    @Test
    void namesAreGeneratedWhenAbsentAndMustDiffer() {
        ConfigNode n = Yaml.networkMap("""
                rules:
                  - kind: outside_only
                    to: container:npm
                  - name: db_private
                    kind: no_published_ports
                    on: network:db_net
                  - name: outside_only_1
                    kind: no_published_ports
                    on: network:other
                  - name: db_private
                    kind: not_on_both
                    networks: [a, b]
                """);
        SegmentationRules r = Yaml.parse(n);

        assertThat(n.problems().all()).containsExactly(
                P + "[2].name: duplicate rule name \"outside_only_1\" (also collectors.docker.network_map.rules[0]); "
                        + "the name identifies the rule's alert, give each rule its own",
                P + "[3].name: duplicate rule name \"db_private\" (also collectors.docker.network_map.rules[1]); "
                        + "the name identifies the rule's alert, give each rule its own");
        assertThat(r.names()).containsExactly("outside_only_1", "db_private");
    }

    @Test
    void everyProblemIsReportedAtOnceAndTheValidRulesAreKept() {
        ConfigNode n = Yaml.networkMap("""
                rules:
                  - kind: nope
                  - name: good
                    kind: accept_only
                    to: container:db
                    from: container:app
                  - kind: not_on_both
                    networks: [a, a, "container:x"]
                  - just text
                """);
        SegmentationRules r = Yaml.parse(n);

        assertThat(n.problems().all()).containsExactlyInAnyOrder(
                P + "[0].kind: \"nope\" is not a rule kind; use one of accept_only, outside_only, not_on_both, no_published_ports",
                P + "[2].networks[1]: lists a twice",
                P + "[2].networks[2]: \"container:x\" is not a network name (not_on_both takes networks only: a name, "
                        + "a glob or network:<name>)",
                P + "[3]: expected a section (key: value lines), got \"just text\"");
        assertThat(r.names()).containsExactly("good");
        assertThat(r.check(TestMap.itCase().edge("web", "db", 5432, "net_b", 1).build())).hasSize(1);
    }

    @Test
    void aGeneratedNameCountsTheRulesAsWrittenEvenPastAnEntryThatIsNoSection() {
        ConfigNode n = Yaml.networkMap("rules: [text, {kind: outside_only, to: outside}]");
        SegmentationRules r = Yaml.parse(n);

        assertThat(r.names()).containsExactly("outside_only_2");
    }

    @Test
    void rulesThatAreNotAListAndSelectorListsThatAreSectionsAreProblems() {
        assertThat(problems("rules: {kind: accept_only}"))
                .containsExactly(P + ": expected a list of sections, got a section");
        assertThat(problems("rules: [{kind: accept_only, to: {a: b}, from: [any]}]"))
                .containsExactly(P + "[0].to: expected a list, got a section");
    }

    @Test
    void kindsAreReadInAnyCaseAndWithDashes() {
        ConfigNode n = Yaml.networkMap("rules: [{kind: Outside-Only, to: [container:npm]}]");
        SegmentationRules r = Yaml.parse(n);

        assertThat(n.problems().all()).isEmpty();
        assertThat(r.names()).containsExactly("outside_only_1");
    }
}
