package com.productos.rpc.protocol;

/** Something a run produced: a report file, a URL, a stored object. */
public record RunArtifactInfo(String name, String uri, String mediaType) {}
