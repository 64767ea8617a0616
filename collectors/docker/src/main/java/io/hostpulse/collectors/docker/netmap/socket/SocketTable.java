package io.hostpulse.collectors.docker.netmap.socket;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure parser of one socket table, {@code /proc/<pid>/net/tcp}, {@code tcp6}, {@code udp} or {@code udp6}:
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ...
 *    0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18305 ...
 * </pre>
 *
 * An address is the kernel's {@code %08X} of each 32-bit word of the address as it lies in memory, so on a
 * little-endian host the bytes of each word are reversed ({@code 0100007F} is 127.0.0.1); IPv4 has one word, IPv6
 * four. The port is {@code %04X} of the host-order value. The header line (first token {@code sl}) and blank lines
 * are skipped; every other line that does not have the shape above (at least ten columns, addresses of 8 or 32 hex
 * digits, both of one width, 4-digit ports, a 2-digit state, a decimal inode) is counted as malformed and skipped.
 * One pass over the text, no regular expressions, never throws on content.
 */
public final class SocketTable {
    private static final int COLUMNS = 10;

    private SocketTable() {
    }

    /**
     * The sockets of one table and the number of lines that were not socket lines.
     *
     * @param sockets   in file order
     * @param malformed lines skipped because they did not parse
     */
    public record Result(List<Socket> sockets, int malformed) {
        public Result {
            sockets = List.copyOf(sockets);
        }
    }

    /** Parses one file's text as written by this machine's kernel (its native byte order). */
    public static Result parse(String text, String proto) {
        return parse(text, proto, ByteOrder.nativeOrder());
    }

    /**
     * Parses one file's text as written by a kernel of byte order {@code order} (recorded files from another
     * machine).
     *
     * @param proto "tcp" (tcp, tcp6) or "udp" (udp, udp6); IPv4 or IPv6 follows from each address's width
     */
    public static Result parse(String text, String proto, ByteOrder order) {
        if (!"tcp".equals(proto) && !"udp".equals(proto)) {
            throw new IllegalArgumentException("proto is \"tcp\" or \"udp\", not " + proto);
        }
        List<Socket> out = new ArrayList<>();
        int malformed = 0;
        if (text == null) {
            return new Result(out, 0);
        }
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        Tokens t = new Tokens(text, COLUMNS);
        RecentAddresses recent = new RecentAddresses(text);
        byte[] scratch = new byte[16];
        for (int at = t.line(0); at >= 0; at = t.line(at)) {
            if (t.count() == 0 || t.is(0, "sl")) {
                continue;
            }
            Socket s = socket(t, proto, little, recent, scratch);
            if (s == null) {
                malformed++;
            } else {
                out.add(s);
            }
        }
        return new Result(out, malformed);
    }

    private static Socket socket(Tokens t, String proto, boolean little, RecentAddresses recent, byte[] scratch) {
        if (t.count() < COLUMNS || t.charAt(t.end(0) - 1) != ':') {
            return null;
        }
        String local = address(t, 1, little, recent, scratch);
        String remote = address(t, 2, little, recent, scratch);
        if (local == null || remote == null
            || t.indexOf(':', t.start(1), t.end(1)) - t.start(1) != t.indexOf(':', t.start(2), t.end(2)) - t.start(2)) {
            return null; // not an address, or the two of different widths
        }
        int localPort = port(t, 1);
        int remotePort = port(t, 2);
        long st = t.length(3) == 2 ? t.hex(t.start(3), t.end(3)) : -1;
        long inode = t.decimal(t.start(9), t.end(9));
        if (localPort < 0 || remotePort < 0 || st < 0 || inode < 0) {
            return null;
        }
        return new Socket(proto, local, localPort, remote, remotePort, SocketState.ofHex((int) st), inode);
    }

    /** The canonical text of token {@code token}'s address part, or null when it is not 8 or 32 hex digits. */
    private static String address(Tokens t, int token, boolean little, RecentAddresses recent, byte[] into) {
        int from = t.start(token);
        int colon = t.indexOf(':', from, t.end(token));
        int digits = colon - from;
        if (colon < 0 || (digits != 8 && digits != 32)) {
            return null;
        }
        String known = recent.find(from, digits);
        if (known != null) {
            return known;
        }
        int words = digits / 8;
        for (int w = 0; w < words; w++) {
            long v = t.hex(from + 8 * w, from + 8 * w + 8);
            if (v < 0) {
                return null;
            }
            for (int b = 0; b < 4; b++) {
                int shift = little ? 8 * b : 8 * (3 - b);
                into[4 * w + b] = (byte) (v >>> shift);
            }
        }
        String text = IpText.of(into, 4 * words);
        recent.add(from, digits, text);
        return text;
    }

    private static int port(Tokens t, int token) {
        int colon = t.indexOf(':', t.start(token), t.end(token));
        if (t.end(token) - colon - 1 != 4) {
            return -1;
        }
        return (int) t.hex(colon + 1, t.end(token));
    }

}
