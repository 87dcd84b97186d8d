package com.productos.executors;

/**
 * The HTTP contract between the control plane and an executor.
 *
 * <p>Request: {@code POST {executor url}{tool path}}, body = the tool input (JSON object), headers
 * {@code Authorization: Bearer <token or Google ID token>}, {@link #RUN_ID_HEADER},
 * {@link #ACTOR_HEADER} and, when the call has one, {@link #IDEMPOTENCY_KEY_HEADER}.
 *
 * <p>Success: HTTP 200, body {@code {"output": {...}, "logs": [{"severity","text"}],
 * "artifacts": [{"name","uri","media_type"}]}}.
 *
 * <p>Failure: HTTP 4xx/5xx, body {@code {"error": {"code": "...", "message": "...", "details": ...}}}.
 * 400 bad input, 401 bad credentials, 404 unknown path or object, 409 conflict, 413 too large,
 * 503 a backend is down, 504 the executor's own time limit ran out.
 */
public final class ExecutorProtocol {
    public static final String RUN_ID_HEADER = "X-ProductOS-Run-Id";
    public static final String ACTOR_HEADER = "X-ProductOS-Actor";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final String HEALTH_PATH = "/healthz";

    private ExecutorProtocol() {}
}
