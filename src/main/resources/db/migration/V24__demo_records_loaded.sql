-- When the demo patients' generated records were imported. Empty in demo databases made before the
-- records existed (and after a start stopped part way): the next start imports them.
ALTER TABLE demo_data_load ADD COLUMN records_loaded_at timestamptz;
