package io.github.pgreset.core.drop;

import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.ServerVersion.Feature;
import io.github.pgreset.core.connection.SqlText;

/** The DDL the plugin sends: DROP, CREATE and ALTER DATABASE. Each is one statement, run in autocommit. */
public final class DatabaseStatements {
    private DatabaseStatements() {}

    /** {@code DROP DATABASE IF EXISTS "x" WITH (FORCE)}; FORCE only where the server has it (13+). */
    public static String drop(DatabaseName database, boolean force, ServerVersion version) {
        return "DROP DATABASE IF EXISTS " + database.sql()
                + (force && version.supports(Feature.DROP_FORCE) ? " WITH (FORCE)" : "");
    }

    /** Blocks new connections of every role, superusers and the owner included (9.5+). */
    public static String allowConnections(DatabaseName database, boolean allow) {
        return "ALTER DATABASE " + database.sql() + " ALLOW_CONNECTIONS " + allow;
    }

    /**
     * Closes a database to new connections and marks it closed by pgreset ({@link Marks#closed}), in one transaction:
     * a goal that dies after this finds the mark and reopens the database.
     */
    public static String close(DatabaseName database, String closingMark) {
        return comment(database, closingMark) + "; " + allowConnections(database, false);
    }

    /** Opens a database closed by {@link #close} and puts its own comment back ({@code null}: none), in one go. */
    public static String reopen(DatabaseName database, String comment) {
        return allowConnections(database, true) + "; "
                + (comment == null ? removeComment(database) : comment(database, comment));
    }

    /** {@code CREATE DATABASE "x"} with each option that is set. */
    public static String create(DatabaseName database, CreateOptions options) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(database.sql());
        if (options.owner() != null) {
            sql.append(" OWNER ").append(SqlText.identifier(options.owner()));
        }
        if (options.template() != null) {
            sql.append(" TEMPLATE ").append(SqlText.identifier(options.template()));
        }
        if (options.encoding() != null) {
            sql.append(" ENCODING ").append(SqlText.literal(options.encoding()));
        }
        if (options.locale() != null) {
            sql.append(" LOCALE ").append(SqlText.literal(options.locale()));
        }
        if (options.lcCollate() != null) {
            sql.append(" LC_COLLATE ").append(SqlText.literal(options.lcCollate()));
        }
        if (options.lcCtype() != null) {
            sql.append(" LC_CTYPE ").append(SqlText.literal(options.lcCtype()));
        }
        if (options.tablespace() != null) {
            sql.append(" TABLESPACE ").append(SqlText.identifier(options.tablespace()));
        }
        if (options.connectionLimit() != null) {
            sql.append(" CONNECTION LIMIT ").append(options.connectionLimit().intValue());
        }
        if (options.strategy() != null) {
            sql.append(" STRATEGY ").append(options.strategy().name());
        }
        return sql.toString();
    }

    /** Rolls back a prepared transaction; runs in the database it was prepared in. */
    static String rollbackPrepared(String gid) {
        return "ROLLBACK PREPARED " + SqlText.literal(gid);
    }

    /** {@code CREATE DATABASE "x" TEMPLATE "t" OWNER "o" STRATEGY ...}: a copy; strategy null for the server's default. */
    static String createFrom(DatabaseName database, DatabaseName template, String owner, Strategy strategy) {
        return "CREATE DATABASE " + database.sql() + " TEMPLATE " + template.sql()
                + (owner == null ? "" : " OWNER " + SqlText.identifier(owner))
                + (strategy == null ? "" : " STRATEGY " + strategy.name());
    }

    /** A copy, as {@link #createFrom}, that nobody can connect to until it is opened (ALLOW_CONNECTIONS, 9.5+). */
    public static String createClosedCopy(
            DatabaseName database, DatabaseName template, String owner, Strategy strategy) {
        return createFrom(database, template, owner, strategy) + " ALLOW_CONNECTIONS false";
    }

    public static String rename(DatabaseName database, DatabaseName newName) {
        return "ALTER DATABASE " + database.sql() + " RENAME TO " + newName.sql();
    }

    /** Marks a database a template (any role with CREATEDB may copy it) or not (it can then be dropped). */
    public static String isTemplate(DatabaseName database, boolean template) {
        return "ALTER DATABASE " + database.sql() + " IS_TEMPLATE " + template;
    }

    public static String comment(DatabaseName database, String comment) {
        return "COMMENT ON DATABASE " + database.sql() + " IS " + SqlText.literal(comment);
    }

    public static String removeComment(DatabaseName database) {
        return "COMMENT ON DATABASE " + database.sql() + " IS NULL";
    }
}
