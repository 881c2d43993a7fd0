"""Agency chains as transition tables: valid chains never strand, invalid ones are explained.

Hypothesis builds valid chains (any order of distinct approver rules, conditions, returns) and
any request facts; from every state the engine lets somebody act, and approving leads to an end.
"""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.i18n import translate
from portal.vocabulary import PositionKind, Rank, RequestKind
from workflows.career import engine
from workflows.career.chains.build import build, chain_name, included_for, parse_name
from workflows.career.chains.spec import (
    Approver,
    ChainSpec,
    Condition,
    Operator,
    RequestFacts,
    StageSpec,
    Subject,
    applies,
    parse_spec,
)
from workflows.career.chains.validation import spec_problems, table_problems
from workflows.career.definitions import TERMINAL, Action, Relation, State, get_definition
from workflows.errors import ValidationFailed

KINDS = list(RequestKind)
conditions = st.one_of(
    st.builds(
        Condition,
        subject=st.just(Subject.RANK),
        operator=st.sampled_from([Operator.AT_LEAST, Operator.AT_MOST]),
        values=st.sampled_from([r.name for r in Rank]).map(lambda v: (v,)),
    ),
    st.builds(
        Condition,
        subject=st.just(Subject.RANK),
        operator=st.sampled_from([Operator.IN, Operator.NOT_IN]),
        values=st.lists(st.sampled_from([r.name for r in Rank]), min_size=1, max_size=3).map(tuple),
    ),
)
facts_strategy = st.builds(
    RequestFacts,
    target_kind=st.none() | st.sampled_from(list(PositionKind)),
    cost=st.none() | st.decimals(min_value=0, max_value=10**9, places=0),
    rank=st.none() | st.sampled_from(list(Rank)),
)


@st.composite
def valid_chains(draw: st.DrawFn) -> ChainSpec:
    approvers = draw(st.permutations(list(Approver)))[: draw(st.integers(1, len(Approver)))]
    stages = []
    for i, approver in enumerate(approvers):
        stages.append(
            StageSpec(
                approver=approver,
                position_id=7 if approver == Approver.POSITION else None,
                due_working_days=draw(st.integers(1, 20)),
                may_return=draw(st.booleans()) or i == 0,
                # the first stage always applies; later ones may have conditions
                only_when=tuple(draw(st.lists(conditions, max_size=2))) if i else (),
                skip_when=tuple(draw(st.lists(conditions, max_size=1))) if i else (),
            )
        )
    return ChainSpec(stages=tuple(stages))


def _facts_for(transition_actors: frozenset[Relation], rounds: int) -> engine.Facts:
    return engine.Facts(
        relations=transition_actors, return_rounds=rounds, votes=("APPROVE",), seats=1
    )


@settings(max_examples=150, deadline=None)
@given(spec=valid_chains(), kind=st.sampled_from(KINDS), facts=facts_strategy, data=st.data())
def test_a_valid_chain_never_strands(spec, kind, facts, data) -> None:
    # given a valid chain and the stages that apply to some request
    assert spec_problems(spec, kind) == []
    included = included_for(spec, facts)
    definition = build(spec, agency_id=1, kind=kind, version=1, included=included)
    assert table_problems(definition) == []
    assert definition.stage_names[0] == spec.stages[0].state
    # when people take any permitted actions (returns are bounded by the rounds)
    state, rounds = State.DRAFT, 0
    for _ in range(12):
        if state in TERMINAL:
            break
        options = [
            t
            for t in definition.transitions_from(state)
            if t.target != state and (t.guard is None or t.guard(_facts_for(t.actors, rounds)))
        ]
        # then somebody can always move it on
        assert options, f"stranded in {state}"
        t = data.draw(st.sampled_from(options))
        outcome = engine.step(
            definition, state=state, action=t.action, facts=_facts_for(t.actors, rounds)
        )
        rounds += outcome.target == State.RETURNED
        state = State(outcome.target)
    # and from wherever it stands, approving (or resubmitting) reaches an end
    for _ in range(len(definition.stages) + 2):
        if state in TERMINAL:
            break
        action = Action.RESUBMIT if state == State.RETURNED else Action.SUBMIT
        if state in definition.stage_names:
            action = Action.APPROVE
        relation = Relation.APPROVER if action == Action.APPROVE else Relation.APPLICANT
        outcome = engine.step(
            definition, state=state, action=action, facts=_facts_for(frozenset({relation}), rounds)
        )
        state = State(outcome.target)
    assert state == State.APPROVED or state in TERMINAL


def test_the_name_round_trips() -> None:
    name = chain_name(12, RequestKind.PROMOTION, (0, 2, 3))
    assert name == "chain:12:promotion:0.2.3"
    assert parse_name(name) == (12, RequestKind.PROMOTION, (0, 2, 3))
    assert parse_name("rotation+HEAD_OF_OPD_REVIEW") is None


