package com.productos.runs;

/** Something a run produced that lives outside the run record: a report file, a URL, a stored object. */
public record RunArtifact(String name, String uri, String mediaType) {}
