#!/usr/bin/env python3
"""Uses the client openapi-python-client generated from the spec (package `varig_client` on
PYTHONPATH): logs in, files a field report, and reads the typed 422 problem of a report
whose stage is resistance without saying which kind.

    python_client.py BASE_URL SEED_JSON
"""
import datetime
import json
import sys
import uuid

from varig_client import AuthenticatedClient, Client
from varig_client.api.auth import login
from varig_client.api.reports import create_report
from varig_client.models import (
    Activity,
    FieldReport,
    LoginRequest,
    NewFieldReport,
    Problem,
    ProblemCode,
    ReactionStage,
    TokenPair,
)


def main() -> None:
    base, seed = sys.argv[1], json.loads(open(sys.argv[2]).read())
    api = Client(base_url=base + "/api", raise_on_unexpected_status=True)
    pair = login.sync(
        client=api,
        body=LoginRequest(email=seed["reporter"]["email"], password=seed["reporter"]["password"]),
    )
    assert isinstance(pair, TokenPair), pair
    authed = AuthenticatedClient(base_url=base + "/api", token=pair.access_token, raise_on_unexpected_status=True)
    project = uuid.UUID(seed["project_id"])
    report = NewFieldReport(
        id=uuid.uuid4(),
        date=datetime.date.today(),
        unit_id=uuid.UUID(seed["unit_id"]),
        activity=Activity.INFORMATION_MEETING,
        stage=ReactionStage.AWARENESS,
        people_reached=12,
        successes="Python client",
    )
    filed = create_report.sync_detailed(project, client=authed, body=report)
    assert filed.status_code == 201, filed
    assert isinstance(filed.parsed, FieldReport) and filed.parsed.id == report.id, filed.parsed
    bad = NewFieldReport(
        id=uuid.uuid4(),
        date=datetime.date.today(),
        unit_id=uuid.UUID(seed["unit_id"]),
        activity=Activity.TRAINING,
        stage=ReactionStage.RESISTANCE,
    )
    refused = create_report.sync_detailed(project, client=authed, body=bad)
    assert refused.status_code == 422, refused
    problem = refused.parsed
    assert isinstance(problem, Problem), problem
    assert problem.code == ProblemCode.VALIDATION, problem.code
    assert [e.field for e in problem.errors] == ["resistance"], problem.errors
    print(f"python client: filed {filed.parsed.id}; 422 {problem.code.value} on {problem.errors[0].field}")


if __name__ == "__main__":
    main()
