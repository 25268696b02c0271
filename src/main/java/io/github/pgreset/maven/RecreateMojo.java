package io.github.pgreset.maven;

import io.github.pgreset.core.CreateOptions;
import io.github.pgreset.core.DropResult;
import io.github.pgreset.core.RecreateResult;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.Strategy;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Drops the database as {@code drop} does, then creates it again, empty, with the options given. Bound to
 * {@code pre-integration-test} by default, so integration tests (and migrations bound after it) start from a fresh
 * database.
 *
 * @since 0.1.0
 */
@Mojo(name = "recreate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true, requiresProject = false)
public class RecreateMojo extends AbstractDropMojo {

    /**
     * Role that owns the new database ({@code OWNER}), e.g. {@code app}. Default: the connecting role.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.owner")
    private String owner;

    /**
     * Database to copy ({@code TEMPLATE}), e.g. {@code template0} or a migrated template. Default: template1.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.template")
    private String template;

    /**
     * Character set ({@code ENCODING}), e.g. {@code UTF8}. Other than the template's needs {@code template0}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.encoding")
    private String encoding;

    /**
     * Collation and character classification together ({@code LOCALE}, PostgreSQL 13+), e.g. {@code C} or
     * {@code en_US.UTF-8}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.locale")
    private String locale;

    /**
     * Collation ({@code LC_COLLATE}), e.g. {@code C}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.lcCollate")
    private String lcCollate;

    /**
     * Character classification ({@code LC_CTYPE}), e.g. {@code C}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.lcCtype")
    private String lcCtype;

    /**
     * Tablespace of the new database ({@code TABLESPACE}), e.g. {@code fast_ssd}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.tablespace")
    private String tablespace;

    /**
     * Concurrent connections allowed ({@code CONNECTION LIMIT}), -1 for no limit, e.g. {@code 20}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.connectionLimit")
    private Integer connectionLimit;

    /**
     * How the template is copied ({@code STRATEGY}, PostgreSQL 15+): {@code wal_log} (the server's default, best for
     * small templates) or {@code file_copy} (large templates).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.strategy")
    private String strategy;

    @Inject
    public RecreateMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "recreate";
    }

    @Override
    protected void run(ResetService service) {
        CreateOptions options = new CreateOptions(
                owner,
                template,
                encoding,
                locale,
                lcCollate,
                lcCtype,
                tablespace,
                connectionLimit,
                strategy == null || strategy.isBlank() ? null : Strategy.parse(strategy));
        RecreateResult result = service.recreate(dropOptions(), options);
        String location = service.target().connection().location();
        DropResult drop = result.drop();
        logDrop(drop, location);
        String where = "\"" + drop.database() + "\" on " + location;
        if (result.dryRun()) {
            getLog().info("[dry run] Would create it again: " + result.createStatement() + ";");
            return;
        }
        getLog().info("Recreated database " + where + " in " + result.elapsed().toMillis() + " ms ("
                + (drop.outcome() == DropResult.Outcome.MISSING
                        ? "it did not exist"
                        : drop.method() + ", " + drop.terminated().size() + " session(s) terminated")
                + ").");
    }
}
