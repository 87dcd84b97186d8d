package com.productos.analytics.bigquery;

import com.productos.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback BigQuery REST endpoint for the real google-cloud-bigquery client. It speaks the wire
 * format (gzip request bodies, jobs.query answering jobComplete:false, then jobs.get,
 * getQueryResults with maxResults=0 and tabledata.list paged two rows at a time, all values as
 * strings) and answers queries by running them on a DuckDB connection after mapping the few
 * BigQuery functions the analytics queries use and binding the named parameters it received.
 */
final class FakeBigQueryServer implements AutoCloseable {
    private static final int PAGE_ROWS = 2;
    private static final Pattern PARAM = Pattern.compile("@(p\\d+)\\b");
    private final HttpServer server;
    private final Connection duckdb;
    private final Map<String, Result> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger jobCounter = new AtomicInteger();
    final List<JsonNode> queryRequests = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> contentEncodings = new CopyOnWriteArrayList<>();

    private record Result(ObjectNode schema, List<ArrayNode> rows, String query) {}

    FakeBigQueryServer(Connection duckdb) throws IOException {
        this.duckdb = duckdb;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            paths.add(exchange.getRequestMethod() + " " + uri.getPath());
            String path = uri.getPath();
            Map<String, String> query = queryParameters(uri.getRawQuery());
            String[] parts = path.split("/");
            // /bigquery/v2/projects/{p}/...
            String project = parts[4];
            if (exchange.getRequestMethod().equals("POST") && parts.length == 6 && parts[5].equals("queries")) {
                contentEncodings.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding")));
                JsonNode body = Json.parse(readBody(exchange));
                queryRequests.add(body);
                String jobId = "job_" + jobCounter.incrementAndGet();
                jobs.put(jobId, execute(body));
                send(
                        exchange,
                        200,
                        Json.object()
                                .put("kind", "bigquery#queryResponse")
                                .put("jobComplete", false)
                                .set("jobReference", jobReference(project, jobId)));
            } else if (parts.length == 7 && parts[5].equals("jobs")) {
                Result result = jobs.get(parts[6]);
                if (result == null) {
                    send(exchange, 404, error(404, "Not found: Job " + parts[6]));
                    return;
                }
                ObjectNode job = Json.object().put("kind", "bigquery#job").put("id", project + ":US." + parts[6]);
                job.set("jobReference", jobReference(project, parts[6]));
                ObjectNode queryConfiguration =
                        job.putObject("configuration").put("jobType", "QUERY").putObject("query");
                queryConfiguration.put("query", result.query());
                queryConfiguration
                        .putObject("destinationTable")
                        .put("projectId", project)
                        .put("datasetId", "_anon")
                        .put("tableId", "anon_" + parts[6]);
                job.putObject("status").put("state", "DONE");
                job.putObject("statistics")
                        .put("creationTime", "1700000000000")
                        .put("startTime", "1700000000000")
                        .put("endTime", "1700000000001");
                send(exchange, 200, job);
            } else if (parts.length == 7 && parts[5].equals("queries")) {
                Result result = jobs.get(parts[6]);
                ObjectNode response = Json.object()
                        .put("kind", "bigquery#getQueryResultsResponse")
                        .put("jobComplete", true)
                        .put("totalRows", Integer.toString(result.rows().size()));
                response.set("jobReference", jobReference(project, parts[6]));
                response.set("schema", result.schema());
                if (!"0".equals(query.get("maxResults"))) page(response, result, query);
                send(exchange, 200, response);
            } else if (parts.length == 10 && parts[5].equals("datasets") && parts[9].equals("data")) {
                Result result = jobs.get(parts[8].substring("anon_".length()));
                ObjectNode response = Json.object()
                        .put("kind", "bigquery#tableDataList")
                        .put("totalRows", Integer.toString(result.rows().size()));
                page(response, result, query);
                send(exchange, 200, response);
            } else {
                send(exchange, 404, error(404, "the fake does not serve " + exchange.getRequestMethod() + " " + path));
            }
        } catch (SQLException e) {
            send(exchange, 400, error(400, "Syntax error: " + e.getMessage()));
        } catch (RuntimeException e) {
            send(exchange, 500, error(500, e.toString()));
        }
    }

    private void page(ObjectNode response, Result result, Map<String, String> query) {
        int start = Integer.parseInt(query.getOrDefault("pageToken", query.getOrDefault("startIndex", "0")));
        int end = Math.min(result.rows().size(), start + PAGE_ROWS);
        ArrayNode rows = response.putArray("rows");
        for (int i = start; i < end; i++) {
            ObjectNode row = Json.object();
            row.set("f", result.rows().get(i));
            rows.add(row);
        }
        if (end < result.rows().size()) response.put("pageToken", Integer.toString(end));
    }

    private Result execute(JsonNode body) throws SQLException {
        if (body.path("useLegacySql").asBoolean(true))
            throw new SQLException("the analytics queries must use standard SQL");
        Map<String, JsonNode> parameters = new HashMap<>();
        for (JsonNode parameter : body.path("queryParameters"))
            parameters.put(parameter.path("name").asString(), parameter);
        String sql = toDuckDb(body.path("query").asString(), parameters);
        ObjectNode schema = Json.object();
        ArrayNode fields = schema.putArray("fields");
        List<ArrayNode> rows = new ArrayList<>();
        synchronized (duckdb) {
            try (Statement statement = duckdb.createStatement()) {
                if (!statement.execute(sql))
                    return new Result(schema, rows, body.path("query").asString());
                try (ResultSet rs = statement.getResultSet()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        fields.add(Json.object()
                                .put("name", meta.getColumnLabel(i))
                                .put("type", type(meta.getColumnType(i)))
                                .put("mode", "NULLABLE"));
                    }
                    while (rs.next()) {
                        ArrayNode row = Json.array();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            row.add(
                                    value == null
                                            ? Json.object().putNull("v")
                                            : Json.object().put("v", value.toString()));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return new Result(schema, rows, body.path("query").asString());
    }

    /** Maps the BigQuery functions the analytics queries use onto DuckDB and binds parameters as literals. */
    static String toDuckDb(String sql, Map<String, JsonNode> parameters) throws SQLException {
        String mapped = sql.replaceAll("`[^`.]+\\.[^`.]+\\.([A-Za-z0-9_]+)`", "$1")
                .replace("UNIX_MICROS(", "epoch_us(")
                .replace("JSON_VALUE(", "json_extract_string(")
                .replace("TIMESTAMP_MICROS(", "make_timestamp(")
                .replace("PARSE_JSON(", "json(");
        Matcher matcher = PARAM.matcher(mapped);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode parameter = parameters.get(matcher.group(1));
            if (parameter == null) throw new SQLException("Query parameter '" + matcher.group(1) + "' not found");
            String type = parameter.path("parameterType").path("type").asString();
            String value = parameter.path("parameterValue").path("value").asString();
            String literal = switch (type) {
                case "INT64" -> Long.toString(Long.parseLong(value));
                case "FLOAT64" -> Double.toString(Double.parseDouble(value));
                case "STRING" -> "'" + value.replace("'", "''") + "'";
                default -> throw new SQLException("the fake does not bind " + type);
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(literal));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String type(int sqlType) {
        return switch (sqlType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.NUMERIC, Types.DECIMAL -> "INTEGER";
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> "FLOAT";
            case Types.BOOLEAN -> "BOOLEAN";
            default -> "STRING";
        };
    }

    private static ObjectNode jobReference(String project, String jobId) {
        return Json.object().put("projectId", project).put("jobId", jobId).put("location", "US");
    }

    private static ObjectNode error(int code, String message) {
        ObjectNode error = Json.object();
        error.putObject("error")
                .put("code", code)
                .put("message", message)
                .putArray("errors")
                .add(Json.object()
                        .put("reason", code == 404 ? "notFound" : "invalidQuery")
                        .put("message", message));
        return error;
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding")))
            in = new GZIPInputStream(in);
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> queryParameters(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw == null) return map;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0)
                map.put(
                        pair.substring(0, eq),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
