package com.productos.analytics.insights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Report files in a folder {@code <prefix>} under the workspace's artifacts folder (the embedded stand-in for GCS). */
public final class LocalInsightReports implements InsightReports {
    private final Path artifactsDir;
    private final String label;

    /** {@code label} is how the folder is named in outputs: the artifacts folder relative to the workspace. */
    public LocalInsightReports(Path artifactsDir, String label) {
        this.artifactsDir = artifactsDir;
        this.label = label;
    }

    @Override
    public String bucket() {
        return label;
    }

    @Override
    public Map<String, String> write(String prefix, Map<String, byte[]> files) throws IOException {
        Path folder = folder(prefix);
        Path staging = folder.resolveSibling("." + folder.getFileName() + ".partial");
        deleteQuietly(staging);
        Files.createDirectories(staging);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(staging.resolve(file.getKey()), file.getValue());
        }
        deleteQuietly(folder);
        // The folder appears whole or not at all.
        Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        Map<String, String> locations = new LinkedHashMap<>();
        for (String name : files.keySet())
            locations.put(name, folder.resolve(name).toUri().toString());
        return locations;
    }

    @Override
    public void delete(String prefix) {
        deleteQuietly(folder(prefix));
    }

    private Path folder(String prefix) {
        return artifactsDir.resolve(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover partial folder is never read.
        }
    }
}
