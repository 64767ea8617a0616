package io.hostpulse.agent.alerts;

/** Glances' levels: careful is shown but never notifies; warning and critical fire. */
public enum Level {
    OK, CAREFUL, WARNING, CRITICAL;

    public String label() {
        return name().toLowerCase();
    }

    public boolean fires() {
        return this == WARNING || this == CRITICAL;
    }
}
