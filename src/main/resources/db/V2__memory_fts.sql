-- V2: keyword search over memory_chunks (SQLite FTS5, ranked by BM25), for when no embedder is available and
-- for the keyword half of hybrid search. Only adds: a database from the Go program still opens, and its rows
-- are indexed below.
-- Why a full-text table with its own copy of the text (not external content keyed by rowid): memory_chunks has a
-- TEXT primary key, so its rowids may change on VACUUM; rows here are found by chunk_id instead. chunk_id is an
-- indexed column so the triggers find a row with a MATCH rather than a full scan; searches restrict themselves to
-- {content tags}. The triggers keep the index in step with every writer, including other programs.
-- Layout rule of our scripts: a statement ends with ';' at the end of a line, so inside trigger bodies every ';'
-- is followed by more text on the same line.

CREATE VIRTUAL TABLE IF NOT EXISTS memory_chunks_fts USING fts5(content, tags, chunk_id, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO memory_chunks_fts (content, tags, chunk_id) SELECT content, COALESCE(tags, ''), id FROM memory_chunks;

CREATE TRIGGER IF NOT EXISTS memory_chunks_fts_insert AFTER INSERT ON memory_chunks BEGIN
    INSERT INTO memory_chunks_fts (content, tags, chunk_id) VALUES (new.content, COALESCE(new.tags, ''), new.id); END;

CREATE TRIGGER IF NOT EXISTS memory_chunks_fts_delete AFTER DELETE ON memory_chunks BEGIN
    DELETE FROM memory_chunks_fts WHERE rowid IN (SELECT rowid FROM memory_chunks_fts
        WHERE memory_chunks_fts MATCH 'chunk_id : "' || replace(old.id, '"', '""') || '"'); END;

CREATE TRIGGER IF NOT EXISTS memory_chunks_fts_update AFTER UPDATE OF id, content, tags ON memory_chunks
    WHEN old.id IS NOT new.id OR old.content IS NOT new.content OR old.tags IS NOT new.tags BEGIN
    DELETE FROM memory_chunks_fts WHERE rowid IN (SELECT rowid FROM memory_chunks_fts
        WHERE memory_chunks_fts MATCH 'chunk_id : "' || replace(old.id, '"', '""') || '"'); INSERT INTO memory_chunks_fts
        (content, tags, chunk_id) VALUES (new.content, COALESCE(new.tags, ''), new.id); END;
