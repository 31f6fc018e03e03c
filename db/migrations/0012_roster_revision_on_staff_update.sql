-- Who is on duty is answered with the staff's names, phones and languages kept in memory beside the
-- rotations: a change to any of them counts at once too, in every process.
CREATE TRIGGER roster_revision_on_staff_update AFTER UPDATE ON staff
BEGIN
  UPDATE roster_revision SET revision = revision + 1 WHERE id = 1;
END;
