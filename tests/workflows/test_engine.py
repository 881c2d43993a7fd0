"""The pure engine: every transition of every definition, every refusal, quorum and separation."""

import pytest

from portal.i18n import translate
from portal.vocabulary import RequestKind
from workflows.career import engine
from workflows.career.definitions import (
    REASON_CODES,
    TERMINAL,
    Action,
    Relation,
    State,
    all_definitions,
    definition_for,
    get_definition,
)
from workflows.errors import InvalidTransition, NotPermitted
from workflows.messages import localise

DEFINITIONS = [*all_definitions(), get_definition("rotation+HEAD_OF_OPD_REVIEW")]
TRANSITIONS = [(d, t) for d in DEFINITIONS for t in d.transitions]
# Votes and seats under which each quorum guard holds (the engine tallies them itself).
VOTES_OF_GUARD = {
    "quorum_pending": (("APPROVE",), 3),
    "quorum_approved": (("APPROVE",), 1),
    "quorum_rejected": (("REJECT",), 1),
}


@pytest.mark.parametrize(
    ("definition", "transition"),
    TRANSITIONS,
    ids=[f"{d.name}:{t.source}-{t.action}-{t.target}" for d, t in TRANSITIONS],
)
def test_every_transition_is_reachable(definition, transition) -> None:
    # given the relation and facts the transition asks for
    votes, seats = VOTES_OF_GUARD.get(transition.guard_name, ((), 0))
    facts = engine.Facts(
        relations=transition.actors,
        return_rounds=0,
        max_return_rounds=2,
        votes=votes,
        seats=seats,
    )
    # when
    outcome = engine.step(
        definition, state=transition.source, action=transition.action, facts=facts
    )
    # then
    assert outcome.target == transition.target
    assert outcome.target in definition.states


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.name)
def test_actions_not_in_the_table_are_invalid(definition) -> None:
    every = frozenset(Relation)
    for state in definition.states:
        allowed = {t.action for t in definition.transitions_from(state)}
        for action in set(Action) - allowed:
            with pytest.raises(InvalidTransition) as refused:
                engine.step(definition, state=state, action=action, facts=engine.Facts(every))
            # the codes for the API's fields, words for people, in both languages
            assert (refused.value.action, refused.value.state) == (action.value, state)
            for language in ("id", "en"):
                message = localise(refused.value, language).message
                action_words = translate(f"label.action.{action.value}", language)
                assert f"“{action_words}”" in message
                assert f"“{translate(f'label.state.{state}', language)}”" in message
                assert state not in message and action.value not in message


def test_terminal_states_allow_nothing() -> None:
    definition = get_definition("promotion")
    for state in TERMINAL:
        assert definition.transitions_from(state) == []


@pytest.mark.parametrize(
    ("state", "action", "relation"),
    [
        (State.SUPERVISOR_REVIEW, Action.APPROVE, Relation.APPLICANT),
        (State.SUPERVISOR_REVIEW, Action.WITHDRAW, Relation.APPROVER),
        (State.RETURNED, Action.RESUBMIT, Relation.APPROVER),
        (State.COMMITTEE_REVIEW, Action.VOTE, Relation.APPROVER),
        (State.HR_REVIEW, Action.ESCALATE, Relation.APPROVER),
        (State.DRAFT, Action.SUBMIT, Relation.MEMBER),
    ],
)
def test_wrong_relation_is_not_permitted(state, action, relation) -> None:
    definition = get_definition("rotation")
    with pytest.raises(NotPermitted) as refused:
        engine.step(
            definition, state=state, action=action, facts=engine.Facts(frozenset({relation}))
        )
    english = localise(refused.value, "en").message
    assert english.startswith("You may not “") and state not in english


def test_return_refused_after_the_last_round() -> None:
    definition = get_definition("further_study")
    facts = engine.Facts(frozenset({Relation.APPROVER}), return_rounds=2, max_return_rounds=2)
    with pytest.raises(InvalidTransition, match="paling banyak 2 kali") as refused:
        engine.step(definition, state=State.HR_REVIEW, action=Action.RETURN, facts=facts)
    assert "at most 2: approve or reject it" in localise(refused.value, "en").message
    assert Action.RETURN not in engine.available(definition, state=State.HR_REVIEW, facts=facts)
    assert Action.APPROVE in engine.available(definition, state=State.HR_REVIEW, facts=facts)


def test_committee_cannot_return() -> None:
    definition = get_definition("rotation")
    with pytest.raises(InvalidTransition):
        engine.step(
            definition,
            state=State.COMMITTEE_REVIEW,
            action=Action.RETURN,
            facts=engine.Facts(frozenset(Relation)),
        )


@pytest.mark.parametrize(
    ("votes", "seats", "rule", "expected"),
    [
        (["APPROVE"], 3, "majority", "pending"),
        (["APPROVE", "APPROVE"], 3, "majority", "approved"),
        (["REJECT", "REJECT"], 3, "majority", "rejected"),
        (["APPROVE", "REJECT"], 3, "majority", "pending"),
        (["APPROVE", "APPROVE"], 4, "majority", "pending"),
        (["REJECT", "REJECT"], 4, "majority", "rejected"),
        (["APPROVE", "APPROVE"], 3, "all", "pending"),
        (["APPROVE", "APPROVE", "APPROVE"], 3, "all", "approved"),
        (["APPROVE", "REJECT"], 3, "all", "rejected"),
        (["APPROVE", "APPROVE"], 3, "any_reject_rejects", "approved"),
        (["REJECT"], 3, "any_reject_rejects", "rejected"),
        (["APPROVE"], 0, "majority", "pending"),
    ],
)
def test_tally(votes, seats, rule, expected) -> None:
    assert engine.tally(votes, seats=seats, rule=rule) == expected


def test_separation_of_duties() -> None:
    taken = {"SUPERVISOR_REVIEW": {7}, "HR_REVIEW": {9}}
    own = engine.separation_refusal(
        people={3}, applicant_user_ids={3}, deciders_by_stage=taken, stage="HR_REVIEW"
    )
    assert own is not None and own.word("en") == "Nobody may decide their own request."
    other = engine.separation_refusal(
        people={7}, applicant_user_ids={3}, deciders_by_stage=taken, stage="HR_REVIEW"
    )
    # the other stage named in words, never by its code
    assert other is not None and "“Supervisor review”" in other.word("en")
    assert "“Pemeriksaan atasan”" in other.word("id") and "SUPERVISOR_REVIEW" not in str(other)
    # deciding the same stage again (after a return) is not a second stage
    assert (
        engine.separation_refusal(
            people={9}, applicant_user_ids={3}, deciders_by_stage=taken, stage="HR_REVIEW"
        )
        is None
    )


def test_extra_stage_variant_and_versions() -> None:
    definition = definition_for(RequestKind.ROTATION, extra_stages=["HEAD_OF_OPD_REVIEW"])
    assert definition.name == "rotation+HEAD_OF_OPD_REVIEW"
    assert definition.stage_names == (
        "SUPERVISOR_REVIEW",
        "HEAD_OF_OPD_REVIEW",
        "HR_REVIEW",
        "COMMITTEE_REVIEW",
    )
    assert get_definition(definition.name, definition.version) == definition
    with pytest.raises(KeyError):
        get_definition("rotation", 99)
    with pytest.raises(ValueError, match="unknown optional stage"):
        get_definition("rotation+NOPE")


def test_reason_codes_have_both_languages() -> None:
    assert REASON_CODES and all(label.id and label.en for label in REASON_CODES.values())
