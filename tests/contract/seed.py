#!/usr/bin/env python3
"""Seeds a running Varig for the contract fuzzing: an organisation, its admin, a programme,
a project with the admin's colleague as project leader. Prints the org admin's access token.

    seed.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
"""
import json
import sys
import urllib.request
import uuid


def call(base, method, path, body=None, token=None):
    req = urllib.request.Request(base + "/api" + path, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(req, data) as resp:
        text = resp.read().decode()
        return json.loads(text) if text else None


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
    call(base, "POST", "/v1/projects", {"programme_id": prog["id"], "name": "BTI i Fuzz"}, admin)
    print(admin)


if __name__ == "__main__":
    main()
