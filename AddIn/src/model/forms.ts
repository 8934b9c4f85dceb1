// Which official forms a signed-in user may fill, and for whom: the same rules the API applies to templates.
import type { CampaignDocument, FormSlug, Role, SignedInUser } from "../api/types";

export interface FormSubject {
  /** A stable key for the UI (e.g. "s03", "g1-1/s01", "c2"). */
  key: string;
  label: string;
  /** Query of GET …/templates/{form}. */
  query: Record<string, string>;
}

export interface FormChoice {
  form: FormSlug;
  /** "附件4 过程督查评分表" */
  label: string;
  subjects: FormSubject[];
}

export const formNames: Record<FormSlug, string> = {
  evaluation: "附件1 督查评估表",
  schedule: "附件2 片区安排表",
  "self-check": "附件3 校本研修自查表",
  "peer-scores": "附件4 过程督查评分表",
  records: "附件5 过程督查情况记录表",
};

export const roleNames: Record<Role, string> = {
  office: "督查工作办公室",
  inspector: "督查组成员",
  school: "学校",
};

export function roleName(role: Role | null | undefined): string {
  return role ? roleNames[role] : "未在名单中";
}

interface SchoolPlace {
  id: string;
  name: string;
  areaId: string;
  group: number;
}

export function schoolsOf(campaign: CampaignDocument): SchoolPlace[] {
  return campaign.groups.flatMap((g) =>
    g.areas.flatMap((a) => a.schools.map((s) => ({ id: s.id, name: s.name, areaId: a.id, group: Number(g.number) }))));
}

/** The forms `me` may fill in `campaign`, each with the subjects to choose from (one for a school's own forms). */
export function formsFor(me: SignedInUser, campaign: CampaignDocument): FormChoice[] {
  const schools = schoolsOf(campaign);
  const categories = campaign.rubric.categories;
  const membership = me.campaigns.find((c) => c.id === campaign.id);
  const role = membership?.role ?? me.role;
  const schoolId = membership?.schoolId ?? me.schoolId;
  const groups = (membership?.groups ?? me.groups).map(Number);
  const perSchool = (list: SchoolPlace[]): FormSubject[] =>
    list.map((s) => ({ key: s.id, label: s.name, query: { school: s.id } }));

  if (role === "school" && schoolId) {
    const own = schools.find((s) => s.id === schoolId);
    if (!own) return [];
    return [
      { form: "self-check", label: formNames["self-check"], subjects: perSchool([own]) },
      {
        form: "peer-scores", label: formNames["peer-scores"],
        subjects: [{ key: `${own.areaId}/${own.id}`, label: `片区 ${own.areaId}（${own.name}填写）`, query: { area: own.areaId, school: own.id } }],
      },
      { form: "evaluation", label: `${formNames.evaluation}（自评）`, subjects: perSchool([own]) },
    ];
  }

  if (role === "inspector") {
    const mine = schools.filter((s) => groups.includes(s.group));
    return [
      { form: "evaluation", label: formNames.evaluation, subjects: perSchool(mine) },
      {
        form: "records", label: formNames.records,
        subjects: categories.map((c) => ({ key: c.id, label: `${c.name}（${Number(c.max)}分）`, query: { category: c.id, ...(me.upn ? { inspector: me.upn } : {}) } })),
      },
    ];
  }

  if (role === "office") {
    return [
      { form: "evaluation", label: formNames.evaluation, subjects: perSchool(schools) },
      { form: "self-check", label: formNames["self-check"], subjects: perSchool(schools) },
      {
        form: "peer-scores", label: formNames["peer-scores"],
        subjects: schools.map((s) => ({ key: `${s.areaId}/${s.id}`, label: `片区 ${s.areaId} · ${s.name}填写`, query: { area: s.areaId, school: s.id } })),
      },
      {
        form: "records", label: formNames.records,
        subjects: categories.map((c) => ({ key: c.id, label: `${c.name}（${Number(c.max)}分）`, query: { category: c.id } })),
      },
      { form: "schedule", label: formNames.schedule, subjects: [{ key: "schedule", label: "全区", query: {} }] },
    ];
  }

  return [];
}
