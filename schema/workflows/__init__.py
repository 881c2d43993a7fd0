"""GraphQL for workflow definitions and their drawings."""
