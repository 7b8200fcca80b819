\set b random(:first_window * (:conversations / 17), (:conversations / 17) * 17 - 1)
-- The conversation's window (see fill.sql): 2026 cut into 17 windows, Unix seconds.
\set w :b / (:conversations / 17)
\set lo 1767225600 + (:w * 31536000) / 17
\set hi 1767225600 + ((:w + 1) * 31536000) / 17 + 1
-- As literals, like the API's parameter values: the planner prunes the months at plan time. An expression such as
-- timestamptz + interval is only stable, which leaves every partition to the planner and prunes at run time.
SELECT to_timestamp(:lo)::text AS lo_at, to_timestamp(:hi)::text AS hi_at \gset
-- The API's newest page: the conversation's messages from its opening to its last message (ConversationWindow).
SELECT id, sender_party, text, created_at FROM messages_plain
WHERE booking_id = lpad(to_hex(:b), 32, '0')::uuid
  AND created_at >= ':lo_at'::timestamptz AND created_at <= ':hi_at'::timestamptz
ORDER BY id DESC LIMIT 50;
