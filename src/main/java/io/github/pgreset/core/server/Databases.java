package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.connection.Target;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.Driver;

/**
 * The build's database on the started server, made when it is missing; and the JVM's first login, made while the
 * server starts.
 */
final class Databases {
    // the driver itself, not DriverManager, which ignores drivers of a plugin's class loader
    private static final Driver DRIVER = new Driver();
    private static final Duration RETRY = Duration.ofMillis(10);

    private Databases() {}

    /** Makes the database when it is missing; true when it did. */
    static boolean ensure(LocalServer server, String database, Deadline deadline) {
        try (Connection c = DRIVER.connect(server.url("postgres"), properties(server, deadline))) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return false;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + SqlText.identifier(database));
            }
            return true;
        } catch (SQLException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "The server pgreset started in " + server.dataDirectory() + " (" + LocalServer.HOST + ":"
                            + server.port() + ") did not let pgreset make the database \"" + database + "\": "
                            + e.getMessage() + ". Its log is "
                            + server.dataDirectory().resolve("server.log") + ".",
                    e);
        }
    }

    /**
     * The JVM's first login, begun on a thread of its own as a start begins: the crypto of the SCRAM exchange at once,
     * then, once the start has a server to start ({@link WarmUp#loginTo}), a login as soon as that server takes
     * connections, while {@code pg_ctl} waits for it. A JVM's first login (pgjdbc's classes, the SCRAM exchange's crypto)
     * takes about 200 ms, which the build's next goal (restore, recreate) would otherwise spend after the start. Tried
     * every 10 ms until {@code until} passes or the warm-up is finished or stopped; nothing it does is needed.
     */
    static WarmUp warmUp(Deadline until) {
        WarmUp warmUp = new WarmUp();
        Thread thread = new Thread(() -> warmUp.run(until), "pgreset-first-login");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> {}); // nothing it does is needed
        warmUp.thread = thread;
        thread.start();
        return warmUp;
    }

    /** The first login, under way. */
    static final class WarmUp {
        private final CompletableFuture<LocalServer> server = new CompletableFuture<>();
        private volatile boolean stopped;
        private Thread thread;

        private void run(Deadline until) {
            scramCrypto();
            LocalServer target;
            try {
                target = server.get(until.remaining().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException | CancellationException stopped) {
                return;
            }
            while (!stopped && !until.expired()) {
                // the very connection the goals open (MaintenanceConnection): its properties, its first query
                try (MaintenanceConnection c =
                        MaintenanceConnection.open(maintenance(target), until, ProgressListener.silent())) {
                    return;
                } catch (RuntimeException notYet) {
                    // refused, or "the database system is starting up": again in a moment
                }
                if (!stopped) {
                    until.pause(RETRY);
                }
            }
        }

        /** The server this start starts: the login tries it from now on. */
        void loginTo(LocalServer started) {
            server.complete(started);
        }

        /**
         * The JDK's side of a SCRAM-SHA-256 login, the dearest part of a cold one (about 90 ms: the first secure random,
         * HMAC and PBKDF2 of 4096 rounds): done before the server can take the login.
         */
        private static void scramCrypto() {
            try {
                byte[] salt = new byte[16];
                new SecureRandom().nextBytes(salt);
                byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec("pgreset".toCharArray(), salt, 4096, 256))
                        .getEncoded();
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(salted, "HmacSHA256"));
                MessageDigest.getInstance("SHA-256").digest(hmac.doFinal(salt));
            } catch (GeneralSecurityException missing) {
                // a JDK without them fails the login itself, and says so there
            }
        }

        /** Once the server runs: waits for the login at most {@code max}, then stops trying. */
        void finish(Duration max) {
            try {
                thread.join(max.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop();
        }

        /** No login wanted (the server runs already, or did not start): stops trying at once. */
        void stop() {
            stopped = true;
            server.cancel(false);
        }
    }

    /** The server's superuser on its postgres database, as the goals reach it. */
    private static Target maintenance(LocalServer server) {
        return server.target(new DatabaseName("postgres"), "pgreset:start");
    }

    private static Properties properties(LocalServer server, Deadline deadline) {
        Properties props = new Properties();
        props.setProperty("user", server.superuser());
        props.setProperty("password", server.password());
        props.setProperty("sslmode", "disable");
        props.setProperty("connectTimeout", String.valueOf(deadline.remainingSecondsAtLeastOne()));
        props.setProperty("ApplicationName", "pgreset:start");
        return props;
    }
}
