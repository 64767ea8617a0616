package io.hostpulse.collectors.docker.netmap.socket;

/**
 * One line of {@code /proc/<pid>/net/{tcp,tcp6,udp,udp6}}: a socket of that process's network namespace.
 *
 * @param proto      "tcp" or "udp" (the table it came from; tcp6 and udp6 give "tcp" and "udp")
 * @param localIp    canonical text ({@link IpText}); an IPv4 peer of a dual-stack socket is plain IPv4
 * @param localPort  0 to 65535
 * @param remoteIp   canonical text; {@code 0.0.0.0} or {@code ::} when not connected
 * @param remotePort 0 when not connected
 * @param state      the {@code st} column
 * @param inode      the socket's inode (0 for TIME_WAIT and other sockets no longer owned by a file)
 */
public record Socket(String proto, String localIp, int localPort, String remoteIp, int remotePort, SocketState state,
                     long inode) {

    /** A served port: TCP LISTEN, or UDP bound and unconnected (state CLOSE = 07, remote port 0). */
    public boolean listening() {
        if ("tcp".equals(proto)) {
            return state == SocketState.LISTEN;
        }
        return state == SocketState.CLOSE && remotePort == 0;
    }

    /** A connection: TCP ESTABLISHED, or UDP connected (state ESTABLISHED = 01). */
    public boolean established() {
        return state == SocketState.ESTABLISHED;
    }
}
