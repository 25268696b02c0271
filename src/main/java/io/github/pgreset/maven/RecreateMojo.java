package io.github.pgreset.maven;

import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.Strategy;
import io.github.pgreset.core.report.GoalReport;
import io.github.pgreset.maven.internal.ResultLog;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;

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
     * Role that owns the new database ({@code OWNER}), e.g. {@code app}.
     *
     * <p>Default: the connecting role. Example: {@code <owner>app</owner>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.owner")
    private String owner;

    /**
     * Database to copy ({@code TEMPLATE}), e.g. {@code template0} or a migrated template.
     *
     * <p>Default: {@code template1}. Example: {@code
     * <template>template0</template>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.template")
    private String template;

    /**
     * Character set ({@code ENCODING}), e.g. {@code UTF8}. Other than the template's needs {@code template0}.
     *
     * <p>Default: the template's. Example: {@code <encoding>UTF8</encoding>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.encoding")
    private String encoding;

    /**
     * Collation and character classification together ({@code LOCALE}, PostgreSQL 13+), e.g. {@code C} or
     * {@code en_US.UTF-8}.
     *
     * <p>Default: the template's. Example: {@code <locale>C</locale>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.locale")
    private String locale;

    /**
     * Collation ({@code LC_COLLATE}), e.g. {@code C}.
     *
     * <p>Default: the template's. Example: {@code <lcCollate>C</lcCollate>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.lcCollate")
    private String lcCollate;

    /**
     * Character classification ({@code LC_CTYPE}), e.g. {@code C}.
     *
     * <p>Default: the template's. Example: {@code <lcCtype>C</lcCtype>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.lcCtype")
    private String lcCtype;

    /**
     * Tablespace of the new database ({@code TABLESPACE}), e.g. {@code fast_ssd}.
     *
     * <p>Default: the template's. Example: {@code
     * <tablespace>fast_ssd</tablespace>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.tablespace")
    private String tablespace;

    /**
     * Concurrent connections allowed ({@code CONNECTION LIMIT}), -1 for no limit, e.g. {@code 20}.
     *
     * <p>Default: {@code -1} (no limit). Example: {@code
     * <connectionLimit>20</connectionLimit>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.connectionLimit")
    private Integer connectionLimit;

    /**
     * How the template is copied ({@code STRATEGY}, PostgreSQL 15+): {@code wal_log} (the server's default, best for
     * small templates) or {@code file_copy} (large templates).
     *
     * <p>Default: the server's ({@code wal_log}). Example: {@code
     * -Dpgreset.strategy=file_copy}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.strategy")
    private String strategy;

    @Inject
    public RecreateMojo(SettingsDecrypter decrypter, @Named("basic") ComponentConfigurator configurator) {
        super(decrypter, configurator);
    }

    @Override
    protected GoalReport run(ResetService service, ResultLog results) {
        return results.recreated(service.recreate(dropOptions(), createOptions()));
    }

    private CreateOptions createOptions() {
        return new CreateOptions(
                owner,
                template,
                encoding,
                locale,
                lcCollate,
                lcCtype,
                tablespace,
                connectionLimit,
                strategy == null || strategy.isBlank() ? null : Strategy.parse(strategy));
    }
}
