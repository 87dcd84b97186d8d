package com.productos.analytics.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Probes: events.import_file must not copy the contents of an arbitrary file into the run record.
 * It reads files under the workspace (or a folder the user allowed) only, and its errors name
 * columns by count and position, never the file's text.
 */
class ImportFileConfinementTest {
    private static final String SECRET = "sk-live-7d1f0c9a2b3e4f5a6b7c8d9e";
    private static final String MAPPING = "user_id=user,event_name=event,timestamp=ts,unit=s";

    @TempDir
    Path workspace;

    @TempDir
    Path elsewhere;

    private DuckDbWarehouse warehouse;

    @BeforeEach
    void open() {
        warehouse = new DuckDbWarehouse(DuckDbDatabase.open(workspace.resolve("events.duckdb")));
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private JsonNode importFile(String path, String format, List<Path> allowed) throws ExecutorFailure {
        ImportFileHandler handler = new ImportFileHandler(
                warehouse, workspace, new ImportRoots(workspace, allowed, "/home/u/.config/productos/settings.yaml"));
        JsonNode input = Json.object().put("path", path).put("format", format).put("mapping", MAPPING);
        return handler.handle(
                new ExecutorRequest("/execute/events/import_file", input, "run_1", null, "user", new ExecutorLog()));
    }

    private long stored() {
        return warehouse.database().withConnection(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void headerWithoutTheMappedColumnsShouldBeNamedByCountAndPositionNeverQuoted() throws Exception {
        Path keyFile = Files.writeString(workspace.resolve("key.csv"), "API_KEY=" + SECRET + ",region,user\nx,y,z\n");
        ExecutorFailure failure =
                assertThrows(ExecutorFailure.class, () -> importFile(keyFile.toString(), "csv", List.of()));
        assertEquals(
                "the mapping names 3 columns and 2 of them are not in the CSV header: 'event', 'ts'; the header has "
                        + "3 columns, of which 'user' at position 3. Check the file's first line and fix the --map option (names "
                        + "match exactly, case included); nothing was imported",
                failure.getMessage());
        assertFalse(
                failure.details().toString().contains(SECRET), failure.details().toString());
        assertEquals(0, stored());
    }

    @Test
    void jsonlLineThatIsNotJsonShouldBeRefusedByLineWithoutItsText() throws Exception {
        Path env = Files.writeString(workspace.resolve("env.jsonl"), "TOKEN=" + SECRET + "\n");
        JsonNode report = importFile(env.toString(), "jsonl", List.of());
        assertEquals(
                "[{\"line\":1,\"reason\":\"is not valid JSON\"}]",
                report.get("rejected").toString());
        assertFalse(report.toString().contains(SECRET));
    }

    @Test
    void fileOutsideTheWorkspaceShouldBeRefusedAndNothingRead() throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("events.csv"), "user,event,ts\nu1,signup,1700000000\n");
        ExecutorFailure failure =
                assertThrows(ExecutorFailure.class, () -> importFile(outside.toString(), "csv", List.of()));
        assertEquals(
                outside + " is outside the workspace " + workspace + "; events are imported only from files under the "
                        + "workspace or a folder listed in imports.allowed_paths of /home/u/.config/productos/settings.yaml. Copy the "
                        + "file into the workspace, or add its folder there",
                failure.getMessage());
        assertEquals("/path", failure.details().get(0).get("pointer").asString());
        assertEquals(0, stored());
    }

    @Test
    void systemFilesShouldBeRefused() {
        for (String path : new String[] {"/proc/self/environ", "/etc/passwd", "../../../../../../etc/hostname"}) {
            ExecutorFailure failure =
                    assertThrows(ExecutorFailure.class, () -> importFile(path, "csv", List.of()), path);
            assertTrue(
                    failure.getMessage().contains("is outside the workspace")
                            || failure.getMessage().startsWith("no readable file"),
                    failure.getMessage());
        }
    }

    @Test
    void symbolicLinkInTheWorkspaceLeadingOutsideShouldBeRefused() throws Exception {
        Path target = Files.writeString(elsewhere.resolve("secret.csv"), "user,event,ts\nu1,signup,1700000000\n");
        Path link = Files.createSymbolicLink(workspace.resolve("events.csv"), target);
        ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> importFile("events.csv", "csv", List.of()));
        assertTrue(
                failure.getMessage()
                        .startsWith(link + " is outside the workspace " + workspace + " (it leads to "
                                + target.toRealPath() + ")"),
                failure.getMessage());
        assertEquals(0, stored());
    }

    @Test
    void fileInAFolderTheUserAllowedShouldBeImported() throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("events.csv"), "user,event,ts\nu1,signup,1700000000\n");
        assertEquals(
                1,
                importFile(outside.toString(), "csv", List.of(elsewhere))
                        .get("imported")
                        .asLong());
    }

    @Test
    void relativePathShouldBeTakenFromTheWorkspaceFolder() throws Exception {
        Files.createDirectories(workspace.resolve("data"));
        Files.writeString(
                workspace.resolve("data/events.csv"), "user,event,ts\nu1,signup,1700000000\nu2,signup,1700000001\n");
        assertEquals(
                2,
                importFile("data/events.csv", "csv", List.of()).get("imported").asLong());
    }
}
