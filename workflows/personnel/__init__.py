"""Keeping the record of employment: employees, penalties, org units, positions, accounts.

Every change is made by HR (HR, HR head) or an administrator of the agency, checked with the same
validators as the CSV import (``workflows.nip``, ``workflows.records``, the importer's bounds and
loop check), and written with its audit entry in one transaction.
"""
