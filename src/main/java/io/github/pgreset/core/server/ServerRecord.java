package io.github.pgreset.core.server;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What pgreset keeps beside a data directory it made, in {@code pgreset-server.properties}: the file that marks the
 * directory as pgreset's. It is written before {@code initdb} runs ({@code initialising}) and again once the data
 * directory is complete ({@code ready}), so a start killed half-way is recognised and redone by the next one.
 *
 * @param release the release of the binaries the server runs on
 * @param port the TCP port on 127.0.0.1
 * @param portChosen whether pgreset chose the port ({@code pgreset.port} 0): it may choose another when it is taken
 * @param superuser the superuser made at initdb
 * @param password the superuser's password
 * @param account the operating-system account the server runs as when the build runs as root; empty otherwise
 * @param ready false while initdb has not finished
 * @param databases the databases {@code start} made or found: a running server is not asked for them again
 * @param kept started by hand ({@code mvn pgreset:start}): left running when the builds that use it end; otherwise the
 *     last build that uses it stops it
 */
record ServerRecord(
        Release release,
        int port,
        boolean portChosen,
        String superuser,
        String password,
        String account,
        boolean ready,
        Set<String> databases,
        boolean kept) {
    static final String FILE = "pgreset-server.properties";

    ServerRecord {
        databases = Set.copyOf(databases);
    }

    ServerRecord withPort(int port, boolean chosen) {
        return new ServerRecord(release, port, chosen, superuser, password, account, ready, databases, kept);
    }

    ServerRecord withRelease(Release release) {
        return new ServerRecord(release, port, portChosen, superuser, password, account, ready, databases, kept);
    }

    ServerRecord readied() {
        return new ServerRecord(release, port, portChosen, superuser, password, account, true, databases, kept);
    }

    ServerRecord withDatabase(String database) {
        Set<String> more = new TreeSet<>(databases);
        more.add(database);
        return new ServerRecord(release, port, portChosen, superuser, password, account, ready, more, kept);
    }

    ServerRecord withKept(boolean kept) {
        return new ServerRecord(release, port, portChosen, superuser, password, account, ready, databases, kept);
    }

    static Optional<ServerRecord> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return Optional.of(new ServerRecord(
                    new Release(p.getProperty("release")),
                    Integer.parseInt(p.getProperty("port", "0")),
                    Boolean.parseBoolean(p.getProperty("port.chosen", "true")),
                    p.getProperty("superuser", "postgres"),
                    p.getProperty("password", ""),
                    p.getProperty("account", ""),
                    "ready".equals(p.getProperty("state")),
                    p.getProperty("databases", "").isEmpty()
                            ? Set.of()
                            : Set.of(p.getProperty("databases").split("/")),
                    "hand".equals(p.getProperty("stopped.by"))));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    /** Written whole to a working file, then moved over the old one: a kill leaves the old or the new, never half. */
    void write(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("release", release.text());
        p.setProperty("port", String.valueOf(port));
        p.setProperty("port.chosen", String.valueOf(portChosen));
        p.setProperty("superuser", superuser);
        p.setProperty("password", password);
        p.setProperty("account", account);
        p.setProperty("state", ready ? "ready" : "initialising");
        // "/" cannot be in a database name that a JDBC URL's path names
        p.setProperty("databases", String.join("/", new TreeSet<>(databases)));
        // who stops it: the last build that uses it, or the user (started by hand)
        p.setProperty("stopped.by", kept ? "hand" : "build");
        Path working = folder.resolve(FILE + ".new");
        try (Writer out = Files.newBufferedWriter(working, StandardCharsets.UTF_8)) {
            p.store(
                    out,
                    "made by pgreset:start; the data directory is pgdata beside it. Delete the folder, or run"
                            + " mvn pgreset:stop -Dpgreset.removeData, to start afresh.");
        }
        OwnerOnly.restrict(working);
        Files.move(working, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "ServerRecord[" + release + ", port " + port + ", " + superuser + ", password set, account " + account
                + (ready ? ", ready" : ", initialising") + (kept ? ", kept" : "") + "]";
    }
}
