package com.productos.control;

import java.security.SecureRandom;
import java.time.Instant;

/** Ids that sort by creation time and cannot be guessed: "run_" + millis in base 36 + 10 random chars. */
public final class RunIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private RunIds() {}

    public static String newId(String prefix, Instant now) {
        StringBuilder id = new StringBuilder(prefix).append('_').append(Long.toString(now.toEpochMilli(), 36));
        for (int i = 0; i < 10; i++) id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return id.toString();
    }
}
