-- V3: tokens of provider calls that no task accounts for (embeddings for memory search, the remember tool and
-- soul-file indexing), summed per UTC day and kind. The daily token limit counts them beside the tasks' own
-- tokens. Only adds: a database from the Go program still opens, and the Go program ignores this table.

CREATE TABLE IF NOT EXISTS token_usage (
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    tokens INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, kind)
);
