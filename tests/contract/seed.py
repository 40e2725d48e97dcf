#!/usr/bin/env python3
"""Seeds a running Varig for the contract checks: an organisation, its admin, a programme,
a project with a unit in scope and a project leader who may file field reports. Prints, as
JSON, the org admin's access token (`token`), the ids the fuzzer fills into paths and the
leader's e-mail address and password (the generated clients log in with them).

    seed.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
"""
import json
import sys
import urllib.request
import uuid


def call(base, method, path, body=None, token=None, if_match=None, etag=False):
    req = urllib.request.Request(base + "/api" + path, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    if if_match:
        req.add_header("if-match", if_match)
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(req, data) as resp:
        text = resp.read().decode()
        value = json.loads(text) if text else None
        return (value, resp.headers["etag"]) if etag else value


def main():
    base, email, password = sys.argv[1], sys.argv[2], sys.argv[3]
    sys_token = call(base, "POST", "/v1/auth/login", {"email": email, "password": password})["access_token"]
    org = call(base, "POST", "/v1/organisations", {"name": "Fuzz kommune"}, sys_token)
    inv = call(base, "POST", "/v1/invitations",
               {"email": f"admin.{uuid.uuid4().hex}@fuzz.test", "organisation_id": org["id"], "org_role": "admin"},
               sys_token)
    admin = call(base, "POST", "/v1/invitations/accept",
                 {"token": inv["token"], "name": "Fuzz admin", "password": "fuzz-admin-password"})["access_token"]
    prog = call(base, "POST", "/v1/programmes", {"name": "BTI", "description": "Bedre tverrfaglig innsats"}, admin)
    project = call(base, "POST", "/v1/projects", {"programme_id": prog["id"], "name": "BTI i Fuzz"}, admin)
    structure = call(base, "GET", f"/v1/organisations/{org['id']}/structure", token=admin)
    unit = call(base, "POST", "/v1/units", {"name": "Fuzz skole", "level": structure["levels"][-1]["key"]}, admin)
    network, tag = call(base, "GET", f"/v1/projects/{project['id']}/network", token=admin, etag=True)
    call(base, "PUT", f"/v1/projects/{project['id']}/network",
         {"unit_ids": [unit["id"]], "silent_after_weeks": network["silent_after_weeks"]}, admin, if_match=tag)
    leader_email = f"leader.{uuid.uuid4().hex}@fuzz.test"
    leader_password = "fuzz leader walks the quiet harbour"
    inv = call(base, "POST", "/v1/invitations",
               {"email": leader_email, "project_id": project["id"], "project_role": "leader"}, admin)
    call(base, "POST", "/v1/invitations/accept",
         {"token": inv["token"], "name": "Fuzz leader", "password": leader_password})
    print(json.dumps({
        "token": admin,
        "organisation_id": org["id"],
        "project_id": project["id"],
        "unit_id": unit["id"],
        "reporter": {"email": leader_email, "password": leader_password},
    }))


if __name__ == "__main__":
    main()
