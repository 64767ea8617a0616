package io.hostpulse.collectors.docker.netmap;

import io.hostpulse.collectors.docker.netmap.socket.IpText;
import io.hostpulse.core.io.ProcFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host's own addresses, so that a container talking to the host's LAN address is drawn talking to the host and
 * not to "outside": IPv4 from the host namespace's /proc/1/net/fib_trie (the {@code /32 host LOCAL} entries),
 * IPv6 from /proc/1/net/if_inet6. Pure parsers plus one read; a file that cannot be read gives no addresses.
 */
final class HostAddresses {
    private HostAddresses() {
    }

    static Set<String> read(Path proc) {
        Set<String> out = new TreeSet<>();
        try {
            out.addAll(fibTrie(ProcFiles.text(proc.resolve("1/net/fib_trie"))));
        } catch (IOException | RuntimeException e) {
            // no IPv4 addresses known: the gateways still are
        }
        try {
            out.addAll(ifInet6(ProcFiles.text(proc.resolve("1/net/if_inet6"))));
        } catch (IOException | RuntimeException e) {
            // IPv6 off
        }
        return out;
    }

    /** The addresses a {@code /32 host LOCAL} line follows. */
    static Set<String> fibTrie(String text) {
        Set<String> out = new TreeSet<>();
        String last = null;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("|--") || t.startsWith("+--")) {
                String ip = t.substring(3).trim().split("\\s+")[0];
                last = ip.contains("/") ? null : ip;
            } else if (t.startsWith("/32 host LOCAL") && last != null) {
                String c = IpText.canonical(last);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The first column of each line: 32 hex digits. */
    static Set<String> ifInet6(String text) {
        Set<String> out = new TreeSet<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 0 && f[0].length() == 32 && f[0].matches("[0-9a-fA-F]{32}")) {
                StringBuilder b = new StringBuilder(39);
                for (int i = 0; i < 32; i += 4) {
                    if (i > 0) {
                        b.append(':');
                    }
                    b.append(f[0], i, i + 4);
                }
                String c = IpText.canonical(b.toString());
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
