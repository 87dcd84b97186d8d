package com.productos.common;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The embedded SQLite file under {@code .productos/}, in WAL mode so readers in other processes (the
 * CLI next to a running IDE backend) never block writers. One connection per process, used under a
 * lock: SQLite serialises writers anyway, and one connection keeps every transaction simple.
 */
public final class SqliteDatabase implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static SqliteDatabase open(Path file) {
        try {
            // Immediate transactions take the write lock at BEGIN, so a writer in another process makes
            // this one wait (busy_timeout) instead of failing its commit on a stale snapshot.
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, sqlite.toProperties());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=10000");
                statement.execute("PRAGMA foreign_keys=ON");
            }
            return new SqliteDatabase(file, connection);
        } catch (SQLException e) {
            throw damaged(file, e)
                    .orElseGet(() -> new StoreException(
                            "cannot open the store " + file + ": " + e.getMessage()
                                    + "; check that the folder is writable and the file is not damaged",
                            e));
        }
    }

    public Path file() {
        return file;
    }

    /** Work with the connection, holding the lock; auto-commit is on. */
    public <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw damaged(file, e).orElseGet(() -> new StoreException("store read failed: " + e.getMessage(), e));
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction: all of it is stored, or none of it. */
    public <T> T transaction(SqlWork<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw damaged(file, e).orElseGet(() -> new StoreException("store write failed: " + e.getMessage(), e));
        } finally {
            lock.unlock();
        }
    }

    /** Creates tables and indexes if they do not exist yet; statements must be idempotent. */
    public void migrate(String... statements) {
        transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) statement.execute(sql);
            }
            return null;
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing at shutdown: nothing left to protect.
        } finally {
            lock.unlock();
        }
    }

    /**
     * A file that is not a SQLite database, or a damaged one: the user can do nothing with the SQL
     * error, so say which file and how to get going again.
     */
    private static Optional<StoreException> damaged(Path file, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains("SQLITE_NOTADB") && !message.contains("SQLITE_CORRUPT")) return Optional.empty();
        return Optional.of(new StoreException(
                "the store " + file + " is damaged or is not a SQLite database, so its runs"
                        + " and approvals cannot be read; move it aside (mv " + file + " " + file
                        + ".damaged, and its -wal and -shm"
                        + " files if any) and run the command again: a new, empty store is created",
                e));
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
