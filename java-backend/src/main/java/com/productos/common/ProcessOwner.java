package com.productos.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Names the process that owns in-flight runs ("pid@startMillis"), so that a new process marks as
 * interrupted only the runs of processes that are really gone, not those of a backend still running
 * next to it (the CLI and the IDE share a workspace).
 */
public final class ProcessOwner {
    private ProcessOwner() {}

    public static String current() {
        return describe(ProcessHandle.current());
    }

    public static boolean isAlive(String owner) {
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
        return process.isPresent()
                && isRunning(process.get())
                && describe(process.get()).equals(owner);
    }

    /** Alive and not a zombie: an exited orphan waiting for init to reap it is not running. */
    public static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) return false;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return handle.isAlive(); // no /proc (not Linux): trust the JDK
        }
    }

    private static String describe(ProcessHandle process) {
        long started = process.info()
                .startInstant()
                .map(instant -> instant.toEpochMilli())
                .orElse(0L);
        return process.pid() + "@" + started;
    }
}
