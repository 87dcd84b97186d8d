package com.productos.deploy.local;

import java.util.Optional;

/**
 * Names a backend process as "pid@startMillis", so that a service's owner can be told apart from a
 * later process that reuses its pid: the CLI and the IDE may run backends on one workspace at once.
 */
final class BackendProcess {
    private BackendProcess() {}

    static String current() {
        return describe(ProcessHandle.current());
    }

    static boolean isAlive(String owner) {
        if (owner == null) return false;
        int at = owner.indexOf('@');
        if (at < 0) return false;
        long pid;
        try {
            pid = Long.parseLong(owner.substring(0, at));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && ProcessTree.isRunning(process.get()) && describe(process.get()).equals(owner);
    }

    private static String describe(ProcessHandle process) {
        long started = process.info().startInstant().map(instant -> instant.toEpochMilli()).orElse(0L);
        return process.pid() + "@" + started;
    }
}
