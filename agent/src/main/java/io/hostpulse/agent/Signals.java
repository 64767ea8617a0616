package io.hostpulse.agent;

import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT stop the agent cleanly with exit status 0 (systemd and docker stop send SIGTERM); a shutdown
 * hook alone would end with 143. Falls back to a shutdown hook where signal handling is not available.
 */
final class Signals {
    private Signals() {
    }

    static void onTermination(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> action.run());
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LoggerFactory.getLogger(Signals.class).debug("no signal handling ({}); using a shutdown hook", e.getMessage());
            Runtime.getRuntime().addShutdownHook(new Thread(action, "shutdown"));
        }
    }
}
