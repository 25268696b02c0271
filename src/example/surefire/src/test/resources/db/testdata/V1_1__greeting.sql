INSERT INTO message (body) VALUES ('welcome');
