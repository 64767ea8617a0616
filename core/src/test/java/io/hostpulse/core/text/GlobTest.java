package io.hostpulse.core.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {
    @Test
    void starIsAnyRunAndQuestionMarkExactlyOne() {
        assertThat(Glob.of("loop*").matches("loop12")).isTrue();
        assertThat(Glob.of("loop*").matches("loop")).isTrue();
        assertThat(Glob.of("*").matches("")).isTrue();
        assertThat(Glob.of("ram?").matches("ram1")).isTrue();
        assertThat(Glob.of("ram?").matches("ram10")).isFalse();
        assertThat(Glob.of("ram?").matches("ram")).isFalse();
        assertThat(Glob.of("*-test").matches("web-test")).isTrue();
        assertThat(Glob.of("web").matches("web-1")).as("the whole name, not a part").isFalse();
    }

    @Test
    void dotsAndRegexCharactersAreLiteral() {
        assertThat(Glob.of("sd.").matches("sda")).isFalse();
        assertThat(Glob.of("sd.").matches("sd.")).isTrue();
        assertThat(Glob.of("hostmon.*").matches("hostmon.team")).isTrue();
        assertThat(Glob.of("hostmonx*").matches("hostmon.team")).isFalse();
        for (String lit : List.of("a+b", "a|b", "(x)", "[ab]", "a{2}", "^x$", "a\\b", "\\Q\\E", "cciss!c0d0")) {
            assertThat(Glob.of(lit).matches(lit)).as(lit).isTrue();
        }
        assertThat(Glob.of("[ab]").matches("a")).isFalse();
        assertThat(Glob.of("a+b").matches("aab")).isFalse();
        assertThat(Glob.of("\\Q*").matches("\\Qanything")).isTrue();
    }

    @Test
    void wildcardsMatchNewlinesToo() {
        assertThat(Glob.of("a*b").matches("a\nb")).isTrue();
        assertThat(Glob.of("a?b").matches("a\nb")).isTrue();
        assertThat(Glob.of("a*").matches("a\r\n")).isTrue();
        assertThat(Glob.of("ab").matches("a\nb")).isFalse();
    }

    @Test
    void nullMatchesNothing() {
        assertThat(Glob.of("*").matches(null)).isFalse();
    }

    @Test
    void anyOfAndIncludeThenExclude() {
        assertThat(Glob.anyOf(List.of("loop*", "ram?")).test("ram1")).isTrue();
        assertThat(Glob.anyOf(List.of("loop*", "ram?")).test("sda")).isFalse();
        assertThat(Glob.anyOf(List.of()).test("x")).isFalse();
        assertThat(Glob.filter(List.of(), List.of()).test("x")).as("no include: everything").isTrue();
        assertThat(Glob.filter(List.of("web*"), List.of("*-test")).test("web-1")).isTrue();
        assertThat(Glob.filter(List.of("web*"), List.of("*-test")).test("web-test")).isFalse();
        assertThat(Glob.filter(List.of("web*"), List.of("*-test")).test("db")).isFalse();
        assertThat(Glob.of("a?c")).hasToString("a?c");
    }
}
