package io.github.pgreset.core;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.SafetyRules;
import io.github.pgreset.core.connection.Target;
import java.time.Duration;

/**
 * Everything one goal needs to know.
 *
 * @param target the database to act on and how to reach its server
 * @param timeout bounds the whole goal: connecting, waiting for sessions to end, retries and each statement
 * @param dryRun report what would be terminated, dropped and created, and change nothing
 * @param safety what the goal refuses to touch
 */
public record ResetSettings(Target target, Duration timeout, boolean dryRun, SafetyRules safety) {
    public ResetSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "pgreset.timeout must be at least 1 second, not " + timeout.toSeconds() + ".");
        }
    }

    /** The same settings for another database on the same server. */
    public ResetSettings forDatabase(DatabaseName database) {
        return new ResetSettings(new Target(target.connection(), database), timeout, dryRun, safety);
    }
}
