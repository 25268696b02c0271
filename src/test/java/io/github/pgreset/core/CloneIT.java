package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.Strategy;
import io.github.pgreset.core.snapshot.CopyMethod;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.core.snapshot.SnapshotResult;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Copies cloned by the file system ({@code file_copy_method = clone}, PostgreSQL 18+) exactly where it clones. Whether
 * it does is found here independently of pgreset: {@code cp --reflink=always} in the server's data directory, which
 * this test can write to (CI runs it as root; the embedded servers belong to the user running the tests). CI runs its
 * PostgreSQL 18 on XFS with reflink and the newcomer's route (embedded, in the home directory) on ext4.
 */
class CloneIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static ResetService service(PgServer server, String database) {
        return new ResetService(
                new ResetSettings(server.target(database), TIMEOUT, false, server.safety(Set.of())),
                ProgressListener.silent());
    }

    @PostgresTest
    void snapshotsAreClonedWhereTheFileSystemClonesAndCopiedElsewhere(PgServer server, TestDatabases dbs)
            throws Exception {
        String chat = dbs.createUnique("chat");
        for (String suffix : new String[] {"_snapshot", "_next", "_pgreset_snap", "_pgreset_next", "_pgreset_prev"}) {
            dbs.dropAtEnd(chat + suffix);
        }
        // about 100 MB: a copy of it shows in the file system's free space, a clone does not
        server.executeIn(
                chat,
                "CREATE TABLE message (id int PRIMARY KEY, body text)",
                "INSERT INTO message SELECT g, repeat('m', 120) FROM generate_series(1, 650000) g");
        long bytes = server.query("SELECT pg_database_size('" + chat + "')", rs -> rs.getLong(1))
                .get(0);
        server.execute("CHECKPOINT");
        Path dataDirectory = Path.of(server.query("SELECT current_setting('data_directory')", rs -> rs.getString(1))
                .get(0));
        boolean local = Files.isDirectory(dataDirectory) && Files.isWritable(dataDirectory);
        FileStore store = local ? Files.getFileStore(dataDirectory) : null;
        long freeBefore = local ? store.getUnallocatedSpace() : 0;

        SnapshotResult result = service(server, chat).snapshot(SnapshotOptions.DEFAULTS);

        CopyMethod method = result.copyMethod();
        if (server.version().major() < 18) {
            assertThat(method.fileCopyMethod()).isNull();
            assertThat(result.statements()).noneMatch(sql -> sql.contains("file_copy_method"));
            return;
        }
        if (!local) {
            // a container's or another machine's data directory: pgreset cannot look, so it copies
            assertThat(method.clones()).as(method.reason()).isFalse();
            assertThat(method.reason()).contains("not on this machine");
            return;
        }
        boolean fileSystemClones = reflinkCopyWorks(dataDirectory);
        assertThat(method.clones())
                .as(
                        "pgreset's choice (%s) against cp --reflink=always in %s (on %s)",
                        method.reason(), dataDirectory, store.type())
                .isEqualTo(fileSystemClones);
        if (fileSystemClones) {
            assertThat(method.strategy()).isEqualTo(Strategy.FILE_COPY);
            assertThat(result.statements()).contains("SET file_copy_method = clone");
            // the snapshot and its prepared copy share the database's blocks: not a second copy on the disk
            long used = freeBefore - store.getUnallocatedSpace();
            assertThat(used)
                    .as("bytes the file system lost to two clones of a %d-byte database", bytes)
                    .isLessThan(bytes / 4);
        } else {
            assertThat(result.statements()).noneMatch(sql -> sql.contains("file_copy_method"));
        }
        server.executeIn(chat, "DELETE FROM message");
        service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
        assertThat(server.queryIn(chat, "SELECT count(*) FROM message", rs -> rs.getInt(1)))
                .as("the restored database, made from the clone")
                .containsExactly(650000);
    }

    @PostgresTest(since = 18)
    void aRoleThatCannotSeeTheDataDirectoryCopiesUntilItIsGrantedWhatTheReadmeSays(PgServer server, TestDatabases dbs)
            throws Exception {
        String role = dbs.createRole("app", "app-pw-1", "CREATEDB");
        String chat = dbs.uniqueName("chat");
        server.execute("CREATE DATABASE " + chat + " OWNER " + role);
        for (String name : new String[] {chat, chat + "_snapshot", chat + "_next", chat + "_pgreset_old"}) {
            dbs.dropAtEnd(name);
        }
        ResetService asRole = new ResetService(
                new ResetSettings(
                        new Target(server.connection(role, "app-pw-1"), new DatabaseName(chat)),
                        TIMEOUT,
                        false,
                        server.safety(Set.of())),
                ProgressListener.silent());

        CopyMethod unseen = asRole.snapshot(SnapshotOptions.DEFAULTS).copyMethod();

        assertThat(unseen.clones()).isFalse();
        assertThat(unseen.reason()).contains("reading data_directory needs superuser or pg_read_all_settings");

        Path dataDirectory = Path.of(server.query("SELECT current_setting('data_directory')", rs -> rs.getString(1))
                .get(0));
        boolean local = Files.isDirectory(dataDirectory) && Files.isWritable(dataDirectory);
        server.execute(
                "GRANT pg_read_all_settings TO " + role,
                "GRANT EXECUTE ON FUNCTION pg_stat_file(text, boolean) TO " + role);
        try {
            server.dropDatabase(chat + "_next");
            CopyMethod seen = asRole.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS)
                    .copyMethod();
            assertThat(seen.clones()).as(seen.reason()).isEqualTo(local && reflinkCopyWorks(dataDirectory));
            assertThat(seen.reason()).doesNotContain("needs superuser");
        } finally {
            server.execute("REVOKE EXECUTE ON FUNCTION pg_stat_file(text, boolean) FROM " + role);
        }
    }

    /** Whether the file system of {@code directory} clones: cp --reflink=always fails where it does not. */
    private static boolean reflinkCopyWorks(Path directory) throws IOException, InterruptedException {
        Path probe = Files.createTempFile(directory, "pgreset-reflink-", ".probe");
        Path clone = directory.resolve(probe.getFileName() + ".clone");
        try {
            Files.write(probe, new byte[64 * 1024]);
            Process cp = new ProcessBuilder("cp", "--reflink=always", probe.toString(), clone.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(cp.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return cp.exitValue() == 0;
        } finally {
            Files.deleteIfExists(probe);
            Files.deleteIfExists(clone);
        }
    }
}
