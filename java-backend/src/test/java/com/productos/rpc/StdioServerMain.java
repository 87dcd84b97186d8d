package com.productos.rpc;

import com.productos.common.SqliteDatabase;
import com.productos.control.ControlPlane;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.store.SqliteApprovalStore;
import com.productos.store.SqliteRunStore;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A process that serves JSON-RPC on its real stdin and stdout the way {@code serve --stdio} does, for
 * the test that checks the process-level behaviour: clean stdout, exit codes, exit at end of input.
 * Argument: the folder for the SQLite file.
 */
public final class StdioServerMain {
    private StdioServerMain() {}

    public static void main(String[] args) throws Exception {
        // As serve --stdio does: the real stdout for frames only, System.out pointed at stderr.
        OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
        InputStream protocolIn = new FileInputStream(FileDescriptor.in);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        System.out.println("a stray print that must not reach the protocol stream");
        ExecutorService worker = Executors.newFixedThreadPool(2);
        ExecutorService blockingWork = Executors.newFixedThreadPool(2);
        SqliteDatabase database = SqliteDatabase.open(Path.of(args[0]).resolve("productos.db"));
        Clock clock = Clock.systemUTC();
        ControlPlane controlPlane = new ControlPlane(
                new RegistryLoader().loadBundled(),
                new PolicyLoader().loadBundled(),
                new SqliteRunStore(database, clock),
                new SqliteApprovalStore(database),
                (tool, run) -> CompletableFuture.failedFuture(
                        new ExecutorCallException(ErrorCode.ExecutorUnavailable, "no executors in this process", null)),
                clock,
                "stdio-test",
                worker);
        AtomicReference<RpcServer> server = new AtomicReference<>();
        server.set(RpcServer.start(
                controlPlane,
                protocolIn,
                protocolOut,
                blockingWork,
                () -> Runtime.getRuntime()
                        .halt(server.get() != null && server.get().shutdownRequested() ? 0 : 1)));
        server.get().listening().get();
        database.close();
        System.exit(0);
    }
}
