package com.productos.marketing.missinglettr;

import com.productos.config.ConfigException;

/** How the API key goes into the Authorization header: "Api-Key KEY" or "Bearer KEY" (both are documented). */
public enum AuthScheme {
    API_KEY("Api-Key"),
    BEARER("Bearer");

    private final String headerPrefix;

    AuthScheme(String headerPrefix) {
        this.headerPrefix = headerPrefix;
    }

    public String header(String apiKey) {
        return headerPrefix + " " + apiKey;
    }

    public static AuthScheme parse(String text) {
        return switch (text) {
            case "api_key" -> API_KEY;
            case "bearer" -> BEARER;
            default ->
                throw new ConfigException(
                        "marketing.missinglettr.auth_scheme '" + text + "' is unknown; use api_key or bearer");
        };
    }
}
