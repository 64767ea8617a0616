package io.hostpulse.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {
    @Test
    void readsTheLeadingWholeNumberOfToolsOutput() {
        assertThat(Numbers.leadingLong("40 C")).isEqualTo(40L);
        assertThat(Numbers.leadingLong("  1032 MiB")).isEqualTo(1032L);
        assertThat(Numbers.leadingLong("34 (Min/Max 20/45)")).isEqualTo(34L);
        assertThat(Numbers.leadingLong("-5")).isEqualTo(-5L);
        assertThat(Numbers.leadingLong("16x")).isEqualTo(16L);
    }

    @Test
    void nothingWhenThereIsNoNumberOrItDoesNotFit() {
        assertThat(Numbers.leadingLong(null)).isNull();
        assertThat(Numbers.leadingLong("N/A")).isNull();
        assertThat(Numbers.leadingLong("C 40")).isNull();
        assertThat(Numbers.leadingLong("99999999999999999999")).isNull();
    }
}
