package com.productos.marketing.plans;

import java.util.List;

/** The words of a plan, the part a writer (rule-based or a model) chooses: its name, key messages and call to action. */
public record PlanCopy(String name, List<String> keyMessages, String callToAction, List<String> warnings) {
    public PlanCopy {
        keyMessages = List.copyOf(keyMessages);
        warnings = List.copyOf(warnings);
    }
}
