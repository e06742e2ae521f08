import type { Curriculum, LocalText, Step, TriageLevel } from './schema';
import { csvTable } from '../io/export-data';
import { triageVerdict } from './checks';

/**
 * A trainee's progress through one curriculum: where they are, and what they answered in each step.
 * Saved in IndexedDB (persistence/exercise-store.ts) and carried in work files to the instructor.
 */
export interface StepRecord {
  /** Finished: read, answered, passed, or submitted. */
  done: boolean;
  /** Quizzes and checked tasks: whether the last answer was right. */
  passed?: boolean;
  attempts: number;
  answer?: StepAnswer;
  completedAt?: string;
}

export type StepAnswer =
  | { kind: 'quiz'; chosen: number[] }
  | { kind: 'triage'; choices: Record<string, TriageLevel>; notes: Record<string, string> }
  | { kind: 'text'; text: string }
  /** A manager's decision: the options chosen and why. */
  | { kind: 'decision'; chosen: string[]; text: string }
  | { kind: 'survey'; answers: Record<string, number | string> }
  /** Map and IMC tasks: the exercise the trainee worked in, and the checks' messages at the last try. */
  /** `passedExerciseId`: the copy of the map kept when the step passed (what the instructor sees). */
  | { kind: 'task'; exerciseId: string; passedExerciseId?: string; messages: string[] };

export interface LessonProgress {
  id: string;
  trainee: string;
  curriculumId: string;
  curriculumVersion: string;
  curriculumTitle: LocalText;
  level: Curriculum['level'];
  startedAt: string;
  updatedAt: string;
  /** The step the trainee is on (indexes into lessons and their steps). */
  position: { lesson: number; step: number };
  steps: Record<string, StepRecord>;
  /** The exercise made for this curriculum's map tasks, so they never mix with the trainee's own work. */
  exerciseId?: string;
  /** Each map or IMC task's own exercise, by step id (made when the task is first reached). */
  taskExercises?: Record<string, string>;
}

export function newProgress(id: string, trainee: string, curriculum: Curriculum, now: Date, exerciseId?: string): LessonProgress {
  return {
    ...(exerciseId ? { exerciseId } : {}),
    id,
    trainee: trainee.trim(),
    curriculumId: curriculum.id,
    curriculumVersion: curriculum.version,
    curriculumTitle: curriculum.title,
    level: curriculum.level,
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    position: { lesson: 0, step: 0 },
    steps: {},
  };
}

export const allSteps = (curriculum: Curriculum): Step[] => curriculum.lessons.flatMap((l) => l.steps);

export interface ProgressSummary {
  done: number;
  total: number;
  /** Quizzes answered right / quizzes. */
  quizzesRight: number;
  quizzes: number;
  /** Map and IMC tasks whose checks passed / such tasks. */
  tasksPassed: number;
  tasks: number;
  /** Triage datasets placed at the model answer, at a defensible alternative / datasets placed. */
  triageRight: number;
  triageAcceptable: number;
  triageTotal: number;
  complete: boolean;
}

export function summarize(progress: LessonProgress, curriculum: Curriculum): ProgressSummary {
  const steps = allSteps(curriculum);
  const record = (s: Step) => progress.steps[s.id];
  const quizzes = steps.filter((s) => s.kind === 'quiz');
  const tasks = steps.filter((s) => s.kind === 'map-task' || s.kind === 'imc-task');
  let triageRight = 0, triageAcceptable = 0, triageTotal = 0;
  for (const step of steps) {
    const answer = record(step)?.answer;
    if (step.kind !== 'triage' || answer?.kind !== 'triage') continue;
    for (const dataset of step.datasets) {
      if (!answer.choices[dataset.id]) continue;
      triageTotal++;
      const verdict = triageVerdict(dataset, answer.choices[dataset.id]);
      if (verdict === 'expected') triageRight++;
      else if (verdict === 'acceptable') triageAcceptable++;
    }
  }
  const done = steps.filter((s) => record(s)?.done).length;
  return {
    done,
    total: steps.length,
    quizzesRight: quizzes.filter((s) => record(s)?.passed).length,
    quizzes: quizzes.length,
    tasksPassed: tasks.filter((s) => record(s)?.passed).length,
    tasks: tasks.length,
    triageRight,
    triageAcceptable,
    triageTotal,
    complete: done === steps.length,
  };
}

/** The answers to the pre and post surveys, question id → [pre, post]. */
export function surveyAnswers(progress: LessonProgress, curriculum: Curriculum): Map<string, { text: LocalText; pre?: number | string; post?: number | string }> {
  const result = new Map<string, { text: LocalText; pre?: number | string; post?: number | string }>();
  for (const step of allSteps(curriculum)) {
    if (step.kind !== 'survey') continue;
    const answer = progress.steps[step.id]?.answer;
    for (const question of step.questions) {
      const entry = result.get(question.id) ?? { text: question.text };
      if (answer?.kind === 'survey' && question.id in answer.answers) entry[step.phase] = answer.answers[question.id];
      result.set(question.id, entry);
    }
  }
  return result;
}

