package io.hostpulse.collectors.docker.netmap.socket;

/**
 * The whitespace-separated tokens of one line of a text, as index ranges into it (no copies), for the linear parsers
 * of this package. Space, tab, CR and the other ASCII controls below space except NUL count as separators, so CRLF
 * files read like LF files; NUL and other bytes stay inside a token and make it fail to parse.
 */
final class Tokens {
    private final String text;
    private final int[] start;
    private final int[] end;
    private int count;
    private int lineEnd;

    Tokens(String text, int max) {
        this.text = text;
        this.start = new int[max];
        this.end = new int[max];
    }

    /**
     * Reads the line beginning at {@code from} (up to the next LF or the end), keeping at most the first
     * {@code max} tokens; returns the index after the line, or -1 when {@code from} is past the end.
     */
    int line(int from) {
        int n = text.length();
        if (from >= n) {
            return -1;
        }
        int nl = text.indexOf('\n', from);
        lineEnd = nl < 0 ? n : nl;
        count = 0;
        int i = from;
        while (i < lineEnd && count < start.length) {
            while (i < lineEnd && separator(text.charAt(i))) {
                i++;
            }
            if (i >= lineEnd) {
                break;
            }
            start[count] = i;
            while (i < lineEnd && !separator(text.charAt(i))) {
                i++;
            }
            end[count++] = i;
        }
        return lineEnd + 1;
    }

    private static boolean separator(char c) {
        return c <= ' ' && c != '\0';
    }

    int count() {
        return count;
    }

    int start(int t) {
        return start[t];
    }

    int end(int t) {
        return end[t];
    }

    int length(int t) {
        return end[t] - start[t];
    }

    String text(int t) {
        return text.substring(start[t], end[t]);
    }

    boolean is(int t, String s) {
        return length(t) == s.length() && text.startsWith(s, start[t]);
    }

    /** Hex digits text[from, to) as a value; -1 when empty, longer than 8 digits or not hex. */
    long hex(int from, int to) {
        if (from >= to || to - from > 8) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = hexDigit(text.charAt(i));
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** Decimal digits text[from, to) as a value; -1 when empty, not digits, or past {@link Long#MAX_VALUE}. */
    long decimal(int from, int to) {
        if (from >= to || to - from > 19) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Whether text[from, to) is {@code s}. */
    boolean is(int from, int to, String s) {
        return to - from == s.length() && text.startsWith(s, from);
    }

    String substring(int from, int to) {
        return text.substring(from, to);
    }

    /** The value of an ASCII hex digit, or -1 (not {@link Character#digit}: it takes other scripts' digits too). */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    char charAt(int i) {
        return text.charAt(i);
    }

    int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
