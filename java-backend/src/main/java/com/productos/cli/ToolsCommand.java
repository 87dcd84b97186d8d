package com.productos.cli;

import com.productos.app.Contracts;
import com.productos.config.Workspace;
import com.productos.daemon.BackendConnection;
import com.productos.daemon.BackendConnections;
import com.productos.daemon.ToolSummary;
import com.productos.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code productos tools list}: the registry. Asks the workspace backend when one runs (it may have
 * loaded the workspace's own registry at its start); otherwise reads the registry here, without starting
 * a backend for it.
 */
@Command(name = "tools", description = "The tool registry.", subcommands = ToolsCommand.ListTools.class)
final class ToolsCommand {
    @Command(name = "list", description = "List every tool with its risk and executor.")
    static final class ListTools implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            Output output = new Output(System.out, common.json);
            List<ToolSummary> tools = fromRunningBackend().orElseGet(this::fromRegistryFile);
            if (common.json) {
                ArrayNode list = Json.array();
                for (ToolSummary tool : tools) {
                    list.add(Json.object()
                            .put("name", tool.name())
                            .put("description", tool.description())
                            .put("risk", tool.risk())
                            .put("executor", tool.executor())
                            .set("inputSchema", tool.inputSchema()));
                }
                output.value(list);
            } else {
                for (ToolSummary tool : tools) {
                    output.line(String.format(
                            "%-34s %-7s %-14s %s", tool.name(), tool.risk(), tool.executor(), tool.description()));
                }
            }
            return ExitCodes.OK;
        }

        private Optional<List<ToolSummary>> fromRunningBackend() {
            if (BackendConnections.inProcessRequested(common.noDaemon, System.getenv())) return Optional.empty();
            Optional<BackendConnection> running = BackendConnections.openIfRunning(common.workspace, "productos-cli");
            if (running.isEmpty()) return Optional.empty();
            try (BackendConnection backend = running.get()) {
                return Optional.of(backend.tools());
            }
        }

        private List<ToolSummary> fromRegistryFile() {
            return Contracts.registry(Workspace.open(common.workspace)).tools().stream()
                    .map(tool -> new ToolSummary(
                            tool.name(),
                            tool.description(),
                            tool.risk().wireName(),
                            tool.executor().executorName(),
                            tool.inputSchema().source(),
                            tool.outputSchema().source()))
                    .toList();
        }
    }
}
