package com.productos.deploy.local;

import com.productos.common.ProcessOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the children that backends which are gone (killed, crashed) recorded in their
 * {@link ChildProcessLedger}, each with all its descendants, and removes their ledgers. The ledgers of
 * live backends, this one included, are left alone.
 */
final class OrphanReaper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);
    private final Path ledgerDir;
    private final Duration stopGrace;

    OrphanReaper(Path ledgerDir, Duration stopGrace) {
        this.ledgerDir = ledgerDir;
        this.stopGrace = stopGrace;
    }

    /** Returns how many left-over processes (not counting descendants) it stopped. */
    int reap() {
        if (!Files.isDirectory(ledgerDir)) return 0;
        List<Path> ledgers;
        try (Stream<Path> files = Files.list(ledgerDir)) {
            ledgers = files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .toList();
        } catch (IOException e) {
            LOG.warn("cannot list {} to stop processes left by an earlier backend: {}", ledgerDir, e.getMessage());
            return 0;
        }
        int stopped = 0;
        for (Path ledger : ledgers) {
            try {
                ChildProcessLedger.Entry entry = ChildProcessLedger.Entry.read(ledger);
                if (ProcessOwner.isAlive(entry.owner())) continue;
                for (Map.Entry<Long, Instant> child : entry.children().entrySet()) {
                    ProcessHandle handle = ProcessTree.leftover(child.getKey(), child.getValue())
                            .orElse(null);
                    if (handle == null) continue;
                    LOG.info("stopping process {} left by backend {}, which is gone", handle.pid(), entry.owner());
                    ProcessTree.destroy(handle, stopGrace);
                    stopped++;
                }
                Files.deleteIfExists(ledger);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "cannot read {} (processes left by an earlier backend): {}; remove it if it stays",
                        ledger,
                        e.getMessage());
            }
        }
        return stopped;
    }
}
