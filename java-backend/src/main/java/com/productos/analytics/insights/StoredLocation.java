package com.productos.analytics.insights;

/** Where a warehouse keeps insights: BigQuery dataset and table, or the DuckDB file and table. */
public record StoredLocation(String dataset, String table) {}
