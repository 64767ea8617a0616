package io.hostpulse.collectors.docker.netmap.socket;

/**
 * The {@code st} column of a socket table, numbered as in the kernel's include/net/tcp_states.h (1 ESTABLISHED ...
 * 10 LISTEN ... 12 NEW_SYN_RECV). UDP reuses two of them: 07 CLOSE for a bound, unconnected socket and 01 ESTABLISHED
 * for a connected one.
 */
public enum SocketState {
    ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING,
    NEW_SYN_RECV, UNKNOWN;

    private static final SocketState[] BY_CODE = values();

    /** The state of code {@code code} (the column's hex value); {@link #UNKNOWN} for 0 and for codes past 0x0C. */
    public static SocketState ofHex(int code) {
        return code >= 1 && code <= NEW_SYN_RECV.ordinal() + 1 ? BY_CODE[code - 1] : UNKNOWN;
    }
}
