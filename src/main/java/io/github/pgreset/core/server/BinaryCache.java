package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The binaries unpacked, once per release and platform, into a folder that outlives {@code mvn clean}: {@code
 * <cache>/18.1.0-linux-amd64/bin/postgres}. A folder is unpacked under a working name and renamed when complete, under
 * a lock, so two builds unpacking at once get one folder and a build killed half-way leaves nothing that is taken for
 * complete.
 */
final class BinaryCache {
    private final Path root;

    BinaryCache(Path root) {
        this.root = root;
    }

    /** The folder of the binaries of this release, if they are unpacked already. */
    Path folder(Platform platform, Release release) {
        return root.resolve(release.text() + "-" + platform.key());
    }

    boolean has(Platform platform, Release release) {
        return Files.isDirectory(folder(platform, release).resolve("bin"));
    }

    /** The folder of the binaries, unpacked from {@code jar} when they are not there yet. */
    Path unpacked(Platform platform, Release release, Path jar, Deadline deadline, ProgressListener progress) {
        Path folder = folder(platform, release);
        if (has(platform, release)) {
            return folder;
        }
        Path partial = folder.resolveSibling(folder.getFileName() + ".partial");
        try (FileLock lock = FileLock.take(
                folder.resolveSibling(folder.getFileName() + ".lock"), "the binaries' cache " + folder, deadline)) {
            if (has(platform, release)) {
                return folder; // another build unpacked them while this one waited
            }
            long start = System.nanoTime();
            Files.createDirectories(root);
            Folders.delete(partial); // a build killed while unpacking; the lock says no other one is at it
            extract(jar, partial);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            progress.info("Unpacked PostgreSQL " + release + " (" + platform.key() + ") to " + folder + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms.");
            return folder;
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "Cannot unpack the PostgreSQL binaries from " + jar + " to " + folder + ": " + e
                            + ". Check that the folder can be written, or delete the jar from the local Maven"
                            + " repository so that it is downloaded again.",
                    e);
        }
    }

    /** The one .txz archive inside the jar, unpacked with its links and its files' modes. */
    private static void extract(Path jar, Path into) throws IOException {
        Files.createDirectories(into);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry txz = zip.stream()
                    .filter(e -> e.getName().endsWith(".txz"))
                    .findFirst()
                    .orElseThrow(() -> new IOException(jar + " holds no .txz archive"));
            try (InputStream in = zip.getInputStream(txz);
                    TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = inside(into, into, entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    if (entry.isSymbolicLink()) {
                        // a link may lead to a sibling folder (lib/x -> ../bin/y), never out of the binaries' folder
                        inside(into, target.getParent(), entry.getLinkName());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else if (entry.isLink()) {
                        Files.copy(inside(into, into, entry.getLinkName()), target);
                    } else {
                        Files.copy(tar, target);
                    }
                    if (posix && !entry.isSymbolicLink()) {
                        Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                    }
                }
            }
        }
    }

    /** {@code name} resolved against {@code base}, refused when it is not under {@code root}. */
    private static Path inside(Path root, Path base, String name) throws IOException {
        Path target = base.resolve(name).normalize();
        if (!target.startsWith(root.normalize())) {
            throw new IOException("the archive names a file outside its folder: " + name);
        }
        return target;
    }

    /** A tar entry's mode, for the owner, group and others; readable by all, as binaries are. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return permissions;
    }
}
