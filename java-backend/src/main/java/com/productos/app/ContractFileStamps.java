package com.productos.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What the contract files look like on disk now (modification time, size and file key, or absent), so a
 * backend can tell at each call, for the price of a few stat calls, that one was edited, replaced or removed.
 */
record ContractFileStamps(List<String> stamps) {
    static ContractFileStamps of(List<Path> files) {
        List<String> stamps = new ArrayList<>();
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                stamps.add(file + " " + attributes.lastModifiedTime().toInstant() + " " + attributes.size() + " "
                        + attributes.fileKey());
            } catch (IOException absent) {
                stamps.add(file + " absent");
            }
        }
        return new ContractFileStamps(List.copyOf(stamps));
    }
}
