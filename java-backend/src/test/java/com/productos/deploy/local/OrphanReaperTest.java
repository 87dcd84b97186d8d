package com.productos.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.common.ProcessOwner;
import com.productos.config.Workspace;
import com.productos.json.Json;
import com.productos.logfiles.LocalLogLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class OrphanReaperTest {
    /** A backend that is gone: pid 1 is alive, but not with this start time. */
    private static final String GONE_OWNER = "1@1";

    @TempDir
    Path temp;

    private LocalLogLayout layout;
    private OrphanReaper reaper;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        layout = new LocalLogLayout(Workspace.open(temp));
        reaper = new OrphanReaper(ChildProcessLedger.dir(layout), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process sleep() throws Exception {
        Process process = new ProcessBuilder("sleep", "300").start();
        started.add(process);
        return process;
    }

    private static Instant startOf(Process process) {
        return process.toHandle().info().startInstant().orElseThrow();
    }

    private Path writeLedger(String name, String owner, long pid, Instant startedAt) throws Exception {
        ObjectNode root = Json.object().put("owner", owner);
        root.withArray("children").add(Json.object().put("pid", pid).put("started_at", startedAt.toString()));
        Path file = Files.createDirectories(ChildProcessLedger.dir(layout)).resolve(name);
        Files.writeString(file, Json.write(root));
        return file;
    }

    @Test
    void theChildrenOfAGoneBackendShouldBeStoppedAndItsLedgerRemoved() throws Exception {
        Process orphan = sleep();
        Path ledger = writeLedger("gone.json", GONE_OWNER, orphan.pid(), startOf(orphan));

        assertEquals(1, reaper.reap());

        assertTrue(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(Files.exists(ledger));
    }

    @Test
    void aReusedPidShouldBeLeftAlone() throws Exception {
        Process unrelated = sleep();
        writeLedger("gone.json", GONE_OWNER, unrelated.pid(), startOf(unrelated).minusSeconds(60));

        assertEquals(0, reaper.reap());

        assertTrue(unrelated.isAlive(), "a process that only shares the recorded pid is not the recorded child");
    }

    @Test
    void theChildrenOfALiveBackendShouldBeLeftAlone() throws Exception {
        Process child = sleep();
        Path ledger = writeLedger("live.json", ProcessOwner.current(), child.pid(), startOf(child));

        assertEquals(0, reaper.reap());

        assertTrue(child.isAlive());
        assertTrue(Files.exists(ledger));
    }

    @Test
    void aDamagedLedgerShouldNotStopTheOthersFromBeingReaped() throws Exception {
        Files.writeString(
                Files.createDirectories(ChildProcessLedger.dir(layout)).resolve("damaged.json"), "{\"owner\":");
        Process orphan = sleep();
        writeLedger("gone.json", GONE_OWNER, orphan.pid(), startOf(orphan));

        assertEquals(1, reaper.reap());
    }

    @Test
    void aLedgerShouldListItsChildrenUntilTheyAreForgottenAndThenGo() throws Exception {
        ChildProcessLedger ledger = new ChildProcessLedger(layout, ProcessOwner.current());
        Process first = sleep();
        Process second = sleep();

        ledger.record(first.toHandle());
        ledger.record(second.toHandle());
        Path file;
        try (var files = Files.list(ChildProcessLedger.dir(layout))) {
            file = files.filter(path -> path.toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
        }
        ChildProcessLedger.Entry entry = ChildProcessLedger.Entry.read(file);
        assertEquals(ProcessOwner.current(), entry.owner());
        assertEquals(
                List.of(first.pid(), second.pid()), List.copyOf(entry.children().keySet()));
        assertEquals(startOf(first), entry.children().get(first.pid()));

        ledger.forget(first.toHandle());
        assertEquals(
                List.of(second.pid()),
                List.copyOf(ChildProcessLedger.Entry.read(file).children().keySet()));
        ledger.forget(second.toHandle());
        assertFalse(Files.exists(file), "an empty ledger is removed");
    }
}
