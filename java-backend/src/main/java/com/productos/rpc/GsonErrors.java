package com.productos.rpc;

import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what went wrong out of Gson's exceptions: whether the text was not JSON at all, and, for JSON
 * of the wrong shape, which field ("params.limit") and what was expected, in words a client can act on.
 */
final class GsonErrors {
    private static final Pattern PATH = Pattern.compile("path (\\$[^\\s]*)");

    private GsonErrors() {}

    /** True when the text is not strict JSON (lsp4j's reader is lenient, so its errors cannot tell). */
    static boolean isStrictJson(byte[] body) {
        try {
            JsonReader reader =
                    new JsonReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
            reader.setStrictness(Strictness.STRICT);
            JsonParser.parseReader(reader);
            return reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True when the text is not JSON (as opposed to JSON that does not fit the expected shape). */
    static boolean isMalformed(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MalformedJsonException || cause instanceof EOFException) return true;
        }
        return false;
    }

    /** "params.limit: expected an int but was a string" from Gson's message. */
    static String describeField(Throwable thrown) {
        String text = innermostMessage(thrown);
        String field = "";
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Matcher path = PATH.matcher(String.valueOf(cause.getMessage()));
            if (path.find()) {
                field = path.group(1).replaceFirst("^\\$\\.?", "");
                break;
            }
        }
        if (!field.startsWith("params")) field = field.isEmpty() ? "params" : "params." + field;
        return field + ": " + what(text);
    }

    /** The parser's complaint without Gson's troubleshooting links. */
    static String summary(Throwable thrown) {
        return firstLine(innermostMessage(thrown));
    }

    private static String what(String text) {
        String what = firstLine(text);
        for (String cut : new String[] {"; at path ", " at line ", " at path "}) {
            int at = what.indexOf(cut);
            if (at >= 0) what = what.substring(0, at);
        }
        what = what.replace("java.lang.IllegalStateException: ", "")
                .replace("java.lang.NumberFormatException: ", "")
                .replace("For input string:", "not a number:")
                .replace("BEGIN_OBJECT", "an object")
                .replace("BEGIN_ARRAY", "an array")
                .replace("STRING", "a string")
                .replace("NUMBER", "a number")
                .replace("BOOLEAN", "a boolean")
                .replace("NULL", "null");
        return what.isEmpty()
                ? "has the wrong type"
                : what.substring(0, 1).toLowerCase(Locale.ROOT) + what.substring(1);
    }

    private static String innermostMessage(Throwable thrown) {
        String message = null;
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null) message = cause.getMessage();
        }
        return message == null ? "" : message;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline >= 0 ? text.substring(0, newline) : text).trim();
    }
}
