"""The decree (SK) of an approved career request, as the request's viewers see it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import strawberry

from portal import models
from schema.context import Info
from workflows.personnel.decrees import verify_url


@strawberry.type(description="Surat Keputusan closing an approved request.")
class Decree:
    number: str = strawberry.field(description="From the agency's register, e.g. 800/0007/...")
    issued_on: date
    decision: str = strawberry.field(description="What it decides, in Bahasa Indonesia.")
    sha256: str = strawberry.field(description="SHA-256 of the PDF as issued.")
    verify_url: str = strawberry.field(description="The public page its QR code points at.")
    download_path: str = strawberry.field(description="GET with a bearer token: the PDF.")


async def decree_of(info: Info, request_id: int) -> Decree | None:
    async def load(keys: Sequence[int]) -> list[models.Decree | None]:
        viewer = info.context.viewer
        if viewer is None:
            return [None for _ in keys]
        rows = await models.Decree.filter(
            agency_id=viewer.agency_id, career_request_id__in=list(keys)
        ).only("id", "career_request_id", "number", "issued_on", "decision", "sha256", "code")
        found = {r.career_request_id: r for r in rows}
        return [found.get(k) for k in keys]

    row = await info.context.loaders.custom("decree_by_request", load).load(request_id)
    if row is None:
        return None
    return Decree(
        number=row.number,
        issued_on=row.issued_on,
        decision=row.decision,
        sha256=row.sha256,
        verify_url=verify_url(row.code),
        download_path=f"/decrees/{row.code}.pdf",
    )
