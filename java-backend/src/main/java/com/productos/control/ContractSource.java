package com.productos.control;

import com.productos.policy.Policy;
import com.productos.registry.ToolRegistry;
import java.util.List;

/** Where the control plane reads its registry and policy, at every call, so a long-lived backend sees edits. */
@FunctionalInterface
public interface ContractSource {
    ContractSet current();

    /** A registry and policy that never change (tests, and processes that live for one command). */
    static ContractSource fixed(ToolRegistry registry, Policy policy) {
        ContractSet set = new ContractSet(registry, policy, List.of());
        return () -> set;
    }
}
