package com.productos.rpc;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The process's real stdin and stdout, taken for the protocol before anything else can print: after
 * {@link #capture()}, System.out points at stderr, so a stray print from any library lands in the log
 * instead of corrupting a frame.
 */
public record StdioStreams(InputStream in, OutputStream out) {
    public static StdioStreams capture() {
        InputStream in = new FileInputStream(FileDescriptor.in);
        // Buffered: lsp4j writes header and body separately and flushes once per message.
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        return new StdioStreams(in, out);
    }
}
