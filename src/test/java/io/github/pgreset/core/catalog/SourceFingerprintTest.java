package io.github.pgreset.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.connection.DatabaseName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint of the migrations: what counts, what it says changed, and how a snapshot's mark keeps it. */
class SourceFingerprintTest {
    @TempDir
    Path project;

    private SourceFingerprint fingerprint() {
        return SourceFingerprint.of(project, List.of(Path.of("db")));
    }

    private void write(String path, String text) throws Exception {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void contentsAndPathsCountTimesAndEmptyFoldersDoNot() throws Exception {
        write("db/V1__a.sql", "CREATE TABLE a ();");
        SourceFingerprint first = fingerprint();
        Files.setLastModifiedTime(
                project.resolve("db/V1__a.sql"), java.nio.file.attribute.FileTime.from(Instant.EPOCH));
        Files.createDirectories(project.resolve("db/empty"));
        assertThat(fingerprint().digest()).isEqualTo(first.digest());

        write("db/V1__a.sql", "CREATE TABLE a (id int);");
        write("db/sub/V2__b.sql", "CREATE TABLE b ();");
        SourceFingerprint second = fingerprint();
        assertThat(second.digest()).isNotEqualTo(first.digest());
        assertThat(second.changesSince(first, 5)).containsExactly("db/V1__a.sql changed", "db/sub/V2__b.sql added");
        assertThat(first.changesSince(second, 1)).containsExactly("db/V1__a.sql changed", "1 more change");
    }

    @Test
    void aSnapshotsMarkKeepsItsFingerprintAndWhenItWasTaken() throws Exception {
        write("db/V1__a.sql", "CREATE TABLE a ();");
        write("db/V2__b.sql", "CREATE TABLE b ();");
        SourceFingerprint sources = fingerprint();
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        String mark = Marks.snapshot(new DatabaseName("chat"), at, sources);

        assertThat(Marks.isSnapshot(mark)).isTrue();
        assertThat(Marks.takenAt(mark)).isEqualTo(at);
        assertThat(Marks.sources(mark)).isEqualTo(sources);
        assertThat(Marks.sources(Marks.snapshot(new DatabaseName("chat"), at, null)))
                .isNull();
    }

    @Test
    void aLinkedFolderCountsAsItsFiles() throws Exception {
        write("shared/V1__a.sql", "CREATE TABLE a ();");
        Files.createSymbolicLink(project.resolve("db"), project.resolve("shared"));
        SourceFingerprint linked = fingerprint();
        assertThat(linked.files()).containsOnlyKeys("db/V1__a.sql");
        write("shared/V1__a.sql", "CREATE TABLE a (id int);");
        assertThat(fingerprint().changesSince(linked, 5)).containsExactly("db/V1__a.sql changed");
    }

    @Test
    void aMissingSourceIsAConfigurationError() {
        assertThatThrownBy(() -> SourceFingerprint.of(project, List.of(Path.of("src/main/resources/db/migraton"))))
                .hasMessageContaining(
                        "pgreset.snapshotSources names " + project.resolve("src/main/resources/db/migraton"))
                .hasMessageContaining("does not exist");
    }
}
