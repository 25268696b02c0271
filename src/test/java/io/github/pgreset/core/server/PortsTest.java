package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port a server starts on: the one asked for, else the one kept, else a free one; a taken one is told. */
class PortsTest {
    @TempDir
    Path temp;

    private static ServerRecord record(int port, boolean chosen) {
        return new ServerRecord(new Release("18.1.0"), port, chosen, "postgres", "s3cret", "", true, Set.of(), false);
    }

    @Test
    void aPortInUseIsNotFree() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.free(held.getLocalPort())).isFalse();
        }
        int free = Ports.free();
        assertThat(free).isPositive();
        assertThat(Ports.free(free)).isTrue();
    }

    @Test
    void theKeptPortIsKeptAndNothingIsWritten() throws IOException {
        ServerDirectory folder = new ServerDirectory(temp);
        int port = Ports.free();
        ServerRecord kept = record(port, true);
        assertThat(Ports.choose(folder, kept, 0)).isSameAs(kept);
        assertThat(ServerRecord.read(temp))
                .as("nothing changed, nothing written")
                .isEmpty();
    }

    @Test
    void aPortAskedForIsTheUsersAndWritten() throws IOException {
        int asked = Ports.free();
        ServerRecord chosen = Ports.choose(new ServerDirectory(temp), record(0, true), asked);
        assertThat(chosen.port()).isEqualTo(asked);
        assertThat(chosen.portChosen()).as("the user's, not pgreset's").isFalse();
        assertThat(ServerRecord.read(temp)).contains(chosen);
    }

    @Test
    void withoutAPortPgresetChoosesOne() throws IOException {
        ServerRecord chosen = Ports.choose(new ServerDirectory(temp), record(0, true), 0);
        assertThat(chosen.port()).isPositive();
        assertThat(chosen.portChosen()).isTrue();
    }

    @Test
    void aTakenPortThatWasKeptIsReplacedOneAskedForIsRefused() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int taken = held.getLocalPort();
            ServerRecord replaced = Ports.choose(new ServerDirectory(temp), record(taken, true), 0);
            assertThat(replaced.port()).isNotEqualTo(taken);
            assertThat(replaced.portChosen()).isTrue();

            assertThat(Ports.choose(new ServerDirectory(temp), record(taken, false), 0)
                            .port())
                    .as("a port the user asked for once, not asked for now")
                    .isNotEqualTo(taken);
            PgResetException refused = catchThrowableOfType(
                    () -> Ports.choose(new ServerDirectory(temp), record(0, true), taken), PgResetException.class);
            assertThat(refused.problem()).isEqualTo(Problem.LOCAL_SERVER);
            assertThat(refused.getMessage())
                    .isEqualTo("Port " + taken + " on 127.0.0.1 is in use by another program, so the server in " + temp
                            + " cannot listen there. Set pgreset.port to a free port, or to 0 to let pgreset choose"
                            + " one.");
        }
    }
}
