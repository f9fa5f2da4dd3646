import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { requireUser } from "@/lib/server/auth";
import { NotFoundError } from "@/lib/server/errors";
import { getQuiz } from "@/lib/server/quiz/quizzes";
import { answerQuizAction, createQuizAction } from "../actions";

export const metadata: Metadata = { title: "Quiz" };

export default async function QuizPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const quiz = await getQuiz(user.id, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const answered = quiz.feedback.filter((f) => f !== null).length;
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:px-5 sm:py-10">
      {/* Keyed by the answers the server has: a refresh after a refused replay starts from them. */}
      <QuizRunner key={answered} quiz={quiz} answerAction={answerQuizAction} createAction={createQuizAction} />
    </main>
  );
}
