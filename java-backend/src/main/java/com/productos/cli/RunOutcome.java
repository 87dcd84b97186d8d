package com.productos.cli;

import com.productos.runs.Run;
import com.productos.runs.RunStatus;

/** Maps a settled run to the exit code scripts rely on. */
final class RunOutcome {
    private RunOutcome() {}

    static int exitCode(Run run) {
        if (run.status() == RunStatus.SUCCEEDED) return ExitCodes.OK;
        if (run.status() == RunStatus.AWAITING_APPROVAL) return ExitCodes.APPROVAL_REQUIRED;
        return ExitCodes.RUN_FAILED;
    }
}
