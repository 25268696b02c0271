package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where a server's files are: inside its folder, and its lock in pgreset's own folder. */
class ServerDirectoryPathsTest {
    @Test
    void theFilesOfAServerFolder() {
        ServerDirectory folder = new ServerDirectory(Path.of("/home/dev/.pgreset/servers/chat-1a2b3c4d"));
        assertThat(folder.data()).isEqualTo(Path.of("/home/dev/.pgreset/servers/chat-1a2b3c4d/pgdata"));
        assertThat(folder.log()).isEqualTo(Path.of("/home/dev/.pgreset/servers/chat-1a2b3c4d/server.log"));
        assertThat(folder.passFile()).isEqualTo(Path.of("/home/dev/.pgreset/servers/chat-1a2b3c4d/pgpass"));
        Path lock = folder.lock(Path.of("/home/dev/.pgreset"));
        assertThat(lock.getParent()).isEqualTo(Path.of("/home/dev/.pgreset/locks"));
        assertThat(lock.getFileName().toString()).matches("chat-1a2b3c4d-[0-9a-f]+\\.lock");
    }
}
