package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgreset.junit.PgReset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The test of the four Surefire classes: each starts from the migrated database, whatever the classes before it in this
 * JVM wrote; the context is shared among them.
 */
@SpringBootTest
@PgReset(database = "shop_it")
abstract class OrdersTestClass {
    @Autowired
    Orders orders;

    @Test
    void startsFromTheMigrations() {
        assertEquals(1, orders.count(), "rows left by an earlier test class");
        orders.add(100, 1);
        System.out.println("[junit-it] " + getClass().getSimpleName() + " on " + orders.database() + " in JVM "
                + ProcessHandle.current().pid());
    }
}
