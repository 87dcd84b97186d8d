package com.productos.cli;

import com.productos.json.Json;
import com.productos.app.Contracts;
import com.productos.config.Workspace;
import com.productos.registry.ToolDefinition;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.node.ArrayNode;

/** {@code productos tools list}: the registry, without starting any executor. */
@Command(name = "tools", description = "The tool registry.", subcommands = ToolsCommand.ListTools.class)
final class ToolsCommand {
    @Command(name = "list", description = "List every tool with its risk and executor.")
    static final class ListTools implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            Output output = new Output(System.out, common.json);
            var registry = Contracts.registry(Workspace.open(common.workspace));
            if (common.json) {
                ArrayNode tools = Json.array();
                for (ToolDefinition tool : registry.tools()) {
                    tools.add(Json.object().put("name", tool.name()).put("description", tool.description())
                            .put("risk", tool.risk().wireName()).put("executor", tool.executor().executorName())
                            .set("inputSchema", tool.inputSchema().source()));
                }
                output.value(tools);
            } else {
                for (ToolDefinition tool : registry.tools()) {
                    output.line(String.format("%-34s %-7s %-14s %s", tool.name(), tool.risk().wireName(),
                            tool.executor().executorName(), tool.description()));
                }
            }
            return ExitCodes.OK;
        }
    }
}
