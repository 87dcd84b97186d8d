package com.productos.deploy.local;

import com.productos.executors.ExecutorRequest;
import com.productos.logfiles.LocalLogLayout;
import com.productos.logfiles.LogFileWriter;
import java.io.IOException;
import java.time.Clock;

/**
 * What one deploy run logs: steps go to the run (ExecutorLog) and to the run's log file; build output
 * goes to the file only, where logs.tail with scope=run finds it.
 */
final class RunLog implements AutoCloseable {
    private final ExecutorRequest call;
    private final LogFileWriter file;

    private RunLog(ExecutorRequest call, LogFileWriter file) {
        this.call = call;
        this.file = file;
    }

    static RunLog open(LocalLogLayout layout, ExecutorRequest call, Clock clock) throws IOException {
        boolean usableId = call.runId() != null
                && call.runId().matches("[A-Za-z0-9._-]{1,128}")
                && !call.runId().startsWith(".");
        return new RunLog(call, usableId ? new LogFileWriter(layout.runLog(call.runId()), clock) : null);
    }

    void info(String text) {
        call.log().info(text);
        output("INFO", text);
    }

    void warn(String text) {
        call.log().warn(text);
        output("WARNING", text);
    }

    void error(String text) {
        call.log().error(text);
        output("ERROR", text);
    }

    void output(String severity, String text) {
        if (file != null) file.write(severity, text);
    }

    @Override
    public void close() {
        if (file != null) file.close();
    }
}
