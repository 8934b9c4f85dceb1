import { describe, expect, it, vi } from "vitest";
import { ApiClient, ApiError, fileNameOf } from "../src/api/client";
import { problemMessage } from "../src/api/problems";

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

function client(responses: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new TypeError("network error");
    return next;
  });
  const sleeps: number[] = [];
  const api = new ApiClient({
    authorize: async () => ({ "X-Dev-User": "s01@yuzhong.example" }),
    fetch: fetch as unknown as typeof globalThis.fetch,
    sleep: async (ms) => { sleeps.push(ms); },
  });
  return { api, calls, sleeps };
}

const receipt = { id: "r1", form: "peer-scores", sheet: "评分表 g1-1", subject: "g1-1", author: "s01", submittedBy: "s01@yuzhong.example", version: "v1", storedAt: "2019-05-28T03:00:00Z", path: "p", complete: true, issues: [] };

describe("ApiClient", () => {
  it("retries a submission answered 503 with the same Idempotency-Key and returns the receipts", async () => {
    const { api, calls, sleeps } = client([
      json(503, { title: "服务暂不可用", detail: "存储暂时不可用。", status: 503 }, { "Retry-After": "2" }),
      json(201, { submissions: [receipt] }),
    ]);
    const notices: string[] = [];
    const receipts = await api.submit("yuzhong-2018-2019", new Blob(["x"]), "工作簿.xlsx", "key-1", { onRetry: (n) => notices.push(n.message) });
    expect(receipts).toEqual([receipt]);
    expect(calls.map((c) => c.url)).toEqual(["/api/campaigns/yuzhong-2018-2019/submissions", "/api/campaigns/yuzhong-2018-2019/submissions"]);
    expect(calls.map((c) => (c.init.headers as Record<string, string>)["Idempotency-Key"])).toEqual(["key-1", "key-1"]);
    expect(calls.every((c) => (c.init.headers as Record<string, string>)["X-Dev-User"] === "s01@yuzhong.example")).toBe(true);
    expect(sleeps).toEqual([2000]);
    expect(notices).toEqual(["存储暂时不可用。 2 秒后自动重试（第 1 次）。"]);
  });

  it("gives up after three unavailable answers with an error that says so", async () => {
    const { api, calls } = client([json(503, {}), json(503, {}), json(503, {})]);
    const error = await api.submit("c", new Blob(["x"]), "a.xlsx", "k").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).unavailable).toBe(true);
    expect((error as ApiError).message).toBe("服务暂时不可用，请稍后再试。");
    expect(calls).toHaveLength(3);
  });

  it("does not retry a refusal and keeps the forms of a 422", async () => {
    const forms = [{ form: "peer-scores", sheet: "评分表", subject: "g1-1", author: "s01", issues: [], summary: {} }];
    const { api, calls } = client([json(422, { status: 422, title: "内容未通过检查", detail: "有 1 处错误，未保存任何内容：分数超出范围", forms })]);
    const error = (await api.submit("c", new Blob(["x"]), "a.xlsx", "k").catch((e: unknown) => e)) as ApiError;
    expect(calls).toHaveLength(1);
    expect(error.status).toBe(422);
    expect(error.message).toBe("有 1 处错误，未保存任何内容：分数超出范围");
    expect(error.problem.forms).toEqual(forms);
  });

  it("sends a grid to check as JSON", async () => {
    const { api, calls } = client([json(200, { forms: [] })]);
    await api.checkGrid("c", { sheet: "S", address: "S!A1:B2", values: [[1, 2]], form: null, metadata: null });
    expect(calls[0]!.init.method).toBe("POST");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ sheet: "S", address: "S!A1:B2", values: [[1, 2]], form: null, metadata: null });
    expect((calls[0]!.init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("says there is no development sign-in when /api/dev/users is not mapped", async () => {
    const { api } = client([new Response("", { status: 404 })]);
    expect(await api.devUsers()).toBeNull();
  });
});

describe("problem messages", () => {
  it("prefers the API's Chinese detail and falls back to a sentence per status for English or missing texts", () => {
    expect(problemMessage({ status: 403, title: "Forbidden", detail: "学校只能提交本校的表格。" })).toBe("学校只能提交本校的表格。");
    expect(problemMessage({ status: 404, title: "Not Found", detail: "Not found" })).toBe("请求的内容不存在。");
    expect(problemMessage({ status: 418 })).toBe("服务器返回了错误（418）。");
  });

  it("reads the UTF-8 file name of a template download", () => {
    const response = new Response("", { headers: { "Content-Disposition": "attachment; filename=peer.xlsx; filename*=UTF-8''%E9%99%84%E4%BB%B64.xlsx" } });
    expect(fileNameOf(response)).toBe("附件4.xlsx");
  });
});
