package io.hostpulse.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSizesTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0", "1048576, 1048576", "12b, 12", "12B, 12",
            "1k, 1024", "1KiB, 1024", "1kib, 1024", "1KB, 1000", "1kB, 1000",
            "64MiB, 67108864", "64M, 67108864", "64MB, 64000000",
            "2GiB, 2147483648", "2g, 2147483648", "2GB, 2000000000",
            "1TiB, 1099511627776", "1T, 1099511627776", "1TB, 1000000000000",
            "'64 MiB', 67108864", "' 1GiB ', 1073741824",
            "8388607TiB, 9223370937343148032"})
    void parses(String text, long expected) {
        assertThat(ByteSizes.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1", "1.5GiB", "1PiB", "1 GiBs", "1i", "1ib", "10 bytes", "1e3",
            "8388608TiB", "9999999999999999999", "99999999999999999999b", "0x10"})
    void rejects(String text) {
        assertThat(ByteSizes.parse(text)).as("'%s'", text).isNull();
    }

    @Test
    void largestPlainNumber() {
        assertThat(ByteSizes.parse(Long.toString(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }
}
