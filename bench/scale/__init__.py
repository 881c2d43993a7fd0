"""Generated agencies at national scale for benchmarks: rows built in Python, written in bulk.

``shape`` builds the organisation and the people of one agency, ``requests`` their career
requests with decisions and assignments, ``chain`` the agency's audit chain (hashed here, exactly
as ``workflows.audit`` would), ``sink`` writes rows with COPY (PostgreSQL) or executemany (SQLite).
"""
