package com.productos.cli;

/** What a script can rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The run failed, was denied, cancelled or interrupted. */
    public static final int RUN_FAILED = 1;
    /** Bad usage or bad input: nothing was run. */
    public static final int USAGE = 2;
    /** The call waits for approval; the approval id was printed. */
    public static final int APPROVAL_REQUIRED = 3;

    private ExitCodes() {}
}
