package io.hostpulse.collectors.smart;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AtaRawDecoderTest {

    @Test
    void seagateErrorRatesKeepTheErrorCountInTheUpper16Bits() {
        long raw = (5L << 32) | 123_456_789L; // 5 errors in 123456789 operations
        assertThat(AtaRawDecoder.decode(7, raw, Long.toString(raw), true)).isEqualTo(5);
        assertThat(AtaRawDecoder.decode(1, 123_456_789L, "123456789", true)).isZero();
        assertThat(AtaRawDecoder.decode(195, raw, Long.toString(raw), true)).isEqualTo(5);
        // not a Seagate: the value is what smartctl printed
        assertThat(AtaRawDecoder.decode(7, 42, "42", false)).isEqualTo(42);
    }

    @Test
    void seagateCommandTimeoutIsTheLowestWord() {
        // three 16-bit counters packed: 0x0001_0001_0003 (smartctl -v 188,raw16 prints "1 1 3")
        long raw = (1L << 32) | (1L << 16) | 3;
        assertThat(AtaRawDecoder.decode(188, raw, Long.toString(raw), true)).isEqualTo(3);
        assertThat(AtaRawDecoder.decode(188, 8, "8", false)).isEqualTo(8);
    }

    @Test
    void leadingNumberOfSmartctlsStringWins() {
        assertThat(AtaRawDecoder.decode(194, 163210330144L, "32 (Min/Max 24/38)", false)).isEqualTo(32);
        assertThat(AtaRawDecoder.decode(194, 163210330144L, null, false)).isEqualTo(32); // 0x26_0018_0020 & 0xFF
        assertThat(AtaRawDecoder.decode(240, 119898307157947L, "122811 (109 12 0)", false)).isEqualTo(122811);
        assertThat(AtaRawDecoder.decode(170, 6, "0/6", false)).isZero();
        assertThat(AtaRawDecoder.minMax("23 (Min/Max 20/31)")).containsExactly(20, 31);
        assertThat(AtaRawDecoder.minMax("33 (0 19 0 0 0)")).isNull();
    }

    @Test
    void seagateIsRecognisedByFamilyOrModel() {
        assertThat(AtaRawDecoder.isSeagate("ST3500418AS", null)).isTrue();
        assertThat(AtaRawDecoder.isSeagate("X", "Seagate Barracuda 7200.12")).isTrue();
        assertThat(AtaRawDecoder.isSeagate("SEAGATE ST18000NM004J", null)).isTrue();
        assertThat(AtaRawDecoder.isSeagate("WDC WD140EDFZ-11A0VA0", null)).isFalse();
        assertThat(AtaRawDecoder.isSeagate("STORAGE THING", null)).isFalse();
    }

    @Test
    void exitStatusBitsAreNamed() {
        assertThat(ExitStatus.decode(0)).isEmpty();
        assertThat(ExitStatus.describe(0)).isEqualTo("0 (ok)");
        assertThat(ExitStatus.decode(216)).extracting(s -> s.substring(0, 5)).containsExactly("bit 3", "bit 4", "bit 6", "bit 7");
        assertThat(ExitStatus.describe(2)).startsWith("2 (bit 1: device open failed");
    }
}
