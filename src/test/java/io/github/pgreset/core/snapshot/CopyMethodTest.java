package io.github.pgreset.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.drop.Strategy;
import org.junit.jupiter.api.Test;

/** How a copy is made, per version, size, setting and file system. */
class CopyMethodTest {
    private static final long SMALL = 16L << 20;
    private static final long LARGE = 500L << 20;
    private static final StorageProbe.Storage XFS = new StorageProbe.Storage(true, "/data is on xfs with reflink");
    private static final StorageProbe.Storage EXT4 =
            new StorageProbe.Storage(false, "/data is on ext4, which does not clone");

    private static CopyMethod choose(FileCopyMethod setting, String version, long bytes, StorageProbe.Storage found) {
        return CopyMethod.choose(setting, ServerVersion.parse(version), bytes, () -> found);
    }

    @Test
    void onACloningFileSystemEveryCopyIsAFileCopyClone() {
        for (long bytes : new long[] {SMALL, LARGE}) {
            CopyMethod method = choose(FileCopyMethod.AUTO, "18.1", bytes, XFS);
            assertThat(method.strategy()).isEqualTo(Strategy.FILE_COPY);
            assertThat(method.settings()).containsExactly("SET file_copy_method = clone");
            assertThat(method.describe()).contains("cloned by the file system").contains("xfs with reflink");
        }
    }

    @Test
    void elsewhereTheStrategyFollowsTheSizeAndTheServersSettingStays() {
        CopyMethod small = choose(FileCopyMethod.AUTO, "18.1", SMALL, EXT4);
        CopyMethod large = choose(FileCopyMethod.AUTO, "18.1", LARGE, EXT4);
        assertThat(small.strategy()).isEqualTo(Strategy.WAL_LOG);
        assertThat(large.strategy()).isEqualTo(Strategy.FILE_COPY);
        assertThat(large.settings()).isEmpty();
        assertThat(large.describe())
                .isEqualTo(
                        "copied with STRATEGY FILE_COPY, as 500 MB, FILE_COPY from 64 MB; /data is on ext4, which does not clone");
    }

    @Test
    void theFileSystemIsOnlyLookedAtWhereItCouldMatter() {
        CopyMethod.choose(FileCopyMethod.AUTO, ServerVersion.parse("17.6"), LARGE, () -> {
            throw new AssertionError("looked at the file system for PostgreSQL 17");
        });
        CopyMethod.choose(FileCopyMethod.COPY, ServerVersion.parse("18.1"), LARGE, () -> {
            throw new AssertionError("looked at the file system for pgreset.fileCopyMethod=copy");
        });
        assertThat(choose(FileCopyMethod.AUTO, "14.19", LARGE, XFS).strategy()).isNull();
    }

    @Test
    void anExplicitMethodWinsWhereTheServerHasIt() {
        assertThat(choose(FileCopyMethod.CLONE, "18.1", SMALL, EXT4).clones()).isTrue();
        CopyMethod copy = choose(FileCopyMethod.COPY, "18.1", LARGE, XFS);
        assertThat(copy.settings()).containsExactly("SET file_copy_method = copy");
        assertThat(choose(FileCopyMethod.COPY, "18.1", SMALL, XFS).settings())
                .as("WAL_LOG does not read file_copy_method")
                .isEmpty();
        CopyMethod tooOld = choose(FileCopyMethod.CLONE, "16.4", LARGE, XFS);
        assertThat(tooOld.clones()).isFalse();
        assertThat(tooOld.reason()).contains("cannot clone (file_copy_method is 18+)");
    }

    @Test
    void aMistypedMethodNamesTheValues() {
        assertThatThrownBy(() -> FileCopyMethod.parse("reflink"))
                .hasMessageContaining("pgreset.fileCopyMethod \"reflink\"")
                .hasMessageContaining("auto");
        assertThat(FileCopyMethod.parse(" Clone ")).isEqualTo(FileCopyMethod.CLONE);
    }
}
