// ProblemDetails from the API turned into one Chinese sentence for the user.
import type { FormCheck } from "./types";

/** The parts of an RFC 7807 problem the add-in reads; `code` and `forms` are the API's extensions. */
export interface Problem {
  status: number;
  title?: string | null;
  detail?: string | null;
  code?: string | null;
  forms?: FormCheck[] | null;
}

const fallbackByStatus: Record<number, string> = {
  400: "请求有误。",
  401: "登录已过期，请重新登录。",
  403: "当前账号没有权限进行此操作。",
  404: "请求的内容不存在。",
  409: "与服务器上的内容冲突，请刷新后再试。",
  412: "内容已被他人修改，请重新加载后再试。",
  413: "文件太大，无法上传。",
  415: "文件类型不受支持，请上传 .xlsx 工作簿。",
  422: "内容未通过检查。",
  429: "请求过于频繁，请稍后再试。",
  500: "服务器出错了，请稍后再试或联系管理员。",
  502: "服务器暂时无法访问，请稍后再试。",
  503: "服务暂时不可用，请稍后再试。",
  504: "服务器响应超时，请稍后再试。",
};

/** The sentence to show: the API's own Chinese detail when it has one, else a sentence for the status. */
export function problemMessage(problem: Problem): string {
  const detail = problem.detail?.trim();
  if (detail && /[\u4e00-\u9fff]/.test(detail)) return detail;
  const title = problem.title?.trim();
  if (title && /[\u4e00-\u9fff]/.test(title)) return title.endsWith("。") ? title : `${title}。`;
  return fallbackByStatus[problem.status] ?? `服务器返回了错误（${problem.status}）。`;
}

export const networkFailureMessage = "无法连接到服务器，请检查网络后重试。";

/** Reads a response body as a problem, tolerating non-JSON bodies (a proxy's HTML error page). */
export async function readProblem(response: Response): Promise<Problem> {
  let body: Record<string, unknown> = {};
  try {
    const text = await response.text();
    if (text) body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = {};
  }
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    status: response.status,
    title: str(body["title"]),
    detail: str(body["detail"]),
    code: str(body["code"]),
    forms: Array.isArray(body["forms"]) ? (body["forms"] as FormCheck[]) : null,
  };
}
