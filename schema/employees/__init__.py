"""GraphQL for employees and the viewer."""
