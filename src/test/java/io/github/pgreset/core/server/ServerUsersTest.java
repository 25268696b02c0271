package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who uses a server: a locked file per user, and the files of users that are gone cleared away. */
class ServerUsersTest {
    @TempDir
    Path temp;

    @Test
    void eachHoldCountsForTheOthersUntilItIsReleased() throws IOException {
        ServerDirectory folder = new ServerDirectory(temp);
        assertThat(ServerUsers.others(folder, null)).as("no users folder yet").isZero();
        ServerUsers.Hold build = ServerUsers.hold(folder);
        ServerUsers.Hold tests = ServerUsers.hold(folder);
        assertThat(ServerUsers.others(folder, build))
                .as("the test run, held in this JVM")
                .isEqualTo(1);
        assertThat(ServerUsers.others(folder, null)).isEqualTo(2);
        tests.release();
        assertThat(tests.file()).doesNotExist();
        assertThat(ServerUsers.others(folder, build)).isZero();
        build.release();
        assertThat(ServerUsers.others(folder, null)).isZero();
    }

    @Test
    void theFileOfAUserThatIsGoneIsNotCountedAndIsDeleted() throws IOException {
        ServerDirectory folder = new ServerDirectory(temp);
        ServerUsers.Hold mine = ServerUsers.hold(folder);
        // what a killed build leaves: its file, with no lock on it
        Path gone = Files.writeString(temp.resolve("users").resolve("4242-gone.lock"), "");
        assertThat(ServerUsers.others(folder, mine)).isZero();
        assertThat(gone).doesNotExist();
        assertThat(mine.file()).exists();
        mine.release();
    }

    @Test
    void aUserOfAnotherProcessCounts() throws Exception {
        ServerDirectory folder = new ServerDirectory(temp);
        Path file = Files.createDirectories(temp.resolve("users")).resolve("other.lock");
        Files.writeString(file, "");
        // another JVM holds the lock, as another build would (Java's locks are fcntl locks, not flock's)
        Path holder = Files.writeString(
                temp.resolve("Hold.java"),
                "class Hold { public static void main(String[] a) throws Exception {"
                        + " var c = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]),"
                        + " java.nio.file.StandardOpenOption.WRITE); c.lock(); System.out.println(\"held\");"
                        + " System.out.flush(); Thread.sleep(60_000); } }");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, holder.toString(), file.toString()).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()))) {
            assertThat(out.readLine()).isEqualTo("held");
            assertThat(ServerUsers.others(folder, null)).isEqualTo(1);
            assertThat(file).as("a file in use is kept").exists();
        } finally {
            other.destroy();
            other.waitFor();
        }
        assertThat(ServerUsers.others(folder, null)).as("its process ended").isZero();
        assertThat(file).doesNotExist();
    }

    @Test
    void countingTheUsersLeavesThisJvmsOwnLockInPlace() throws Exception {
        ServerDirectory folder = new ServerDirectory(temp);
        ServerUsers.Hold build = ServerUsers.hold(folder);
        ServerUsers.Hold tests = ServerUsers.hold(folder);
        // counted from this JVM twice: a channel opened and closed on a held file would drop its lock (fcntl)
        assertThat(ServerUsers.others(folder, null)).isEqualTo(2);
        assertThat(ServerUsers.others(folder, build)).isEqualTo(1);
        Path probe = Files.writeString(
                temp.resolve("TryLock.java"),
                "class TryLock { public static void main(String[] a) throws Exception {"
                        + " var c = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]),"
                        + " java.nio.file.StandardOpenOption.WRITE);"
                        + " System.out.println(c.tryLock() == null ? \"held\" : \"free\"); } }");
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        for (ServerUsers.Hold hold : java.util.List.of(build, tests)) {
            Process other = new ProcessBuilder(
                            javaCommand, probe.toString(), hold.file().toString())
                    .start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()))) {
                assertThat(out.readLine()).as("another process finds it locked").isEqualTo("held");
            }
            other.waitFor();
        }
        build.release();
        tests.release();
    }
}
