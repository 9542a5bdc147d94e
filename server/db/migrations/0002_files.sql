-- Placeholder: the 0002_files migration is written with its module.
SELECT 1;
