package com.productos.app;

import com.productos.config.UserSettings;
import com.productos.config.Workspace;
import com.productos.control.ContractSet;
import com.productos.control.ContractSource;
import com.productos.policy.Policy;
import com.productos.policy.PolicyException;
import com.productos.registry.RegistryException;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace's registry and policy as a long-lived backend holds them: read again when
 * .productos/tool-registry.yaml, .productos/policy.yaml or the person's settings file change (checked at
 * each call by modification time, size and file key), so an edit applies to the next call without a
 * restart. An edit that does not load leaves the previous pair in force; the error (file, line, what is
 * wrong) is logged once and recorded on every run until the file is fixed. The bundled floors hold
 * either way, since every load goes through {@link Contracts#policy}.
 */
public final class WorkspaceContracts implements ContractSource {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceContracts.class);

    private final Workspace workspace;
    private final Map<String, String> environment;
    private final Clock clock;
    private final List<Path> files;
    private ContractFileStamps stamps;
    private ContractSet inForce;
    private Instant loadedAt;

    private WorkspaceContracts(Workspace workspace, Map<String, String> environment, Clock clock) {
        this.workspace = workspace;
        this.environment = environment;
        this.clock = clock;
        this.files = List.of(
                registryFile(workspace),
                policyFile(workspace),
                UserSettings.load(environment).file());
    }

    /** Loads the pair once; a broken file here stops the backend's start, as it always has. */
    public static WorkspaceContracts load(Workspace workspace, Map<String, String> environment, Clock clock) {
        WorkspaceContracts contracts = new WorkspaceContracts(workspace, environment, clock);
        ContractFileStamps now = ContractFileStamps.of(contracts.files);
        contracts.inForce = new ContractSet(
                Contracts.registry(workspace), Contracts.policy(workspace, UserSettings.load(environment)), List.of());
        contracts.stamps = now;
        contracts.loadedAt = clock.instant();
        return contracts;
    }

    @Override
    public synchronized ContractSet current() {
        ContractFileStamps now = ContractFileStamps.of(files);
        if (now.equals(stamps)) return inForce;
        stamps = now;
        ContractSet previous = inForce;
        try {
            ToolRegistry registry = Contracts.registry(workspace);
            checkRoutesKept(previous.registry(), registry);
            Policy policy = Contracts.policy(workspace, UserSettings.load(environment));
            inForce = new ContractSet(registry, policy, List.of());
            loadedAt = clock.instant();
            LOG.info(
                    "reloaded the tool registry ({} tools, {}) and the policy after an edit",
                    registry.tools().size(),
                    registry.source());
        } catch (RegistryException | PolicyException e) {
            String notice = describe(e) + "; the registry and policy loaded at "
                    + loadedAt.truncatedTo(ChronoUnit.SECONDS) + " stay in force until the file is fixed";
            inForce = new ContractSet(previous.registry(), previous.policy(), List.of(notice));
            LOG.warn("{}", notice);
        }
        return inForce;
    }

    /**
     * The embedded executors serve each tool at the path they started with, so a reloaded registry may add
     * tools and change schemas, risks and descriptions, but may not move a tool to another executor or path.
     */
    private static void checkRoutesKept(ToolRegistry before, ToolRegistry after) {
        for (ToolDefinition tool : before.tools()) {
            Optional<ToolDefinition> now = after.find(tool.name());
            if (now.isEmpty()) continue;
            String was = tool.executor().executorName() + " " + tool.executor().path();
            String is = now.get().executor().executorName() + " "
                    + now.get().executor().path();
            if (!was.equals(is)) {
                throw new RegistryException(
                        after.source(),
                        tool.name(),
                        "executor",
                        "moves from '" + was + "' to '" + is + "', which the running executors do not serve;"
                                + " run productos backend stop so the next command starts a backend with it");
            }
        }
    }

    /** The loader's message, with the line of the field it names when the file says where that is. */
    private String describe(RuntimeException e) {
        String message = e.getMessage();
        Path file;
        String pointer;
        if (e instanceof RegistryException registry) {
            file = registryFile(workspace);
            pointer = registry.tool() == null
                    ? "/" + nullToEmpty(registry.field()).replace('.', '/')
                    : "/tools/" + registry.tool() + "/"
                            + nullToEmpty(registry.field()).replace('.', '/');
        } else {
            file = message.contains(policyFile(workspace).toString()) ? policyFile(workspace) : null;
            pointer = null;
        }
        if (file == null || !Files.isRegularFile(file) || message.contains("(line ")) return message;
        YamlLines lines;
        try {
            lines = YamlLines.of(Files.readString(file));
        } catch (IOException unreadable) {
            return message;
        }
        if (e instanceof PolicyException policy) pointer = policyPointer(lines, policy.where());
        if (pointer == null) return message;
        return lines.lineOf(stripTrailingSlash(pointer))
                .map(line -> message + " (line " + line + ")")
                .orElse(message);
    }

    /** "rule 'prod-deploys' when.actor" -> /rules/N/when/actor; "defaults.high.user" -> /defaults/high/user. */
    private static String policyPointer(YamlLines lines, String where) {
        if (where == null) return null;
        if (where.startsWith("rule '")) {
            int end = where.indexOf('\'', 6);
            if (end < 0) return null;
            String name = where.substring(6, end);
            String field = where.substring(end + 1).trim();
            return lines.itemWith("/rules", "name", name)
                    .map(item -> field.isEmpty() ? item : item + "/" + field.replace('.', '/'))
                    .orElse(null);
        }
        if (where.startsWith("rules[") && where.endsWith("]")) {
            return "/rules/" + where.substring(6, where.length() - 1);
        }
        return "/" + where.replace('.', '/');
    }

    private static String stripTrailingSlash(String pointer) {
        return pointer.endsWith("/") ? pointer.substring(0, pointer.length() - 1) : pointer;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    static Path registryFile(Workspace workspace) {
        return workspace.dataDir().resolve("tool-registry.yaml");
    }

    static Path policyFile(Workspace workspace) {
        return workspace.dataDir().resolve("policy.yaml");
    }
}
