package io.hostpulse.collectors.docker.netmap.socket;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The thin I/O side of nf_conntrack: reads the host's connection table and whether it counts bytes, and says in one
 * sentence what is missing when it gives no counts. Never throws: every problem becomes the {@link Reading#note()}.
 *
 * <p>The table is {@code <proc>/1/net/nf_conntrack}: pid 1's network namespace is the host's, also when the agent
 * runs in a container that shares the host's PID namespace but has a network namespace of its own; without that
 * file (no host PID namespace) it falls back to {@code <proc>/net/nf_conntrack}, the agent's own namespace. The
 * switch is {@code <proc>/sys/net/netfilter/nf_conntrack_acct}; it belongs to the reader's own network namespace, so
 * whether the entries carry counts decides when the table has entries.
 */
public final class ConntrackReader {
    static final String TABLE = "net/nf_conntrack";
    static final String ACCT = "sys/net/netfilter/nf_conntrack_acct";

    private final Path proc;

    /** @param proc the host's proc mount ({@code /proc}, or {@code /host/proc} in a container) */
    public ConntrackReader(Path proc) {
        this.proc = proc;
    }

    /**
     * What conntrack can give now.
     *
     * @param table      the entries read (empty when the table could not be read)
     * @param accounting whether byte counts are there: the entries carry them, or (no entries) the switch is on
     * @param note       null when counts are there; else one sentence saying why not and what would give them
     */
    public record Reading(ConntrackTable.Result table, boolean accounting, String note) {
    }

    /** Reads the host's table and its accounting switch; never throws. */
    public Reading read() {
        ConntrackTable.Result empty = new ConntrackTable.Result(List.of(), 0);
        Path table = proc.resolve("1").resolve(TABLE);
        String text;
        try {
            text = SocketReader.text(table);
        } catch (NoSuchFileException first) {
            Path own = proc.resolve(TABLE);
            try {
                table = own;
                text = SocketReader.text(own);
            } catch (NoSuchFileException e) {
                return new Reading(empty, false, "no byte counts: " + proc.resolve("1").resolve(TABLE) + " and "
                    + own + " do not exist: the nf_conntrack module is not loaded (Docker's NAT rules load it)");
            } catch (IOException e) {
                return new Reading(empty, false, unreadable(own, e));
            }
        } catch (IOException e) {
            return new Reading(empty, false, unreadable(table, e));
        }
        ConntrackTable.Result parsed = ConntrackTable.parse(text);
        Path acctFile = proc.resolve(ACCT);
        String acct;
        try {
            acct = SocketReader.text(acctFile).strip();
        } catch (IOException e) {
            acct = null;
        }
        return judge(parsed, table, acct, acctFile);
    }

    /** The accounting verdict from the entries and the switch's value ({@code acct} null: not readable). */
    static Reading judge(ConntrackTable.Result parsed, Path table, String acct, Path acctFile) {
        if (parsed.counted()) {
            return new Reading(parsed, true, null);
        }
        if ("0".equals(acct)) {
            return new Reading(parsed, false, "no byte counts: connection accounting is off (" + acctFile
                + " is 0); switch it on with sysctl net.netfilter.nf_conntrack_acct=1");
        }
        if (parsed.entries().isEmpty()) {
            if ("1".equals(acct)) {
                return new Reading(parsed, true, null);
            }
            return new Reading(parsed, false, "no byte counts: " + table + " has no connections (no firewall rule"
                + " in that network namespace uses conntrack)"
                + (acct == null ? " and " + acctFile + " is not readable" : " and " + acctFile + " is " + acct));
        }
        if ("1".equals(acct)) {
            return new Reading(parsed, false, "no byte counts yet: accounting is on (" + acctFile + " is 1) but"
                + " only counts connections that began after it was switched on");
        }
        return new Reading(parsed, false, "no byte counts: the entries of " + table + " carry none; switch on "
            + "accounting with sysctl net.netfilter.nf_conntrack_acct=1 (in the host's network namespace)");
    }

    static String unreadable(Path table, IOException e) {
        if (e instanceof AccessDeniedException) {
            return "no byte counts: " + table + " is not readable (permission denied): the file is mode 0440 root, so"
                + " reading it needs root or CAP_DAC_READ_SEARCH (CAP_NET_ADMIN alone is not enough)";
        }
        return "no byte counts: cannot read " + table + ": " + e.getMessage();
    }
}
