package com.productos.app;

import com.productos.executors.ServiceVariables;
import java.net.URI;
import java.util.Map;

/**
 * The embedded ingest endpoint as deployed services read it: ANALYTICS_URL (the executor server's base
 * URL; the service posts to {@code /ingest/events} under it) and ANALYTICS_TOKEN. Empty until the
 * executor server listens, and empty for good when analytics does not run embedded here.
 */
final class IngestVariables implements ServiceVariables {
    static final String URL_VARIABLE = "ANALYTICS_URL";
    static final String TOKEN_VARIABLE = "ANALYTICS_TOKEN";
    private volatile Map<String, String> variables = Map.of();

    void listening(URI baseUrl, String token) {
        variables = Map.of(URL_VARIABLE, baseUrl.toString(), TOKEN_VARIABLE, token);
    }

    @Override
    public Map<String, String> current() {
        return variables;
    }
}
