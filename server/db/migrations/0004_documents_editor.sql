-- Placeholder: the 0004_documents_editor migration is written with its module.
SELECT 1;
