package com.productos.analytics.sql;

import java.util.regex.Pattern;

/** Property names that may appear in a filter; they go into JSON paths, so they are kept plain. */
public final class PropertyKeys {
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private PropertyKeys() {}

    public static boolean isValid(String key) {
        return PATTERN.matcher(key).matches();
    }
}
