package io.hostpulse.core.config;

import java.util.Collection;
import java.util.Locale;

/**
 * Suggests the closest known name for a misspelt key: the nearest by edit distance (at most 2, or a third of
 * the length up to 3, and less than the key's own length, so a short key is not "corrected" into an unrelated
 * one); failing that, a known name that starts with the key or that the key starts with (4 characters at least).
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    public static String closest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best != null && bestDistance <= Math.max(2, Math.min(3, unknown.length() / 3))
                && bestDistance < unknown.length()) {
            return best;
        }
        String u = unknown.toLowerCase(Locale.ROOT);
        for (String k : known) {
            String l = k.toLowerCase(Locale.ROOT);
            if (Math.min(u.length(), l.length()) >= 4 && (u.startsWith(l) || l.startsWith(u))) {
                return k;
            }
        }
        return null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
