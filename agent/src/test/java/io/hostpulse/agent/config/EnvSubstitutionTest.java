package io.hostpulse.agent.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hostpulse.core.config.ConfigException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvSubstitutionTest {
    private final List<String> problems = new ArrayList<>();

    /** Substitutes and parses as the config loader does. */
    private Object parse(String yaml, Map<String, String> env) {
        try {
            EnvSubstitution.Result r = EnvSubstitution.apply(yaml, env, "f.yaml", problems);
            ObjectMapper m = new ObjectMapper(new YAMLFactory());
            return r.resolve(m.convertValue(m.readTree(r.text()), Object.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String yaml, Map<String, String> env) {
        return (Map<String, Object>) parse(yaml, env);
    }

    @Test
    void replacesSetVariablesAndDefaults() {
        Map<String, Object> m = map("a: ${A}\nb: ${B:-x y}\nc: ${C:-}\nd: http://h:${A}/p", Map.of("A", "1"));
        assertThat(m).containsEntry("a", "1").containsEntry("b", "x y").containsEntry("c", null)
                .containsEntry("d", "http://h:1/p");
        assertThat(problems).isEmpty();
    }

    @Test
    void emptyVariableTakesTheDefaultLikeShell() {
        assertThat(map("k: ${A:-d}", Map.of("A", ""))).containsEntry("k", "d");
        assertThat(map("k: ${A}", Map.of("A", ""))).containsEntry("k", null);
        assertThat(problems).isEmpty();
    }

    @Test
    void doubleDollarEscapes() {
        assertThat(map("p: $${NOT_A_VAR}", Map.of())).containsEntry("p", "${NOT_A_VAR}");
        assertThat(problems).isEmpty();
    }

    @Test
    void unsetVariableIsReportedWithItsLine() {
        parse("a: 1\nb: ${MISSING}\n", Map.of());
        assertThat(problems).containsExactly(
                "f.yaml: line 2: environment variable MISSING is not set (set it, or write ${MISSING:-default})");
    }

    @Test
    void plainDollarsAreLeftAlone() {
        assertThat(map("price: $5 and $HOME", Map.of("HOME", "/root"))).containsEntry("price", "$5 and $HOME");
    }

    @Test
    void commentsAreNotSubstituted() {
        Map<String, Object> m = map("# use ${VAR} here\na: ${A} # or ${OTHER}\nb: \"x # ${A}\"\n", Map.of("A", "1"));
        assertThat(m).containsEntry("a", "1").containsEntry("b", "x # 1");
        assertThat(problems).isEmpty();
    }

    @Test
    void theIssuesTokensArriveIntact() {
        for (String token : List.of("ab\"cd", "{x}", "a: b", "tok #rest", "'q'", "line1\nline2", "\\n", "- x", "&anchor",
                "*alias", "!!binary", "%TAG", "@x", "`x`", "[1, 2]", "null", "~", "0123", "1e5", "true")) {
            assertThat(map("token: ${T}\nq: \"${T}\"\ns: '${T}'\nl: [${T}]\nf: {k: ${T}}\n", Map.of("T", token)))
                    .as(token).containsEntry("token", token).containsEntry("q", token).containsEntry("s", token)
                    .containsEntry("l", List.of(token)).containsEntry("f", Map.of("k", token));
        }
    }

    @Property(tries = 500)
    void anyValueArrivesIntactWhereverTheReferenceStands(
            @ForAll @StringLength(min = 1, max = 30) @Chars({'"', '\'', '{', '}', '[', ']', ':', ' ', '#', '\n', '\t', '\\',
                    '&', '*', '!', '|', '>', '%', '@', ',', '-', '?', '$', '~'}) @CharRange(from = 'a', to = 'c')
            @CharRange(from = 'é', to = 'ê') String value) {
        Map<String, Object> m = map("a: ${V}\nb: \"${V}\"\nc: pre ${V} post\nd:\n  - ${V}\ne: |\n  ${V}\n",
                Map.of("V", value));
        assertThat(m.get("a")).isEqualTo(value);
        assertThat(m.get("b")).isEqualTo(value);
        assertThat(m.get("c")).isEqualTo("pre " + value + " post");
        assertThat(m.get("d")).isEqualTo(List.of(value));
        assertThat(m.get("e")).isEqualTo(value + "\n");
    }

    @Test
    void aHostileTokenReachesTheOutputAndErrorsNeverQuoteIt() throws Exception {
        String token = "s3cr\"{et: #x";
        ConfigLoader loader = new ConfigLoader(io.hostpulse.agent.Plugins.builtIn(), Map.of("T", token), Clock.systemUTC());
        // a mistake elsewhere in the file: the error names it, and does not print the token
        assertThatThrownBy(() -> loader.parse("f.yaml", "outputs:\n  - type: influxdb\n    token: ${T}\n    batch_size: [\n"))
                .isInstanceOf(ConfigException.class).message().doesNotContain("s3cr").doesNotContain("{et");
        assertThatThrownBy(() -> loader.parse("f.yaml", "outputs:\n  - type: influxdb\n    token: ${T}\n    batchsize: 5\n"))
                .isInstanceOf(ConfigException.class).message().contains("batchsize").doesNotContain("s3cr");
    }
}
