package io.github.pgreset.maven.internal;

import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
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

    /**
     * The username and password to use: those of {@code serverId} when it is set, else the ones given (which may be
     * {@code null}). Giving both is refused.
     */
    public static ServerCredentials resolve(
            String serverId, String username, String password, Settings settings, SettingsDecrypter decrypter)
            throws MojoFailureException {
        if (serverId == null || serverId.isBlank()) {
            return new ServerCredentials(username, password);
        }
        if (username != null || password != null) {
            throw new MojoFailureException("Both pgreset.serverId and pgreset.username/pgreset.password are set. Use "
                    + "one or the other: the <server> \"" + serverId + "\" in settings.xml, or username and password.");
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new MojoFailureException("pgreset.serverId is \"" + serverId + "\", but settings.xml has no <server> "
                    + "with that <id>. Add one with <username> and <password>, or fix pgreset.serverId.");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        String problems = result.getProblems().stream()
                .filter(p -> p.getSeverity() == SettingsProblem.Severity.ERROR
                        || p.getSeverity() == SettingsProblem.Severity.FATAL)
                .map(SettingsProblem::getMessage)
                .collect(Collectors.joining("; "));
        if (!problems.isEmpty()) {
            throw new MojoFailureException("Cannot decrypt the password of <server> \"" + serverId + "\" in "
                    + "settings.xml: " + problems + ". Check ~/.m2/settings-security.xml (or -Dsettings.security).");
        }
        Server decrypted = result.getServer();
        return new ServerCredentials(decrypted.getUsername(), decrypted.getPassword());
    }
}
