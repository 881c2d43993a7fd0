"""The domain: career workflows, eligibility rules, the audit chain and the records they change.

No GraphQL and no HTTP in this package.
"""
