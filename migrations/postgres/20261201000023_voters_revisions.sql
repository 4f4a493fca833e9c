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

-- Moves on the revision of each process in which `person` voted, among `processes`
-- (NULL: any).
CREATE FUNCTION revise_voters_of(person BIGINT, among BIGINT[]) RETURNS void LANGUAGE sql AS $$
    UPDATE processes SET voters_revision = voters_revision + 1
        WHERE id IN (SELECT d.process_id FROM ballots b JOIN decisions d ON d.id = b.decision_id
                     WHERE b.person_id = person AND (among IS NULL OR d.process_id = ANY (among)));
$$;

-- For the tables that name their process (memberships, constituency_claims).
CREATE FUNCTION revise_voters_in_process() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE processes SET voters_revision = voters_revision + 1;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM revise_voters_of(OLD.person_id, ARRAY[OLD.process_id]);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE'
        AND (NEW.person_id, NEW.process_id) IS DISTINCT FROM (OLD.person_id, OLD.process_id)) THEN
        PERFORM revise_voters_of(NEW.person_id, ARRAY[NEW.process_id]);
    END IF;
    RETURN NULL;
END
$$;

-- For workshop attendance: the process of the workshop.
CREATE FUNCTION revise_voters_in_workshop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE processes SET voters_revision = voters_revision + 1;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM revise_voters_of(OLD.person_id,
            ARRAY(SELECT process_id FROM workshops WHERE id = OLD.workshop_id));
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE'
        AND (NEW.person_id, NEW.workshop_id) IS DISTINCT FROM (OLD.person_id, OLD.workshop_id)) THEN
        PERFORM revise_voters_of(NEW.person_id,
            ARRAY(SELECT process_id FROM workshops WHERE id = NEW.workshop_id));
    END IF;
    RETURN NULL;
END
$$;

-- How a voter appears, in every process they voted in. (Before a delete, while their
-- ballots are still there to be found.)
CREATE FUNCTION revise_voters_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE processes SET voters_revision = voters_revision + 1;
        RETURN NULL;
    END IF;
    PERFORM revise_voters_of(OLD.id, NULL);
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER memberships_revise AFTER INSERT OR UPDATE OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION revise_voters_in_process();
CREATE TRIGGER memberships_revise_on_truncate AFTER TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION revise_voters_in_process();
CREATE TRIGGER claims_revise AFTER INSERT OR UPDATE OR DELETE ON constituency_claims
    FOR EACH ROW EXECUTE FUNCTION revise_voters_in_process();
CREATE TRIGGER claims_revise_on_truncate AFTER TRUNCATE ON constituency_claims
    FOR EACH STATEMENT EXECUTE FUNCTION revise_voters_in_process();
CREATE TRIGGER attendance_revise AFTER INSERT OR UPDATE OR DELETE ON workshop_attendance
    FOR EACH ROW EXECUTE FUNCTION revise_voters_in_workshop();
CREATE TRIGGER attendance_revise_on_truncate AFTER TRUNCATE ON workshop_attendance
    FOR EACH STATEMENT EXECUTE FUNCTION revise_voters_in_workshop();
CREATE TRIGGER people_revise
    AFTER UPDATE OF full_name, pseudonym, appearance, show_on_public_pages, withdrawn_at ON people
    FOR EACH ROW EXECUTE FUNCTION revise_voters_person();
CREATE TRIGGER people_revise_on_delete BEFORE DELETE ON people
    FOR EACH ROW EXECUTE FUNCTION revise_voters_person();
CREATE TRIGGER people_revise_on_truncate AFTER TRUNCATE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION revise_voters_person();
