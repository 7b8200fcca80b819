SET client_min_messages = warning;
-- The messages table as the Engagement migration makes it on PostgreSQL (partitioned by month), and the same table
-- unpartitioned, to compare. Same columns, same (booking_id, id) index.
DROP TABLE IF EXISTS messages_partitioned, messages_plain;
CREATE TABLE messages_partitioned (
    id uuid NOT NULL, booking_id uuid NOT NULL, sender_id uuid NOT NULL, sender_party varchar(16) NOT NULL,
    text varchar(4000) NOT NULL, created_at timestamptz NOT NULL,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX ON messages_partitioned (booking_id, id);
DO $$
DECLARE m date := date '2026-01-01';
BEGIN
  FOR i IN 0..12 LOOP  -- 12 filled months and the one after them, for the inserts
    EXECUTE format('CREATE TABLE messages_y%sm%s PARTITION OF messages_partitioned FOR VALUES FROM (%L) TO (%L)',
      to_char(m, 'YYYY'), to_char(m, 'MM'), m::timestamptz, (m + interval '1 month')::timestamptz);
    m := m + interval '1 month';
  END LOOP;
END $$;
CREATE TABLE messages_plain (
    id uuid NOT NULL, booking_id uuid NOT NULL, sender_id uuid NOT NULL, sender_party varchar(16) NOT NULL,
    text varchar(4000) NOT NULL, created_at timestamptz NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ON messages_plain (booking_id, id);
