CREATE TABLE message (id bigserial PRIMARY KEY, body text NOT NULL);
