package com.productos.rpc.protocol;

import java.util.List;

/** Approvals, newest first. */
public record ListApprovalsResult(List<ApprovalInfo> approvals) {}
