package io.github.pgreset.core.connection;

import java.util.Map;

/**
 * The libpq environment variables a PostgreSQL user already has set. pgjdbc reads ~/.pgpass and pg_service.conf
 * itself but not these, so they are read here, once.
 */
public record LibpqEnvironment(
        String host, String port, String user, String password, String database, String sslMode) {
    public static LibpqEnvironment of(Map<String, String> env) {
        return new LibpqEnvironment(
                blankToNull(env.get("PGHOST")),
                blankToNull(env.get("PGPORT")),
                blankToNull(env.get("PGUSER")),
                blankToNull(env.get("PGPASSWORD")),
                blankToNull(env.get("PGDATABASE")),
                blankToNull(env.get("PGSSLMODE")));
    }

    public static LibpqEnvironment none() {
        return new LibpqEnvironment(null, null, null, null, null, null);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "LibpqEnvironment[PGHOST=" + host + ", PGPORT=" + port + ", PGUSER=" + user + ", PGPASSWORD="
                + (password == null ? "not set" : "set") + ", PGDATABASE=" + database + ", PGSSLMODE=" + sslMode + "]";
    }
}
