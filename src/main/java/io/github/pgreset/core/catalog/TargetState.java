package io.github.pgreset.core.catalog;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.session.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a goal reads before it plans, in one round trip ({@link CatalogQueries#targetState}): everything its plan is
 * decided from.
 *
 * @param catalog the target's row and what the server allows
 * @param sessions the client sessions on the target
 * @param prepared the target's prepared transactions
 * @param blockers what terminating sessions cannot clear: prepared transactions, active slots, subscriptions
 * @param rows the rows of the target and of the related databases that exist, by name
 */
public record TargetState(
        CatalogRow catalog,
        List<Session> sessions,
        List<PreparedTransaction> prepared,
        List<Blocker> blockers,
        Map<DatabaseName, DatabaseRow> rows) {
    public TargetState {
        sessions = List.copyOf(sessions);
        prepared = List.copyOf(prepared);
        blockers = List.copyOf(blockers);
        rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    /**
     * The state once the steps that repair leftovers have run: a target that a stopped goal left closed is open again,
     * with its own comment back.
     */
    public TargetState repaired(DatabaseName target) {
        DatabaseRow row = catalog.database();
        if (row == null || !Marks.isClosed(row.comment())) {
            return this;
        }
        DatabaseRow open = row.reopened();
        Map<DatabaseName, DatabaseRow> repaired = rowsByName();
        repaired.put(target, open);
        return new TargetState(
                new CatalogRow(open, catalog.inRecovery(), catalog.readOnly(), catalog.mayCreateDatabases()),
                sessions,
                prepared,
                blockers,
                repaired);
    }

    /** A copy of the rows by name (the target's among them), for a caller to take rows out of. */
    public Map<DatabaseName, DatabaseRow> rowsByName() {
        return new LinkedHashMap<>(rows);
    }
}
