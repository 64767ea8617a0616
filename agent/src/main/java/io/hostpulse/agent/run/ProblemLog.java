package io.hostpulse.agent.run;

import io.hostpulse.core.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each distinct problem of a source once (a server that stays down must not fill the log every 10 seconds),
 * and one line when the source works again. Messages are redacted; no stack traces for expected failures.
 */
public final class ProblemLog {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemLog.class);
    private final Map<String, String> active = new ConcurrentHashMap<>();

    /** @return true when this problem was logged now (first time since the source last worked) */
    public boolean problem(String source, String part, Throwable error) {
        String msg = Redactor.redact(describe(error));
        String key = source + "\u0000" + part;
        String previous = active.put(key, msg);
        if (msg.equals(previous)) {
            return false;
        }
        LOG.warn("{}: {}{}", source, part.isEmpty() ? "" : part + ": ", msg);
        return true;
    }

    /** The source worked: forget its problems, saying so once. */
    public void ok(String source) {
        boolean had = active.keySet().removeIf(k -> k.startsWith(source + "\u0000"));
        if (had) {
            LOG.info("{}: working again", source);
        }
    }

    /** The source ran with some parts failing: forget the problems of every other part, saying so once each. */
    public void okExcept(String source, java.util.Set<String> stillFailing) {
        String prefix = source + "\u0000";
        for (String key : active.keySet()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String part = key.substring(prefix.length());
            if (!stillFailing.contains(part) && active.remove(key) != null) {
                LOG.info("{}: {}working again", source, part.isEmpty() ? "" : part + ": ");
            }
        }
    }

    public int activeCount() {
        return active.size();
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
            m = m + ": " + c.getMessage();
        }
        return m.replace('\n', ' ');
    }
}
