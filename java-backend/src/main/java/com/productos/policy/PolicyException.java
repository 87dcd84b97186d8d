package com.productos.policy;

/** A policy file that cannot be used, naming the file and the rule or field at fault. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String file, String where, String problem) {
        super("invalid policy " + file + (where == null ? "" : ", " + where) + ": " + problem);
    }
}
