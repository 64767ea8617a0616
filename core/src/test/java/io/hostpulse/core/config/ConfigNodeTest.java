package io.hostpulse.core.config;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigNodeTest {

    enum Mode { FAST, SLOW_AND_STEADY, ITEM }

    private final ConfigProblems problems = new ConfigProblems("agent.yaml");

    /** A node at path "collectors.smart" over the given keys, as the agent hands it to a plugin. */
    private ConfigNode section(Map<String, Object> keys) {
        Map<String, Object> tree = Map.of("collectors", Map.of("smart", keys));
        return ConfigNode.root(problems, tree).child("collectors").child("smart");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void positiveDurationsRefuseZeroWithTheDefault() {
        ConfigNode n = ConfigNode.root(problems, map("timeout", "0s", "interval", "5s"));
        assertThat(n.positiveDuration("timeout", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(n.positiveDuration("interval", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(n.positiveDuration("absent", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(problems.all()).containsExactly("agent.yaml: timeout: must be longer than 0s");
    }

    @Test
    void pathsOfNestedSections() {
        ConfigNode root = ConfigNode.root(problems, map("a", map("b", map("c", 1))));
        assertThat(root.path()).isEmpty();
        ConfigNode c = root.child("a").child("b");
        assertThat(c.path()).isEqualTo("a.b");
        assertThat(c.keyPath("c")).isEqualTo("a.b.c");
        assertThat(root.keyPath("x")).isEqualTo("x");
        assertThat(c.problems()).isSameAs(problems);
    }

    @Test
    void nullTreeAndAbsentSectionsReadAsEmptyWithDefaults() {
        ConfigNode root = ConfigNode.root(problems, null);
        ConfigNode s = root.child("missing");
        assertThat(s.keys()).isEmpty();
        assertThat(s.string("x", "def")).isEqualTo("def");
        assertThat(s.integer("n", 5, 0, 10)).isEqualTo(5);
        assertThat(s.bool("b", true)).isTrue();
        assertThat(s.number("d", 1.5, 0, 2)).isEqualTo(1.5);
        assertThat(s.bytes("size", 42)).isEqualTo(42);
        assertThat(s.duration("t", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.choice("mode", Mode.FAST, Mode.class)).isEqualTo(Mode.FAST);
        assertThat(s.strings("l", List.of("a"))).containsExactly("a");
        assertThat(s.stringMap("m")).isEmpty();
        assertThat(s.children("list")).isEmpty();
        assertThat(s.custom("c", "d", "x", t -> t)).isEqualTo("d");
        root.finish();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void nullValuedKeyCountsAsAbsent() {
        Map<String, Object> m = new HashMap<>();
        m.put("k", null);
        ConfigNode s = section(m);
        assertThat(s.has("k")).isFalse();
        assertThat(s.string("k", "d")).isEqualTo("d");
    }

    @Test
    void stringsGoodAndWrongTypes() {
        ConfigNode s = section(map("name", "x", "num", 5, "bool", true, "sec", map("a", 1), "list", List.of(1)));
        assertThat(s.string("name", null)).isEqualTo("x");
        assertThat(s.string("num", null)).isEqualTo("5");
        assertThat(s.string("bool", null)).isEqualTo("true");
        assertThat(s.string("sec", "d")).isEqualTo("d");
        assertThat(s.string("list", "d")).isEqualTo("d");
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.sec: expected a text value, got a section",
                "agent.yaml: collectors.smart.list: expected a text value, got a list");
    }

    @Test
    void booleans() {
        ConfigNode s = section(map("a", true, "b", "FALSE", "c", " True ", "d", "yes", "e", 1));
        assertThat(s.bool("a", false)).isTrue();
        assertThat(s.bool("b", true)).isFalse();
        assertThat(s.bool("c", false)).isTrue();
        assertThat(s.bool("d", false)).isFalse();
        assertThat(s.bool("e", true)).isTrue();
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.d: \"yes\" is not a boolean (use true or false)",
                "agent.yaml: collectors.smart.e: \"1\" is not a boolean (use true or false)");
    }

    @Test
    void booleansIgnoreTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            ConfigNode s = section(map("a", "TRUE", "m", "ITEM"));
            assertThat(s.bool("a", false)).isTrue();
            assertThat(s.choice("m", Mode.FAST, Mode.class)).isEqualTo(Mode.ITEM);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void integers() {
        ConfigNode s = section(map("a", 7, "b", "12", "c", 7L, "d", "x", "e", 2.5, "f", 50, "g", -1,
                "h", new BigInteger("99999999999999999999"), "i", "99999999999999999999", "j", 3.0f,
                "k", BigInteger.TEN));
        assertThat(s.integer("a", 0, 0, 100)).isEqualTo(7);
        assertThat(s.integer("b", 0, 0, 100)).isEqualTo(12);
        assertThat(s.integer("c", 0, 0, 100)).isEqualTo(7);
        assertThat(s.integer("d", 1, 0, 100)).isEqualTo(1);
        assertThat(s.integer("e", 1, 0, 100)).isEqualTo(1);
        assertThat(s.integer("f", 1, 0, 10)).isEqualTo(1);
        assertThat(s.integer("g", 1, 0, 10)).isEqualTo(1);
        // a YAML number too big for a long must not wrap around into the range
        assertThat(s.integer("h", 1, 0, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(s.integer("i", 1, 0, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(s.integer("j", 1, 0, 10)).isEqualTo(1);
        assertThat(s.integer("k", 1, 0, 10)).isEqualTo(10);
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.d: \"x\" is not a whole number",
                "agent.yaml: collectors.smart.e: \"2.5\" is not a whole number",
                "agent.yaml: collectors.smart.f: 50 is out of range (0 to 10)",
                "agent.yaml: collectors.smart.g: -1 is out of range (0 to 10)",
                "agent.yaml: collectors.smart.h: \"99999999999999999999\" is out of range (0 to 9223372036854775807)",
                "agent.yaml: collectors.smart.i: \"99999999999999999999\" is out of range (0 to 9223372036854775807)",
                "agent.yaml: collectors.smart.j: \"3.0\" is not a whole number");
    }

    @Test
    void numbers() {
        ConfigNode s = section(map("a", 0.5, "b", 1, "c", "0.25", "d", "half", "e", 2.0, "f", "NaN"));
        assertThat(s.number("a", 0, 0, 1)).isEqualTo(0.5);
        assertThat(s.number("b", 0, 0, 1)).isEqualTo(1.0);
        assertThat(s.number("c", 0, 0, 1)).isEqualTo(0.25);
        assertThat(s.number("d", 0.1, 0, 1)).isEqualTo(0.1);
        assertThat(s.number("e", 0.1, 0, 1)).isEqualTo(0.1);
        assertThat(s.number("f", 0.1, 0, 1)).isEqualTo(0.1);
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.d: \"half\" is not a number",
                "agent.yaml: collectors.smart.e: 2.0 is out of range (0.0 to 1.0)",
                "agent.yaml: collectors.smart.f: NaN is out of range (0.0 to 1.0)");
    }

    @Test
    void byteSizes() {
        ConfigNode s = section(map("a", 1024, "b", "64MiB", "c", "1GB", "d", "lots", "e", -5, "f", "99999999TiB",
                "g", 1.5, "h", new BigInteger("99999999999999999999")));
        assertThat(s.bytes("a", 0)).isEqualTo(1024);
        assertThat(s.bytes("b", 0)).isEqualTo(64L << 20);
        assertThat(s.bytes("c", 0)).isEqualTo(1_000_000_000L);
        assertThat(s.bytes("d", 7)).isEqualTo(7);
        assertThat(s.bytes("e", 7)).isEqualTo(7);
        assertThat(s.bytes("f", 7)).isEqualTo(7);
        assertThat(s.bytes("g", 7)).isEqualTo(7);
        assertThat(s.bytes("h", 7)).isEqualTo(7);
        String tail = " is not a size (use 512MiB, 2GiB or a number of bytes)";
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.d: \"lots\"" + tail,
                "agent.yaml: collectors.smart.e: \"-5\"" + tail,
                "agent.yaml: collectors.smart.f: \"99999999TiB\"" + tail,
                "agent.yaml: collectors.smart.g: \"1.5\"" + tail,
                "agent.yaml: collectors.smart.h: \"99999999999999999999\"" + tail);
    }

    @Test
    void durations() {
        ConfigNode s = section(map("a", "1m30s", "b", "0", "c", 10, "d", "10 s", "e", "99999999999999999999d"));
        assertThat(s.duration("a", null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.duration("b", null)).isEqualTo(Duration.ZERO);
        assertThat(s.duration("c", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.duration("d", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.duration("e", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        String tail = " is not a duration (use 10s, 1m, 1h30m)";
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.c: \"10\"" + tail,
                "agent.yaml: collectors.smart.d: \"10 s\"" + tail,
                "agent.yaml: collectors.smart.e: \"99999999999999999999d\"" + tail);
    }

    @Test
    void choices() {
        ConfigNode s = section(map("a", "fast", "b", "slow-and-steady", "c", "SLOW_AND_STEADY", "d", "medium"));
        assertThat(s.choice("a", Mode.ITEM, Mode.class)).isEqualTo(Mode.FAST);
        assertThat(s.choice("b", Mode.ITEM, Mode.class)).isEqualTo(Mode.SLOW_AND_STEADY);
        assertThat(s.choice("c", Mode.ITEM, Mode.class)).isEqualTo(Mode.SLOW_AND_STEADY);
        assertThat(s.choice("d", Mode.ITEM, Mode.class)).isEqualTo(Mode.ITEM);
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.d: \"medium\" is not one of fast, slow-and-steady, item");
    }

    @Test
    void stringLists() {
        ConfigNode s = section(map("a", List.of("x", 1, true), "b", "single", "c", List.of("x", map("k", 1)),
                "d", map("k", "v"), "e", List.of()));
        assertThat(s.strings("a", List.of())).containsExactly("x", "1", "true");
        assertThat(s.strings("b", List.of())).containsExactly("single");
        assertThat(s.strings("c", List.of("def"))).containsExactly("def");
        assertThat(s.strings("d", List.of("def"))).containsExactly("def");
        assertThat(s.strings("e", List.of("def"))).isEmpty();
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.c: expected a list of text values, found a section",
                "agent.yaml: collectors.smart.d: expected a list, got a section");
        assertThatThrownBy(() -> s.strings("a", List.of()).add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void stringMaps() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("X-A", "1");
        headers.put("X-B", 2);
        headers.put("X-C", null);
        headers.put("X-D", List.of("no"));
        ConfigNode s = section(map("headers", headers, "bad", "text"));
        assertThat(s.stringMap("headers")).containsExactly(Map.entry("X-A", "1"), Map.entry("X-B", "2"), Map.entry("X-C", ""));
        assertThat(s.stringMap("bad")).isEmpty();
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.headers.X-D: expected a text value, got a list",
                "agent.yaml: collectors.smart.bad: expected key: value lines, got \"text\"");
    }

    @Test
    void customConversion() {
        ConfigNode s = section(map("port", "80", "bad", "eighty"));
        assertThat(s.custom("port", 0, "a port", Integer::valueOf)).isEqualTo(80);
        assertThat(s.custom("bad", 1, "a port", t -> t.matches("\\d+") ? Integer.valueOf(t) : null)).isEqualTo(1);
        assertThat(problems.all()).containsExactly("agent.yaml: collectors.smart.bad: \"eighty\" is not a port");
    }

    @Test
    void customConversionThatThrowsIsRecordedNotThrown() {
        ConfigNode s = section(map("port", "eighty"));
        assertThat(s.custom("port", 8086, "a port number", Integer::valueOf)).isEqualTo(8086);
        assertThat(problems.all()).containsExactly("agent.yaml: collectors.smart.port: \"eighty\" is not a port number");
    }

    @Test
    void childThatIsNotASection() {
        ConfigNode s = section(map("http", "on"));
        ConfigNode http = s.child("http");
        assertThat(http.keys()).isEmpty();
        assertThat(http.path()).isEqualTo("collectors.smart.http");
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.http: expected a section (key: value lines), got \"on\"");
    }

    @Test
    void childrenListsHaveIndexedPaths() {
        ConfigNode root = ConfigNode.root(problems, map("outputs", List.of(
                map("type", "influx", "url", "http://x"), "oops", map("type", "loki", "typo", 1))));
        List<ConfigNode> outs = root.children("outputs");
        assertThat(outs).hasSize(2);
        assertThat(outs.get(0).path()).isEqualTo("outputs[0]");
        assertThat(outs.get(1).path()).isEqualTo("outputs[2]");
        assertThat(outs.get(0).string("type", null)).isEqualTo("influx");
        outs.get(0).string("url", null);
        outs.get(1).string("type", null);
        outs.get(1).problem("type", "unknown output type");
        root.finish();
        assertThat(problems.all()).containsExactly(
                "agent.yaml: outputs[1]: expected a section (key: value lines), got \"oops\"",
                "agent.yaml: outputs[2].type: unknown output type",
                "agent.yaml: outputs[2].typo: unknown key (did you mean 'type'?); known keys: type");
    }

    @Test
    void childrenThatIsNotAList() {
        ConfigNode root = ConfigNode.root(problems, map("outputs", map("type", "x")));
        assertThat(root.children("outputs")).isEmpty();
        assertThat(problems.all()).containsExactly("agent.yaml: outputs: expected a list of sections, got a section");
    }

    @Test
    void unknownKeysAreReportedWithDidYouMeanAndTheKnownKeys() {
        ConfigNode s = section(map("interval", "10s", "timout", "5s", "devices", List.of("sda"), "zzz", 1));
        s.duration("interval", null);
        s.duration("timeout", null);
        s.strings("devices", List.of());
        s.problems();
        ConfigNode.root(problems, Map.of()).finish();
        assertThat(problems.isEmpty()).isTrue();
        s.finish();
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.timout: unknown key (did you mean 'timeout'?); known keys: interval, timeout, devices",
                "agent.yaml: collectors.smart.zzz: unknown key; known keys: interval, timeout, devices");
    }

    @Test
    void unknownKeyInASectionNobodyReadHasNoKnownKeysList() {
        ConfigNode root = ConfigNode.root(problems, map("agent", map("x", 1)));
        root.child("agent");
        root.finish();
        assertThat(problems.all()).containsExactly("agent.yaml: agent.x: unknown key");
    }

    @Test
    void finishWalksNestedChildren() {
        ConfigNode root = ConfigNode.root(problems, map("agent", map("http", map("port", 1, "prot", 2))));
        root.child("agent").child("http").integer("port", 0, 0, 65535);
        root.finish();
        assertThat(problems.all()).containsExactly(
                "agent.yaml: agent.http.prot: unknown key (did you mean 'port'?); known keys: port");
    }

    @Test
    void askingForTheSameChildTwiceSharesWhatWasRead() {
        ConfigNode root = ConfigNode.root(problems, map("agent", map("a", 1, "b", 2)));
        root.child("agent").integer("a", 0, 0, 9);
        root.child("agent").integer("b", 0, 0, 9);
        assertThat(root.child("agent")).isSameAs(root.child("agent"));
        root.finish();
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void ignoreAndIgnoreAll() {
        ConfigNode root = ConfigNode.root(problems, map("a", 1, "b", map("x", 1, "y", 2)));
        root.ignore("a");
        root.child("b").ignoreAll();
        root.finish();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void problemWithoutKeyUsesTheSectionPath() {
        ConfigNode s = section(map());
        s.problem(null, "needs a device list");
        ConfigNode.root(problems, Map.of()).problem(null, "empty config");
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart: needs a device list", "agent.yaml: empty config");
    }

    @Test
    void secretPathsAreCollectedAcrossTheTree() {
        ConfigNode root = ConfigNode.root(problems, map(
                "outputs", List.of(map("token", "abc"), map("url", "x")),
                "agent", map("password", "p")));
        List<ConfigNode> outs = root.children("outputs");
        assertThat(outs.get(0).secret("token", null)).isEqualTo("abc");
        assertThat(outs.get(1).secret("token", "none")).isEqualTo("none");
        assertThat(root.child("agent").secret("password", null)).isEqualTo("p");
        assertThat(root.secretPaths()).containsExactly("outputs[0].token", "agent.password");
        assertThatThrownBy(() -> root.secretPaths().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void inlineNodeAndProblemsThrow() {
        ConfigNode n = ConfigNode.of(map("a", "x"));
        n.integer("a", 0, 0, 1);
        assertThat(n.problems().file()).isEqualTo("<inline>");
        assertThat(n.problems().all()).containsExactly("<inline>: a: \"x\" is not a whole number");
        n.problem("b", "second");
        assertThatThrownBy(() -> n.problems().throwIfAny()).isInstanceOf(ConfigException.class)
                .hasMessage("<inline>: a: \"x\" is not a whole number\n<inline>: b: second");
    }

    @Test
    void noProblemsNoThrow() throws ConfigException {
        problems.throwIfAny();
        assertThat(problems.all()).isEmpty();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void nonTextYamlKeysAreReadAsText() {
        Map inner = new LinkedHashMap();
        inner.put(1, "one");
        inner.put(true, "yes");
        inner.put(null, "nothing");
        Map item = new LinkedHashMap();
        item.put(2, "two");
        Map<String, Object> tree = map("s", inner, "l", List.of(item));
        Map rawTree = new LinkedHashMap(tree);
        rawTree.put(3, "top");
        ConfigNode root = ConfigNode.root(problems, rawTree);
        ConfigNode s = root.child("s");
        assertThat(s.keys()).containsExactly("1", "true", "null");
        assertThat(s.string("1", null)).isEqualTo("one");
        assertThat(root.children("l").get(0).string("2", null)).isEqualTo("two");
        root.finish();
        assertThat(problems.all()).containsExactly(
                "agent.yaml: 3: unknown key; known keys: s, l",
                "agent.yaml: s.true: unknown key; known keys: 1",
                "agent.yaml: s.null: unknown key; known keys: 1");
    }

    @Test
    void keysAreReadOnly() {
        ConfigNode s = section(map("a", 1));
        assertThat(s.keys()).containsExactly("a");
        assertThatThrownBy(() -> s.keys().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(s.has("a")).isTrue();
        assertThat(s.has("b")).isFalse();
    }

    @Test
    void httpUrlsMustBeHttpWithAHostAndNoCredentials() {
        ConfigNode s = section(map("a", "https://influx.lan:8086/base", "b", "influx.lan:8086", "c", "ftp://x/",
                "d", "http://admin:pw@db:8086", "e", "http://db:8086/?db=x", "f", "http:///nohost", "g", "http://x y"));
        assertThat(s.httpUrl("a", null, false)).hasToString("https://influx.lan:8086/base");
        assertThat(s.httpUrl("missing", "http://127.0.0.1:3100", false)).hasToString("http://127.0.0.1:3100");
        assertThat(s.httpUrl("b", null, false)).isNull();
        assertThat(s.httpUrl("c", null, false)).isNull();
        assertThat(s.httpUrl("d", null, false)).isNull();
        assertThat(s.httpUrl("e", null, false)).isNull();
        assertThat(s.httpUrl("e", null, true)).hasToString("http://db:8086/?db=x");
        assertThat(s.httpUrl("f", null, false)).isNull();
        assertThat(s.httpUrl("g", null, false)).isNull();
        assertThat(problems.all()).containsExactly(
                "agent.yaml: collectors.smart.b: \"influx.lan:8086\" must start with http:// or https://",
                "agent.yaml: collectors.smart.c: \"ftp://x/\" must start with http:// or https://",
                "agent.yaml: collectors.smart.d: put credentials in their own keys (username/password, token), not in the URL",
                "agent.yaml: collectors.smart.e: give the URL without a query (?...)",
                "agent.yaml: collectors.smart.f: \"http:///nohost\" has no host",
                "agent.yaml: collectors.smart.g: \"http://x y\" is not a URL");
        assertThat(problems.all().toString()).doesNotContain("pw@");
    }

    enum Speed { FAST_PATH, SLOW }

    @Test
    void theEffectiveTreeHasTheFilesValuesAndTheDefaultsReadInReadingOrder() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("interval", "30s");
        tree.put("sub", Map.of("b", 2));
        tree.put("items", List.of(Map.of("name", "x")));
        ConfigNode n = ConfigNode.of(tree);
        n.duration("interval", Duration.ofSeconds(10));
        n.duration("timeout", Duration.ofSeconds(5));
        n.choice("mode", Speed.FAST_PATH, Speed.class);
        n.string("absent_without_default", null);
        n.custom("precision", Locale.ROOT, "a locale", Locale::forLanguageTag);
        ConfigNode sub = n.child("sub");
        sub.integer("a", 1, 0, 9);
        sub.integer("b", 1, 0, 9);
        n.children("items").get(0).bool("on", true);
        n.effective("host", "box");
        Map<String, Object> e = n.effectiveTree();
        assertThat(e).containsExactly(Map.entry("interval", "30s"), Map.entry("timeout", "5s"),
                Map.entry("mode", "fast-path"), Map.entry("sub", Map.of("a", 1L, "b", 2)),
                Map.entry("items", List.of(Map.of("on", true))), Map.entry("host", "box"));
    }
}
