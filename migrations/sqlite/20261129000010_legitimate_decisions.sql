-- Legitimate decisions (issue 13): guests take part in their workshop only; a room the
-- facilitator controls; shows of hands with bounds; an audit trail of roles and confirmations.

-- A decision opened from a workshop's step: the only kind that takes ballots from that
-- workshop's guests.
ALTER TABLE decisions ADD COLUMN opened_in_workshop BIGINT REFERENCES workshops (id) ON DELETE SET NULL;

-- The facilitator closes joining (the code stops working) and says how many are in the room.
ALTER TABLE workshops ADD COLUMN joining_closed_at BIGINT;
ALTER TABLE workshops ADD COLUMN room_size BIGINT;

-- A guest the facilitator removed: no longer in the room, their open ballots withdrawn.
ALTER TABLE workshop_attendance ADD COLUMN removed_at BIGINT;

-- One show of hands per constituency per decision (a new entry replaces the old; both stay
-- in the participation record). Unnamed hands count as "other participants".
ALTER TABLE group_ballots ADD COLUMN constituency TEXT;
CREATE UNIQUE INDEX group_ballots_one_per_constituency ON group_ballots (decision_id, constituency);

-- Who confirmed the ratifier as a commissioner, as they appeared when the ratification was made.
ALTER TABLE ratifications ADD COLUMN confirmed_by_name TEXT;

-- Every role given or taken, constituency confirmed, and guest admitted or removed: who did
-- it, to whom, what and when. Read by process administrators and commissioners.
CREATE TABLE process_audit (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    subject_id BIGINT REFERENCES people (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX process_audit_by_process ON process_audit (process_id, id);
