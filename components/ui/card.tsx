import type { ComponentPropsWithoutRef, ElementType } from "react";

const SURFACE = "border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900";
const SIZES = {
  /** Small panels: counts, settings lists. */
  md: "rounded-2xl",
  /** The page's main panel: the card under review, today's summary. */
  lg: "rounded-3xl shadow-sm",
};

type CardProps<T extends ElementType> = { as?: T; size?: keyof typeof SIZES } & Omit<ComponentPropsWithoutRef<T>, "as" | "size">;

/**
 * The rounded, bordered white (dark: stone-900) panel. Callers add spacing and layout; the surface
 * itself comes from `size`, so nothing needs overriding and the classes are simply joined (see cn).
 */
export function Card<T extends ElementType = "div">({ as, size = "md", className, ...props }: CardProps<T>) {
  const Tag: ElementType = as ?? "div";
  return <Tag className={`${SURFACE} ${SIZES[size]}${className ? ` ${className}` : ""}`} {...props} />;
}
