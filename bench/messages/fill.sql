-- :rows messages over 12 months (2026), :conversations bookings; ids grow with time like UUID v7 (time prefix).
-- Conversation b's id is uuid of b, so the read script can pick one at random.
INSERT INTO messages_partitioned
SELECT (lpad(to_hex(g), 16, '0') || lpad(to_hex((g * 7919) % 65536), 16, '0'))::uuid,
       lpad(to_hex((g * 104729) % :conversations), 32, '0')::uuid,
       lpad(to_hex(g % 1000), 32, '0')::uuid,
       CASE WHEN g % 2 = 0 THEN 'customer' ELSE 'operator' END,
       'Message ' || g || ': do we need crampons on the way up, and where do we meet at eight?',
       timestamptz '2026-01-01' + (g::float8 / :rows) * interval '365 days'
FROM generate_series(1::bigint, :rows) g;
INSERT INTO messages_plain SELECT * FROM messages_partitioned;
VACUUM ANALYZE messages_partitioned;
VACUUM ANALYZE messages_plain;
