package io.github.pgreset.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether the directory the server names is the one here, and what its file system says. */
class StorageProbeTest {
    @TempDir
    Path directory;

    @Test
    void aDirectoryModifiedAtAnotherSecondIsAnotherMachines() throws Exception {
        long here = Files.getLastModifiedTime(directory).toInstant().getEpochSecond();
        StorageProbe.Storage storage = StorageProbe.here(directory, here - 7);
        assertThat(storage.clones()).isFalse();
        assertThat(storage.reason()).isEqualTo(directory + " is not on this machine");
        assertThat(StorageProbe.here(directory.resolve("missing"), here).reason())
                .endsWith("is not on this machine (or not visible to this user)");
    }

    @Test
    void theSameDirectoryIsJudgedByItsFileSystem() throws Exception {
        long here = Files.getLastModifiedTime(directory).toInstant().getEpochSecond();
        String type = Files.getFileStore(directory).type();
        StorageProbe.Storage storage = StorageProbe.here(directory, here);
        assertThat(storage.reason()).startsWith(directory + " is on " + type);
        if (type.equals("ext4") || type.equals("tmpfs") || type.equals("overlay")) {
            assertThat(storage.clones()).isFalse();
            assertThat(storage.reason()).endsWith(", which does not clone");
        }
    }
}
