package com.productos.analytics.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventImporterTest {
    @TempDir
    Path dir;

    DuckDbWarehouse warehouse;
    EventImporter importer;

    @BeforeEach
    void open() {
        warehouse = new DuckDbWarehouse(DuckDbDatabase.open(dir.resolve("events.duckdb")));
        importer = new EventImporter(warehouse);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    long count(String where) {
        return warehouse.database().withConnection(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM events WHERE " + where)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Nested
    class Csv {
        @Test
        void goodRowsShouldBeStoredAndBadRowsReportedByLine() throws Exception {
            Path file = write("e.csv", """
                    uid,name,ts,plan
                    u1,signup,1700000000,pro
                    u2,,1700000001,free
                    u3,signup,notatime,free
                    "u4","say ""hi""
                    there",1700000002,free
                    u5,signup,1700000003
                    u6,visit,1700000004,free
                    """);
            ImportReport report = importer.importFile(
                    file,
                    ImportFormat.CSV,
                    ColumnMapping.parse("user_id=uid,event_name=name,timestamp=ts,unit=s,prop.plan=plan"));
            assertEquals(6, report.recordsRead());
            assertEquals(3, report.imported());
            assertEquals(3, report.rejectedCount());
            assertEquals(3, report.rejected().get(0).line());
            assertTrue(
                    report.rejected().get(0).reason().contains("event_name"),
                    report.rejected().toString());
            assertEquals(4, report.rejected().get(1).line());
            assertTrue(report.rejected().get(1).reason().contains("notatime"));
            assertEquals(7, report.rejected().get(2).line());
            assertTrue(report.rejected().get(2).reason().contains("fields"));
            assertEquals(1, count("user_id = 'u4' AND event_name = 'say \"hi\"\nthere'"));
            assertEquals(
                    1,
                    count(
                            "user_id = 'u1' AND json_extract_string(properties, '$.plan') = 'pro' AND ts = TIMESTAMP '2023-11-14 22:13:20'"));
        }

        @Test
        void reimportingTheSameFileShouldNotDoubleCount() throws Exception {
            Path file = write(
                    "e.csv", "u,e,t\na,x,2026-01-01T00:00:00Z\na,x,2026-01-01T00:00:00Z\nb,y,2026-01-01 00:00:01\n");
            ColumnMapping mapping = ColumnMapping.parse("user_id=u,event_name=e,timestamp=t");
            ImportReport first = importer.importFile(file, ImportFormat.CSV, mapping);
            ImportReport second = importer.importFile(file, ImportFormat.CSV, mapping);
            assertEquals(2, first.imported());
            assertEquals(1, first.duplicates());
            assertEquals(0, second.imported());
            assertEquals(3, second.duplicates());
            assertEquals(2, count("true"));
        }

        @Test
        void explicitInsertIdsShouldDecideWhatIsADuplicate() throws Exception {
            Path file = write(
                    "e.csv",
                    "id,u,e,t\n1,a,x,2026-01-01T00:00:00Z\n2,a,x,2026-01-01T00:00:00Z\n1,a,y,2026-01-02T00:00:00Z\n");
            ImportReport report = importer.importFile(
                    file, ImportFormat.CSV, ColumnMapping.parse("insert_id=id,user_id=u,event_name=e,timestamp=t"));
            assertEquals(2, report.imported());
            assertEquals(1, report.duplicates());
            assertEquals(0, count("event_name = 'y'"));
        }

        @Test
        void numericTimestampWithoutUnitShouldBeRefusedWithAHint() throws Exception {
            Path file = write("e.csv", "u,e,t\na,x,1700000000\n");
            ImportReport report = importer.importFile(
                    file, ImportFormat.CSV, ColumnMapping.parse("user_id=u,event_name=e,timestamp=t"));
            assertEquals(0, report.imported());
            assertTrue(
                    report.rejected().get(0).reason().contains("unit=s"),
                    report.rejected().get(0).reason());
        }

        @Test
        void aMappedColumnMissingFromTheHeaderShouldFailTheWholeFileAndStoreNothing() throws Exception {
            Path file = write("e.csv", "u,e,t\na,x,2026-01-01T00:00:00Z\n");
            IllegalArgumentException error = assertThrows(
                    IllegalArgumentException.class,
                    () -> importer.importFile(
                            file, ImportFormat.CSV, ColumnMapping.parse("user_id=user,event_name=e,timestamp=t")));
            assertTrue(error.getMessage().contains("'user'"), error.getMessage());
            assertEquals(0, count("true"));
        }
    }

    @Nested
    class Jsonl {
        @Test
        void nestedArraysShouldExplodeIntoOneEventPerElement() throws Exception {
            Path file = write("e.jsonl", """
                    {"session": 7, "events": [{"aid": 1, "ts": 1659304800025, "type": "clicks"}, {"aid": 2, "ts": 1659304800999, "type": "carts"}]}
                    not json
                    {"session": 8, "events": [{"aid": 3, "type": "orders"}]}
                    {"session": 9, "events": 5}
                    """);
            ImportReport report = importer.importFile(
                    file,
                    ImportFormat.JSONL,
                    ColumnMapping.parse(
                            "user_id=session,event_name=events[].type,timestamp=events[].ts,unit=ms,prop.aid=events[].aid"));
            assertEquals(4, report.recordsRead());
            assertEquals(2, report.imported());
            assertEquals(3, report.rejectedCount());
            assertEquals(2, report.rejected().get(0).line());
            assertEquals(3, report.rejected().get(1).line());
            assertTrue(
                    report.rejected().get(1).reason().startsWith("events[0]: timestamp"),
                    report.rejected().get(1).reason());
            assertEquals(4, report.rejected().get(2).line());
            assertEquals(
                    1,
                    count(
                            "user_id = '7' AND event_name = 'carts' AND json_extract_string(properties, '$.aid') = '2' AND ts = TIMESTAMP '2022-07-31 22:00:00.999'"));
        }

        @Test
        void dottedPathsAndAPropertiesObjectShouldBeRead() throws Exception {
            Path file = write(
                    "e.jsonl",
                    "{\"ctx\":{\"user\":\"u1\"},\"name\":\"signup\",\"at\":\"2026-03-01T10:00:00+02:00\",\"props\":{\"plan\":\"pro\"}}\n");
            ImportReport report = importer.importFile(
                    file,
                    ImportFormat.JSONL,
                    ColumnMapping.parse("user_id=ctx.user,event_name=name,timestamp=at,properties=props"));
            assertEquals(1, report.imported());
            assertEquals(
                    1,
                    count(
                            "user_id = 'u1' AND ts = TIMESTAMP '2026-03-01 08:00:00' AND json_extract_string(properties, '$.plan') = 'pro'"));
        }
    }

    @Test
    void parquetShouldBeReadWithTheSameMapping() throws Exception {
        Path file = dir.resolve("e.parquet");
        warehouse.database().withConnection(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("COPY (SELECT 'u' || i AS who, CASE WHEN i = 2 THEN NULL ELSE 'visit' END AS what, "
                        + "TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i) HOUR AS at FROM range(3) t(i)) TO '"
                        + file.toString().replace("'", "''") + "' (FORMAT parquet)");
            }
            return null;
        });
        ImportReport report = importer.importFile(
                file, ImportFormat.PARQUET, ColumnMapping.parse("user_id=who,event_name=what,timestamp=at"));
        assertEquals(2, report.imported());
        assertEquals(3, report.rejected().get(0).line());
        assertEquals(1, count("user_id = 'u1' AND ts = TIMESTAMP '2026-01-01 01:00:00'"));
    }

    @Test
    void mappingErrorsShouldSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse("user_id=a,event_name=b"))
                .getMessage()
                .contains("missing timestamp"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ColumnMapping.parse("user_id=a,event_name=b,timestamp=c,unit=h"))
                .getMessage()
                .contains("unit 'h'"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> ColumnMapping.parse("user=a,event_name=b,timestamp=c"))
                .getMessage()
                .contains("unknown mapping key 'user'"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ColumnMapping.parse("user_id=a[].x,event_name=b[].y,timestamp=c"))
                .getMessage()
                .contains("use one array"));
    }
}
