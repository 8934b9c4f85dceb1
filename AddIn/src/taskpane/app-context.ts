// What every view gets: the API client, where the page runs, who is signed in and the campaign.
import type { ApiClient } from "../api/client";
import type { CampaignDocument, FormCheck, SignedInUser } from "../api/types";
import type { Highlight } from "../excel/highlights";
import type { HostInfo } from "../office/host";
import { schoolsOf } from "../model/forms";

export interface AppContext {
  api: ApiClient;
  host: HostInfo;
  me: SignedInUser;
  campaign: CampaignDocument;
  /** Cells coloured by the last validation, restored before the next one. */
  highlights: Highlight[];
}

/** Runs a batch against the workbook (only called when host.inExcel). */
export function excel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(batch);
}

/** Display name of a form's subject: a school, an area or a rubric category. */
export function subjectName(campaign: CampaignDocument, form: FormCheck): string | null {
  if (!form.subject) return null;
  const school = schoolsOf(campaign).find((s) => s.id === form.subject);
  if (school) return school.name;
  const category = campaign.rubric.categories.find((c) => c.id === form.subject);
  if (category) return category.name;
  return form.form === "peer-scores" ? `片区 ${form.subject}` : form.subject;
}

const excelErrors: Record<string, string> = {
  ItemNotFound: "找不到要操作的工作表或单元格，它可能已被删除或改名。",
  ItemAlreadyExists: "工作簿中已有同名的工作表。",
  AccessDenied: "Excel 拒绝了此操作：工作簿或工作表可能受保护，或正处于单元格编辑状态。",
  InvalidOperation: "Excel 无法执行此操作：请先完成正在编辑的单元格（按 Enter）后再试。",
  InvalidArgument: "Excel 无法执行此操作（参数无效）。",
  RequestPayloadSizeLimitExceeded: "一次写入的内容过多，Excel 拒绝了请求。",
  GeneralException: "Excel 无法完成此操作，请稍后再试。",
};

/** A Chinese sentence for an error: API and sign-in errors carry one; Excel's RichApi errors are mapped by code. */
export function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && excelErrors[code]) return excelErrors[code];
  if (error instanceof Error) return error.message;
  return String(error);
}
