package com.example.chat;

import static com.example.chat.db.Tables.MESSAGE;

import java.util.List;
import org.jooq.DSLContext;

/** The messages of the chat, through the classes jOOQ generated from the migrated database. */
public final class Messages {
    private final DSLContext db;

    public Messages(DSLContext db) {
        this.db = db;
    }

    public long send(String body) {
        return db.insertInto(MESSAGE).set(MESSAGE.BODY, body).returning(MESSAGE.ID).fetchOne(MESSAGE.ID);
    }

    public List<String> all() {
        return db.select(MESSAGE.BODY).from(MESSAGE).orderBy(MESSAGE.ID).fetch(MESSAGE.BODY);
    }
}
