package io.hostpulse.collectors.host.disk;

import io.hostpulse.collectors.host.ParseProblems;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure parser of /proc/[pid]/mountinfo (proc(5)):
 * {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue}. Paths are unescaped
 * (the kernel writes space, tab, newline and backslash as \040, \011, \012, \134).
 */
final class MountinfoParser {
    private MountinfoParser() {
    }

    /**
     * @param device     "major:minor" of the file system (bind mounts of one file system share it)
     * @param root       the directory of the file system that is mounted ("/" for the whole file system)
     * @param mountPoint where it is mounted, in the namespace the file was read from
     * @param readOnly   per-mount option "ro"
     * @param fsType     file system type, with subtype ("fuse.sshfs")
     * @param source     mount source ("/dev/sda1", "overlay", "server:/export")
     */
    record Mount(String device, String root, String mountPoint, boolean readOnly, String fsType, String source) {
    }

    static List<Mount> parse(String text, ParseProblems problems) {
        List<Mount> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            int sep = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    sep = i;
                    break;
                }
            }
            if (sep < 0 || f.length < sep + 3 || !f[2].contains(":")) {
                problems.add("not a mountinfo line " + ParseProblems.quote(line));
                continue;
            }
            boolean ro = false;
            for (String o : f[5].split(",")) {
                if (o.equals("ro")) {
                    ro = true;
                    break;
                }
            }
            out.add(new Mount(f[2], unescape(f[3]), unescape(f[4]), ro, f[sep + 1], unescape(f[sep + 2])));
        }
        return out;
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
