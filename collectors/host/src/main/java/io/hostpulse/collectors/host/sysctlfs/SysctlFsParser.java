package io.hostpulse.collectors.host.sysctlfs;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure reader of the {@code /proc/sys/fs} files Telegraf's linux_sysctl_fs plugin reads (kernel
 * Documentation/admin-guide/sysctl/fs.rst), under its field names: single numbers ({@code aio-nr} ...) and the
 * tab-separated tuples {@code inode-state}, {@code dentry-state} and {@code file-nr} (whose second value, always 0
 * since Linux 2.6, is not written).
 */
public final class SysctlFsParser {
    /** Files holding one number; the field is the file's name. */
    public static final List<String> SINGLE = List.of("aio-nr", "aio-max-nr", "dquot-nr", "dquot-max", "super-nr",
            "super-max");
    /** Files holding a tuple, with the field of each position ("" = not written). */
    public static final Map<String, List<String>> TUPLES = new LinkedHashMap<>();

    static {
        TUPLES.put("inode-state", List.of("inode-nr", "inode-free-nr", "inode-preshrink-nr"));
        TUPLES.put("dentry-state", List.of("dentry-nr", "dentry-unused-nr", "dentry-age-limit", "dentry-want-pages"));
        TUPLES.put("file-nr", List.of("file-nr", "", "file-max"));
    }

    private SysctlFsParser() {
    }

    /** Adds the fields of one file (by its name under /proc/sys/fs) to {@code fields}. */
    public static void add(String file, String text, Map<String, Long> fields, ParseProblems problems) {
        List<String> names = TUPLES.getOrDefault(file, List.of(file));
        String[] values = text.trim().split("\\s+");
        for (int i = 0; i < names.size() && i < values.length; i++) {
            if (names.get(i).isEmpty()) {
                continue;
            }
            try {
                fields.put(names.get(i), Long.parseLong(values[i]));
            } catch (NumberFormatException e) {
                problems.add(file + " value " + (i + 1) + " is not a whole number " + ParseProblems.quote(values[i]));
            }
        }
    }
}
