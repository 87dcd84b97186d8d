package com.productos.marketing;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where marketing reads brand profiles (the Company Brain) from. Marketing only reads them; the
 * backend's wiring fills this from the brand executor's store, so marketing needs none of brand's classes.
 */
public interface BrandProfiles extends AutoCloseable {
    /** The brand document of {@code profileId}, or empty when there is no such profile. */
    Optional<JsonNode> find(String profileId);

    @Override
    default void close() {}
}
