package io.hostpulse.collectors.docker.netmap.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketReaderTest {
    @TempDir
    Path proc;

    private Path net(int pid) throws IOException {
        return Files.createDirectories(proc.resolve(pid + "/net"));
    }

    @Test
    void readsTheFourTablesOfTheNamespace() throws IOException {
        Path net = net(4242);
        Files.writeString(net.resolve("tcp"), Recorded.text("proc-net-tcp"));
        Files.writeString(net.resolve("tcp6"), Recorded.text("proc-net-tcp6") + "garbage\n");
        Files.writeString(net.resolve("udp"), Recorded.text("proc-net-udp"));
        Files.writeString(net.resolve("udp6"), Recorded.text("proc-net-udp6"));
        SocketReader.Tables t = new SocketReader(proc).read(4242);
        assertThat(t.sockets()).hasSize(7 + 25 + 2 + 2);
        assertThat(t.malformed()).isEqualTo(1);
        assertThat(t.sockets().get(0).proto()).isEqualTo("tcp");
        assertThat(t.sockets().get(t.sockets().size() - 1).proto()).isEqualTo("udp");
        assertThat(t.sockets()).filteredOn(Socket::listening).extracting(Socket::localPort)
            .containsExactly(2024, 47001, 47002, 47003, 47004, 47005);
    }

    @Test
    void noIpv6TablesIsIpv6Off() throws IOException {
        Path net = net(7);
        Files.writeString(net.resolve("tcp"), Recorded.text("proc-net-tcp"));
        Files.writeString(net.resolve("udp"), Recorded.text("proc-net-udp"));
        assertThat(new SocketReader(proc).read(7).sockets()).hasSize(9);
    }

    @Test
    void aProcessThatIsNotThereIsAnError() throws IOException {
        assertThatThrownBy(() -> new SocketReader(proc).read(99999)).isInstanceOf(NoSuchFileException.class);
        Files.writeString(net(8).resolve("tcp6"), "");
        assertThatThrownBy(() -> new SocketReader(proc).read(8)).isInstanceOf(NoSuchFileException.class)
            .hasMessageContaining("tcp");
    }

    /** The real /proc: this JVM's own namespace shows a listener and both ends of a connection to it. */
    @Test
    void realProcOfThisJvm() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            try (java.net.Socket client = new java.net.Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
                 java.net.Socket accepted = server.accept()) {
                int port = server.getLocalPort();
                int ephemeral = client.getLocalPort();
                int pid = (int) ProcessHandle.current().pid();
                SocketReader.Tables t = new SocketReader(Path.of("/proc")).read(pid);

                // Java opens dual-stack sockets by default, so these may sit in tcp6 as ::ffff:127.0.0.1: the
                // canonical text is the plain IPv4 one either way
                assertThat(t.sockets()).anySatisfy(s -> {
                    assertThat(s.listening()).isTrue();
                    assertThat(s.localIp()).isEqualTo("127.0.0.1");
                    assertThat(s.localPort()).isEqualTo(port);
                    assertThat(s.state()).isEqualTo(SocketState.LISTEN);
                });
                assertThat(t.sockets()).anySatisfy(s -> {
                    assertThat(s.established()).isTrue();
                    assertThat(s).extracting(Socket::localIp, Socket::localPort, Socket::remoteIp, Socket::remotePort)
                        .containsExactly("127.0.0.1", ephemeral, "127.0.0.1", port);
                });
                assertThat(t.sockets()).anySatisfy(s -> {
                    assertThat(s.established()).isTrue();
                    assertThat(s).extracting(Socket::localIp, Socket::localPort, Socket::remoteIp, Socket::remotePort)
                        .containsExactly("127.0.0.1", port, "127.0.0.1", ephemeral);
                    assertThat(s.inode()).isPositive();
                });
                assertThat(t.malformed()).isZero();
            }
        }
    }

    @Test
    void theNamespaceOfAProcessNamesItsTables() throws IOException {
        int pid = (int) ProcessHandle.current().pid();
        SocketReader real = new SocketReader(Path.of("/proc"));
        assertThat(real.namespace(pid)).matches("net:\\[\\d+]")
            .isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
        Files.createDirectories(proc.resolve("31/ns"));
        Files.createSymbolicLink(proc.resolve("31/ns/net"), Path.of("net:[4026532259]"));
        assertThat(new SocketReader(proc).namespace(31)).isEqualTo("net:[4026532259]");
        assertThatThrownBy(() -> new SocketReader(proc).namespace(32)).isInstanceOf(NoSuchFileException.class);
    }

    /** Where the kernel has IPv6 (its tcp6 table exists), a listener on ::1 is found with its canonical text. */
    @Test
    void realProcIpv6WhereTheKernelHasIt() throws IOException {
        boolean ipv6 = Files.exists(Path.of("/proc/self/net/tcp6"));
        int pid = (int) ProcessHandle.current().pid();
        if (!ipv6) {
            assertThat(new SocketReader(Path.of("/proc")).read(pid).sockets())
                .noneMatch(s -> s.localIp().contains(":"));
            return;
        }
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            SocketReader.Tables t = new SocketReader(Path.of("/proc")).read(pid);
            assertThat(t.sockets()).filteredOn(Socket::listening)
                .anySatisfy(s -> assertThat(s).extracting(Socket::localIp, Socket::localPort)
                    .containsExactly("::1", server.getLocalPort()));
        }
    }
}
