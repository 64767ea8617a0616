package io.hostpulse.collectors.docker.netmap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HostAddressesTest {

    @Test
    void fibTrieGivesTheLocalHostAddressesOnly() {
        String text = """
                Main:
                  +-- 0.0.0.0/0 3 0 4
                     |-- 0.0.0.0
                        /0 universe UNICAST
                     +-- 10.231.1.0/24 2 0 2
                        |-- 10.231.1.0
                           /24 link UNICAST
                        |-- 10.231.1.1
                           /32 host LOCAL
                  +-- 127.0.0.0/8 2 0 2
                     |-- 127.0.0.1
                        /32 host LOCAL
                     |-- 127.255.255.255
                        /32 link BROADCAST
                Local:
                  +-- 0.0.0.0/0 3 0 4
                     |-- 192.168.1.10
                        /32 host LOCAL
                """;
        assertThat(HostAddresses.fibTrie(text)).containsExactly("10.231.1.1", "127.0.0.1", "192.168.1.10");
    }

    @Test
    void ifInet6GivesCanonicalAddresses() {
        String text = "fd000000000000000000000000000002 04 40 00 82     eth0\n"
                + "00000000000000000000000000000001 01 80 10 80       lo\n"
                + "garbage line\n";
        assertThat(HostAddresses.ifInet6(text)).containsExactlyInAnyOrder("fd00::2", "::1");
    }

    @Test
    void theRealProcGivesAtLeastLoopback() {
        assertThat(HostAddresses.read(Path.of("/proc"))).contains("127.0.0.1");
        assertThat(HostAddresses.read(Path.of("/nonexistent"))).isEmpty();
    }
}
