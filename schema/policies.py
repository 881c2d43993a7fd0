"""The access policy of every root field, mutation and subscription (decided in workflows.access).

A test enumerates the schema's root fields and fails when one is missing here.
"""

from __future__ import annotations

from workflows.access.declared import Policy

POLICIES: dict[str, Policy] = {
    # queries
    "Query.node": Policy.NODE,
    "Query.nodes": Policy.NODE,
    "Query.viewer": Policy.PUBLIC,
    "Query.employees": Policy.EMPLOYEES,
    "Query.employee": Policy.EMPLOYEES,
    "Query.orgUnits": Policy.AGENCY,
    "Query.positions": Policy.AGENCY,
    "Query.competencies": Policy.AGENCY,
    "Query.careerRequests": Policy.REQUESTS,
    "Query.approvalQueue": Policy.APPROVER,
    "Query.previewApprovalPlan": Policy.APPLICANT,
    "Query.reasonCodes": Policy.PUBLIC,
    "Query.auditLog": Policy.AUDIT,
    "Query.trainingPrograms": Policy.AGENCY,
    "Query.budget": Policy.AGENCY,
    "Query.workflowDefinitions": Policy.AGENCY,
    "Query.positionMatch": Policy.PERSONAL,
    "Query.assessments": Policy.PERSONAL,
    "Query.performanceEvaluations": Policy.PERSONAL,
    "Query.feedback": Policy.PERSONAL,
    "Query.feedbackInvitations": Policy.OWN,
    "Query.talentPlacements": Policy.PERSONAL,
    "Query.rotationsDue": Policy.HR,
    "Query.successionCandidates": Policy.HR,
    "Query.developmentPlan": Policy.PERSONAL,
    "Query.trainingNominees": Policy.HR,
    # mutations
    "Mutation.submitCareerRequest": Policy.APPLICANT,
    "Mutation.decideCareerRequest": Policy.PARTICIPANT,
    "Mutation.withdrawCareerRequest": Policy.PARTICIPANT,
    "Mutation.resubmitCareerRequest": Policy.PARTICIPANT,
    "Mutation.setDelegation": Policy.DELEGATOR,
    "Mutation.revokeDelegation": Policy.DELEGATOR,
    "Mutation.saveCompetency": Policy.HR,
    "Mutation.setPositionStandard": Policy.HR,
    "Mutation.recordAssessment": Policy.HR,
    "Mutation.recordEvaluation": Policy.SUPERVISOR,
    "Mutation.giveFeedback": Policy.SUPERVISOR,
    "Mutation.inviteFeedback": Policy.SUPERVISOR,
    "Mutation.placeTalent": Policy.HR,
    "Mutation.generateDevelopmentPlan": Policy.PERSONAL,
    "Mutation.agreeDevelopmentPlan": Policy.SUPERVISOR,
    "Mutation.verifyDevelopmentPlan": Policy.HR,
    "Mutation.saveTrainingProgram": Policy.HR,
    "Mutation.setBudget": Policy.HR,
    "Mutation.nominateForTraining": Policy.HR,
    "Mutation.closeTrainingNomination": Policy.HR,
    # subscriptions
    "Subscription.careerRequestEvents": Policy.REQUESTS,
    "Subscription.approvalQueueChanged": Policy.APPROVER,
}


def policy_of(type_name: str, field_name: str) -> Policy | None:
    """The declared policy of a root field (GraphQL names), or None when undeclared."""
    return POLICIES.get(f"{type_name}.{field_name}")
