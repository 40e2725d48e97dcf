// Uses the types openapi-typescript generated from the spec (`./schema.d.ts`, written next to
// this file in a scratch directory) with openapi-fetch: logs in, files a field report, and
// reads the typed 422 problem of a report whose stage is resistance without its kind.
//
//   node typescript_client.js BASE_URL SEED_JSON
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type NewFieldReport = components["schemas"]["NewFieldReport"];
type Problem = components["schemas"]["Problem"];

function fail(message: string): never {
  throw new Error(message);
}

async function main(): Promise<void> {
  const base = process.argv[2] ?? fail("usage: typescript_client.js BASE_URL SEED_JSON");
  const seed = JSON.parse(readFileSync(process.argv[3] ?? fail("no seed file"), "utf8"));
  const api = createClient<paths>({ baseUrl: `${base}/api` });
  const login = await api.POST("/v1/auth/login", {
    body: { email: seed.reporter.email, password: seed.reporter.password },
  });
  const accessToken: string = login.data?.access_token ?? fail(`login: ${login.response.status}`);
  const authed = createClient<paths>({
    baseUrl: `${base}/api`,
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const today = new Date().toISOString().slice(0, 10);
  const report: NewFieldReport = {
    id: randomUUID(),
    date: today,
    unit_id: seed.unit_id,
    activity: "coaching",
    stage: "understanding",
    people_reached: 3,
    successes: "TypeScript client",
  };
  const filed = await authed.POST("/v1/projects/{id}/reports", {
    params: { path: { id: seed.project_id } },
    body: report,
  });
  if (filed.response.status !== 201 || filed.data?.id !== report.id) {
    fail(`filing: ${filed.response.status} ${JSON.stringify(filed.error)}`);
  }
  const refused = await authed.POST("/v1/projects/{id}/reports", {
    params: { path: { id: seed.project_id } },
    body: { ...report, id: randomUUID(), stage: "resistance" },
  });
  const problem: Problem = refused.error ?? fail(`expected a problem, got ${refused.response.status}`);
  if (refused.response.status !== 422 || problem.code !== "validation") {
    fail(`expected 422 validation, got ${refused.response.status} ${problem.code}`);
  }
  const fields = (problem.errors ?? []).map((e) => e.field);
  if (fields.join(",") !== "resistance") fail(`expected resistance, got ${fields}`);
  console.log(`typescript client: filed ${filed.data.id}; 422 ${problem.code} on ${fields[0]}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
