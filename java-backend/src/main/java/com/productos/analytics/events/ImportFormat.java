package com.productos.analytics.events;

import java.util.Locale;
import java.util.Optional;

/** File formats {@link EventImporter} reads. */
public enum ImportFormat {
    CSV,
    JSONL,
    PARQUET;

    public static Optional<ImportFormat> parse(String text) {
        for (ImportFormat format : values()) {
            if (format.name().equals(text.trim().toUpperCase(Locale.ROOT))) return Optional.of(format);
        }
        return Optional.empty();
    }
}
