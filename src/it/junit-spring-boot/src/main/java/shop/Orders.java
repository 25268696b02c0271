package shop;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class Orders {
    private final JdbcTemplate jdbc;

    public Orders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.queryForObject("SELECT count(*) FROM orders", Long.class);
    }

    public void add(long id, int total) {
        jdbc.update("INSERT INTO orders VALUES (?, ?)", id, total);
    }

    public String database() {
        return jdbc.queryForObject("SELECT current_database()", String.class);
    }
}
