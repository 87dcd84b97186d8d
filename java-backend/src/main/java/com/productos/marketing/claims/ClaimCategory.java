package com.productos.marketing.claims;

import java.util.Locale;

/** Kinds of claim that make marketing copy risky enough for a person to approve it. */
public enum ClaimCategory {
    SUPERLATIVE,
    GUARANTEE,
    NUMBER,
    COMPARISON,
    HEALTH,
    FINANCIAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
