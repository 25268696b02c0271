package io.github.pgreset.core.plan;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.Target;
import java.time.Instant;

/**
 * What a planner knows of where it plans, besides the rows it read: the target, the server's version and the
 * plugin's role. A planner needs no connection: tests give it one of these and rows of their own.
 *
 * @param sessionDatabase the database the plugin's connection uses (postgres, template1 or pgreset.maintenanceDatabase)
 * @param superuser whether the plugin's role is a superuser
 * @param now when the goal plans, for the marks it writes
 */
public record PlanContext(
        Target target, ServerVersion version, String role, boolean superuser, String sessionDatabase, Instant now) {

    public static PlanContext of(MaintenanceConnection connection, Target target) {
        return new PlanContext(
                target,
                connection.version(),
                connection.role(),
                connection.superuser(),
                connection.database(),
                Instant.now());
    }

    /** {@code database "chat" on localhost:5432}: another database of the target's server, for messages. */
    public String describe(DatabaseName database) {
        return new Target(target.connection(), database).describe();
    }
}
