package io.github.pgreset.bench;

import java.util.ArrayList;
import java.util.List;

/** The SQL that builds the benchmark's heavy databases, as a migration tool would run it. */
final class DataSets {
    private DataSets() {}

    /** 50 tables of about 3.4 MB each (rows and primary key): about 170 MB. */
    static List<String> dataHeavy() {
        List<String> sql = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            sql.add("CREATE TABLE data_" + i + " (id bigint PRIMARY KEY, payload text NOT NULL)");
            sql.add("INSERT INTO data_" + i + " SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 25500) g");
        }
        sql.add("ANALYZE");
        return sql;
    }

    /** 200 tables, each with a primary key, a foreign key to the one before, a unique constraint and an index. */
    static List<String> schemaHeavy() {
        List<String> sql = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            sql.add("CREATE TABLE entity_" + i + " (id bigserial PRIMARY KEY, parent_id bigint"
                    + (i == 1 ? "" : " REFERENCES entity_" + (i - 1) + " (id)")
                    + ", code text NOT NULL UNIQUE, name text, created timestamptz NOT NULL DEFAULT now())");
            sql.add("CREATE INDEX entity_" + i + "_created ON entity_" + i + " (created)");
            sql.add("INSERT INTO entity_" + i
                    + " (code, name) SELECT 'c' || g, 'name ' || g FROM generate_series(1, 50) g");
        }
        return sql;
    }
}
