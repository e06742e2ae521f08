import type { Curriculum, LocalText, Step, TriageLevel } from './schema';
import { csvTable } from '../io/export-data';

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
  | { kind: 'survey'; answers: Record<string, number | string> }
  /** Map and IMC tasks: the exercise the trainee worked in, and the checks' messages at the last try. */
  | { kind: 'task'; exerciseId: string; messages: string[] };

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
  /** Triage datasets placed right / datasets placed. */
  triageRight: number;
  triageTotal: number;
  complete: boolean;
}

export function summarize(progress: LessonProgress, curriculum: Curriculum): ProgressSummary {
  const steps = allSteps(curriculum);
  const record = (s: Step) => progress.steps[s.id];
  const quizzes = steps.filter((s) => s.kind === 'quiz');
  const tasks = steps.filter((s) => s.kind === 'map-task' || s.kind === 'imc-task');
  let triageRight = 0, triageTotal = 0;
  for (const step of steps) {
    const answer = record(step)?.answer;
    if (step.kind !== 'triage' || answer?.kind !== 'triage') continue;
    for (const dataset of step.datasets) {
      if (!answer.choices[dataset.id]) continue;
      triageTotal++;
      if (answer.choices[dataset.id] === dataset.answer) triageRight++;
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

/**
 * The instructors' summary: one row per trainee and curriculum, with progress, scores, and every survey
 * question before and after (研修前後アンケート), for the training report.
 */
export function summaryCsv(entries: readonly { progress: LessonProgress; curriculum: Curriculum }[]): string {
  const surveys = entries.map(({ progress, curriculum }) => surveyAnswers(progress, curriculum));
  const questionIds = [...new Set(surveys.flatMap((survey) => [...survey.keys()]))];
  const header = ['受講者', 'カリキュラム', '版', '開始', '最終更新', '完了ステップ', '全ステップ', '修了', 'クイズ正解', 'クイズ数', '地図・IMC課題合格', '課題数', 'トリアージ正解', 'トリアージ回答', ...questionIds.flatMap((q) => [`${q}（前）`, `${q}（後）`])];
  const rows = entries.map(({ progress, curriculum }, i) => {
    const s = summarize(progress, curriculum);
    const survey = surveys[i]!;
    return [
      progress.trainee,
      curriculum.title.ja,
      progress.curriculumVersion,
      progress.startedAt,
      progress.updatedAt,
      s.done,
      s.total,
      s.complete ? '済' : '',
      s.quizzesRight,
      s.quizzes,
      s.tasksPassed,
      s.tasks,
      s.triageRight,
      s.triageTotal,
      ...questionIds.flatMap((q) => [survey.get(q)?.pre ?? '', survey.get(q)?.post ?? '']),
    ];
  });
  return csvTable(header, rows);
}
