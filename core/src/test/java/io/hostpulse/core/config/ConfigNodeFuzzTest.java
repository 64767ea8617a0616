package io.hostpulse.core.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a YAML parser hands over, every getter returns a value and records at most a problem: never throws. */
class ConfigNodeFuzzTest {

    enum Mode { ONE, TWO_THREE }

    @Provide
    Arbitrary<Object> yamlValue() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of("10s", "1m30s", "-5s", "64MiB", "99999999999999999999", "99999999TiB", "true", "FALSE",
                        "yes", "two-three", "NaN", "Infinity", "0x10", "1e3", "", " ", "1.5", "-1").map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70)).map(b -> (Object) b));
        return Arbitraries.lazyOf(
                () -> scalar,
                () -> scalar.list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l)),
                () -> Arbitraries.maps(Arbitraries.of("a", "b", "k"), scalar).ofMaxSize(3).map(m -> (Object) new HashMap<>(m)),
                () -> Arbitraries.just((Object) null));
    }

    /** secret() registers every fuzzed value process-wide ("2024", "a"): forget them so other tests' text stays. */
    @net.jqwik.api.lifecycle.AfterContainer
    static void forgetFuzzedSecrets() {
        io.hostpulse.core.Redactor.forgetAllForTests();
    }

    @Property(tries = 2000)
    void gettersNeverThrow(@ForAll("yamlValue") Object v) {
        Map<String, Object> m = new HashMap<>();
        m.put("k", v);
        ConfigProblems problems = new ConfigProblems("f.yaml");
        ConfigNode root = ConfigNode.root(problems, Map.of("s", m));
        ConfigNode s = root.child("s");
        assertThat(s.string("k", "d")).isNotNull();
        s.secret("k", "d");
        s.bool("k", true);
        long n = s.integer("k", 5, 0, 100);
        assertThat(n).isBetween(0L, 100L);
        double d = s.number("k", 0.5, 0, 1);
        assertThat(d >= 0 && d <= 1).as("%s", d).isTrue();
        assertThat(s.bytes("k", 1)).isNotNegative();
        assertThat(s.duration("k", Duration.ZERO)).isNotNull();
        assertThat(s.choice("k", Mode.ONE, Mode.class)).isNotNull();
        assertThat(s.strings("k", List.of())).isNotNull();
        assertThat(s.stringMap("k")).isNotNull();
        assertThat(s.children("k")).isNotNull();
        assertThat(s.child("k")).isNotNull();
        s.custom("k", 1, "a number", Integer::valueOf);
        root.finish();
        for (String p : problems.all()) {
            assertThat(p).startsWith("f.yaml: s.k");
        }
    }
}
