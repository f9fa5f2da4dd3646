import Link from "next/link";
import type { ComponentProps } from "react";
import { navItemClass, type NavSize } from "./classes";

export { navItemClass };

/** A link in a bar of links. Its classes are joined, not merged (see cn). */
export function NavLink({ size = "md", className, ...props }: ComponentProps<typeof Link> & { size?: NavSize }) {
  return <Link className={navItemClass(size, className)} {...props} />;
}
