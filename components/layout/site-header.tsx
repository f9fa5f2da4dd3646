import Link from "next/link";
import { NavLink, navItemClass } from "@/components/ui/nav-link";

/** The top bar of signed-in pages. `signOutAction` arrives as a prop: components never import the server layer. */
export function SiteHeader({ username, signOutAction }: { username: string; signOutAction: () => Promise<void> }) {
  return (
    <header className="border-b border-stone-200 dark:border-stone-800">
      <div className="mx-auto flex max-w-3xl items-center justify-between gap-2 px-4 py-3 sm:px-5">
        <Link href="/" className="font-serif text-xl font-semibold tracking-tight text-accent-600 dark:text-accent-400">
          Mesa
        </Link>
        <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 text-sm whitespace-nowrap sm:gap-1">
          <NavLink href="/review">Review</NavLink>
          <NavLink href="/decks">Decks</NavLink>
          <NavLink href="/account" className="max-w-[7rem] truncate sm:max-w-[12rem]" title="Account">
            {username}
          </NavLink>
          <form action={signOutAction}>
            <button type="submit" className={navItemClass()}>
              Sign out
            </button>
          </form>
        </nav>
      </div>
    </header>
  );
}
