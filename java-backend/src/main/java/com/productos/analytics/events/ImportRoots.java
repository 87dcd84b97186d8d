package com.productos.analytics.events;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders events.import_file may read: the workspace and the folders the user allowed in their own
 * settings. A tool call can come from the model, so without this any readable file (a key, an
 * environment dump) could be pulled into the warehouse and the run record.
 */
public final class ImportRoots {
    private final Path workspaceRoot;
    private final List<Path> allowed;
    private final String settingsFile;

    public ImportRoots(Path workspaceRoot, List<Path> allowed, String settingsFile) {
        this.workspaceRoot = workspaceRoot;
        this.allowed = List.copyOf(allowed);
        this.settingsFile = settingsFile;
    }

    /** Null when {@code file} (symbolic links followed) lies under a root; else why it is refused. */
    public String refusal(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return "cannot resolve " + file + ": " + e.getMessage();
        }
        List<Path> roots = new ArrayList<>();
        roots.add(workspaceRoot);
        roots.addAll(allowed);
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath())) return null;
            } catch (IOException e) {
                // A configured folder that does not exist allows nothing.
            }
        }
        return file + " is outside the workspace " + workspaceRoot
                + (real.equals(file) ? "" : " (it leads to " + real + ")")
                + "; events are imported only from files under the workspace or a folder listed in imports.allowed_paths "
                + "of " + settingsFile + ". Copy the file into the workspace, or add its folder there";
    }
}
