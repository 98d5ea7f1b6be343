-- Remembers that the demo data was loaded, and how far the generator has gone, so a restart does
-- not load it again and a benchmark run continues with new patients.
CREATE TABLE demo_data_load (
    id        smallint PRIMARY KEY CHECK (id = 1),
    seed      bigint      NOT NULL,
    generated bigint      NOT NULL,
    loaded_at timestamptz NOT NULL
);
