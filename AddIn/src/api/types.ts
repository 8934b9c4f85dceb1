// Names for the API's shapes. Everything here comes from the generated contract (src/generated/api.ts), except the
// development sign-in list, which the API maps only in Development and so is not in the OpenAPI document.
import type { components } from "../generated/api";

type Schemas = components["schemas"];

export type SignedInUser = Schemas["SignedInUser"];
export type CampaignSummary = Schemas["CampaignSummary"];
export type CampaignDocument = Schemas["CampaignDocument"];
export type Role = NonNullable<Schemas["Role"]>;
export type Issue = Schemas["Issue"];
export type FormCheck = Schemas["FormCheck"];
export type CheckResponse = Schemas["CheckResponse"];
export type GridCheckRequest = Schemas["GridCheckRequest"];
export type FormMetadata = Schemas["FormMetadata"];
export type SubmissionReceipt = Schemas["SubmissionReceipt"];
export type SubmissionsResponse = Schemas["SubmissionsResponse"];
export type ProgressResponse = Schemas["ProgressResponse"];
export type AreaProgress = Schemas["AreaProgressView"];
export type SchoolProgress = Schemas["SchoolProgressView"];
export type InspectorProgress = Schemas["InspectorProgressView"];
export type ProgressItem = Schemas["ProgressItemView"];
export type ResultsResponse = Schemas["ResultsResponse"];
export type SchoolResult = Schemas["SchoolResultView"];
export type PublicationResponse = Schemas["PublicationResponse"];
export type ConsolidationResponse = Schemas["ConsolidationResponse"];

/** A roster entry offered by GET /api/dev/users (Development only; mirrors the Api's DevUser record). */
export interface DevUser {
  upn: string;
  name: string;
  role: Role;
  schoolId: string | null;
  school: string | null;
  groups: number[];
}

/** The form slugs the API knows (templates/{form}, check's form). */
export type FormSlug = "evaluation" | "schedule" | "self-check" | "peer-scores" | "records";
