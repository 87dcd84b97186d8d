package com.productos.supervisor.offline;

import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.model.ModelReply;
import com.productos.supervisor.model.ModelRequest;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.TokenUsage;
import com.productos.supervisor.model.ToolResult;
import com.productos.supervisor.model.ToolSpec;
import com.productos.supervisor.model.TranscriptEntry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default model: deterministic intent and slot rules over the registry, no network.
 * A person's message becomes at most one tool call (or a question when a slot is missing); the
 * call's result becomes a short answer. It speaks the same loop as the real models, so approvals,
 * policy, limits and sessions behave exactly as they do with Gemini.
 */
public final class OfflinePlanner implements ModelProvider {
    public static final String MODEL_NAME = "offline-planner";
    private final IntentRules rules;
    private final AtomicLong callIds = new AtomicLong();

    public OfflinePlanner(Clock clock, ZoneId zone) {
        this.rules = new IntentRules(new ScheduleSlot(clock, zone));
    }

    @Override
    public String providerName() {
        return "offline";
    }

    @Override
    public String modelName() {
        return MODEL_NAME;
    }

    @Override
    public ModelReply next(ModelRequest request) {
        Map<String, String> registryByModel = new HashMap<>();
        Map<String, String> modelByRegistry = new HashMap<>();
        for (ToolSpec tool : request.tools()) {
            registryByModel.put(tool.modelName(), tool.registryName());
            modelByRegistry.put(tool.registryName(), tool.modelName());
        }
        List<TranscriptEntry> transcript = request.transcript();
        if (transcript.isEmpty()) return ModelReply.text(IntentRules.CAPABILITIES);
        TranscriptEntry last = transcript.get(transcript.size() - 1);
        if (last instanceof TranscriptEntry.ToolResults results) {
            StringBuilder text = new StringBuilder();
            for (ToolResult result : results.results()) {
                if (text.length() > 0) text.append("\n");
                text.append(ResultSummary.describe(registryByModel.get(result.modelToolName()), result));
            }
            return reply(text.toString(), List.of());
        }
        if (!(last instanceof TranscriptEntry.UserText user)) return ModelReply.text(IntentRules.CAPABILITIES);
        PlannerStep step = rules.plan(user.text(), PlannerMemory.of(transcript, registryByModel));
        if (step instanceof PlannerStep.Call call) {
            String modelName = modelByRegistry.get(call.tool());
            if (modelName == null)
                return reply("The tool " + call.tool() + " is not in this workspace's registry.", List.of());
            return reply(
                    call.preface(),
                    List.of(new ProposedCall("offline-" + callIds.incrementAndGet(), modelName, call.input(), null)));
        }
        return reply(((PlannerStep.Say) step).text(), List.of());
    }

    /** What the planner decides for one message, for tests and the accuracy harness. */
    public PlannerStep plan(String text, List<TranscriptEntry> transcript, Map<String, String> registryByModelName) {
        return rules.plan(text, PlannerMemory.of(transcript, registryByModelName));
    }

    private static ModelReply reply(String text, List<ProposedCall> calls) {
        return new ModelReply(text, calls, TokenUsage.NONE, "STOP", null);
    }
}
