package com.productos.executors;

import java.util.Map;

/**
 * Variables the backend itself supplies to the services it deploys, by name, read at each start of a
 * revision: today the embedded analytics executor's ingest URL and bearer token, known only once the
 * executor server listens. A service gets one only when its manifest asks for the name (pass_env),
 * and the values never travel through a run's input, output or logs.
 */
@FunctionalInterface
public interface ServiceVariables {
    ServiceVariables NONE = Map::of;

    /** The variables as they are now (empty before the executors listen). */
    Map<String, String> current();
}
