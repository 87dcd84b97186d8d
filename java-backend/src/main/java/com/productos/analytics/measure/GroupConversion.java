package com.productos.analytics.measure;

import com.productos.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** One group's way through the funnel: users at each step; entered = step 1, converted = last step. */
public record GroupConversion(String group, List<Long> usersPerStep) {
    public GroupConversion {
        usersPerStep = List.copyOf(usersPerStep);
    }

    public long entered() {
        return usersPerStep.get(0);
    }

    public long converted() {
        return usersPerStep.get(usersPerStep.size() - 1);
    }

    public double conversion() {
        return entered() == 0 ? 0.0 : (double) converted() / entered();
    }

    /** Step by step, this group's counts less another's: the users of a period outside a segment. */
    public GroupConversion minus(String name, GroupConversion other) {
        List<Long> rest = new ArrayList<>();
        for (int k = 0; k < usersPerStep.size(); k++) rest.add(usersPerStep.get(k) - other.usersPerStep.get(k));
        return new GroupConversion(name, rest);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object()
                .put("group", group)
                .put("users", entered())
                .put("converted", converted())
                .put("conversion", conversion());
        var steps = node.putArray("users_per_step");
        usersPerStep.forEach(steps::add);
        return node;
    }
}
