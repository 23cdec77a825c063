import { type BotMessage } from '../cardTypes.ts';
import { type WeeklyAttendanceChartView } from '../charts/weeklyAttendanceChart.ts';
import { CardTooLargeError, cardTemplate } from '../fillCard.ts';

export interface LabelledValue {
  label: string;
  value: string;
}

export interface PupilCardFinding {
  title: string;
  reason: string;
  nextStep: string;
  citation: string;
}

export interface PupilCardData {
  name: string;
  /** "Year 9 · 9B · UPN A123..." */
  subtitle: string;
  school: string;
  asOfLabel: string;
  policyName: string;
  privacyLabel: string;
  periodLabel: string;
  measures: LabelledValue[];
  /** Context flags; empty (and the section hidden) in the limited view. */
  context: LabelledValue[];
  hasContext: boolean;
  findingsTitle: string;
  findings: PupilCardFinding[];
  limitedNote: string;
  /** Attendance week by week over the period, with its fallback facts; shown when `hasChart`. */
  hasChart: boolean;
  chart: WeeklyAttendanceChartView;
  weekCount: number;
  /**
   * One row per school week: its Monday ("10 Nov") and a cell per weekday, Monday to Friday ("/\", "NN",
   * or a dash where there was no session), drawn as a grid so a reader can scan down a day.
   */
  weeks: { label: string; days: { code: string }[] }[];
  marksKey: string;
  /**
   * Buttons into the decisions feature about part-time timetables (full view only): record one, or open one
   * in place. `verb` is the decisions feature's; `kind` and `start` are blank where the verb needs none.
   */
  partTimeButtons?: { title: string; verb: string; kind: string; schoolUrn: string; upn: string; start: string }[];
}

const template = cardTemplate<PupilCardData & { fallbackText: string }>(new URL('./pupilCard.json', import.meta.url));

export function pupilCardText(data: PupilCardData): string {
  return [
    `${data.name} (${data.subtitle}), ${data.school}, ${data.asOfLabel}.`,
    data.measures.map((m) => `${m.label}: ${m.value}`).join('; '),
    ...(data.findings.length === 0
      ? ['No findings.']
      : data.findings.map((f) => `- ${f.title}: ${f.reason} Next step: ${f.nextStep} (${f.citation})`)),
    data.limitedNote,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** One pupil: measures, every finding with its reason and citation, and recent marks. */
export function pupilCard(data: PupilCardData): BotMessage {
  const text = pupilCardText(data);
  const filled = { ...data, partTimeButtons: data.partTimeButtons ?? [] };
  try {
    return { text, card: template.fill({ ...filled, fallbackText: text }) };
  } catch (err) {
    // A whole year of weeks beside many findings can pass Teams' 28 KB: the chart goes first, since the
    // measures above it carry the year's figure.
    if (!(err instanceof CardTooLargeError) || !data.hasChart) throw err;
    return { text, card: template.fill({ ...filled, hasChart: false, fallbackText: text }) };
  }
}
