package io.github.pgreset.testing;

import io.github.pgreset.core.connection.SqlText;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases, roles and connections one test invocation makes on its server, all removed when it ends, so that
 * tests can share a server (and a developer's server is left as it was).
 */
public final class TestDatabases implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PgServer server;
    // tests add from many threads at once (ReliabilityIT's 16 sessions), so these lists are thread-safe
    private final List<String> databases = new CopyOnWriteArrayList<>();
    private final List<String> roles = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    public TestDatabases(PgServer server) {
        this.server = server;
    }

    /** A name no other test (in this or another JVM) uses: {@code <prefix>_<pid>_<n>}. */
    public String uniqueName(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        databases.add(name);
        return name;
    }

    /** A database the test expects to come into being (a snapshot, a copy): dropped when the test ends, if there. */
    public String dropAtEnd(String name) {
        if (!databases.contains(name)) {
            databases.add(name);
        }
        return name;
    }

    /** Creates a database under the exact name given; it is dropped when the test ends. */
    public String create(String name) {
        if (!databases.contains(name)) {
            databases.add(name);
        }
        server.execute("CREATE DATABASE " + SqlText.identifier(name));
        return name;
    }

    public String createUnique(String prefix) {
        return create(uniqueName(prefix));
    }

    /**
     * Creates a login role with a password (every test server checks passwords on TCP, as pgreset's own servers and CI's
     * do); it is dropped when the test ends.
     */
    public String createRole(String prefix, String password, String attributes) {
        String role = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        server.execute("CREATE ROLE " + SqlText.identifier(role) + " LOGIN PASSWORD " + SqlText.literal(password) + " "
                + attributes);
        roles.add(role);
        return role;
    }

    /** An idle session on the database, closed when the test ends. */
    public Connection idleSession(String database, String applicationName) throws SQLException {
        return keep(server.connect(database, applicationName));
    }

    public <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // a terminated session may fail to close cleanly
            }
        }
        databases.forEach(server::dropDatabase);
        List<String> statements = new ArrayList<>();
        for (String role : roles) {
            statements.add("DROP ROLE IF EXISTS " + SqlText.identifier(role));
        }
        server.execute(statements.toArray(String[]::new));
    }
}
