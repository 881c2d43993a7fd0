"""GraphQL for the hash-chained audit log."""
