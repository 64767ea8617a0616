package io.hostpulse.collectors.host.process;

/**
 * {@code /proc/<pid>/io}: bytes this process caused to be read from and written to storage ({@code read_bytes},
 * {@code write_bytes}; Telegraf's procstat uses the same two). Pure parser. The file is readable only for one's own
 * processes or with CAP_SYS_PTRACE, so callers treat it as optional.
 */
public record PidIo(long readBytes, long writeBytes) {

    /** @return null when either counter is missing */
    public static PidIo parse(String text) {
        Long read = null;
        Long write = null;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            try {
                if (key.equals("read_bytes")) {
                    read = Long.parseLong(line.substring(colon + 1).trim());
                } else if (key.equals("write_bytes")) {
                    write = Long.parseLong(line.substring(colon + 1).trim());
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return read == null || write == null ? null : new PidIo(read, write);
    }
}
