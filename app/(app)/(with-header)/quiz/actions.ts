"use server";

import { authAction } from "@/lib/server/action";
import { answerQuestion, createQuiz } from "@/lib/server/quiz/quizzes";
import { AnswerQuizSchema, CreateQuizSchema } from "@/lib/validation/quiz";

export const createQuizAction = authAction(CreateQuizSchema, (input, user) => createQuiz(user.id, input, new Date()));

export const answerQuizAction = authAction(AnswerQuizSchema, (input, user) => answerQuestion(user.id, input, new Date()));
