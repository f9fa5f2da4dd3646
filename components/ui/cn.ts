import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names, and where two Tailwind classes set the same property the later one wins, so a
 * `className` passed in overrides a component's default. tailwind-merge is 8.4 KiB gzipped, so cn
 * is for server components. The kit components that are also drawn inside client components
 * (Card, NavLink) take variants instead of overrides and only join strings, so the review page
 * carries neither library.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
