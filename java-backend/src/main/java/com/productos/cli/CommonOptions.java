package com.productos.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description = "Folder whose .productos/ holds runs and settings (default: current folder).")
    Path workspace = Path.of(".");

    @Option(names = "--json", description = "Machine-readable JSON output.")
    boolean json;

    @Option(
            names = "--no-daemon",
            description = "Run the backend in this process for this command only (tests, CI;"
                    + " also PRODUCTOS_NO_DAEMON=1) instead of the workspace backend that outlives commands.")
    boolean noDaemon;
}
