import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps, ReactNode } from "react";
import { buttonClass, type ButtonSize, type ButtonVariant } from "./classes";

export { buttonClass };

/**
 * A button. `pending` is for a press that waits on the server (starting a quiz, adding a deck,
 * about a second): the button is disabled and busy, and says what is happening beside a small
 * turning ring, so the wait does not read as a dead button.
 */
export function Button({
  variant = "primary",
  size = "md",
  className = "",
  pending = false,
  pendingText,
  disabled,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  pending?: boolean;
  /** What the button says while pending ("Starting quiz…"); its usual text if not given. */
  pendingText?: ReactNode;
}) {
  return (
    <button
      className={buttonClass(variant, size, className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending ? (
        <>
          <span
            aria-hidden="true"
            data-testid="button-pending"
            className="size-3.5 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent motion-reduce:animate-none"
          />
          {pendingText ?? children}
        </>
      ) : (
        children
      )}
    </button>
  );
}

export function LinkButton({
  variant = "primary",
  size = "md",
  className = "",
  ...props
}: ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link className={buttonClass(variant, size, className)} {...props} />;
}
