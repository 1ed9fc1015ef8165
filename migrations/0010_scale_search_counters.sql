-- Search and per-day counters, kept in step by triggers: they fire inside the very statement that files, refiles
-- (replay) or deletes a row, so every writer (pipeline, replay, import, retention, a domain move) keeps them true.

-- Every inbound row belongs to a domain from the start: its envelope recipient's (what filing later confirms).
UPDATE inbound_emails
SET domain_id = (
  SELECT d.id FROM domains d
  WHERE d.name = lower(substr(inbound_emails.envelope_to, length(rtrim(inbound_emails.envelope_to, replace(inbound_emails.envelope_to, '@', ''))) + 1))
)
WHERE domain_id IS NULL;

-- Daily counters (table-valued functions such as json_each are not allowed inside triggers: plain subqueries).
-- `*` counts every message of this database, a domain id its own. Day = created_at / 86,400,000.
CREATE TRIGGER inbound_counts_insert AFTER INSERT ON inbound_emails BEGIN
  INSERT INTO daily_counts (scope, day, counter, value)
  SELECT scope.value, new.created_at / 86400000, counter.value, 1
  FROM (SELECT '*' AS value UNION ALL SELECT new.domain_id WHERE new.domain_id IS NOT NULL) AS scope,
       (SELECT 'received' AS value UNION ALL
        SELECT CASE new.kind WHEN 'bounce' THEN 'bounces' ELSE 'complaints' END WHERE new.kind IN ('bounce', 'feedback')) AS counter
  WHERE true
  ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value;
END;

CREATE TRIGGER inbound_counts_delete AFTER DELETE ON inbound_emails BEGIN
  INSERT INTO daily_counts (scope, day, counter, value)
  SELECT scope.value, old.created_at / 86400000, counter.value, -1
  FROM (SELECT '*' AS value UNION ALL SELECT old.domain_id WHERE old.domain_id IS NOT NULL) AS scope,
       (SELECT 'received' AS value UNION ALL
        SELECT CASE old.kind WHEN 'bounce' THEN 'bounces' ELSE 'complaints' END WHERE old.kind IN ('bounce', 'feedback')) AS counter
  WHERE true
  ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value;
END;

-- Filing sets kind and domain (and a test or an import may move created_at): the old row's counts move to the new.
CREATE TRIGGER inbound_counts_update AFTER UPDATE OF domain_id, kind, created_at ON inbound_emails
WHEN old.domain_id IS NOT new.domain_id OR old.kind IS NOT new.kind OR old.created_at IS NOT new.created_at BEGIN
  INSERT INTO daily_counts (scope, day, counter, value)
  SELECT scope.value, old.created_at / 86400000, counter.value, -1
  FROM (SELECT '*' AS value UNION ALL SELECT old.domain_id WHERE old.domain_id IS NOT NULL) AS scope,
       (SELECT 'received' AS value UNION ALL
        SELECT CASE old.kind WHEN 'bounce' THEN 'bounces' ELSE 'complaints' END WHERE old.kind IN ('bounce', 'feedback')) AS counter
  WHERE true
  ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value;
  INSERT INTO daily_counts (scope, day, counter, value)
  SELECT scope.value, new.created_at / 86400000, counter.value, 1
  FROM (SELECT '*' AS value UNION ALL SELECT new.domain_id WHERE new.domain_id IS NOT NULL) AS scope,
       (SELECT 'received' AS value UNION ALL
        SELECT CASE new.kind WHEN 'bounce' THEN 'bounces' ELSE 'complaints' END WHERE new.kind IN ('bounce', 'feedback')) AS counter
  WHERE true
  ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value;
END;

-- Report rows (one per failed recipient) that no mail of ours backs: logged and counted, nothing more.
CREATE TRIGGER bounces_counts_insert AFTER INSERT ON bounces WHEN new.verified = 0 BEGIN
  INSERT INTO daily_counts (scope, day, counter, value)
  SELECT scope.value, new.created_at / 86400000, 'unverified', 1
  FROM (SELECT '*' AS value UNION ALL SELECT new.domain_id WHERE new.domain_id IS NOT NULL) AS scope
  WHERE true
  ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value;
END;

CREATE TRIGGER bounces_counts_delete AFTER DELETE ON bounces WHEN old.verified = 0 BEGIN
  INSERT INTO daily_counts (scope, day, counter, value)
  SELECT scope.value, old.created_at / 86400000, 'unverified', -1
  FROM (SELECT '*' AS value UNION ALL SELECT old.domain_id WHERE old.domain_id IS NOT NULL) AS scope
  WHERE true
  ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value;
