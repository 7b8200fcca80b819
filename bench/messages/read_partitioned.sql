\set b random(0, (:conversations / 17) * 17 - 1)
-- The API's newest page: the conversation's messages since it was opened (its window's start, see fill.sql).
SELECT id, sender_party, text, created_at FROM messages_partitioned
WHERE booking_id = lpad(to_hex(:b), 32, '0')::uuid
  AND created_at >= timestamptz '2026-01-01' + (:b / (:conversations / 17)) * (365.0 / 17) * interval '1 day'
ORDER BY id DESC LIMIT 50;
