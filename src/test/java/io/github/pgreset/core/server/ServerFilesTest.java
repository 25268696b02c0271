package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.connection.PgResetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What pgreset reads from a server's folder, and which folders it refuses to touch. */
class ServerFilesTest {
    @TempDir
    Path temp;

    private static ServerRecord record(boolean ready) {
        return new ServerRecord(
                new Release("18.1.0"), 54321, true, "postgres", "s3cret", "", ready, Set.of("chat"), false);
    }

    @Test
    void aMissingOrEmptyFolderIsFreeToUse() throws IOException {
        assertThat(new ServerDirectory(temp.resolve("new")).contents()).isInstanceOf(ServerDirectory.Nothing.class);
        Files.createDirectories(temp.resolve("empty"));
        assertThat(new ServerDirectory(temp.resolve("empty")).contents()).isInstanceOf(ServerDirectory.Nothing.class);
    }

    @Test
    void pgresetsOwnFolderIsReadBackWithItsRecord() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("ours"));
        record(true).write(folder);
        Files.createDirectories(folder.resolve("pgdata"));
        Files.writeString(folder.resolve("pgdata/PG_VERSION"), "18\n");
        ServerDirectory.Contents contents = new ServerDirectory(folder).contents();
        assertThat(contents).isEqualTo(new ServerDirectory.Ours(record(true), java.util.Optional.of("18")));
    }

    @Test
    void aStartKilledDuringInitdbLeavesAFolderKnownAsUnfinished() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("half"));
        record(false).write(folder);
        assertThat(((ServerDirectory.Ours) new ServerDirectory(folder).contents())
                        .record()
                        .ready())
                .isFalse();
    }

    @Test
    void aDataDirectoryMadeByHandIsRefusedAndLeftAsItIs() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("by-hand"));
        Files.writeString(folder.resolve("PG_VERSION"), "16\n");
        assertThatThrownBy(() -> new ServerDirectory(folder).contents())
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("is a PostgreSQL data directory that pgreset did not make (PostgreSQL 16)")
                .hasMessageContaining("nothing was changed");
        assertThat(folder.resolve("PG_VERSION")).exists();
    }

    @Test
    void aFolderOfOtherFilesOrAFileIsRefused() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("project"));
        Files.writeString(folder.resolve("pom.xml"), "<project/>");
        assertThatThrownBy(() -> new ServerDirectory(folder).contents())
                .hasMessageContaining("holds files, and no pgreset-server.properties");
        assertThatThrownBy(() -> new ServerDirectory(folder.resolve("pom.xml")).contents())
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void postmasterPidGivesProcessPortAndState() {
        assertThat(PostmasterPid.parse(List.of("2447", "/d", "1796429493", "55432", "", "127.0.0.1", "1 2", "ready")))
                .contains(new PostmasterPid(2447, 55432, "ready"));
        // PostgreSQL 9.6 writes no state; a file being written may have no lines yet
        assertThat(PostmasterPid.parse(List.of("12", "/d", "1", "5432"))).contains(new PostmasterPid(12, 5432, ""));
        assertThat(PostmasterPid.parse(List.of())).isEmpty();
        assertThat(PostmasterPid.parse(List.of("abc"))).isEmpty();
    }

    @Test
    void aProcessIdThatIsNotAPostgresServerIsNotTheServer() {
        assertThat(PostmasterPid.isPostgres("/var/lib/pgreset/postgres/18.1.0-linux-amd64/bin/postgres"))
                .isTrue();
        assertThat(PostmasterPid.isPostgres("/usr/bin/java")).isFalse();
        // this JVM's own process id, which is alive and is no server
        assertThat(new PostmasterPid(ProcessHandle.current().pid(), 5432, "ready").alive())
                .isFalse();
    }

    @Test
    void aKilledServersLeftoversAndATakenPortAreRecognisedInTheLog() {
        assertThat(ServerLog.leftoversOfAKilledServer(
                        "FATAL:  pre-existing shared memory block (key 5432001, ID 3) is still in use"))
                .isTrue();
        assertThat(ServerLog.portTaken("LOG:  could not bind IPv4 address \"127.0.0.1\": Address already in use"))
                .isTrue();
        assertThat(ServerLog.explain("LOG:  could not bind IPv4 address", "")).contains("set pgreset.port");
        assertThat(ServerLog.explain("LOG:  starting\nFATAL:  data directory has wrong ownership\n", "pg_ctl: no"))
                .isEqualTo("It said:\nFATAL:  data directory has wrong ownership\n");
    }

    @Test
    void eachBuildRootHasItsOwnServerFolder() {
        Path home = Path.of("/home/dev/.pgreset");
        Path a = LocalServers.defaultDataDirectory(home, Path.of("/home/dev/shop"));
        Path b = LocalServers.defaultDataDirectory(home, Path.of("/home/dev/shop-clone"));
        assertThat(a.getParent()).isEqualTo(home.resolve("servers"));
        assertThat(a.getFileName().toString()).matches("shop-[0-9a-f]{8}");
        assertThat(a).isNotEqualTo(b);
        assertThat(LocalServers.defaultDataDirectory(home, Path.of("/home/dev/shop/.")))
                .as("the same root, written otherwise")
                .isEqualTo(a);
        assertThat(LocalServers.defaultDataDirectory(home, Path.of("/home/dev/my shop (2)"))
                        .getFileName()
                        .toString())
                .matches("my_shop__2_-[0-9a-f]{8}");
        assertThat(LocalServers.defaultDataDirectory(home, Path.of("/"))
                        .getFileName()
                        .toString())
                .matches("root-[0-9a-f]{8}");
    }

    @Test
    void theAccountSwitchRunsTheCommandAsTheAccount() {
        OsAccount runuser = new OsAccount("postgres", java.util.Optional.of(Path.of("/usr/sbin/runuser")));
        assertThat(runuser.command(List.of("/x/initdb", "-D", "/d")))
                .containsExactly("/usr/sbin/runuser", "-u", "postgres", "--", "/x/initdb", "-D", "/d");
        OsAccount su = new OsAccount("nobody", java.util.Optional.of(Path.of("/bin/su")));
        assertThat(su.command(List.of("/x/pg_ctl", "-o", "-p 5432", "it's")))
                .containsExactly(
                        "/bin/su", "-s", "/bin/sh", "nobody", "-c", "exec '/x/pg_ctl' '-o' '-p 5432' 'it'\\''s'");
        assertThat(OsAccount.buildUser().command(List.of("initdb"))).containsExactly("initdb");
    }

    @Test
    void theUrlAndThePsqlCommandNameTheDatabase() {
        LocalServer server = new LocalServer(Path.of("/s"), new Release("18.1.0"), 54321, "postgres", "pw");
        assertThat(server.url("chat")).isEqualTo("jdbc:postgresql://127.0.0.1:54321/chat");
        assertThat(server.url("my db")).isEqualTo("jdbc:postgresql://127.0.0.1:54321/my%20db");
        assertThat(server.psql("chat")).isEqualTo("PGPASSFILE=/s/pgpass psql -h 127.0.0.1 -p 54321 -U postgres chat");
        assertThat(server.psql("my db")).endsWith(" 'my db'");
        assertThat(server.toString()).doesNotContain("pw]");
    }
}
