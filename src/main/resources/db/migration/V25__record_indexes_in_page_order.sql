-- The record pages list newest first with undated items last, ties by id
-- (ORDER BY effective_at DESC NULLS LAST, id). The V22 indexes were "effective_at DESC", which puts
-- undated items first, so PostgreSQL could not walk them in page order: it read and converted every
-- row of the patient's kind and sorted them (about 10 ms for 5,000 results, 70 ms from disk).
-- In page order it reads just the page.
DROP INDEX record_resource_patient_type_idx;
DROP INDEX record_resource_patient_category_idx;
DROP INDEX record_resource_patient_code_idx;
CREATE INDEX record_resource_patient_type_idx
    ON record_resource (patient_id, resource_type, effective_at DESC NULLS LAST, id);
CREATE INDEX record_resource_patient_category_idx
    ON record_resource (patient_id, resource_type, category, effective_at DESC NULLS LAST, id);
CREATE INDEX record_resource_patient_code_idx
    ON record_resource (patient_id, resource_type, code, effective_at DESC NULLS LAST, id);
