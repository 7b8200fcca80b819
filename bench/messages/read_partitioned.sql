\set b random(0, :conversations - 1)
SELECT id, sender_party, text, created_at FROM messages_partitioned
WHERE booking_id = lpad(to_hex(:b), 32, '0')::uuid ORDER BY id DESC LIMIT 50;
