package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.MaintenanceConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the file system under a database clones files, which decides {@code file_copy_method} in {@link
 * FileCopyMethod#AUTO}. pgreset can only look when the server runs on this machine: the server names the directory
 * of the database's tablespace and its modification time, and pgreset finds the same directory, with the same time,
 * here. That directory's file system then decides: btrfs, APFS and bcachefs clone; XFS when made with reflink (on
 * by default since xfsprogs 5.1, checked with {@code xfs_info} where it is installed); ZFS when its block cloning is
 * enabled. ext4 and the rest copy, and cloning there is slower than PostgreSQL's own copy.
 */
public final class StorageProbe {
    private static final Set<String> CLONING = Set.of("btrfs", "apfs", "bcachefs");
    private static final Pattern XFS_REFLINK = Pattern.compile("reflink=([01])");
    private static final String SBIN = "/usr/sbin:/sbin";
    private static final Path ZFS_BLOCK_CLONING = Path.of("/sys/module/zfs/parameters/zfs_bclone_enabled");

    /**
     * The database's size, and the directory of its tablespace ({@code ?} = name) with whether this role may stat it
     * on the server: {@code data_directory} is hidden from roles without superuser or pg_read_all_settings (null
     * then), and pg_stat_file needs superuser or a grant.
     */
    static final String DATABASE_STORAGE = "SELECT pg_database_size(d.oid) AS bytes,"
            + " CASE WHEN t.spcname = 'pg_default'"
            + " THEN (SELECT setting FROM pg_settings WHERE name = 'data_directory')"
            + " ELSE pg_tablespace_location(t.oid) END AS directory,"
            + " has_function_privilege('pg_stat_file(text, boolean)', 'EXECUTE') AS may_stat"
            + " FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace WHERE d.datname = ?";

    /** When the directory ({@code ?}) last changed, as the server sees it; null when it does not exist there. */
    static final String MODIFIED = "SELECT (pg_stat_file(?, true)).modification";

    /**
     * A database's size and where its files are.
     *
     * @param directory its tablespace's directory on the server, {@code null} when this role may not read it
     * @param mayStat whether this role may run pg_stat_file
     */
    record DatabaseStorage(long bytes, String directory, boolean mayStat) {
        static DatabaseStorage of(ResultSet rs) throws SQLException {
            return new DatabaseStorage(rs.getLong("bytes"), rs.getString("directory"), rs.getBoolean("may_stat"));
        }
    }

    /**
     * What pgreset found.
     *
     * @param clones whether copies there are clones
     * @param reason why, for the log: {@code /var/lib/pgsql/data is on xfs with reflink}
     */
    record Storage(boolean clones, String reason) {}

    private final MaintenanceConnection connection;
    private final Map<String, Storage> seen = new HashMap<>();

    StorageProbe(MaintenanceConnection connection) {
        this.connection = connection;
    }

    DatabaseStorage databaseStorage(DatabaseName database) {
        return connection
                .query(DATABASE_STORAGE, List.of(database.value()), DatabaseStorage::of)
                .get(0);
    }

    /**
     * Whether copies of a database stored as {@code storage} says are clones; looked at once per directory for the goal
     * (a snapshot copies the database, then the snapshot).
     */
    Storage storage(DatabaseStorage storage) {
        return seen.computeIfAbsent(storage.mayStat() + " " + storage.directory(), where -> lookAt(storage));
    }

    private Storage lookAt(DatabaseStorage storage) {
        if (storage.directory() == null) {
            return new Storage(
                    false,
                    "pgreset cannot see where the server keeps its files (reading data_directory needs "
                            + "superuser or pg_read_all_settings)");
        }
        if (!storage.mayStat()) {
            return new Storage(
                    false,
                    "pgreset cannot tell whether " + storage.directory() + " is on this machine (pg_stat_file "
                            + "needs superuser or GRANT EXECUTE)");
        }
        Timestamp onServer = connection
                .query(MODIFIED, List.of(storage.directory()), rs -> rs.getTimestamp(1))
                .get(0);
        return here(
                Path.of(storage.directory()),
                onServer == null ? -1 : onServer.toInstant().getEpochSecond());
    }

    /** The directory as this machine sees it: the server's own when it was modified in the same second. */
    static Storage here(Path directory, long serverModifiedSecond) {
        FileStore store;
        try {
            if (Files.getLastModifiedTime(directory).toInstant().getEpochSecond() != serverModifiedSecond) {
                return new Storage(false, directory + " is not on this machine");
            }
            store = Files.getFileStore(directory);
        } catch (IOException | SecurityException e) {
            return new Storage(false, directory + " is not on this machine (or not visible to this user)");
        }
        String type = store.type().toLowerCase(Locale.ROOT);
        if (CLONING.contains(type)) {
            return new Storage(true, directory + " is on " + type);
        }
        return switch (type) {
            case "xfs" -> xfs(directory, store);
            case "zfs" -> zfs(directory);
            default -> new Storage(false, directory + " is on " + type + ", which does not clone");
        };
    }

    /** XFS clones when made with reflink, which xfs_info says; without xfs_info, its default since 2019 (on). */
    private static Storage xfs(Path directory, FileStore store) {
        String where = directory + " is on xfs";
        String info = xfsInfo(mountPoint(directory, store));
        if (info == null) {
            return new Storage(true, where + " (reflink assumed, its default: xfs_info was not found to check)");
        }
        Matcher reflink = XFS_REFLINK.matcher(info);
        if (reflink.find() && reflink.group(1).equals("0")) {
            return new Storage(false, where + " without reflink, which does not clone");
        }
        return new Storage(true, where + " with reflink");
    }

    private static Storage zfs(Path directory) {
        String where = directory + " is on zfs";
        try {
            if (Files.readString(ZFS_BLOCK_CLONING).trim().equals("1")) {
                return new Storage(true, where + " with block cloning");
            }
        } catch (IOException e) {
            // before 2.2, no block cloning
        }
        return new Storage(false, where + " without block cloning (zfs_bclone_enabled)");
    }

    /** The highest ancestor on the same file system; xfs_info wants the mount point. */
    private static Path mountPoint(Path directory, FileStore store) {
        Path mount = directory.toAbsolutePath();
        try {
            while (mount.getParent() != null
                    && Files.getFileStore(mount.getParent()).equals(store)) {
                mount = mount.getParent();
            }
        } catch (IOException e) {
            // the last one that could be looked at
        }
        return mount;
    }

    /** xfs_info's output, {@code null} when it cannot be run (an ordinary user's PATH may lack /usr/sbin). */
    private static String xfsInfo(Path mountPoint) {
        for (String program : List.of("xfs_info", "/usr/sbin/xfs_info", "/sbin/xfs_info")) {
            String output = run(program, mountPoint);
            if (output != null) {
                return output;
            }
        }
        return null;
    }

    private static String run(String program, Path mountPoint) {
        try {
            ProcessBuilder builder = new ProcessBuilder(program, mountPoint.toString()).redirectErrorStream(true);
            // xfs_info is a script that runs xfs_spaceman, also in /usr/sbin
            builder.environment().merge("PATH", SBIN, (path, sbin) -> path + ":" + sbin);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
