-- Live workshops (issue 7): a workshop in a process with an agenda of steps, who joined and
-- how, shows of hands entered by the facilitator, and comments said aloud in the room.
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- Six characters from the sign-in code alphabet, shown on the projector.
    join_code TEXT NOT NULL UNIQUE,
    -- Comments from phones wait for the facilitator before the projector shows them.
    approve_comments BIGINT NOT NULL DEFAULT 0,
    -- NULL: gathering; n: at step n (from 0); -1: finished.
    current_step BIGINT,
    -- Bumped by every change a live screen shows; the id of each live event.
    revision BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    -- When the facilitator published the summary to the process (NULL: not yet).
    summary_published_at BIGINT
);
CREATE INDEX workshops_by_process ON workshops (process_id, id);

CREATE TABLE workshop_steps (
    workshop_id BIGINT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    -- JSON of the domain's StepKind.
    kind TEXT NOT NULL,
    decision_id BIGINT REFERENCES decisions (id) ON DELETE CASCADE,
    PRIMARY KEY (workshop_id, position)
);
CREATE INDEX workshop_steps_by_decision ON workshop_steps (decision_id);

-- Who joined, and how: with their account, a sign-in card, or as a guest for this workshop.
CREATE TABLE workshop_attendance (
    workshop_id BIGINT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    how TEXT NOT NULL CHECK (how IN ('account', 'card', 'guest')),
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, person_id)
);

-- A show of hands: a counted group ballot, entered by a facilitator.
CREATE TABLE group_ballots (
    id INTEGER PRIMARY KEY,
    decision_id BIGINT NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    -- JSON of the domain's ShowOfHands (constituency and counts).
    hands TEXT NOT NULL,
    entered_by BIGINT REFERENCES people (id) ON DELETE SET NULL,
    entered_at BIGINT NOT NULL
);
CREATE INDEX group_ballots_by_decision ON group_ballots (decision_id);

-- A comment typed in by the facilitator for someone who spoke: shown as "said in the room".
ALTER TABLE comments ADD COLUMN said_in_room BIGINT NOT NULL DEFAULT 0;
-- A guest's account lasts for one workshop.
ALTER TABLE people ADD COLUMN guest_of_workshop BIGINT;
