package com.productos.cli;

import com.productos.app.Backend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that hosts the whole backend in this process, whatever --no-daemon says: the supervisor
 * commands (chat, ask) run their model loop here, beside a workspace backend if one runs (runs and
 * approvals are shared through the workspace store). Reaching the workspace backend's own supervisor
 * over its socket is still to come.
 */
abstract class InProcessBackendCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public final Integer call() throws Exception {
        try (Backend backend = Backend.open(common.workspace, System.getenv())) {
            return run(backend, new Output(System.out, common.json));
        }
    }

    abstract int run(Backend backend, Output output) throws Exception;
}
