package com.productos.executorserver;

import com.productos.common.KnownSecrets;
import java.util.Objects;

/**
 * How an executor server checks its callers: a shared bearer token, or nothing at all (only behind
 * something that authenticates for it, such as Cloud Run IAM). The token never appears in
 * {@link #toString()}.
 */
public record InboundAuth(String bearerToken) {
    private static final InboundAuth NONE = new InboundAuth(null);

    public InboundAuth {
        if (bearerToken != null && bearerToken.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be blank; use InboundAuth.none() for no auth");
        }
        KnownSecrets.add(bearerToken);
    }

    public static InboundAuth bearer(String token) {
        return new InboundAuth(Objects.requireNonNull(token, "token"));
    }

    /** No check at all: only for a server that something in front of it already authenticates. */
    public static InboundAuth none() {
        return NONE;
    }

    public boolean required() {
        return bearerToken != null;
    }

    @Override
    public String toString() {
        return required() ? "InboundAuth[bearer]" : "InboundAuth[none]";
    }
}
