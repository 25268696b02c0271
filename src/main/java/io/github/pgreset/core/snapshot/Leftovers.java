package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.catalog.CatalogQueries;
import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.drop.DatabaseStatements;
import io.github.pgreset.core.drop.DropPlanner;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.Repairs;
import io.github.pgreset.core.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an interrupted goal (killed, or its server gone) left on a target, found by pgreset's own marks and working
 * names, and the steps that repair it: a database pgreset closed is reopened with its own comment back, a copy it did
 * not finish and a database it had set aside for dropping are dropped. Nothing else is touched: a database is repaired
 * only when its mark or its working name ({@link SnapshotNames}) proves it is pgreset's.
 *
 * @param plan the repairing steps, first in the goal's plan
 * @param found what each step repairs, for the one line that says so
 */
public record Leftovers(Plan plan, List<String> found) {

    /** The repairs for these rows (as {@link CatalogQueries#targetState} read them). */
    static Leftovers of(SnapshotNames names, Map<DatabaseName, DatabaseRow> rows, ServerVersion version) {
        List<Step> steps = new ArrayList<>();
        List<String> found = new ArrayList<>();
        DatabaseRow target = rows.get(names.target());
        if (target != null && Marks.isClosed(target.comment())) {
            steps.add(DropPlanner.reopen(names.target(), target));
            found.add("reopened database \"" + names.target() + "\"");
        }
        drop(
                names.aside(),
                rows,
                Marks.isOwn(comment(rows, names.aside())),
                "the database a restore replaced",
                version,
                steps,
                found);
        drop(
                names.replacedSnapshot(),
                rows,
                Marks.isOwn(comment(rows, names.replacedSnapshot())),
                "the snapshot a new one replaced",
                version,
                steps,
                found);
        drop(
                names.partialSnapshot(),
                rows,
                unfinished(rows.get(names.partialSnapshot())),
                "an unfinished snapshot",
                version,
                steps,
                found);
        drop(
                names.partialCopy(),
                rows,
                unfinished(rows.get(names.partialCopy())),
                "an unfinished copy of the snapshot",
                version,
                steps,
                found);
        return new Leftovers(new Plan(steps), List.copyOf(found));
    }

    /** The one line that says what was repaired; empty when nothing was. */
    String line() {
        return Repairs.line(found);
    }

    /** A copy made under a working name is closed and not a template until the step that finishes it. */
    private static boolean unfinished(DatabaseRow row) {
        return row != null && !row.allowConnections() && !row.template();
    }

    private static String comment(Map<DatabaseName, DatabaseRow> rows, DatabaseName name) {
        DatabaseRow row = rows.get(name);
        return row == null ? null : row.comment();
    }

    private static void drop(
            DatabaseName database,
            Map<DatabaseName, DatabaseRow> rows,
            boolean own,
            String what,
            ServerVersion version,
            List<Step> steps,
            List<String> found) {
        DatabaseRow row = rows.get(database);
        if (row == null || !own) {
            return;
        }
        List<String> sql = new ArrayList<>();
        if (row.template()) {
            sql.add(DatabaseStatements.isTemplate(database, false));
        }
        sql.add(DatabaseStatements.drop(database, true, version));
        steps.add(Step.each("repair", "Dropping \"" + database + "\", " + what + ", left by an interrupted goal", sql));
        found.add("dropped \"" + database + "\" (" + what + ")");
    }
}
