package com.productos.rpc.protocol;

/** approvals/list: {@code status} is pending | approved | denied | expired | consumed (absent: all); limit 1..500, default 100. */
public record ListApprovalsParams(String status, Integer limit) {}
