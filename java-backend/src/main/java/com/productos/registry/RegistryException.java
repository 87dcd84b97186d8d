package com.productos.registry;

/** A registry that cannot be used, with the file, tool and field named so the fix is obvious. */
public final class RegistryException extends RuntimeException {
    private final String file;
    private final String tool;
    private final String field;

    public RegistryException(String file, String tool, String field, String problem) {
        super(compose(file, tool, field, problem));
        this.file = file;
        this.tool = tool;
        this.field = field;
    }

    private static String compose(String file, String tool, String field, String problem) {
        StringBuilder text = new StringBuilder("invalid tool registry ").append(file);
        if (tool != null) text.append(", tool '").append(tool).append('\'');
        if (field != null) text.append(", field '").append(field).append('\'');
        return text.append(": ").append(problem).toString();
    }

    public String file() {
        return file;
    }

    public String tool() {
        return tool;
    }

    public String field() {
        return field;
    }
}
