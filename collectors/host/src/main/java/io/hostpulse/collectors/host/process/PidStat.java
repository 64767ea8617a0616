package io.hostpulse.collectors.host.process;

/**
 * The fields of one {@code /proc/<pid>/stat} line that the process list uses. Pure parser: the command name is
 * between the first '(' and the last ')' (it may itself contain ')' and spaces); the numbered fields follow
 * proc(5): state(3), ppid(4), utime(14), stime(15), num_threads(20), starttime(22), rss(24, pages).
 */
public record PidStat(int pid, String comm, char state, int ppid, long utimeTicks, long stimeTicks, long threads,
                      long startTicks, long rssPages) {

    /** @return null when the text is not a stat line (truncated, or not from /proc) */
    public static PidStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open <= 0 || close < open || close + 2 > line.length()) {
            return null;
        }
        String[] f = line.substring(close + 1).trim().split("\\s+");
        // after ')': index 0 = field 3 (state); field n is at index n - 3
        if (f.length < 22 || f[0].isEmpty()) {
            return null;
        }
        try {
            return new PidStat(Integer.parseInt(line.substring(0, open).trim()), line.substring(open + 1, close),
                    f[0].charAt(0), Integer.parseInt(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[17]), Long.parseLong(f[19]), Long.parseLong(f[21]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Ticks of CPU this process used, user plus system. */
    public long cpuTicks() {
        return utimeTicks + stimeTicks;
    }
}
