CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);
INSERT INTO orders VALUES (1, 42);
