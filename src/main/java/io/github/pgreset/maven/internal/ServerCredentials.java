package io.github.pgreset.maven.internal;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Credentials from a settings.xml {@code <server>}, decrypted by Maven (settings-security.xml), the same way the
 * deploy and Flyway plugins read theirs.
 *
 * @param username the server's username, or {@code null}
 * @param password the server's decrypted password, or {@code null}
 */
public record ServerCredentials(String username, String password) {

    @Override
    public String toString() {
        return "ServerCredentials[username=" + username + ", password " + (password == null ? "not set" : "set") + "]";
    }

    /** Where each of the two ways to give credentials came from: the command line ({@code -D}) wins over the POM. */
    public record Sources(boolean serverIdOnCommandLine, boolean usernameOrPasswordOnCommandLine) {
        public static final Sources POM = new Sources(false, false);

        /** Whether a username or password given with -D replaces the POM's {@code serverId}. */
        public boolean replaceServerId(String serverId) {
            return serverId != null && !serverId.isBlank() && usernameOrPasswordOnCommandLine && !serverIdOnCommandLine;
        }

        /** Whether a serverId given with -D replaces the POM's username and password. */
        boolean replaceCredentials(String serverId) {
            return serverId != null && !serverId.isBlank() && serverIdOnCommandLine && !usernameOrPasswordOnCommandLine;
        }
    }

    /**
     * The username and password to use: those of {@code serverId} when it is set, else the ones given (which may be
     * {@code null}). When both are set, the one given on the command line wins over the POM's; both in the same
     * place are refused.
     */
    public static ServerCredentials resolve(
            String serverId,
            String username,
            String password,
            Sources sources,
            Settings settings,
            SettingsDecrypter decrypter) {
        boolean hasServerId = serverId != null && !serverId.isBlank();
        boolean hasCredentials = username != null || password != null;
        if (hasCredentials && sources.replaceServerId(serverId)) {
            return new ServerCredentials(username, password);
        }
        if (hasCredentials && sources.replaceCredentials(serverId)) {
            return fromServer(serverId, settings, decrypter);
        }
        if (!hasServerId) {
            return new ServerCredentials(username, password);
        }
        if (hasCredentials) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "Both pgreset.serverId and pgreset.username/pgreset.password are set. Use "
                            + "one or the other: the <server> \"" + serverId
                            + "\" in settings.xml, or username and password.");
        }
        return fromServer(serverId, settings, decrypter);
    }

    private static ServerCredentials fromServer(String serverId, Settings settings, SettingsDecrypter decrypter) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "pgreset.serverId is \"" + serverId + "\", but settings.xml has no <server> "
                            + "with that <id>. Add one with <username> and <password>, or fix pgreset.serverId.");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        String problems = result.getProblems().stream()
                .filter(p -> p.getSeverity() == SettingsProblem.Severity.ERROR
                        || p.getSeverity() == SettingsProblem.Severity.FATAL)
                .map(SettingsProblem::getMessage)
                .collect(Collectors.joining("; "));
        if (!problems.isEmpty()) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "Cannot decrypt the password of <server> \"" + serverId + "\" in " + "settings.xml: " + problems
                            + ". Check ~/.m2/settings-security.xml (or -Dsettings.security).");
        }
        Server decrypted = result.getServer();
        return new ServerCredentials(decrypted.getUsername(), decrypted.getPassword());
    }
}
