package dev.memlint.config;

/** A configuration that cannot be used; the message names the file and the key. Exit code 2. */
public final class ConfigException extends Exception {
    public ConfigException(String message) { super(message); }
}
