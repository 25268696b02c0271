package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.catalog.CatalogQueries;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DatabaseStatements;
import io.github.pgreset.core.drop.Strategy;
import io.github.pgreset.core.session.SessionQueries;
import org.junit.jupiter.api.Test;

/** The statements the plugin sends, per server version. */
class SqlPerVersionTest {
    private static final ServerVersion PG12 = ServerVersion.parse("12.22");
    private static final ServerVersion PG13 = ServerVersion.parse("13.22");
    private static final ServerVersion PG18 = ServerVersion.parse("18.1");
    private static final DatabaseName CHAT = new DatabaseName("Chat \"it\"");

    @Test
    void dropUsesForceFrom13On() {
        assertThat(DatabaseStatements.drop(CHAT, true, PG18))
                .isEqualTo("DROP DATABASE IF EXISTS \"Chat \"\"it\"\"\" WITH (FORCE)");
        assertThat(DatabaseStatements.drop(CHAT, true, PG13)).endsWith(" WITH (FORCE)");
        assertThat(DatabaseStatements.drop(CHAT, true, PG12)).isEqualTo("DROP DATABASE IF EXISTS \"Chat \"\"it\"\"\"");
        assertThat(DatabaseStatements.drop(CHAT, false, PG18)).doesNotContain("FORCE");
    }

    @Test
    void blockingConnectionsStopsEveryRole() {
        assertThat(DatabaseStatements.allowConnections(CHAT, false))
                .isEqualTo("ALTER DATABASE \"Chat \"\"it\"\"\" ALLOW_CONNECTIONS false");
    }

    @Test
    void createHasOnlyTheOptionsThatAreSet() {
        assertThat(DatabaseStatements.create(CHAT, CreateOptions.defaults()))
                .isEqualTo("CREATE DATABASE \"Chat \"\"it\"\"\"");
        CreateOptions all = new CreateOptions(
                "app owner", "template0", "UTF8", "en_US.UTF-8", "C", "C", "fast", 20, Strategy.FILE_COPY);
        assertThat(DatabaseStatements.create(CHAT, all))
                .isEqualTo("CREATE DATABASE \"Chat \"\"it\"\"\" OWNER \"app owner\""
                        + " TEMPLATE \"template0\" ENCODING 'UTF8' LOCALE 'en_US.UTF-8' LC_COLLATE 'C' LC_CTYPE 'C'"
                        + " TABLESPACE \"fast\" CONNECTION LIMIT 20 STRATEGY FILE_COPY");
    }

    @Test
    void optionsTheServerIsTooOldForAreRefusedWithTheVersionTheyNeed() {
        CreateOptions strategy = new CreateOptions(null, null, null, null, null, null, null, null, Strategy.WAL_LOG);
        assertThatThrownBy(() -> strategy.checkSupportedBy(PG12, "postgres on localhost:5432"))
                .hasMessage("pgreset.strategy needs PostgreSQL 15 or later (CREATE DATABASE ... STRATEGY), but the "
                        + "server at postgres on localhost:5432 runs 12.22. Remove pgreset.strategy.");
        CreateOptions locale = new CreateOptions(null, null, null, "C", null, null, null, null, null);
        assertThatThrownBy(() -> locale.checkSupportedBy(PG12, "x")).hasMessageContaining("needs PostgreSQL 13");
        locale.checkSupportedBy(PG13, "x");
        strategy.checkSupportedBy(PG18, "x");
    }

    @Test
    void strategyNamesAreReadLeniently() {
        assertThat(Strategy.parse("wal_log")).isEqualTo(Strategy.WAL_LOG);
        assertThat(Strategy.parse("File-Copy")).isEqualTo(Strategy.FILE_COPY);
        assertThatThrownBy(() -> Strategy.parse("rsync"))
                .hasMessageContaining("wal_log")
                .hasMessageContaining("file_copy");
    }

    @Test
    void sessionListingFiltersWhatEachVersionCanFilter() {
        assertThat(SessionQueries.list(PG18, false))
                .contains("leader_pid")
                .contains("backend_type")
                .contains("pg_backend_pid()")
                .contains("usesysid IS NOT NULL");
        assertThat(SessionQueries.list(PG12, false))
                .doesNotContain("leader_pid")
                .contains("backend_type");
        assertThat(SessionQueries.list(ServerVersion.parse("9.6.24"), false)).doesNotContain("backend_type");
        assertThat(SessionQueries.terminate(PG12, false))
                .contains("pg_terminate_backend(pid)")
                .contains("array_agg");
    }

    @Test
    void onlyASuperuserReadsTheRoleCatalogItself() {
        assertThat(SessionQueries.list(PG18, true)).contains("pg_authid").doesNotContain("pg_roles");
        assertThat(SessionQueries.list(PG18, false))
                .contains("pg_roles", "pg_signal_backend")
                .doesNotContain("pg_authid");
    }

    @Test
    void subscriptionsAreLookedUpWhereTheyExist() {
        assertThat(CatalogQueries.forceBlockers(PG12))
                .contains("pg_prepared_xact()", "pg_get_replication_slots()", "pg_subscription");
        assertThat(CatalogQueries.forceBlockers(ServerVersion.parse("9.6.24"))).doesNotContain("pg_subscription");
    }
}
