package com.productos.supervisor;

import com.productos.supervisor.model.ModelCallException;
import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.model.ModelReply;
import com.productos.supervisor.model.ModelRequest;

/** Stands in for a model whose configuration is broken: every call reports what to fix. */
final class MisconfiguredModel implements ModelProvider {
    private final String provider;
    private final String problem;

    MisconfiguredModel(String provider, String problem) {
        this.provider = provider;
        this.problem = problem;
    }

    @Override
    public String providerName() {
        return provider;
    }

    @Override
    public String modelName() {
        return "unconfigured";
    }

    @Override
    public ModelReply next(ModelRequest request) throws ModelCallException {
        throw ModelCallException.unusable("the supervisor's model is not usable: " + problem);
    }
}
