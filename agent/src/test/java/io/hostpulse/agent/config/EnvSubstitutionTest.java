package io.hostpulse.agent.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvSubstitutionTest {
    private final List<String> problems = new ArrayList<>();

    private String apply(String text, Map<String, String> env) {
        return EnvSubstitution.apply(text, env, "f.yaml", problems);
    }

    @Test
    void replacesSetVariablesAndDefaults() {
        assertThat(apply("a: ${A}\nb: ${B:-x y}\nc: ${C:-}", Map.of("A", "1"))).isEqualTo("a: 1\nb: x y\nc: ");
        assertThat(problems).isEmpty();
    }

    @Test
    void emptyVariableTakesTheDefaultLikeShell() {
        assertThat(apply("${A:-d}", Map.of("A", ""))).isEqualTo("d");
        assertThat(apply("${A}", Map.of("A", ""))).isEqualTo("");
        assertThat(problems).isEmpty();
    }

    @Test
    void doubleDollarEscapes() {
        assertThat(apply("p: $${NOT_A_VAR}", Map.of())).isEqualTo("p: ${NOT_A_VAR}");
        assertThat(problems).isEmpty();
    }

    @Test
    void unsetVariableIsReportedWithItsLine() {
        apply("a: 1\nb: ${MISSING}\n", Map.of());
        assertThat(problems).containsExactly(
                "f.yaml: line 2: environment variable MISSING is not set (set it, or write ${MISSING:-default})");
    }

    @Test
    void plainDollarsAreLeftAlone() {
        assertThat(apply("price: $5 and $HOME", Map.of("HOME", "/root"))).isEqualTo("price: $5 and $HOME");
    }

    @Test
    void commentsAreNotSubstituted() {
        assertThat(apply("# use ${VAR} here\na: ${A} # or ${OTHER}\nb: \"x # ${A}\"\n", Map.of("A", "1")))
                .isEqualTo("# use ${VAR} here\na: 1 # or ${OTHER}\nb: \"x # 1\"\n");
        assertThat(problems).isEmpty();
    }
}
