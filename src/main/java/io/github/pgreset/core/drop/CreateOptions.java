package io.github.pgreset.core.drop;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.ServerVersion.Feature;

/**
 * The CREATE DATABASE options of recreate. Each goes into the statement only when set ({@code null} = the
 * server's default).
 */
public record CreateOptions(
        String owner,
        String template,
        String encoding,
        String locale,
        String lcCollate,
        String lcCtype,
        String tablespace,
        Integer connectionLimit,
        Strategy strategy) {

    public static CreateOptions defaults() {
        return new CreateOptions(null, null, null, null, null, null, null, null, null);
    }

    /** These options with the OWNER given ({@code null}: the connecting role). */
    public CreateOptions ownedBy(String role) {
        return new CreateOptions(
                role, template, encoding, locale, lcCollate, lcCtype, tablespace, connectionLimit, strategy);
    }

    public CreateOptions {
        if (connectionLimit != null && connectionLimit < -1) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "pgreset.connectionLimit is " + connectionLimit
                            + "; use -1 (no limit) or a number of connections.");
        }
    }

    /** Refuses an option the server is too old for, naming the version it needs. */
    public void checkSupportedBy(ServerVersion version, String location) {
        require(locale != null, "pgreset.locale", Feature.CREATE_LOCALE, version, location);
        require(strategy != null, "pgreset.strategy", Feature.CREATE_STRATEGY, version, location);
    }

    private static void require(boolean set, String option, Feature feature, ServerVersion version, String where) {
        if (set && !version.supports(feature)) {
            throw new PgResetException(
                    Problem.UNSUPPORTED,
                    option + " needs PostgreSQL " + feature.since().major()
                            + " or later (" + feature.what() + "), but the server at " + where + " runs " + version
                            + ". Remove " + option
                            + (option.equals("pgreset.locale")
                                    ? " or use pgreset.lcCollate and " + "pgreset.lcCtype"
                                    : "")
                            + ".");
        }
    }
}
