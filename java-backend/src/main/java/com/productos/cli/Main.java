package com.productos.cli;

import com.productos.common.KnownSecrets;
import com.productos.common.StoreException;
import com.productos.config.ConfigException;
import com.productos.control.ErrorCode;
import com.productos.control.ToolCallException;
import com.productos.daemon.BackendCannotStart;
import com.productos.daemon.BackendGone;
import com.productos.json.Json;
import com.productos.policy.PolicyException;
import com.productos.registry.RegistryException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code productos} command line, for people and for scripts. */
@Command(
        name = "productos",
        mixinStandardHelpOptions = true,
        version = "Product OS 0.1.0",
        description =
                "Product OS: deploy, events, insight, campaign, publish, measure; every action a recorded tool run.",
        subcommands = {
            ToolsCommand.class,
            CallCommand.class,
            RunsCommand.class,
            ApprovalsCommand.class,
            EventsCommand.class,
            ServeCommand.class,
            McpCommand.class,
            ExecutorCommand.class,
            TourCommand.class,
            InsightsCommand.class,
            CampaignsCommand.class,
            ChatCommand.class,
            AskCommand.class,
            WorkspaceBackendCommand.class
        })
public final class Main {
    public static void main(String[] args) {
        KnownSecrets.addSecretVariables(System.getenv());
        StdioDiscipline.redactStderr();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(Main::handle);
        // "--input @file.json" is ours to read as JSON; picocli would expand it as an argument file.
        commandLine.setExpandAtFiles(false);
        return commandLine.execute(args);
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof CliFailure failure) {
            err.println("productos: " + failure.getMessage());
            return failure.exitCode();
        }
        if (e instanceof ToolCallException call) {
            err.println("productos: " + call.code().name() + " (" + call.code().code() + "): " + call.getMessage());
            if (call.data() != null)
                err.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(call.data()));
            boolean badRequest = call.code() == ErrorCode.ToolNotFound
                    || call.code() == ErrorCode.InvalidInput
                    || call.code() == ErrorCode.IdempotencyConflict
                    || call.code() == ErrorCode.RunNotFound
                    || call.code() == ErrorCode.ApprovalNotFound;
            return badRequest ? ExitCodes.USAGE : ExitCodes.RUN_FAILED;
        }
        if (e instanceof BackendCannotStart refused) {
            err.println("productos: " + refused.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof BackendGone gone) {
            err.println("productos: " + gone.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        if (e instanceof RegistryException
                || e instanceof PolicyException
                || e instanceof ConfigException
                || e instanceof StoreException
                || e instanceof IllegalArgumentException) {
            err.println("productos: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("productos: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if (System.getenv("PRODUCTOS_DEBUG") != null) e.printStackTrace(err);
        return ExitCodes.RUN_FAILED;
    }
}
