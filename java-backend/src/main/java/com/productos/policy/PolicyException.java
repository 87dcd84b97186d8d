package com.productos.policy;

/** A policy file that cannot be used, naming the file and the rule or field at fault. */
public final class PolicyException extends RuntimeException {
    private final String where;

    public PolicyException(String file, String where, String problem) {
        super("invalid policy " + file + (where == null ? "" : ", " + where) + ": " + problem);
        this.where = where;
    }

    /** The rule or field at fault ("rule 'prod' decision", "defaults.high.user"), or null for the whole file. */
    public String where() {
        return where;
    }
}
