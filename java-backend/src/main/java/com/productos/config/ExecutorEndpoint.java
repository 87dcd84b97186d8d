package com.productos.config;

import java.net.URI;

/**
 * A resolved executor: base URL and how to authenticate. {@code bearerToken} is a secret: it is never
 * logged, printed or stored; {@link #toString()} leaves it out.
 */
public record ExecutorEndpoint(String name, URI baseUrl, ExecutorAuth auth, String bearerToken) {
    @Override
    public String toString() {
        return "ExecutorEndpoint[" + name + " " + baseUrl + " auth=" + auth + "]";
    }
}
