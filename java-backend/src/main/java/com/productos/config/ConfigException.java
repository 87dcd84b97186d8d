package com.productos.config;

/** A configuration value that cannot be used, naming where it came from and what to set instead. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
