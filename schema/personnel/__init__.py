"""GraphQL of record maintenance: the record's read-only facts and HR's mutations on it."""
