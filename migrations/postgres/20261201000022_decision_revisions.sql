-- A number the database itself moves on whenever a decision's ballots, participation record
-- or shows of hands change: by the app, or by anyone editing the tables behind its back.
-- A page that finds it unchanged may use what it decoded and checked last time instead of
-- reading a thousand ballots and entries again (see app/src/cache/decision_records.rs).
-- Writers of a decision's record already lock its row (FOR UPDATE), so this adds no waiting.
ALTER TABLE decisions ADD COLUMN record_revision BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION revise_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE decisions SET record_revision = record_revision + 1;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE decisions SET record_revision = record_revision + 1 WHERE id = OLD.decision_id;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.decision_id <> OLD.decision_id) THEN
        UPDATE decisions SET record_revision = record_revision + 1 WHERE id = NEW.decision_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ballots_revise AFTER INSERT OR UPDATE OR DELETE ON ballots
    FOR EACH ROW EXECUTE FUNCTION revise_decision();
CREATE TRIGGER ballots_revise_on_truncate AFTER TRUNCATE ON ballots
    FOR EACH STATEMENT EXECUTE FUNCTION revise_decision();
CREATE TRIGGER record_revise AFTER INSERT OR UPDATE OR DELETE ON participation_record
    FOR EACH ROW EXECUTE FUNCTION revise_decision();
CREATE TRIGGER record_revise_on_truncate AFTER TRUNCATE ON participation_record
    FOR EACH STATEMENT EXECUTE FUNCTION revise_decision();
CREATE TRIGGER hands_revise AFTER INSERT OR UPDATE OR DELETE ON group_ballots
    FOR EACH ROW EXECUTE FUNCTION revise_decision();
CREATE TRIGGER hands_revise_on_truncate AFTER TRUNCATE ON group_ballots
    FOR EACH STATEMENT EXECUTE FUNCTION revise_decision();
