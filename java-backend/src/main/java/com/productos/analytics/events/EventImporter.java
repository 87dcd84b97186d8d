package com.productos.analytics.events;

import com.productos.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a CSV, JSONL or Parquet file of events into the warehouse ({@code productos events import}).
 *
 * <p>The whole file is one batch: every good row is stored in one transaction at the end, so a crash
 * mid-file stores nothing and the import can simply be run again. A bad row is refused with its line
 * number and reason and the rest of the file is still imported. Re-importing rows already stored
 * (same insert id, or same user, event and timestamp when there is no insert id) stores nothing new.
 */
public final class EventImporter {
    private static final Logger LOG = LoggerFactory.getLogger(EventImporter.class);
    private final EventSink sink;
    private final EventLimits limits;

    public EventImporter(EventSink sink, EventLimits limits) {
        this.sink = sink;
        this.limits = limits;
    }

    public EventImporter(EventSink sink) {
        this(sink, EventLimits.DEFAULT);
    }

    /**
     * Imports {@code file}. Throws {@link IllegalArgumentException} when the file as a whole cannot be
     * read with this mapping (missing file, a mapped column absent from the CSV header); refused rows
     * are in the report instead.
     */
    public ImportReport importFile(Path file, ImportFormat format, ColumnMapping mapping) throws IOException {
        if (!Files.isRegularFile(file))
            throw new NoSuchFileException(file.toString(), null, "no such file; check the path");
        Tally tally = new Tally(new RecordMapper(mapping, new EventBuilder(limits)));
        long started = System.nanoTime();
        IngestResult result;
        try (EventBatch batch = sink.openBatch()) {
            switch (format) {
                case CSV -> readCsv(file, mapping, tally, batch);
                case JSONL -> readJsonl(file, tally, batch);
                case PARQUET -> readParquet(file, tally, batch);
            }
            result = batch.commit();
        }
        LOG.info(
                "imported {} ({}): {} events read, {} stored, {} duplicates, {} refused in {} ms",
                file,
                format,
                tally.events,
                result.inserted(),
                result.duplicates(),
                tally.rejectedCount,
                (System.nanoTime() - started) / 1_000_000);
        return new ImportReport(
                file,
                format,
                tally.records,
                tally.events,
                result.inserted(),
                result.duplicates(),
                tally.rejectedCount,
                List.copyOf(tally.rejected));
    }

