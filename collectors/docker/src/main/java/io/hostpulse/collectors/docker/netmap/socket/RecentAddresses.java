package io.hostpulse.collectors.docker.netmap.socket;

/**
 * The last few addresses a parser made canonical, by their raw text in the table being parsed: a table repeats a
 * handful of addresses (a namespace's own, 0.0.0.0, a few peers), so most are found here instead of being decoded
 * and formatted again. One per parse call, over that call's text.
 */
final class RecentAddresses {
    private static final int SIZE = 4;
    private final String text;
    private final int[] start = new int[SIZE];
    private final int[] length = new int[SIZE];
    private final String[] canonical = new String[SIZE];
    private int next;

    RecentAddresses(String text) {
        this.text = text;
    }

    /** The canonical text remembered for the raw text text[from, from + len), or null. */
    String find(int from, int len) {
        for (int i = 0; i < SIZE; i++) {
            if (canonical[i] != null && length[i] == len && text.regionMatches(start[i], text, from, len)) {
                return canonical[i];
            }
        }
        return null;
    }

    void add(int from, int len, String address) {
        start[next] = from;
        length[next] = len;
        canonical[next] = address;
        next = (next + 1) % SIZE;
    }
}
