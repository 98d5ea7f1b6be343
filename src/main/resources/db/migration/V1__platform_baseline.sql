-- Caregate schema baseline. Each module adds its own forward-only migrations: V<n>__<module>_<change>.sql
COMMENT ON SCHEMA public IS 'Caregate patient portal';
