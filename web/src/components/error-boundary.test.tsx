import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary';

function Broken(): never {
  throw new Error('render failed');
}

describe('ErrorBoundary', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows its children while they render', () => {
    render(<ErrorBoundary><p>The page</p></ErrorBoundary>);
    expect(screen.getByText('The page')).toBeInTheDocument();
  });

  it('replaces a part that fails to render with words and a reload button', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reload = vi.fn();
    render(<ErrorBoundary reload={reload}><Broken /></ErrorBoundary>);

    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong on this page');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reload the page' }));
    expect(reload).toHaveBeenCalledOnce();
  });
});
