package com.productos.marketing.missinglettr;

import com.productos.common.KnownSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The API key in a local file (its first line), read once and kept in memory only. */
public final class FileApiKeySource implements ApiKeySource {
    private final Path file;
    private volatile String cached;

    public FileApiKeySource(Path file) {
        this.file = file;
    }

    @Override
    public String apiKey() throws ApiKeyUnavailable {
        String key = cached;
        if (key != null) return key;
        try {
            String text = Files.readString(file).strip();
            int newline = text.indexOf('\n');
            key = newline < 0 ? text : text.substring(0, newline).strip();
        } catch (IOException e) {
            throw new ApiKeyUnavailable(
                    "cannot read the Missinglettr API key file " + file + " ("
                            + e.getClass().getSimpleName()
                            + "); create it with the key on its first line, readable only by you",
                    null);
        }
        if (key.isEmpty()) {
            throw new ApiKeyUnavailable(
                    "the Missinglettr API key file " + file + " is empty; put the key on its first line", null);
        }
        KnownSecrets.add(key);
        cached = key;
        return key;
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
