package com.productos.brand;

import com.productos.brand.firestore.FirestoreBrandProfileStore;
import com.productos.config.ConfigException;
import com.productos.executors.ExecutorEnvironment;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * Opens the Company Brain the configuration names: SQLite documents in the workspace (the default) or a
 * Firestore collection.
 *
 * <pre>
 * brand:
 *   backend: firestore            # sqlite (default) | firestore
 *   firestore:
 *     project_id: product-foo-prod
 *     database_id: (default)      # optional
 *     collection: brand_profiles  # optional
 *     credentials_file: /path/key.json   # optional; else Application Default Credentials
 *     emulator_host: 127.0.0.1:8080      # optional; a local emulator, no credentials
 * </pre>
 */
public final class BrandStores {
    private BrandStores() {}

    public static BrandProfileStore open(ExecutorEnvironment environment) {
        JsonNode section = environment.config().section("brand");
        String backend = section.path("backend").asString("sqlite");
        switch (backend) {
            case "sqlite":
                return SqliteBrandProfileStore.open(environment.workspace().executorStore("brand"));
            case "firestore":
                JsonNode firestore = section.path("firestore");
                String projectId = text(firestore, "project_id");
                if (projectId == null) {
                    throw new ConfigException(
                            "brand.backend is firestore but brand.firestore.project_id is not set in .productos/config.yaml");
                }
                String keyFile = text(firestore, "credentials_file");
                return FirestoreBrandProfileStore.connect(
                        projectId,
                        text(firestore, "database_id"),
                        keyFile == null ? null : Path.of(keyFile),
                        text(firestore, "emulator_host"),
                        text(firestore, "collection"));
            default:
                throw new ConfigException("brand.backend '" + backend + "' is unknown; use sqlite or firestore");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
