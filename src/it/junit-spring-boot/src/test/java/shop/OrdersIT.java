package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgreset.junit.PgReset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@PgReset(database = "shop_it")
class OrdersIT {
    @Autowired
    Orders orders;

    @Test
    void startsFromTheMigrationsUnderFailsafeToo() {
        assertEquals(1, orders.count());
        System.out.println("[junit-it] OrdersIT on " + orders.database() + " in JVM " + ProcessHandle.current().pid());
    }
}
