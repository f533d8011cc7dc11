// The flow of issue 16 through a client generated from /openapi/v1.json (openapi-typescript + openapi-fetch).
// Compiled with tsc --strict; no type assertion anywhere. Prints one JSON line for the test to check.
import createClient from "openapi-fetch";
import type { paths, components } from "./schema.js";

type CheckInResult = components["schemas"]["CheckInResult"];

const baseUrl = required("HUMAS_BASE_URL");
const tenant = required("HUMAS_TENANT");
const token = required("HUMAS_TOKEN");
const day = required("HUMAS_DAY");

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

function fail(step: string, status: number, error: unknown): never {
  throw new Error(`${step}: HTTP ${status} ${JSON.stringify(error)}`);
}

const staff = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}`, "X-Tenant": tenant } });
const visitor = createClient<paths>({ baseUrl, headers: { "X-Tenant": tenant } });

// An admin creates an event and publishes it.
const created = await staff.POST("/api/v1/events", {
  body: { event: { type: "rakor", title: "Rapat Koordinasi Klien Tergenerasi", days: [day], venue: "Aula Kantor Bupati" } },
});
if (created.data === undefined) fail("create", created.response.status, created.error);
const eventId: string = created.data.id;
const published = await staff.POST("/api/v1/events/{id}/publish", {
  params: { path: { id: eventId } },
  body: { version: created.data.version },
});
if (published.data === undefined) fail("publish", published.response.status, published.error);

// A person registers publicly.
const registered = await visitor.POST("/api/v1/public/events/{id}/registrations", {
  params: { path: { id: eventId } },
  body: { name: "Sari Pangemanan", category: "opd", institution: "Dinas Kominfo", phone: "081234567890", attendanceMode: "in_person" },
});
if (registered.data === undefined) fail("register", registered.response.status, registered.error);
const code: string = registered.data.code;

// Staff check the person in twice: first, then "already present".
async function checkIn(step: string): Promise<CheckInResult> {
  const result = await staff.POST("/api/v1/events/{id}/check-ins", {
    params: { path: { id: eventId } },
    body: { code, day: 1 },
  });
  if (result.data === undefined) fail(step, result.response.status, result.error);
  return result.data;
}
const first = await checkIn("first check-in");
const second = await checkIn("second check-in");

// Staff read the attendance.
const attendance = await staff.GET("/api/v1/events/{id}/attendance", { params: { path: { id: eventId } } });
if (attendance.data === undefined) fail("attendance", attendance.response.status, attendance.error);
const present: number = attendance.data.days[0]?.present ?? -1;

console.log(JSON.stringify({
  eventId,
  status: published.data.event.status,
  code,
  firstAlreadyPresent: first.alreadyPresent,
  secondAlreadyPresent: second.alreadyPresent,
  participants: attendance.data.participants,
  presentDay1: present,
}));
