import Link from "next/link";

/** The top bar of signed-in pages. `signOutAction` arrives as a prop: components never import the server layer. */
export function SiteHeader({ username, signOutAction }: { username: string; signOutAction: () => Promise<void> }) {
  return (
    <header className="border-b border-stone-200 dark:border-stone-800">
      <div className="mx-auto flex max-w-3xl items-center justify-between gap-2 px-4 py-3 sm:px-5">
        <Link href="/" className="font-serif text-xl font-semibold tracking-tight text-accent-600 dark:text-accent-400">
          Mesa
        </Link>
        <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 text-sm whitespace-nowrap sm:gap-1">
          <Link href="/review" className="rounded-md px-2 py-1.5 sm:px-3 text-stone-600 hover:bg-stone-200/60 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100">
            Review
          </Link>
          <Link
            href="/account"
            className="max-w-[7rem] truncate rounded-md px-2 sm:max-w-[12rem] sm:px-3 py-1.5 text-stone-600 hover:bg-stone-200/60 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100"
            title="Account"
          >
            {username}
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md px-2 py-1.5 sm:px-3 text-stone-600 hover:bg-stone-200/60 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100">
              Sign out
            </button>
          </form>
        </nav>
      </div>
    </header>
  );
}
