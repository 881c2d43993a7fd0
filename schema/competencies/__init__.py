"""GraphQL for the competency dictionary (PermenPANRB 38/2017); the merit package extends it."""
