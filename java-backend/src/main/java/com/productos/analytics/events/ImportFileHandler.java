package com.productos.analytics.events;

import com.productos.analytics.WarehouseException;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.executors.InputProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * events.import_file: a file on this machine into the warehouse, through {@link EventImporter}, so a
 * file import is a recorded run like any other call and happens in the process that holds the warehouse.
 */
public final class ImportFileHandler implements ExecutorHandler {
    private final EventSink sink;
    private final Path workspaceRoot;
    private final ImportRoots roots;

    /** Reads files under {@code roots} only; a relative path is taken from the workspace folder. */
    public ImportFileHandler(EventSink sink, Path workspaceRoot, ImportRoots roots) {
        this.sink = sink;
        this.workspaceRoot = workspaceRoot;
        this.roots = roots;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        JsonNode input = request.input();
        Path file = workspaceRoot.resolve(input.path("path").asString()).normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw badField("/path", "no readable file at " + file);
        }
        String refusal = roots.refusal(file);
        if (refusal != null) throw badField("/path", refusal);
        ImportFormat format = ImportFormat.parse(input.path("format").asString())
                .orElseThrow(() -> badField("/format", "use csv, jsonl or parquet"));
        ColumnMapping mapping;
        try {
            mapping = ColumnMapping.parse(input.path("mapping").asString());
        } catch (IllegalArgumentException e) {
            throw badField("/mapping", e.getMessage());
        }
        try {
            ImportReport report = new EventImporter(sink).importFile(file, format, mapping);
            request.log()
                    .info("imported " + report.imported() + " of " + report.eventsRead() + " events from " + file + " ("
                            + report.duplicates() + " already stored, " + report.rejectedCount() + " refused)");
            return report.toJson();
        } catch (IllegalArgumentException e) {
            throw badField("/mapping", e.getMessage() + "; nothing was imported");
        } catch (IOException e) {
            throw badField("/path", "cannot read " + file + ": " + e.getMessage() + "; nothing was imported");
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable(
                    "the events warehouse could not store the file (nothing was stored): " + e.getMessage());
        }
    }

    private static ExecutorFailure badField(String pointer, String message) {
        return InputProblems.single(pointer, message);
    }
}
