package com.productos.analytics.events;

/** What one write into the warehouse did: events newly stored, and events already there (same insert id). */
public record IngestResult(long inserted, long duplicates) {}
