#!/usr/bin/env python3
"""Checks a Varig calendar feed with an independent parser (the `icalendar` package):
a project owner confirms the monthly owner status meeting (first Tuesday, 10:00
Europe/Oslo), subscribes, and the feed must parse with meetings at 10:00 Oslo time on both
sides of the March daylight-saving change; rotating the feed must stop the old URL.

    ical_check.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
"""
import datetime
import json
import sys
import urllib.error
import urllib.request
import uuid
import zoneinfo

import icalendar


def call(base, method, path, body=None, token=None, if_match=None):
    req = urllib.request.Request(base + "/api" + path, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    if if_match:
        req.add_header("if-match", if_match)
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(req, data) as resp:
        text = resp.read().decode()
        return json.loads(text) if text else None


def fetch(base, path):
    try:
        with urllib.request.urlopen(base + path) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


def main():
    base, email, password = sys.argv[1], sys.argv[2], sys.argv[3]
    sys_token = call(base, "POST", "/v1/auth/login", {"email": email, "password": password})["access_token"]
    org = call(base, "POST", "/v1/organisations", {"name": "Kalender kommune"}, sys_token)
    inv = call(base, "POST", "/v1/invitations",
               {"email": f"admin.{uuid.uuid4().hex}@cal.test", "organisation_id": org["id"], "org_role": "admin"},
               sys_token)
    admin = call(base, "POST", "/v1/invitations/accept",
                 {"token": inv["token"], "name": "Kalender admin", "password": "calendar-admin-password"})["access_token"]
    prog = call(base, "POST", "/v1/programmes", {"name": "BTI"}, admin)
    project = call(base, "POST", "/v1/projects", {"programme_id": prog["id"], "name": "BTI kalender"}, admin)
    inv = call(base, "POST", "/v1/invitations",
               {"email": f"owner.{uuid.uuid4().hex}@cal.test", "project_id": project["id"], "project_role": "owner"},
               admin)
    owner = call(base, "POST", "/v1/invitations/accept",
                 {"token": inv["token"], "name": "Eier", "password": "calendar-owner-password"})["access_token"]
    series = call(base, "GET", f"/v1/projects/{project['id']}/meeting-series", token=owner)["items"]
    s = next(x for x in series if x["kind"] == "owner_status")
    body = {k: v for k, v in s.items() if k not in ("id", "project_id", "tolerance_days", "created_at", "updated_at", "version")}
    body["status"] = "confirmed"
    # From now on (past meetings are not in the feed's window anyway).
    body["start_date"] = datetime.date.today().isoformat()
    call(base, "PUT", f"/v1/meeting-series/{s['id']}", body, owner, f'"{s["version"]}"')
    feed = call(base, "POST", "/v1/calendar-feeds", {"project_id": project["id"]}, owner)
    status, raw = fetch(base, feed["path"])
    assert status == 200, status
    cal = icalendar.Calendar.from_ical(raw)
    oslo = zoneinfo.ZoneInfo("Europe/Oslo")
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) >= 11, f"a year of monthly meetings, got {len(events)}"
    offsets = set()
    for e in events:
        start = e.decoded("dtstart")
        assert start.tzinfo is not None and start.utcoffset() == datetime.timedelta(0), start
        local = start.astimezone(oslo)
        assert (local.hour, local.minute) == (10, 0), local
        assert local.weekday() == 1 and local.day <= 7, f"first Tuesday: {local}"
        assert e.decoded("dtend") - start == datetime.timedelta(hours=1)
        assert str(e.get("summary")) == "Statusmøte prosjekteier"
        offsets.add(local.utcoffset())
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}, offsets
    newer = call(base, "POST", "/v1/calendar-feeds", {"project_id": project["id"]}, owner)
    assert fetch(base, feed["path"])[0] == 404, "the rotated URL must stop working"
    assert fetch(base, newer["path"])[0] == 200
    print(f"ical: {len(events)} meetings parsed with icalendar {icalendar.__version__}, "
          "10:00 Europe/Oslo in winter and summer time; rotation stops the old URL")
    print("# pass 1")


if __name__ == "__main__":
    main()
