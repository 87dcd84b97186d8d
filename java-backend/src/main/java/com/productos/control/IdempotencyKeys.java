package com.productos.control;

/**
 * What an idempotency key may hold. The key travels to executors in an HTTP header, which carries only
 * visible ASCII; a key outside that would fail later as an unreachable executor, so it is refused up front.
 */
final class IdempotencyKeys {
    static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {}

    /** @throws ToolCallException InvalidParams naming the field when the key cannot be used */
    static void check(String key) {
        if (key == null) return;
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw refused("must be 1 to " + MAX_LENGTH + " characters long (it has " + key.length() + ")");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw refused("has a character that is not visible ASCII at position " + (i + 1));
            }
        }
    }

    private static ToolCallException refused(String problem) {
        return new ToolCallException(
                ErrorCode.InvalidParams,
                "the idempotency key " + problem
                        + "; use letters, digits and punctuation such as - _ . : / (no spaces or accents)");
    }
}
