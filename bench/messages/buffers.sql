-- Buffers one newest-page read touches (shared hits + reads, from EXPLAIN (ANALYZE, BUFFERS)), the mean over :samples
-- random conversations, and in brackets how many of them were not in shared buffers (read from the kernel)
-- A measure of "stays flat as the table grows" that a busy machine does not blur, unlike latency.
-- bounded = true: the API's query (created_at from the conversation's opening to its last message); false: the lower
-- bound only (the query before ConversationWindow), to show what the upper bound saves.
CREATE OR REPLACE FUNCTION bench_page_buffers(tbl regclass, conversations int, samples int, bounded boolean) RETURNS text
LANGUAGE plpgsql AS $fn$
DECLARE
  per int := conversations / 17;
  b int;
  plan json;
  total bigint := 0;
  misses bigint := 0;
BEGIN
  PERFORM setseed(0.42);
  FOR i IN 1..samples LOOP
    b := floor(random() * per * 17)::int;
    EXECUTE format($q$EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
      SELECT id, sender_party, text, created_at FROM %s
      WHERE booking_id = lpad(to_hex(%s), 32, '0')::uuid
        AND created_at >= timestamptz '2026-01-01' + (%s / %s) * (365.0 / 17) * interval '1 day'
        %s
      ORDER BY id DESC LIMIT 50$q$, tbl, b, b, per,
      CASE WHEN bounded THEN format($u$AND created_at <= timestamptz '2026-01-01' + (%s / %s + 1) * (365.0 / 17) * interval '1 day'$u$, b, per)
           ELSE '' END) INTO plan;
    total := total + (plan->0->'Plan'->>'Shared Hit Blocks')::bigint + (plan->0->'Plan'->>'Shared Read Blocks')::bigint;
    misses := misses + (plan->0->'Plan'->>'Shared Read Blocks')::bigint;
  END LOOP;
  RETURN round(total::numeric / samples, 1) || ' (' || round(misses::numeric / samples, 1) || ' read)';
END
$fn$;
SELECT format('buffers per newest page (mean of %s): partitioned %s, partitioned with the lower bound only %s, plain %s',
  :samples,
  bench_page_buffers('messages_partitioned', :conversations, :samples, true),
  bench_page_buffers('messages_partitioned', :conversations, :samples, false),
  bench_page_buffers('messages_plain', :conversations, :samples, true));
