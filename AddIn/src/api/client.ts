// The one way the add-in talks to the API: same origin, the signed-in user's headers, ProblemDetails turned into
// Chinese sentences, and retries when the service (storage) is briefly unavailable — the caller's data stays as it was.
import { networkFailureMessage, problemMessage, readProblem, type Problem } from "./problems";
import type {
  CampaignDocument, CampaignSummary, CheckResponse, ConsolidationResponse, DevUser, FormSlug, GridCheckRequest, ProgressResponse, PublicationResponse,
  ResultsResponse, SignedInUser, SubmissionReceipt, SubmissionsResponse,
} from "./types";

/** A refused or failed request, with the sentence to show the user. */
export class ApiError extends Error {
  constructor(public readonly problem: Problem, message = problemMessage(problem)) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return this.problem.status;
  }

  /** The service or its storage was unavailable even after retrying: nothing was changed, trying again later is safe. */
  get unavailable(): boolean {
    return this.problem.status === 0 || this.problem.status === 502 || this.problem.status === 503 || this.problem.status === 504;
  }
}

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  message: string;
}

export interface RequestOptions {
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Called before each automatic retry, so the UI can say what is happening. */
  onRetry?: (notice: RetryNotice) => void;
  /** Upload progress 0..1 (uses XMLHttpRequest where available, since fetch reports none). */
  onUploadProgress?: (fraction: number) => void;
}

export interface ApiClientOptions {
  /** Headers that sign the request in: Authorization: Bearer … or X-Dev-User. */
  authorize: () => Promise<Record<string, string>>;
  baseUrl?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts in all for a request answered 502/503/504 or not answered at all. */
  maxAttempts?: number;
}

export interface TemplateFile {
  blob: Blob;
  fileName: string;
}

const retryable = new Set([502, 503, 504]);

export class ApiClient {
  private readonly authorize: () => Promise<Record<string, string>>;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;

