package com.productos.marketing.claims;

/** One claim-heavy phrase found in copy: its category and the words that triggered it. */
public record ClaimFlag(ClaimCategory category, String excerpt) {
    @Override
    public String toString() {
        return category.wireName() + " (\"" + excerpt + "\")";
    }
}
