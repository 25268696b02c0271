CREATE TABLE message (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now()
);
