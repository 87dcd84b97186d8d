package com.productos.registry;

/**
 * Where a tool runs: {@code executorName} is the name inside the registry's URL placeholder
 * ("${executors.analytics}" gives "analytics"), resolved to a base URL from configuration at run time.
 */
public record ExecutorRef(String kind, String urlTemplate, String executorName, String path) {}
