package com.productos.cli;

import com.productos.app.Backend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that needs the whole backend: it opens it, runs, and closes it again. */
abstract class BackendCommand implements Callable<Integer> {
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
