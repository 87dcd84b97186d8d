package com.productos.analytics.events;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes with {@code ""}
 * for a quote, line breaks allowed inside quotes. Each record carries the line it starts on, so a
 * refused row can be reported by line number.
 */
final class CsvReader {
    private final Reader reader;
    private long line = 1;
    private int pending = -2;

    CsvReader(Reader reader) {
        this.reader = reader;
    }

    /** The next record, or null at the end of input. */
    Record next() throws IOException {
        int c = read();
        if (c == -1) return null;
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean malformed = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    malformed = true;
                    fields.add(field.toString());
                    return new Record(startLine, fields, "a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') field.append('"');
                    else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append((char) c);
                }
                c = read();
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') unread(n);
                }
                if (c != -1) line++;
                fields.add(field.toString());
                return new Record(startLine, fields, malformed ? "a quote appears inside an unquoted field" : null);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                if (c == '"') malformed = true;
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return reader.read();
    }

    private void unread(int c) {
        pending = c;
    }

    /** One CSV record: the line it starts on, its fields, and a problem if it is malformed. */
    record Record(long line, List<String> fields, String problem) {}
}
