package com.productos.control;

import com.productos.runs.RunError;

/**
 * The error-code table shared with the TypeScript side through registry/error-codes.json; a test keeps
 * this enum and that file in step.
 */
public enum ErrorCode implements RunError.Code {
    ParseError(-32700),
    InvalidRequest(-32600),
    MethodNotFound(-32601),
    InvalidParams(-32602),
    InternalError(-32603),
    RequestCancelled(-32800),
    ToolNotFound(-31001),
    InvalidInput(-31002),
    PolicyDenied(-31003),
    ApprovalRequired(-31004),
    RunNotFound(-31005),
    ExecutorUnavailable(-31006),
    ExecutorTimeout(-31007),
    ModelError(-31008),
    ExecutorError(-31009),
    OutputContractViolation(-31010),
    ApprovalNotFound(-31011),
    InvalidRunState(-31012),
    IdempotencyConflict(-31013),
    ApprovalExpired(-31014);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
