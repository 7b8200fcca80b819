-- :rows messages over 12 months (2026), :conversations bookings; ids grow with time like UUID v7 (time prefix).
-- Conversation b's id is uuid of b, so the read script can pick one at random. A conversation lives around its trip:
-- the year is cut into 17 windows of about three weeks and each conversation's messages fall in one window
-- (window w holds conversations w * per .. w * per + per - 1, per = :conversations / 17), so it spans at most two
-- monthly partitions, as a real one does. read_*.sql bound created_at by the window's start and end, as the API bounds
-- its query by the conversation's creation and its last message (ConversationWindow).
INSERT INTO messages_partitioned
SELECT (lpad(to_hex(g), 16, '0') || lpad(to_hex((g * 7919) % 65536), 16, '0'))::uuid,
       lpad(to_hex((g * 17 / :rows) * (:conversations / 17) + (g * 104729) % (:conversations / 17)), 32, '0')::uuid,
       lpad(to_hex(g % 1000), 32, '0')::uuid,
       CASE WHEN g % 2 = 0 THEN 'customer' ELSE 'operator' END,
       'Message ' || g || ': do we need crampons on the way up, and where do we meet at eight?',
       timestamptz '2026-01-01' + (g::float8 / :rows) * interval '365 days'
FROM generate_series(0::bigint, :rows - 1) g;
INSERT INTO messages_plain SELECT * FROM messages_partitioned;
VACUUM ANALYZE messages_partitioned;
VACUUM ANALYZE messages_plain;