def test_conditions_add_and_skip_stages() -> None:
    sekda = StageSpec(
        approver=Approver.POSITION,
        position_id=3,
        only_when=(
            Condition(
                subject=Subject.TARGET_POSITION_KIND,
                operator=Operator.IN,
                values=("ADMINISTRATOR",),
            ),
        ),
    )
    committee = StageSpec(
        approver=Approver.COMMITTEE,
        skip_when=(
            Condition(subject=Subject.COST, operator=Operator.AT_MOST, values=("5000000",)),
        ),
    )
    spec = ChainSpec(stages=(StageSpec(approver=Approver.HR), sekda, committee))
    admin = RequestFacts(target_kind=PositionKind.ADMINISTRATOR)
    assert applies(sekda, admin) and not applies(
        sekda, RequestFacts(target_kind=PositionKind.PENGAWAS)
    )
    assert included_for(spec, admin) == (0, 1, 2)
    assert included_for(spec, RequestFacts(cost=Decimal(4_000_000))) == (0,)
    assert included_for(spec, RequestFacts(cost=Decimal(9_000_000))) == (0, 2)
    assert applies(
        StageSpec(
            approver=Approver.HR_HEAD,
            only_when=(
                Condition(subject=Subject.RANK, operator=Operator.AT_LEAST, values=("III_A",)),
            ),
        ),
        RequestFacts(rank=Rank.III_B),
    )


def _codes(spec: dict, kind: RequestKind = RequestKind.PROMOTION) -> list[str]:
    return [p.code for p in spec_problems(parse_spec(spec), kind)]


@pytest.mark.parametrize(
    ("stages", "code"),
    [
        ([], "empty"),
        ([{"approver": "HR"}, {"approver": "HR"}], "duplicate_stage"),
        ([{"approver": "POSITION"}], "position_missing"),
        ([{"approver": "HR", "position_id": 4}], "position_not_used"),
        ([{"approver": "HR", "quorum": "all"}], "quorum_not_used"),
        ([{"approver": "HR", "may_return": False}], "return_nowhere"),
        (
            [
                {
                    "approver": "HR",
                    "only_when": [{"subject": "RANK", "operator": "IN", "values": ["X"]}],
                }
            ],
            "condition_value",
        ),
        (
            [
                {
                    "approver": "HR",
                    "skip_when": [{"subject": "COST", "operator": "IN", "values": ["1"]}],
                }
            ],
            "condition_operator",
        ),
        (
            [
                {
                    "approver": "HR",
                    "skip_when": [{"subject": "COST", "operator": "AT_LEAST", "values": ["1"]}],
                }
            ],
            "condition_never",
        ),
        (
            [
                {
                    "approver": "HR",
                    "skip_when": [{"subject": "RANK", "operator": "AT_LEAST", "values": ["I_A"]}],
                }
            ],
            "all_conditional",
        ),
    ],
)
def test_invalid_chains_are_explained(stages, code) -> None:
    found = spec_problems(parse_spec({"stages": stages}), RequestKind.PROMOTION)
    assert code in [p.code for p in found]
    problem = next(p for p in found if p.code == code)
    for language in ("id", "en"):
        text = problem.message(language)
        assert text and "%(" not in text and code not in text


def test_a_broken_table_is_explained() -> None:
    # given the built-in table with the way out of HR review removed
    standard = get_definition("rotation")
    cut = tuple(
        t
        for t in standard.transitions
        if not (t.source == State.HR_REVIEW and t.action != Action.ESCALATE)
    )
    found = {
        (p.code, p.params.get("state")) for p in table_problems(replace(standard, transitions=cut))
    }
    # then the stage without exit, the one after it and the missing actions are all reported
    assert ("no_way_out", "HR_REVIEW") in found
    assert ("unreachable", "COMMITTEE_REVIEW") in found
    assert ("withdraw_missing", "HR_REVIEW") in found
    assert ("action_missing", "HR_REVIEW") in found
    assert table_problems(standard) == []


def test_a_loop_without_an_end_is_explained() -> None:
    # given supervisor and HR approving to each other, and nothing else leaving the loop
    standard = get_definition("rotation")
    loop = tuple(
        (replace(t, target=State.SUPERVISOR_REVIEW) if t.target in TERMINAL else t)
        if t.source == State.HR_REVIEW
        else t
        for t in standard.transitions
        if t.source in (State.DRAFT, State.SUPERVISOR_REVIEW, State.HR_REVIEW)
        and t.target not in (State.COMMITTEE_REVIEW, State.REJECTED, State.WITHDRAWN)
        and t.action != Action.RETURN
    )
    loop = (*loop, replace(loop[-1], action=Action.APPROVE, target=State.SUPERVISOR_REVIEW))
    found = {
        (p.code, p.params.get("state")) for p in table_problems(replace(standard, transitions=loop))
    }
    # then both stages are reported: no sequence of actions ends the request
    assert ("strands", "SUPERVISOR_REVIEW") in found and ("strands", "HR_REVIEW") in found


def test_the_shape_is_checked_with_the_field_named() -> None:
    with pytest.raises(ValidationFailed, match=r"stages\.0\.approver"):
        parse_spec({"stages": [{"approver": "MAYOR"}]})
    with pytest.raises(ValidationFailed, match="due_working_days"):
        parse_spec({"stages": [{"approver": "HR", "due_working_days": 0}]})


def test_every_problem_code_has_both_languages() -> None:
    codes = [
        "empty",
        "duplicate_stage",
        "position_missing",
        "position_not_used",
        "quorum_not_used",
        "condition_operator",
        "condition_value",
        "condition_never",
        "all_conditional",
        "return_nowhere",
        "unreachable",
        "no_way_out",
        "strands",
        "withdraw_missing",
        "action_missing",
        "position_unknown",
        "position_vacant",
        "nobody",
        "separation",
    ]
    for code in codes:
        assert translate(f"chains.problem.{code}", "id") != translate(
            f"chains.problem.{code}", "en"
        )
