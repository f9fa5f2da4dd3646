import Link from "next/link";
import { NavLink, navItemClass } from "@/components/ui/nav-link";

/** The study pages, in the order people use them. */
const MAIN_LINKS = [
  { href: "/review", label: "Review" },
  { href: "/quiz", label: "Quiz" },
  { href: "/decks", label: "Decks" },
  { href: "/cards", label: "Cards" },
  { href: "/stats", label: "Stats" },
] as const;

/**
 * The top bar of signed-in pages: the wordmark and the account on one row, the study pages on a
 * second row on a phone (seven items do not fit 390 px in one) and beside them from `sm` up.
 * `signOutAction` arrives as a prop: components never import the server layer.
 */
export function SiteHeader({ username, signOutAction }: { username: string; signOutAction: () => Promise<void> }) {
  return (
    <header className="border-b border-stone-200 dark:border-stone-800">
      <div className="mx-auto grid max-w-3xl grid-cols-[auto_1fr] items-center gap-x-2 gap-y-1 px-4 py-2 sm:grid-cols-[auto_1fr_auto] sm:px-5 sm:py-3">
        <Link
          href="/"
          className="col-start-1 row-start-1 font-serif text-xl font-semibold tracking-tight text-accent-600 dark:text-accent-400"
        >
          Mesa
        </Link>
        <nav
          aria-label="Main"
          className="col-span-2 col-start-1 row-start-2 -mx-2 flex items-center gap-1 text-sm whitespace-nowrap sm:col-span-1 sm:col-start-2 sm:row-start-1 sm:mx-0 sm:justify-end"
        >
          {MAIN_LINKS.map((link) => (
            <NavLink key={link.href} href={link.href}>
              {link.label}
            </NavLink>
          ))}
        </nav>
        <div className="col-start-2 row-start-1 flex min-w-0 items-center justify-end gap-0.5 text-sm whitespace-nowrap sm:col-start-3 sm:gap-1 sm:border-l sm:border-stone-200 sm:pl-2 dark:sm:border-stone-800">
          <NavLink href="/account" className="max-w-[9rem] truncate sm:max-w-[10rem]" title="Account">
            {username}
          </NavLink>
          <form action={signOutAction}>
            <button type="submit" className={navItemClass()}>
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
