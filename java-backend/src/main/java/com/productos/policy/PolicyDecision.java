package com.productos.policy;

import java.util.List;

/** The verdict for one call and the reasons that led to it (the default, then each matching rule). */
public record PolicyDecision(Verdict verdict, List<String> reasons) {
    public PolicyDecision {
        reasons = List.copyOf(reasons);
    }
}
