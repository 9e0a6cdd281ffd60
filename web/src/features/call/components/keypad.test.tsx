import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Keypad } from './keypad';

describe('Keypad', () => {
  it('has the twelve keys of a phone, named for screen readers', () => {
    render(<Keypad enabled digitsSent="" onDigit={vi.fn()} />);

    const keys = within(screen.getByRole('group', { name: 'Send tones' })).getAllByRole('button');
    expect(keys.map((key) => key.getAttribute('aria-label'))).toEqual([
      'Send 1', 'Send 2', 'Send 3', 'Send 4', 'Send 5', 'Send 6',
      'Send 7', 'Send 8', 'Send 9', 'Send star', 'Send 0', 'Send pound',
    ]);
  });

  it('sends clicked keys and keys typed outside form fields', async () => {
    const onDigit = vi.fn();
    render(
      <>
        <label>
          Note <input />
        </label>
        <Keypad enabled digitsSent="" onDigit={onDigit} />
      </>,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Send pound' }));
    await userEvent.keyboard('7*x');
    await userEvent.type(screen.getByRole('textbox', { name: 'Note' }), '9');

    expect(onDigit.mock.calls.map(([digit]) => digit)).toEqual(['#', '7', '*']);
  });

  it('shows the digits sent', () => {
    render(<Keypad enabled digitsSent="12#" onDigit={vi.fn()} />);

    expect(screen.getByRole('status', { name: 'Digits sent' })).toHaveTextContent('12#');
  });

  it('sends nothing while disabled', async () => {
    const onDigit = vi.fn();
    render(<Keypad enabled={false} digitsSent="" onDigit={onDigit} />);

    await userEvent.keyboard('1');

    expect(onDigit).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send 1' })).toBeDisabled();
  });
});
