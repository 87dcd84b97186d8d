package com.productos.logfiles;

import com.productos.config.Workspace;
import java.nio.file.Path;

/**
 * Where local log files live. Every file is JSON lines written by {@link LogFileWriter}:
 * <pre>
 * .productos/deploy/&lt;service&gt;/&lt;revision&gt;/revision.log   stdout (INFO) and stderr (ERROR) of a revision
 * .productos/deploy/&lt;service&gt;/&lt;revision&gt;/build.log      its build output
 * .productos/logs/runs/&lt;run id&gt;.jsonl                    what a run's executor logged (build output included)
 * </pre>
 */
public final class LocalLogLayout {
    public static final String REVISION_LOG = "revision.log";
    public static final String BUILD_LOG = "build.log";
    private final Workspace workspace;

    public LocalLogLayout(Workspace workspace) {
        this.workspace = workspace;
    }

    public Path deployRoot() {
        return workspace.dataDir().resolve("deploy");
    }

    public Path serviceDir(String service) {
        return deployRoot().resolve(service);
    }

    public Path revisionDir(String service, String revision) {
        return serviceDir(service).resolve(revision);
    }

    public Path revisionLog(String service, String revision) {
        return revisionDir(service, revision).resolve(REVISION_LOG);
    }

    public Path buildLog(String service, String revision) {
        return revisionDir(service, revision).resolve(BUILD_LOG);
    }

    public Path runLog(String runId) {
        return workspace.logsDir().resolve("runs").resolve(runId + ".jsonl");
    }
}
