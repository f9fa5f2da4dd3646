/*
 * The kit's class strings, in a module that imports nothing. Client components that only need the
 * look (the error pages' buttons, the review bar's Undo) take it from here: button.tsx and
 * nav-link.tsx import next/link, and every client entry that imports next/link ships its own copy of
 * it, since the bundler does not share modules between a page's client entries.
 */

/** Quiet grey text on a faint hover background: nav links, the review bar, ghost buttons. */
export const QUIET_INTERACTIVE =
  "text-stone-600 hover:bg-stone-200/60 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100";

const NAV_SIZES = { md: "px-2 py-1.5 sm:px-3", sm: "px-2 py-1" };
export type NavSize = keyof typeof NAV_SIZES;

/** A nav item's classes, for the buttons that sit among the links (sign out, undo). */
export function navItemClass(size: NavSize = "md", className?: string): string {
  return `rounded-md ${NAV_SIZES[size]} ${QUIET_INTERACTIVE}${className ? ` ${className}` : ""}`;
}

export type ButtonVariant = "primary" | "secondary" | "ghost";

const BUTTON_BASE =
  "inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50";
const BUTTON_VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-accent-600 text-white hover:bg-accent-700 dark:bg-accent-400 dark:hover:bg-accent-300 dark:text-stone-950",
  secondary:
    "border border-stone-300 bg-white text-stone-800 hover:bg-stone-100 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100 dark:hover:bg-stone-800",
  ghost: QUIET_INTERACTIVE,
};
const BUTTON_SIZES = { md: "px-4 py-2 text-sm", lg: "px-6 py-3 text-base" };
export type ButtonSize = keyof typeof BUTTON_SIZES;

export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra = ""): string {
  return `${BUTTON_BASE} ${BUTTON_VARIANTS[variant]} ${BUTTON_SIZES[size]} ${extra}`;
}

/** A text input's or a select's box: Field and SelectField. */
export const FIELD_CONTROL =
  "block w-full min-w-0 rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 shadow-sm placeholder:text-stone-400 focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30 aria-invalid:border-red-500 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100";
