package io.hostpulse.collectors.docker.netmap.socket;

/**
 * The one text form of an IP address that the network map compares by string: IPv4 dotted ({@code 172.18.0.2}),
 * IPv6 in RFC 5952 form (lower case, no leading zeros, the longest run of two or more zero groups as {@code ::},
 * the first such run on a tie), and an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its plain IPv4 text,
 * because a dual-stack socket shows an IPv4 peer that way while Docker names the same peer by its IPv4 address.
 *
 * <p>Pure text work: never a name lookup (unlike {@link java.net.InetAddress#getByName}, which resolves anything
 * that is not an address). Zones ({@code fe80::1%eth0}), prefixes ({@code /24}), IPv4 with leading zeros
 * ({@code 010.0.0.1}, octal to some parsers) and every other non-address give null.
 */
public final class IpText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private IpText() {
    }

    /** The canonical text of {@code anyTextForm} (IPv4 dotted, IPv6 in any form, bracketed or not), or null. */
    public static String canonical(String anyTextForm) {
        if (anyTextForm == null) {
            return null;
        }
        String s = anyTextForm.strip();
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            byte[] v4 = new byte[4];
            return parseIpv4(s, 0, s.length(), v4, 0) ? ipv4(v4, 0) : null;
        }
        byte[] v6 = parseIpv6(s);
        return v6 == null ? null : of(v6);
    }

    /** The canonical text of a 4-byte (IPv4) or 16-byte (IPv6) address in network order. */
    public static String of(byte[] address) {
        return of(address, address.length);
    }

    /** The canonical text of the first {@code length} (4 or 16) bytes of {@code address}. */
    static String of(byte[] address, int length) {
        if (length == 4) {
            return ipv4(address, 0);
        }
        if (length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + length);
        }
        if (isV4Mapped(address)) {
            return ipv4(address, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        // longest run of zero groups, length >= 2 (RFC 5952 4.2.2: a single zero group is not shortened)
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            appendHex(b, groups[i]);
        }
        return b.toString();
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    private static void appendHex(StringBuilder b, int group) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int d = (group >> shift) & 0xf;
            if (d != 0 || started || shift == 0) {
                b.append(HEX[d]);
                started = true;
            }
        }
    }

    private static String ipv4(byte[] a, int off) {
        return (a[off] & 0xff) + "." + (a[off + 1] & 0xff) + "." + (a[off + 2] & 0xff) + "." + (a[off + 3] & 0xff);
    }

    /** Dotted IPv4 in s[from, to) into out[at..at+3]; four decimal parts 0-255 without leading zeros. */
    private static boolean parseIpv4(String s, int from, int to, byte[] out, int at) {
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            out[at + part] = (byte) v;
            part++;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == to;
    }

    private static byte[] parseIpv6(String s) {
        byte[] out = new byte[16];
        int n = s.length();
        int gap = -1; // byte index where "::" stands
        int at = 0;   // next byte to fill
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return out;
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            if (at >= 16) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < n && i - start < 5) {
                int d = Tokens.hexDigit(s.charAt(i));
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                if (at > 12 || !parseIpv4(s, start, n, out, at)) {
                    return null;
                }
                at += 4;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return null;
            }
            out[at++] = (byte) (v >> 8);
            out[at++] = (byte) v;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = at;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null; // trailing single colon
            }
        }
        if (gap < 0) {
            return at == 16 ? out : null;
        }
        if (at == 16) {
            return null; // "::" must stand for at least one group
        }
        int tail = at - gap;
        System.arraycopy(out, gap, out, 16 - tail, tail);
        for (int k = gap; k < 16 - tail; k++) {
            out[k] = 0;
        }
        return out;
    }
}
