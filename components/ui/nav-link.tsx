import Link from "next/link";
import type { ComponentProps } from "react";

/** Quiet grey text on a faint hover background: nav links, the review bar, ghost buttons. */
export const QUIET_INTERACTIVE =
  "text-stone-600 hover:bg-stone-200/60 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100";

const SIZES = { md: "px-2 py-1.5 sm:px-3", sm: "px-2 py-1" };
type Size = keyof typeof SIZES;

/** A nav item's classes, for the buttons that sit among the links (sign out, undo). */
export function navItemClass(size: Size = "md", className?: string): string {
  return `rounded-md ${SIZES[size]} ${QUIET_INTERACTIVE}${className ? ` ${className}` : ""}`;
}

/** A link in a bar of links. Its classes are joined, not merged (see cn). */
export function NavLink({ size = "md", className, ...props }: ComponentProps<typeof Link> & { size?: Size }) {
  return <Link className={navItemClass(size, className)} {...props} />;
}
