\set b random(0, :conversations - 1)
INSERT INTO messages_partitioned VALUES (gen_random_uuid(), lpad(to_hex(:b), 32, '0')::uuid, gen_random_uuid(), 'customer',
  'See you at eight.', timestamptz '2027-01-01' + random() * interval '30 days');
