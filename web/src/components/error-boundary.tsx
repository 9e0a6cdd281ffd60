import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Starts the page again (tests pass a spy). */
  reload?: () => void;
}

interface ErrorBoundaryState {
  error: Error | undefined;
}

/**
 * What the page shows when a part of it fails to render: a sentence and a way back, instead of a
 * blank window. A call in progress ends with the page (the caller's leg leaves its meeting).
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: undefined };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The page failed to render:', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    const reload = this.props.reload ?? (() => window.location.reload());
    return (
      <main className="page page--narrow">
        <section className="card" role="alert" aria-labelledby="page-failed-title">
          <h1 id="page-failed-title">Something went wrong on this page</h1>
          <p>The page stopped working. Reload it to start again; a call that was in progress has ended.</p>
          <button type="button" className="button" onClick={reload}>
            Reload the page
          </button>
        </section>
      </main>
    );
  }
}
