package com.productos.marketing.claims;

import java.util.List;

/** What checking one post found: the rules it breaks and its claim-heavy flags. */
public record PostCheck(List<PostViolation> violations, List<ClaimFlag> flags) {
    public PostCheck {
        violations = List.copyOf(violations);
        flags = List.copyOf(flags);
    }

    public boolean passes() {
        return violations.isEmpty();
    }

    public boolean hasBlocking() {
        return violations.stream().anyMatch(PostViolation::blocking);
    }

    public boolean claimHeavy() {
        return !flags.isEmpty();
    }
}
