package com.productos.deploy.local;

import java.util.Map;
import java.util.Set;

/**
 * What a build or revision process inherits from the backend: only what tools need to run (PATH,
 * HOME, locale, proxies). Everything else, and in particular the backend's own secrets (executor
 * tokens, cloud credentials), stays out unless a manifest passes it by name.
 */
final class ChildEnvironment {
    private static final Set<String> INHERITED = Set.of(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "LANG",
            "LANGUAGE",
            "TZ",
            "TMPDIR",
            "SHELL",
            "TERM",
            "JAVA_HOME",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY",
            "http_proxy",
            "https_proxy",
            "no_proxy");

    private ChildEnvironment() {}

    /** Replaces the inherited environment of {@code target} with the allowed part of it. */
    static void restrict(Map<String, String> target) {
        target.keySet().removeIf(name -> !INHERITED.contains(name) && !name.startsWith("LC_"));
    }
}
