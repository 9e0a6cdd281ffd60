interface ConfigProblemProps {
  problems: string[];
}

/** Shown instead of the page when config.json is missing or incomplete. */
export function ConfigProblem({ problems }: ConfigProblemProps) {
  return (
    <main className="page page--narrow">
      <section className="card" role="alert" aria-labelledby="config-problem-title">
        <h1 id="config-problem-title">This page is not configured</h1>
        <p>
          The site&apos;s <code>config.json</code> has problems, so this page cannot be used:
        </p>
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
        <p className="muted">The keys are described in docs/CONFIGURATION.md.</p>
      </section>
    </main>
  );
}
