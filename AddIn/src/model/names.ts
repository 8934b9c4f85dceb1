// Sheet names and bytes: small pure helpers.

/** Excel's limit for a sheet name. */
export const maxSheetName = 31;

/** `base`, or "base (2)", "base (3)", … — the first name not in `existing` (case-insensitive, as Excel compares). */
export function uniqueSheetName(existing: string[], base: string): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base.slice(0, maxSheetName);
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, maxSheetName - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The file name to upload a workbook as: its own name when Office knows it, else 工作簿.xlsx. */
export function workbookFileName(url: string | null | undefined): string {
  const last = (url ?? "").split(/[\\/]/).pop() ?? "";
  return /\.xlsx$/i.test(last) ? last : "工作簿.xlsx";
}
