-- A number the database itself moves on whenever something a decision page shows about the
-- people who have voted in a process may have changed: how a voter appears, whether they
-- still take part (a place in the process or in one of its workshops), or their
-- constituencies there. Whoever makes the change, the app or someone editing the tables
-- behind its back. A page that finds it unchanged may use the voters' names it read last
-- time (see app/src/cache/decision_voters.rs) instead of reading a thousand people again.
--
-- Only changes to people who have voted in the process move it: a workshop guest joining
-- (a new person, a claim and a place in the room) has no ballot yet, so the guests joining a
-- room at once never wait on each other for the process's row.
ALTER TABLE processes ADD COLUMN voters_revision BIGINT NOT NULL DEFAULT 0;

-- Finding a person's ballots (and deleting them with the person).
CREATE INDEX ballots_by_person ON ballots (person_id, decision_id);

CREATE TRIGGER memberships_revise_on_insert AFTER INSERT ON memberships
WHEN EXISTS (SELECT 1 FROM ballots b JOIN decisions d ON d.id = b.decision_id
             WHERE b.person_id = NEW.person_id AND d.process_id = NEW.process_id)
BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1 WHERE id = NEW.process_id;
END;
CREATE TRIGGER memberships_revise_on_update AFTER UPDATE ON memberships BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1
        WHERE id IN (SELECT d.process_id FROM ballots b JOIN decisions d ON d.id = b.decision_id
                     WHERE b.person_id IN (OLD.person_id, NEW.person_id)
                       AND d.process_id IN (OLD.process_id, NEW.process_id));
END;
CREATE TRIGGER memberships_revise_on_delete AFTER DELETE ON memberships
WHEN EXISTS (SELECT 1 FROM ballots b JOIN decisions d ON d.id = b.decision_id
             WHERE b.person_id = OLD.person_id AND d.process_id = OLD.process_id)
BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1 WHERE id = OLD.process_id;
END;

CREATE TRIGGER claims_revise_on_insert AFTER INSERT ON constituency_claims
WHEN EXISTS (SELECT 1 FROM ballots b JOIN decisions d ON d.id = b.decision_id
             WHERE b.person_id = NEW.person_id AND d.process_id = NEW.process_id)
BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1 WHERE id = NEW.process_id;
END;
CREATE TRIGGER claims_revise_on_update AFTER UPDATE ON constituency_claims BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1
        WHERE id IN (SELECT d.process_id FROM ballots b JOIN decisions d ON d.id = b.decision_id
                     WHERE b.person_id IN (OLD.person_id, NEW.person_id)
                       AND d.process_id IN (OLD.process_id, NEW.process_id));
END;
CREATE TRIGGER claims_revise_on_delete AFTER DELETE ON constituency_claims
WHEN EXISTS (SELECT 1 FROM ballots b JOIN decisions d ON d.id = b.decision_id
             WHERE b.person_id = OLD.person_id AND d.process_id = OLD.process_id)
BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1 WHERE id = OLD.process_id;
END;

CREATE TRIGGER attendance_revise_on_insert AFTER INSERT ON workshop_attendance BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1
        WHERE id IN (SELECT d.process_id FROM ballots b JOIN decisions d ON d.id = b.decision_id
                     JOIN workshops w ON w.process_id = d.process_id
                     WHERE b.person_id = NEW.person_id AND w.id = NEW.workshop_id);
END;
CREATE TRIGGER attendance_revise_on_update AFTER UPDATE ON workshop_attendance BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1
        WHERE id IN (SELECT d.process_id FROM ballots b JOIN decisions d ON d.id = b.decision_id
                     JOIN workshops w ON w.process_id = d.process_id
                     WHERE b.person_id IN (OLD.person_id, NEW.person_id)
                       AND w.id IN (OLD.workshop_id, NEW.workshop_id));
END;
CREATE TRIGGER attendance_revise_on_delete AFTER DELETE ON workshop_attendance BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1
        WHERE id IN (SELECT d.process_id FROM ballots b JOIN decisions d ON d.id = b.decision_id
                     JOIN workshops w ON w.process_id = d.process_id
                     WHERE b.person_id = OLD.person_id AND w.id = OLD.workshop_id);
END;

-- How a voter appears, in every process they voted in. (Before a delete, while their
-- ballots are still there to be found.)
CREATE TRIGGER people_revise_on_update
AFTER UPDATE OF full_name, pseudonym, appearance, show_on_public_pages, withdrawn_at ON people BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1
        WHERE id IN (SELECT d.process_id FROM ballots b JOIN decisions d ON d.id = b.decision_id
                     WHERE b.person_id IN (OLD.id, NEW.id));
END;
CREATE TRIGGER people_revise_on_delete BEFORE DELETE ON people BEGIN
    UPDATE processes SET voters_revision = voters_revision + 1
        WHERE id IN (SELECT d.process_id FROM ballots b JOIN decisions d ON d.id = b.decision_id
                     WHERE b.person_id = OLD.id);
END;
