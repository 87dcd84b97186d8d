package com.productos.supervisor.model;

import tools.jackson.databind.JsonNode;

/**
 * A function call the model asked for, as it asked: its id (made up by us when the API gives none),
 * the function name the model used, and the arguments, or why they could not be read (an
 * OpenAI-compatible server passes them as a JSON string that may be broken).
 */
public record ProposedCall(String callId, String modelToolName, JsonNode arguments, String argumentsProblem) {}
