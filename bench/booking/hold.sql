-- One hold (POST /api/bookings) as kamhub sends it to PostgreSQL, statement by statement, captured with
-- log_statement = all (run.sh re-captures it each run and warns when the server's statements no longer match these).
-- run.sh fills in @DEPARTURE@ @TOUR@ @OPERATOR@ @CUSTOMER@ (one copy per departure; pgbench picks a copy at random)
-- and passes -D run=… -D n=0. :n counts this client's transactions, so every key, id and reference is unique.
-- pgbench turns every colon followed by a name into a parameter, even inside a string, so JSON literals here have a space after each
-- colon and event payloads are built with json_build_object (the server sends them as one text parameter).
-- Not replayed: the DISCARD ALL Npgsql sends when a pooled connection is reused (connection hygiene, not the hold).
\set n :n + 1
-- Idempotency-Key replay check, outside the transaction.
SELECT b.id, b.adults, b.amount_minor, b.cancellation_policy, b.cancellation_reason, b.cancelled_at, b.cancelled_by, b.children, b.confirmed_at, b.contact_email, b.contact_phone, b.created_at, b.currency, b.customer_id, b.departure_id, b.expired_at, b.hold_expires_at, b.idempotency_key, b.operator_id, b.participants, b.payment_id, b.reference, b.refund_minor, b.refund_percent, b.request_hash, b.seats, b.status, b.tour_id FROM booking.bookings AS b WHERE b.customer_id = '@CUSTOMER@' AND b.idempotency_key = 'pgb-' || :run::text || '-' || :client_id::text || '-' || :n::text LIMIT 1;
-- The departure: open, before its cut-off?
SELECT d.id, d.cancellation_policy, d.capacity, d.created_at, d.currency, d.cut_off_minutes, d.operator_id, d.price_minor, d.price_overridden, d.seats_taken, d.starts_at, d.status, d.time_zone, d.tour_id, d.updated_at FROM booking.departures AS d WHERE d.id = '@DEPARTURE@' LIMIT 1;
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED;
-- Run-out holds of the departure to reclaim (none in this benchmark: holds last 15 minutes).
SELECT b.id AS "Id", b.seats AS "Seats" FROM booking.bookings AS b WHERE b.departure_id = '@DEPARTURE@' AND b.status = 'held' AND b.hold_expires_at <= now() ORDER BY b.id;
-- The seats: one conditional UPDATE of the departure row (the contended row).
UPDATE booking.departures AS d SET seats_taken = d.seats_taken + 1 WHERE d.id = '@DEPARTURE@' AND d.status = 'scheduled' AND d.seats_taken + 1 <= d.capacity;
-- availability.changed payload: the counter as this transaction sees it.
SELECT d.tour_id AS "TourId", d.capacity AS "Capacity", d.seats_taken AS "SeatsTaken", d.status AS "Status" FROM booking.departures AS d WHERE d.id = '@DEPARTURE@' LIMIT 2;
SAVEPOINT "__EFSavePoint";
INSERT INTO booking.bookings (id, adults, amount_minor, cancellation_policy, cancellation_reason, cancelled_at, cancelled_by, children, confirmed_at, contact_email, contact_phone, created_at, currency, customer_id, departure_id, expired_at, hold_expires_at, idempotency_key, operator_id, participants, payment_id, reference, refund_minor, refund_percent, request_hash, seats, status, tour_id) VALUES (md5('pgb-' || :run::text || '-' || :client_id::text || '-' || :n::text)::uuid, 1, 500000, '{"tiers": [{"daysBefore": 7, "hoursBefore": null, "refundPercent": 100}, {"daysBefore": null, "hoursBefore": 48, "refundPercent": 50}]}', NULL, NULL, NULL, 0, NULL, 'bench@example.com', NULL, now(), 'RUB', '@CUSTOMER@', '@DEPARTURE@', NULL, now() + interval '15 minutes', 'pgb-' || :run::text || '-' || :client_id::text || '-' || :n::text, '@OPERATOR@', '[{"name": "Bench guest"}]', NULL, 'PB-' || lpad(to_hex((:run::bigint % 100000) * 10000000000 + :client_id::bigint * 10000000 + :n::bigint), 13, '0'), 0, NULL, 'edf57566cb61366398a30ec36159b42791436e2a7b2d93cc42692ea32769b2a6', 1, 'held', '@TOUR@');
INSERT INTO booking.outbox_events (aggregate_id, causation_id, correlation_id, id, occurred_at, payload, type, version) VALUES (md5('pgb-' || :run::text || '-' || :client_id::text || '-' || :n::text)::uuid::text, NULL, '8cd479acc1284540920adba65b38b760', gen_random_uuid(), now(), json_build_object('bookingId', md5('pgb-' || :run::text || '-' || :client_id::text || '-' || :n::text)::uuid, 'departureId', '@DEPARTURE@', 'tourId', '@TOUR@', 'customerId', '@CUSTOMER@', 'seats', 1, 'totalMinor', 500000, 'currency', 'RUB', 'holdExpiresAt', now() + interval '15 minutes', 'occurredAt', now())::text, 'booking.created', 1) RETURNING position;
INSERT INTO booking.outbox_events (aggregate_id, causation_id, correlation_id, id, occurred_at, payload, type, version) VALUES ('@DEPARTURE@', NULL, '8cd479acc1284540920adba65b38b760', gen_random_uuid(), now(), json_build_object('departureId', '@DEPARTURE@', 'tourId', '@TOUR@', 'capacity', 1000, 'seatsLeft', 998, 'occurredAt', now())::text, 'availability.changed', 1) RETURNING position;
RELEASE SAVEPOINT "__EFSavePoint";
COMMIT;
-- The answer carries the departure (start, time zone).
SELECT d.id, d.cancellation_policy, d.capacity, d.created_at, d.currency, d.cut_off_minutes, d.operator_id, d.price_minor, d.price_overridden, d.seats_taken, d.starts_at, d.status, d.time_zone, d.tour_id, d.updated_at FROM booking.departures AS d WHERE d.id = '@DEPARTURE@' LIMIT 1;
