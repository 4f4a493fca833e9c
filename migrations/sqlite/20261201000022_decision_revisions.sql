-- A number the database itself moves on whenever a decision's ballots, participation record
-- or shows of hands change: by the app, or by anyone editing the tables behind its back.
-- A page that finds it unchanged may use what it decoded and checked last time instead of
-- reading a thousand ballots and entries again (see app/src/cache/decision_records.rs).
ALTER TABLE decisions ADD COLUMN record_revision BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER ballots_revise_on_insert AFTER INSERT ON ballots BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id = NEW.decision_id;
END;
CREATE TRIGGER ballots_revise_on_update AFTER UPDATE ON ballots BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id IN (OLD.decision_id, NEW.decision_id);
END;
CREATE TRIGGER ballots_revise_on_delete AFTER DELETE ON ballots BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id = OLD.decision_id;
END;

CREATE TRIGGER record_revise_on_insert AFTER INSERT ON participation_record BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id = NEW.decision_id;
END;
CREATE TRIGGER record_revise_on_update AFTER UPDATE ON participation_record BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id IN (OLD.decision_id, NEW.decision_id);
END;
CREATE TRIGGER record_revise_on_delete AFTER DELETE ON participation_record BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id = OLD.decision_id;
END;

CREATE TRIGGER hands_revise_on_insert AFTER INSERT ON group_ballots BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id = NEW.decision_id;
END;
CREATE TRIGGER hands_revise_on_update AFTER UPDATE ON group_ballots BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id IN (OLD.decision_id, NEW.decision_id);
END;
CREATE TRIGGER hands_revise_on_delete AFTER DELETE ON group_ballots BEGIN
    UPDATE decisions SET record_revision = record_revision + 1 WHERE id = OLD.decision_id;
END;
