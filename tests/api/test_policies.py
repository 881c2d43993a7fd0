"""Every root field, mutation and subscription declares its access policy (schema.policies)."""

from __future__ import annotations

from graphql import GraphQLObjectType

from schema import schema
from schema.policies import POLICIES, policy_of

ROOTS = ("Query", "Mutation", "Subscription")


def _root_fields() -> list[tuple[str, str]]:
    graphql = schema._schema
    fields = []
    for root in ROOTS:
        found = graphql.get_type(root)
        assert isinstance(found, GraphQLObjectType), root
        fields += [(root, name) for name in found.fields]
    return fields


def test_every_root_field_declares_a_policy() -> None:
    # given every root field of the schema; when each is looked up; then none is undeclared
    undeclared = [f"{t}.{f}" for t, f in _root_fields() if policy_of(t, f) is None]
    assert undeclared == [], f"declare an access policy in schema/policies.py for {undeclared}"


def test_no_policy_is_declared_for_a_field_that_does_not_exist() -> None:
    existing = {f"{t}.{f}" for t, f in _root_fields()}
    assert set(POLICIES) - existing == set()
