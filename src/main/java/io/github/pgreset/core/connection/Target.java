package io.github.pgreset.core.connection;

/** The database a goal acts on, and how to reach its server. */
public record Target(ConnectionSettings connection, DatabaseName database) {
    /** {@code database "chat" on 127.0.0.1:5432}: where something happened, for messages. */
    public String describe() {
        return "database \"" + database + "\" on " + connection.location();
    }
}
