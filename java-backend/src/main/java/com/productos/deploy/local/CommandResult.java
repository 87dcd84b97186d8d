package com.productos.deploy.local;

/** How a finished command ended: exit code (-1 when it was killed for running too long) and its output. */
record CommandResult(int exitCode, boolean timedOut, String output) {
    boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
