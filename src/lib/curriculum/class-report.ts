import type { LessonProgress } from './progress';
import { allSteps } from './progress';
import { TRIAGE_LEVELS, type Curriculum, type DecisionStep, type LocalText, type QuizStep, type Step, type TriageLevel, type TriageStep } from './schema';

/**
 * What a class did in one curriculum, for the instructor's discussion screen: how far everyone got at
 * each step, how the class answered each quiz, where they placed each dataset of the triage (with their
 * memos), and the survey before against after. Pure: progress records in, counts out.
 */
export interface ClassReport {
  trainees: number;
  steps: { step: Step; done: number; passed: number; attempts: number }[];
  quizzes: { step: QuizStep; answered: number; choices: { text: LocalText; correct: boolean; count: number }[] }[];
  triage: {
    step: TriageStep;
    datasets: { id: string; name: LocalText; answer: TriageLevel; acceptable: TriageLevel[]; counts: Record<TriageLevel, number>; memos: { trainee: string; level: TriageLevel; note: string }[] }[];
  }[];
  survey: { id: string; text: LocalText; pre: Mean; post: Mean; paired: number; change: number | null }[];
  /** Managers' decisions: how many chose each option, and everyone's reasons, to discuss. */
  decisions: { step: DecisionStep; options: { label: LocalText; count: number }[]; reasons: { trainee: string; text: string }[] }[];
}

export interface Mean {
  n: number;
  mean: number | null;
  /** How many answered 1, 2, 3, 4, 5. */
  histogram: number[];
}

const meanOf = (values: number[]): Mean => {
  const histogram = [0, 0, 0, 0, 0];
  for (const v of values) if (v >= 1 && v <= 5) histogram[Math.round(v) - 1]!++;
  return { n: values.length, mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, histogram };
};

export function classReport(curriculum: Curriculum, progresses: readonly LessonProgress[]): ClassReport {
  const mine = progresses.filter((p) => p.curriculumId === curriculum.id);
  const steps = allSteps(curriculum);
  const records = (step: Step) => mine.map((p) => p.steps[step.id]);

  const quizzes = steps.flatMap((step) => {
    if (step.kind !== 'quiz') return [];
    const answers = records(step).flatMap((r) => (r?.answer?.kind === 'quiz' ? [r.answer.chosen] : []));
    return [{ step, answered: answers.length, choices: step.choices.map((text, i) => ({ text, correct: step.correct.includes(i), count: answers.filter((a) => a.includes(i)).length })) }];
  });

  const triage = steps.flatMap((step) => {
    if (step.kind !== 'triage') return [];
    const answers = mine.flatMap((p) => (p.steps[step.id]?.answer?.kind === 'triage' ? [{ trainee: p.trainee, answer: p.steps[step.id]!.answer as Extract<NonNullable<(typeof p.steps)[string]['answer']>, { kind: 'triage' }> }] : []));
    return [
      {
        step,
        datasets: step.datasets.map((d) => {
          const counts = Object.fromEntries(TRIAGE_LEVELS.map((l) => [l, 0])) as Record<TriageLevel, number>;
          const memos: { trainee: string; level: TriageLevel; note: string }[] = [];
          for (const { trainee, answer } of answers) {
            const level = answer.choices[d.id];
            if (!level) continue;
            counts[level]++;
            const note = answer.notes[d.id]?.trim();
            if (note) memos.push({ trainee, level, note });
          }
          return { id: d.id, name: d.name, answer: d.answer, acceptable: (d.acceptable ?? []).map((a) => a.level), counts, memos };
        }),
      },
    ];
  });

  // Scale questions, matched by id between the pre and post surveys; the change is over trainees who answered both.
  const surveySteps = steps.filter((s) => s.kind === 'survey');
  const questions = new Map<string, LocalText>();
  for (const s of surveySteps) for (const q of s.questions) if (q.type === 'scale' && !questions.has(q.id)) questions.set(q.id, q.text);
  const answerOf = (p: LessonProgress, phase: 'pre' | 'post', id: string): number | undefined => {
    for (const s of surveySteps) {
      if (s.phase !== phase) continue;
      const answer = p.steps[s.id]?.answer;
      const value = answer?.kind === 'survey' ? answer.answers[id] : undefined;
      if (typeof value === 'number') return value;
    }
    return undefined;
  };
  const survey = [...questions].map(([id, text]) => {
    const pre = mine.map((p) => answerOf(p, 'pre', id)).filter((v): v is number => v !== undefined);
    const post = mine.map((p) => answerOf(p, 'post', id)).filter((v): v is number => v !== undefined);
    const pairs = mine.flatMap((p) => {
      const a = answerOf(p, 'pre', id), b = answerOf(p, 'post', id);
      return a !== undefined && b !== undefined ? [b - a] : [];
    });
    return { id, text, pre: meanOf(pre), post: meanOf(post), paired: pairs.length, change: pairs.length ? pairs.reduce((x, y) => x + y, 0) / pairs.length : null };
  });

  const decisions = steps.flatMap((step) => {
    if (step.kind !== 'decision') return [];
    const answers = mine.flatMap((p) => {
      const answer = p.steps[step.id]?.answer;
      return answer?.kind === 'decision' ? [{ trainee: p.trainee, chosen: answer.chosen, text: answer.text }] : [];
    });
    return [{ step, options: step.options.map((o) => ({ label: o.label, count: answers.filter((a) => a.chosen.includes(o.id)).length })), reasons: answers.map(({ trainee, text }) => ({ trainee, text })) }];
  });

  return {
    decisions,
    trainees: mine.length,
    steps: steps.map((step) => {
      const rs = records(step);
      return { step, done: rs.filter((r) => r?.done).length, passed: rs.filter((r) => r?.passed).length, attempts: rs.reduce((sum, r) => sum + (r?.attempts ?? 0), 0) };
    }),
    quizzes,
    triage,
    survey,
  };
}
