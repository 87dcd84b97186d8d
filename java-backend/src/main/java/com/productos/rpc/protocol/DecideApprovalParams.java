package com.productos.rpc.protocol;

/** approvals/decide: {@code decision} is "approve" or "deny"; {@code note} is optional. */
public record DecideApprovalParams(String approvalId, String decision, String note) {}
