package com.productos.cli;

import com.productos.daemon.BackendConnection;
import com.productos.daemon.BackendConnections;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that needs the backend: it connects to the workspace backend (starting it if none runs), or
 * with --no-daemon opens one in this process, runs, and lets go of it again.
 */
abstract class BackendCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public final Integer call() throws Exception {
        try (BackendConnection backend =
                BackendConnections.open(common.workspace, common.noDaemon, System.getenv(), "productos-cli")) {
            return run(backend, new Output(System.out, common.json));
        }
    }

    abstract int run(BackendConnection backend, Output output) throws Exception;
}
