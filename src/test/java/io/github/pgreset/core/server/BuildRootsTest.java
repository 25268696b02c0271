package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a JVM that Maven did not start takes for the build's root: those with a .mvn folder, nearest first. */
class BuildRootsTest {
    @TempDir
    Path tree;

    @Test
    void aModuleWithItsOwnMvnFolderInsideALargerBuildHasTwoCandidatesNearestFirst() throws IOException {
        Path module = tree.resolve("shop/catalog");
        Files.createDirectories(module.resolve(".mvn"));
        Files.createDirectories(tree.resolve("shop/.mvn"));

        assertThat(LocalServers.buildRoots(module.resolve("src/../"))).containsExactly(module, tree.resolve("shop"));
    }

    @Test
    void aModuleOfABuildWhoseTopHasTheMvnFolder() throws IOException {
        Files.createDirectories(tree.resolve("shop/.mvn"));
        Path module = Files.createDirectories(tree.resolve("shop/catalog"));

        assertThat(LocalServers.buildRoots(module)).containsExactly(tree.resolve("shop"));
    }

    @Test
    void withoutAnyMvnFolderTheWorkingFolderItself() throws IOException {
        Path module = Files.createDirectories(tree.resolve("shop/catalog"));

        assertThat(LocalServers.buildRoots(module)).containsExactly(module);
    }
}
