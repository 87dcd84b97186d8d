package com.productos.rpc.protocol;

import com.google.gson.JsonElement;

/** Why a run did not succeed: the error-code name and number of the shared table, a message, details. */
public record RunErrorInfo(String code, int numericCode, String message, JsonElement details) {}
