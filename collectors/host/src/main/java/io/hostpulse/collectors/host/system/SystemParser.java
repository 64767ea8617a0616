package io.hostpulse.collectors.host.system;

import io.hostpulse.collectors.host.HostParseException;
import io.hostpulse.collectors.host.ParseProblems;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Pure parsers for the {@code system} point: /proc/loadavg, /proc/uptime and the utmp login records. */
final class SystemParser {
    private SystemParser() {
    }

    record Load(double load1, double load5, double load15) {
    }

    /** "0.26 0.22 0.10 1/86 5068": the first three numbers. */
    static Load loadavg(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length < 3) {
            throw new HostParseException("loadavg: expected 3 load averages, got " + ParseProblems.quote(text.trim()));
        }
        try {
            return new Load(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (NumberFormatException e) {
            throw new HostParseException("loadavg: not a number in " + ParseProblems.quote(text.trim()));
        }
    }

    /** "361.96 639.83": whole seconds since boot (the first number, rounded down). */
    static long uptime(String text) {
        String[] f = text.trim().split("\\s+");
        try {
            double up = Double.parseDouble(f[0]);
            if (up < 0 || Double.isNaN(up)) {
                throw new NumberFormatException();
            }
            return (long) up;
        } catch (NumberFormatException e) {
            throw new HostParseException("uptime: not a number in " + ParseProblems.quote(text.trim()));
        }
    }

    record Users(long sessions, long unique) {
    }

    /** Size of glibc's struct utmp on Linux (x86_64, aarch64 and the other 64-bit ports use the same layout). */
    static final int UTMP_RECORD = 384;
    static final int USER_PROCESS = 7;
    private static final int UT_USER_OFFSET = 44;
    private static final int UT_USER_LEN = 32;

    /**
     * Counts USER_PROCESS records of a utmp file (what {@code who} lists), as gopsutil's host.Users does for
     * Telegraf's n_users and n_unique_users. A trailing partial record is ignored.
     */
    static Users utmp(byte[] data, ByteOrder order) {
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        long sessions = 0;
        Set<String> names = new HashSet<>();
        for (int off = 0; off + UTMP_RECORD <= data.length; off += UTMP_RECORD) {
            short type = b.getShort(off);
            if (type != USER_PROCESS) {
                continue;
            }
            int end = off + UT_USER_OFFSET;
            while (end < off + UT_USER_OFFSET + UT_USER_LEN && data[end] != 0) {
                end++;
            }
            String user = new String(data, off + UT_USER_OFFSET, end - off - UT_USER_OFFSET, StandardCharsets.UTF_8);
            sessions++;
            names.add(user);
        }
        return new Users(sessions, names.size());
    }
}
