package io.github.pgreset.core;

import io.github.pgreset.core.catalog.CatalogRow;
import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.PreparedTransaction;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.ConnectionSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.HostPort;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.plan.Step;
import io.github.pgreset.core.session.Session;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Catalog rows and contexts for the planners' unit tests: what a read could return, without a server. */
public final class Rows {
    public static final ServerVersion V96 = ServerVersion.parse("9.6.24");
    public static final ServerVersion V12 = ServerVersion.parse("12.22");
    public static final ServerVersion V13 = ServerVersion.parse("13.18");
    public static final ServerVersion V18 = ServerVersion.parse("18.1");
    public static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    public static final Target TARGET = new Target(
            new ConnectionSettings(List.of(new HostPort("localhost", 5432)), "app", null, null, Map.of()),
            new DatabaseName("chat"));
    public static final ProgressListener QUIET = ProgressListener.silent();

    private Rows() {}

    public static PlanContext context(ServerVersion version) {
        return new PlanContext(TARGET, version, "app", false, "postgres", NOW);
    }

    public static PlanContext superuser(ServerVersion version) {
        return new PlanContext(TARGET, version, "postgres", true, "postgres", NOW);
    }

    /** An ordinary database the role owns, open, with {@code comment}. */
    public static DatabaseRow database(String comment) {
        return new DatabaseRow(16384, comment, true, -1, false, "app", true);
    }

    public static DatabaseRow row(long oid, String comment, boolean allowConnections, boolean template) {
        return new DatabaseRow(oid, comment, allowConnections, -1, template, "app", true);
    }

    public static Session session(int pid, String application, boolean canTerminate) {
        return new Session(pid, "app", application, "127.0.0.1", "idle", null, null, null, null, false, canTerminate);
    }

    /** A primary, a writable session, a role that may create databases. */
    public static TargetState state(DatabaseRow target, List<Session> sessions) {
        return state(target, sessions, List.of(), Map.of());
    }

    public static TargetState state(
            DatabaseRow target,
            List<Session> sessions,
            List<PreparedTransaction> prepared,
            Map<DatabaseName, DatabaseRow> related) {
        Map<DatabaseName, DatabaseRow> rows = new LinkedHashMap<>();
        if (target != null) {
            rows.put(TARGET.database(), target);
        }
        rows.putAll(related);
        return new TargetState(new CatalogRow(target, false, false, true), sessions, prepared, List.of(), rows);
    }

    public static List<String> names(Plan plan) {
        return plan.steps().stream().map(Step::name).toList();
    }
}
