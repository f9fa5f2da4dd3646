import type { ReactNode } from "react";

export function Alert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "info" }) {
  const colours =
    tone === "error"
      ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
      : "border-accent-100 bg-accent-50 text-accent-700 dark:border-accent-700/40 dark:bg-accent-700/10 dark:text-accent-300";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg border px-4 py-3 text-sm ${colours}`}>
      {children}
    </div>
  );
}
