package com.productos.rpc.protocol;

/** The backend's name and build version. */
public record ServerInfo(String name, String version) {}
