package com.productos.rpc;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Set;

/**
 * Makes Gson name the field when a scalar parameter has the wrong type. Gson's number adapters drop
 * the JSON path from their errors ("For input string: ten"); this wrapper notes the path before
 * reading and puts it back, so the client hears "params.limit: not a number".
 */
final class FieldPathAdapters implements TypeAdapterFactory {
    private static final Set<Class<?>> SCALARS = Set.of(
            String.class,
            Integer.class,
            Long.class,
            Double.class,
            Boolean.class,
            int.class,
            long.class,
            double.class,
            boolean.class);

    @Override
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        if (!SCALARS.contains(type.getRawType())) return null;
        TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                delegate.write(out, value);
            }

            @Override
            public T read(JsonReader in) throws IOException {
                String path = in.getPath();
                try {
                    return delegate.read(in);
                } catch (NumberFormatException | IllegalStateException | JsonSyntaxException e) {
                    String message = GsonErrors.summary(e);
                    if (message.contains(" path $")) throw e;
                    throw new JsonSyntaxException(message + " at path " + path, e);
                }
            }
        };
    }
}
