-- Baseline: the identity schema starts here; each feature adds its tables in its own migration.
SELECT 1;
