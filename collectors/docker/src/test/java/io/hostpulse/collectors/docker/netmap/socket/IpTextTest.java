package io.hostpulse.collectors.docker.netmap.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpTextTest {
    @ParameterizedTest
    @CsvSource({
        "172.18.0.2, 172.18.0.2",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        " 10.0.0.1 , 10.0.0.1",
        "::, ::",
        "::1, ::1",
        "0:0:0:0:0:0:0:1, ::1",
        "0000:0000:0000:0000:0000:0000:0000:0001, ::1",
        "fd00:0200:0000:0000:0000:0000:0000:0002, fd00:200::2",
        "FD00::2, fd00::2",
        "[fd00::2], fd00::2",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",      // RFC 5952 4.2.3: the first of two equal runs
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",   // 4.2.2: one zero group stays
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",            // 4.2.3: the longest run
        "1::, 1::",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::ffff:172.18.0.2, 172.18.0.2",                 // IPv4-mapped: the plain IPv4 text
        "0:0:0:0:0:ffff:ac12:2, 172.18.0.2",
        "::ffff:0:0, 0.0.0.0",
        "::172.18.0.2, ::ac12:2",                        // IPv4-compatible (deprecated) is not mapped
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "fe80::42:acff:fe12:2, fe80::42:acff:fe12:2",
    })
    void canonicalText(String in, String out) {
        assertThat(IpText.canonical(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-1",
        "01.2.3.4", "1.2.3.4/24", "1.2.3.4:80", ":", ":::", "1:::2", "1::2::3", ":1::", "1::2:", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", "12345::", "g::1", "fe80::1%eth0", "::ffff:1.2.3", "::ffff:1.2.3.4.5", "1.2.3.4::",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "[::1", "1.2.3.4\u0000", "::1\u0000", "١.٢.٣.٤"})
    void notAnAddressIsNull(String in) {
        assertThat(IpText.canonical(in)).isNull();
    }

    @Test
    void nullIsNull() {
        assertThat(IpText.canonical(null)).isNull();
    }

    @Test
    void bytesInNetworkOrder() {
        assertThat(IpText.of(new byte[] {(byte) 192, (byte) 168, 1, 10})).isEqualTo("192.168.1.10");
        byte[] v6 = new byte[16];
        v6[0] = (byte) 0xfd;
        v6[15] = 2;
        assertThat(IpText.of(v6)).isEqualTo("fd00::2");
        assertThatThrownBy(() -> IpText.of(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTextFormOfOneAddressGivesTheSameText() {
        String[] forms = {"fd00:0:0:0:0:0:0:a", "fd00::a", "FD00::A", "fd00:0000::000a", "fd00::0:0:a", "[fd00::a]"};
        for (String f : forms) {
            assertThat(IpText.canonical(f)).as(f).isEqualTo("fd00::a");
        }
    }
}
