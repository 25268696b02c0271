package io.github.pgreset.junit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;

/**
 * The connection pools of the test contexts that work on a {@link PgReset} database, emptied after each reset: a
 * context cached from one test class to the next keeps its pool, whose sessions the reset ended, and a pool may hand
 * out a connection it used moments ago without checking it (HikariCP within 500 ms). Emptied, it opens new ones. The
 * pools are the JVM's, as the contexts are; they are held weakly, so that a closed context's pool goes.
 */
public final class Pools {
    private static final Map<DataSource, Boolean> POOLS = Collections.synchronizedMap(new WeakHashMap<>());

    private Pools() {}

    /** A pool of a test context, to be emptied after the resets of its database. */
    public static void register(DataSource pool) {
        POOLS.put(pool, Boolean.TRUE);
    }

    /** Empties the pools connected to {@code url}: their idle connections closed now, those in use when returned. */
    static void evict(String url) {
        List<DataSource> pools;
        synchronized (POOLS) {
            pools = new ArrayList<>(POOLS.keySet());
        }
        for (DataSource pool : pools) {
            try {
                // HikariCP, found by its public API: pgreset does not depend on it
                Object jdbcUrl = pool.getClass().getMethod("getJdbcUrl").invoke(pool);
                if (url.equals(jdbcUrl)) {
                    Object mxBean =
                            pool.getClass().getMethod("getHikariPoolMXBean").invoke(pool);
                    if (mxBean != null) {
                        mxBean.getClass().getMethod("softEvictConnections").invoke(mxBean);
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException notHikari) {
                // another pool: its connections are checked as it checks them
            }
        }
    }
}
