"""The demo agencies (Kota Serang, Kota Tangerang Selatan), generated from a fixed seed.

``plan`` builds the data as plain values (no ORM); ``writer`` writes one agency's plan and
``loader`` loads both agencies into an empty database.
"""

from portal.demo.accounts import DEMO_PASSWORD
from portal.demo.loader import database_is_empty, load_career_requests, load_demo
from portal.demo.plan import DEMO_SEED, build_plan
from portal.demo.writer import LoadedAgency, write_plan

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_SEED",
    "LoadedAgency",
    "build_plan",
    "database_is_empty",
    "load_career_requests",
    "load_demo",
    "write_plan",
]