/** An ISO time as Japan's local time in a form Excel reads as a date and time (2026-11-22 09:00). */
export const japanTime = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

const LEVEL_MARKS = { '1': 'Ⅰ', '2': 'Ⅱ', '3': 'Ⅲ' } as const;

/**
 * The instructors' summary: one row per trainee and curriculum, with progress and scores, then for each
 * curriculum its own columns: attempts at each checked step, each reflection's text, and every survey
 * question before and after (研修前後アンケート) headed by its text, for the training report. Times are
 * Japan's local time.
 */
export function summaryCsv(entries: readonly { progress: LessonProgress; curriculum: Curriculum }[]): string {
  const curricula = [...new Map(entries.map(({ curriculum }) => [curriculum.id, curriculum])).values()];
  // Columns are per curriculum: the same question id in two curricula is two questions.
  const mark = (c: Curriculum) => {
    const sameLevel = curricula.filter((o) => o.level === c.level).length > 1;
    return sameLevel ? `${LEVEL_MARKS[c.level]}(${c.id})` : LEVEL_MARKS[c.level];
  };
  type Column = { curriculumId: string; header: string; value: (p: LessonProgress) => string | number };
  const columns: Column[] = curricula.flatMap((c) => {
    const steps = allSteps(c);
    const attempts = steps
      .filter((s) => s.kind === 'quiz' || s.kind === 'map-task' || s.kind === 'imc-task' || s.kind === 'triage')
      .map((s): Column => ({ curriculumId: c.id, header: `${mark(c)} ${s.title.ja}（回数）`, value: (p) => p.steps[s.id]?.attempts ?? '' }));
    const reflections = steps
      .filter((s) => s.kind === 'reflection')
      .map((s): Column => ({ curriculumId: c.id, header: `${mark(c)} ${s.title.ja}`, value: (p) => (p.steps[s.id]?.answer?.kind === 'text' ? (p.steps[s.id]!.answer as { text: string }).text : '') }));
    // Level Ⅲ: each decision's chosen options (by their labels) and the reasons written, in two columns.
    const decisions = steps.flatMap((s): Column[] => {
      if (s.kind !== 'decision') return [];
      const answer = (p: LessonProgress) => (p.steps[s.id]?.answer?.kind === 'decision' ? (p.steps[s.id]!.answer as { chosen: string[]; text: string }) : undefined);
      return [
        { curriculumId: c.id, header: `${mark(c)} ${s.title.ja}（選択）`, value: (p) => (answer(p)?.chosen ?? []).map((id) => s.options.find((o) => o.id === id)?.label.ja ?? id).join('／') },
        { curriculumId: c.id, header: `${mark(c)} ${s.title.ja}（理由）`, value: (p) => answer(p)?.text ?? '' },
      ];
    });
    const questions = steps.flatMap((s) => (s.kind === 'survey' ? s.questions : []));
    const unique = [...new Map(questions.map((q) => [q.id, q])).values()];
    // Each answer under the question as it was asked then: a free question may be worded differently
    // before (この研修で身につけたいこと) and after (身につけたこと).
    const askedIn = (phase: 'pre' | 'post', id: string) => steps.flatMap((s) => (s.kind === 'survey' && s.phase === phase ? s.questions : [])).find((q) => q.id === id);
    const survey = unique.flatMap((q) =>
      (['pre', 'post'] as const).map((phase): Column => ({
        curriculumId: c.id,
        header: `${mark(c)} ${(askedIn(phase, q.id) ?? q).text.ja}（${phase === 'pre' ? '前' : '後'}）`,
        value: (p) => surveyAnswers(p, c).get(q.id)?.[phase] ?? '',
      })),
    );
    return [...attempts, ...decisions, ...reflections, ...survey];
  });
  const header = ['受講者', 'カリキュラム', '版', '開始（日本時間）', '最終更新（日本時間）', '完了ステップ', '全ステップ', '修了', 'クイズ正解', 'クイズ数', '地図・IMC課題合格', '課題数', 'トリアージ想定どおり', 'トリアージ妥当な別解', 'トリアージ回答', ...columns.map((c) => c.header)];
  const rows = entries.map(({ progress, curriculum }) => {
    const s = summarize(progress, curriculum);
    return [
      progress.trainee,
      curriculum.title.ja,
      progress.curriculumVersion,
      japanTime(progress.startedAt),
      japanTime(progress.updatedAt),
      s.done,
      s.total,
      s.complete ? '済' : '',
      s.quizzesRight,
      s.quizzes,
      s.tasksPassed,
      s.tasks,
      s.triageRight,
      s.triageAcceptable,
      s.triageTotal,
      ...columns.map((c) => (c.curriculumId === curriculum.id ? c.value(progress) : '')),
    ];
  });
  return csvTable(header, rows);
}
