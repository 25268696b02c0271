CREATE TABLE message (
    id bigserial PRIMARY KEY,
    body text NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now()
);
