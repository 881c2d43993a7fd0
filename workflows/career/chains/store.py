"""Drafts, publishing and versions of an agency's approval chains (administrators only).

A kind has at most one draft, edited freely (only its shape is checked); ``publish`` runs every
check of ``validation`` and, when none fails, makes the draft the next immutable version and
writes an audit entry, in one transaction. Requests keep the version they started with.
"""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import ApprovalChain
from portal.viewer import Viewer
from portal.vocabulary import ChainStatus, RequestKind, Role
from workflows import audit
from workflows.access import require_user
from workflows.career.chains.spec import ChainSpec, parse_spec
from workflows.career.chains.validation import Problem, problems
from workflows.errors import StaleVersion, ValidationFailed
from workflows.messages import Text, missing, refused, word


class ChainInvalid(ValidationFailed):
    """The draft fails checks; ``problems`` says which, each with its code."""

    code = "CHAIN_INVALID"

    def __init__(self, found: list[Problem]) -> None:
        params = {"count": len(found)}
        super().__init__(
            word("errors.chain.invalid", **params),
            field="stages",
            problems=[p.code for p in found],
            message_key="errors.chain.invalid",
            params=params,
        )
        self.problems = found


def require_admin(actor: Viewer) -> None:
    """Only an administrator of the agency (a signed-in user, never a token) edits chains."""
    require_user(actor, "errors.chain.admin_only")
    if not actor.has_role(Role.ADMIN):
        raise refused("errors.chain.admin_only")


async def versions(agency_id: int, kind: RequestKind | None = None) -> list[ApprovalChain]:
    """The agency's chains, drafts and published versions, by kind and version."""
    query = ApprovalChain.filter(agency_id=agency_id)
    if kind is not None:
        query = query.filter(kind=kind)
    return await query.order_by("kind", "version")


async def draft_of(agency_id: int, kind: RequestKind) -> ApprovalChain | None:
    return await ApprovalChain.filter(
        agency_id=agency_id, kind=kind, status=ChainStatus.DRAFT
    ).first()


async def published_of(agency_id: int, kind: RequestKind) -> ApprovalChain | None:
    """The latest published version (None: the agency uses the built-in definition)."""
    return (
        await ApprovalChain.filter(agency_id=agency_id, kind=kind, status=ChainStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


async def save_draft(
    *, actor: Viewer, kind: RequestKind, spec: ChainSpec | dict[str, Any]
) -> ApprovalChain:
    """Create or replace the kind's draft (its shape is checked, the rest at publishing)."""
    require_admin(actor)
    parsed = parse_spec(spec)
    data = parsed.model_dump(mode="json")
    async with in_transaction() as conn:
        await audit.lock_agency_chain(conn, actor.agency_id)
        draft = (
            await ApprovalChain.filter(
                agency_id=actor.agency_id, kind=kind, status=ChainStatus.DRAFT
            )
            .using_db(conn)
            .first()
        )
        if draft is not None:
            draft.spec = data
            draft.edited_by = actor.username
            await draft.save(using_db=conn)
            return draft
        last = (
            await ApprovalChain.filter(agency_id=actor.agency_id, kind=kind)
            .using_db(conn)
            .order_by("-version")
            .first()
        )
        try:
            return await ApprovalChain.create(
                using_db=conn,
                agency_id=actor.agency_id,
                kind=kind,
                version=(last.version if last else 0) + 1,
                status=ChainStatus.DRAFT,
                spec=data,
                edited_by=actor.username,
            )
        except IntegrityError:
            raise StaleVersion(expected=0, current=1) from None


async def check_draft(*, actor: Viewer, kind: RequestKind) -> tuple[ApprovalChain, list[Problem]]:
    """The draft and what would stop it from being published (nothing is written)."""
    require_admin(actor)
    draft = await draft_of(actor.agency_id, kind)
    if draft is None:
        raise missing("errors.chain.no_draft", kind=Text(f"label.kind.{kind.value}"))
    found = await problems(parse_spec(draft.spec), agency_id=actor.agency_id, kind=kind)
    return draft, found


async def publish(*, actor: Viewer, kind: RequestKind) -> ApprovalChain:
    """Check the draft and make it the next published version, with an audit entry."""
    draft, found = await check_draft(actor=actor, kind=kind)
    if found:
        raise ChainInvalid(found)
    now = clock.now()
    async with in_transaction() as conn:
        await audit.lock_agency_chain(conn, actor.agency_id)
        changed = (
            await ApprovalChain.filter(id=draft.id, status=ChainStatus.DRAFT)
            .using_db(conn)
            .update(status=ChainStatus.PUBLISHED, published_by=actor.username, published_at=now)
        )
        if not changed:
            raise StaleVersion(expected=draft.version, current=draft.version + 1)
        before = await published_of(actor.agency_id, kind)
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor.username,
            action="chain.publish",
            subject_type="approval_chain",
            subject_id=draft.id,
            before={"version": before.version} if before and before.id != draft.id else None,
            after={"kind": kind.value, "version": draft.version, "spec": draft.spec},
        )
    return await ApprovalChain.get(id=draft.id)


async def discard(*, actor: Viewer, kind: RequestKind) -> int:
    """Delete the kind's draft; the published version stays. Returns the discarded version."""
    require_admin(actor)
    draft = await draft_of(actor.agency_id, kind)
    if draft is None:
        raise missing("errors.chain.no_draft", kind=Text(f"label.kind.{kind.value}"))
    await ApprovalChain.filter(id=draft.id, status=ChainStatus.DRAFT).delete()
    return draft.version
