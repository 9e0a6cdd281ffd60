import type { SignedInUser } from '../features/auth/sign-in-gate';

/** The bar above both pages: what the page is, who is signed in, and signing out. */
export function TopBar({ title, user }: { title: string; user: SignedInUser }) {
  return (
    <header className="top-bar">
      <p className="brand">
        <span className="brand__mark" aria-hidden="true">☎</span> {title}
      </p>
      <div className="top-bar__user">
        <span className="top-bar__email" aria-label={`Signed in as ${user.email}`}>{user.email}</span>
        <button type="button" className="button button--quiet" onClick={user.signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
