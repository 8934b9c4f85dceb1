// The open workbook as .xlsx bytes: Office.context.document.getFileAsync(Compressed) read slice by slice
// (Common API, works on every Excel since 2013). No DOM, no Excel.RequestContext.

const sliceSize = 4 * 1024 * 1024;

function call<T>(invoke: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke((result) => {
      if (String(result.status) === "succeeded") resolve(result.value);
      else reject(new Error(`无法读取工作簿文件：${result.error?.message ?? "未知错误"}（${result.error?.code ?? ""}）`));
    });
  });
}

/** Reads the whole document; `onProgress` gets 0..1 after each slice. */
export async function readDocumentFile(office: typeof Office, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  const file = await call<Office.File>((cb) =>
    office.context.document.getFileAsync(office.FileType.Compressed, { sliceSize }, cb));
  try {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < file.sliceCount; i++) {
      const slice = await call<Office.Slice>((cb) => file.getSliceAsync(i, cb));
      const data = slice.data as ArrayLike<number> | ArrayBuffer;
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : Uint8Array.from(data as ArrayLike<number>);
      parts.push(bytes);
      total += bytes.length;
      onProgress?.((i + 1) / file.sliceCount);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  } finally {
    await new Promise<void>((resolve) => file.closeAsync(() => resolve()));
  }
}
