"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { CreateQuizAction, CreateQuizRequest } from "./requests";

/** One click to a new quiz (a confused pair, the misses of a quiz): creates it and opens it. */
export function StartQuizButton({
  action,
  request,
  children,
  variant = "primary",
  testId,
}: {
  action: CreateQuizAction;
  request: CreateQuizRequest;
  children: React.ReactNode;
  variant?: "primary" | "secondary";
  testId?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const start = () =>
    startTransition(async () => {
      setError(null);
      const result = await action(request).catch(() => null);
      if (result?.ok) router.push(`/quiz/${result.data.quizId}`);
      else setError(result ? result.error : "The server did not answer. Please try again.");
    });
  return (
    <div className="flex flex-col items-start gap-2">
      <Button type="button" variant={variant} onClick={start} pending={pending} pendingText="Starting quiz…" data-testid={testId}>
        {children}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
