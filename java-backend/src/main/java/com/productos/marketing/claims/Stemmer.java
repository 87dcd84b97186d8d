package com.productos.marketing.claims;

/**
 * A light English suffix stripper: enough that "guarantee", "guarantees", "guaranteed" and
 * "guaranteeing" meet on one stem, and "cures"/"cured"/"curing" on another. It over-merges rather
 * than under-merges, which for a claims filter is the safe direction.
 */
final class Stemmer {
    private Stemmer() {}

    static String stem(String word) {
        String w = word;
        if (w.endsWith("'s") || w.endsWith("’s")) w = w.substring(0, w.length() - 2);
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4 && w.endsWith("ied")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4 && w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            w = undouble(w.substring(0, w.length() - 3));
        } else if (w.length() > 4 && w.endsWith("ed")) {
            w = undouble(w.substring(0, w.length() - 2));
        } else if (w.length() > 5 && w.endsWith("ly")) {
            w = w.substring(0, w.length() - 2);
        }
        while (w.length() > 3 && w.endsWith("e")) w = w.substring(0, w.length() - 1);
        if (w.endsWith("i") && w.length() > 3) w = w.substring(0, w.length() - 1) + "y";
        return w;
    }

    private static String undouble(String w) {
        int n = w.length();
        if (n >= 3
                && w.charAt(n - 1) == w.charAt(n - 2)
                && "lsz".indexOf(w.charAt(n - 1)) < 0
                && !isVowel(w.charAt(n - 1))) {
            return w.substring(0, n - 1);
        }
        return w;
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