  constructor(options: ApiClientOptions) {
    this.authorize = options.authorize;
    this.baseUrl = options.baseUrl ?? "";
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  me(): Promise<SignedInUser> {
    return this.json("GET", "/api/me");
  }

  campaigns(): Promise<CampaignSummary[]> {
    return this.json("GET", "/api/campaigns");
  }

  campaign(id: string): Promise<CampaignDocument> {
    return this.json("GET", `/api/campaigns/${encodeURIComponent(id)}`);
  }

  /** Checks a grid read from Excel (range.values of the used range) without storing it. */
  checkGrid(campaignId: string, grid: GridCheckRequest, options: RequestOptions = {}): Promise<CheckResponse> {
    return this.json("POST", `/api/campaigns/${encodeURIComponent(campaignId)}/check`, {
      ...options, body: JSON.stringify(grid), headers: { "Content-Type": "application/json" },
    });
  }

  /** Checks an .xlsx file (every form sheet) without storing it. */
  checkWorkbook(campaignId: string, file: Blob, fileName: string, options: RequestOptions = {}): Promise<CheckResponse> {
    return this.json("POST", `/api/campaigns/${encodeURIComponent(campaignId)}/check`, { ...options, body: formWith(file, fileName) });
  }

  /**
   * Validates and stores a workbook: every form sheet, or only `sheet`. One Idempotency-Key per user attempt, reused by
   * the automatic retries, so a retried request is stored once.
   */
  async submit(campaignId: string, file: Blob, fileName: string, idempotencyKey: string,
    options: RequestOptions & { sheet?: string } = {}): Promise<SubmissionReceipt[]> {
    const query = options.sheet ? `?sheet=${encodeURIComponent(options.sheet)}` : "";
    const response = await this.json<SubmissionsResponse>("POST", `/api/campaigns/${encodeURIComponent(campaignId)}/submissions${query}`, {
      ...options, body: formWith(file, fileName), headers: { "Idempotency-Key": idempotencyKey },
    });
    return response.submissions;
  }

  submissions(campaignId: string): Promise<SubmissionsResponse> {
    return this.json("GET", `/api/campaigns/${encodeURIComponent(campaignId)}/submissions`);
  }

  /** Which forms are in and which required ones are missing, per area and school and per inspector. */
  progress(campaignId: string): Promise<ProgressResponse> {
    return this.json("GET", `/api/campaigns/${encodeURIComponent(campaignId)}/progress`);
  }

  results(campaignId: string): Promise<ResultsResponse> {
    return this.json("GET", `/api/campaigns/${encodeURIComponent(campaignId)}/results`);
  }

  publishResults(campaignId: string): Promise<PublicationResponse> {
    return this.json("POST", `/api/campaigns/${encodeURIComponent(campaignId)}/results/publish`);
  }

  /** Computes the results and stores the district workbook and the rectification notices (office only). */
  consolidate(campaignId: string, options: RequestOptions = {}): Promise<ConsolidationResponse> {
    return this.json("POST", `/api/campaigns/${encodeURIComponent(campaignId)}/consolidation`, options);
  }

  /** The district workbook of the latest consolidation. */
  async districtWorkbook(campaignId: string): Promise<TemplateFile> {
    const response = await this.send("GET", `/api/campaigns/${encodeURIComponent(campaignId)}/consolidation.xlsx`, {
      headers: { Accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    return { blob: await response.blob(), fileName: fileNameOf(response) ?? "district.xlsx" };
  }

  async template(campaignId: string, form: FormSlug, query: Record<string, string | undefined>): Promise<TemplateFile> {
    const parameters = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) parameters.set(key, value);
    const search = parameters.size > 0 ? `?${parameters}` : "";
    const response = await this.send("GET", `/api/campaigns/${encodeURIComponent(campaignId)}/templates/${form}${search}`, {
      headers: { Accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    return { blob: await response.blob(), fileName: fileNameOf(response) ?? `${form}.xlsx` };
  }

  /** GET /api/dev/users; null when the API does not offer development sign-in. */
  async devUsers(): Promise<DevUser[] | null> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}/api/dev/users`, { headers: { Accept: "application/json" } });
    } catch {
      throw new ApiError({ status: 0 }, networkFailureMessage);
    }
    if (response.status === 404) return null;
    if (!response.ok) throw new ApiError(await readProblem(response));
    return (await response.json()) as DevUser[];
  }

  /** GET of any JSON route, for routes added after this build (the caller names the type from the contract). */
  get<T>(path: string): Promise<T> {
    return this.json("GET", path);
  }

  post<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.json("POST", path, options);
  }

  private async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, { ...options, headers: { Accept: "application/json", ...options.headers } });
    return (await response.json()) as T;
  }

  /** Sends with retries on 502/503/504 and on no answer; throws ApiError for every other failure. */
  async send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const headers = { ...(await this.authorize()), ...options.headers };
      let response: Response | null = null;
      try {
        response = options.onUploadProgress && typeof XMLHttpRequest !== "undefined"
          ? await sendWithProgress(method, this.baseUrl + path, headers, options.body, options.onUploadProgress)
          : await this.fetchImpl(this.baseUrl + path, { method, headers, body: options.body });
      } catch {
        response = null;
      }
      if (response?.ok) return response;
      const problem: Problem = response ? await readProblem(response) : { status: 0 };
      if ((response === null || retryable.has(response.status)) && attempt < this.maxAttempts) {
        const delayMs = retryDelay(response, attempt);
        options.onRetry?.({
          attempt, delayMs,
          message: response === null
            ? `连接服务器失败，${Math.round(delayMs / 1000)} 秒后自动重试（第 ${attempt} 次）。`
            : `${problemMessage(problem)} ${Math.round(delayMs / 1000)} 秒后自动重试（第 ${attempt} 次）。`,
        });
        await this.sleep(delayMs);
        continue;
      }
      throw new ApiError(problem, response === null ? networkFailureMessage : problemMessage(problem));
    }
  }
}

/** Retry-After in seconds (capped at 10 s), else 1 s, 2 s, … */
export function retryDelay(response: Response | null, attempt: number): number {
  const header = response?.headers.get("Retry-After");
  const seconds = header ? Number(header) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 10) * 1000;
  return 1000 * attempt;
}

function formWith(file: Blob, fileName: string): FormData {
  const form = new FormData();
  form.append("file", file, fileName);
  return form;
}

/** The file name of Content-Disposition (filename* first, RFC 5987). */
export function fileNameOf(response: Response): string | null {
  const header = response.headers.get("Content-Disposition");
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() ?? null;
}

function sendWithProgress(method: string, url: string, headers: Record<string, string>, body: BodyInit | undefined,
  onProgress: (fraction: number) => void): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = "blob";
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      const responseHeaders = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const at = line.indexOf(":");
        if (at > 0) responseHeaders.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      onProgress(1);
      resolve(new Response(xhr.status === 204 ? null : (xhr.response as Blob), { status: xhr.status, headers: responseHeaders }));
    };
    xhr.onerror = () => reject(new TypeError("network error"));
    xhr.send(body as XMLHttpRequestBodyInit | undefined);
  });
}

/** A fresh Idempotency-Key for one user attempt. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
