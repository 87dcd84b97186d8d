package com.productos.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Values of the environment that are credentials by their name, so they are blanked wherever they would reach a model. */
final class SecretValues {
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_KEY|CREDENTIAL).*");

    private SecretValues() {}

    static List<String> of(Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (SECRET_NAME.matcher(variable.getKey()).matches() && variable.getValue() != null)
                values.add(variable.getValue());
        }
        return values;
    }
}
