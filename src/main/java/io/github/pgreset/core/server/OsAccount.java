package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operating-system account PostgreSQL's programs run as. PostgreSQL refuses to run as root, and CI containers often
 * build as root: there the programs run as an unprivileged account through {@code runuser} (or {@code su}), and the
 * folders they write belong to it.
 *
 * @param name the account; empty for the build's own (not root)
 * @param switcher {@code runuser} or {@code su}, the program that runs a command as {@code name}; empty for the build's
 */
record OsAccount(String name, Optional<Path> switcher) {
    /** The accounts tried, in order, when the build runs as root and pgreset.serverAccount is not set. */
    static final List<String> CANDIDATES = List.of("postgres", "nobody");

    static OsAccount buildUser() {
        return new OsAccount("", Optional.empty());
    }

    boolean switches() {
        return !name.isEmpty();
    }

    /**
     * The account for a build that runs as root: the one asked for, else the first of {@link #CANDIDATES} that
     * exists. Fails before anything is done when there is none, or no program to switch to it.
     */
    static OsAccount forRoot(String asked, List<Path> searchPath) {
        List<String> names = asked == null || asked.isBlank() ? CANDIDATES : List.of(asked.strip());
        String name = names.stream()
                .filter(OsAccount::exists)
                .findFirst()
                .orElseThrow(() -> new PgResetException(
                        Problem.LOCAL_SERVER,
                        "This build runs as root, and PostgreSQL refuses to run as root. pgreset runs it as an unprivileged"
                                + " account, but "
                                + (names.size() == 1
                                        ? "the account \"" + names.get(0) + "\" does not exist"
                                        : "none of " + String.join(", ", names) + " exists")
                                + ". Set pgreset.serverAccount to an existing account (useradd --system pgreset), or build as"
                                + " an ordinary user."));
        Path switcher = program("runuser", searchPath)
                .or(() -> program("su", searchPath))
                .orElseThrow(() -> new PgResetException(
                        Problem.LOCAL_SERVER,
                        "This build runs as root, and PostgreSQL refuses to run as root; pgreset would run it as \""
                                + name + "\", but finds neither runuser nor su on the PATH. Install util-linux, or"
                                + " build as an ordinary user."));
        return new OsAccount(name, Optional.of(switcher));
    }

    /** The command as this account runs it. */
    List<String> command(List<String> command) {
        if (!switches()) {
            return command;
        }
        Path tool = switcher.orElseThrow();
        List<String> wrapped = new ArrayList<>();
        wrapped.add(tool.toString());
        if (tool.getFileName().toString().equals("runuser")) {
            wrapped.addAll(List.of("-u", name, "--"));
            wrapped.addAll(command);
        } else {
            // su runs a shell: each word quoted for it
            wrapped.addAll(List.of("-s", "/bin/sh", name, "-c"));
            wrapped.add("exec " + command.stream().map(OsAccount::shellWord).collect(Collectors.joining(" ")));
        }
        return wrapped;
    }

    /** Gives a folder or file pgreset made to the account, so that the server can write it. */
    void own(Path path) throws IOException {
        if (switches()) {
            UserPrincipal owner =
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
            Files.setOwner(path, owner);
        }
    }

    static String shellWord(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Whether this process runs as root (user id 0), where PostgreSQL will not run. */
    static boolean root() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException notUnix) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean exists(String name) {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Optional<Path> program(String name, List<Path> searchPath) {
        return searchPath.stream()
                .map(dir -> dir.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The PATH's folders, and the ones where runuser and su live on systems whose PATH for root lacks them. */
    static List<Path> searchPath(String pathVariable) {
        List<Path> dirs = new ArrayList<>();
        if (pathVariable != null) {
            for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            dirs.add(Path.of(dir));
        }
        return dirs;
    }
}
