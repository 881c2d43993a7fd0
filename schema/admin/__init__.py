"""The administrator's API: API tokens and the audit chain's status."""
