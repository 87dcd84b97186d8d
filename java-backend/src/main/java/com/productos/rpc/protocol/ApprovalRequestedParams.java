package com.productos.rpc.protocol;

/** The approvals/requested notification: the new approval and the run that waits for it. */
public record ApprovalRequestedParams(ApprovalInfo approval, RunInfo run) {}
