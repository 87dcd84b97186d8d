package com.productos.supervisor;

import com.productos.supervisor.model.ModelCallException;
import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.model.ModelReply;
import com.productos.supervisor.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A model whose replies a test scripts, for what the loop does around the model (the providers'
 * wire formats have their own tests against loopback fakes). Records every request it was sent.
 */
final class ScriptedModel implements ModelProvider {
    interface Step {
        ModelReply reply(ModelRequest request) throws ModelCallException, InterruptedException;
    }

    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
    private final List<ModelRequest> requests = new ArrayList<>();

    ScriptedModel then(Step step) {
        steps.add(step);
        return this;
    }

    ScriptedModel then(ModelReply reply) {
        return then(request -> reply);
    }

    synchronized List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String providerName() {
        return "gemini";
    }

    @Override
    public String modelName() {
        return "scripted";
    }

    @Override
    public ModelReply next(ModelRequest request) throws ModelCallException, InterruptedException {
        synchronized (this) {
            requests.add(request);
        }
        Step step = steps.poll();
        if (step == null) return ModelReply.text("(the script ended)");
        return step.reply(request);
    }
}
