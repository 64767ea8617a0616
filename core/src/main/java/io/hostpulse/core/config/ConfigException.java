package io.hostpulse.core.config;

/** The config cannot be used; the message names file, key and what was expected, one problem per line. */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
