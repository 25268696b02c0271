package io.github.pgreset.core.drop;

import io.github.pgreset.core.connection.MaintenanceConnection;
import java.sql.SQLException;
import java.util.List;

/**
 * What ends a drop once the database is free of sessions: one {@code DROP DATABASE} (or a rename), or a restore's
 * {@code NameSwap}. A dry run prints {@link #statements()}; a real run executes them, so the two cannot differ. A
 * failure leaves its SQLException to the dropper, which retries while the database is still in use.
 */
public interface FinalStep {
    List<String> statements();

    void execute(MaintenanceConnection connection) throws SQLException;

    /**
     * A final step tried on a database nobody was on when the goal read it, before anything closes it: in one round
     * trip, it finds nobody on it still and ends the goal, or it finds somebody, changes nothing and returns false, and
     * the plan's longer way (close, terminate, then the final step) runs. A dry run prints {@link #statements()}.
     */
    interface WhenNobodyOn {
        List<String> statements();

        boolean executeIfNobodyOn(MaintenanceConnection connection) throws SQLException;
    }

    static FinalStep of(String sql) {
        return new Single(sql);
    }

    record Single(String sql) implements FinalStep {
        @Override
        public List<String> statements() {
            return List.of(sql);
        }

        @Override
        public void execute(MaintenanceConnection connection) throws SQLException {
            connection.executeDdl(sql);
        }
    }
}
