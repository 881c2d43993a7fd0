"""GraphQL for the organisation: org units (OPD, bidang, UPTD) and positions (jabatan)."""