END;

INSERT INTO daily_counts (scope, day, counter, value)
SELECT scope.value, i.created_at / 86400000, counter.value, count(*)
FROM inbound_emails i,
     json_each(json_array('*', i.domain_id)) AS scope,
     json_each(json_array('received', CASE i.kind WHEN 'bounce' THEN 'bounces' WHEN 'feedback' THEN 'complaints' END)) AS counter
WHERE scope.value IS NOT NULL AND counter.value IS NOT NULL
GROUP BY 1, 2, 3;

INSERT INTO daily_counts (scope, day, counter, value)
SELECT scope.value, b.created_at / 86400000, 'unverified', count(*)
FROM bounces b, json_each(json_array('*', b.domain_id)) AS scope
WHERE b.verified = 0 AND scope.value IS NOT NULL
GROUP BY 1, 2
ON CONFLICT (scope, day, counter) DO UPDATE SET value = value + excluded.value;

-- Full-text search (FTS5, unicode61: words, case and diacritics folded). One document per message: its subject, its
-- participants (sender, To and Cc: addresses and names) and its text; one per thread: the thread's subject (a
-- thread without messages yet is found too). External content: the index holds no second copy of the text.
CREATE VIEW message_search_source AS
SELECT m.rowid AS doc_id,
       coalesce(m.subject, '') AS subject,
       -- To and Cc are JSON lists of {address, name}: their key names are dropped, the tokenizer ignores the punctuation.
       coalesce(m.from_address, '') || ' ' || coalesce(m.from_name, '') || ' ' ||
         replace(replace(m."to" || ' ' || m.cc, '"address":', ' '), '"name":', ' ') AS participants,
       coalesce(m.text, m.reply_text, '') AS body
FROM messages m;

CREATE VIRTUAL TABLE message_search USING fts5(
  subject, participants, body,
  content = 'message_search_source', content_rowid = 'doc_id', tokenize = 'unicode61 remove_diacritics 2'
);

-- BEFORE DELETE: the row is still in the view, so the index gets back exactly the values it was given.
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_search (rowid, subject, participants, body)
  SELECT doc_id, subject, participants, body FROM message_search_source WHERE doc_id = new.rowid;
END;

CREATE TRIGGER messages_search_delete BEFORE DELETE ON messages BEGIN
  INSERT INTO message_search (message_search, rowid, subject, participants, body)
  SELECT 'delete', doc_id, subject, participants, body FROM message_search_source WHERE doc_id = old.rowid;
END;

CREATE TRIGGER messages_search_update_before BEFORE UPDATE OF subject, from_address, from_name, "to", cc, text, reply_text ON messages BEGIN
  INSERT INTO message_search (message_search, rowid, subject, participants, body)
  SELECT 'delete', doc_id, subject, participants, body FROM message_search_source WHERE doc_id = old.rowid;
END;

CREATE TRIGGER messages_search_update_after AFTER UPDATE OF subject, from_address, from_name, "to", cc, text, reply_text ON messages BEGIN
  INSERT INTO message_search (rowid, subject, participants, body)
  SELECT doc_id, subject, participants, body FROM message_search_source WHERE doc_id = new.rowid;
END;

CREATE VIRTUAL TABLE thread_search USING fts5(
  subject, content = 'threads', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER threads_search_insert AFTER INSERT ON threads BEGIN
  INSERT INTO thread_search (rowid, subject) VALUES (new.rowid, coalesce(new.subject, ''));
END;

CREATE TRIGGER threads_search_delete AFTER DELETE ON threads BEGIN
  INSERT INTO thread_search (thread_search, rowid, subject) VALUES ('delete', old.rowid, coalesce(old.subject, ''));
END;

CREATE TRIGGER threads_search_update AFTER UPDATE OF subject ON threads BEGIN
  INSERT INTO thread_search (thread_search, rowid, subject) VALUES ('delete', old.rowid, coalesce(old.subject, ''));
  INSERT INTO thread_search (rowid, subject) VALUES (new.rowid, coalesce(new.subject, ''));
END;

INSERT INTO message_search (message_search) VALUES ('rebuild');
INSERT INTO thread_search (rowid, subject) SELECT rowid, coalesce(subject, '') FROM threads;
