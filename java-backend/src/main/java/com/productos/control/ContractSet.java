package com.productos.control;

import com.productos.policy.Policy;
import com.productos.registry.ToolRegistry;
import java.util.List;

/**
 * The registry and policy one call is held to, read together so a call never mixes two versions, and
 * {@code notices}: why the files on disk are not what is in force (a broken edit), recorded on the run.
 */
public record ContractSet(ToolRegistry registry, Policy policy, List<String> notices) {
    public ContractSet {
        notices = List.copyOf(notices);
    }
}