    private static void readCsv(Path file, ColumnMapping mapping, Tally tally, EventBatch batch) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(reader);
            CsvReader.Record header = csv.next();
            if (header == null) return;
            List<String> names = header.fields();
            if (!names.isEmpty() && names.get(0).startsWith("\uFEFF"))
                names.set(0, names.get(0).substring(1));
            checkHeader(names, mapping);
            for (CsvReader.Record record = csv.next(); record != null; record = csv.next()) {
                if (record.fields().size() == 1 && record.fields().get(0).isEmpty()) continue;
                tally.records++;
                if (record.problem() != null) {
                    tally.reject(record.line(), record.problem());
                } else if (record.fields().size() != names.size()) {
                    tally.reject(
                            record.line(), "has " + record.fields().size() + " fields, the header has " + names.size());
                } else {
                    ObjectNode row = Json.object();
                    for (int i = 0; i < names.size(); i++)
                        row.put(names.get(i), record.fields().get(i));
                    tally.accept(record.line(), row, batch);
                }
            }
        }
    }

    /**
     * Every mapped column must be in the header. The error names the mapping's columns (the caller's
     * own input) and the header only by count and position: a file that is not an events file (a key,
     * an environment dump) must not have its first line copied into the run record.
     */
    private static void checkHeader(List<String> names, ColumnMapping mapping) {
        List<String> missing = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String column : mapping.columns()) {
            int position = names.indexOf(column);
            if (position < 0) missing.add("'" + column + "'");
            else found.add("'" + column + "' at position " + (position + 1));
        }
        if (missing.isEmpty()) return;
        throw new IllegalArgumentException(
                "the mapping names " + mapping.columns().size() + " column"
                        + (mapping.columns().size() == 1 ? "" : "s") + " and " + missing.size() + " of them "
                        + (missing.size() == 1 ? "is" : "are") + " not in the CSV header: " + String.join(", ", missing)
                        + "; the header has " + names.size() + " column" + (names.size() == 1 ? "" : "s")
                        + (found.isEmpty() ? " and none of them is mapped" : ", of which " + String.join(", ", found))
                        + ". Check the file's first line and fix the --map option (names match exactly, case included)");
    }

    private static void readJsonl(Path file, Tally tally, EventBatch batch) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) continue;
                tally.records++;
                JsonNode node;
                try {
                    node = Json.parse(line);
                } catch (RuntimeException e) {
                    // The parser's message quotes the text it stumbled on; the line number is enough.
                    tally.reject(lineNumber, "is not valid JSON");
                    continue;
                }
                if (!node.isObject()) tally.reject(lineNumber, "is not a JSON object");
                else tally.accept(lineNumber, node, batch);
            }
        }
    }

    /** Parquet is read through an in-memory DuckDB; timestamps arrive as UTC ISO text. */
    private static void readParquet(Path file, Tally tally, EventBatch batch) throws IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            List<String> select = new ArrayList<>();
            try (PreparedStatement describe = connection.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
                describe.setString(1, file.toAbsolutePath().toString());
                try (ResultSet rs = describe.executeQuery()) {
                    while (rs.next()) select.add(parquetColumn(rs.getString(1), rs.getString(2)));
                }
            }
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT " + String.join(", ", select) + " FROM read_parquet(?)")) {
                query.setString(1, file.toAbsolutePath().toString());
                try (ResultSet rs = query.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    long row = 0;
                    while (rs.next()) {
                        row++;
                        tally.records++;
                        ObjectNode node = Json.object();
                        for (int i = 1; i <= meta.getColumnCount(); i++)
                            node.set(meta.getColumnLabel(i), jsonValue(rs.getObject(i)));
                        tally.accept(row, node, batch);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read Parquet file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String parquetColumn(String name, String type) {
        String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
        if (type.startsWith("TIMESTAMP WITH TIME ZONE")) {
            return "strftime(" + quoted + " AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ') AS " + quoted;
        }
        if (type.startsWith("TIMESTAMP")) return "strftime(" + quoted + ", '%Y-%m-%dT%H:%M:%S.%fZ') AS " + quoted;
        if (type.startsWith("DATE")) return quoted + "::VARCHAR || 'T00:00:00Z' AS " + quoted;
        if (type.contains("[") || type.startsWith("STRUCT") || type.startsWith("MAP"))
            return "to_json(" + quoted + ")::VARCHAR AS " + quoted;
        return quoted;
    }

    private static JsonNode jsonValue(Object value) {
        if (value == null) return Json.object().nullNode();
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Json.object().numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) return Json.object().numberNode(big);
        if (value instanceof BigDecimal decimal) return Json.object().numberNode(decimal);
        if (value instanceof Double || value instanceof Float)
            return Json.object().numberNode(((Number) value).doubleValue());
        if (value instanceof Boolean bool) return Json.object().booleanNode(bool);
        return Json.object().stringNode(value.toString());
    }

    /** Counts and refusals while one file is read. */
    private static final class Tally {
        private final RecordMapper mapper;
        private final List<RejectedRow> rejected = new ArrayList<>();
        private long records;
        private long events;
        private long rejectedCount;

        Tally(RecordMapper mapper) {
            this.mapper = mapper;
        }

        void accept(long line, JsonNode record, EventBatch batch) {
            for (RecordMapper.Outcome outcome : mapper.map(record)) {
                events++;
                if (outcome.event() != null) batch.add(outcome.event());
                else reject(line, outcome.refusal());
            }
        }

        void reject(long line, String reason) {
            rejectedCount++;
            if (rejected.size() < ImportReport.MAX_LISTED) rejected.add(new RejectedRow(line, reason));
        }
    }
}
