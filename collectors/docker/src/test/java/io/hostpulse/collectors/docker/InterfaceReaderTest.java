package io.hostpulse.collectors.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterfaceReaderTest {
    @TempDir
    Path proc;

    @Test
    void readsTheMacOfEachInterfaceInsideTheContainer() throws IOException {
        Path net = Files.createDirectories(proc.resolve("4242/root/sys/class/net"));
        Files.createDirectories(net.resolve("eth0"));
        Files.writeString(net.resolve("eth0/address"), "02:42:0a:e7:01:03\n");
        Files.createDirectories(net.resolve("eth1"));
        Files.writeString(net.resolve("eth1/address"), "02:42:0a:e7:02:04\n");
        Files.createDirectories(net.resolve("lo"));
        Files.writeString(net.resolve("lo/address"), "00:00:00:00:00:00\n");
        Files.createDirectories(net.resolve("bonding_masters_dir_without_address"));
        assertThat(new InterfaceReader(proc).macs(4242)).isEqualTo(Map.of("eth0", "02:42:0a:e7:01:03",
                "eth1", "02:42:0a:e7:02:04", "lo", "00:00:00:00:00:00"));
    }

    @Test
    void noProcessOrNoAccessIsAnError() {
        assertThatThrownBy(() -> new InterfaceReader(proc).macs(99999)).isInstanceOf(IOException.class);
    }

    @Test
    void notRunningMeansNothing() throws IOException {
        assertThat(new InterfaceReader(proc).macs(0)).isEmpty();
    }
}
